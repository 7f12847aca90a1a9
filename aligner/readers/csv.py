"""Read a plan from a CSV file, as Swedish Excel and planning systems export them.

The encoding is UTF-8 (with or without BOM), UTF-16 with BOM (Excel's "Unicode text"), else
cp1252 (Excel's "CSV (semikolonavgränsad)" on Swedish Windows). The delimiter is the one of
semicolon, comma and tab that splits the first rows most consistently. The file is then read as
one sheet (see `sheets.read_sheet`): refs give the 1-based row and the column letter.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from pathlib import Path

from aligner.errors import InputError
from aligner.limits import check, exceeded
from aligner.model import Plan, SourceRef
from aligner.readers.builder import PlanBuilder
from aligner.readers.grid import GridRow, make_cell
from aligner.readers.sheets import Sheet, build_plan, cell_ref_factory, read_sheet

_DELIMITERS = (";", ",", "\t")
_SAMPLE_ROWS = 30


def read(path: Path, shown: str | None = None) -> Plan:
    """Read the CSV file at `path` into a Plan (`shown`: the path as the user gave it)."""
    shown = shown or str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(shown, "filen kan inte läsas", hint=exc.strerror or None) from exc
    text = decode(data)
    rows = _parse(text, shown)
    check("rows", len(rows), "filen")
    builder = PlanBuilder(shown)
    replaced = text.count("\ufffd") - _count_replacement_chars(data)
    if replaced > 0:
        builder.warn(f"{replaced} tecken i filen gick inte att avkoda och visas som '\ufffd'; spara filen som"
                     " UTF-8 (CSV UTF-8 i Excel)")
    grid = tuple(_grid_row(cells, number, shown) for number, cells in enumerate(rows, start=1))
    title_rows = read_sheet(Sheet(None, grid), builder)
    return build_plan(builder, title_rows, None)


def decode(data: bytes) -> str:
    """The text of a CSV file: UTF-8 (BOM or not), UTF-16 with BOM, else cp1252."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _count_replacement_chars(data: bytes) -> int:
    """How many U+FFFD the file itself holds (in UTF-8 or UTF-16), not counting decoding's replacements."""
    return data.count("\ufffd".encode()) + data.count("\ufffd".encode("utf-16-le"))


def sniff_delimiter(text: str) -> str:
    """The delimiter that gives the most sample rows with more than one field, the same count in most."""
    sample = "\n".join(text.splitlines()[:_SAMPLE_ROWS])
    best, best_score = ";", (0, 0)
    for delimiter in _DELIMITERS:
        counts = [len(row) for row in csv.reader(io.StringIO(sample), delimiter=delimiter) if any(row)]
        multi = [n for n in counts if n > 1]
        common = Counter(multi).most_common(1)[0][1] if multi else 0
        score = (common, len(multi))
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _parse(text: str, shown: str) -> list[list[str]]:
    try:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text)))
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):  # the csv module's own limit (131,072 characters)
            raise exceeded("field_chars", csv.field_size_limit() + 1, "filen", at_least=True) from exc
        raise InputError(shown, f"filen är inte en läsbar CSV-fil ({exc})",
                         hint="öppna den i Excel och spara som .xlsx") from exc


def _grid_row(cells: list[str], number: int, path: str) -> GridRow:
    ref = SourceRef(path, row=number)
    return GridRow(tuple(make_cell([value.strip()]) for value in cells), ref, cell_ref_factory(ref))
