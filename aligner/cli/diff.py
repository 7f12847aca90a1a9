"""The `diff` command: which concepts and goals were won or lost between two versions of a plan."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from aligner.cli import common
from aligner.cli.common import EXIT_GAPS, EXIT_OK, exit_zero_option, fail, rules_option
from aligner.cli.sv import SvCommand
from aligner.errors import AlignerError


@click.command(cls=SvCommand)
@click.argument("old", metavar="GAMMAL", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("new", metavar="NY", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["terminal", "json"]), default="terminal", show_default=True,
              help="Rapportens format.")
@exit_zero_option
@rules_option
def diff(old: Path, new: Path, fmt: str, exit_zero: bool, rules_dir: Path | None) -> None:
    """Visa vilka koncept och mål som vunnits eller förlorats mellan två versioner.

    GAMMAL och NY är planer (.docx, .xlsx, …) eller JSON-filer från aligner check eller aligner audit.
    Slutkod: 0 inget koncept förlorat, 1 något koncept förlorat, 2 en fil kunde inte läsas.

    Exempel: aligner diff reports-2024/granskning.json reports/granskning.json
    """
    from aligner.analysis.diff import diff_dict
    from aligner.reports.json_report import dumps
    from aligner.run.diff import diff_paths

    try:
        result = diff_paths(old, new, lambda: common.tagger(rules_dir))
    except AlignerError as err:
        fail(err)
    if fmt == "json":
        click.echo(dumps(diff_dict(result)), nl=False)
    else:
        from aligner.reports.audit_terminal import render_diff

        click.echo(render_diff(result, color=sys.stdout.isatty()), nl=False)
    sys.exit(EXIT_GAPS if result.concepts_lost and not exit_zero else EXIT_OK)
