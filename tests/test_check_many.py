"""`aligner check` on several plans and folders, and its HTML and Excel report for one plan."""

from __future__ import annotations

import html
import json
import shutil

import pytest
from click.testing import CliRunner

from aligner.cli import EXIT_GAPS, EXIT_INPUT, EXIT_OK, EXIT_USAGE, main
from tests.conftest import SAMPLE_PLANS

KULTUR = SAMPLE_PLANS / "kulturforvaltningen-2025.xlsx"
SKOL = SAMPLE_PLANS / "skol-och-fritidsforvaltningen-2025.docx"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False, prog_name="aligner")


def test_several_plans_are_reported_in_turn_with_a_closing_count():
    result = run("check", KULTUR, SKOL)
    assert result.exit_code == EXIT_GAPS
    out = result.stdout
    assert out.index("Kulturförvaltningen") < out.index("Skol- och fritidsförvaltningen")
    assert out.count("Svar: ") == 2 and out.count(KULTUR.name) == 1 and out.count(SKOL.name) == 1
    assert "2 planer kontrollerade, 2 med luckor, 0 utan luckor." in out


def test_a_folder_is_searched_and_a_bad_plan_does_not_stop_the_others(tmp_path):
    shutil.copy(KULTUR, tmp_path)
    (tmp_path / "trasig.docx").write_bytes(b"not a word file")
    (tmp_path / "anteckningar.txt").write_text("ingen plan", encoding="utf-8")
    result = run("check", tmp_path, "--exit-zero")
    assert result.exit_code == EXIT_INPUT  # a plan could not be read: 2, whatever the gaps
    assert "fel: trasig.docx" in result.stderr and "hoppar över" in result.stderr  # named, never lost
    assert "anteckningar.txt" in result.stderr
    assert "Svar: " in result.stdout and "1 kunde inte läsas" in result.stdout
    data = json.loads(run("check", tmp_path, "--format", "json").stdout)
    assert len(data["plans"]) == 1
    assert {(p["kind"], p["path"].rsplit("/", 1)[-1]) for p in data["problems"]} == {
        ("unreadable", "trasig.docx"), ("skipped", "anteckningar.txt")}


def test_several_plans_as_json_is_one_document_with_every_plan():
    result = run("check", KULTUR, SKOL, "--format", "json")
    data = json.loads(result.stdout)
    assert data["kind"] == "checks" and [p["plan"]["source"] for p in data["plans"]] == [str(KULTUR), str(SKOL)]
    single = json.loads(run("check", KULTUR, "--format", "json").stdout)
    assert single["plan"]["source"] == str(KULTUR) and "plans" not in single  # one plan: as before


def test_format_html_writes_the_page_serve_shows_without_the_form(tmp_path):
    out = tmp_path / "svar.html"
    result = run("check", SKOL, "--format", "html", "-o", out)
    assert result.exit_code == EXIT_GAPS and f"Rapporten är skriven till {out}" in result.stderr
    page = html.unescape(out.read_text(encoding="utf-8"))
    assert page.startswith("<!DOCTYPE html>") and '<html lang="sv">' in page
    assert "Mål som inte tjänar något av koncepten" in page and "Indikatorer utan målvärde" in page
    assert "Vad vill vi uppnå › Mål 2" in page
    assert "<form" not in page and "<script" not in page and "http://" not in page and "https://" not in page


def test_format_html_without_output_writes_beside_the_current_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert run("check", KULTUR, "--format", "html").exit_code == EXIT_GAPS
    assert (tmp_path / "kulturforvaltningen-2025.aligner.html").is_file()


def test_format_xlsx_writes_the_excel_report(tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "svar.xlsx"
    assert run("check", KULTUR, "--format", "xlsx", "-o", out).exit_code == EXIT_GAPS
    book = load_workbook(out)
    assert book.sheetnames[:3] == ["Matris", "Påståenden", "Luckor"]
    gap_kinds = {row[2] for row in book["Luckor"].iter_rows(min_row=2, values_only=True)}
    assert "Koncept saknas" in gap_kinds


@pytest.mark.parametrize("fmt", ["html", "xlsx"])
def test_a_report_file_is_for_one_plan(fmt):
    result = run("check", KULTUR, SKOL, "--format", fmt)
    assert result.exit_code == EXIT_USAGE and "en plan i taget" in result.stderr


def test_no_plan_is_a_usage_error():
    result = run("check")
    assert result.exit_code == EXIT_USAGE and "argument saknas: 'PLAN...'" in result.stderr


def test_exit_zero_with_several_plans():
    assert run("check", KULTUR, SKOL, "--exit-zero").exit_code == EXIT_OK
