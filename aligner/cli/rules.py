"""The `rules` group: list, test and copy the rule files (lint, missing and forms live in aligner.cli.lint)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from aligner.cli import common
from aligner.cli.common import EXIT_GAPS, EXIT_OK, RULES_ENV, fail, rules_option
from aligner.cli.lint import forms, lint, missing
from aligner.cli.sv import SvGroup
from aligner.errors import AlignerError


@click.group(cls=SvGroup)
def rules() -> None:
    """Visa och testa regelfilerna."""


@rules.command(name="test")
@rules_option
def rules_test(rules_dir: Path | None) -> None:
    """Kör exemplen i regelfilerna och visa varje fel med meningen och vad som matchade.

    Exempel: aligner rules test
    """
    from aligner.analysis.evaluation import run_examples
    from aligner.reports.terminal import render_example_failures

    try:
        tagger = common.tagger(rules_dir)
    except AlignerError as err:
        fail(err)
    total, failures = run_examples(tagger.ruleset, tagger.tag_texts)
    click.echo(render_example_failures(total, failures))
    sys.exit(EXIT_GAPS if failures else EXIT_OK)


@rules.command(name="init")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
def rules_init(folder: Path) -> None:
    """Kopiera reglerna som följer med aligner till en egen mapp, att redigera och peka ut med --rules.

    Example: aligner rules init styrning-regler
    """
    from aligner.tagging.rules import copy_shipped_rules

    try:
        copied = copy_shipped_rules(folder)
    except AlignerError as err:
        fail(err)
    shown = folder.resolve()
    click.echo(f"{len(copied)} regelfiler kopierade till {shown}:")
    click.echo("".join(f"  {p.name}\n" for p in copied), nl=False)
    click.echo(f"Nästa steg: redigera filerna, kör 'aligner rules test --rules {folder}', och peka ut mappen "
               f"med --rules {folder} (eller {RULES_ENV}={shown} för aligner serve och batchkörningar).")


@rules.command(name="list")
@rules_option
def rules_list(rules_dir: Path | None) -> None:
    """Lista alla regler med id och beskrivning, per koncept.

    Exempel: aligner rules list
    """
    from aligner.reports.terminal import render_rule_list
    from aligner.tagging.rules import load_rules

    try:
        ruleset = load_rules(rules_dir)
    except AlignerError as err:
        fail(err)
    click.echo(render_rule_list(ruleset))



rules.add_command(lint)
rules.add_command(missing)
rules.add_command(forms)
