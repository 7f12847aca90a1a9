"""A table's columns: which row is the header (`find_header_row`) and what each column holds
(`classify_columns`): a statement kind, an id role, the plan's claimed links."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from aligner.model import Kind
from aligner.readers.builder import GoalRef
from aligner.readers.claims import is_claim_header
from aligner.readers.common import (
    HEADER_SCAN_ROWS,
    MAX_HEADER_WORDS,
    IdRole,
    classify_header,
    classify_id_header,
    count_words,
    is_year_target_header,
    value_header_words,
)
from aligner.text import normalize_text


@dataclass(frozen=True, slots=True)
class Column:
    """A table column: its header (or "Kolumn C"), the kind it holds, its id role, whether it holds claims."""

    index: int
    header: str
    kind: Kind | None = None
    id_role: IdRole | None = None
    claims: bool = False


@dataclass(frozen=True, slots=True)
class TableContext:
    """What the text around a table says: its section, the goal it stands under, the section kind."""

    section: str | None = None
    parent: str | GoalRef | None = None
    fallback_kind: Kind | None = None


def _header_score(texts: Sequence[str]) -> int:
    cells = [t for t in texts if t and count_words(t) <= MAX_HEADER_WORDS]
    statement = sum(1 for t in cells if classify_header(t))
    if not statement:
        return 0
    known = sum(1 for t in cells if not classify_header(t) and (value_header_words(t) or is_year_target_header(t)
                                                                or is_claim_header(t)))
    return 2 * statement + known + (1 if len([t for t in texts if t]) > 1 else 0)


def find_header_row(rows: Sequence[Sequence[str]], limit: int = HEADER_SCAN_ROWS) -> int | None:
    """Index of the header row among the first `limit` rows, or None.

    A header row names at least one statement column; among such rows the one with the most
    recognised headers wins (a one-cell title row like "Nämndens mål" loses to the real header).
    """
    best, best_score = None, 0
    for index, texts in enumerate(rows[:limit]):
        score = _header_score([normalize_text(t) for t in texts])
        if score > best_score:
            best, best_score = index, score
    return best


def classify_columns(headers: Sequence[str], names: Sequence[str] = (), fallback_kind: Kind | None = None
                     ) -> list[Column]:
    """The columns of a table from its header texts.

    "Mål 2027" (a goal word and a year only) is a target-value column, not a goal column, when
    the table also has an indicator column or another goal column ("Nämndens mål | Indikator |
    Mål 2027"); alone beside activities it is the goal column. With no statement column at all,
    `fallback_kind` (the kind of the section the table stands in) makes the first column one.
    """
    headers = [normalize_text(h) for h in headers]
    kinds: list[Kind | None] = [classify_header(h) for h in headers]
    year_goals = [i for i, h in enumerate(headers) if kinds[i] == "goal" and is_year_target_header(h)]
    other_goals = [i for i, k in enumerate(kinds) if k == "goal" and i not in year_goals]
    if year_goals and ("indicator" in kinds or other_goals):
        for i in year_goals:
            kinds[i] = None
    if not any(kinds) and fallback_kind and headers:
        kinds[0] = fallback_kind
    columns = []
    for i, header in enumerate(headers):
        name = header or (f"Kolumn {names[i]}" if i < len(names) else f"Kolumn {i + 1}")
        role = classify_id_header(header) if kinds[i] is None else None
        claims = kinds[i] is None and role is None and is_claim_header(header)
        columns.append(Column(i, name, kinds[i], role, claims))
    return columns
