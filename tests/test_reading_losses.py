"""Paths where the readers used to drop text without a record: each now reads it, or lists it with a reason."""

from __future__ import annotations

import zipfile
from pathlib import Path

from aligner.readers import read_plan
from tests.ledger_check import assert_ledger_complete
from tests.readers_fixtures import ACT, ACT_2, GOAL, GOAL_2, IND, make_docx, make_docx_xml, make_xlsx, w_p

THEME = "Ett tryggt och självständigt liv"


def kinds(plan):
    return [(s.id, s.kind, s.text, s.parent) for s in plan.statements]


def entry(plan, text):
    found = [e for e in plan.reading if e.text == text]
    assert len(found) == 1, (text, found)
    return found[0]


def check(path: Path):
    plan = read_plan(path)
    assert_ledger_complete(plan, path)
    return plan


def test_labelled_paragraphs_under_a_heading_of_any_wording_are_statements(tmp_path):
    plan = check(make_docx(tmp_path / "plan.docx", [
        ("h1", THEME),
        ("p", f"Mål: {GOAL}"),
        ("p", f"Aktivitet: {ACT}"),
        ("p", f"Indikator: {IND}"),
        ("h1", "3. Ekonomi i balans"),
        ("p", f"Mål 2: {GOAL_2}"),
    ]))
    assert kinds(plan) == [("M1", "goal", GOAL, None), ("A1", "activity", ACT, "M1"),
                           ("I1", "indicator", IND, "M1"), ("M2", "goal", GOAL_2, None)]
    assert entry(plan, THEME).outcome == "heading"


def test_numbered_goal_line_outside_any_section_is_a_goal(tmp_path):
    plan = check(make_docx(tmp_path / "plan.docx", [("p", "Inledande text om året som kommer."),
                                                      ("p", f"Mål 1: {GOAL}"), ("bullet", ACT)]))
    assert kinds(plan) == [("M1", "goal", GOAL, None), ("A1", "activity", ACT, "M1")]


def test_bullets_under_a_bold_goal_line_are_its_activities(tmp_path):
    plan = check(make_docx(tmp_path / "plan.docx", [
        ("h1", "Mål"), ("bold", GOAL), ("bullet", ACT), ("bullet", ACT_2),
        ("bold", GOAL_2), ("bullet", IND + " ska öka"),
    ]))
    assert [(s.kind, s.parent) for s in plan.statements] == [
        ("goal", None), ("activity", "M1"), ("activity", "M1"), ("goal", None), ("activity", "M2")]


def test_items_under_an_unknown_heading_without_a_goal_are_listed_with_the_reason(tmp_path):
    plan = check(make_docx(tmp_path / "plan.docx", [("h1", "Bakgrund"),
                                                      ("bullet", "Staden växer med många nya invånare")]))
    assert plan.statements == ()
    assert entry(plan, "Staden växer med många nya invånare").outcome == "skipped"
    assert "rubrik som inte säger" in plan.skipped[0].reason


def test_a_bold_ska_line_under_an_unknown_heading_is_read_as_a_goal_with_a_warning(tmp_path):
    plan = check(make_docx(tmp_path / "plan.docx", [("h1", THEME), ("bold", GOAL), ("bullet", ACT)]))
    assert [(s.kind, s.parent) for s in plan.statements] == [("goal", None), ("activity", "M1")]
    assert any("efter sin lydelse" in w for w in plan.warnings)


def test_a_goal_heading_under_a_theme_heading_is_read_by_its_wording_when_items_follow(tmp_path):
    plan = check(make_docx(tmp_path / "plan.docx", [
        ("h1", THEME), ("h2", GOAL), ("bullet", ACT), ("bullet", ACT_2),
        ("h2", "Staden ska växa med nya bostäder"), ("p", "Här beskrivs hur staden växer och varför det behövs."),
    ]))
    assert [(s.kind, s.text, s.parent) for s in plan.statements] == [
        ("goal", GOAL, None), ("activity", ACT, "M1"), ("activity", ACT_2, "M1")]
    assert any("efter sin lydelse" in w for w in plan.warnings)


def test_risk_section_lists_every_paragraph_and_reads_a_labelled_goal(tmp_path):
    plan = check(make_docx(tmp_path / "plan.docx", [
        ("h1", "Risker och internkontroll"),
        ("p", "Risken att inköp inte görs enligt gällande avtal."),
        ("bullet", "Åtgärd: Stickprov på inköp varje kvartal"),
        ("p", f"Mål: {GOAL}"),
    ]))
    assert kinds(plan) == [("M1", "goal", GOAL, None)]
    assert entry(plan, "Risken att inköp inte görs enligt gällande avtal.").outcome == "skipped"
    assert entry(plan, "Åtgärd: Stickprov på inköp varje kvartal").outcome == "skipped"
    assert any("risker/internkontroll" in w for w in plan.warnings)


def test_a_labelled_goal_heading_under_a_risk_heading_is_read(tmp_path):
    plan = check(make_docx(tmp_path / "plan.docx", [
        ("h1", "Risker och internkontroll"), ("h2", f"Mål 3: {GOAL}"), ("bullet", "Stickprov på inköp varje kvartal"),
    ]))
    assert kinds(plan) == [("M1", "goal", GOAL, None)]
    assert "risker/internkontroll" in entry(plan, "Stickprov på inköp varje kvartal").reason


def test_word_table_rows_above_the_header_and_headerless_tables_are_listed(tmp_path):
    plan = check(make_docx(tmp_path / "plan.docx", [
        ("table", [["Tabell 1: nämndens mål", ""], ["Mål", "Aktivitet"], [GOAL, ACT]]),
        ("table", [["Namn", "Utfall 2024"], ["Besök på biblioteken", "412 000"]]),
        ("table", [["Beslutad av", "Kulturnämnden"], ["Datum", "2024-12-12"]]),
    ]))
    assert kinds(plan) == [("M1", "goal", GOAL, None), ("A1", "activity", ACT, "M1")]
    assert entry(plan, "Tabell 1: nämndens mål").reason == "rad ovanför tabellens rubrikrad"
    assert entry(plan, "Besök på biblioteken").outcome == "skipped"
    assert "utan rubrikrad" in entry(plan, "Besök på biblioteken").reason
    assert entry(plan, "Kulturnämnden").outcome == "metadata"  # a cover block


def test_goal_cell_without_letters_is_listed_and_the_row_stays_with_the_goal_above(tmp_path):
    plan = check(make_xlsx(tmp_path / "plan.xlsx", {"Plan": [["Mål", "Aktivitet"], [GOAL, ACT], ["-", ACT_2]]}))
    assert [(s.text, s.parent) for s in plan.statements if s.kind == "activity"] == [(ACT, "M1"), (ACT_2, "M1")]
    assert "inga bokstäver" in entry(plan, "-").reason


def test_second_table_lower_on_a_sheet_is_read_under_its_own_header(tmp_path):
    plan = check(make_xlsx(tmp_path / "plan.xlsx", {"Plan": [
        ["Verksamhetsplan 2025"],
        ["Mål", "Aktivitet", "Ansvarig"],
        [GOAL, ACT, "Enhetschef"],
        [],
        ["Indikatorer"],
        ["Indikator", "Utfall 2024", "Målvärde 2027"],
        [IND, "40 %", "60 %"],
    ]}))
    assert kinds(plan) == [("M1", "goal", GOAL, None), ("A1", "activity", ACT, "M1"), ("I1", "indicator", IND, None)]
    indicator = plan.statements[-1]
    assert indicator.cells == (("Utfall 2024", "40 %"), ("Målvärde 2027", "60 %"))
    assert entry(plan, "Indikatorer").outcome == "heading"


def test_goals_are_never_children_of_goals_unless_the_plan_says_delmal(tmp_path):
    plan = check(make_xlsx(tmp_path / "plan.xlsx", {"Plan": [
        ["Övergripande mål", "Nämndmål", "Aktivitet"], [GOAL, GOAL_2, ACT]]}))
    assert [(s.kind, s.parent) for s in plan.statements] == [("goal", None), ("goal", None), ("activity", "M2")]
    plan = check(make_xlsx(tmp_path / "sub.xlsx", {"Plan": [["Mål", "Delmål", "Aktivitet"], [GOAL, GOAL_2, ACT]]}))
    assert [(s.kind, s.parent) for s in plan.statements] == [("goal", None), ("goal", "M1"), ("activity", "M2")]


def _numbered_docx(path: Path, body: str) -> Path:
    """A .docx whose list numId 7 shows "Mål 1:", "Mål 2:" (Word's automatic numbering) at level 0, bullets at 1."""
    import docx
    from docx.oxml import parse_xml

    make_docx_xml(path, body)
    document = docx.Document(str(path))
    numbering = document.part.numbering_part.element
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    abstract = parse_xml(
        f'<w:abstractNum {w} w:abstractNumId="77"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
        f'<w:lvlText w:val="Mål %1:"/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="bullet"/>'
        f'<w:lvlText w:val="•"/></w:lvl></w:abstractNum>')
    numbering.insert(0, abstract)
    numbering.append(parse_xml(f'<w:num {w} w:numId="7"><w:abstractNumId w:val="77"/></w:num>'))
    document.save(str(path))
    return path


def test_word_automatic_goal_numbering_makes_no_goal_a_child_of_another(tmp_path):
    body = "".join([
        w_p("Vad vill vi uppnå", "Heading1"),
        w_p(GOAL, num=(7, 0)), w_p(ACT, num=(7, 1)), w_p(ACT_2, num=(7, 1)),
        w_p(GOAL_2, num=(7, 0)), w_p("Införa digitala bokningar i alla bibliotek", num=(7, 1)),
    ])
    plan = check(_numbered_docx(tmp_path / "plan.docx", body))
    assert [(s.id, s.label, s.parent) for s in plan.statements] == [
        ("M1", "Mål 1:", None), ("A1", "•", "M1"), ("A2", "•", "M1"), ("M2", "Mål 2:", None), ("A3", "•", "M2")]


def test_numbered_goals_under_a_theme_heading_read_by_their_numbering_label(tmp_path):
    body = "".join([w_p(THEME, "Heading1"), w_p(GOAL, num=(7, 0)), w_p(ACT, num=(7, 1)), w_p(GOAL_2, num=(7, 0))])
    plan = check(_numbered_docx(tmp_path / "plan.docx", body))
    assert [(s.kind, s.parent) for s in plan.statements] == [("goal", None), ("activity", "M1"), ("goal", None)]


TEXT_BOX = (
    '<w:p><w:r><w:t>Ankare</w:t></w:r><w:r>'
    '<mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
    '<mc:Choice Requires="wps"><w:drawing><wp:anchor xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/'
    'wordprocessingDrawing"><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
    '<a:graphicData><wps:wsp xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
    '<wps:txbx><w:txbxContent>{inner}</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic>'
    '</wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml">'
    '<v:textbox><w:txbxContent>{inner}</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>'
    '</mc:AlternateContent></w:r></w:p>'
)


def test_text_box_paragraphs_are_read_once_with_a_warning(tmp_path):
    inner = w_p(f"Mål: {GOAL}") + w_p(f"Aktivitet: {ACT}")
    body = w_p("Mål", "Heading1") + TEXT_BOX.format(inner=inner)
    plan = check(make_docx_xml(tmp_path / "plan.docx", body))
    assert [(s.kind, s.text, s.parent, s.ref.textbox) for s in plan.statements] == [
        ("goal", GOAL, None, 1), ("activity", ACT, "M1", 1)]
    assert str(plan.statements[0].ref) == "plan.docx, textruta 1, stycke 1"  # counted from 1, as a person counts
    assert any("textruta" in w for w in plan.warnings)


ODF_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"')


def _odf(path: Path, body: str, mimetype: str) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", mimetype)
        archive.writestr("content.xml", f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ODF_NS}>'
                                        f"<office:body>{body}</office:body></office:document-content>")
    return path


def test_odf_frames_and_numbered_paragraphs_are_read(tmp_path):
    body = ("<office:text><text:h text:outline-level='1'>Mål</text:h>"
            f"<text:numbered-paragraph text:level='1'><text:p>{GOAL}</text:p></text:numbered-paragraph>"
            f"<text:p>Ankare<draw:frame><draw:text-box><text:p>Mål: {GOAL_2}</text:p></draw:text-box></draw:frame>"
            "</text:p></office:text>")
    plan = check(_odf(tmp_path / "plan.odt", body, "application/vnd.oasis.opendocument.text"))
    assert [(s.kind, s.text, s.ref.textbox) for s in plan.statements] == [("goal", GOAL, None), ("goal", GOAL_2, 1)]


def _cell(text: str = "", repeat: int = 1) -> str:
    attr = f" table:number-columns-repeated='{repeat}'" if repeat > 1 else ""
    return f"<table:table-cell{attr}><text:p>{text}</text:p></table:table-cell>" if text else \
        f"<table:table-cell{attr}/>"


def test_ods_repeated_rows_past_the_cap_are_listed_and_repeated_cells_keep_columns(tmp_path):
    rows = (f"<table:table-row>{_cell('Mål')}{_cell(repeat=150)}{_cell('Aktivitet')}</table:table-row>"
            f"<table:table-row>{_cell(GOAL)}{_cell(repeat=150)}{_cell(ACT)}</table:table-row>"
            f"<table:table-row table:number-rows-repeated='130'>{_cell(GOAL_2)}{_cell(repeat=150)}{_cell(ACT_2)}"
            "</table:table-row>")
    body = f"<office:spreadsheet><table:table table:name='Plan'>{rows}</table:table></office:spreadsheet>"
    plan = check(_odf(tmp_path / "plan.ods", body, "application/vnd.oasis.opendocument.spreadsheet"))
    assert [(s.kind, s.text) for s in plan.statements][:4] == [
        ("goal", GOAL), ("activity", ACT), ("goal", GOAL_2), ("activity", ACT_2)]
    assert plan.statements[1].ref.column == "EV"  # A, then 150 repeated empty cells
    assert any("upprepas 130 gånger" in s.reason for s in plan.skipped)
    assert any("upprepas 130 gånger" in w for w in plan.warnings)


def test_csv_bytes_that_do_not_decode_are_warned_about(tmp_path):
    path = tmp_path / "plan.csv"
    path.write_bytes(b"\xef\xbb\xbfM\xc3\xa5l;Aktivitet\n" + GOAL.encode() + b";" + ACT.encode() + b" \xff\xfe\n")
    plan = read_plan(path)
    assert any("gick inte att avkoda" in w for w in plan.warnings)
    clean = tmp_path / "clean.csv"
    clean.write_bytes(("Mål;Aktivitet\n" + GOAL + ";" + ACT + "\n").encode())
    assert not any("avkoda" in w for w in read_plan(clean).warnings)
