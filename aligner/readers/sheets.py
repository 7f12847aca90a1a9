"""Workbook sheets (Excel, OpenDocument spreadsheets, CSV): header row, title rows, hidden parts.

A reader turns each sheet into a `Sheet`: every row as a `GridRow` (cells of hidden columns
blanked and kept aside in `hidden_cells`), which rows are hidden, and whether the sheet itself
is. `read_sheet` finds the header row among the first 30 visible rows and reads the table below
it (a second table lower on the sheet under its own header); rows above it are title rows and
may name the plan and its organisation. Hidden sheets,
rows and columns are not read: what they hold is listed as skipped, with a warning.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from aligner.model import Plan, SourceRef
from aligner.readers.builder import PlanBuilder
from aligner.readers.claims import is_claim_header
from aligner.readers.columns import TableContext, find_header_row
from aligner.readers.common import (
    HEADER_SCAN_ROWS,
    MAX_HEADER_WORDS,
    MAX_HEADING_WORDS,
    classify_header,
    classify_id_header,
    count_words,
    find_org,
    is_year_target_header,
    value_header_words,
)
from aligner.readers.grid import GridRow
from aligner.readers.tables import read_table
from aligner.text import normalize_text

# Default sheet names say nothing about the statements on them.
_DEFAULT_SHEET_NAME = re.compile(r"(sheet|blad|tabelle|feuil|tabell)\s*\d*", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Sheet:
    """One sheet as a reader saw it."""

    name: str | None  # None for a CSV file
    rows: tuple[GridRow, ...]
    hidden: bool = False
    hidden_rows: frozenset[int] = frozenset()  # indexes into `rows`
    hidden_cells: tuple[tuple[int, int, str], ...] = ()  # (row index, column index, text) of hidden columns
    notes: tuple[tuple[SourceRef, str, str], ...] = ()  # (ref, text, reason): parts the reader left out


@lru_cache(maxsize=1024)
def column_letter(index: int) -> str:
    """0 -> "A", 25 -> "Z", 26 -> "AA"."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def cell_ref_factory(ref: SourceRef) -> Callable[[int], SourceRef]:
    """Refs for the cells of a row: the row's ref with the column letter."""

    def cell_ref(index: int) -> SourceRef:
        # Spelled out: dataclasses.replace looks the fields up on every call, for every cell.
        return SourceRef(ref.path, ref.sheet, ref.row, column_letter(index), ref.paragraph, ref.table,
                         ref.table_row, ref.table_cell, ref.textbox)

    return cell_ref


def _where(sheet: Sheet) -> str:
    return f"blad '{sheet.name}'" if sheet.name is not None else "filen"


def _row_text(row: GridRow) -> str:
    return " | ".join(t for t in row.texts() if t)


def _skip_hidden_sheet(sheet: Sheet, builder: PlanBuilder) -> None:
    at = find_header_row([r.texts() for r in sheet.rows], HEADER_SCAN_ROWS)
    body = [r for r in sheet.rows[at + 1:] if _row_text(r)] if at is not None else []
    for row in body:
        builder.skip(row.ref, _row_text(row), "dolt blad")
    if not body:
        first = next((r for r in sheet.rows if _row_text(r)), sheet.rows[0])
        builder.skip(SourceRef(builder.path, sheet=sheet.name), _row_text(first), "dolt blad")
    builder.account(SourceRef(builder.path, sheet=sheet.name), "skipped", "dolt blad")
    builder.warn(f"{_where(sheet)} är dolt och lästes inte; visa bladet om det hör till planen (se Överhoppat)")


def _skip_hidden_rows(sheet: Sheet, header_index: int, builder: PlanBuilder) -> None:
    rows = [sheet.rows[i] for i in sorted(sheet.hidden_rows) if i > header_index and _row_text(sheet.rows[i])]
    for row in rows:
        builder.skip(row.ref, _row_text(row), "dold rad")
    if rows:
        numbers = ", ".join(str(r.ref.row) for r in rows[:10]) + (" …" if len(rows) > 10 else "")
        builder.warn(f"{_where(sheet)}: {len(rows)} dolda rader lästes inte (rad {numbers}); visa dem om de hör"
                     " till planen (se Överhoppat)")


def _skip_hidden_columns(sheet: Sheet, header_index: int, builder: PlanBuilder) -> None:
    header_texts = {col: text for i, col, text in sheet.hidden_cells if i == header_index}
    by_column: dict[int, list[tuple[int, str]]] = {}
    for i, col, text in sheet.hidden_cells:
        if i > header_index and i not in sheet.hidden_rows and normalize_text(text):
            by_column.setdefault(col, []).append((i, text))
    for col, cells in sorted(by_column.items()):
        header = normalize_text(header_texts.get(col, ""))
        if classify_header(header):
            for i, text in cells:
                builder.skip(sheet.rows[i].cell_ref(col), text, f"dold kolumn '{header}'")
        else:
            ref = replace(sheet.rows[cells[0][0]].cell_ref(col), row=None)
            builder.skip(ref, header or cells[0][1], f"dold kolumn ({len(cells)} celler med text)")
            for i, _text in cells:
                builder.account(sheet.rows[i].cell_ref(col), "skipped", f"dold kolumn '{header or column_letter(col)}'")
    if by_column:
        letters = ", ".join(column_letter(col) for col in sorted(by_column))
        builder.warn(f"{_where(sheet)}: dolda kolumner ({letters}) lästes inte; visa dem om de hör till planen"
                     " (se Överhoppat)")


def _skip_headerless(sheet: Sheet, visible: Sequence[int], builder: PlanBuilder) -> None:
    """A sheet without a header row is not read: one skipped entry for the sheet, and a warning."""
    what = "bladet" if sheet.name is not None else "filen"
    builder.warn(f"{_where(sheet)}: hittade ingen rubrikrad med Mål, Aktivitet eller Indikator; {what} lästes inte")
    first = next((sheet.rows[i] for i in visible if _row_text(sheet.rows[i])), sheet.rows[0])
    ref = SourceRef(builder.path, sheet=sheet.name) if sheet.name is not None else first.ref
    builder.skip(ref, _row_text(first), f"{what} har ingen rubrikrad med Mål, Aktivitet eller Indikator")
    for row in sheet.rows:
        builder.account(row.ref, "skipped", f"{what} har ingen rubrikrad med Mål, Aktivitet eller Indikator")


def register_sheet(sheet: Sheet, builder: PlanBuilder) -> None:
    """Put every non-empty cell of a sheet in the ledger (hidden ones included), row by row."""
    ledger = builder.ledger
    hidden: dict[int, list[tuple[int, str]]] = {}
    for i, col, text in sheet.hidden_cells:
        hidden.setdefault(i, []).append((col, text))
    for i, row in enumerate(sheet.rows):
        cells = [(index, text) for index, (text, cell) in enumerate(zip(row.texts(), row.cells, strict=True))
                 if text and not cell.continued]
        if i in hidden:
            cells = sorted(cells + [(col, normalize_text(text)) for col, text in hidden[i]])
        if cells:
            ledger.see_row(row, cells)


def _is_header_row(texts: Sequence[str]) -> bool:
    """A row of nothing but header words naming a statement column: the header of another table."""
    filled = [t for t in texts if t]
    # Cheap tests first (this runs on every body row): two short cells at least.
    if len(filled) < 2 or any(t.count(" ") >= MAX_HEADER_WORDS for t in filled):
        return False
    if not any(classify_header(t) for t in filled):
        return False
    return all(count_words(t) <= MAX_HEADER_WORDS and (
        classify_header(t) or value_header_words(t) or is_year_target_header(t) or is_claim_header(t)
        or classify_id_header(t)) for t in filled)


def _title_like(row: GridRow) -> bool:
    filled = [t for t in row.texts() if t]
    return len(filled) == 1 and count_words(filled[0]) <= MAX_HEADING_WORDS


def _tables(sheet: Sheet, header: int, rows: Sequence[int], section: str | None, builder: PlanBuilder
            ) -> list[tuple[int, list[int], str | None]]:
    """The tables of a sheet below its first header: (header index, body row indexes, section) each.

    A lower row of nothing but known header words ("Indikator | Utfall 2024 | Målvärde 2027")
    starts a second table, read under its own header; one-cell rows right above it, after a
    blank row, are its title (its section) rather than rows of the table above.
    """
    found: list[tuple[int, list[int], str | None]] = []
    all_rows = sheet.rows
    first_texts = all_rows[header].texts()
    body: list[int] = []
    current = (header, section)
    for i in rows:
        texts = all_rows[i].texts()
        # Cheap test first (this runs on every row): a header row has two short cells at least.
        short = 0
        for text in texts:
            if text:
                if text.count(" ") >= MAX_HEADER_WORDS:
                    short = 0
                    break
                short += 1
        if short > 1 and texts != first_texts and _is_header_row(texts):
            titles: list[int] = []
            while body and _title_like(sheet.rows[body[-1]]):
                titles.insert(0, body.pop())
            if titles and body and _row_text(sheet.rows[body[-1]]):
                body.extend(titles)  # not after a blank row: rows of the table above after all
                titles = []
            found.append((current[0], body, current[1]))
            for t in titles:
                builder.account(sheet.rows[t].ref, "heading", "rubrik för tabellen under")
            title = " ".join(_row_text(sheet.rows[t]) for t in titles)
            current, body = (i, title or section), []
        else:
            body.append(i)
    found.append((current[0], body, current[1]))
    return found


def read_sheet(sheet: Sheet, builder: PlanBuilder) -> list[list[str]]:
    """Read one sheet's statements; returns its title rows (above the header) as cell texts."""
    if not any(_row_text(r) for r in sheet.rows) and not sheet.hidden_cells:
        return []  # an empty sheet is no problem
    register_sheet(sheet, builder)
    for ref, text, reason in sheet.notes:
        builder.skip(ref, text, reason)
        builder.warn(f"{ref}: {reason}")
    if sheet.hidden:
        _skip_hidden_sheet(sheet, builder)
        return []
    visible = [i for i in range(len(sheet.rows)) if i not in sheet.hidden_rows]
    at = find_header_row([sheet.rows[i].texts() for i in visible[:HEADER_SCAN_ROWS]], HEADER_SCAN_ROWS)
    if at is None:
        _skip_headerless(sheet, visible, builder)
        return []
    header_index = visible[at]
    name = sheet.name
    section = None if name is None or _DEFAULT_SHEET_NAME.fullmatch(name.strip()) else name
    for header, body, table_section in _tables(sheet, header_index, visible[at + 1:], section, builder):
        read_table(sheet.rows[header], [sheet.rows[i] for i in body], builder, TableContext(section=table_section))
    _skip_hidden_rows(sheet, header_index, builder)
    _skip_hidden_columns(sheet, header_index, builder)
    for i in sheet.hidden_rows:
        if i < header_index:
            builder.account(sheet.rows[i].ref, "skipped", "dold rad")
    titles = [[t for t in sheet.rows[i].texts() if t] for i in visible[:at]]
    for i in visible[:at]:
        builder.account(sheet.rows[i].ref, "metadata", "titelrad ovanför tabellens rubrikrad")
    return [row for row in titles if row]


def _org_lines(rows: Sequence[Sequence[str]]) -> list[str]:
    """Title-row cells as org candidates; a "Förvaltning" cell followed by "X" reads as "Förvaltning: X"."""
    lines: list[str] = []
    for cells in rows:
        lines.extend(cells)
        lines.extend(f"{key.rstrip(' :')}: {value}" for key, value in zip(cells, cells[1:], strict=False))
    return lines


def _pick_title(rows: Sequence[Sequence[str]]) -> str | None:
    """The first title row that is not an organisation line."""
    for cells in rows:
        if not find_org(_org_lines([cells])):
            return " ".join(cells)
    return None


def build_plan(builder: PlanBuilder, title_rows: Sequence[Sequence[str]], fallback_title: str | None) -> Plan:
    """The plan of a workbook: title from the title rows (else the file's title property), org from both."""
    title = _pick_title(title_rows) or fallback_title
    return builder.build(title=title, org=find_org(_org_lines(title_rows), title))
