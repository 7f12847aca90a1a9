"""The Excel reader: header rows, statement columns by header words, goals linked by merge, blank or id."""

import datetime as dt

import pytest

from aligner.errors import InputError
from aligner.readers import read_plan
from aligner.readers.columns import classify_columns
from aligner.readers.common import classify_header, classify_id_header, format_value
from tests.readers_fixtures import ACT, ACT_2, GOAL, GOAL_2, IND, by_id, make_xlsx, texts


def read(tmp_path, sheets, **kwargs):
    return read_plan(make_xlsx(tmp_path / "plan.xlsx", sheets, **kwargs))


# --- header words ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "kind"),
    [
        ("Mål", "goal"),
        ("Nämndens mål 2025", "goal"),
        ("Övergripande mål", "goal"),
        ("Målformulering", "goal"),
        ("Förvaltningsmål", "goal"),
        ("Aktivitet", "activity"),
        ("Åtgärder", "activity"),
        ("Atgarder", "activity"),
        ("Uppdrag", "activity"),
        ("Förbättringsåtgärder", "activity"),
        ("Indikator", "indicator"),
        ("Nyckeltal/indikator", "indicator"),
        ("Kommunfullmäktiges indikatorer", "indicator"),
        ("Mått", "indicator"),
        ("Målvärde 2027", None),
        ("Målnivå", None),
        ("Mål-id", None),
        ("Målnr", None),
        ("Måluppfyllelse delår", None),
        ("Utfall 2024", None),
        ("Ansvarig", None),
        ("Klart senast", None),
        ("Status", None),
        ("Kommentar", None),
        ("Koppling till mål", None),
        ("Koppling till målbild", None),
        ("", None),
    ],
)
def test_classify_header(header, kind):
    assert classify_header(header) == kind


@pytest.mark.parametrize(
    ("header", "role"),
    [("Id", "id"), ("Nr", "id"), ("Mål-id", "goal_ref"), ("Målnr", "goal_ref"),
     ("Koppling till mål", "goal_ref"), ("Tillhör mål", "goal_ref"), ("Koppling till målbild", None),
     ("Aktivitet", None)],
)
def test_classify_id_header(header, role):
    assert classify_id_header(header) == role


@pytest.mark.parametrize(
    ("headers", "kinds"),
    [
        (["Indikator", "Utfall 2019", "Mål 2020"], ["indicator", None, None]),
        (["Nämndens mål", "Indikator", "Mål 2027"], ["goal", "indicator", None]),
        (["Mål 2027", "Aktivitet"], ["goal", "activity"]),
        (["Mål", "Indikator", "Målvärde/trend"], ["goal", "indicator", None]),
    ],
    ids=["year-target-beside-indicator", "year-target-beside-goal", "year-goal-alone", "umea-layout"],
)
def test_mal_with_year_is_a_target_value_beside_indicators(headers, kinds):
    assert [c.kind for c in classify_columns(headers)] == kinds


@pytest.mark.parametrize(
    ("value", "number_format", "text"),
    [
        (dt.datetime(2026, 6, 30), "yyyy-mm-dd", "2026-06-30"),
        (dt.date(2026, 6, 30), "General", "2026-06-30"),
        (dt.datetime(2026, 6, 30, 14, 5), "General", "2026-06-30 14:05"),
        (2027.0, "General", "2027"),
        (13.2, "General", "13.2"),
        (0.9, "0%", "90 %"),
        (None, "General", ""),
        ("#REF!", "General", ""),
        (True, "General", "Ja"),
    ],
)
def test_format_value(value, number_format, text):
    assert format_value(value, number_format) == text


# --- sheets ---------------------------------------------------------------------------------------


def test_title_rows_above_the_header_are_no_statements_but_give_title_and_org(tmp_path):
    plan = read(tmp_path, {"Mål": [
        ["Verksamhetsplan 2025"],
        ["Förvaltning:", "Stadsbyggnadsförvaltningen"],
        [],
        ["Nämndens mål", "Indikator"],
        [GOAL, IND],
    ]})
    assert texts(plan) == [GOAL, IND]
    assert (plan.title, plan.org) == ("Verksamhetsplan 2025", "Stadsbyggnadsförvaltningen")
    goal = plan.statements[0]
    assert (goal.ref.sheet, goal.ref.row, goal.ref.column) == ("Mål", 5, "A")


def test_one_cell_title_naming_goals_does_not_beat_the_real_header(tmp_path):
    plan = read(tmp_path, {"Blad1": [["Nämndens mål"], ["Mål", "Ansvarig"], [GOAL, "Nämnden"]]})
    assert texts(plan) == [GOAL]
    assert plan.statements[0].ref.row == 3


def test_workbook_title_property_is_the_fallback_title(tmp_path):
    plan = read(tmp_path, {"Mål": [["Mål"], [GOAL]]}, title="VP Miljöförvaltningen")
    assert plan.title == "VP Miljöförvaltningen"


def test_goals_and_activities_on_separate_sheets_linked_by_id(tmp_path):
    plan = read(tmp_path, {
        "Mål": [["Id", "Mål"], ["M1", GOAL], ["M2", GOAL_2]],
        "Aktiviteter": [["Mål-id", "Aktivitet"], ["M2", ACT_2], ["M1", ACT]],
    })
    activities = {s.text: s.parent for s in plan.statements if s.kind == "activity"}
    assert activities == {ACT_2: "M2", ACT: "M1"}


def test_activity_sheet_before_goal_sheet_still_links_by_numbered_id(tmp_path):
    plan = read(tmp_path, {
        "Aktiviteter": [["Tillhör mål", "Aktivitet"], ["1.2", ACT]],
        "Mål": [["Målnr", "Mål"], ["1.1", GOAL], ["1.2", GOAL_2]],
    })
    statements = by_id(plan)
    assert statements["A1"].parent == "M2"
    assert statements["M2"].text == GOAL_2


def test_reference_to_an_unknown_goal_id_is_a_warning(tmp_path):
    plan = read(tmp_path, {
        "Mål": [["Id", "Mål"], ["M1", GOAL]],
        "Aktiviteter": [["Mål-id", "Aktivitet"], ["M9", ACT]],
    })
    assert plan.statements[-1].parent is None
    assert plan.warnings == ("plan.xlsx, blad 'Aktiviteter', rad 2, kolumn B: hittade inget mål med id 'M9'",)


def test_merged_goal_cell_is_one_goal_for_all_its_rows(tmp_path):
    plan = read(
        tmp_path,
        {"Plan": [["Mål", "Aktivitet"], [GOAL, ACT], [None, ACT_2], [None, "Ta fram en trygghetsplan"]]},
        merges={"Plan": ["A2:A4"]},
    )
    assert texts(plan, "goal") == [GOAL]
    assert [s.parent for s in plan.statements if s.kind == "activity"] == ["M1", "M1", "M1"]
    assert plan.statements[-1].cells == (("Mål", GOAL),)


def test_row_merged_across_the_table_is_a_group_heading_for_goal_rows(tmp_path):
    plan = read(
        tmp_path,
        {"Plan": [["Mål", "Aktivitet"], [GOAL, ACT], ["Hållbar stad", None], [None, ACT_2]]},
        merges={"Plan": ["A3:B3"]},
    )
    assert texts(plan) == [GOAL, ACT, ACT_2]
    assert [(s.parent, s.section) for s in plan.statements][-1] == (None, "Hållbar stad")


def test_blank_goal_cell_continues_the_goal_above(tmp_path):
    plan = read(tmp_path, {"Plan": [["Mål", "Aktivitet"], [GOAL, ACT], [None, ACT_2], [GOAL_2, None]]})
    assert [(s.id, s.parent) for s in plan.statements] == [("M1", None), ("A1", "M1"), ("A2", "M1"), ("M2", None)]


def test_cells_hold_other_columns_with_iso_dates_and_plain_numbers(tmp_path):
    plan = read(tmp_path, {"Plan": [
        ["Aktivitet", "Ansvarig", "Klart senast", "Budget", "Kommentar"],
        [ACT, "Enhetschef", dt.date(2026, 6, 30), 150000.0, None],
    ]})
    assert plan.statements[0].cells == (
        ("Ansvarig", "Enhetschef"), ("Klart senast", "2026-06-30"), ("Budget", "150000"))


def test_malvarde_column_is_not_read_as_goals(tmp_path):
    plan = read(tmp_path, {"Plan": [["Indikator", "Målvärde 2027", "Mål 2027"], [IND, "Minst 90 %", "90"]]})
    assert [(s.kind, s.text) for s in plan.statements] == [("indicator", IND)]
    assert plan.statements[0].cells == (("Målvärde 2027", "Minst 90 %"), ("Mål 2027", "90"))


def test_row_with_text_only_outside_statement_columns_is_skipped_and_blank_rows_are_not(tmp_path):
    plan = read(tmp_path, {"Plan": [["Aktivitet", "Kommentar"], [ACT, None], [None, None], [None, "Se bilaga"]]})
    assert texts(plan) == [ACT]
    assert [(s.ref.row, s.text, s.reason) for s in plan.skipped] == [(4, "Se bilaga", "tom cell i 'Aktivitet'")]


def test_sheet_without_header_row_gives_a_warning(tmp_path):
    plan = read(tmp_path, {"Mål": [["Aktivitet"], [ACT]], "Ekonomi": [["Konto", "Belopp"], ["4010", 100]]})
    assert texts(plan) == [ACT]
    assert plan.warnings == ("blad 'Ekonomi': hittade ingen rubrikrad med Mål, Aktivitet eller Indikator;"
                             " bladet lästes inte",)
    assert [(str(s.ref), s.reason) for s in plan.skipped] == [
        ("plan.xlsx, blad 'Ekonomi'", "bladet har ingen rubrikrad med Mål, Aktivitet eller Indikator")]


def test_multi_line_cell_with_bullets_gives_one_statement_per_line(tmp_path):
    plan = read(tmp_path, {"Plan": [["Mål", "Aktiviteter"], [GOAL, f"- {ACT}\n- {ACT_2}"]]})
    assert texts(plan, "activity") == [ACT, ACT_2]
    assert [s.parent for s in plan.statements[1:]] == ["M1", "M1"]


def test_section_is_the_sheet_name_unless_it_is_a_default_name(tmp_path):
    plan = read(tmp_path, {"Nämndmål": [["Mål"], [GOAL]], "Blad2": [["Aktivitet"], [ACT]]})
    assert [s.section for s in plan.statements] == ["Nämndmål", None]


# --- bad files ------------------------------------------------------------------------------------


def test_random_bytes_named_xlsx_is_an_input_error_naming_the_file(tmp_path):
    path = tmp_path / "trasig.xlsx"
    path.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(InputError) as info:
        read_plan(path)
    assert str(info.value).startswith("trasig.xlsx: filen är inte en Excel-arbetsbok")
    assert info.value.path == str(path)


def test_word_document_named_xlsm_is_an_input_error(tmp_path):
    import docx

    path = tmp_path / "plan.xlsm"
    docx.Document().save(str(path))
    with pytest.raises(InputError, match="plan.xlsm: filen är inte en Excel-arbetsbok"):
        read_plan(path)


# --- goals repeated on every row (sample: kulturförvaltningen) ------------------------------------


def test_goal_repeated_on_every_row_of_its_group_is_one_goal(tmp_path):
    plan = read(tmp_path, {"Plan": [
        ["Nämndens mål", "Aktiviteter", "Nyckeltal"],
        [GOAL, ACT, IND],
        [GOAL, "Ta fram en trygghetsplan för city", None],
        [GOAL_2, ACT_2, None],
        [f"{GOAL}.", "Anställa fler trygghetsvärdar", None],
    ]})
    assert [(s.id, s.text) for s in plan.statements if s.kind == "goal"] == [("M1", GOAL), ("M2", GOAL_2)]
    assert [s.parent for s in plan.statements if s.kind != "goal"] == ["M1", "M1", "M1", "M2", "M1"]


def test_goal_written_again_on_another_sheet_is_the_same_goal(tmp_path):
    plan = read(tmp_path, {"Mål": [["Mål", "Indikator"], [GOAL, IND]],
                           "Aktiviteter": [["Mål", "Aktivitet"], [GOAL, ACT]]})
    assert [(s.id, s.parent) for s in plan.statements] == [("M1", None), ("I1", "M1"), ("A1", "M1")]


# --- real-world sheets ----------------------------------------------------------------------------


def test_header_row_far_down_the_sheet_and_header_word_variety(tmp_path):
    title = [["Verksamhetsplan 2025"]] + [[None]] * 20
    plan = read(tmp_path, {"VP": [*title,
        ["Förvaltningsmål", "Åtgärd", "Nyckeltal", "Målvärde", "Inriktning"],
        [GOAL, ACT, IND, "Minst 90 %", "Trygghet"],
    ]})
    assert [(s.kind, s.ref.row) for s in plan.statements] == [("goal", 23), ("activity", 23), ("indicator", 23)]
    assert _claimed_ids(plan.statements[0].claimed) == ("trygghet",)


def test_hidden_sheet_rows_and_columns_are_skipped_with_warnings(tmp_path):
    import openpyxl

    path = make_xlsx(tmp_path / "plan.xlsx", {
        "Plan": [["Mål", "Aktivitet", "Intern kommentar"], [GOAL, ACT, "Bara för oss"], [None, ACT_2, None],
                 [None, "Ta fram en trygghetsplan för city", None]],
        "Gammalt": [["Aktivitet"], ["Genomföra något från förra året"]],
    })
    workbook = openpyxl.load_workbook(path)
    workbook["Plan"].row_dimensions[3].hidden = True
    workbook["Plan"].column_dimensions["C"].hidden = True
    workbook["Gammalt"].sheet_state = "hidden"
    workbook.save(path)
    plan = read_plan(path)
    assert texts(plan) == [GOAL, ACT, "Ta fram en trygghetsplan för city"]
    assert [(str(s.ref), s.reason) for s in plan.skipped] == [
        ("plan.xlsx, blad 'Plan', rad 3", "dold rad"),
        ("plan.xlsx, blad 'Plan', kolumn C", "dold kolumn (1 celler med text)"),
        ("plan.xlsx, blad 'Gammalt', rad 2", "dolt blad"),
    ]
    assert plan.statements[1].cells == (("Mål", GOAL),)
    assert len(plan.warnings) == 3


def test_multi_line_cell_without_bullets_gives_one_statement_per_item(tmp_path):
    plan = read(tmp_path, {"Plan": [["Mål", "Aktiviteter"], [f"{GOAL}\noch i parkerna", f"{ACT}\n{ACT_2}"]]})
    assert [(s.kind, s.text) for s in plan.statements] == [
        ("goal", f"{GOAL} och i parkerna"), ("activity", ACT), ("activity", ACT_2)]


def test_xlsm_is_read_like_xlsx(tmp_path):
    path = make_xlsx(tmp_path / "plan.xlsx", {"Plan": [["Aktivitet"], [ACT]]})
    target = path.rename(tmp_path / "plan.xlsm")
    import zipfile

    with zipfile.ZipFile(target) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        b"application/vnd.ms-excel.sheet.macroEnabled.main+xml")
    with zipfile.ZipFile(target, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    assert texts(read_plan(target)) == [ACT]


def test_row_values_belong_to_the_activity_not_to_the_goal_in_its_row(tmp_path):
    from openpyxl import Workbook

    from aligner.readers import read_plan

    wb = Workbook()
    ws = wb.active
    ws.append(["Mål", "Aktivitet", "Slutdatum"])
    ws.append(["Fler unga ska få jobb", "Erbjuda feriejobb till alla unga", "2025-06-30"])
    ws.append(["Ekonomin ska vara i balans", None, "2026-12-31"])
    path = tmp_path / "plan.xlsx"
    wb.save(path)
    goal, activity, lone_goal = read_plan(path).statements
    assert (goal.kind, goal.cells) == ("goal", ())
    assert ("Slutdatum", "2025-06-30") in activity.cells
    assert ("Slutdatum", "2026-12-31") in lone_goal.cells


def test_a_cell_ref_keeps_every_field_of_its_row_ref():
    from dataclasses import replace

    from aligner.model import SourceRef
    from aligner.readers.sheets import cell_ref_factory

    ref = SourceRef(**{name: (f"v-{name}" if name in ("path", "sheet", "column") else 7)
                       for name in SourceRef.__slots__})
    assert cell_ref_factory(ref)(27) == replace(ref, column="AB")


@pytest.mark.parametrize("name", ["lo_plan.xlsx", "merged"])
def test_the_grid_is_every_position_of_the_sheet_as_iter_rows_gives_it(tmp_path, name):
    # The reader walks openpyxl's cells by position instead of iter_rows (which makes a Cell for
    # every empty one); a change in openpyxl's internals must show here, not as missing text.
    from pathlib import Path

    from openpyxl import Workbook, load_workbook

    from aligner.readers.xlsx import _hidden_columns, _sheet

    if name == "merged":
        path = tmp_path / "merged.xlsx"
        wb = Workbook()
        ws = wb.active
        ws.append(["Mål", "Aktivitet", None, "Klart senast"])
        ws.append([GOAL, ACT, None, dt.date(2026, 6, 30)])
        ws.append([None, None, ACT_2, 0.5])
        ws.append([None, None, None, None, "långt ut"])
        ws.merge_cells("A2:A3")
        ws.merge_cells("B2:C2")
        ws.cell(6, 2, "efter en tom rad")
        wb.save(path)
    else:
        path = Path(__file__).parent / "fixtures" / name
    # Two loads: iter_rows fills the grid's empty positions, which the reader must do without.
    walked, read = (load_workbook(path, data_only=True).worksheets for _ in range(2))
    for reference, sheet in zip(walked, read, strict=True):
        expected = [[format_value(c.value, c.number_format) for c in row] for row in reference.iter_rows()]
        merged = {(r, c) for rng in sheet.merged_cells.ranges for r, c in rng.cells}
        hidden = _hidden_columns(sheet)  # blanked on purpose, listed as skipped
        got = _sheet(sheet, str(path)).rows
        assert [row.ref.row for row in got] == list(range(1, len(expected) + 1))
        for row, want in zip(got, expected, strict=True):
            for col, cell in enumerate(row.cells):
                if (row.ref.row, col + 1) not in merged and col + 1 not in hidden:
                    assert cell.text == want[col]
            assert all(not text for text in want[len(row.cells):])


def _claimed_ids(names: tuple[str, ...]) -> tuple[str, ...]:
    """The concept ids the shipped rules give the names a plan claims (readers keep the names as written)."""
    from aligner.tagging.rules import load_rules

    return tuple(load_rules().concept_for_name(n) for n in names)
