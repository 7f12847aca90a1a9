"""The city-wide audit: finding and reading files (in parallel), organisation names, tables, --fail-on, the CLI."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from aligner.analysis.fail_on import FailOnError, failures, parse_fail_on
from aligner.analysis.gaps import has_target
from aligner.analysis.tables import matrix_frame, statements_frame, summary_frame
from aligner.cli import EXIT_GAPS, EXIT_INPUT, EXIT_OK, EXIT_USAGE, main
from aligner.run.audit import run_audit
from aligner.run.files import collect_files
from aligner.run.orgs import load_orgs, org_from_file_name, org_from_title
from tests.conftest import ROOT, SAMPLE_PLANS
from tests.readers_fixtures import make_docx, make_xlsx

CONCEPTS = ("innovation", "samspel", "livskvalitet", "tidshorisont_2027", "trygghet", "sysselsattning",
            "klimatneutralitet_2030")
# The concepts each sample plan deliberately misses (sample_plans/README.md).
SAMPLE_GAPS = {
    "skol-och-fritidsforvaltningen-2025.docx": {"tidshorisont_2027", "sysselsattning", "klimatneutralitet_2030"},
    "socialforvaltningen-2025.docx": {"innovation", "klimatneutralitet_2030"},
    "miljoforvaltningen-2025.docx": {"trygghet", "sysselsattning"},
    "arbetsmarknadsforvaltningen-2025.xlsx": {"livskvalitet", "trygghet"},
    "oresundskraft-ab-2025.xlsx": {"samspel", "trygghet", "sysselsattning"},
    "kulturforvaltningen-2025.xlsx": {"sysselsattning", "klimatneutralitet_2030"},
    "helsingborgshem-ab-2025.docx": {"innovation", "tidshorisont_2027"},
}


def build_audit_folder(folder: Path) -> Path:
    """A folder as a batch finds it: two real plans, two tiny ones, a lock file, a text file, two bad files."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(SAMPLE_PLANS / "kulturforvaltningen-2025.xlsx", folder / "kulturforvaltningen-2025.xlsx")
    make_docx(folder / "provnamnden-2026.docx", [
        ("title", "Verksamhetsplan 2026 – Provnämnden"),
        ("h1", "Mål"),
        ("number", "Alla invånare ska känna sig trygga i sitt bostadsområde senast 2026."),
        ("number", "Fler unga ska få jobb genom samarbete med näringslivet."),
        ("h2", "Indikatorer"),
        ("bullet", "Andel invånare som känner sig trygga, målvärde minst 80 %"),
    ])
    sub = folder / "bolag"
    sub.mkdir(exist_ok=True)
    make_xlsx(sub / "testbolaget.xlsx", {"Mål": [
        ["Förvaltning: Testförvaltningen"], [],
        ["Mål", "Indikator", "Målvärde 2026"],
        ["Alla ska känna sig trygga <script>alert(1)</script> & säkra", "Andel trygga invånare", "80 %"],
        ["Ekonomin ska vara i balans varje år", "Budgetavvikelse", ""],
    ]})
    (folder / "~$provnamnden-2026.docx").write_bytes(b"lock")
    (folder / "anteckningar.txt").write_text("inte en plan", encoding="utf-8")
    (folder / "trasig.docx").write_bytes(b"this is not a word file at all")
    make_docx(folder / "tom.docx", [("p", "Bara lite text utan mål.")])
    (folder / ".git").mkdir(exist_ok=True)
    (folder / ".git" / "config.docx").write_bytes(b"hidden folder, never read")
    return folder


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return build_audit_folder(tmp_path_factory.mktemp("plans"))


@pytest.fixture(scope="module")
def small(folder, tagger):
    return run_audit([folder], tagger, jobs=1)


@pytest.fixture(scope="module")
def samples(tagger):
    return run_audit([SAMPLE_PLANS], tagger)


def test_collect_files_skips_lock_files_and_other_formats_with_a_reason(folder):
    files, problems = collect_files([folder])
    names = sorted(f.name for f in files)
    assert names == ["kulturforvaltningen-2025.xlsx", "provnamnden-2026.docx", "testbolaget.xlsx", "tom.docx",
                     "trasig.docx"]
    reasons = {Path(p.path).name: p.reason for p in problems}
    assert "låsfil" in reasons["~$provnamnden-2026.docx"]
    assert "stöds inte (.txt)" in reasons["anteckningar.txt"]
    assert all(p.kind == "skipped" for p in problems)
    assert "config.docx" not in reasons  # hidden folders are not entered


def test_collect_files_deduplicates_and_reports_missing_paths(folder, tmp_path):
    files, problems = collect_files([folder, folder / "provnamnden-2026.docx", tmp_path / "saknas"])
    assert [f.name for f in files].count("provnamnden-2026.docx") == 1
    assert any(p.kind == "unreadable" and "finns inte" in p.reason for p in problems)


def test_one_bad_file_never_stops_the_run(small):
    assert sorted(p.file_name for p in small.plans) == ["kulturforvaltningen-2025.xlsx", "provnamnden-2026.docx",
                                                        "testbolaget.xlsx"]
    unreadable = {Path(p.path).name: p.reason for p in small.unreadable}
    assert set(unreadable) == {"trasig.docx", "tom.docx"}
    assert unreadable["trasig.docx"].startswith("trasig.docx: ")
    assert "inga mål, aktiviteter eller indikatorer hittades" in unreadable["tom.docx"]


def test_reading_in_worker_processes_gives_the_same_result(folder, tagger, small, monkeypatch):
    import aligner.run.audit

    monkeypatch.setattr(aligner.run.audit, "MIN_FILES_FOR_POOL", 2)
    pids = []
    monkeypatch.setattr(aligner.run.audit, "ProcessPoolExecutor", _recording_pool(pids))
    parallel = run_audit([folder], tagger, jobs=2)
    assert pids, "no worker pool was started"
    assert [p.path for p in parallel.plans] == [p.path for p in small.plans]
    assert parallel.problems == small.problems
    assert matrix_frame(parallel).equals(matrix_frame(small))


def _recording_pool(started: list):
    from concurrent.futures import ProcessPoolExecutor

    class Pool(ProcessPoolExecutor):
        def __init__(self, *args, **kwargs):
            started.append(kwargs.get("max_workers"))
            super().__init__(*args, **kwargs)

    return Pool


def test_progress_counts_plans_not_steps(folder, tagger):
    calls = []
    run_audit([folder / "provnamnden-2026.docx", SAMPLE_PLANS / "kulturforvaltningen-2025.xlsx"], tagger, jobs=1,
              progress=lambda d, n, label: calls.append((d, n, label.split()[0])))
    # two plans: the bar goes to 2 of 2, once per plan read; tagging only updates the label
    assert [(d, n) for d, n, _ in calls if _ == "läst"] == [(1, 2), (2, 2)]
    assert all(n == 2 and d <= 2 for d, n, _ in calls) and calls[-1][:2] == (2, 2)


def test_organisation_names_come_from_the_document_then_properties_title_and_file_name(small):
    by_file = {p.file_name: p for p in small.plans}
    assert (by_file["testbolaget.xlsx"].org, by_file["testbolaget.xlsx"].org_source) == ("Testförvaltningen",
                                                                                         "dokument")
    assert by_file["provnamnden-2026.docx"].org == "Provnämnden"
    assert by_file["kulturforvaltningen-2025.xlsx"].org == "Kulturförvaltningen"


def test_arbetsmarknad_name_comes_from_the_document_properties(samples):
    plan = next(p for p in samples.plans if p.file_name.startswith("arbetsmarknad"))
    assert plan.org == "Arbetsmarknadsförvaltningen"


def test_name_helpers():
    assert org_from_title("Verksamhetsplan 2025 – Kulturförvaltningen") == "Kulturförvaltningen"
    assert org_from_title("Verksamhetsplan 2025") is None
    assert org_from_title(None) is None
    assert org_from_file_name("plans/helsingborgshem-ab-2025.docx") == "Helsingborgshem AB"
    assert org_from_file_name("stadsbyggnad_2024-2025.xlsx") == "Stadsbyggnad"


@pytest.mark.parametrize("text", ["fil;organisation\nTestbolaget.xlsx;Test AB\n",
                                  "\ufefffile,organisation\ntestbolaget.xlsx,Test AB\n",
                                  "testbolaget;Test AB\n"])
def test_orgs_file_sets_the_name_by_file(folder, tagger, tmp_path, text):
    orgs_file = tmp_path / "orgs.csv"
    orgs_file.write_text(text, encoding="utf-8")
    orgs = load_orgs(orgs_file)
    result = run_audit([folder / "bolag"], tagger, orgs=orgs, jobs=1)
    assert (result.plans[0].org, result.plans[0].org_source) == ("Test AB", "orgs.csv")


def test_cli_orgs_file_in_the_audited_folder_is_not_read_as_a_plan(folder, tmp_path):
    shutil.copy(folder / "bolag" / "testbolaget.xlsx", tmp_path)
    (tmp_path / "orgs.csv").write_text("fil;organisation\ntestbolaget.xlsx;Test AB\n", encoding="utf-8")
    result = run("audit", tmp_path, "--orgs", tmp_path / "orgs.csv", "--format", "json", "--reports", "none", "-q")
    data = json.loads(result.stdout)
    assert [p["organisation"]["name"] for p in data["plans"]] == ["Test AB"] and data["problems"] == []


def test_orgs_file_errors_name_the_row(tmp_path):
    bad = tmp_path / "orgs.csv"
    bad.write_text("fil;organisation\nbara-en-kolumn\n", encoding="utf-8")
    with pytest.raises(Exception, match=r"orgs.csv, rad 2"):
        load_orgs(bad)


def test_two_plans_of_one_organisation_stay_apart(tmp_path, tagger):
    for year in (2024, 2025):
        shutil.copy(SAMPLE_PLANS / "helsingborgshem-ab-2025.docx", tmp_path / f"helsingborgshem-{year}.docx")
    result = run_audit([tmp_path], tagger, jobs=1)
    assert [p.label for p in result.plans] == ["Helsingborgshem AB (helsingborgshem-2024.docx)",
                                               "Helsingborgshem AB (helsingborgshem-2025.docx)"]
    assert len(matrix_frame(result)) == 2


def test_sample_plans_matrix_and_gaps(samples):
    assert len(samples.plans) == 7 and not samples.unreadable
    matrix = matrix_frame(samples)
    assert list(matrix.columns) == list(CONCEPTS) and len(matrix) == 7
    for plan in samples.plans:
        assert set(plan.gaps) == SAMPLE_GAPS[plan.file_name], plan.file_name
        for c in plan.check.coverage.concepts:
            assert matrix.at[plan.label, c.concept] == c.goal_count
    status = matrix_frame(samples, "status")
    assert (status == "gap").sum().sum() == sum(len(g) for g in SAMPLE_GAPS.values())


def test_summary_and_statement_tables(samples):
    summary = summary_frame(samples).set_index("Fil")
    assert summary.at["helsingborgshem-ab-2025.docx", "Mål utan koncept"] == 1
    assert summary.at["skol-och-fritidsforvaltningen-2025.docx", "Andel mål med tidshorisont inom 2027"] == 0
    assert summary.at["kulturforvaltningen-2025.xlsx", "Andel mål med tidshorisont inom 2027"] == 1
    statements = statements_frame(samples)
    assert len(statements) == sum(len(p.check.tagged.statements) for p in samples.plans)
    assert statements["Plats"].str.len().min() > 0


def test_indicator_checks(small, samples):
    prov = next(p for p in small.plans if p.file_name == "provnamnden-2026.docx")
    assert prov.indicators.indicators_without_target == ()  # "målvärde minst 80 %" in the text
    assert prov.indicators.goals_without_indicator == ("M1",)
    test = next(p for p in small.plans if p.file_name == "testbolaget.xlsx")
    assert test.indicators.indicators_without_target == ("I2",)  # empty Målvärde cell
    arbete = next(p for p in samples.plans if p.file_name.startswith("arbetsmarknad"))
    assert arbete.indicators.indicators_without_target == ("I5",)  # a formula without a cached value


@pytest.mark.parametrize(("cells", "text", "expected"), [
    ((("Målvärde 2027", "Minst 70 %"),), "Utsläpp av växthusgaser", True),
    ((("Mål 2026", "1 100 000"),), "Antal besök", True),
    ((("Malvarde", "75 %"),), "Andel", True),
    ((("Målvärde", ""),), "Andel", False),
    ((("Förvaltningsmål", "Fler ska arbeta"),), "Andel i arbete", False),
    ((), "Andel elever som känner sig trygga, målvärde minst 92 %", True),
    ((), "Andelen ska öka till 85 procent", True),
    ((), "Antal besök under 2025", False),
    ((), "Andel behöriga till gymnasiet", False),
])
def test_has_target(cells, text, expected):
    assert has_target(cells, text) is expected


def test_fail_on_grammar():
    concepts = [("trygghet", "Trygghet"), ("klimatneutralitet_2030", "Klimatneutralitet 2030")]
    conds = parse_fail_on("gap:Trygghet, untagged>20%,stale", concepts)
    assert [str(c) for c in conds] == ["gap:trygghet", "untagged>20%", "stale"]
    assert parse_fail_on("none", concepts)[0].kind == "none"
    for bad in ("gap:trygget", "untagged<5", "", "oläsbar"):
        with pytest.raises(FailOnError):
            parse_fail_on(bad, concepts)


def test_failures_follow_the_conditions(samples):
    concepts = [(c.id, c.title) for c in samples.ruleset.concepts]
    assert failures(samples, parse_fail_on("none", concepts)) == ()
    trygghet = failures(samples, parse_fail_on("gap:trygghet", concepts))
    assert len(trygghet) == 3 and all("Trygghet" in r for r in trygghet)
    assert failures(samples, parse_fail_on("untagged>50%", concepts)) == ()
    assert len(failures(samples, parse_fail_on("untagged>10%", concepts))) == 2  # helsingborgshem, skola


# --- CLI ------------------------------------------------------------------------------------------


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_cli_audit_writes_every_report_and_exits_2_for_unreadable_files(folder, tmp_path):
    out = tmp_path / "rapporter"
    result = run("audit", folder, "--output-dir", out)
    assert result.exit_code == EXIT_INPUT, result.output
    assert sorted(p.name for p in out.iterdir()) == ["granskning.html", "granskning.json", "granskning.svg",
                                                     "granskning.xlsx"]
    assert "fel: trasig.docx" in result.stderr and "tom.docx" in result.stderr
    assert "Kulturförvaltningen" in result.stdout and "Traceback" not in result.output
    # the closing line names the code it exits with, and why
    assert "Slutkod 2: 2 filer kunde inte läsas" in result.stderr and "Slutkod 1" not in result.stderr


def test_cli_audit_exit_codes(folder, tmp_path):
    plans = tmp_path / "ok"
    plans.mkdir()
    shutil.copy(SAMPLE_PLANS / "kulturforvaltningen-2025.xlsx", plans)
    shutil.copy(folder / "provnamnden-2026.docx", plans)
    base = ("audit", plans, "--reports", "none", "-q")
    assert run(*base).exit_code == EXIT_GAPS
    assert run(*base, "--exit-zero").exit_code == EXIT_OK
    assert run(*base, "--fail-on", "none").exit_code == EXIT_OK
    assert run(*base, "--fail-on", "gap:klimatneutralitet_2030").exit_code == EXIT_GAPS
    assert run(*base, "--fail-on", "gap:samspel").exit_code == EXIT_OK
    quiet = run(*base, "--fail-on", "gap:samspel")
    assert quiet.stderr == ""  # --quiet: no progress, no messages
    loud = run("audit", plans, "--reports", "none")
    assert loud.exit_code == EXIT_GAPS and "Slutkod 1 enligt --fail-on gap:" in loud.stderr


def test_cli_audit_without_any_plan_is_an_input_error(tmp_path):
    (tmp_path / "anteckningar.txt").write_text("ingen plan", encoding="utf-8")
    result = run("audit", tmp_path, "--reports", "none")
    assert result.exit_code == EXIT_INPUT and "inga planer att granska" in result.stderr
    missing = run("audit", tmp_path / "saknas", "--reports", "none")
    assert missing.exit_code == EXIT_INPUT
    assert f"fel: {tmp_path / 'saknas'}: filen eller mappen finns inte" in missing.stderr


def test_cli_audit_json_to_stdout(folder):
    result = run("audit", folder / "bolag", "--format", "json", "--reports", "none", "-q")
    data = json.loads(result.stdout)
    assert data["kind"] == "audit" and data["schema_version"] == 1
    assert data["plans"][0]["organisation"]["name"] == "Testförvaltningen"
    assert data["matrix"]["rows"][0]["cells"]["trygghet"]["direct"] == ["M1"]


@pytest.mark.parametrize("args", [
    ("audit",),
    ("audit", "sample_plans", "--fail-on", "gap:okänt"),
    ("audit", "sample_plans", "--reports", "pdf"),
    ("audit", "sample_plans", "--jobs", "0"),
    ("audit", "sample_plans", "--okänd-flagga"),
    ("diff", "bara-en.json"),
])
def test_cli_usage_errors_exit_3(args):
    result = run(*args)
    assert result.exit_code == EXIT_USAGE, result.output


def test_check_and_version_never_import_pandas():
    plan = SAMPLE_PLANS / "helsingborgshem-ab-2025.docx"
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from aligner.cli import main\n"
        f"r = CliRunner().invoke(main, ['check', {str(plan)!r}])\n"
        "assert r.exit_code in (0, 1), r.output\n"
        "CliRunner().invoke(main, ['--version'])\n"
        "assert 'pandas' not in sys.modules, 'pandas imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
