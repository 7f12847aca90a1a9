"""The blocks of a word-processor document (Word, OpenDocument text) as its reader hands them to the
walk (aligner.readers.flow): `Para` and `Table`, in document order; their places in the reading
ledger; and what they tell of the plan's title and organisation.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from aligner.model import SourceRef
from aligner.readers.builder import PlanBuilder
from aligner.readers.common import GENERIC_HEADINGS, classify_heading, label_kind
from aligner.readers.grid import GridRow
from aligner.text import fold, split_label, words

# A table's header row is looked for in its first rows only.
TABLE_HEADER_ROWS = 3

# How a paragraph looks: (style name, (list id, level) or None, label class, bold). Goals in one list look alike.
Signature = tuple[str, tuple[str, str] | None, str | None, bool]


@dataclass(frozen=True, slots=True)
class Para:
    """A body paragraph with what the walk needs to know about it."""

    index: int
    text: str
    level: int | None  # heading level, 1 = top; None for body text
    is_title: bool
    is_list: bool
    bold: bool
    signature: Signature  # how the paragraph looks: goals in one list look alike
    auto_label: str | None = None  # the number or bullet the list numbering shows (not in the text)
    textbox: int | None = None  # the text box (frame) the paragraph stands in, 1-based; `index` is then inside it

    @property
    def label(self) -> str | None:
        """Leading numbering or bullet written in the text, else the one the list numbering shows."""
        return split_label(self.text)[0] or self.auto_label


@dataclass(frozen=True, slots=True)
class Table:
    """A body table as grid rows."""

    number: int
    rows: tuple[GridRow, ...]


def label_class(label: str | None) -> str | None:
    """What kind of numbering a label is: "kind" ("Mål 2:"), "number", "letter", "bullet", or None."""
    if not label:
        return None
    if label_kind(label):
        return "kind"
    if label[0].isdigit():
        return "number"
    return "letter" if label[0].isalpha() else "bullet"



def register_rows(rows: Sequence[GridRow], builder: PlanBuilder) -> None:
    """Put every non-empty cell of a table (and of the tables nested in it) in the ledger."""
    ledger = builder.ledger
    for row in rows:
        ledger.see_row(row, [(index, text) for index, (text, cell) in enumerate(zip(row.texts(), row.cells,
                                                                                     strict=True))
                             if text and not cell.continued])
        for cell in row.cells:
            if not cell.continued:
                for nested in cell.tables:
                    register_rows(nested, builder)


def register_blocks(blocks: Sequence[Para | Table], builder: PlanBuilder, path: str) -> None:
    """Put every non-empty paragraph and table cell of a document in the ledger, in document order."""
    for block in blocks:
        if isinstance(block, Table):
            register_rows(block.rows, builder)
        elif block.text:
            builder.ledger.see(para_ref(path, block), block.text)


def para_ref(path: str, para: Para) -> SourceRef:
    """Where a paragraph stands: its index in the body, or in its text box."""
    if para.textbox is not None:
        return SourceRef(path, paragraph=para.index, textbox=para.textbox)
    return SourceRef(path, paragraph=para.index)



# --- Title and organisation ---------------------------------------------------------------------


def find_title(blocks: Sequence[Para | Table], core_title: str | None) -> str | None:
    """Title-style paragraph, else the first heading that names the plan, else the core title."""
    paragraphs = [b for b in blocks if isinstance(b, Para) and b.text]
    for para in paragraphs:
        if para.is_title:
            return para.text
    for para in paragraphs:
        if para.level is not None:
            generic = fold(para.text) in GENERIC_HEADINGS or classify_heading(para.text) or para.label
            if not generic:
                return para.text
            break
    if core_title and core_title.strip():
        return core_title
    for para in paragraphs[:5]:
        if any(word.endswith("plan") for word in words(para.text)):
            return para.text
    return None


_SUBTITLE_STYLES = frozenset({"subtitle", "underrubrik", "undertitel"})


def is_subtitle(para: Para) -> bool:
    """True for a paragraph in a Subtitle style ("Underrubrik" in Swedish Word)."""
    return para.level is None and _subtitle_style(para.signature[0])


@lru_cache(maxsize=256)
def _subtitle_style(name: str) -> bool:
    return fold(name).strip() in _SUBTITLE_STYLES


def find_subtitle(blocks: Sequence[Para | Table]) -> str | None:
    """The text of the first Subtitle paragraph, or None."""
    return next((b.text for b in blocks if isinstance(b, Para) and b.text and is_subtitle(b)), None)


def org_lines(blocks: Sequence[Para | Table]) -> Iterator[str]:
    """Paragraph texts, and "key: value" from two-column table rows (cover blocks)."""
    for block in blocks:
        if isinstance(block, Para):
            yield block.text
            continue
        for row in block.rows:
            texts = [t for t in row.texts() if t]
            if len(texts) >= 2:
                yield f"{texts[0].rstrip(' :')}: {texts[1]}"
