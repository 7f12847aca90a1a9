"""Plan readers: `read_plan` picks the reader for a file by its suffix.

The reader modules import python-docx and openpyxl only when a file is read, and this package
imports a reader module only when it is needed, so importing aligner stays fast.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from aligner.errors import InputError
from aligner.model import Plan

# Suffix -> reader module in this package; each module has `read(path, shown) -> Plan`.
READERS: dict[str, str] = {".docx": "docx", ".xlsx": "xlsx", ".xlsm": "xlsx"}

__all__ = ["READERS", "read_plan"]


def read_plan(path: str | Path) -> Plan:
    """Read the plan at `path` (.docx, .xlsx or .xlsm); raises InputError if it cannot be read."""
    shown = str(path)
    suffix = Path(path).suffix.lower()
    if suffix not in READERS:
        raise InputError(shown, "filformatet stöds inte", hint="spara som .docx eller .xlsx")
    reader = importlib.import_module(f"{__name__}.{READERS[suffix]}")
    return reader.read(Path(path), shown)
