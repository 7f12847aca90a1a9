"""The grid every table reader hands over (a Word or ODF table, a sheet, a CSV file): `GridRow`s of
`GridCell`s, one cell per grid column, and how a cell's lines become items (`split_lines`)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from aligner.model import SourceRef
from aligner.runtime import quick_init
from aligner.text import normalize_text, split_label, words

# A line ending in one of these words goes on on the next line ("… tillsammans med\nRegion Skåne").
_CONTINUATION_WORDS = frozenset({
    "och", "eller", "samt", "i", "med", "for", "av", "till", "om", "pa", "som", "att", "enligt", "inom", "vid",
    "fran", "mot", "genom", "under", "efter", "per", "den", "det", "de", "en", "ett", "ska", "skall", "kan",
    "har", "ar", "blir", "bli", "sin", "sitt", "sina", "var", "vart", "vara", "dess", "deras", "mellan", "hos",
    "utan", "ur", "an", "sa", "inklusive", "bland", "minst", "hogst", "max", "cirka", "ca",
})


@quick_init
@dataclass(frozen=True, slots=True)
class GridCell:
    """One cell of a table as a reader saw it.

    `continued` marks the lower part of a vertically merged cell: it shows the same text as the
    cell above, which has already been read. `items` holds the separate statements of a cell
    with more than one (each from the paragraph `item_paragraphs` names); `paragraphs` are the
    cell's paragraphs (or lines), empty ones included; `tables` are tables nested in the cell.
    """

    text: str = ""
    items: tuple[str, ...] = ()
    continued: bool = False
    paragraphs: tuple[str, ...] = ()
    item_paragraphs: tuple[int, ...] = ()
    tables: tuple[tuple[GridRow, ...], ...] = ()


def _starts_new_item(previous: str, line: str) -> bool:
    """Judge a manual line break: does `line` start a statement of its own after `previous`?

    It does after a bullet or number, or when the line before is a whole sentence and the new
    line starts with a capital. It does not when the line before ends in a comma, a hyphen or a
    word that needs more ("och", "med", "enligt"), or the new line starts in lower case.
    """
    prev, nxt = previous.rstrip(), line.strip()
    if not prev or not nxt:
        return True
    tail = words(prev)[-1:]
    if prev[-1] in ",:-–—(/&+" or (tail and tail[0] in _CONTINUATION_WORDS):
        return False
    label = split_label(nxt)[0]
    if label and not label.isdigit():
        return True
    if not nxt[0].isupper():
        return False
    if prev[-1] in ".!?;":
        return True
    return len(nxt) > 1 and nxt[1].islower()


def split_lines(lines: Sequence[str]) -> list[str]:
    """The statements in the lines of one paragraph (or one spreadsheet cell), by `_starts_new_item`."""
    items: list[str] = []
    for line in lines:
        if not line.strip():
            continue
        if items and not _starts_new_item(items[-1], line):
            items[-1] = f"{items[-1]}\n{line}"
        else:
            items.append(line)
    return items


def make_cell(paragraphs: Sequence[str], tables: Sequence[tuple[GridRow, ...]] = ()) -> GridCell:
    """A cell from its paragraphs (Word, ODF; a spreadsheet cell is one paragraph).

    Each non-empty paragraph is an item of its own, and so is each line of a paragraph that
    starts a new item; a cell with fewer than two items has none (it is one statement).
    """
    items: list[str] = []
    origin: list[int] = []
    for index, paragraph in enumerate(paragraphs):
        for item in split_lines(paragraph.split("\n")):
            items.append(item)
            origin.append(index)
    if len(items) < 2:
        items, origin = [], []
    return GridCell(text="\n".join(paragraphs), items=tuple(items), paragraphs=tuple(paragraphs),
                    item_paragraphs=tuple(origin), tables=tuple(tables))


@quick_init
@dataclass(frozen=True, slots=True)
class GridRow:
    """One table row: its cells (one per grid column), its ref, and a ref factory for its cells.

    `spanning` marks a row that is one cell merged across the table (a group row such as a goal
    or a målområde written across the whole width).
    """

    cells: tuple[GridCell, ...]
    ref: SourceRef
    cell_ref: Callable[[int], SourceRef]
    spanning: bool = False
    # The normalised cell texts, made on the first call of `texts` (the ledger, the header scan
    # and the row's reading all need them).
    normalized: tuple[str, ...] | None = field(default=None, compare=False, repr=False)

    def texts(self) -> list[str]:
        """The normalised text of every cell (a new list each call; the texts are made once)."""
        normalized = self.normalized
        if normalized is None:
            normalized = tuple([normalize_text(c.text) for c in self.cells])
            object.__setattr__(self, "normalized", normalized)
        return list(normalized)

    def cell(self, index: int) -> GridCell:
        """The cell at `index`, or an empty cell past the end of a short row."""
        return self.cells[index] if index < len(self.cells) else GridCell()
