"""The guard around every reader and writer: whatever escapes is exit 2 and one Swedish line naming
the file (the traceback only under --debug); in `audit` the file is unreadable and the others go on."""

import random
import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

import aligner.cli.common
from aligner.cli import EXIT_INPUT, main

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SOURCES = ["lo_plan.docx", "lo_plan.xlsx", "lo_plan.odt", "lo_plan.ods", "lo_plan.csv"]


@pytest.fixture
def cli(monkeypatch, tagger):
    monkeypatch.setattr(aligner.cli.common, "tagger", lambda rules_dir: tagger)
    monkeypatch.setitem(aligner.cli.common.DEBUG, "on", False)
    return CliRunner()


def corpus(folder: Path, seed: int = 15, per_source: int = 4) -> list[Path]:
    """Fixtures with bytes flipped, cut short, or an XML member's text shuffled: seeded, so the same each run."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    made = []
    for source in SOURCES:
        data = (FIXTURES / source).read_bytes()
        suffix = Path(source).suffix
        for n in range(per_source):
            if n == 0:
                out = data[: rng.randrange(1, len(data))]
            elif n == 1 or suffix == ".csv":
                out = bytearray(data)
                for _ in range(rng.randrange(1, 30)):
                    out[rng.randrange(len(out))] = rng.randrange(256)
                out = bytes(out)
            else:
                out = _shuffled_member(FIXTURES / source, rng)
            path = folder / f"{Path(source).stem}-{n}{suffix}"
            path.write_bytes(out)
            made.append(path)
    return made


def _shuffled_member(source: Path, rng: random.Random) -> bytes:
    import io

    buffer = io.BytesIO()
    with zipfile.ZipFile(source) as archive, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        members = [i for i in archive.infolist() if i.filename.endswith(".xml")]
        target = rng.choice(members).filename
        for info in archive.infolist():
            data = archive.read(info)
            if info.filename == target:
                text = data.decode("utf-8")
                cut = sorted(rng.randrange(len(text)) for _ in range(2))
                data = (text[: cut[0]] + text[cut[1]:] + text[cut[0]: cut[1]]).encode("utf-8")
            out.writestr(info.filename, data)
    return buffer.getvalue()


def test_a_reader_crash_is_one_line_naming_the_file_and_exit_2(cli, tmp_path, monkeypatch):
    import aligner.readers.csv as csv_reader

    def broken(path, shown=None):
        raise RuntimeError("a bug that quotes the plan: hemlig text")

    monkeypatch.setattr(csv_reader, "read", broken)
    plan = shutil.copy(FIXTURES / "lo_plan.csv", tmp_path / "plan.csv")
    result = cli.invoke(main, ["check", str(plan)])
    assert result.exit_code == EXIT_INPUT
    lines = result.output.strip().splitlines()
    assert lines == [f"fel: {plan.name}: filen kunde inte läsas: oväntat fel (RuntimeError) (rapportera gärna filen "
                     "till förvaltarna av aligner; --debug visar felspåret)"]
    assert "hemlig" not in result.output and "Traceback" not in result.output


def test_debug_shows_the_traceback(cli, tmp_path, monkeypatch):
    import aligner.readers.csv as csv_reader

    monkeypatch.setattr(csv_reader, "read", lambda path, shown=None: [][1])
    plan = shutil.copy(FIXTURES / "lo_plan.csv", tmp_path / "plan.csv")
    result = cli.invoke(main, ["--debug", "check", str(plan)])
    assert result.exit_code == EXIT_INPUT
    assert "Traceback" in result.output and "IndexError" in result.output


@pytest.mark.parametrize("error", [RecursionError, MemoryError, KeyError])
def test_a_writer_crash_names_the_output_file(cli, tmp_path, monkeypatch, error):
    import aligner.reports

    def broken(*args, **kwargs):
        raise error("x")

    monkeypatch.setattr(aligner.reports, "render", broken)
    plan = shutil.copy(FIXTURES / "lo_plan.csv", tmp_path / "plan.csv")
    out = tmp_path / "rapport.txt"
    result = cli.invoke(main, ["check", str(plan), "-o", str(out)])
    assert result.exit_code == EXIT_INPUT
    assert result.output.startswith(f"fel: {out}: kunde inte skrivas") and result.output.count("\n") == 1


def test_an_unforeseen_error_outside_readers_and_writers_is_still_one_line(cli, monkeypatch):
    import aligner.tagging.tagger

    monkeypatch.setattr(aligner.tagging.tagger.Tagger, "tag_text", lambda self, text: {}["x"])
    result = cli.invoke(main, ["tag", "Öka tryggheten"])
    assert result.exit_code == EXIT_INPUT and "Traceback" not in result.output
    assert result.output.startswith("fel: oväntat fel (KeyError)")


def test_audit_reports_crashing_files_as_unreadable_and_reads_the_others(cli, tmp_path, monkeypatch):
    import aligner.readers.odf as odf_reader

    folder = tmp_path / "planer"
    folder.mkdir()
    for source in SOURCES:
        shutil.copy(FIXTURES / source, folder / source)
    monkeypatch.setattr(odf_reader, "read", lambda path, shown=None: 1 / 0)
    result = cli.invoke(main, ["audit", str(folder), "--output-dir", str(tmp_path / "ut"), "-j", "1", "-q"])
    assert result.exit_code == EXIT_INPUT and "Traceback" not in result.output
    for name in ("lo_plan.odt", "lo_plan.ods"):
        assert f"fel: {name}: filen kunde inte läsas: oväntat fel (ZeroDivisionError)" in result.output
    assert (tmp_path / "ut" / "granskning.xlsx").exists()
    assert "lo_plan.docx" in (tmp_path / "ut" / "granskning.json").read_text(encoding="utf-8")


def test_audit_goes_on_when_tagging_one_plan_fails(cli, tmp_path, monkeypatch):
    import aligner.run.audit

    folder = tmp_path / "planer"
    folder.mkdir()
    for source in ("lo_plan.docx", "lo_plan.csv"):
        shutil.copy(FIXTURES / source, folder / source)
    real = aligner.run.audit.check_read_plan

    def fails_on_csv(plan, tagger):
        if plan.statements[0].ref.path.endswith(".csv"):
            raise RecursionError
        return real(plan, tagger)

    monkeypatch.setattr(aligner.run.audit, "check_read_plan", fails_on_csv)
    result = cli.invoke(main, ["audit", str(folder), "--output-dir", str(tmp_path / "ut"), "-j", "1", "-q"])
    assert result.exit_code == EXIT_INPUT
    assert "lo_plan.csv: planen kunde inte taggas" in result.output
    assert "lo_plan.docx" in (tmp_path / "ut" / "granskning.json").read_text(encoding="utf-8")


def test_one_report_that_fails_does_not_stop_the_others(cli, tmp_path, monkeypatch):
    import aligner.reports.chart

    monkeypatch.setattr(aligner.reports.chart, "render_svg", lambda result: None + 1)
    folder = tmp_path / "planer"
    folder.mkdir()
    shutil.copy(FIXTURES / "lo_plan.docx", folder / "lo_plan.docx")
    out = tmp_path / "ut"
    result = cli.invoke(main, ["audit", str(folder), "--output-dir", str(out), "-q"])
    assert result.exit_code == EXIT_INPUT and "Traceback" not in result.output
    assert "granskning.svg: kunde inte skrivas: oväntat fel (TypeError)" in result.output
    assert (out / "granskning.xlsx").exists() and (out / "granskning.html").exists()


def test_generated_corpus_every_file_is_read_or_named_unreadable(cli, tmp_path):
    files = corpus(tmp_path / "planer")
    result = cli.invoke(main, ["audit", str(tmp_path / "planer"), "--output-dir", str(tmp_path / "ut"), "-j", "1",
                               "-q", "--format", "json"])
    assert result.exit_code in (0, 1, 2), result.output
    assert "Traceback" not in result.output and "oväntat fel" not in result.output
    import json

    report = json.loads((tmp_path / "ut" / "granskning.json").read_text(encoding="utf-8"))
    seen = {Path(p["plan"]["source"]).name for p in report["plans"]}
    seen |= {Path(p["path"]).name for p in report["problems"]}
    assert seen == {f.name for f in files}


# --- annotate never overwrites a file without being told ------------------------------------------


def test_annotate_refuses_to_overwrite_an_existing_copy_without_force(cli, tmp_path):
    plan = shutil.copy(FIXTURES / "lo_plan.docx", tmp_path / "plan.docx")
    out = tmp_path / "kopia.docx"
    out.write_bytes(b"mitt eget dokument")
    result = cli.invoke(main, ["annotate", str(plan), "-o", str(out)])
    assert result.exit_code == EXIT_INPUT
    assert "filen finns redan; skriv över den med --force" in result.output
    assert out.read_bytes() == b"mitt eget dokument"
    result = cli.invoke(main, ["annotate", str(plan), "-o", str(out), "--force"])
    assert result.exit_code == 0, result.output
    assert out.read_bytes()[:2] == b"PK"


def test_annotate_never_overwrites_a_read_only_file(cli, tmp_path):
    plan = shutil.copy(FIXTURES / "lo_plan.docx", tmp_path / "plan.docx")
    out = tmp_path / "kopia.docx"
    out.write_bytes(b"skyddad")
    out.chmod(0o444)
    result = cli.invoke(main, ["annotate", str(plan), "-o", str(out), "--force"])
    assert result.exit_code == EXIT_INPUT and "skrivskyddad" in result.output
    assert out.read_bytes() == b"skyddad"
