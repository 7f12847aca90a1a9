"""The reading ledger: every paragraph, list item, table cell and sheet cell ends with exactly one outcome."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from aligner.readers import read_plan
from tests.conftest import SAMPLE_PLANS
from tests.ledger_check import assert_ledger_complete
from tests.readers_fixtures import ACT, GOAL, IND, make_docx, make_xlsx

FIXTURES = Path(__file__).resolve().parent / "fixtures"
READABLE_FIXTURES = sorted(p for p in FIXTURES.glob("lo_plan.*"))
SAMPLES = sorted(p for p in SAMPLE_PLANS.iterdir() if p.suffix in (".docx", ".xlsx"))


@pytest.mark.parametrize("path", READABLE_FIXTURES + SAMPLES, ids=lambda p: p.name)
def test_every_block_of_fixtures_and_samples_is_accounted_for_once(path):
    assert_ledger_complete(read_plan(path), path)


def test_ledger_names_each_outcome_with_its_reason(tmp_path):
    path = make_docx(tmp_path / "plan.docx", [
        ("title", "Verksamhetsplan 2025"),
        ("p", "Här beskriver vi hur förvaltningen arbetar under året och varför."),
        ("h1", "Mål"),
        ("number", GOAL),
        ("p", "Aktiviteter:"),
        ("bullet", ACT),
        ("bullet", "Kort"),
        ("h1", "Risker och internkontroll"),
        ("p", "Att inköp inte görs enligt avtal"),
    ])
    plan = read_plan(path)
    assert_ledger_complete(plan, path)
    by_text = {e.text: e for e in plan.reading}
    assert by_text["Verksamhetsplan 2025"].outcome == "metadata"
    assert by_text["Här beskriver vi hur förvaltningen arbetar under året och varför."].outcome == "prose"
    assert by_text["Mål"].outcome == "heading"
    assert by_text[GOAL].outcome == "statement" and by_text[GOAL].statements == ("M1",)
    assert by_text["Aktiviteter:"].outcome == "label"
    assert by_text[ACT].statements == ("A1",)
    assert (by_text["Kort"].outcome, by_text["Kort"].reason) == ("skipped", "för kort")
    assert by_text["Att inköp inte görs enligt avtal"].outcome == "skipped"
    assert "risker/internkontroll" in by_text["Att inköp inte görs enligt avtal"].reason


def test_value_cells_belong_to_their_row_statements_and_title_rows_are_metadata(tmp_path):
    path = make_xlsx(tmp_path / "plan.xlsx", {"Plan": [
        ["Verksamhetsplan 2025 för Kulturförvaltningen"],
        [],
        ["Mål", "Aktivitet", "Indikator", "Ansvarig"],
        [GOAL, ACT, IND, "Kulturchef"],
    ]})
    plan = read_plan(path)
    assert_ledger_complete(plan, path)
    by_text = {e.text: e for e in plan.reading}
    assert by_text["Verksamhetsplan 2025 för Kulturförvaltningen"].outcome == "metadata"
    assert by_text["Ansvarig"].outcome == "heading"
    assert by_text["Kulturchef"].outcome == "statement"
    assert set(by_text["Kulturchef"].statements) == {"A1", "I1"}


def test_check_json_carries_the_ledger_under_reading(tmp_path):
    from click.testing import CliRunner

    from aligner.cli import main

    path = make_docx(tmp_path / "plan.docx", [("h1", "Mål"), ("number", GOAL), ("p", "Så här ser det ut i dag.")])
    result = CliRunner().invoke(main, ["check", str(path), "--format", "json", "--exit-zero"])
    data = json.loads(result.stdout)
    reading = data["reading"]
    assert [(r["text"], r["outcome"]) for r in reading] == [
        ("Mål", "heading"), (GOAL, "statement"), ("Så här ser det ut i dag.", "prose")]
    assert reading[1]["location"]["paragraph"] == 1 and reading[1]["statements"] == ["M1"]
    assert all(r["reason"] for r in reading)


def test_check_explain_reading_prints_each_block_what_it_became_and_why(tmp_path):
    from click.testing import CliRunner

    from aligner.cli import main

    path = make_docx(tmp_path / "plan.docx", [
        ("p", "Beslutat av: Kulturnämnden"), ("h1", "Bakgrund"), ("bullet", "Staden växer med många nya invånare"),
        ("h1", "Mål"), ("number", GOAL),
    ])
    result = CliRunner().invoke(main, ["check", str(path), "--explain-reading"])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].startswith("Så lästes plan.docx: 5 textblock (1 påstående, 2 rubrik, 1 uppgift om planen,"
                               " 1 överhoppat)")
    assert "stycke 1: uppgift om planen – uppgift om planen (beslut, datum, giltighet, organisation)" in lines
    assert "stycke 3: överhoppat – punkt under en rubrik som inte säger mål, aktiviteter eller indikatorer" in lines
    assert "stycke 5: påstående M1 – mål M1" in lines
    assert f'    "{GOAL}"' in lines
    missing = CliRunner().invoke(main, ["check", str(tmp_path / "saknas.docx"), "--explain-reading"])
    assert missing.exit_code == 2


def test_streamed_json_is_the_json_of_dumps_byte_for_byte(tmp_path):
    import io

    from aligner.reports.json_report import check_dict, dumps, write
    from aligner.run.check import check_plan

    path = make_xlsx(tmp_path / "plan.xlsx", {"Plan": [
        ["Verksamhetsplan 2025"], ["Mål", "Aktivitet", "Indikator", "Ansvarig"], [GOAL, ACT, IND, "Kulturchef"]]})
    result = check_plan(path)
    stream = io.StringIO()
    write(check_dict(result, lazy=True), stream)
    assert stream.getvalue() == dumps(check_dict(result))
    assert json.loads(stream.getvalue())["reading"][0]["outcome"] == "metadata"
