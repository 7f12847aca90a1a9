"""End-to-end runs of the CLI with click's CliRunner, on the sample plans."""

import json
import re

import pytest
from click.testing import CliRunner

from aligner import __version__
from aligner.cli import EXIT_GAPS, EXIT_INPUT, EXIT_OK, main
from tests.conftest import ROOT, SAMPLE_PLANS

PLANS = sorted(p for p in SAMPLE_PLANS.iterdir() if p.suffix in (".docx", ".xlsx"))
STATEMENT_KEYS = {"id", "kind", "text", "location", "parent", "tags", "label", "section", "cells", "claimed", "horizon"}


def run(*args, input=None):
    return CliRunner().invoke(main, [str(a) for a in args], input=input, catch_exceptions=False)


def test_version():
    result = run("--version")
    assert result.exit_code == EXIT_OK and __version__ in result.output


def test_there_are_at_least_six_sample_plans_in_both_formats():
    assert len(PLANS) >= 6 and {p.suffix for p in PLANS} == {".docx", ".xlsx"}


@pytest.mark.parametrize("plan", PLANS, ids=[p.name for p in PLANS])
def test_check_terminal_report_lists_statements_coverage_and_gaps(plan):
    result = run("check", plan)
    assert result.exit_code in (EXIT_OK, EXIT_GAPS), result.output
    out = result.output
    assert out.index("Svar: ") < out.index("Täckning") < out.index("Luckor") < out.index("Mål, aktiviteter")
    assert "Målbild 2027:" in out and "Inriktningar 2023–2026:" in out
    assert "[[" in out and "→ " in out  # at least one tag with its evidence words marked
    assert (result.exit_code == EXIT_GAPS) == ("LUCKA" in out or "Mål som inte tjänar" in out)
    # no internal ids, rule ids or offsets by default, and the file name once
    assert not re.search(r"\b[MAI]\d+\b", out) and "regel " not in out and "tecken " not in out
    assert out.count(plan.name) == 1


def test_check_verbose_adds_rule_ids_offsets_and_places():
    plan = SAMPLE_PLANS / "skol-och-fritidsforvaltningen-2025.docx"
    plain, verbose = run("check", plan).output, run("check", plan, "--verbose").output
    assert "regel " not in plain
    assert re.search(r'Trygghet: "trygga" \(tecken \d+–\d+, regel trygghet-\S+\)', verbose)
    assert "plats: Vad vill vi uppnå › Mål 2 (id M2)" in verbose


@pytest.mark.parametrize("plan", PLANS, ids=[p.name for p in PLANS])
def test_check_json_matches_the_documented_schema(plan, tmp_path):
    out = tmp_path / "report.json"
    result = run("check", plan, "--format", "json", "--output", out)
    assert result.exit_code in (EXIT_OK, EXIT_GAPS)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["schema_version"] == 1
    assert data["statements"], "no statements"
    ids = {s["id"] for s in data["statements"]}
    for s in data["statements"]:
        assert STATEMENT_KEYS <= set(s)
        assert s["kind"] in ("goal", "activity", "indicator")
        assert s["parent"] is None or s["parent"] in ids
        assert s["location"]["path"] and s["location"]["text"] and s["location"]["place"]
        for tag in s["tags"]:
            assert tag["evidence"], "a tag without evidence"
            for ev in tag["evidence"]:
                assert {"rule", "text", "start", "end", "source"} <= set(ev)
                if ev["source"] == "text":
                    assert s["text"][ev["start"]:ev["end"]] == ev["text"]
    cov = data["coverage"]
    assert {c["concept"] for c in cov["concepts"]} == {
        "innovation", "samspel", "livskvalitet", "tidshorisont_2027", "trygghet", "sysselsattning",
        "klimatneutralitet_2030"}
    assert {f["id"] for f in cov["frameworks"]} == {"malbild_2027", "inriktningar_2023_2026"}
    assert set(cov["gaps"]) == {"concepts", "goals_without_concept", "statements_without_concept"}
    assert set(data["indicator_checks"]) == {"indicators_without_target", "goals_without_indicator"}
    assert set(data["indicator_checks"]["indicators_without_target"]) <= ids
    assert (result.exit_code == EXIT_GAPS) == cov["has_gaps"]


def test_the_planners_guide_shows_what_check_prints_today():
    readme = (ROOT / "docs" / "planners.md").read_text(encoding="utf-8")
    command = "$ aligner check sample_plans/skol-och-fritidsforvaltningen-2025.docx\n"
    shown = readme.split(command, 1)[1].split("\n…\n", 1)[0]
    out = run("check", ROOT / "sample_plans" / "skol-och-fritidsforvaltningen-2025.docx").output
    assert len(shown.splitlines()) > 30 and out.startswith(shown + "\n")


def test_json_is_deterministic():
    plan = PLANS[0]
    assert run("check", plan, "--format", "json").output == run("check", plan, "--format", "json").output


def test_exit_zero_keeps_gaps_from_failing_the_run():
    plan = SAMPLE_PLANS / "skol-och-fritidsforvaltningen-2025.docx"
    assert run("check", plan).exit_code == EXIT_GAPS
    assert run("check", plan, "--exit-zero").exit_code == EXIT_OK


def test_unreadable_file_gives_one_line_and_exit_2(tmp_path):
    bad = tmp_path / "plan.docx"
    bad.write_bytes(b"this is not a word file at all")
    result = CliRunner().invoke(main, ["check", str(bad)])
    assert result.exit_code == EXIT_INPUT
    assert "plan.docx" in result.output and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_missing_file_gives_exit_2(tmp_path):
    result = CliRunner().invoke(main, ["check", str(tmp_path / "saknas.xlsx")])
    assert result.exit_code == EXIT_INPUT and "saknas.xlsx" in result.output


def test_tag_shows_evidence():
    result = run("tag", "Genomföra trygghetsvandringar i centrum senast 2026.")
    assert result.exit_code == EXIT_OK
    assert "[[trygghetsvandringar]]" in result.output and "Trygghet (trygghet)" in result.output
    assert "Tidshorisont: inom 2027 (2026)" in result.output


def test_tag_explain_shows_suppressed_matches():
    result = run("tag", "--explain", "Förvaltningen ska ha en trygg ekonomi.")
    assert "Inga koncept." in result.output and "Stoppade av undantag:" in result.output


def test_tag_jsonl_from_stdin_keeps_order():
    lines = "\n".join(json.dumps({"id": i, "text": t}, ensure_ascii=False) for i, t in
                      [("b", "Ekonomi i balans."), ("a", "Otryggheten ska minska.")])
    result = run("tag", "--jsonl", "-", input=lines + "\n")
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert [r["id"] for r in rows] == ["b", "a"]
    assert rows[0]["concepts"] == [] and rows[1]["concepts"] == ["trygghet"]
    assert rows[1]["evidence"][0]["text"] == "Otryggheten"


def test_tag_needs_text_or_jsonl():
    assert CliRunner().invoke(main, ["tag"]).exit_code != EXIT_OK


def test_eval_prints_table_and_json(tmp_path):
    data = tmp_path / "set.jsonl"
    data.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in [
        {"id": "1", "text": "Otryggheten ska minska.", "labels": ["trygghet"]},
        {"id": "2", "text": "Ekonomi i balans.", "labels": []},
        {"id": "3", "text": "Fler ska känna sig hemma.", "labels": ["trygghet"]},
    ]), encoding="utf-8")
    result = run("eval", data, "--by-rule")
    assert "micro" in result.output and "Missade (fn): 1" in result.output and "regel" in result.output
    scores = json.loads(run("eval", data, "--json").output)
    assert scores["per_concept"]["trygghet"]["tp"] == 1 and scores["per_concept"]["trygghet"]["fn"] == 1


def test_rules_test_passes_on_the_shipped_rules():
    result = run("rules", "test")
    assert result.exit_code == EXIT_OK, result.output
    assert " passed, 0 failed" in result.output


def test_rules_list_names_every_concept():
    result = run("rules", "list")
    for cid in ("innovation", "samspel", "livskvalitet", "tidshorisont_2027", "trygghet", "sysselsattning",
                "klimatneutralitet_2030"):
        assert f"({cid})" in result.output


def test_every_command_is_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name, cmd in main.commands.items():
        assert f"aligner {name}" in readme, name
        for sub in getattr(cmd, "commands", {}):
            assert f"aligner {name} {sub}" in readme, f"{name} {sub}"


def test_eval_can_leave_a_concept_out(tmp_path):
    data = tmp_path / "set.jsonl"
    data.write_text(json.dumps({"id": "1", "text": "Klart senast 2026.", "labels": []}) + "\n", encoding="utf-8")
    assert json.loads(run("eval", data, "--json").output)["micro"]["fp"] == 1
    scores = json.loads(run("eval", data, "--json", "--skip", "tidshorisont_2027").output)
    assert scores["micro"]["fp"] == 0 and "tidshorisont_2027" not in scores["per_concept"]
    assert CliRunner().invoke(main, ["eval", str(data), "--skip", "klimat"]).exit_code != EXIT_OK


def test_a_folder_without_plans_given_to_check_gets_a_swedish_message(tmp_path):
    result = CliRunner().invoke(main, ["check", str(tmp_path)])
    assert result.exit_code == EXIT_INPUT and "mappen har inga planer (läser .csv, .docx" in result.output
