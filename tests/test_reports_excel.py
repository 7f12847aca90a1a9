"""The audit workbook, read back with openpyxl: sheets, heat map, gaps, accepted gaps, frozen headers, filters."""

from __future__ import annotations

import pytest

from aligner.reports.excel import ACCEPTED_TEXT, GAP_TEXT, write


@pytest.fixture(scope="module")
def workbook(audit, tmp_path_factory):
    import openpyxl

    path = write(audit, tmp_path_factory.mktemp("out") / "granskning.xlsx")
    return openpyxl.load_workbook(path)


def rows(ws):
    return list(ws.iter_rows(values_only=True))


def test_sheets_have_frozen_headers_filters_and_widths(workbook):
    assert workbook.sheetnames == ["Matris", "Påståenden", "Luckor", "Överhoppat"]
    for ws in workbook.worksheets:
        assert ws.freeze_panes is not None, ws.title
        assert ws.auto_filter.ref, ws.title
        assert all(3 < d.width <= 80 for d in ws.column_dimensions.values() if d.width), ws.title
    assert workbook["Matris"].freeze_panes == "C3" and workbook["Påståenden"].freeze_panes == "A2"


def test_matrix_is_grouped_by_framework_with_a_heat_map(workbook, audit):
    ws = workbook["Matris"]
    header = rows(ws)[:2]
    assert header[0][2] == "Målbild 2027" and "Inriktningar 2023–2026" in header[0]
    assert header[1][2:11] == ("Innovation", "Samspel", "Livskvalitet", "Tidshorisont 2027", "Innovation",
                               "Trygghet", "Sysselsättning", "Livskvalitet", "Klimatneutralitet 2030")
    assert "C1:F1" in {str(r) for r in ws.merged_cells.ranges}
    rules = [rule for cf in ws.conditional_formatting for rule in cf.rules]
    assert any(rule.type == "colorScale" for rule in rules)
    labels = [r[0] for r in rows(ws)[2:2 + len(audit.plans)]]
    assert labels == [p.label for p in audit.plans]
    assert rows(ws)[2 + len(audit.plans)][0] == "Organisationer som tjänar konceptet"


def test_gaps_are_red_and_accepted_gaps_marked(workbook, audit):
    ws = workbook["Matris"]
    labels = {p.label for p in audit.plans}
    values = {(r[0], ws.cell(2, c + 1).value): (r[c], ws.cell(i + 1, c + 1))
              for i, r in enumerate(rows(ws)) for c in range(2, 11) if i >= 2 and r[0] in labels}
    kultur_syss, cell = values[("Kulturförvaltningen", "Sysselsättning")]
    assert kultur_syss == ACCEPTED_TEXT and "Inte i uppdraget." in cell.comment.text
    klimat, cell = values[("Kulturförvaltningen", "Klimatneutralitet 2030")]
    assert klimat == GAP_TEXT and cell.fill.start_color.rgb.endswith("F4B6B6")
    count, cell = values[("Kulturförvaltningen", "Trygghet")]
    assert isinstance(count, int) and count > 0 and "M" in cell.comment.text and "rad" in cell.comment.text


def test_statement_sheet_has_every_statement_with_tags_evidence_and_location(workbook, audit):
    table = rows(workbook["Påståenden"])
    assert table[0] == ("Organisation", "Fil", "Plats", "Typ", "Id", "Förälder", "Text", "Koncept", "Belägg",
                        "Tidshorisont")
    assert len(table) - 1 == sum(len(p.check.tagged.statements) for p in audit.plans)
    script = next(r for r in table[1:] if r[6] and "<script>" in r[6])
    assert "Trygghet" in script[7] and '"trygga"' in script[8] and "blad 'Mål', rad 4" in script[2]


def test_gap_sheet_lists_gaps_accepted_untagged_and_indicator_findings(workbook):
    table = rows(workbook["Luckor"])
    kinds = {r[2] for r in table[1:]}
    assert {"Koncept saknas", "Accepterad lucka", "Indikator utan målvärde", "Mål utan indikator",
            "Inaktuell accepterad lucka"} <= kinds
    accepted = next(r for r in table if r[2] == "Accepterad lucka")
    assert accepted[7:] == ("Inte i uppdraget.", "Styrningsenheten", "2025-01-20")
    stale = next(r for r in table if r[2] == "Inaktuell accepterad lucka")
    assert stale[0] == "Nedlagda nämnden" and "finns inte bland" in stale[5]


def test_skipped_sheet_lists_unreadable_and_skipped_files(workbook):
    table = rows(workbook["Överhoppat"])
    kinds = {(r[0], r[1].rsplit("/", 1)[-1]) for r in table[1:] if r[1]}
    assert ("Oläsbar fil", "trasig.docx") in kinds and ("Oläsbar fil", "tom.docx") in kinds
    assert ("Överhoppad fil", "~$provnamnden-2026.docx") in kinds and ("Överhoppad fil", "anteckningar.txt") in kinds
    assert any(r[0] == "Överhoppat i planen" for r in table[1:])  # kultur's comment-only row


def test_a_locked_file_is_a_report_error(audit, tmp_path):
    from aligner.errors import ReportError

    target = tmp_path / "granskning.xlsx"
    target.mkdir()  # a folder where the file should go: cannot be saved
    with pytest.raises(ReportError, match="kan inte skrivas"):
        write(audit, target)
