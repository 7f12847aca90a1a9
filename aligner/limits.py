"""Limits on what aligner takes from a file: one table, in one place.

Every count, span, repeat, list start value, nesting depth, cell address, field length and
statement count that a reader takes from a file is checked here before it is used. A file past a
limit is refused with one Swedish line that names the limit and the place, never read for
minutes or gigabytes: a list numbered from 10^14 in roman numerals, a cell spanning 20 million
columns or an XML tree 5,000 levels deep are no plans. The values are far above what Word, Excel
and LibreOffice write (Word numbers a list from at most 32,767, an Excel sheet has 16,384
columns); `statements` is the one a user may sensibly raise (`--max-statements`).

Readers raise `LimitError` (it has no path: the readers' helpers do not know it); `read_plan`
turns it into the InputError that names the file. The limits in force are a `Limits` value:
`current()` gives it, `use(...)` sets it for a block (per thread), `set_default(...)` for the
process (the CLI's options).
"""

from __future__ import annotations

import contextlib
import contextvars
import re
from collections.abc import Iterator
from dataclasses import dataclass, fields, replace
from typing import Any

from aligner.errors import AlignerError


@dataclass(frozen=True, slots=True)
class Limits:
    """The limits in force; each field is the largest value accepted."""

    xml_depth: int = 200  # nesting of XML elements in one part
    list_start: int = 32_767  # a list's start value (Word's own maximum)
    list_level: int = 10  # list levels (Word has 9, 0-8; OpenDocument 10)
    span: int = 1_024  # columns or rows one table cell spans (Word: 63 columns, LibreOffice: 1,024)
    repeat: int = 1_048_576  # an OpenDocument row or column repeat count (a sheet's rows)
    spaces: int = 10_000  # spaces in one OpenDocument text:s
    sheet_cells: int = 5_000_000  # rows x columns walked in one sheet (to its last cell)
    rows: int = 1_048_576  # rows in one sheet or CSV file
    field_chars: int = 100_000  # characters in one statement, cell or paragraph
    statements: int = 30_000  # statements in one plan (--max-statements; a city-wide export has 25,000)


DEFAULT = Limits()

# What each limit counts, in Swedish, and the option that raises it where a user may.
WHAT: dict[str, str] = {
    "xml_depth": "nästlade XML-nivåer",
    "list_start": "startvärde för en numrerad lista",
    "list_level": "listnivåer",
    "span": "kolumner eller rader som en tabellcell spänner över",
    "repeat": "upprepningar av en rad eller kolumn",
    "spaces": "mellanslag i ett och samma mellanslagselement",
    "sheet_cells": "celler i ett blad (rader gånger kolumner fram till den sista cellen)",
    "rows": "rader i ett blad eller en CSV-fil",
    "field_chars": "tecken i ett påstående, en cell eller ett stycke",
    "statements": "mål, aktiviteter och indikatorer i en plan",
}
OPTION: dict[str, str] = {"statements": "--max-statements"}
assert set(WHAT) == {f.name for f in fields(Limits)}

_current: contextvars.ContextVar[Limits | None] = contextvars.ContextVar("aligner_limits", default=None)
_default = DEFAULT


class LimitError(AlignerError):
    """A file holds a value past a limit, or a number that is no number. `read_plan` names the file."""

    def __init__(self, problem: str, where: str | None = None, hint: str | None = None):
        self.problem = problem
        self.where = where
        self.hint = hint
        super().__init__(f"{where}: {problem}" if where else problem)


def current() -> Limits:
    """The limits in force here."""
    return _current.get() or _default


def set_default(limits: Limits | None = None, **changes: int) -> Limits:
    """Set the process's limits (the CLI's options): `limits`, or the defaults with `changes`.
    Returns the limits set before, for the caller to restore."""
    global _default
    before, _default = _default, limits or replace(DEFAULT, **changes)
    return before


@contextlib.contextmanager
def use(limits: Limits | None) -> Iterator[Limits]:
    """Apply `limits` (None: those in force) within the block, in this thread or task only."""
    chosen = limits or current()
    token = _current.set(chosen)
    try:
        yield chosen
    finally:
        _current.reset(token)


def _number(value: int) -> str:
    return f"{value:,}".replace(",", "\u00a0")


def exceeded(name: str, value: int, where: str | None = None, limit: int | None = None,
             at_least: bool = False) -> LimitError:
    """The error for `value` past the limit `name` (`at_least`: the count was stopped at `value`)."""
    limit = getattr(current(), name) if limit is None else limit
    option = OPTION.get(name)
    hint = (f"gränsen kan höjas med {option}" if option
            else "filen ser inte ut som en plan sparad av Word, Excel eller LibreOffice; spara om den där")
    shown = _number(value) if value < 10**15 else f"{str(value)[:6]}… ({len(str(value))} siffror)"
    if at_least:
        shown = f"minst {shown}"
    return LimitError(f"{WHAT[name]}: {shown}, mer än gränsen {_number(limit)}", where, hint)


def check(name: str, value: int, where: str | None = None) -> int:
    """`value` if it is within the limit `name`, else LimitError naming the limit and `where`."""
    if value > getattr(current(), name):
        raise exceeded(name, value, where)
    return value


_INTEGER = re.compile(r"[+-]?[0-9]{1,30}")


def parse_int(value: str | None, default: int, name: str | None = None, where: str | None = None) -> int:
    """An integer attribute from a file: `default` when absent, LimitError when it is no integer
    ("abc", "1.5", "²") or past the limit `name`."""
    if value is None or value == "":
        return default
    if _INTEGER.fullmatch(value) is None:
        shown = value if len(value) <= 20 else value[:20] + "…"
        raise LimitError(f"värdet '{shown}' är inget heltal", where,
                         "filen ser inte ut som en plan sparad av Word, Excel eller LibreOffice; spara om den där")
    number = int(value)
    if name is not None and number > getattr(current(), name):
        raise exceeded(name, number, where)
    return number


def xml_depth(root: Any, where: str | None = None) -> int:
    """The nesting depth of an element tree (ElementTree or lxml), checked against the limit level
    by level: no recursion, and no level below the limit is built."""
    limit = current().xml_depth
    level = [root]
    depth = 0
    while level:
        depth += 1
        if depth > limit:
            raise exceeded("xml_depth", depth, where, at_least=True)
        level = [child for element in level for child in element]
    return depth
