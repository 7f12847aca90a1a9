"""Plan readers: `read_plan` finds a file's real format from its bytes and hands it to its reader.

The reader modules import python-docx and openpyxl only when a file is read, and this package
imports a reader module only when it is needed, so importing aligner stays fast.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from aligner.errors import REPORT_BUG, AlignerError, InputError, unexpected
from aligner.limits import LimitError, Limits, use
from aligner.model import Plan
from aligner.readers.sniff import DEFAULT_MAX_UNPACKED_BYTES, sniff
from aligner.runtime import paused_gc

# Format -> reader module in this package; each module has `read(path, shown) -> Plan`.
READERS: dict[str, str] = {"docx": "docx", "xlsx": "xlsx", "odt": "odf", "ods": "odf", "csv": "csv"}

__all__ = ["DEFAULT_MAX_UNPACKED_BYTES", "READERS", "read_plan"]


def read_plan(path: str | Path, *, max_unpacked_bytes: int = DEFAULT_MAX_UNPACKED_BYTES,
              limits: Limits | None = None) -> Plan:
    """Read the plan at `path` (.docx, .xlsx, .xlsm, .odt, .ods or .csv); raises InputError if it cannot be read.

    The format is taken from the file's content, which must agree with its suffix. A zip-based
    file (all but CSV) that would unpack to more than `max_unpacked_bytes` in all is refused
    before anything is unpacked (a decompression bomb); so is a CSV file larger than that.
    A file without any goal, activity or indicator gives a Plan with no statements and a warning.
    Every count, span and depth the file holds is checked against `limits` (default: those in
    force, see aligner.limits); past one, the InputError names the limit and the place.
    """
    shown = str(path)
    with use(limits):
        try:
            fmt = sniff(Path(path), shown, max_unpacked_bytes)
            reader = importlib.import_module(f"{__name__}.{READERS[fmt]}")
            with paused_gc():
                return reader.read(Path(path), shown)
        except LimitError as err:
            raise InputError(shown, err.problem, hint=err.hint, where=err.where) from err
        except AlignerError:
            raise
        except Exception as exc:  # the guard: whatever a reader did not foresee names the file, never a traceback
            raise InputError(shown, f"filen kunde inte läsas: {unexpected(exc)}", hint=REPORT_BUG) from exc
