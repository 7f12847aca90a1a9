"""Read a plan from an Excel workbook (.xlsx, .xlsm) with openpyxl.

Every worksheet is read in tab order. On each sheet the header row is the row within the first
30 with the most recognised column headers (at least one statement column: "Mål", "Aktivitet",
"Indikator", …); rows above it are title rows and may name the plan and its organisation.
Statements get refs with the sheet name, Excel's 1-based row number and the column letter.
openpyxl is imported only when a workbook is read, so the CLI starts fast.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aligner.model import Plan, SourceRef
from aligner.readers.common import (
    HEADER_SCAN_ROWS,
    GridCell,
    GridRow,
    PlanBuilder,
    TableContext,
    check_file,
    find_header_row,
    find_org,
    format_value,
    open_error,
    read_table,
    split_items,
)

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

# Excel's default sheet names say nothing about the statements on them.
_DEFAULT_SHEET_NAME = re.compile(r"(sheet|blad|tabelle|feuil)\s*\d*", re.IGNORECASE)


def read(path: Path, shown: str | None = None) -> Plan:
    """Read every sheet of the workbook at `path` into a Plan (`shown`: the path as the user gave it)."""
    shown = shown or str(path)
    check_file(path, shown)
    workbook = _open(path, shown)
    builder = PlanBuilder(shown)
    title_rows: list[list[str]] = []
    try:
        for sheet in workbook.worksheets:
            title_rows.extend(_read_sheet(sheet, builder))
    finally:
        workbook.close()
    title = _pick_title(title_rows) or workbook.properties.title
    return builder.build(title=title, org=find_org(_org_lines(title_rows), title))


def _open(path: Path, shown: str) -> Workbook:
    """Open the workbook; any openpyxl/zipfile failure becomes an InputError naming the file."""
    try:
        from openpyxl import load_workbook

        # read_only=False: merged cells are only known in a normal workbook.
        return load_workbook(path, read_only=False, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds: BadZipFile, KeyError, ValueError, …
        raise open_error(shown, exc, "en Excel-arbetsbok") from exc


def _read_sheet(sheet: Worksheet, builder: PlanBuilder) -> list[list[str]]:
    """Read one sheet's statements; returns its title rows (above the header) as cell texts."""
    rows = _sheet_rows(sheet, builder.path)
    if not any(text for row in rows for text in row.texts()):
        return []  # an empty sheet is no problem
    at = find_header_row([r.texts() for r in rows], HEADER_SCAN_ROWS)
    if at is None:
        builder.warn(f"blad '{sheet.title}': hittade ingen rubrikrad med Mål, Aktivitet eller Indikator;"
                     " bladet lästes inte")
        return []
    titles = [[t for t in row.texts() if t] for row in rows[:at]]
    section = None if _DEFAULT_SHEET_NAME.fullmatch(sheet.title.strip()) else sheet.title
    read_table(rows[at], rows[at + 1:], builder, TableContext(section=section))
    return [row for row in titles if row]


Position = tuple[int, int]  # (row, column), 1-based as in Excel


def _merged_cells(sheet: Worksheet) -> tuple[dict[Position, Any], set[Position], set[Position]]:
    """Merged ranges: continuation cells (first column, below the top) -> the top-left cell,
    covered cells that read as empty, and the top-left cells of ranges wider than one column."""
    continued: dict[Position, Any] = {}
    covered: set[Position] = set()
    wide: set[Position] = set()
    for rng in sheet.merged_cells.ranges:
        top = sheet.cell(rng.min_row, rng.min_col)
        if rng.max_col > rng.min_col:
            wide.add((rng.min_row, rng.min_col))
        for row in range(rng.min_row, rng.max_row + 1):
            for col in range(rng.min_col, rng.max_col + 1):
                if (row, col) == (rng.min_row, rng.min_col):
                    continue
                if col == rng.min_col:
                    continued[(row, col)] = top
                else:
                    covered.add((row, col))
    return continued, covered, wide


def _cell(value: Any, number_format: str) -> GridCell:
    text = format_value(value, number_format)
    lines = text.splitlines()
    return GridCell(text=text, items=split_items(lines))


def _sheet_rows(sheet: Worksheet, path: str) -> list[GridRow]:
    """The sheet as grid rows, trailing empty columns cut; merged ranges resolved."""
    from openpyxl.utils import get_column_letter

    continued, covered, wide = _merged_cells(sheet)
    raw: list[tuple[int, list[GridCell]]] = []
    for row in sheet.iter_rows():
        cells = []
        for cell in row:
            key = (cell.row, cell.column)
            if key in continued:
                top = continued[key]
                cells.append(replace(_cell(top.value, top.number_format), continued=True))
            elif key in covered:
                cells.append(GridCell())
            else:
                cells.append(_cell(cell.value, cell.number_format))
        if row:
            raw.append((row[0].row, cells))
    width = max((i + 1 for _, cells in raw for i, c in enumerate(cells) if c.text.strip()), default=0)
    letters = [get_column_letter(i + 1) for i in range(width)]
    out = []
    for number, cells in raw:
        ref = SourceRef(path, sheet=sheet.title, row=number)
        cells = cells[:width]
        filled = [i for i, c in enumerate(cells) if c.text.strip() and not c.continued]
        spanning = len(filled) == 1 and (number, filled[0] + 1) in wide
        out.append(GridRow(tuple(cells), ref, _cell_ref(ref, letters), spanning))
    return out


def _cell_ref(ref: SourceRef, letters: list[str]) -> Callable[[int], SourceRef]:
    def cell_ref(index: int) -> SourceRef:
        return replace(ref, column=letters[index] if index < len(letters) else None)

    return cell_ref


def _org_lines(rows: list[list[str]]) -> list[str]:
    """Title-row cells as org candidates; a "Förvaltning" cell followed by "X" reads as "Förvaltning: X"."""
    lines = []
    for cells in rows:
        lines.extend(cells)
        lines.extend(f"{key.rstrip(' :')}: {value}" for key, value in zip(cells, cells[1:], strict=False))
    return lines


def _pick_title(rows: list[list[str]]) -> str | None:
    """The first title row that is not an organisation line."""
    for cells in rows:
        text = " ".join(cells)
        if not find_org(_org_lines([cells])):
            return text
    return None
