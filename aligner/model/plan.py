"""What a reader makes of a file: the plan, its statements, where each stands, and the reading ledger."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from aligner.runtime import quick_init

Kind = Literal["goal", "activity", "indicator"]
KINDS: tuple[Kind, ...] = ("goal", "activity", "indicator")
KIND_SV = {"goal": "mål", "activity": "aktivitet", "indicator": "indikator"}


@quick_init
@dataclass(frozen=True, slots=True)
class SourceRef:
    """Where a statement (or a skipped item) stands in its file."""

    path: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    paragraph: int | None = None  # 0-based index among the body's paragraphs; shown counted from 1
    table: int | None = None
    table_row: int | None = None
    table_cell: int | None = None
    textbox: int | None = None  # 1-based text box (Word) or frame (ODF); `paragraph` is then inside it

    def __str__(self) -> str:
        """Swedish, human form: 'plan.xlsx, blad 'Mål', rad 14, kolumn C'."""
        parts = [self.path.replace("\\", "/").rsplit("/", 1)[-1]]
        if self.sheet is not None:
            parts.append(f"blad '{self.sheet}'")
        if self.row is not None:
            parts.append(f"rad {self.row}")
        if self.column is not None:
            parts.append(f"kolumn {self.column}")
        if self.textbox is not None:
            parts.append(f"textruta {self.textbox}")
        if self.paragraph is not None:
            parts.append(f"stycke {self.paragraph + 1}")  # Word counts from 1
        if self.table is not None:
            parts.append(f"tabell {self.table}")
        if self.table_row is not None:
            parts.append(f"rad {self.table_row}")
        if self.table_cell is not None:
            parts.append(f"cell {self.table_cell}")
        return ", ".join(parts)

    def to_dict(self) -> dict:
        """Only the fields that are set, plus the readable form."""
        out = {k: getattr(self, k) for k in self.__slots__ if getattr(self, k) is not None}
        out["text"] = str(self)
        return out


@quick_init
@dataclass(frozen=True, slots=True)
class Statement:
    """One goal, activity or indicator as the reader found it."""

    id: str
    kind: Kind
    text: str
    ref: SourceRef
    label: str | None = None
    parent: str | None = None
    section: str | None = None
    # The other cells of the statement's table row, as (header, value), in column order.
    cells: tuple[tuple[str, str], ...] = ()
    # What the plan itself claims the statement serves ("Koppling till målbild: …"): the names as
    # written when read, concept ids once tagged (aligner.tagging.tagger.resolve_claims).
    claimed: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Skipped:
    """Something in the file that looked like it could be a statement but was not read as one."""

    ref: SourceRef
    text: str
    reason: str


# What a paragraph, list item, table cell or sheet cell became when the plan was read.
Outcome = Literal["statement", "heading", "label", "prose", "metadata", "skipped"]
OUTCOMES: tuple[Outcome, ...] = ("statement", "heading", "label", "prose", "metadata", "skipped")
OUTCOME_SV = {
    "statement": "påstående", "heading": "rubrik", "label": "etikettrad", "prose": "löptext",
    "metadata": "uppgift om planen", "skipped": "överhoppat",
}


@quick_init
@dataclass(frozen=True, slots=True)
class Reading:
    """One entry of the reading ledger: a block of the file and what it became, with the reason (Swedish).

    `statements` are the ids of the statements the block gave or belongs to (a value cell such
    as "Ansvarig" belongs to the statement of its row).
    """

    ref: SourceRef
    text: str
    outcome: Outcome
    reason: str
    statements: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        """JSON form."""
        return {"location": self.ref.to_dict(), "text": self.text, "outcome": self.outcome,
                "reason": self.reason, "statements": list(self.statements)}


@dataclass(frozen=True, slots=True)
class Plan:
    """A read plan: its statements in document order, plus what was skipped and why.

    `reading` is the ledger: every non-empty paragraph, list item, table cell and sheet cell of
    the file, in document order, each with exactly one outcome.
    """

    source: str
    statements: tuple[Statement, ...]
    title: str | None = None
    org: str | None = None
    skipped: tuple[Skipped, ...] = ()
    warnings: tuple[str, ...] = ()
    reading: tuple[Reading, ...] = ()
