"""Large sheets are read as a stream (openpyxl's read-only parser): the plan must be the one the normal read gives."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aligner.readers import read_plan, xlsx
from tests.conftest import SAMPLE_PLANS
from tests.plan_generator import DrawChooser, generate
from tests.readers_fixtures import ACT, ACT_2, GOAL, GOAL_2, IND

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def same_both_ways(path: Path) -> None:
    normal, streamed = xlsx.read(path, stream=False), xlsx.read(path, stream=True)
    assert streamed.statements == normal.statements
    assert streamed.skipped == normal.skipped
    assert streamed.warnings == normal.warnings
    assert streamed.reading == normal.reading
    assert (streamed.title, streamed.org) == (normal.title, normal.org)


@pytest.mark.parametrize("path", [FIXTURES / "lo_plan.xlsx", *sorted(SAMPLE_PLANS.glob("*.xlsx"))],
                         ids=lambda p: p.name)
def test_stream_reads_fixtures_and_samples_as_the_normal_read_does(path):
    same_both_ways(path)


def test_stream_keeps_merged_ranges_hidden_parts_formats_and_second_tables(tmp_path):
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Plan"
    rows = [
        ["Verksamhetsplan 2025 för Kulturförvaltningen"],
        ["Mål", "Aktivitet", "Indikator", "Andel", "Klart senast", "Intern notering"],
        ["Målområde: Livskvalitet"],
        [GOAL, ACT, None, 0.9, dt.date(2025, 6, 30), "dold text i en dold kolumn"],
        [None, ACT_2, None, 0.75, dt.datetime(2025, 12, 31, 0, 0), None],
        [None, None, IND, None, None, None],
        [GOAL_2, "Införa digitala bokningar i alla bibliotek", None, None, None, None],
        [],
        ["Indikatorer"],
        ["Mål", "Indikator", "Målvärde 2027"],
        [GOAL_2, "Andel besökare som är nöjda med biblioteken", "minst 90 %"],
    ]
    for row in rows:
        sheet.append(row)
    sheet.merge_cells("A3:F3")
    sheet.merge_cells("A4:A6")
    for cell in ("D4", "D5"):
        sheet[cell].number_format = "0%"
    sheet.column_dimensions["F"].hidden = True
    sheet.row_dimensions[7].hidden = True
    hidden = workbook.create_sheet("Gammalt")
    hidden.append(["Mål"])
    hidden.append(["Ett mål som inte längre gäller men står kvar"])
    hidden.sheet_state = "hidden"
    path = tmp_path / "plan.xlsx"
    workbook.save(str(path))
    same_both_ways(path)
    plan = xlsx.read(path, stream=True)
    assert [s.text for s in plan.statements if s.kind == "activity"] == [ACT, ACT_2]
    assert dict(plan.statements[1].cells)["Andel"] == "90 %"
    assert {s.reason for s in plan.skipped} >= {"dold rad", "dolt blad"}


@settings(max_examples=6, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_stream_reads_generated_workbooks_as_the_normal_read_does(data):
    source = generate(DrawChooser(data.draw), "xlsx")
    with tempfile.TemporaryDirectory() as folder:
        same_both_ways(source.save(Path(folder) / "plan.xlsx"))


def test_a_large_worksheet_part_switches_to_the_stream(tmp_path, monkeypatch):
    from tests.readers_fixtures import make_xlsx

    path = make_xlsx(tmp_path / "plan.xlsx", {"Plan": [["Mål", "Aktivitet"], [GOAL, ACT]]})
    calls = []
    original = xlsx._stream_sheet
    monkeypatch.setattr(xlsx, "_stream_sheet", lambda *a: calls.append(a) or original(*a))
    read_plan(path)
    assert calls == []
    monkeypatch.setattr(xlsx, "STREAM_SHEET_BYTES", 100)
    plan = read_plan(path)
    assert len(calls) == 1 and [s.text for s in plan.statements] == [GOAL, ACT]
