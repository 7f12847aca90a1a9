"""click in Swedish (aligner.cli.sv): every help page and every usage error a user can meet."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from aligner.cli import EXIT_USAGE, main
from aligner.cli.sv import swedish_message
from tests.conftest import SAMPLE_PLANS

COMMANDS = [[], ["check"], ["tag"], ["eval"], ["annotate"], ["audit"], ["diff"], ["serve"], ["rules"],
            ["rules", "list"], ["rules", "test"]]
ENGLISH = ("Usage:", "Options:", "Commands:", "Show this message", "Show the version", "[default:", "Example:",
           "[required]", "Error:", "FILE", "DIRECTORY", "INTEGER")


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False, prog_name="aligner")


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "aligner")
def test_every_help_page_is_swedish(command):
    result = run(*command, "--help")
    assert result.exit_code == 0
    out = result.output
    assert out.startswith("Användning: aligner") and "Visa den här hjälpen och avsluta." in out
    assert not [word for word in ENGLISH if word in out], out
    if command and command != ["rules"]:
        assert "Exempel:" in out and "Flaggor:" in out


def test_defaults_are_shown_in_swedish():
    out = " ".join(run("check", "--help").output.split())
    assert "[standard: terminal]" in out and "[standard: 200;" in out


@pytest.mark.parametrize("args, expected", [
    (["check"], "fel: argument saknas: 'PLAN"),
    (["eval"], "fel: argument saknas:"),
    (["tag", "en", "två"], "fel: oväntat argument: två"),
    (["check", "--format", "pdf", "x.docx"], "fel: ogiltigt värde för '--format': 'pdf' är inte ett av"),
    (["check", "--formt", "json", "x.docx"], "fel: okänd flagga '--formt' (menade du '--format'?)"),
    (["audit", "--jobs", "0", "x"], "fel: ogiltigt värde för '--jobs'"),
    (["check", "--output"], "fel: flaggan '--output' behöver ett värde"),
    (["nope"], "fel: okänt kommando 'nope'"),
])
def test_usage_errors_are_swedish_and_exit_with_the_usage_code(args, expected):
    result = run(*args)
    assert result.exit_code == EXIT_USAGE, result.output
    assert result.output.startswith(expected), result.output
    assert "Användning: aligner" in result.output and "--help" in result.output
    assert not [word for word in ("Error", "Missing", "Invalid", "unexpected", "No such", "Usage:")
                if word in result.output]


@pytest.mark.parametrize("english, swedish", [
    ("Got unexpected extra arguments (a b)", "oväntat argument: a b"),
    ("'x' is not one of 'terminal', 'json'.", "'x' är inte ett av 'terminal', 'json'."),
    ("'x' is not a valid integer.", "'x' är inte ett giltigt heltal."),
    ("File 'a.txt' does not exist.", "Filen 'a.txt' finns inte."),
    ("Directory 'a' is a file.", "Mappen 'a' är en fil."),
    ("Something click may add later.", "Something click may add later."),  # never lost
])
def test_click_messages_in_swedish(english, swedish):
    assert swedish_message(english) == swedish


def test_a_plan_check_still_runs_through_the_swedish_group():
    result = run("check", SAMPLE_PLANS / "kulturforvaltningen-2025.xlsx", "--exit-zero")
    assert result.exit_code == 0 and "Svar: " in result.output
