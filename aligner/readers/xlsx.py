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
from aligner.readers.grid import GridCell, GridRow, make_cell
from aligner.readers.sheets import Sheet, build_plan, cell_ref_factory, read_sheet
from aligner.readers.sniff import open_error

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

Position = tuple[int, int]  # (row, column), 1-based as in Excel


# A worksheet part larger than this (unpacked) makes the workbook read as a stream: openpyxl's
# read-only parser, one row at a time, instead of a Cell object kept for every cell.
STREAM_SHEET_BYTES = 4 * 1024 * 1024


def read(path: Path, shown: str | None = None, *, stream: bool | None = None) -> Plan:
    """Read every sheet of the workbook at `path` into a Plan (`shown`: the path as the user gave it).

    `stream` (default: when a worksheet part is larger than STREAM_SHEET_BYTES) reads the cells
    one row at a time; merged ranges and hidden rows and columns are read from the same pass, so
    the plan is the same either way.
    """
    shown = shown or str(path)
    if stream is None:
        stream = _has_big_sheet(path)
    if stream:
        return _read_stream(path, shown)
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


def _open(path: Path, shown: str, read_only: bool = False) -> Workbook:
    """Open the workbook; any openpyxl/zipfile failure becomes an InputError naming the file."""
    try:
        from openpyxl import load_workbook

        with warnings.catch_warnings():  # "Data Validation extension is not supported", …: nothing for the user
            warnings.simplefilter("ignore")
            # read_only=False: merged cells and hidden rows are only known in a normal workbook
            # (the stream reads them itself, see _stream_sheet).
            return load_workbook(path, read_only=read_only, data_only=True)
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


def _has_big_sheet(path: Path) -> bool:
    """True if a worksheet part of the workbook unpacks to more than STREAM_SHEET_BYTES."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            return any(info.filename.startswith("xl/worksheets/") and info.file_size > STREAM_SHEET_BYTES
                       for info in archive.infolist())
    except (OSError, zipfile.BadZipFile):
        return False  # the normal path reports what is wrong with the file


def _read_stream(path: Path, shown: str) -> Plan:
    """Read the workbook one row at a time (large sheets): the same plan as `read` without streaming."""
    workbook = _open(path, shown, read_only=True)
    builder = PlanBuilder(shown)
    title_rows: list[list[str]] = []
    try:
        for sheet in workbook.worksheets:
            try:
                parsed = _stream_sheet(sheet, shown)
            except Exception as exc:  # a broken worksheet part: the same message as the normal path gives
                raise open_error(shown, exc, "en Excel-arbetsbok") from exc
            title_rows.extend(read_sheet(parsed, builder))
    finally:
        workbook.close()
    return build_plan(builder, title_rows, workbook.properties.title)


def _number_format(workbook: Any, style_id: int) -> str:
    """The number format of a cell style, as openpyxl's read-only cells find it."""
    from openpyxl.styles.numbers import BUILTIN_FORMATS, BUILTIN_FORMATS_MAX_SIZE

    try:
        format_id = workbook._cell_styles[style_id].numFmtId
        if format_id < BUILTIN_FORMATS_MAX_SIZE:
            return BUILTIN_FORMATS.get(format_id, "General")
        return workbook._number_formats[format_id - BUILTIN_FORMATS_MAX_SIZE]
    except (IndexError, AttributeError, TypeError):
        return "General"


def _value_cell(value: Any, style_id: int, workbook: Any) -> GridCell:
    """A cell from its value (the stream's form of `_cell`)."""
    if value is None:
        return _EMPTY
    if type(value) is str and "\n" not in value:
        text = format_value(value)
        return GridCell(text, (), False, (text,))
    number_format = (_number_format(workbook, style_id)
                     if isinstance(value, int | float) and not isinstance(value, bool) else "")
    text = format_value(value, number_format)
    if "\n" not in text:
        return GridCell(text=text, paragraphs=(text,))
    return make_cell([text])


_ON = ("1", "true")


def _stream_sheet(sheet: Any, path: str) -> Sheet:
    """A read-only sheet's rows, read in one pass of its XML with openpyxl's parser; merged ranges and
    hidden rows and columns come from the same pass (they stand after the cells in the file)."""
    from openpyxl.utils import column_index_from_string
    from openpyxl.worksheet._reader import WorkSheetParser
    from openpyxl.worksheet.cell_range import CellRange

    workbook = sheet.parent
    values: list[tuple[int, list[tuple[int, Any, int]]]] = []  # (row, [(column, value, style id)])
    with sheet._get_source() as source:
        parser = WorkSheetParser(source, sheet._shared_strings, data_only=True, epoch=workbook.epoch,
                                 date_formats=workbook._date_formats, timedelta_formats=workbook._timedelta_formats)
        for number, cells in parser.parse():
            kept = [(c["column"], c["value"], c["style_id"] or 0) for c in cells if c["value"] is not None]
            if kept:
                values.append((number, kept))
    ranges = [CellRange(m.ref) for m in parser.merged_cells.mergeCell] if parser.merged_cells else []
    continued, covered, wide = _resolve_merges(ranges, lambda rng: (rng.min_row, rng.min_col))
    max_row = max([values[-1][0] if values else 0] + [r.max_row for r in ranges])
    max_column = max([c for _, cells in values for c, _v, _s in cells[-1:]] + [r.max_col for r in ranges] + [0])
    # the same limits as the normal read (_check_extent): the grid below runs to the last cell
    check("rows", max_row, f"blad '{sheet.title}'")
    check("sheet_cells", max_row * max_column, f"blad '{sheet.title}'")
    tops = {(r.min_row, r.min_col) for r in ranges}
    top_cells: dict[Position, GridCell] = {}
    by_row = dict(values)
    raw: list[tuple[int, list[GridCell]]] = []
    width = 0
    for number in range(1, max_row + 1):
        cells = [_EMPTY] * max_column
        for column, value, style_id in by_row.pop(number, ()):
            if (number, column) not in continued and (number, column) not in covered:
                cells[column - 1] = _value_cell(value, style_id, workbook)
        if continued or covered:
            for column in range(1, max_column + 1):
                key = (number, column)
                if key in tops:
                    top_cells[key] = cells[column - 1]
                elif key in continued:
                    cells[column - 1] = replace(top_cells.get(continued[key], _EMPTY), continued=True)
                elif key in covered:
                    cells[column - 1] = _COVERED
        raw.append((number, cells))
        for i in range(len(cells) - 1, width - 1, -1):
            if cells[i].text.strip():
                width = i + 1
                break
    hidden_numbers = {int(float(key)) for key, attrs in parser.row_dimensions.items() if attrs.get("hidden") in _ON}
    hidden_columns: set[int] = set()
    for attrs in parser.column_dimensions.values():
        if attrs.get("hidden") in _ON:
            first = int(attrs.get("min") or column_index_from_string(attrs["index"]))
            hidden_columns.update(range(first, int(attrs.get("max") or first) + 1))
    return _finish(sheet.title, sheet.sheet_state or "visible", raw, width, hidden_columns, hidden_numbers, wide,
                   path)


def _merged_cells(sheet: Worksheet) -> tuple[dict[Position, Any], set[Position], set[Position]]:
    """Merged ranges: continuation cells (first column, below the top) -> the top-left cell,
    covered cells that read as empty, and the top-left cells of ranges wider than one column."""
    return _resolve_merges(sheet.merged_cells.ranges, lambda rng: sheet.cell(rng.min_row, rng.min_col))


def _resolve_merges(ranges: Any, top: Any) -> tuple[dict[Position, Any], set[Position], set[Position]]:
    """Continuation cells (first column, below the top) -> `top(range)`, covered cells, and the
    top-left cells of ranges wider than one column; shared by the normal and the streamed read."""
    continued: dict[Position, Any] = {}
    covered: set[Position] = set()
    wide: set[Position] = set()
    for rng in ranges:
        first = top(rng)
        if rng.max_col > rng.min_col:
            wide.add((rng.min_row, rng.min_col))
        for row in range(rng.min_row, rng.max_row + 1):
            for col in range(rng.min_col, rng.max_col + 1):
                if (row, col) == (rng.min_row, rng.min_col):
                    continue
                if col == rng.min_col:
                    continued[(row, col)] = first
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
    hidden_numbers = {number for number, dim in sheet.row_dimensions.items() if dim.hidden}
    return _finish(sheet.title, sheet.sheet_state, raw, width, hidden_columns, hidden_numbers, wide, path)


def _finish(title: str, state: str, raw: list[tuple[int, list[GridCell]]], width: int, hidden_columns: set[int],
            hidden_numbers: set[int], wide: set[Position], path: str) -> Sheet:
    """The Sheet from its rows of cells: trailing empty columns cut, hidden columns blanked and kept aside."""
    rows: list[GridRow] = []
    hidden_rows: set[int] = set()
    hidden_cells: list[tuple[int, int, str]] = []
    for number, cells in raw:
        ref = SourceRef(path, sheet=title, row=number)
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
    return Sheet(title, tuple(rows), hidden=state != "visible", hidden_rows=frozenset(hidden_rows),
                 hidden_cells=tuple(hidden_cells))
