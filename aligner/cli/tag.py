"""The `tag` command: one sentence, or JSON Lines, tagged with the evidence shown."""

from __future__ import annotations

import json
from pathlib import Path

import click

from aligner.cli import common
from aligner.cli.common import fail, rules_option
from aligner.cli.sv import SvCommand, usage_error
from aligner.errors import AlignerError


@click.command(cls=SvCommand)
@click.argument("text", required=False)
@click.option("--jsonl", "jsonl", type=click.File("r", encoding="utf-8-sig"), default=None,
              help="Läs JSON Lines med id och text (eller - för standard in); skriver en JSON-rad per rad.")
@click.option("--explain", is_flag=True, help="Visa vilka regler som slog till och vilka undantag som stoppade.")
@rules_option
def tag(text: str | None, jsonl, explain: bool, rules_dir: Path | None) -> None:
    """Tagga en enskild mening och visa beläggen.

    Exempel: aligner tag "Genomföra trygghetsvandringar tillsammans med polisen senast 2026."
    """
    from aligner.reports.terminal import render_tag_result

    if (text is None) == (jsonl is None):
        raise usage_error("ange antingen en TEXT eller --jsonl FIL")
    try:
        tagger = common.tagger(rules_dir)
        if jsonl is not None:
            _tag_jsonl(tagger, jsonl)
            return
        result = tagger.tag_text(text)
    except AlignerError as err:
        fail(err)
    click.echo(render_tag_result(text or "", result, tagger.ruleset, explain=explain))


def _tag_jsonl(tagger, stream) -> None:
    from aligner.errors import InputError

    rows = []
    for n, line in enumerate(stream, 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
            rows.append((obj["id"], str(obj["text"])))
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise InputError(getattr(stream, "name", "-"), "ogiltig JSON-rad (id och text krävs)",
                             where=f"rad {n}") from exc
    for (item_id, _), result in zip(rows, tagger.tag_texts(t for _, t in rows), strict=True):
        evidence = [dict(concept=t.concept, **e.to_dict()) for t in result.tags for e in t.evidence]
        click.echo(json.dumps({"id": item_id, "concepts": list(result.concepts), "evidence": evidence},
                              ensure_ascii=False))
