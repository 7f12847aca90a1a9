"""The Word reader: headings decide kinds, goals own the activities below them, tables by header words."""

import subprocess
import sys

import pytest

from aligner.errors import InputError
from aligner.readers import read_plan
from aligner.readers.common import classify_heading
from tests.readers_fixtures import ACT, ACT_2, GOAL, GOAL_2, IND, make_docx, texts


def read(tmp_path, blocks, **kwargs):
    return read_plan(make_docx(tmp_path / "plan.docx", blocks, **kwargs))


# --- headings -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("heading", "kind"),
    [
        ("Vad vill vi uppnå", "goal"),
        ("3.1 Vad vill vi uppna", "goal"),
        ("Nämndens mål 2025", "goal"),
        ("Skol- och fritidsnämndens mål", "goal"),
        ("Strategiska mål", "goal"),
        ("Aktiviteter", "activity"),
        ("Vad ska vi göra?", "activity"),
        ("Handlingsplan", "activity"),
        ("Indikatorer", "indicator"),
        ("Hur vet vi att vi lyckats?", "indicator"),
        ("Så följer vi upp", "indicator"),
        ("Inledning", None),
        ("Nämndens uppdrag", None),
        ("Risker och åtgärder – internkontroll", None),
        ("Målvärden", None),
    ],
)
def test_classify_heading(heading, kind):
    assert classify_heading(heading) == kind


def test_section_headings_decide_the_kind_of_list_items(tmp_path):
    plan = read(tmp_path, [
        ("h1", "Nämndens mål"), ("bullet", GOAL),
        ("h1", "Aktiviteter"), ("bullet", ACT),
        ("h1", "Indikatorer"), ("bullet", IND),
    ])
    assert [(s.id, s.kind, s.text) for s in plan.statements] == [
        ("M1", "goal", GOAL), ("A1", "activity", ACT), ("I1", "indicator", IND)]


def test_list_items_under_other_headings_are_not_statements(tmp_path):
    plan = read(tmp_path, [
        ("h1", "Inledning"), ("bullet", "Staden växer och fler flyttar hit"),
        ("h1", "Vad vill vi uppnå"), ("bullet", GOAL),
        ("h1", "Ekonomi"), ("bullet", "Budgeten ska vara i balans varje år"),
    ])
    assert texts(plan) == [GOAL]


def test_risk_heading_ends_the_section_even_with_atgarder_in_it(tmp_path):
    plan = read(tmp_path, [
        ("h1", "Aktiviteter"), ("bullet", ACT),
        ("h1", "Risker och åtgärder – internkontroll"), ("bullet", "Att inköp inte görs enligt gällande ramavtal"),
    ])
    assert texts(plan) == [ACT]


def test_section_is_the_heading_the_statement_stands_under(tmp_path):
    plan = read(tmp_path, [("h1", "Indikatorer"), ("bullet", IND)])
    assert plan.statements[0].section == "Indikatorer"


# --- numbering and items --------------------------------------------------------------------------


def test_numbered_text_moves_into_the_label(tmp_path):
    plan = read(tmp_path, [("h1", "Våra mål"), ("p", f"1. {GOAL}"), ("p", f"Mål 2: {GOAL_2}")])
    assert [(s.label, s.text) for s in plan.statements] == [("1.", GOAL), ("Mål 2:", GOAL_2)]


def test_bold_short_paragraph_is_a_goal_but_plain_intro_prose_is_not(tmp_path):
    intro = "Nämnden har fyra mål. De bygger på målbilden. Här beskrivs de kort."
    plan = read(tmp_path, [("h1", "Vad vill vi uppnå"), ("p", intro), ("bold", GOAL)])
    assert [(s.kind, s.text) for s in plan.statements] == [("goal", GOAL)]


def test_too_short_item_is_skipped_with_reason(tmp_path):
    plan = read(tmp_path, [("h1", "Aktiviteter"), ("bullet", "Se bilaga"), ("bullet", ACT)])
    assert texts(plan) == [ACT]
    assert [(s.text, s.reason, s.ref.paragraph) for s in plan.skipped] == [("Se bilaga", "för kort", 1)]


def test_paragraph_ref_is_the_zero_based_index_into_document_paragraphs(tmp_path):
    plan = read(tmp_path, [("title", "Verksamhetsplan 2025"), ("h1", "Aktiviteter"), ("bullet", ACT)])
    ref = plan.statements[0].ref
    assert (ref.paragraph, ref.table, ref.path) == (2, None, str(tmp_path / "plan.docx"))


# --- goals and their activities -------------------------------------------------------------------


def test_goal_heading_with_mal_label_owns_the_labelled_lists_below(tmp_path):
    plan = read(tmp_path, [
        ("h1", "Vad vill vi uppnå"),
        ("h2", f"Mål 1: {GOAL}"),
        ("p", "Vi vill att alla ska kunna röra sig fritt i staden."),
        ("p", "Aktiviteter:"), ("bullet", ACT),
        ("p", "Indikatorer:"), ("bullet", IND),
    ])
    goal, act, ind = plan.statements
    assert (goal.id, goal.label, goal.text, goal.section) == ("M1", "Mål 1:", GOAL, "Vad vill vi uppnå")
    assert (act.kind, act.parent) == ("activity", "M1")
    assert (ind.kind, ind.parent) == ("indicator", "M1")


def test_plain_heading_followed_by_activity_subsection_is_a_goal(tmp_path):
    plan = read(tmp_path, [
        ("h1", "Vad vill vi uppnå"),
        ("h2", GOAL), ("h3", "Aktiviteter"), ("bullet", ACT),
        ("h2", GOAL_2), ("h3", "Aktiviteter"), ("bullet", ACT_2),
    ])
    assert [(s.id, s.text, s.parent) for s in plan.statements] == [
        ("M1", GOAL, None), ("A1", ACT, "M1"), ("M2", GOAL_2, None), ("A2", ACT_2, "M2")]


def test_plain_heading_above_goal_items_groups_goals_and_is_no_goal(tmp_path):
    plan = read(tmp_path, [
        ("h1", "Vad vill vi uppnå"), ("h2", "Trygghet och välfärd genom livet"), ("bullet", GOAL),
    ])
    assert [(s.kind, s.text, s.section) for s in plan.statements] == [
        ("goal", GOAL, "Trygghet och välfärd genom livet")]


def test_numbered_goal_paragraphs_with_bulleted_activities(tmp_path):
    plan = read(tmp_path, [
        ("h1", "Våra mål"),
        ("number", GOAL), ("p", "Aktiviteter:"), ("bullet", ACT), ("bullet", "Ta fram en trygghetsplan för city"),
        ("number", GOAL_2), ("p", "Aktiviteter:"), ("bullet", ACT_2),
    ])
    assert [(s.id, s.parent) for s in plan.statements] == [
        ("M1", None), ("A1", "M1"), ("A2", "M1"), ("M2", None), ("A3", "M2")]


def test_next_goal_item_ends_the_activity_list(tmp_path):
    plan = read(tmp_path, [
        ("h1", "Våra mål"),
        ("number", GOAL), ("p", "Indikatorer:"), ("bullet", IND), ("bullet", "Antal anmälda brott i city"),
        ("number", GOAL_2),
    ])
    assert [(s.id, s.kind) for s in plan.statements][-1] == ("M2", "goal")


def test_document_without_heading_styles_uses_label_lines(tmp_path):
    plan = read(tmp_path, [
        ("bold", "Våra mål"),
        ("p", f"1. {GOAL}"), ("p", "Aktiviteter:"), ("p", f"• {ACT}"), ("p", f"• {ACT_2}"),
        ("p", f"2. {GOAL_2}"),
    ])
    assert [(s.id, s.label, s.parent) for s in plan.statements] == [
        ("M1", "1.", None), ("A1", "•", "M1"), ("A2", "•", "M1"), ("M2", "2.", None)]


def test_item_that_starts_with_a_section_word_stays_an_item(tmp_path):
    plan = read(tmp_path, [("h1", "Aktiviteter"), ("bullet", "Uppdrag att utreda fler bostäder i city")])
    assert texts(plan) == ["Uppdrag att utreda fler bostäder i city"]


def test_inline_labelled_activity_line(tmp_path):
    plan = read(tmp_path, [("h1", "Vad vill vi uppnå"), ("bold", GOAL), ("p", f"Aktivitet: {ACT}")])
    act = plan.statements[1]
    assert (act.kind, act.label, act.text, act.parent) == ("activity", "Aktivitet", ACT, "M1")


# --- tables ---------------------------------------------------------------------------------------


def test_table_goal_column_is_parent_and_blank_goal_cell_continues(tmp_path):
    plan = read(tmp_path, [("table", [
        ["Mål", "Aktivitet"],
        [GOAL, ACT],
        ["", "Ta fram en trygghetsplan för city"],
        [GOAL_2, ACT_2],
    ])])
    assert [(s.id, s.parent) for s in plan.statements] == [
        ("M1", None), ("A1", "M1"), ("A2", "M1"), ("M2", None), ("A3", "M2")]


def test_vertically_merged_goal_cell_is_read_once_and_continues(tmp_path):
    plan = read(tmp_path, [("table", [
        ["Nämndmål", "Aktiviteter"],
        [GOAL, ACT],
        ["", ACT_2],
    ], [((1, 0), (2, 0))])])
    assert texts(plan, "goal") == [GOAL]
    assert [s.parent for s in plan.statements if s.kind == "activity"] == ["M1", "M1"]


def test_table_cells_hold_the_other_columns_and_refs_are_one_based(tmp_path):
    plan = read(tmp_path, [("table", [
        ["Aktivitet", "Ansvarig", "Klart senast", "Kommentar"],
        [ACT, "Enhetschef", "2026-06-30", ""],
    ])])
    act = plan.statements[0]
    assert act.cells == (("Ansvarig", "Enhetschef"), ("Klart senast", "2026-06-30"))
    assert (act.ref.table, act.ref.table_row, act.ref.table_cell) == (1, 2, 1)


def test_table_row_without_statement_text_is_skipped(tmp_path):
    plan = read(tmp_path, [("table", [["Indikator", "Målvärde 2027"], [IND, "Minst 90 %"], ["", "Max 10 %"]])])
    assert texts(plan) == [IND]
    assert [(s.ref.table_row, s.reason) for s in plan.skipped] == [(3, "tom cell i 'Indikator'")]


def test_indicator_table_under_goal_heading_gets_the_goal_as_parent(tmp_path):
    plan = read(tmp_path, [
        ("h1", "Vad vill vi uppnå"), ("h2", f"Mål 1: {GOAL}"),
        ("table", [["Indikator", "Målvärde 2027"], [IND, "Minst 90 %"]]),
    ])
    assert [(s.kind, s.parent, s.section) for s in plan.statements] == [
        ("goal", None, "Vad vill vi uppnå"), ("indicator", "M1", f"Mål 1: {GOAL}")]


def test_spanning_row_in_indicator_table_is_a_goal(tmp_path):
    plan = read(tmp_path, [("table", [
        ["Mätetal", "Utfall 2024", "Målvärde 2027"],
        [GOAL, "", ""],
        [IND, "81 %", "Minst 90 %"],
    ], [((1, 0), (1, 2))])])
    assert [(s.kind, s.parent) for s in plan.statements] == [("goal", None), ("indicator", "M1")]


def test_table_under_internal_control_heading_is_skipped(tmp_path):
    plan = read(tmp_path, [
        ("h1", "Risker och åtgärder – internkontroll"),
        ("table", [["Risk", "Åtgärd"], ["Att inköp inte görs enligt avtal", "Stickprov varje kvartal"]]),
    ])
    assert plan.statements == ()
    assert [(s.ref.paragraph, s.ref.table, s.reason) for s in plan.skipped] == [
        (0, None, "avsnitt om risker/internkontroll läses inte"),
        (None, 1, "tabell under rubriken om risker/internkontroll 'Risker och åtgärder – internkontroll'")]


def test_a_goal_that_mentions_internal_control_or_risk_is_read_with_its_activities(tmp_path):
    control = "Verksamheten ska bedrivas inom given budgetram och med god intern kontroll"
    risk = "Minska risken för fallolyckor bland äldre i ordinärt boende"
    plan = read(tmp_path, [
        ("h1", "Vad vill vi uppnå"),
        ("h2", f"Mål 1: {control}"), ("h3", "Aktiviteter"), ("bullet", ACT),
        ("h2", risk), ("h3", "Aktiviteter"), ("bullet", ACT_2),
    ])
    assert [(s.kind, s.text, s.parent) for s in plan.statements] == [
        ("goal", control, None), ("activity", ACT, "M1"), ("goal", risk, None), ("activity", ACT_2, "M2")]
    assert plan.skipped == ()


def test_a_risk_section_is_reported_once_as_skipped(tmp_path):
    plan = read(tmp_path, [
        ("h1", "Aktiviteter"), ("bullet", ACT),
        ("h1", "Intern kontroll"), ("h2", "Riskanalys"), ("bullet", "Att inköp inte görs enligt gällande ramavtal"),
    ])
    assert texts(plan) == [ACT]
    assert [(s.text, s.reason) for s in plan.skipped] == [
        ("Intern kontroll", "avsnitt om risker/internkontroll läses inte")]


def test_paragraphs_and_tables_are_read_in_document_order(tmp_path):
    plan = read(tmp_path, [
        ("h1", "Aktiviteter"), ("bullet", ACT),
        ("table", [["Aktivitet"], [ACT_2]]),
        ("bullet", "Ta fram en trygghetsplan för city"),
    ])
    assert texts(plan) == [ACT, ACT_2, "Ta fram en trygghetsplan för city"]
    assert [s.id for s in plan.statements] == ["A1", "A2", "A3"]


def test_bulleted_paragraphs_in_one_cell_are_separate_statements(tmp_path):
    plan = read(tmp_path, [("table", [["Aktiviteter"], [f"• {ACT}\n• {ACT_2}"]])])
    assert texts(plan) == [ACT, ACT_2]
    assert {s.ref.table_cell for s in plan.statements} == {1}


# --- title and organisation -----------------------------------------------------------------------


def test_title_style_gives_title_and_org(tmp_path):
    plan = read(tmp_path, [("title", "Verksamhetsplan 2025 för Skol- och fritidsförvaltningen")])
    assert plan.title == "Verksamhetsplan 2025 för Skol- och fritidsförvaltningen"
    assert plan.org == "Skol- och fritidsförvaltningen"


def test_org_from_a_genitive_title(tmp_path):
    plan = read(tmp_path, [("title", "Miljönämndens verksamhetsplan 2025")])
    assert plan.org == "Miljönämnden"


def test_org_line_wins_and_core_title_is_the_fallback(tmp_path):
    plan = read(tmp_path, [("h1", "Inledning"), ("p", "Nämnd: Miljönämnden")], core_title="VP 2025")
    assert (plan.title, plan.org) == ("VP 2025", "Miljönämnden")


def test_no_statements_gives_a_warning(tmp_path):
    plan = read(tmp_path, [("h1", "Inledning"), ("p", "Bara prosa här.")])
    assert plan.statements == ()
    assert plan.warnings == ("hittade inga mål, aktiviteter eller indikatorer i filen",)


# --- bad files ------------------------------------------------------------------------------------


def test_random_bytes_named_docx_is_an_input_error_naming_the_file(tmp_path):
    path = tmp_path / "trasig.docx"
    path.write_bytes(b"PK\x03\x04 inte en riktig fil" * 20)
    with pytest.raises(InputError) as info:
        read_plan(path)
    assert str(info.value).startswith("trasig.docx: filen är skadad eller ofullständig")
    assert info.value.__cause__ is not None


def test_workbook_named_docx_is_an_input_error(tmp_path):
    import openpyxl

    path = tmp_path / "plan.docx"
    openpyxl.Workbook().save(str(path))
    with pytest.raises(InputError, match="plan.docx: filen är inte ett Word-dokument"):
        read_plan(path)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("plan.pdf", b"%PDF",
         "plan.pdf: filen är en PDF, som inte går att läsa tillförlitligt (spara planen som .docx"),
        ("plan.doc", b"\xd0\xcf\x11\xe0", "plan.doc: filen är i det äldre Word-formatet (.doc)"),
        ("tom.docx", b"", "tom.docx: filen är tom"),
        ("gammal.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "gammal.docx: filen är lösenordsskyddad"),
        ("saknas.docx", None, "saknas.docx: filen finns inte"),
    ],
    ids=["pdf", "old-word-format", "empty", "encrypted-or-ole", "missing"],
)
def test_unreadable_files_raise_input_error(tmp_path, name, content, message):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(InputError) as info:
        read_plan(str(path))
    assert str(info.value).startswith(message)


def test_importing_readers_does_not_import_python_docx_or_openpyxl():
    code = "import sys, aligner.readers; print('docx' in sys.modules, 'openpyxl' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


# --- goals referred to again (sample: socialförvaltningen) -----------------------------------------


def test_goal_cell_repeating_a_numbered_goal_and_bare_numbers_reuse_the_goals(tmp_path):
    plan = read(tmp_path, [
        ("h1", "Nämndens mål"), ("number", f"1. {GOAL}."), ("number", f"2. {GOAL_2}."),
        ("h1", "Aktiviteter"),
        ("table", [["Mål", "Aktivitet"], [f"1. {GOAL}.", ACT], ["", "Ta fram en trygghetsplan för city"],
                   [f"2. {GOAL_2}.", ACT_2]], [((1, 0), (2, 0))]),
        ("h1", "Indikatorer"),
        ("table", [["Mål", "Indikator"], ["1", IND], ["2", "Andel resor med cykel eller buss"]]),
    ])
    assert [s.id for s in plan.statements if s.kind == "goal"] == ["M1", "M2"]
    assert [(s.id, s.parent) for s in plan.statements if s.kind != "goal"] == [
        ("A1", "M1"), ("A2", "M1"), ("A3", "M2"), ("I1", "M1"), ("I2", "M2")]
    assert plan.warnings == ()


@pytest.mark.parametrize("reference", ["2", "2.", "Mål 2", "M2", "Mål 2:"])
def test_goal_column_naming_a_goal_by_number_or_id_links_to_it(tmp_path, reference):
    plan = read(tmp_path, [
        ("h1", "Våra mål"), ("p", f"1. {GOAL}"), ("p", f"2. {GOAL_2}"),
        ("table", [["Aktivitet", "Nämndmål"], [ACT_2, reference]]),
    ])
    assert [(s.kind, s.parent) for s in plan.statements][-1] == ("activity", "M2")
    assert len([s for s in plan.statements if s.kind == "goal"]) == 2


def test_goal_number_before_the_goals_links_when_the_plan_is_built(tmp_path):
    plan = read(tmp_path, [
        ("table", [["Mål", "Indikator"], ["1", IND]]),
        ("h1", "Våra mål"), ("p", f"1. {GOAL}"),
    ])
    assert [(s.id, s.parent) for s in plan.statements] == [("I1", "M1"), ("M1", None)]


def test_goal_number_that_names_no_goal_is_a_warning_naming_the_cell(tmp_path):
    plan = read(tmp_path, [("h1", "Våra mål"), ("p", f"1. {GOAL}"), ("table", [["Mål", "Indikator"], ["7", IND]])])
    assert plan.statements[-1].parent is None
    assert plan.warnings == ("plan.docx, tabell 1, rad 2, cell 1: hittade inget mål med id '7'",)


# --- several statements in one cell (sample: Helsingborgshem) -------------------------------------


def test_paragraphs_of_an_activity_or_indicator_cell_are_separate_statements(tmp_path):
    plan = read(tmp_path, [("h1", "Vad vill vi uppnå"), ("table", [
        ["Mål", "Aktiviteter", "Indikator", "Målvärde"],
        [f"{GOAL}\n\nsom bor och verkar här", f"{ACT}\n\n{ACT_2}", f"Belåningsgrad\n\n{IND}",
         "Högst 60 %\n\nMinst 90 %"],
    ])])
    assert [(s.kind, s.text) for s in plan.statements] == [
        ("goal", f"{GOAL} som bor och verkar här"), ("activity", ACT), ("activity", ACT_2),
        ("indicator", "Belåningsgrad"), ("indicator", IND)]
    assert all(s.parent == "M1" for s in plan.statements[1:])
    assert [dict(s.cells)["Målvärde"] for s in plan.statements if s.kind == "indicator"] == ["Högst 60 %", "Minst 90 %"]


@pytest.mark.parametrize(
    ("cell", "statements"),
    [
        (f"{ACT}.\n{ACT_2}.", [f"{ACT}.", f"{ACT_2}."]),
        (f"{ACT}\n{ACT_2}", [ACT, ACT_2]),
        ("Genomföra trygghetsvandringar tillsammans med\nRegion Skåne och polisen", [
            "Genomföra trygghetsvandringar tillsammans med Region Skåne och polisen"]),
        ("Andel invånare som känner sig trygga,\nmålvärde minst 90 %", [
            "Andel invånare som känner sig trygga, målvärde minst 90 %"]),
        ("Andel invånare som känner sig trygga\ni stadens parker",
         ["Andel invånare som känner sig trygga i stadens parker"]),
    ],
    ids=["sentences", "capitalised-lines", "ends-in-med", "ends-in-comma", "lower-case-line"],
)
def test_manual_line_break_in_a_cell_splits_only_where_a_new_item_starts(tmp_path, cell, statements):
    plan = read(tmp_path, [("table", [["Aktivitet"], [cell]])])
    assert texts(plan) == statements


def test_manual_line_break_in_a_body_paragraph_is_part_of_the_statement(tmp_path):
    plan = read(tmp_path, [("h1", "Aktiviteter"), ("bullet", "Genomföra trygghetsvandringar\ni alla stadsdelar")])
    assert texts(plan) == ["Genomföra trygghetsvandringar i alla stadsdelar"]


# --- Word's own structures ------------------------------------------------------------------------


def test_automatic_list_numbers_become_labels_and_goal_ids(tmp_path):
    plan = read(tmp_path, [
        ("h1", "Våra mål"), ("number", GOAL), ("number", GOAL_2),
        ("table", [["Mål", "Indikator"], ["2", IND]]),
    ])
    assert [(s.id, s.label, s.text) for s in plan.statements if s.kind == "goal"] == [
        ("M1", "1.", GOAL), ("M2", "2.", GOAL_2)]
    assert plan.statements[-1].parent == "M2"


def test_numbering_definitions_give_letters_restart_and_text_labels(tmp_path):
    from docx.oxml import parse_xml

    from tests.readers_fixtures import W_NS, make_docx_xml, w_p

    path = make_docx_xml(tmp_path / "plan.docx", "".join([
        w_p("Vad vill vi uppnå", style="Heading1"),
        w_p(GOAL, num=(90, 0)), w_p(GOAL_2, num=(90, 0)),
        w_p("Aktiviteter", style="Heading1"),
        w_p(ACT, num=(91, 1)), w_p(ACT_2, num=(91, 1)),
    ]))
    import docx

    document = docx.Document(str(path))
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(
        f'<w:abstractNum xmlns:w="{W_NS}" w:abstractNumId="90">'
        '<w:lvl w:ilvl="0"><w:start w:val="3"/><w:numFmt w:val="decimal"/><w:lvlText w:val="Mål %1:"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2)"/></w:lvl>'
        "</w:abstractNum>"))
    for num_id in (90, 91):
        numbering.append(parse_xml(f'<w:num xmlns:w="{W_NS}" w:numId="{num_id}"><w:abstractNumId w:val="90"/></w:num>'))
    document.save(str(path))
    plan = read_plan(path)
    assert [(s.kind, s.label) for s in plan.statements] == [
        ("goal", "Mål 3:"), ("goal", "Mål 4:"), ("activity", "a)"), ("activity", "b)")]


@pytest.mark.parametrize("style_name", ["heading 1", "Rubrik 1", "VP Rubrik 1", "Überschrift 1"])
def test_heading_styles_with_english_swedish_or_custom_names(tmp_path, style_name):
    import docx
    from docx.enum.style import WD_STYLE_TYPE

    document = docx.Document()
    style = document.styles.add_style(style_name + " x", WD_STYLE_TYPE.PARAGRAPH)
    style.element.name_val = style_name
    document.add_paragraph("Aktiviteter", style=style)
    document.add_paragraph(ACT, style="List Bullet")
    document.add_paragraph("Inledning", style=style)
    document.add_paragraph("Staden växer och fler flyttar hit", style="List Bullet")
    path = tmp_path / "plan.docx"
    document.save(str(path))
    assert texts(read_plan(path)) == [ACT]


def test_tracked_changes_are_read_as_accepted_with_a_warning(tmp_path):
    from tests.readers_fixtures import make_docx_xml, w_p

    change = 'w:id="{}" w:author="Planerare" w:date="2024-12-01T10:00:00Z"'
    paragraph = (
        "<w:p><w:pPr><w:pStyle w:val=\"ListBullet\"/></w:pPr>"
        "<w:r><w:t xml:space=\"preserve\">Genomföra trygghetsvandringar </w:t></w:r>"
        f"<w:ins {change.format(1)}><w:r><w:t xml:space=\"preserve\">tillsammans med polisen </w:t></w:r></w:ins>"
        f"<w:del {change.format(2)}><w:r><w:delText xml:space=\"preserve\">ibland </w:delText></w:r></w:del>"
        "<w:r><w:t>i alla stadsdelar</w:t></w:r></w:p>"
    )
    plan = read_plan(make_docx_xml(tmp_path / "plan.docx", w_p("Aktiviteter", style="Heading1") + paragraph))
    assert texts(plan) == ["Genomföra trygghetsvandringar tillsammans med polisen i alla stadsdelar"]
    assert len(plan.warnings) == 1 and "spårade ändringar" in plan.warnings[0]


def test_content_controls_are_read_through_but_placeholders_are_not(tmp_path):
    from tests.readers_fixtures import make_docx_xml, w_p

    sdt = "<w:sdt><w:sdtPr>{}</w:sdtPr><w:sdtContent>{}</w:sdtContent></w:sdt>"
    inline = ("<w:p><w:pPr><w:pStyle w:val=\"ListBullet\"/></w:pPr>"
              "<w:r><w:t xml:space=\"preserve\">Ställa om </w:t></w:r>") \
        + sdt.format("", "<w:r><w:t>fordonsflottan till el</w:t></w:r>") + "</w:p>"
    body = (w_p("Aktiviteter", style="Heading1")
            + sdt.format("", w_p(ACT, style="ListBullet"))
            + inline
            + sdt.format("<w:showingPlcHdr/>", w_p("Klicka eller tryck här för att ange text.", style="ListBullet"))
            + sdt.format("", "<w:tbl><w:tblGrid><w:gridCol/></w:tblGrid><w:tr><w:tc>" + w_p("Aktivitet")
                         + "</w:tc></w:tr>" + sdt.format("", "<w:tr><w:tc>" + w_p("Ta fram en trygghetsplan för city")
                                                       + "</w:tc></w:tr>") + "</w:tbl>"))
    plan = read_plan(make_docx_xml(tmp_path / "plan.docx", body))
    assert texts(plan) == [ACT, ACT_2, "Ta fram en trygghetsplan för city"]


def test_nested_table_is_read_under_the_goal_of_its_row(tmp_path):
    import docx

    document = docx.Document()
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Mål", "Aktiviteter"
    table.cell(1, 0).text = GOAL
    inner = table.cell(1, 1).add_table(rows=2, cols=2)
    inner.cell(0, 0).text, inner.cell(0, 1).text = "Aktivitet", "Ansvarig"
    inner.cell(1, 0).text, inner.cell(1, 1).text = ACT, "Enhetschef"
    path = tmp_path / "plan.docx"
    document.save(str(path))
    plan = read_plan(path)
    assert [(s.id, s.parent, s.cells) for s in plan.statements] == [
        ("M1", None, ()), ("A1", "M1", (("Ansvarig", "Enhetschef"),))]
    assert (plan.statements[1].ref.table, plan.statements[1].ref.table_row) == (2, 2)


def test_horizontally_merged_goal_cell_is_read_once(tmp_path):
    plan = read(tmp_path, [("table", [
        ["Mål", "Ansvarig", "Aktivitet"],
        [GOAL, "", ACT],
        ["", "", ACT_2],
    ], [((1, 0), (1, 1))])])
    assert [(s.id, s.parent) for s in plan.statements] == [("M1", None), ("A1", "M1"), ("A2", "M1")]


def test_headers_footers_and_comments_are_not_read(tmp_path):
    import docx

    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "Aktiviteter"
    document.sections[0].header.add_paragraph("Genomföra något som står i sidhuvudet", style="List Bullet")
    document.sections[0].footer.paragraphs[0].text = "Genomföra något som står i sidfoten"
    document.add_heading("Aktiviteter", 1)
    paragraph = document.add_paragraph(ACT, style="List Bullet")
    document.add_comment(paragraph.runs, text="Genomföra något som står i en kommentar", author="Granskare")
    path = tmp_path / "plan.docx"
    document.save(str(path))
    assert texts(read_plan(path)) == [ACT]
