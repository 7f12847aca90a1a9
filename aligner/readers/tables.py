"""Tables: a grid of rows (a Word or ODF table, a sheet, a CSV file) read by its header words.

A reader turns its table into `GridRow`s of `GridCell`s (aligner.readers.grid), one cell per grid
column; the header row and what each column holds come from aligner.readers.columns; this module
reads each body row into the `PlanBuilder`:

- a goal column gives the row's goal, the parent of the row's activities and indicators; a
  blank or merged goal cell continues the goal above, a cell with just a number or id ("1",
  "Mål 2", "M3") refers to a goal read elsewhere, and a goal text written again is the same goal;
- an activity or indicator column gives one statement per item of its cell: each paragraph of
  a Word cell, each line that starts a new item (see `split_lines`);
- a claim column ("Koppling till målbild") gives the concepts the plan claims: for the goal if
  the row brings its goal, else for the row's activities and indicators;
- tables nested in a cell are read after their row, under the row's goal.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import cast

from aligner.model import Kind, SourceRef
from aligner.readers.builder import GoalRef, PlanBuilder, is_goal_reference, is_subgoal_word
from aligner.readers.claims import parse_claims
from aligner.readers.columns import Column, TableContext, classify_columns, find_header_row
from aligner.readers.common import HEADER_SCAN_ROWS, count_words, is_metadata_key
from aligner.readers.grid import GridRow
from aligner.text import has_letters, normalize_text


@dataclass
class _TableState:
    goals: dict[int, str | GoalRef] = field(default_factory=dict)  # goal column index -> current goal
    group_goal: str | None = None  # a goal written as a spanning row
    section: str | None = None


@dataclass(frozen=True, slots=True)
class _Layout:
    """A table's columns by what they hold, sorted once per table rather than on every row."""

    columns: tuple[Column, ...]
    goals: tuple[Column, ...]
    statements: tuple[Column, ...]  # activity and indicator columns
    ids: tuple[Column, ...]
    claims: tuple[Column, ...]

    @classmethod
    def of(cls, columns: Sequence[Column]) -> _Layout:
        return cls(tuple(columns), tuple(c for c in columns if c.kind == "goal"),
                   tuple(c for c in columns if c.kind in ("activity", "indicator")),
                   tuple(c for c in columns if c.id_role), tuple(c for c in columns if c.claims))


def _other_cells(row: GridRow, texts: Sequence[str], columns: Sequence[Column], own: int, item: int | None = None
                 ) -> tuple[tuple[str, str], ...]:
    """The row's other non-empty cells as (header, value); `texts` are the row's normalised cell texts.

    For the n-th item of a cell written as paragraphs, a value cell with as many paragraphs gives
    its n-th paragraph (the target value beside each indicator), else its whole text.
    """
    own_cell = row.cell(own)
    by_paragraph = item is not None and bool(own_cell.item_paragraphs)
    out = []
    for column in columns:
        index = column.index
        if index == own:
            continue
        value = texts[index]
        if by_paragraph and item is not None and column.kind is None:
            cell = row.cell(index)
            if 1 < len(cell.paragraphs) == len(own_cell.paragraphs):
                value = normalize_text(cell.paragraphs[own_cell.item_paragraphs[item]])
        if value:
            out.append((column.header, value))
    return tuple(out)


def _read_goal_columns(row: GridRow, texts: Sequence[str], layout: _Layout, state: _TableState,
                       builder: PlanBuilder, parent: str | GoalRef | None) -> tuple[str | GoalRef | None, list[str]]:
    """Goals of one row, left to right; returns the deepest goal (parent for the row) and the ids of
    the goals whose text stands in this row (new or read before)."""
    written: list[str] = []
    goal_columns = layout.goals
    if not goal_columns:
        return parent, written
    # A row that also holds an activity or indicator: its values (Målvärde, Klart senast, …) are
    # theirs, not the goal's, whose cell merely stands in the same row ("Mål | Aktivitet | Slutdatum").
    has_items = any(row.cell(c.index).text.strip() and not row.cell(c.index).continued for c in layout.statements)
    for position, column in enumerate(goal_columns):
        cell = row.cell(column.index)
        text = texts[column.index]
        if cell.continued or not text or not (has_letters(text) or is_goal_reference(text)):
            parent = state.goals.get(column.index, parent)
            if text and not cell.continued:
                builder.skip(row.cell_ref(column.index), text,
                             f"inga bokstäver i '{column.header}'; raden räknas till målet ovanför")
            continue
        if is_goal_reference(text):
            goal: str | GoalRef | None = builder.find_goal(text) or GoalRef(text, row.cell_ref(column.index))
            builder.account(row.cell_ref(column.index), "label", f"hänvisar till mål '{text}'")
        else:
            goal = builder.add("goal", cell.text, row.cell_ref(column.index), parent=parent, section=state.section,
                               cells=() if has_items else _other_cells(row, texts, layout.columns, column.index),
                               subgoal=is_subgoal_word(column.header))
            if goal:
                written.append(goal)
        if goal:
            state.goals[column.index] = goal
            parent = goal
            for deeper in goal_columns[position + 1:]:
                state.goals.pop(deeper.index, None)
    return parent, written


def _claims(row: GridRow, layout: _Layout) -> tuple[str, ...]:
    """The names the row's claim cells give, as written (the rule set resolves them when the plan is tagged)."""
    found: list[str] = []
    for column in layout.claims:
        cell = row.cell(column.index)
        if cell.continued or not cell.text.strip():
            continue
        found.extend(n for n in parse_claims(cell.text) if n not in found)
    return tuple(found)


def _read_group_row(row: GridRow, layout: _Layout, state: _TableState, builder: PlanBuilder,
                    context: TableContext) -> None:
    text = next((c.text for c in row.cells if c.text.strip()), "")
    if layout.goals:
        state.section = normalize_text(text)  # a målområde above goal rows: goals above do not continue
        state.goals.clear()
        builder.account(row.ref, "heading", "rad över hela tabellen: rubrik för målen under den")
        return
    parent = context.parent if isinstance(context.parent, str) else None
    state.group_goal = builder.add("goal", text, row.cell_ref(0), parent=parent,
                                   section=state.section or context.section)


def _read_row(row: GridRow, texts: Sequence[str], layout: _Layout, state: _TableState, builder: PlanBuilder,
              context: TableContext) -> str | GoalRef | None:
    """Read one body row (`texts`: its normalised cell texts); returns the goal its statements belong to."""
    parent, goals = _read_goal_columns(row, texts, layout, state, builder, state.group_goal or context.parent)
    ids = [(texts[c.index], c.id_role == "goal_ref") for c in layout.ids if texts[c.index]]
    claimed = _claims(row, layout) if layout.claims else ()
    if goals:  # the row's id cells name its (first) goal; activities then have the goal as parent
        for value, _explicit in ids:
            builder.add_goal_key(value, goals[0])
        ids = []
        builder.add_claims(goals[-1], claimed)  # a claim in a goal row is the goal's
        claimed = ()
    added = bool(goals)
    for column in layout.statements:
        cell = row.cell(column.index)
        if cell.continued:
            continue
        for n, text in enumerate(cell.items or (cell.text,)):
            sid = builder.add(cast(Kind, column.kind), text, row.cell_ref(column.index), parent=parent,
                              section=state.section, goal_keys=ids, claimed=claimed,
                              cells=_other_cells(row, texts, layout.columns, column.index, n if cell.items else None))
            added = added or sid is not None
    if not added and any(c.text.strip() and not c.continued for c in row.cells):
        if any(is_goal_reference(texts[c.index]) for c in layout.goals):
            _account_cells(row, layout, builder, parent)
            return parent  # a row naming its goal by number only, with nothing else to read
        names = ", ".join(f"'{c.header}'" for c in layout.columns if c.kind)
        text = " | ".join(t for t in texts if t)
        builder.skip(row.ref, text, f"tom cell i {names}")
    _account_cells(row, layout, builder, parent)
    return parent


def _account_cells(row: GridRow, layout: _Layout, builder: PlanBuilder, parent: str | GoalRef | None) -> None:
    """Ledger: the row's other cells (values, ids, claims) belong to the statements the row gave."""
    entries = builder.ledger.row_entries(row.ref)
    if not entries:
        return
    owners: list[str] = []
    # A row's values are its activities' and indicators' when it has any, else its goal's.
    for columns in (layout.statements, layout.goals):
        for column in columns:
            entry = entries.get(column.index)
            if entry is not None and entry.outcome == "statement":
                owners.extend(i for i in entry.ids if i not in owners)
        if owners:
            break
    if not owners and isinstance(parent, str):
        owners = [parent]
    ids, named = tuple(owners), ", ".join(owners)
    for column in layout.columns:
        entry = entries.get(column.index)
        if entry is None or entry.outcome is not None:
            continue
        if column.claims:
            what = "koppling till målbild"
        elif column.id_role:
            what = "id"
        else:
            what = "värde"
        if owners:
            builder.ledger.set(entry, "statement", f"{what} i kolumnen '{column.header}' för {named}", ids)
        else:
            builder.skip(row.cell_ref(column.index), row.cell(column.index).text,
                         f"{what} i kolumnen '{column.header}' utan mål, aktivitet eller indikator på raden")


def read_table(header: GridRow | None, body: Sequence[GridRow], builder: PlanBuilder,
               context: TableContext = TableContext()) -> int:
    """Read the statements of one table into `builder`; returns how many were added.

    Each body row gives a statement per statement column, with the row's other cells as `cells`.
    A goal cell is the parent of the row's activities and indicators; a blank or merged goal
    cell continues the goal above. Blank rows are layout and skipped silently; a row with text
    only outside the statement columns is listed as skipped.
    """
    if header is not None:
        builder.account(header.ref, "heading", "kolumnrubrik")
    if not body:
        return 0
    width = max([len(r.cells) for r in body] + [len(header.cells) if header else 0])
    headers = header.texts() if header else [""] * width
    headers += [""] * (width - len(headers))
    names = [_column_name(body[0].cell_ref(i), i) for i in range(width)]
    columns = classify_columns(headers, names, context.fallback_kind)
    if not any(c.kind for c in columns):
        skip_rows(body, builder, "tabell utan kolumn för mål, aktiviteter eller indikatorer")
        return 0
    layout = _Layout.of(columns)
    before = builder.statement_count()
    state = _TableState(section=context.section)
    header_texts = header.texts() if header else None
    for row in body:
        if not any(c.text.strip() or c.tables for c in row.cells):
            continue
        texts = row.texts()
        if header_texts and texts == header_texts:
            builder.account(row.ref, "heading", "kolumnrubrikerna igen")
            continue  # the header again (repeated on every printed page)
        if row.spanning:
            _read_group_row(row, layout, state, builder, context)
            continue
        if len(texts) < width:  # a short row: the cells past its end are empty
            texts += [""] * (width - len(texts))
        parent = _read_row(row, texts, layout, state, builder, context)
        if any(c.tables for c in row.cells):
            _read_nested(row, columns, builder, TableContext(section=state.section or context.section,
                                                             parent=parent))
    return builder.statement_count() - before


def _read_nested(row: GridRow, columns: Sequence[Column], builder: PlanBuilder, context: TableContext) -> None:
    """Read the tables nested in a row's cells, under the row's goal; a headerless one takes its column's kind."""
    for column in columns:
        cell = row.cell(column.index)
        if cell.continued:
            continue
        kind = column.kind if column.kind in ("activity", "indicator") else None
        for rows in cell.tables:
            read_grid(rows, builder, TableContext(context.section, context.parent, kind))


def _looks_like_header(row: GridRow) -> bool:
    """A row of short labels ("Namn", "Utfall 2024"): the header of a table with unknown columns."""
    texts = [t for t in row.texts() if t]
    return len(texts) > 1 and all(count_words(t) <= 4 and not t.endswith(".") for t in texts)


def read_grid(rows: Sequence[GridRow], builder: PlanBuilder, context: TableContext = TableContext(),
              header_rows: int = HEADER_SCAN_ROWS) -> int:
    """Read a table whose header row is still to be found (in its first `header_rows` rows).

    Without a recognised header the table is read only when `context.fallback_kind` says what
    it holds (a table under an "Aktiviteter" heading); its first row is then a header if it
    looks like one. Returns the number of statements added.
    """
    if not rows:
        return 0
    at = find_header_row([row.texts() for row in rows], header_rows)
    if at is not None:
        skip_rows(rows[:at], builder, "rad ovanför tabellens rubrikrad")
        return read_table(rows[at], rows[at + 1:], builder, TableContext(context.section, context.parent))
    if context.fallback_kind is None:
        if _is_cover_table(rows):
            for row in rows:
                builder.account(row.ref, "metadata", "uppgift om planen i en tabell (beslut, datum, giltighet)")
            return 0
        skip_rows(rows, builder, "tabell utan rubrikrad med Mål, Aktivitet eller Indikator")
        return 0
    header = rows[0] if _looks_like_header(rows[0]) else None
    return read_table(header, rows[1:] if header else rows, builder, context)


def skip_rows(rows: Sequence[GridRow], builder: PlanBuilder, reason: str) -> None:
    """Ledger: every non-empty row (and the tables nested in it) skipped with the reason; one
    skipped item (the first row) in the plan's list."""
    listed = False
    for row in rows:
        text = " | ".join(t for t in row.texts() if t)
        if text and not listed:
            builder.skip(row.ref, text, reason)
            listed = True
        elif text:
            builder.account(row.ref, "skipped", reason)
        for cell in row.cells:
            if not cell.continued:
                for nested in cell.tables:
                    skip_rows(nested, builder, f"{reason} (tabell i en cell)")


def _is_cover_table(rows: Sequence[GridRow]) -> bool:
    """A cover block as a table: every row with text is "Key | value" with a known key ("Beslutad av")."""
    filled = [[t for t in row.texts() if t] for row in rows]
    filled = [cells for cells in filled if cells]
    return bool(filled) and all(len(cells) <= 2 and is_metadata_key(cells[0].rstrip(":")) for cells in filled)


def _column_name(ref: SourceRef, index: int) -> str:
    if ref.column:
        return ref.column
    return str(ref.table_cell or index + 1)
