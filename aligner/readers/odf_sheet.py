"""OpenDocument spreadsheets (.ods): each table a `sheets.Sheet`, with values from their typed
attributes (dates as ISO dates, percentages as "90 %", formulas as the value saved with them) and
hidden sheets, rows and columns listed as skipped."""

from __future__ import annotations

import datetime as dt
from typing import Any

from aligner.limits import check, current
from aligner.model import SourceRef
from aligner.readers.common import format_value
from aligner.readers.grid import GridCell, GridRow, make_cell
from aligner.readers.odf_xml import (
    MAX_REPEAT,
    OFFICE,
    TABLE,
    TEXT,
    RowSource,
    Styles,
    column_span,
    continued_cell,
    paragraph_text,
    repeat_count,
    rows_spanned,
    table_rows,
)
from aligner.readers.sheets import Sheet, cell_ref_factory


def _cell_value(cell: Any, styles: Styles) -> str:
    """The cell's value as text: typed values from their attributes, else the text of its paragraphs."""
    kind = cell.get(f"{OFFICE}value-type")
    value = cell.get(f"{OFFICE}value")
    try:
        if kind in ("float", "currency") and value is not None:
            return format_value(float(value))
        if kind == "percentage" and value is not None:
            return format_value(float(value), "0%")
        if kind == "date" and cell.get(f"{OFFICE}date-value"):
            raw = cell.get(f"{OFFICE}date-value")
            return format_value(dt.datetime.fromisoformat(raw) if "T" in raw else dt.date.fromisoformat(raw))
        if kind == "boolean" and cell.get(f"{OFFICE}boolean-value"):
            return format_value(cell.get(f"{OFFICE}boolean-value") == "true")
    except ValueError:
        pass
    lines = [paragraph_text(p, styles)[0] for p in cell.iter(f"{TEXT}p")]
    return "\n".join(lines)


def _hidden_columns(table: Any) -> set[int]:
    hidden: set[int] = set()
    column = 0
    for element in table.iter(f"{TABLE}table-column"):
        repeat = repeat_count(element, "number-columns-repeated")
        if element.get(f"{TABLE}visibility") in ("collapse", "filter"):
            hidden.update(range(column, column + min(repeat, 1024)))
        column += repeat
    return hidden


def read_table_sheet(table: Any, styles: Styles, path: str) -> Sheet:
    """One table:table of a spreadsheet as a Sheet (empty repeated rows counted, not built)."""
    name = table.get(f"{TABLE}name") or ""
    style = styles.styles.get(table.get(f"{TABLE}style-name") or "")
    hidden_columns = _hidden_columns(table)
    rows: list[GridRow] = []
    hidden_rows: set[int] = set()
    hidden_cells: list[tuple[int, int, str]] = []
    spans: dict[int, list[Any]] = {}
    notes: list[tuple[SourceRef, str, str]] = []
    number = 0
    walked, limit = 0, current().sheet_cells
    for element in table_rows(table):
        repeat = repeat_count(element, "number-rows-repeated")
        check("rows", number + repeat, f"blad '{name}'")
        source = RowSource(element)
        values = [("" if c.tag == f"{TABLE}covered-table-cell" else _cell_value(c, styles)) for c in source.cells]
        if not any(v.strip() for v in values) and not spans:
            number += repeat
            continue
        for _ in range(min(repeat, MAX_REPEAT)):
            number += 1
            ref = SourceRef(path, sheet=name, row=number)
            cells, spanning = _sheet_cells(source, values, spans)
            walked += len(cells)
            if walked > limit:
                check("sheet_cells", walked, f"blad '{name}', rad {number}")
            for col in hidden_columns:
                if col < len(cells):
                    if cells[col].text.strip() and not cells[col].continued:
                        hidden_cells.append((len(rows), col, cells[col].text))
                    cells[col] = GridCell()
            if element.get(f"{TABLE}visibility") in ("collapse", "filter"):
                hidden_rows.add(len(rows))
            rows.append(GridRow(tuple(cells), ref, cell_ref_factory(ref), spanning))
        if repeat > MAX_REPEAT:
            text = " | ".join(v for v in values if v.strip())
            first = number + 1
            notes.append((SourceRef(path, sheet=name, row=first), text,
                          f"raden upprepas {repeat} gånger; de {repeat - MAX_REPEAT} sista upprepningarna"
                          f" (rad {first}–{number + repeat - MAX_REPEAT}) lästes inte"))
        number += max(repeat - MAX_REPEAT, 0)
    return Sheet(name, tuple(rows), hidden=bool(style and style.hidden), hidden_rows=frozenset(hidden_rows),
                 hidden_cells=tuple(hidden_cells), notes=tuple(notes))


def _sheet_cells(source: RowSource, values: list[str], spans: dict[int, list[Any]]) -> tuple[list[GridCell], bool]:
    """The cells of one sheet row; merged ranges as in Excel (down: continued, across: blank)."""
    cells: list[GridCell] = []
    wide = False
    for element, value in zip(source.cells, values, strict=True):
        column = len(cells)
        if element.tag == f"{TABLE}covered-table-cell":
            cells.append(continued_cell(spans, column))
            continue
        cell = make_cell([value])
        down = rows_spanned(element)
        if down > 1:
            spans[column] = [down - 1, cell]
        cells.append(cell)
        across = column_span(element)
        wide = wide or (across > 1 and bool(value.strip()))
        cells.extend([GridCell()] * (across - 1))
    for column in [c for c, span in spans.items() if span[0] <= 0]:
        del spans[column]
    while cells and not cells[-1].text.strip():
        cells.pop()
    filled = [c for c in cells if c.text.strip() and not c.continued]
    return cells, wide and len(filled) == 1
