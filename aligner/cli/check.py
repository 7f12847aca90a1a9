"""The `check` command: one or more plans, each checked and reported on its own."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from aligner.cli import common
from aligner.cli.common import (
    EXIT_GAPS,
    EXIT_INPUT,
    EXIT_OK,
    append,
    exit_zero_option,
    fail,
    max_size_option,
    rules_option,
    say,
    write,
    write_json,
)
from aligner.cli.sv import SvCommand, usage_error
from aligner.errors import AlignerError, guarded_write

CHECK_FORMATS = ("terminal", "json", "html", "xlsx")
_REPORT_SUFFIX = {"html": ".aligner.html", "xlsx": ".aligner.xlsx"}


@click.command(cls=SvCommand)
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
    from aligner.run.check import check_plan

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
            tagger = tagger or common.tagger(rules_dir)
            results.append((path, check_plan(path, tagger, max_unpacked_bytes=max_size * 1024 * 1024)))
        except AlignerError as err:
            say(err)
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
                write_json(results[0][1], output)
        elif fmt == "json" and results:
            with guarded_write(output or results[0][0]):
                write(_json_text(results, problems, skipped, single=False), output)
        elif fmt in ("html", "xlsx") and results:
            path, result = results[0]
            output = output or Path(path.stem + _REPORT_SUFFIX[fmt])
            with guarded_write(output):
                _write_report(fmt, result, path, output)
    except AlignerError as err:
        fail(err)
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
            from aligner.run.files import collect_files, supported_suffixes  # only for folders

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
        append(text, output, first=not separate)


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
    from aligner.run.audit import audit_one

    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        plan = audit_one(path, result, name=Path(path).name)  # as the audit and the web page see it
        if fmt == "html":
            from aligner.reports.page import check_page

            output.write_text(check_page(plan), encoding="utf-8")
        else:
            from aligner.reports.excel import write_plan

            write_plan(plan, output)
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
            say(err)
            failed = True
    with guarded_write(output or (plans[0] if plans else Path("."))):
        write(("\n" + "─" * 72 + "\n\n").join(texts), output)
    sys.exit(EXIT_INPUT if failed or not plans else EXIT_OK)
