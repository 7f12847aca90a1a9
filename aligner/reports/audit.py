"""Writing an audit's report files: the workbook, the HTML page, the JSON and the chart, into one folder."""

from __future__ import annotations

from pathlib import Path

from aligner.errors import REPORT_BUG, ReportError, unexpected
from aligner.model import AuditResult

# Report kind -> file name in the output folder.
REPORT_FILES = {"excel": "granskning.xlsx", "html": "granskning.html", "json": "granskning.json",
                "chart": "granskning.svg"}


def _write_text(path: Path, text: str) -> None:
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise ReportError(str(path), f"kan inte skrivas ({exc.strerror or exc})") from exc


def write_reports(result: AuditResult, folder: str | Path, kinds: tuple[str, ...] = tuple(REPORT_FILES),
                  notes: list[str] | None = None) -> list[Path]:
    """Write the chosen reports (excel, html, json, chart) into `folder`; returns the paths written.
    Swedish warnings about what a report had to change (control characters removed) go to `notes`."""
    out = Path(folder)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ReportError(str(out), f"mappen kan inte skapas ({exc.strerror or exc})") from exc
    written = []
    failed: list[ReportError] = []
    for kind in kinds:
        path = out / REPORT_FILES[kind]
        try:
            _write_one(result, kind, path, notes)
        except ReportError as err:  # the other reports are still written
            failed.append(err)
        except Exception as exc:  # the guard: an unforeseen failure names the file, never a traceback
            failed.append(ReportError(str(path), f"kunde inte skrivas: {unexpected(exc)} ({REPORT_BUG})"))
            failed[-1].__cause__ = exc
        else:
            written.append(path)
    if failed:  # the first failure is raised once the others are written (they are named in it)
        first = failed[0]
        if not written:
            raise first
        done = ", ".join(p.name for p in written)
        raise ReportError(first.path, f"{first.problem}; de andra rapporterna skrevs ({done})") from first
    return written


def _write_one(result: AuditResult, kind: str, path: Path, notes: list[str] | None) -> None:
    if kind == "excel":
        from aligner.reports.excel import write

        write(result, path, notes)
    elif kind == "html":
        from aligner.reports.html import render

        _write_text(path, render(result))
    elif kind == "json":
        from aligner.reports.audit_json import render

        _write_text(path, render(result))
    elif kind == "chart":
        from aligner.reports.chart import render_svg

        _write_text(path, render_svg(result))
