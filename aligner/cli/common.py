"""What every command shares: the exit codes, the error mapping, the shared options and the cached tagger.

No spaCy, python-docx or openpyxl imported here; the commands import the library on their own paths.

Exit codes, the same for every command (the README's "Exit codes" shows them with examples):

    0  EXIT_OK     done, nothing found (no gap, no concept lost, every rule example passes), or --exit-zero
    1  EXIT_GAPS   done, something found (gaps, a concept lost, a failing example, unreviewed words)
    2  EXIT_INPUT  some input could not be read, a report could not be written, serve cannot listen
    3  EXIT_USAGE  usage error: an unknown option, a missing argument, a bad value
"""

from __future__ import annotations

import functools
import os
import sys
from pathlib import Path

import click

from aligner.errors import AlignerError

EXIT_OK = 0
EXIT_GAPS = 1
EXIT_INPUT = 2
EXIT_USAGE = 3

# The variable that points every command (and `serve`, batch jobs) at a rule folder; kept in step
# with aligner.tagging.rules.RULES_ENV, which this module does not import (it loads no rules).
RULES_ENV = "ALIGNER_RULES"

DEBUG = {"on": bool(os.environ.get("ALIGNER_DEBUG"))}


def say(err: AlignerError) -> None:
    """One Swedish line on stderr; the traceback too under --debug."""
    click.echo(f"fel: {err}", err=True)
    if DEBUG["on"]:
        import traceback

        traceback.print_exception(err, file=sys.stderr)


def fail(err: AlignerError) -> None:
    """Say what went wrong and exit with EXIT_INPUT."""
    say(err)
    sys.exit(EXIT_INPUT)


def rules_option(f):
    """The shared --rules option."""
    return click.option(
        "--rules", "rules_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
        envvar=RULES_ENV, show_envvar=True,
        help="Mapp med regelfiler (standard: de regler som följer med aligner).",
    )(f)


def exit_zero_option(f):
    """The shared --exit-zero option (as in flake8 and ruff): gaps are reported but do not fail the run."""
    return click.option(
        "--exit-zero", is_flag=True,
        help="Avsluta med 0 även när luckor hittas (fel i indata ger fortfarande 2).",
    )(f)


def _set_max_statements(ctx, param, value: int) -> int:
    """Apply --max-statements for this command only: the limits before it are restored when the
    command ends, so a program (or a test) that runs several commands in one process starts each
    from the defaults."""
    from aligner import limits

    before = limits.set_default(statements=value)
    ctx.call_on_close(lambda: limits.set_default(before))
    return value


def max_size_option(f):
    """The shared --max-size option: how much a zipped plan may unpack to (a guard against zip bombs),
    and --max-statements: how many statements one plan may hold (see aligner.limits)."""
    from aligner.limits import DEFAULT

    f = click.option(
        "--max-statements", type=click.IntRange(1, 10_000_000), default=DEFAULT.statements, show_default=True,
        expose_value=False, callback=_set_max_statements, metavar="ANTAL",
        help="Högsta antal mål, aktiviteter och indikatorer i en plan (skydd mot filer som inte är planer).",
    )(f)
    return click.option(
        "--max-size", "max_size", type=click.IntRange(1, 100_000), default=200, show_default=True, metavar="MB",
        help="Största tillåtna uppackade storlek för en .docx/.xlsx/.odt/.ods i MB (skydd mot zip-bomber).",
    )(f)


def tagger(rules_dir: Path | None):
    """The run's Tagger. Kept per process and rule-file state, so programs and tests that call
    several commands in one process build the spaCy pipeline once."""
    from aligner.tagging.rules import rules_dir_in_use

    folder = rules_dir_in_use(rules_dir).resolve()
    state = tuple(sorted((p.name, p.stat().st_mtime_ns) for p in folder.glob("*.yaml"))) if folder.is_dir() else ()
    return _cached_tagger(folder, state)


@functools.lru_cache(maxsize=4)
def _cached_tagger(folder: Path, state: tuple):
    from aligner.tagging.rules import load_rules
    from aligner.tagging.tagger import Tagger

    return Tagger(load_rules(folder))


def append(text: str, output: Path, first: bool) -> None:
    """Write `text` to `output`, starting the file anew for the first plan and appending after it."""
    from aligner.errors import ReportError

    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        with output.open("w" if first else "a", encoding="utf-8") as f:
            f.write(text)
    except OSError as exc:
        raise ReportError(str(output), f"kan inte skrivas ({exc.strerror or exc})") from exc




def write_json(result, output: Path | None) -> None:
    """check's JSON report, written piece by piece to stdout or the output file."""
    from aligner.errors import ReportError
    from aligner.reports.json_report import check_dict, write

    data = check_dict(result, lazy=True)
    if output is None:
        write(data, sys.stdout)
        return
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        with output.open("w", encoding="utf-8") as stream:
            write(data, stream)
    except OSError as exc:
        raise ReportError(str(output), f"kan inte skrivas ({exc.strerror or exc})") from exc


def write(text: str, output: Path | None) -> None:
    """Write `text` to stdout, or to `output` (ReportError with the file's name if it cannot be written)."""
    from aligner.errors import ReportError

    if output is None:
        click.echo(text, nl=not text.endswith("\n"))
        return
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise ReportError(str(output), f"kan inte skrivas ({exc.strerror or exc})") from exc
