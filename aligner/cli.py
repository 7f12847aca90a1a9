"""The command line: a thin face on the library. No spaCy, python-docx or openpyxl imported here."""

from __future__ import annotations

import functools
import json
import sys
from pathlib import Path

import click

from aligner import __version__
from aligner.errors import AlignerError

EXIT_OK = 0
EXIT_GAPS = 1
EXIT_INPUT = 2
EXIT_USAGE = 3


def _fail(err: AlignerError) -> None:
    click.echo(f"fel: {err}", err=True)
    sys.exit(EXIT_INPUT)


def rules_option(f):
    """The shared --rules option."""
    return click.option(
        "--rules", "rules_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
        help="Mapp med regelfiler (standard: de regler som följer med aligner).",
    )(f)


def exit_zero_option(f):
    """The shared --exit-zero option (as in flake8 and ruff): gaps are reported but do not fail the run."""
    return click.option(
        "--exit-zero", is_flag=True,
        help="Avsluta med 0 även när luckor hittas (fel i indata ger fortfarande 2).",
    )(f)


def max_size_option(f):
    """The shared --max-size option: how much a zipped plan may unpack to (a guard against zip bombs)."""
    return click.option(
        "--max-size", "max_size", type=click.IntRange(1, 100_000), default=200, show_default=True, metavar="MB",
        help="Största tillåtna uppackade storlek för en .docx/.xlsx/.odt/.ods i MB (skydd mot zip-bomber).",
    )(f)


def _tagger(rules_dir: Path | None):
    """The run's Tagger. Kept per process and rule-file state, so programs and tests that call
    several commands in one process build the spaCy pipeline once."""
    from aligner.tagging.rules import default_rules_dir

    folder = Path(rules_dir or default_rules_dir()).resolve()
    state = tuple(sorted((p.name, p.stat().st_mtime_ns) for p in folder.glob("*.yaml"))) if folder.is_dir() else ()
    return _cached_tagger(folder, state)


@functools.lru_cache(maxsize=4)
def _cached_tagger(folder: Path, state: tuple):
    from aligner.tagging.rules import load_rules
    from aligner.tagging.tagger import Tagger

    return Tagger(load_rules(folder))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="aligner", message="%(prog)s %(version)s")
def main() -> None:
    """aligner: kontrollerar verksamhetsplaner mot målbild 2027 och inriktningarna 2023–2026."""


@main.command()
@click.argument("plan", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["terminal", "json"]), default="terminal",
              show_default=True, help="Rapportens format.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Skriv rapporten till en fil i stället för till terminalen.")
@exit_zero_option
@max_size_option
@rules_option
@click.option("--explain-reading", is_flag=True,
              help="Visa hur planen lästes: varje stycke och cell, vad det blev och varför (ingen taggning).")
def check(plan: Path, fmt: str, output: Path | None, rules_dir: Path | None, exit_zero: bool, max_size: int,
          explain_reading: bool) -> None:
    """Läs en plan, tagga varje mål, aktivitet och indikator och rapportera luckorna.

    Slutkod: 0 inga luckor, 1 luckor hittade, 2 planen kunde inte läsas.

    Example: aligner check sample_plans/skol-och-fritidsforvaltningen-2025.docx
    """
    from aligner.api import check_plan
    from aligner.reports import render

    if explain_reading:
        _explain_reading(plan, output, max_size)
        return

    try:
        result = check_plan(plan, _tagger(rules_dir), max_unpacked_bytes=max_size * 1024 * 1024)
        if fmt == "json":  # streamed: a large plan's JSON is never held whole
            _write_json(result, output)
        else:
            _write(render(fmt, result, color=output is None and sys.stdout.isatty()), output)
    except AlignerError as err:
        _fail(err)
    if output is not None:
        click.echo(f"Rapporten är skriven till {output}", err=True)
    sys.exit(EXIT_GAPS if result.coverage.has_gaps and not exit_zero else EXIT_OK)


def _explain_reading(plan: Path, output: Path | None, max_size: int) -> None:
    """`check --explain-reading`: the reading ledger in Swedish; exit 0, or 2 if the plan cannot be read."""
    from aligner.readers import read_plan
    from aligner.reports.reading import render_reading

    try:
        _write(render_reading(read_plan(plan, max_unpacked_bytes=max_size * 1024 * 1024)), output)
    except AlignerError as err:
        _fail(err)
    sys.exit(EXIT_OK)


def _write_json(result, output: Path | None) -> None:
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


def _write(text: str, output: Path | None) -> None:
    from aligner.errors import ReportError

    if output is None:
        click.echo(text, nl=not text.endswith("\n"))
        return
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise ReportError(str(output), f"kan inte skrivas ({exc.strerror or exc})") from exc


@main.command()
@click.argument("text", required=False)
@click.option("--jsonl", "jsonl", type=click.File("r", encoding="utf-8-sig"), default=None,
              help="Läs JSON Lines med id och text (eller - för standard in); skriver en JSON-rad per rad.")
@click.option("--explain", is_flag=True, help="Visa vilka regler som slog till och vilka undantag som stoppade.")
@rules_option
def tag(text: str | None, jsonl, explain: bool, rules_dir: Path | None) -> None:
    """Tagga en enskild mening och visa beläggen.

    Example: aligner tag "Genomföra trygghetsvandringar tillsammans med polisen senast 2026."
    """
    from aligner.reports.terminal import render_tag_result

    if (text is None) == (jsonl is None):
        raise click.UsageError("ange antingen en TEXT eller --jsonl FIL")
    try:
        tagger = _tagger(rules_dir)
        if jsonl is not None:
            _tag_jsonl(tagger, jsonl)
            return
        result = tagger.tag_text(text)
    except AlignerError as err:
        _fail(err)
    click.echo(render_tag_result(text, result, tagger.ruleset, explain=explain))


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


@main.command(name="eval")
@click.argument("labelled", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--by-rule", is_flag=True, help="Visa hur ofta varje regel slog till och hur ofta den hade fel.")
@click.option("--json", "as_json", is_flag=True, help="Skriv resultatet som JSON.")
@click.option("--baseline", is_flag=True, help="Mät den naiva baslinjen (sök på begreppets namn) i stället.")
@click.option("--errors/--no-errors", default=True, show_default=True, help="Lista felaktiga taggar.")
@click.option("--skip", "skip", multiple=True, metavar="KONCEPT",
              help="Lämna ett koncept utanför mätningen (upprepa för flera).")
@rules_option
def eval_cmd(labelled: Path, by_rule: bool, as_json: bool, baseline: bool, errors: bool, skip: tuple[str, ...],
             rules_dir: Path | None) -> None:
    """Mät precision, täckning (recall) och F1 mot en märkt JSON Lines-fil (id, text, labels).

    Example: aligner eval ../shared/eval/dev.jsonl --by-rule
    """
    from aligner.evaluation import baseline_predict, load_labelled, predict, score
    from aligner.reports.terminal import render_eval
    from aligner.tagging.rules import CONCEPT_IDS

    try:
        items = load_labelled(labelled)
        if baseline:
            preds = baseline_predict(items)
        else:
            tagger = _tagger(rules_dir)
            preds = predict(items, tagger.tag_texts)
    except AlignerError as err:
        _fail(err)
    unknown = set(skip) - set(CONCEPT_IDS)
    if unknown:
        raise click.BadParameter(f"okänt koncept: {', '.join(sorted(unknown))}", param_hint="--skip")
    report = score(preds, [c for c in CONCEPT_IDS if c not in skip])
    if as_json:
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2, sort_keys=False))
    else:
        click.echo(render_eval(report, by_rule=by_rule, errors=errors))


@main.group()
def rules() -> None:
    """Visa och testa regelfilerna."""


@rules.command(name="test")
@rules_option
def rules_test(rules_dir: Path | None) -> None:
    """Kör exemplen i regelfilerna och visa varje fel med meningen och vad som matchade.

    Example: aligner rules test
    """
    from aligner.evaluation import run_examples
    from aligner.reports.terminal import render_example_failures

    try:
        tagger = _tagger(rules_dir)
    except AlignerError as err:
        _fail(err)
    total, failures = run_examples(tagger.ruleset, tagger.tag_texts)
    click.echo(render_example_failures(total, failures))
    sys.exit(EXIT_GAPS if failures else EXIT_OK)


@rules.command(name="list")
@rules_option
def rules_list(rules_dir: Path | None) -> None:
    """Lista alla regler med id och beskrivning, per koncept.

    Example: aligner rules list
    """
    from aligner.reports.terminal import render_rule_list
    from aligner.tagging.rules import load_rules

    try:
        ruleset = load_rules(rules_dir)
    except AlignerError as err:
        _fail(err)
    click.echo(render_rule_list(ruleset))


from aligner.cli_annotate import annotate  # noqa: E402

main.add_command(annotate)

from aligner.cli_audit import audit, diff  # noqa: E402

main.add_command(audit)
main.add_command(diff)

from aligner.cli_serve import serve  # noqa: E402

main.add_command(serve)

if __name__ == "__main__":
    main()
