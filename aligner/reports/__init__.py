"""Reporters: one module per format, each `render(result, color=False) -> str`; they only lay out."""

from __future__ import annotations

from importlib import import_module

REPORTERS = {"terminal": "aligner.reports.terminal", "json": "aligner.reports.json_report"}


def render(fmt: str, result, color: bool = False, verbose: bool = False) -> str:
    """The report of a checked plan in a format ('terminal' or 'json'); `verbose` adds rule ids and
    offsets to the terminal report."""
    module = import_module(REPORTERS[fmt])
    if fmt == "terminal":
        return module.render(result, color=color, verbose=verbose)
    return module.render(result, color=color)
