"""Read a plan from an Excel workbook (.xlsx, .xlsm) with openpyxl.

Every worksheet is read in tab order (see `sheets.read_sheet`). Formulas are read as the value
Excel saved with them; dates as ISO dates. A merged range's value applies to the whole range: it
continues down the rows of its first column (read once) and the other columns are blank. Hidden
sheets, rows and columns are not read but listed as skipped, with a warning. Statements get refs
with the sheet name, Excel's 1-based row number and the column letter. openpyxl (which parses
with defusedxml when it is installed) is imported only when a workbook is read.
"""

from __future__ import annotations

import warnings
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aligner.limits import check
from aligner.model import Plan, SourceRef
from aligner.readers.builder import PlanBuilder
from aligner.readers.common import format_value
from aligner.readers.sheets import Sheet, build_plan, cell_ref_factory, read_sheet
from aligner.readers.sniff import open_error
from aligner.readers.tables import GridCell, GridRow, make_cell

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

Position = tuple[int, int]  # (row, column), 1-based as in Excel


def read(path: Path, shown: str | None = None) -> Plan:
    """Read every sheet of the workbook at `path` into a Plan (`shown`: the path as the user gave it)."""
    shown = shown or str(path)
    workbook = _open(path, shown)
    builder = PlanBuilder(shown)
    for name in _sheets_not_loaded(path, workbook.sheetnames):
        builder.skip(SourceRef(shown, sheet=name), "", "bladets innehåll saknas i filen")
        builder.warn(f"blad '{name}' finns i arbetsboken men dess innehåll saknas i filen (en trasig relation) "
                     "och lästes inte; spara om arbetsboken i Excel")
    title_rows: list[list[str]] = []
    try:
        for sheet in workbook.worksheets:
            title_rows.extend(read_sheet(_sheet(sheet, shown), builder))
            # Cells and their sheet refer to each other: left alone, a large workbook stays behind
            # as cyclic garbage that every later garbage collection (during tagging) walks again.
            sheet._cells.clear()
    finally:
        workbook.close()
    return build_plan(builder, title_rows, workbook.properties.title)


def _open(path: Path, shown: str) -> Workbook:
    """Open the workbook; any openpyxl/zipfile failure becomes an InputError naming the file."""
    try:
        from openpyxl import load_workbook

        with warnings.catch_warnings():  # "Data Validation extension is not supported", …: nothing for the user
            warnings.simplefilter("ignore")
            # read_only=False: merged cells and hidden rows are only known in a normal workbook.
            return load_workbook(path, read_only=False, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds: BadZipFile, KeyError, ValueError, …
        raise open_error(shown, exc, "en Excel-arbetsbok") from exc


def _sheets_not_loaded(path: Path, loaded: list[str]) -> list[str]:
    """Sheets the workbook part names that openpyxl did not load: it drops, without a word, a
    sheet whose relationship points at a part that is not in the file."""
    import zipfile

    from defusedxml.ElementTree import fromstring

    main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    try:
        with zipfile.ZipFile(path) as archive:
            rels = fromstring(archive.read("_rels/.rels"))
            target = next((r.get("Target") for r in rels if (r.get("Type") or "").endswith("/officeDocument")),
                          "xl/workbook.xml")
            root = fromstring(archive.read(target.lstrip("/")))
    except Exception:  # openpyxl opened the file; what it could not, it has said already
        return []
    declared = [s.get("name") or "" for s in root.iter(f"{main}sheet")]
    return [name for name in declared if name not in loaded]


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


def _hidden_columns(sheet: Worksheet) -> set[int]:
    """1-based indexes of hidden columns (a column dimension may cover a range min..max)."""
    from openpyxl.utils import column_index_from_string

    hidden: set[int] = set()
    for key, dim in sheet.column_dimensions.items():
        if dim.hidden:
            first = dim.min or column_index_from_string(key)
            hidden.update(range(first, min(dim.max or first, _MAX_COLUMN) + 1))
    return hidden


_MAX_COLUMN = 16_384  # XFD, Excel's last column
_EMPTY = make_cell([""])
_COVERED = GridCell()  # a cell under a merged range, right of its first column


def _cell(cell) -> GridCell:
    value = cell.value
    if value is None:
        return _EMPTY
    if type(value) is str and "\n" not in value:  # most cells: one line of text
        text = format_value(value)
        return GridCell(text, (), False, (text,))
    # The number format (a style look-up in openpyxl) only matters for numbers: 0.9 in a % cell.
    number_format = cell.number_format if isinstance(value, int | float) and not isinstance(value, bool) else ""
    text = format_value(value, number_format)
    if "\n" not in text:  # one line: one paragraph and no items (what make_cell gives, without its work)
        return GridCell(text=text, paragraphs=(text,))
    return make_cell([text])


def _check_extent(sheet: Worksheet) -> None:
    """The grid walked below runs to the sheet's last cell, and merged ranges are walked cell by
    cell: one cell at XFD1048576 or a range over the whole sheet is refused, not walked."""
    from openpyxl.utils import get_column_letter

    if sheet._cells:
        last = f"{get_column_letter(min(sheet.max_column, _MAX_COLUMN))}{sheet.max_row}"
        check("rows", sheet.max_row, f"blad '{sheet.title}', cell {last}")
        check("sheet_cells", sheet.max_row * sheet.max_column, f"blad '{sheet.title}', cell {last}")
    merged = sum((r.max_row - r.min_row + 1) * (r.max_col - r.min_col + 1) for r in sheet.merged_cells.ranges)
    check("sheet_cells", merged, f"blad '{sheet.title}', sammanfogade celler")


def _sheet(sheet: Worksheet, path: str) -> Sheet:
    """The sheet's rows, trailing empty columns cut, merged ranges resolved, hidden parts set aside."""
    _check_extent(sheet)
    continued, covered, wide = _merged_cells(sheet)
    hidden_columns = _hidden_columns(sheet)
    raw: list[tuple[int, list[GridCell]]] = []
    width = 0  # up to the last column with text in any row
    # The cells openpyxl read, by (row, column). Worksheet.iter_rows would make a Cell object for
    # every empty position of the grid (and keep it); the grid is walked here instead.
    grid = sheet._cells
    columns = range(1, sheet.max_column + 1)
    for number in range(1, sheet.max_row + 1) if grid else ():
        if not continued and not covered:
            cells = [_EMPTY if (cell := grid.get((number, column))) is None else _cell(cell) for column in columns]
        else:
            cells = []
            for column in columns:
                key = (number, column)
                if key in continued:
                    cells.append(replace(_cell(continued[key]), continued=True))
                elif key in covered:
                    cells.append(_COVERED)
                else:
                    cell = grid.get(key)
                    cells.append(_EMPTY if cell is None else _cell(cell))
        raw.append((number, cells))
        for i in range(len(cells) - 1, width - 1, -1):
            if cells[i].text.strip():
                width = i + 1
                break
    rows: list[GridRow] = []
    hidden_numbers = {number for number, dim in sheet.row_dimensions.items() if dim.hidden}
    hidden_rows: set[int] = set()
    hidden_cells: list[tuple[int, int, str]] = []
    for number, cells in raw:
        ref = SourceRef(path, sheet=sheet.title, row=number)
        cells = cells[:width]
        for col in hidden_columns:
            if col <= len(cells) and (cells[col - 1].text.strip() and not cells[col - 1].continued):
                hidden_cells.append((len(rows), col - 1, cells[col - 1].text))
            if col <= len(cells):
                cells[col - 1] = GridCell()
        spanning = False
        if wide:
            filled = [i for i, c in enumerate(cells) if c.text.strip() and not c.continued]
            spanning = len(filled) == 1 and (number, filled[0] + 1) in wide
        if number in hidden_numbers:
            hidden_rows.add(len(rows))
        rows.append(GridRow(tuple(cells), ref, cell_ref_factory(ref), spanning))
    return Sheet(sheet.title, tuple(rows), hidden=sheet.sheet_state != "visible", hidden_rows=frozenset(hidden_rows),
                 hidden_cells=tuple(hidden_cells))
