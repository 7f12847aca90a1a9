"""`aligner diff`: concepts and goals gained or lost between two plans, two check JSONs or two audit JSONs."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from aligner.analysis.diff import diff_views, normalise
from aligner.cli import EXIT_GAPS, EXIT_INPUT, EXIT_OK, main
from aligner.model import Goal, PlanView
from aligner.reports.audit_json import audit_dict
from aligner.reports.json_report import dumps
from aligner.run.audit import run_audit
from aligner.run.diff import diff_paths
from tests.readers_fixtures import make_docx

TITLES = {"trygghet": "Trygghet", "sysselsattning": "Sysselsättning", "klimatneutralitet_2030": "Klimat"}


def view(org: str, goals: dict[str, set[str]]) -> PlanView:
    gs = {normalise(t): Goal(f"M{i}", t, frozenset(c)) for i, (t, c) in enumerate(goals.items(), 1)}
    covered = frozenset().union(*goals.values()) if goals else frozenset()
    return PlanView(org, f"{org}.docx", covered, gs)


def test_normalise_ignores_case_punctuation_and_diacritics():
    assert normalise("Fler ska få JOBB!") == normalise("fler ska fa jobb") == "fler ska fa jobb"


def test_diff_views_concepts_and_goals():
    old = view("Kultur", {"Fler ska arbeta.": {"sysselsattning"}, "Alla ska vara trygga": {"trygghet"}})
    new = view("Kultur", {"alla ska vara trygga": {"trygghet", "klimatneutralitet_2030"}, "Ny idé": set()})
    d = diff_views([old], [new], TITLES)
    (org,) = d.orgs
    assert org.concepts_gained == ("klimatneutralitet_2030",) and org.concepts_lost == ("sysselsattning",)
    assert [g.text for g in org.goals_added] == ["Ny idé"]
    assert [g.text for g in org.goals_removed] == ["Fler ska arbeta."]
    assert [(c.gained, c.lost) for c in org.goals_changed] == [(("klimatneutralitet_2030",), ())]
    assert d.concepts_lost


def test_audits_are_matched_by_organisation_and_new_or_gone_plans_are_named():
    old = [view("Kultur", {"A": {"trygghet"}}), view("Nedlagd", {"B": {"trygghet"}})]
    new = [view("kultur", {"A": {"trygghet"}}), view("Ny", {"C": set()})]
    d = diff_views(old, new, TITLES)
    by = {o.organisation: o for o in d.orgs}
    assert not by["kultur"].changed
    assert by["Ny"].old_source is None and by["Nedlagd"].new_source is None
    assert by["Nedlagd"].concepts_lost == ("trygghet",)


def plan(path, goal2: str, activity1: str):
    return make_docx(path, [
        ("title", "Verksamhetsplan – Provnämnden"),
        ("h1", "Vad vill vi uppnå"),
        ("h2", "Mål 1: Fler invånare ska ta del av kulturlivet."),
        ("h3", "Aktiviteter"), ("bullet", activity1),
        ("h2", f"Mål 2: {goal2}"),
        ("h3", "Aktiviteter"), ("bullet", "Erbjuda en aktivitet till alla."),
    ])


@pytest.fixture(scope="module")
def drafts(tmp_path_factory):
    folder = tmp_path_factory.mktemp("drafts")
    old = plan(folder / "utkast-1.docx", "Fler unga ska få jobb genom sommarjobb.",
               "Genomföra trygghetsvandringar runt biblioteket.")
    new = plan(folder / "utkast-2.docx", "Utsläppen av växthusgaser ska minska.",
               "Ordna läsecirklar på biblioteket.")
    return old, new


def test_diff_two_plan_files(drafts, tagger):
    d = diff_paths(*drafts, lambda: tagger)
    (org,) = d.orgs
    assert org.organisation == "Provnämnden"
    assert "sysselsattning" in org.concepts_lost and "trygghet" in org.concepts_lost
    assert "klimatneutralitet_2030" in org.concepts_gained
    assert [g.id for g in org.goals_added] == ["M2"] and [g.id for g in org.goals_removed] == ["M2"]
    (changed,) = org.goals_changed
    assert changed.new.id == "M1" and "trygghet" in changed.lost  # lost through its activity


def test_cli_diff_terminal_and_json(drafts):
    result = CliRunner().invoke(main, ["diff", str(drafts[0]), str(drafts[1])])
    assert result.exit_code == EXIT_GAPS, result.output
    out = result.stdout
    assert "- koncept:" in out and "+ koncept: Klimatneutralitet 2030" in out
    assert "+ mål M2: Utsläppen av växthusgaser ska minska." in out and "~ mål M1" in out
    data = json.loads(CliRunner().invoke(main, ["diff", *map(str, drafts), "--format", "json"]).stdout)
    assert data["kind"] == "diff" and data["concepts_lost"] is True
    assert data["organisations"][0]["goals_removed"][0]["text"] == "Fler unga ska få jobb genom sommarjobb."
    assert CliRunner().invoke(main, ["diff", *map(str, drafts), "--exit-zero"]).exit_code == EXIT_OK


def test_cli_diff_audit_json_against_check_json(drafts, tagger, tmp_path):
    audit_file = tmp_path / "granskning.json"
    audit_file.write_text(dumps(audit_dict(run_audit([drafts[1]], tagger, jobs=1))), encoding="utf-8")
    check_file = tmp_path / "check.json"
    check = CliRunner().invoke(main, ["check", str(drafts[1]), "--format", "json", "--output", str(check_file)])
    assert check.exit_code in (EXIT_OK, EXIT_GAPS)
    same = CliRunner().invoke(main, ["diff", str(check_file), str(audit_file)])
    assert same.exit_code == EXIT_OK and "Inga skillnader" in same.stdout
    back = CliRunner().invoke(main, ["diff", str(audit_file), str(drafts[0])])
    assert back.exit_code == EXIT_GAPS and "Klimatneutralitet 2030" in back.stdout


def test_cli_diff_unreadable_input_exits_2(tmp_path, drafts):
    bad = tmp_path / "trasig.json"
    bad.write_text("{inte json", encoding="utf-8")
    result = CliRunner().invoke(main, ["diff", str(bad), str(drafts[0])])
    assert result.exit_code == EXIT_INPUT
    assert result.stderr.startswith("fel: trasig.json, rad 1, kolumn 2: ogiltig JSON")
    other = tmp_path / "annan.json"
    other.write_text('{"hej": 1}', encoding="utf-8")
    result = CliRunner().invoke(main, ["diff", str(other), str(drafts[0])])
    assert result.exit_code == EXIT_INPUT and "varken" in result.stderr
