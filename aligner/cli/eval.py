"""The `eval` command: precision, recall and F1 against labelled JSON Lines files."""

from __future__ import annotations

import json
from pathlib import Path

import click

from aligner.cli import common
from aligner.cli.common import fail, rules_option
from aligner.cli.sv import SvCommand
from aligner.errors import AlignerError


@click.command(name="eval", cls=SvCommand)
@click.argument("labelled", nargs=-1, required=True, metavar="MÄRKT_FIL...",
                type=click.Path(dir_okay=False, path_type=Path))
@click.option("--by-rule", is_flag=True, help="Visa hur ofta varje regel slog till och hur ofta den hade fel.")
@click.option("--json", "as_json", is_flag=True, help="Skriv resultatet som JSON.")
@click.option("--baseline", is_flag=True, help="Mät den naiva baslinjen (sök på begreppets namn) i stället.")
@click.option("--errors/--no-errors", default=True, show_default=True, help="Lista felaktiga taggar.")
@click.option("--part", type=click.Choice(["regeldel", "mätdel", "alla"]), default=None,
              help="Visa bara denna del, tabell och fel (standard: alla tabeller och regeldelens fel; "
                   "mätdelens fel visas bara på begäran).")
@click.option("--skip", "skip", multiple=True, metavar="KONCEPT",
              help="Lämna ett koncept utanför mätningen (upprepa för flera).")
@rules_option
def eval_cmd(labelled: tuple[Path, ...], by_rule: bool, as_json: bool, baseline: bool, errors: bool,
             part: str | None, skip: tuple[str, ...], rules_dir: Path | None) -> None:
    """Mät precision, täckning (recall) och F1 mot märkta JSON Lines-filer (id, text, labels).

    Meningar med källa (source) delas efter källsidan i en regeldel, som reglerna skrivs
    från, och en mätdel, som bara mäts på; båda visas, med skillnaden mellan dem.

    Exempel: aligner eval eval/dev_real.jsonl eval/dev_real2.jsonl --by-rule
    """
    from aligner.analysis.evaluation import baseline_predict, evaluate, load_labelled, predict
    from aligner.reports.terminal import render_eval
    from aligner.tagging.rules import load_rules

    try:
        items = [item for path in labelled for item in load_labelled(path)]
        if baseline:
            ruleset = load_rules(rules_dir)
            preds = baseline_predict(items, ruleset)
        else:
            tagger = common.tagger(rules_dir)
            ruleset = tagger.ruleset
            preds = predict(items, tagger.tag_texts)
    except AlignerError as err:
        fail(err)
    unknown = set(skip) - set(ruleset.ids)
    if unknown:
        raise click.BadParameter(f"okänt koncept: {', '.join(sorted(unknown))}", param_hint="--skip")
    result = evaluate(preds, [c for c in ruleset.ids if c not in skip])
    if as_json:
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2, sort_keys=False))
    else:
        click.echo(render_eval(result, by_rule=by_rule, errors=errors, error_part=part))
