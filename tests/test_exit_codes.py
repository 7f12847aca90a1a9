"""One exit-code table for every command (aligner.cli.common): a usage error exits 3 and input that
cannot be read exits 2, in each command and subcommand, so a batch job can tell them apart."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from aligner.cli import EXIT_GAPS, EXIT_INPUT, EXIT_OK, EXIT_USAGE, main
from aligner.cli.app import main as app_main

COMMANDS = ("check", "tag", "eval", "rules list", "rules test", "rules init", "rules lint", "rules missing",
            "rules forms", "audit", "diff", "annotate", "serve")


def _leaves(group, prefix=()):
    for name, command in group.commands.items():
        if hasattr(command, "commands"):
            yield from _leaves(command, (*prefix, name))
        else:
            yield " ".join((*prefix, name))


def test_the_table_is_one_and_complete():
    assert (EXIT_OK, EXIT_GAPS, EXIT_INPUT, EXIT_USAGE) == (0, 1, 2, 3)
    assert main is app_main


def test_every_command_is_covered_here():
    """A new command must be added to COMMANDS (and so to both tests below)."""
    assert set(_leaves(main)) == set(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("bad", [["--no-such-option"], ["--rules"]])
def test_a_usage_error_exits_3(command, bad):
    if bad == ["--rules"] and command == "rules init":
        bad = ["a", "b", "c"]  # rules init takes no --rules; an extra argument instead
    result = CliRunner().invoke(main, [*command.split(), *bad])
    assert result.exit_code == EXIT_USAGE, result.output
    assert "fel:" in result.output and "Traceback" not in result.output


@pytest.fixture
def unreadable(tmp_path):
    """A rule folder whose YAML does not parse, a plan that is not there, a folder that cannot be made."""
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "frameworks.yaml").write_text("frameworks: [inte stängd\n", encoding="utf-8")
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    return {"rules": str(rules), "missing": str(tmp_path / "saknas.docx"), "blocked": str(tmp_path / "a-file" / "sub")}


def _unreadable_args(command: str, p: dict) -> list[str]:
    return {
        "check": [p["missing"]],
        "tag": ["en mening", "--rules", p["rules"]],
        "eval": [p["missing"].replace(".docx", ".jsonl")],
        "rules list": ["--rules", p["rules"]],
        "rules test": ["--rules", p["rules"]],
        "rules init": [p["blocked"]],
        "rules lint": ["--rules", p["rules"]],
        "rules missing": ["del", "--rules", p["rules"]],
        "rules forms": ["--rules", p["rules"]],
        "audit": [p["missing"]],
        "diff": [p["missing"], p["missing"]],
        "annotate": [p["missing"]],
        "serve": ["--rules", p["rules"]],
    }[command]


@pytest.mark.parametrize("command", COMMANDS)
def test_unreadable_input_exits_2_and_names_it(command, unreadable):
    result = CliRunner().invoke(main, [*command.split(), *_unreadable_args(command, unreadable)])
    assert result.exit_code == EXIT_INPUT, result.output
    assert "Traceback" not in result.output
    assert any(name in result.output for name in ("saknas", "rules", "a-file")), result.output
