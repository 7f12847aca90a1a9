"""The command line: a thin face on the library. No spaCy, python-docx or openpyxl imported here."""

from __future__ import annotations

import functools
import json
import os
import sys
from pathlib import Path

import click

from aligner import __version__
from aligner.cli_sv import EXIT_USAGE, VERSION_TEXT, SvGroup, usage_error
from aligner.errors import AlignerError, guarded_write

# The variable that points every command (and `serve`, batch jobs) at a rule folder; kept in step
# with aligner.tagging.rules.RULES_ENV, which this module does not import (it loads no rules).
RULES_ENV = "ALIGNER_RULES"

EXIT_OK = 0
EXIT_GAPS = 1
EXIT_INPUT = 2
__all__ = ["EXIT_GAPS", "EXIT_INPUT", "EXIT_OK", "EXIT_USAGE", "main"]


_DEBUG = {"on": bool(os.environ.get("ALIGNER_DEBUG"))}


def _say(err: AlignerError) -> None:
    """One Swedish line on stderr; the traceback too under --debug."""
    click.echo(f"fel: {err}", err=True)
    if _DEBUG["on"]:
        import traceback

        traceback.print_exception(err, file=sys.stderr)


def _fail(err: AlignerError) -> None:
    _say(err)
    sys.exit(EXIT_INPUT)


class _GuardedGroup(SvGroup):
    """The command group with the last guard: an exception no command foresaw becomes one Swedish
    line and exit 2 (the traceback only under --debug), so a batch job can tell it from a gap (1)."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Abort, click.exceptions.Exit):
            raise
        except AlignerError as err:
            _fail(err)
        except Exception as exc:
            from aligner.errors import REPORT_BUG, unexpected

            click.echo(f"fel: {unexpected(exc)} ({REPORT_BUG})", err=True)
            if _DEBUG["on"]:
                import traceback

                traceback.print_exception(exc, file=sys.stderr)
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
    from aligner import limits

    limits.set_default(statements=value)
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


def _tagger(rules_dir: Path | None):
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


@click.group(cls=_GuardedGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="aligner", message="%(prog)s %(version)s", help=VERSION_TEXT)
@click.option("--debug", is_flag=True, help="Visa hela felspåret (traceback) när något går fel.")
def main(debug: bool) -> None:
    """aligner: kontrollerar verksamhetsplaner mot stadens målbild och inriktningar.

    Styrmodellerna och deras koncept står i regelmappen (aligner rules list).

    aligner läser planens mål, aktiviteter och indikatorer (Word, Excel, OpenDocument, CSV),
    visar vilka av styrmodellernas koncept de tjänar, med orden som visar det, och var
    luckorna finns (aligner rules list visar koncepten och reglerna). Varje kommando har sin
    egen hjälp: aligner KOMMANDO --help.

    \b
    Exempel:
      aligner check plan.docx                kontrollera en plan (börja här)
      aligner check plan.docx --format html  en webbsida med svaret
      aligner annotate plan.docx             en kopia med kommentarer i Word
      aligner serve                          en webbsida att ladda upp planer på
      aligner audit planer/                  alla förvaltningar: matris, rapporter
    """
    if debug:
        _DEBUG["on"] = True


CHECK_FORMATS = ("terminal", "json", "html", "xlsx")
_REPORT_SUFFIX = {"html": ".aligner.html", "xlsx": ".aligner.xlsx"}


@main.command()
@click.argument("plans", nargs=-1, required=True, metavar="PLAN...", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(CHECK_FORMATS), default="terminal", show_default=True,
              metavar="FORMAT",
              help="terminal: svaret i terminalen; json: för program; html: en webbsida att öppna eller "
                   "skicka vidare; xlsx: en Excel-rapport (html och xlsx för en plan i taget).")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Skriv rapporten till en fil (html och xlsx: standard NAMN.aligner.html/.xlsx i "
                   "aktuell mapp).")
@click.option("--verbose", "-v", is_flag=True, help="Visa regel-id, teckenpositioner och plats för varje belägg.")
@exit_zero_option
@max_size_option
@rules_option
@click.option("--explain-reading", is_flag=True,
              help="Visa hur planen lästes: varje stycke och cell, vad det blev och varför (ingen taggning).")
def check(plans: tuple[Path, ...], fmt: str, output: Path | None, rules_dir: Path | None, exit_zero: bool,
          max_size: int, verbose: bool, explain_reading: bool) -> None:
    """Kontrollera en eller flera planer mot stadens målbild och inriktningar (styrmodellerna i regelmappen).

    PLAN är en .docx, .xlsx, .xlsm, .odt, .ods eller .csv, eller en mapp (läses rekursivt).
    Varje plan redovisas för sig. Platser anges som i planen ("Vad vill vi uppnå › Mål 2",
    "… › Aktiviteter, punkt 3"), i Excel som blad, rad och kolumn.

    \b
    Svaret, uppifrån och ned:
      Svar:      har planen luckor eller inte (slutkoden följer det)
      Täckning   per styrmodell vilka koncept som är täckta och av vilka mål;
                 täckt = ett mål tjänar konceptet, själv eller genom sina
                 aktiviteter/indikatorer; LUCKA = inget mål gör det
      Luckor     koncept som inget mål tjänar, mål som inte tjänar något
                 koncept, kopplingar som planen anger men texten inte stöder,
                 indikatorer utan målvärde, mål utan egen indikator
      Förslag    mål som ligger nära en lucka och vad som skulle täcka den;
                 räknas inte som täckning
      [[ord]]    orden som gör att texten tjänar ett koncept
      → koncept  de koncept texten tjänar (→ inget koncept: inget av koncepten)
    Tidshorisonten räknas när ett mål, eller dess aktivitet, har ett år inom
    styrmodellens period som tidsram ("senast 2026", "under 2025"), i texten
    eller i en kolumn som "Klart senast" (aligner rules list visar åren).

    Slutkod: 0 inga luckor, 1 luckor hittade, 2 någon plan kunde inte läsas, 3 fel i kommandoraden.

    \b
    Exempel:
      aligner check sample_plans/skol-och-fritidsforvaltningen-2025.docx
      aligner check plan.docx budget.xlsx        (flera planer, en i taget)
      aligner check sample_plans/                (alla planer i en mapp)
      aligner check plan.docx --format html      (skriver plan.aligner.html)
      aligner check plan.xlsx --format xlsx -o rapport.xlsx
      aligner check plan.docx --format json > plan.json
    """
    from aligner.api import check_plan

    files, skipped = _plan_files(plans)
    if fmt in ("html", "xlsx") and len(files) + len(skipped) != 1:
        raise usage_error(f"--format {fmt} skriver rapporten för en plan i taget; ange en fil "
                          f"(här: {len(files)} planer)")
    for path, reason in skipped:
        click.echo(f"hoppar över {path}: {reason}", err=True)
    if explain_reading:
        _explain_reading(files, output, max_size)
    tagger = None
    results, problems = [], []  # problems: (path, message) of the plans that could not be read
    for path in files:
        try:
            tagger = tagger or _tagger(rules_dir)
            results.append((path, check_plan(path, tagger, max_unpacked_bytes=max_size * 1024 * 1024)))
        except AlignerError as err:
            _say(err)
            problems.append((path, str(err)))
            continue
        if fmt == "terminal" and len(files) > 1:  # each plan as soon as it is checked
            _emit_terminal(results[-1][1], len(results) > 1, output, verbose)
    try:
        if fmt == "terminal" and len(files) <= 1 and results:
            with guarded_write(output or results[0][0]):
                _emit_terminal(results[0][1], False, output, verbose)
        elif fmt == "json" and results and len(plans) == 1 and plans[0].is_file():
            with guarded_write(output or results[0][0]):  # streamed: a large plan's JSON is never held whole
                _write_json(results[0][1], output)
        elif fmt == "json" and results:
            with guarded_write(output or results[0][0]):
                _write(_json_text(results, problems, skipped, single=False), output)
        elif fmt in ("html", "xlsx") and results:
            path, result = results[0]
            output = output or Path(path.stem + _REPORT_SUFFIX[fmt])
            with guarded_write(output):
                _write_report(fmt, result, path, output)
    except AlignerError as err:
        _fail(err)
    with_gaps = sum(r.coverage.has_gaps for _, r in results)
    if len(files) > 1 and fmt == "terminal":
        click.echo(_closing_line(len(files), with_gaps, len(problems)), err=output is not None)
    if output is not None and results:
        click.echo(f"Rapporten är skriven till {output}", err=True)
    code = EXIT_INPUT if problems or not results else EXIT_GAPS if with_gaps and not exit_zero else EXIT_OK
    sys.exit(code)


def _plan_files(paths: tuple[Path, ...]) -> tuple[list[Path], list[tuple[Path, str]]]:
    """The plans to check: files as given (each is read, whatever its suffix), folders searched for
    the formats aligner reads; and what in the folders was skipped, with the reason."""
    files: list[Path] = []
    skipped: list[tuple[Path, str]] = []
    for path in paths:
        if path.is_dir():
            from aligner.audit import collect_files, supported_suffixes  # only for folders

            found, problems = collect_files([path])
            files += found
            skipped += [(Path(p.path), p.reason) for p in problems]
            if not found:
                skipped.append((path, "mappen har inga planer (läser " + ", ".join(sorted(supported_suffixes())) + ")"))
        else:
            files.append(path)  # a missing or unreadable file gets check_plan's own message
    return files, skipped


def _emit_terminal(result, separate: bool, output: Path | None, verbose: bool) -> None:
    from aligner.reports import render

    text = render("terminal", result, color=output is None and sys.stdout.isatty(), verbose=verbose)
    if separate:
        text = "\n" + "─" * 72 + "\n\n" + text
    if output is None:
        click.echo(text, nl=not text.endswith("\n"))
    else:
        _append(text, output, first=not separate)


def _closing_line(total: int, with_gaps: int, failed: int) -> str:
    parts = [f"{total} planer kontrollerade", f"{with_gaps} med luckor", f"{total - with_gaps - failed} utan luckor"]
    if failed:
        parts.append(f"{failed} kunde inte läsas (se fel ovan)")
    return "\n" + ", ".join(parts) + "."


def _json_text(results, problems, skipped, single: bool) -> str:
    """One plan: check's JSON as it always was. Several: one document with every plan, and the
    files that could not be read or were skipped, with the reason (nothing left out silently)."""
    from aligner.reports.json_report import SCHEMA_VERSION, check_dict, dumps

    if single:
        return dumps(check_dict(results[0][1]))
    from aligner import __version__

    return dumps({"schema_version": SCHEMA_VERSION, "meta": {"tool": "aligner", "version": __version__},
                  "kind": "checks", "plans": [check_dict(r) for _, r in results],
                  "problems": [{"path": str(p), "reason": m, "kind": "unreadable"} for p, m in problems]
                  + [{"path": str(p), "reason": m, "kind": "skipped"} for p, m in skipped]})


def _write_report(fmt: str, result, path: Path, output: Path) -> None:
    from aligner.errors import ReportError

    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        if fmt == "html":
            from aligner.web import check_page

            output.write_text(check_page(result, path), encoding="utf-8")
        else:
            from aligner.web import write_check_excel

            write_check_excel(result, path, output)
    except OSError as exc:
        raise ReportError(str(output), f"kan inte skrivas ({exc.strerror or exc})") from exc


def _append(text: str, output: Path, first: bool) -> None:
    from aligner.errors import ReportError

    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        with output.open("w" if first else "a", encoding="utf-8") as f:
            f.write(text)
    except OSError as exc:
        raise ReportError(str(output), f"kan inte skrivas ({exc.strerror or exc})") from exc


def _explain_reading(plans: list[Path], output: Path | None, max_size: int) -> None:
    """`check --explain-reading`: each plan's reading ledger in Swedish, in turn; exit 0, or 2 if a
    plan cannot be read (the others are still shown)."""
    from aligner.readers import read_plan
    from aligner.reports.reading import render_reading

    texts, failed = [], False
    for plan in plans:
        try:
            texts.append(render_reading(read_plan(plan, max_unpacked_bytes=max_size * 1024 * 1024)))
        except AlignerError as err:
            _say(err)
            failed = True
    with guarded_write(output or (plans[0] if plans else Path("."))):
        _write(("\n" + "─" * 72 + "\n\n").join(texts), output)
    sys.exit(EXIT_INPUT if failed or not plans else EXIT_OK)


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

    Exempel: aligner tag "Genomföra trygghetsvandringar tillsammans med polisen senast 2026."
    """
    from aligner.reports.terminal import render_tag_result

    if (text is None) == (jsonl is None):
        raise usage_error("ange antingen en TEXT eller --jsonl FIL")
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
@click.argument("labelled", nargs=-1, required=True, metavar="MÄRKT_FIL...",
                type=click.Path(dir_okay=False, path_type=Path))
@click.option("--by-rule", is_flag=True, help="Visa hur ofta varje regel slog till och hur ofta den hade fel.")
@click.option("--json", "as_json", is_flag=True, help="Skriv resultatet som JSON.")
@click.option("--baseline", is_flag=True, help="Mät den naiva baslinjen (sök på begreppets namn) i stället.")
@click.option("--errors/--no-errors", default=True, show_default=True, help="Lista felaktiga taggar.")
@click.option("--part", type=click.Choice(["regeldel", "mätdel", "alla"]), default=None,
              help="Lista felen i denna del (standard: regeldelen; mätdelens fel visas bara på begäran).")
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
    from aligner.evaluation import baseline_predict, evaluate, load_labelled, predict
    from aligner.reports.terminal import render_eval
    from aligner.tagging.rules import load_rules

    try:
        items = [item for path in labelled for item in load_labelled(path)]
        if baseline:
            ruleset = load_rules(rules_dir)
            preds = baseline_predict(items, ruleset)
        else:
            tagger = _tagger(rules_dir)
            ruleset = tagger.ruleset
            preds = predict(items, tagger.tag_texts)
    except AlignerError as err:
        _fail(err)
    unknown = set(skip) - set(ruleset.ids)
    if unknown:
        raise click.BadParameter(f"okänt koncept: {', '.join(sorted(unknown))}", param_hint="--skip")
    result = evaluate(preds, [c for c in ruleset.ids if c not in skip])
    if as_json:
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2, sort_keys=False))
    else:
        click.echo(render_eval(result, by_rule=by_rule, errors=errors, error_part=part))


@main.group()
def rules() -> None:
    """Visa och testa regelfilerna."""


@rules.command(name="test")
@rules_option
def rules_test(rules_dir: Path | None) -> None:
    """Kör exemplen i regelfilerna och visa varje fel med meningen och vad som matchade.

    Exempel: aligner rules test
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
        _fail(err)
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
        _fail(err)
    click.echo(render_rule_list(ruleset))


from aligner.cli_annotate import annotate  # noqa: E402

main.add_command(annotate)

from aligner.cli_audit import audit, diff  # noqa: E402

main.add_command(audit)
main.add_command(diff)

from aligner.cli_serve import serve  # noqa: E402

main.add_command(serve)

from aligner.cli_lint import lint, missing  # noqa: E402

rules.add_command(lint)
rules.add_command(missing)

if __name__ == "__main__":
    main()
