"""The reading ledger: every non-empty paragraph and table cell a reader sees, in document order,
and what became of it (a statement, a heading, skipped with a reason). A block no rule of the
reader accounted for stays UNACCOUNTED and shows as such (`aligner check --explain-reading`)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from aligner.model import Outcome, Reading, SourceRef
from aligner.text import normalize_text

# The reason of a block no rule of the reader accounted for (a bug in the walk, made visible).
UNACCOUNTED = "lästes inte: ingen regel i läsaren tog hand om texten"


def _row_key(ref: SourceRef) -> tuple:
    return (ref.sheet, ref.row, ref.table, ref.table_row)


_LETTER_INDEX: dict[str, int] = {}


def _cell_index(ref: SourceRef) -> int | None:
    """The 0-based grid column of a cell ref ("C" -> 2, table_cell 3 -> 2), or None for no cell."""
    if ref.table_cell is not None:
        return ref.table_cell - 1
    letters = ref.column
    if letters is None:
        return None
    index = _LETTER_INDEX.get(letters)
    if index is None:
        index = 0
        for letter in letters:
            index = index * 26 + ord(letter) - 64
        index = _LETTER_INDEX[letters] = index - 1
    return index


class _Entry:
    """One block of the ledger: where (a ref, or the row and column to make it from), text, outcome."""

    __slots__ = ("ref", "row", "index", "text", "outcome", "reason", "ids")

    def __init__(self, ref: SourceRef | None, row: Any, index: int, text: str):
        self.ref, self.row, self.index, self.text = ref, row, index, text
        self.outcome: Outcome | None = None
        self.reason = ""
        self.ids: tuple[str, ...] = ()

    def place(self) -> SourceRef:
        return self.ref if self.ref is not None else self.row.cell_ref(self.index)


class Ledger:
    """The reading ledger: every non-empty block of a file (paragraph, table cell, sheet cell) and its outcome.

    A reader registers each block with `see` (or `see_cell`) as it takes it out of the file,
    before the walk; the walk then marks what each became. A block gets one outcome: the first
    mark wins, except that a statement wins over anything (a cell with one item too short and two
    read is a statement cell). A block left without a mark ends as skipped with `UNACCOUNTED`
    and a warning: a gap in the walk shows instead of losing the text.

    Cells are kept per row (sheet, row / table, table row) and column, so a large sheet costs a
    dictionary look-up per row and no SourceRef per cell until the plan is built.
    """

    __slots__ = ("_order", "_cells", "_others")

    def __init__(self) -> None:
        self._order: list[_Entry] = []  # registration (document) order
        self._cells: dict[tuple, dict[int, _Entry]] = {}  # row key -> column index -> entry
        self._others: dict[SourceRef, _Entry] = {}  # paragraphs and anything else, by ref

    # registration

    def see(self, ref: SourceRef, text: str) -> None:
        """Register a block (once; a second registration of the same place is ignored)."""
        index = _cell_index(ref)
        if index is not None:
            row = self._cells.setdefault(_row_key(ref), {})
            if index in row:
                return
            entry = self._new(ref, None, index, text)
            if entry:
                row[index] = entry
        elif ref not in self._others:
            entry = self._new(ref, None, 0, text)
            if entry:
                self._others[ref] = entry

    def see_row(self, row: Any, cells: Iterable[tuple[int, str]]) -> None:
        """Register the non-empty cells of a grid row: (column index, normalised text) pairs; refs made later."""
        found = self._cells.setdefault(_row_key(row.ref), {})
        order = self._order
        for index, text in cells:
            if text and index not in found:
                entry = found[index] = _Entry(None, row, index, text)
                order.append(entry)

    def _new(self, ref: SourceRef | None, row: Any, index: int, text: str) -> _Entry | None:
        text = normalize_text(text)
        if not text:
            return None
        entry = _Entry(ref, row, index, text)
        self._order.append(entry)
        return entry

    # look-ups

    def _entry(self, ref: SourceRef) -> _Entry | None:
        index = _cell_index(ref)
        if index is not None:
            row = self._cells.get((ref.sheet, ref.row, ref.table, ref.table_row))
            return row.get(index) if row else None
        return self._others.get(ref)

    def row_entries(self, row_ref: SourceRef) -> dict[int, _Entry]:
        """The registered cells of a row, by column index."""
        return self._cells.get(_row_key(row_ref), {})

    def seen(self, ref: SourceRef) -> bool:
        """True if the block at `ref` is registered."""
        return self._entry(ref) is not None

    def outcome(self, ref: SourceRef) -> Outcome | None:
        """The outcome marked for a block so far, or None."""
        entry = self._entry(ref)
        return entry.outcome if entry else None

    def statement_ids(self, ref: SourceRef) -> tuple[str, ...]:
        """The statement ids marked for a block."""
        entry = self._entry(ref)
        return entry.ids if entry else ()

    def _under(self, ref: SourceRef) -> list[_Entry]:
        """The registered blocks inside a row-level or sheet-level ref."""
        if ref.column is None and ref.table_cell is None and (ref.row is not None or ref.table_row is not None):
            return list(self._cells.get(_row_key(ref), {}).values())
        if ref.sheet is not None and ref.row is None and ref.column is None:
            return [e for key, row in self._cells.items() if key[0] == ref.sheet for e in row.values()]
        return []

    # marks

    def mark(self, ref: SourceRef, outcome: Outcome, reason: str, ids: tuple[str, ...] = (),
             text: str | None = None) -> None:
        """Record what the block at `ref` became; a row or sheet ref marks its unmarked blocks."""
        entry = self._entry(ref)
        if entry is None:
            under = self._under(ref)
            if under:
                for inner in under:
                    if inner.outcome is None:
                        self.set(inner, outcome, reason, ids)
                return
            if text is None or (ref.column is not None and ref.row is None):
                return  # a whole column (a hidden one): its cells are marked one by one
            self.see(ref, text)
            entry = self._entry(ref)
            if entry is None:
                return
        self.set(entry, outcome, reason, ids)

    def mark_statement(self, ref: SourceRef, reason: str, ids: tuple[str, ...], text: str) -> None:
        """`mark` for a statement: the entry keeps the statement's ref (no second one made later)."""
        entry = self._entry(ref)
        if entry is None:
            self.mark(ref, "statement", reason, ids, text)
            return
        if entry.ref is None:
            entry.ref = ref
        if entry.outcome is None:  # most statements: the cell's first and only mark
            entry.outcome, entry.reason, entry.ids = "statement", reason, ids
        else:
            self.set(entry, "statement", reason, ids)

    @staticmethod
    def set(entry: _Entry, outcome: Outcome, reason: str, ids: tuple[str, ...] = ()) -> None:
        """Record an entry's outcome (first wins; a statement wins over anything else)."""
        if entry.outcome is None:
            entry.outcome, entry.reason, entry.ids = outcome, reason, ids
        elif outcome == "statement":
            if entry.outcome == "statement":
                entry.ids = entry.ids + tuple(i for i in ids if i not in entry.ids)
            else:
                entry.outcome, entry.reason, entry.ids = outcome, reason, ids

    def pending(self) -> list[SourceRef]:
        """Registered blocks without an outcome yet."""
        return [entry.place() for entry in self._order if entry.outcome is None]

    def entries(self) -> tuple[Reading, ...]:
        """The ledger as Reading entries, in the order the blocks were registered."""
        return tuple(Reading(e.place(), e.text, e.outcome or "skipped", e.reason if e.outcome else UNACCOUNTED,
                             e.ids) for e in self._order)

    def __len__(self) -> int:
        return len(self._order)
