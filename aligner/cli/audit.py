"""The `audit` command: options -> library -> reports -> exit code (the table in aligner.cli.common)."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import click

from aligner.cli import common
from aligner.cli.common import EXIT_GAPS, EXIT_INPUT, EXIT_OK, exit_zero_option, fail, max_size_option, rules_option
from aligner.cli.sv import SvCommand, usage_error
from aligner.errors import AlignerError

REPORT_KINDS = ("excel", "html", "json", "chart")


_usage = usage_error


def _report_kinds(text: str) -> tuple[str, ...]:
    parts = tuple(dict.fromkeys(p.strip().lower() for p in text.split(",") if p.strip()))
    if parts == ("none",):
        return ()
    unknown = [p for p in parts if p not in REPORT_KINDS]
    if unknown or not parts:
        raise _usage(f"okänd rapport i --reports: {', '.join(unknown) or '(tom)'} "
                     f"(välj bland {', '.join(REPORT_KINDS)} eller none)")
    return parts


class _Progress:
    """click's progress bar on stderr, started on the first report from the library."""

    def __init__(self, stack: ExitStack):
        self.stack = stack
        self.bar: Any = None

    def __call__(self, done: int, total: int, label: str) -> None:
        if self.bar is None:
            self.bar = self.stack.enter_context(click.progressbar(
                length=total, label="Granskar", file=sys.stderr, show_pos=True,
                item_show_func=lambda item: item))
        self.bar.update(done - self.bar.pos, label)


@click.command(cls=SvCommand)
@click.argument("paths", nargs=-1, metavar="[SÖKVÄG]...", type=click.Path(path_type=Path))
@click.option("--output-dir", "-o", type=click.Path(file_okay=False, path_type=Path), default=Path("reports"),
              show_default=True, help="Mapp som rapporterna skrivs till.")
@click.option("--reports", "reports", default=",".join(REPORT_KINDS), show_default=True,
              help="Vilka rapporter som skrivs: excel, html, json, chart (kommaseparerat), eller none.")
@click.option("--format", "fmt", type=click.Choice(["terminal", "json"]), default="terminal", show_default=True,
              help="Vad som skrivs till standard ut: en sammanfattning, eller hela granskningen som JSON.")
@click.option("--orgs", "orgs_file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="CSV-fil med kolumnerna fil;organisation som sätter organisationens namn per fil.")
@click.option("--accepted", "accepted_file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="YAML-fil med accepterade luckor (organisation, concept, reason, decided_by, date).")
@click.option("--fail-on", "fail_on", default="gap", show_default=True,
              help="Vad som ger slutkod 1: gap, gap:KONCEPT, untagged>N%, stale, none (kommaseparerat).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Antal processer som läser planerna (standard: antal processorer).")
@click.option("--quiet", "-q", is_flag=True, help="Ingen förloppsindikator och inga meddelanden utom fel.")
@exit_zero_option
@max_size_option
@rules_option
def audit(paths: tuple[Path, ...], output_dir: Path, reports: str, fmt: str, orgs_file: Path | None,
          accepted_file: Path | None, fail_on: str, jobs: int | None, quiet: bool, exit_zero: bool,
          max_size: int, rules_dir: Path | None) -> None:
    """Granska många planer i en körning: matris, luckor och rapporter för hela staden.

    SÖKVÄG är filer och mappar (mappar läses rekursivt). Slutkod: 0 allt läst och inga luckor,
    1 luckor (eller det --fail-on anger), 2 någon fil kunde inte läsas, 3 fel i kommandoraden.

    Exempel: aligner audit sample_plans --output-dir reports
    """
    from aligner.analysis.accepted import load_accepted
    from aligner.analysis.fail_on import FailOnError, failures, parse_fail_on
    from aligner.run.audit import run_audit
    from aligner.run.orgs import load_orgs

    if not paths:
        raise _usage("ange minst en fil eller mapp att granska")
    kinds = _report_kinds(reports)
    try:
        tagger = common.tagger(rules_dir)
        concepts = [(c.id, c.title) for c in tagger.ruleset.concepts]
        try:
            conditions = parse_fail_on(fail_on, concepts)
        except FailOnError as err:
            raise _usage(str(err)) from err
        orgs = load_orgs(orgs_file) if orgs_file else None
        accepted = load_accepted(accepted_file, concepts) if accepted_file else ()
        with ExitStack() as stack:
            show = not quiet and sys.stderr.isatty()
            result = run_audit(paths, tagger, orgs=orgs, accepted=accepted, jobs=jobs,
                               progress=_Progress(stack) if show else None,
                               exclude=[p for p in (orgs_file, accepted_file) if p],
                               max_unpacked_bytes=max_size * 1024 * 1024)
        written = _write_reports(result, output_dir, kinds)
        _print_result(result, fmt)
    except AlignerError as err:
        fail(err)
    _tell(result, written, quiet)
    reasons = failures(result, conditions)
    code, why = exit_code(result, reasons, fail_on, exit_zero, paths)
    if why and (code == EXIT_INPUT or not quiet):
        click.echo(why, err=True)
    sys.exit(code)


def exit_code(result, reasons: Sequence[str], fail_on: str, exit_zero: bool, paths) -> tuple[int, str]:
    """The audit's exit code and the line that says why, naming the code it exits with."""
    from aligner.run.files import supported_suffixes

    more = f" (och {len(reasons) - 3} till)" if len(reasons) > 3 else ""
    found = "; ".join(reasons[:3]) + more
    if not result.plans and not result.unreadable:
        return EXIT_INPUT, ("fel: inga planer att granska under " + ", ".join(map(str, paths))
                            + " (läser " + ", ".join(sorted(supported_suffixes())) + "). Slutkod 2.")
    if result.unreadable:
        n = len(result.unreadable)
        also = f" Dessutom enligt --fail-on {fail_on}: {found}." if reasons and not exit_zero else ""
        return EXIT_INPUT, f"Slutkod 2: {n} {'fil' if n == 1 else 'filer'} kunde inte läsas (se fel ovan).{also}"
    if reasons and not exit_zero:
        return EXIT_GAPS, f"Slutkod 1 enligt --fail-on {fail_on}: {found}"
    return EXIT_OK, ""


def _write_reports(result, output_dir: Path, kinds: tuple[str, ...]) -> list[Path]:
    if not kinds:
        return []
    from aligner.reports.audit import write_reports

    notes: list[str] = []
    try:
        return write_reports(result, output_dir, kinds, notes)
    finally:
        for note in notes:
            click.echo(f"varning: {note}", err=True)


def _print_result(result, fmt: str) -> None:
    if fmt == "json":
        from aligner.reports.audit_json import render
    else:
        from aligner.reports.audit_terminal import render
    text = render(result, color=sys.stdout.isatty())
    click.echo(text, nl=not text.endswith("\n"))


def _tell(result, written: list[Path], quiet: bool) -> None:
    """Unreadable files and stale accepted gaps always on stderr; the files written unless --quiet."""
    titles = result.titles()
    for problem in result.unreadable:
        name = Path(problem.path).name
        click.echo(f"fel: {problem.reason}" if problem.reason.startswith(name) else f"fel: {problem.path}: "
                   f"{problem.reason}", err=True)
    for stale in result.stale:
        e = stale.entry
        click.echo(f"varning: {Path(e.source).name}, post {e.entry}: inaktuell accepterad lucka "
                   f"({e.organisation}, {titles.get(e.concept, e.concept)}): {stale.reason}", err=True)
    if written and not quiet:
        click.echo("Rapporterna är skrivna: " + ", ".join(str(p) for p in written), err=True)
