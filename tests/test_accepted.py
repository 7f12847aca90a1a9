"""Accepted gaps: loading the YAML file, applying it, stale entries, and what the exit code makes of them."""

from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner

from aligner.analysis.accepted import apply_accepted, load_accepted
from aligner.analysis.tables import matrix_frame
from aligner.cli import EXIT_GAPS, EXIT_INPUT, EXIT_OK, main
from aligner.errors import InputError
from aligner.model import AcceptedGap, PlanGaps
from aligner.run.audit import run_audit
from tests.conftest import SAMPLE_PLANS

CONCEPTS = [("trygghet", "Trygghet"), ("sysselsattning", "Sysselsättning"),
            ("klimatneutralitet_2030", "Klimatneutralitet 2030"), ("samspel", "Samspel")]

KULTUR_ACCEPTS = """\
# Beslut i styrgruppen 2025-01-20
- organisation: Kulturförvaltningen
  concept: sysselsattning
  reason: Sysselsättning ligger i arbetsmarknadsnämndens uppdrag.
  decided_by: Styrningsenheten
  date: 2025-01-20
- organisation: kulturförvaltningen   # case does not matter
  koncept: Klimatneutralitet 2030      # Swedish keys and concept titles are accepted too
  motivering: Klimatarbetet leds av miljöförvaltningen.
  beslutad_av: Styrningsenheten
  datum: "2025-01-20"
- organisation: Kulturförvaltningen
  concept: samspel
  reason: Gammalt beslut.
  decided_by: Styrningsenheten
  date: 2024-01-10
- organisation: Nedlagda nämnden
  concept: trygghet
  reason: Finns inte längre.
  decided_by: Styrningsenheten
  date: 2023-05-01
"""


def write(tmp_path, text: str):
    path = tmp_path / "accepted_gaps.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_load_accepts_english_and_swedish_keys(tmp_path):
    entries = load_accepted(write(tmp_path, KULTUR_ACCEPTS), CONCEPTS)
    assert [e.concept for e in entries] == ["sysselsattning", "klimatneutralitet_2030", "samspel", "trygghet"]
    assert entries[1].date == "2025-01-20" and entries[0].date == "2025-01-20"
    assert entries[1].reason == "Klimatarbetet leds av miljöförvaltningen." and entries[1].entry == 2


def test_empty_file_accepts_nothing(tmp_path):
    assert load_accepted(write(tmp_path, "# inga beslut ännu\n"), CONCEPTS) == ()


@pytest.mark.parametrize(("text", "message"), [
    ("- organisation: X\n  concept: trygget\n  reason: r\n  decided_by: d\n  date: 2025-01-01\n",
     "accepted_gaps.yaml, post 1: okänt koncept 'trygget'"),
    ("- organisation: X\n  concept: trygghet\n  decided_by: d\n  date: 2025-01-01\n",
     "post 1: fältet 'reason' (motivering) saknas"),
    ("- organisation: X\n  concept: trygghet\n  reason: r\n  decided_by: d\n  date: snart\n",
     "post 1: ogiltigt datum 'snart'"),
    ("- organisation: X\n  concept: trygghet\n  reason: r\n  decided_by: d\n  date: 2025-01-01\n  extra: 1\n",
     "post 1: okänt fält 'extra'"),
    ("- [inte, en, post]\n", "post 1: posten ska ha fälten"),
    ("organisation: X\n", "ska vara en lista"),
    ("- organisation: X\n  concept: [\n", "ogiltig YAML"),
    ("- {organisation: X, concept: trygghet, reason: r, decided_by: d, date: 2025-01-01}\n"
     "- {organisation: x, concept: Trygghet, reason: r, decided_by: d, date: 2025-01-02}\n",
     "post 2: samma lucka är redan accepterad i post 1"),
])
def test_load_errors_name_the_file_and_entry(tmp_path, text, message):
    with pytest.raises(InputError) as err:
        load_accepted(write(tmp_path, text), CONCEPTS)
    assert message in str(err.value)


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="finns inte"):
        load_accepted(tmp_path / "saknas.yaml", CONCEPTS)


def entry(org: str, concept: str, n: int = 1) -> AcceptedGap:
    return AcceptedGap(org, concept, "skäl", "Styrningsenheten", "2025-01-20", n)


def test_apply_matches_organisation_or_file_name_and_finds_stale_entries():
    plans = [PlanGaps("Kultur", "Kulturförvaltningen", "kultur-2025.xlsx", frozenset({"sysselsattning"})),
             PlanGaps("Miljö", "Miljönämnden", "miljo-2025.docx", frozenset({"trygghet"}))]
    applied = apply_accepted([entry("KULTURFÖRVALTNINGEN", "sysselsattning", 1),
                              entry("miljo-2025.docx", "trygghet", 2),
                              entry("Kulturförvaltningen", "trygghet", 3),
                              entry("Okänd", "trygghet", 4)], plans)
    assert set(applied.accepted) == {("Kultur", "sysselsattning"), ("Miljö", "trygghet")}
    stale = {s.entry.entry: s.reason for s in applied.stale}
    assert stale == {3: "konceptet tjänas nu av minst ett mål",
                     4: "organisationen finns inte bland de granskade planerna"}


@pytest.fixture(scope="module")
def kultur_folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("kultur")
    shutil.copy(SAMPLE_PLANS / "kulturforvaltningen-2025.xlsx", folder)
    return folder


def test_accepted_gaps_are_shown_as_accepted_and_not_counted(kultur_folder, tagger, tmp_path):
    accepted = load_accepted(write(tmp_path, KULTUR_ACCEPTS), [(c.id, c.title) for c in tagger.ruleset.concepts])
    result = run_audit([kultur_folder], tagger, accepted=accepted, jobs=1)
    plan = result.plans[0]
    assert plan.check.coverage.gaps == ("sysselsattning", "klimatneutralitet_2030")
    assert plan.gaps == () and not plan.has_gaps and not result.has_gaps
    assert plan.accepted_concepts == ("sysselsattning", "klimatneutralitet_2030")
    assert matrix_frame(result, "status").loc[plan.label, "sysselsattning"] == "accepted"
    assert sorted(s.entry.entry for s in result.stale) == [3, 4]


def test_cli_exit_code_ignores_accepted_gaps_and_reports_stale_ones(kultur_folder, tmp_path):
    accepted = write(tmp_path, KULTUR_ACCEPTS)
    args = ["audit", str(kultur_folder), "--accepted", str(accepted), "--reports", "none"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == EXIT_OK, result.output
    assert "inaktuell accepterad lucka" in result.stderr and "Nedlagda nämnden" in result.stderr
    assert "acc" in result.stdout
    assert CliRunner().invoke(main, args + ["--fail-on", "stale"]).exit_code == EXIT_GAPS
    assert CliRunner().invoke(main, ["audit", str(kultur_folder), "--reports", "none"]).exit_code == EXIT_GAPS


def test_cli_broken_accepted_file_is_an_input_error(kultur_folder, tmp_path):
    bad = write(tmp_path, "- organisation: X\n  concept: okänt\n")
    result = CliRunner().invoke(main, ["audit", str(kultur_folder), "--accepted", str(bad)])
    assert result.exit_code == EXIT_INPUT
    assert result.stderr.startswith("fel: accepted_gaps.yaml, post 1:") and "Traceback" not in result.output
