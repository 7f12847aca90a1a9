"""Reporters: one module per format, each `render(result, color=False) -> str`; they only lay out."""

from __future__ import annotations

from importlib import import_module

REPORTERS = {"terminal": "aligner.reports.terminal", "json": "aligner.reports.json_report"}


def render(fmt: str, result, color: bool = False) -> str:
    """The report of a checked plan in a format ('terminal' or 'json')."""
    return import_module(REPORTERS[fmt]).render(result, color=color)
