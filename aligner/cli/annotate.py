"""The `aligner annotate` command: an annotated copy of a plan, in Word or Excel.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from aligner.cli import common
from aligner.cli.common import EXIT_OK, fail, rules_option
from aligner.cli.sv import SvCommand
from aligner.errors import AlignerError


@click.command(cls=SvCommand)
@click.argument("plan", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Var kopian skrivs (standard: NAMN.aligner.docx/.xlsx bredvid planen). Aldrig planen själv.")
@click.option("--force", "-f", is_flag=True, help="Skriv över en kopia som redan finns (aldrig planen själv).")
@rules_option
def annotate(plan: Path, output: Path | None, force: bool, rules_dir: Path | None) -> None:
    """Skriv en kommenterad kopia av planen; originalet ändras aldrig.

    Word: en kommentar på varje mål, aktivitet och indikator med koncept och belägg, och en
    sammanfattning överst. Excel: kolumnerna Koncept, Belägg och Tidshorisont bredvid
    målen och ett nytt blad "Täckning". Förslag för luckorna räknas inte som täckning.

    Slutkod: 0 kopian skrevs, 2 planen kunde inte läsas eller kopian inte skrivas.

    Exempel: aligner annotate sample_plans/skol-och-fritidsforvaltningen-2025.docx
    """
    from aligner.analysis.gaps import gap_views
    from aligner.run.annotate import annotate_plan

    try:
        done = annotate_plan(plan, output, common.tagger(rules_dir), force=force)
    except AlignerError as err:
        fail(err)
    found = [f"{len(items)} {heading[0].lower()}{heading[1:]}" for heading, items in gap_views(done.result)]
    what = ("kommentarer" if plan.suffix.lower() == ".docx" else "rader med nya kolumner")
    for warning in done.warnings:
        click.echo(f"varning: {warning}", err=True)
    click.echo(f"Kommenterad kopia skriven till {done.output}")
    click.echo(f"  {done.notes} {what}; luckor: {', '.join(found) if found else 'inga'}"
               + (" (förslag finns i kopian)" if done.result.suggestions else ""))
    sys.exit(EXIT_OK)

