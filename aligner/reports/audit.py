"""Writing an audit's report files: the workbook, the HTML page, the JSON and the chart, into one folder."""

from __future__ import annotations

from pathlib import Path

from aligner.audit import AuditResult
from aligner.errors import ReportError

# Report kind -> file name in the output folder.
REPORT_FILES = {"excel": "granskning.xlsx", "html": "granskning.html", "json": "granskning.json",
                "chart": "granskning.svg"}


def _write_text(path: Path, text: str) -> None:
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise ReportError(str(path), f"kan inte skrivas ({exc.strerror or exc})") from exc


def write_reports(result: AuditResult, folder: str | Path, kinds: tuple[str, ...] = tuple(REPORT_FILES)) -> list[Path]:
    """Write the chosen reports (excel, html, json, chart) into `folder`; returns the paths written."""
    out = Path(folder)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ReportError(str(out), f"mappen kan inte skapas ({exc.strerror or exc})") from exc
    written = []
    for kind in kinds:
        path = out / REPORT_FILES[kind]
        if kind == "excel":
            from aligner.reports.excel import write

            write(result, path)
        elif kind == "html":
            from aligner.reports.html import render

            _write_text(path, render(result))
        elif kind == "json":
            from aligner.reports.audit_json import render

            _write_text(path, render(result))
        elif kind == "chart":
            from aligner.reports.chart import render_svg

            _write_text(path, render_svg(result))
        written.append(path)
    return written
