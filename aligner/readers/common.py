"""Shared pieces of the plan readers: header and heading words, the table reader, the plan builder.

Every reader turns its file into two things this module understands:

- headings and paragraphs (Word only), classified with `classify_heading`;
- tables as a grid of `GridRow`s (a Word table, an Excel sheet), read by `read_table`.

Statements, skipped items and warnings all go into a `PlanBuilder`, which hands out the ids
("M1", "A1", "I1") in document order and links statements to goals by the plan's own goal ids.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from aligner.errors import InputError
from aligner.model import Kind, Plan, Skipped, SourceRef, Statement
from aligner.text import fold, normalize_text, split_label, words

# A list item or paragraph with fewer words than this is not a statement ("för kort").
MIN_WORDS = 3
# Excel: the header row is looked for in this many rows from the top of a sheet.
HEADER_SCAN_ROWS = 30
# A cell with more words than this is data, not a column header.
MAX_HEADER_WORDS = 6
# A heading with more words than this is a statement or prose, never a section name.
MAX_HEADING_WORDS = 7

IdRole = Literal["id", "goal_ref"]

# --- Column headers -----------------------------------------------------------------------------

# Folded whole words. "Målvärde" is one word, so it never matches "mål".
_GOAL_HEADER_WORDS = frozenset({
    "mal", "namndmal", "namndsmal", "forvaltningsmal", "verksamhetsmal", "effektmal", "malformulering",
    "delmal", "resultatmal", "fokusmal", "inriktningsmal",
})
_ACTIVITY_HEADER_WORDS = frozenset({"aktivitet", "aktiviteter", "atgard", "atgarder", "uppdrag", "insats", "insatser"})
_INDICATOR_HEADER_WORDS = frozenset({"indikator", "indikatorer", "nyckeltal", "matetal", "matt"})
# Compounds ending in these are still that kind: "Förbättringsåtgärder", "Kvalitetsindikatorer".
_HEADER_SUFFIXES: tuple[tuple[str, Kind], ...] = (
    ("aktiviteter", "activity"), ("aktivitet", "activity"), ("atgarder", "activity"), ("atgard", "activity"),
    ("insatser", "activity"), ("indikatorer", "indicator"), ("indikator", "indicator"),
    ("nyckeltal", "indicator"), ("matetal", "indicator"),
)
# A header holding any of these is a value, date, id or comment column, never a statement column.
_VALUE_HEADER_WORDS = frozenset({
    "malvarde", "malvarden", "malniva", "malnivaer", "malnr", "malid", "maluppfyllelse", "utfall",
    "ansvarig", "ansvariga", "ansvar", "klart", "senast", "status", "kommentar", "kommentarer",
    "id", "nr", "nummer", "datum", "startdatum", "slutdatum", "budget", "kostnad", "trend", "riktning",
    "koppling", "kopplat", "kopplad", "tillhor", "beskrivning", "analys", "uppfoljning", "prognos",
    "period", "referens",
})
_ID_WORDS = frozenset({"id", "nr", "nummer", "malnr", "malid", "lopnummer", "lopnr"})
_REF_WORDS = frozenset({"koppling", "kopplat", "kopplad", "tillhor"})
# "Mål 2027", "Mål 2020", "Mål 2025–2026": a target value beside an indicator or goal column.
_YEAR_TARGET = re.compile(r"mal\s*(?:ar\s*)?\d{4}(?:\s*[-–/]\s*\d{2,4})?")


def _header_word_kind(token: str) -> Kind | None:
    if token in _GOAL_HEADER_WORDS:
        return "goal"
    if token in _ACTIVITY_HEADER_WORDS:
        return "activity"
    if token in _INDICATOR_HEADER_WORDS:
        return "indicator"
    for suffix, kind in _HEADER_SUFFIXES:
        if token.endswith(suffix):
            return kind
    return None


def classify_header(text: str) -> Kind | None:
    """The statement kind a column header names ("Nämndens mål 2025" -> "goal"), or None.

    Whole folded words only, so "Målvärde 2027" is not a goal column; a header with a value word
    ("Målvärde", "Utfall", "Ansvarig", "Mål-id", "Kommentar", …) is never a statement column.
    """
    tokens = words(text)
    if not tokens or len(tokens) > MAX_HEADER_WORDS or _VALUE_HEADER_WORDS.intersection(tokens):
        return None
    for token in tokens:
        kind = _header_word_kind(token)
        if kind:
            return kind
    return None


def is_year_target_header(text: str) -> bool:
    """True for headers like "Mål 2027": a goal word followed by nothing but a year."""
    return bool(_YEAR_TARGET.fullmatch(fold(normalize_text(text))))


def classify_id_header(text: str) -> IdRole | None:
    """'goal_ref' for goal-id columns ("Mål-id", "Målnr", "Koppling till mål"), 'id' for "Id"/"Nr"."""
    tokens = words(text)
    if not tokens or len(tokens) > MAX_HEADER_WORDS:
        return None
    mentions_goal = any(t in _GOAL_HEADER_WORDS or t in ("malnr", "malid") for t in tokens)
    if mentions_goal and _REF_WORDS.intersection(tokens):
        return "goal_ref"
    if _ID_WORDS.intersection(tokens):
        return "goal_ref" if mentions_goal else "id"
    return None


# --- Headings -----------------------------------------------------------------------------------

_HEADING_PHRASES: dict[Kind, tuple[str, ...]] = {
    "goal": (
        "vad vill vi uppna", "mal", "malen", "namndmal", "namndsmal", "forvaltningsmal", "verksamhetsmal",
        "vara mal", "effektmal", "strategiska mal", "overgripande mal", "prioriterade mal", "malstyrning",
        "malomrade", "malomraden", "delmal",
    ),
    "activity": (
        "aktiviteter", "aktivitet", "atgarder", "atgard", "vad ska vi gora", "det har ska vi gora",
        "sa har gor vi", "hur ska vi gora", "handlingsplan", "uppdrag", "insatser", "vara aktiviteter",
        "planerade aktiviteter", "prioriterade aktiviteter",
    ),
    "indicator": (
        "indikatorer", "indikator", "nyckeltal", "matetal", "matt", "hur vet vi att vi lyckats",
        "hur vet vi om vi lyckats", "sa vet vi att vi lyckats", "sa foljer vi upp", "sa har foljer vi upp",
        "sa har mater vi",
    ),
}
# "Nämndens mål", "Skol- och fritidsnämndens indikatorer": a possessive before the section name.
_POSSESSIVE = re.compile(r".*(namndens|namndernas|forvaltningens|styrelsens|bolagets|stadens|kommunens|"
                         r"fullmaktiges)$")
_EXCLUDED_HEADING = re.compile(r"\b(risk\w*|internkontroll\w*|intern kontroll)\b")
_NUMBERING = re.compile(r"^\s*(?:\d+(?:\.\d+)*\.?|[IVX]+\.|[a-zA-Z][.)])\s+")
_LABEL_KINDS: tuple[tuple[str, Kind], ...] = (
    ("aktivitet", "activity"), ("atgard", "activity"), ("indikator", "indicator"), ("nyckeltal", "indicator"),
    ("mal", "goal"), ("delmal", "goal"), ("namndmal", "goal"), ("forvaltningsmal", "goal"),
    ("verksamhetsmal", "goal"),
)


def is_excluded_heading(text: str) -> bool:
    """True for risk and internal-control headings ("Risker och åtgärder – internkontroll")."""
    return bool(_EXCLUDED_HEADING.search(fold(text)))


def _match_phrase(tokens: list[str]) -> tuple[Kind, str, list[str]] | None:
    """(kind, phrase, tokens after it) for the section name the tokens start with."""
    for kind, phrases in _HEADING_PHRASES.items():
        for phrase in phrases:
            parts = phrase.split()
            if tokens[: len(parts)] == parts:
                return kind, phrase, tokens[len(parts):]
    return None


def _section_match(text: str) -> tuple[Kind, str, list[str]] | None:
    stripped = _NUMBERING.sub("", normalize_text(text))
    tokens = words(stripped)
    if not tokens or len(tokens) > MAX_HEADING_WORDS or is_excluded_heading(stripped):
        return None
    found = _match_phrase(tokens)
    if found:
        return found
    # The owner may be several words: "Skol- och fritidsnämndens mål".
    owner = next((i for i, token in enumerate(tokens[:-1]) if _POSSESSIVE.fullmatch(token)), None)
    if owner is not None:
        found = _match_phrase(tokens[owner + 1:])
        if found and found[1] != "uppdrag":  # "Nämndens uppdrag" is the basic remit, not a task list
            return found
    return None


def classify_heading(text: str) -> Kind | None:
    """The statement kind a section heading introduces ("3.1 Vad vill vi uppnå" -> "goal"), or None.

    The heading must start with a known section name (numbering, a possessive like "Nämndens" and
    diacritics are ignored). Risk and internal-control headings, "Nämndens uppdrag" (the basic
    remit) and long headings are not statement sections.
    """
    found = _section_match(text)
    return found[0] if found else None


def is_section_name(text: str) -> bool:
    """True if the text is only a section name, maybe with a year ("Aktiviteter 2025", "Våra mål")."""
    found = _section_match(text)
    return bool(found) and all(token.isdigit() for token in found[2])


def label_kind(label: str | None) -> Kind | None:
    """The kind a numbering label names: "Mål 2:" -> "goal", "Aktivitet 3.1" -> "activity", "1." -> None."""
    if not label:
        return None
    first = words(label)[:1]
    if not first or first[0].isdigit():
        return None
    for word, kind in _LABEL_KINDS:
        if first[0] == word:
            return kind
    return None


_KIND_PREFIX = re.compile(r"^\s*([^\W\d_][\w\s/-]{0,40}?)\s*:\s*(\S.*)$", re.DOTALL)


def split_kind_prefix(text: str) -> tuple[Kind, str, str] | None:
    """(kind, prefix, rest) for lines like "Aktivitet: Genomföra …" or "Indikatorer: Andel …"."""
    match = _KIND_PREFIX.match(text)
    if not match or len(words(match.group(1))) > 4:
        return None
    kind = classify_heading(match.group(1))
    return (kind, match.group(1).strip(), match.group(2).strip()) if kind else None


def count_words(text: str) -> int:
    """Number of words in a text."""
    return len(words(text))


def has_letters(text: str) -> bool:
    """True if the text holds at least one letter ("-", "x" and "2025" alone are no statement)."""
    return any(ch.isalpha() for ch in text) and count_words(text) > 0


# --- Values, items, organisation ----------------------------------------------------------------

_EXCEL_ERRORS = frozenset({"#REF!", "#N/A", "#VALUE!", "#DIV/0!", "#NAME?", "#NUM!", "#NULL!"})


def _format_number(number: float) -> str:
    if isinstance(number, int):
        return str(number)
    number = round(number, 9)
    return str(int(number)) if number.is_integer() else repr(number)


def format_value(value: object, number_format: str = "General") -> str:
    """A cell value as text: dates as ISO "YYYY-MM-DD", 3.0 as "3", 0.9 in a % cell as "90 %"."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Ja" if value else "Nej"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time():
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, int | float):
        if "%" in (number_format or ""):
            return f"{_format_number(value * 100)} %"
        return _format_number(value)
    text = str(value)
    return "" if text.strip() in _EXCEL_ERRORS else text


def split_items(lines: Sequence[str], listed: Sequence[bool] | None = None) -> tuple[str, ...]:
    """The list items of a multi-line cell, or () if the cell is one statement.

    A cell is a list when it has at least two non-empty lines and each is a list item: `listed`
    says so (Word list paragraphs) or the line starts with a bullet or number ("•", "-", "1.").
    """
    pairs = [(line, listed[i] if listed else False) for i, line in enumerate(lines) if line.strip()]
    if len(pairs) < 2:
        return ()
    if all(is_list or split_label(normalize_text(line))[0] for line, is_list in pairs):
        return tuple(line for line, _ in pairs)
    return ()


_ORG_LINE = re.compile(r"^(?:ansvarig\s+)?(forvaltning|namnd|bolag|styrelse|organisation|galler for)"
                       r"\s*:\s*(\S.{0,120})$")
_ORG_WORD = re.compile(r"(forvaltning|namnd|styrelse|bolag|kontor)(en|et)?$")
_GENITIVE_ORG = re.compile(r"^(.{3,120}?(?:nämnd|förvaltning|styrelse|bolag)(?:en|et)?)s\s+\w*plan", re.IGNORECASE)


def _org_from_title(title: str) -> str | None:
    """"Skol- och fritidsnämndens verksamhetsplan", "VP 2025 för X-förvaltningen", "VP 2025 – X-nämnden"."""
    match = _GENITIVE_ORG.match(title)
    if match:
        return match.group(1)
    folded = fold(title)
    for separator in (" for ", " – ", " - ", ": "):
        at = folded.rfind(separator)
        tail = title[at + len(separator):].strip(" .,:;–-") if at >= 0 else ""
        tail_words = words(tail)
        if tail_words and (any(_ORG_WORD.search(w) for w in tail_words) or tail.endswith(" AB")):
            return tail
    return None


def find_org(lines: Iterable[str], title: str | None = None) -> str | None:
    """The organisation a plan names: a "Förvaltning: X" / "Nämnd: X" / "Bolag: X" line, else a title
    like "Verksamhetsplan 2025 för Skol- och fritidsförvaltningen", else a "Gäller för: X" line."""
    scope = None
    for line in lines:
        text = normalize_text(line)
        match = _ORG_LINE.match(fold(text))
        if not match:
            continue
        value = text[match.start(2):].strip()
        if match.group(1).startswith("g"):
            scope = scope or value
        else:
            return value
    from_title = _org_from_title(normalize_text(title)) if title else None
    return from_title or scope


# --- Building the plan --------------------------------------------------------------------------

_ID_PREFIX = {"goal": "M", "activity": "A", "indicator": "I"}
_KEY_WORD = re.compile(r"^(?:mal|malnr|mal nr|mal-id)\s*")


def goal_key(value: str) -> str:
    """The form goal ids are compared in: "Mål 1:" and "1." -> "1", "M1" -> "m1", "1.2" -> "1.2"."""
    key = fold(normalize_text(value)).strip().rstrip(".:)")
    return _KEY_WORD.sub("", key).replace(" ", "")


@dataclass
class _Draft:
    id: str
    kind: Kind
    text: str
    label: str | None
    ref: SourceRef
    parent: str | None
    section: str | None
    cells: tuple[tuple[str, str], ...]
    goal_keys: tuple[tuple[str, bool], ...]


class PlanBuilder:
    """Collects statements in document order, hands out ids and links statements to goals by id."""

    def __init__(self, path: str):
        self.path = path
        self._drafts: list[_Draft] = []
        self._counts = {kind: 0 for kind in _ID_PREFIX}
        self._skipped: list[Skipped] = []
        self._warnings: list[str] = []
        self._keys: dict[str, str] = {}
        self._ambiguous: set[str] = set()

    def add(
        self,
        kind: Kind,
        text: str,
        ref: SourceRef,
        *,
        parent: str | None = None,
        section: str | None = None,
        cells: Sequence[tuple[str, str]] = (),
        label: str | None = None,
        goal_keys: Sequence[tuple[str, bool]] = (),
    ) -> str | None:
        """Add a statement; returns its id, or None if the text holds no words.

        The text is normalised and leading numbering moves into the label. `goal_keys` are
        (value, explicit) pairs from id columns; `build` turns them into a parent.
        """
        found_label, clean = split_label(normalize_text(text))
        if not has_letters(clean):
            return None
        self._counts[kind] += 1
        sid = f"{_ID_PREFIX[kind]}{self._counts[kind]}"
        label = label or found_label
        section = normalize_text(section) if section else None
        self._drafts.append(_Draft(sid, kind, clean, label, ref, parent, section or None, tuple(cells),
                                   tuple(goal_keys)))
        if kind == "goal" and label and re.search(r"\d", label):
            self.add_goal_key(label, sid)
        return sid

    def add_goal_key(self, value: str, goal_id: str) -> None:
        """Let statements refer to goal `goal_id` by `value` (a goal sheet's "Id" cell, a "Mål 2" label)."""
        key = goal_key(value)
        if not key:
            return
        if key in self._keys and self._keys[key] != goal_id:
            self._ambiguous.add(key)
        self._keys.setdefault(key, goal_id)

    def skip(self, ref: SourceRef, text: str, reason: str) -> None:
        """Record something that looked like a statement but was not read as one."""
        self._skipped.append(Skipped(ref, normalize_text(text), reason))

    def warn(self, message: str) -> None:
        """Record a problem that did not stop reading."""
        self._warnings.append(message)

    def statement_count(self) -> int:
        """Number of statements added so far."""
        return len(self._drafts)

    def _resolve(self, draft: _Draft) -> str | None:
        parent = draft.parent
        for value, explicit in draft.goal_keys:
            key = goal_key(value)
            target = self._keys.get(key)
            if target and key in self._ambiguous:
                self.warn(f"{draft.ref}: flera mål har id '{value}'; kopplingen gjordes inte")
            elif target and target != draft.id and (explicit or parent is None):
                return target
            elif explicit and not target:
                self.warn(f"{draft.ref}: hittade inget mål med id '{value}'")
        return parent

    def build(self, title: str | None = None, org: str | None = None) -> Plan:
        """The finished plan: statements in document order with parents resolved."""
        statements = tuple(
            Statement(id=d.id, kind=d.kind, text=d.text, ref=d.ref, label=d.label, parent=self._resolve(d),
                      section=d.section, cells=d.cells)
            for d in self._drafts
        )
        if not statements:
            self.warn("hittade inga mål, aktiviteter eller indikatorer i filen")
        return Plan(
            source=self.path,
            statements=statements,
            title=normalize_text(title) if title else None,
            org=normalize_text(org) if org else None,
            skipped=tuple(self._skipped),
            warnings=tuple(self._warnings),
        )


# --- Tables -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class GridCell:
    """One cell of a table as a reader saw it.

    `continued` marks the lower part of a vertically merged cell: it shows the same text as the
    cell above, which has already been read. `items` holds the list items of a cell that is a list.
    """

    text: str = ""
    items: tuple[str, ...] = ()
    continued: bool = False


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

    def texts(self) -> list[str]:
        """The normalised text of every cell."""
        return [normalize_text(c.text) for c in self.cells]

    def cell(self, index: int) -> GridCell:
        """The cell at `index`, or an empty cell past the end of a short row."""
        return self.cells[index] if index < len(self.cells) else GridCell()


@dataclass(frozen=True, slots=True)
class Column:
    """A table column: its header (or "Kolumn C"), the kind it holds, and its id role."""

    index: int
    header: str
    kind: Kind | None = None
    id_role: IdRole | None = None


@dataclass(frozen=True, slots=True)
class TableContext:
    """What the text around a table says: its section, the goal it stands under, the section kind."""

    section: str | None = None
    parent: str | None = None
    fallback_kind: Kind | None = None


def _header_score(texts: Sequence[str]) -> int:
    cells = [t for t in texts if t and count_words(t) <= MAX_HEADER_WORDS]
    statement = sum(1 for t in cells if classify_header(t))
    if not statement:
        return 0
    known = sum(1 for t in cells if not classify_header(t) and (_VALUE_HEADER_WORDS.intersection(words(t))
                                                                or is_year_target_header(t)))
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
        columns.append(Column(i, name, kinds[i], role))
    return columns


@dataclass
class _TableState:
    goals: dict[int, str] = field(default_factory=dict)  # goal column index -> current goal id
    group_goal: str | None = None  # a goal written as a spanning row
    section: str | None = None


def _other_cells(row: GridRow, columns: Sequence[Column], own: int) -> tuple[tuple[str, str], ...]:
    out = []
    for column in columns:
        value = normalize_text(row.cell(column.index).text)
        if column.index != own and value:
            out.append((column.header, value))
    return tuple(out)


def _read_goal_columns(row: GridRow, columns: Sequence[Column], state: _TableState, builder: PlanBuilder,
                       parent: str | None) -> tuple[str | None, list[str]]:
    """Goals of one row, left to right; returns the deepest goal (parent for the row) and new goal ids."""
    new: list[str] = []
    goal_columns = [c for c in columns if c.kind == "goal"]
    for position, column in enumerate(goal_columns):
        cell = row.cell(column.index)
        if cell.continued or not has_letters(cell.text):
            parent = state.goals.get(column.index, parent)
            continue
        sid = builder.add("goal", cell.text, row.cell_ref(column.index), parent=parent, section=state.section,
                          cells=_other_cells(row, columns, column.index))
        if sid:
            new.append(sid)
            state.goals[column.index] = sid
            parent = sid
            for deeper in goal_columns[position + 1:]:
                state.goals.pop(deeper.index, None)
    return parent, new


def _id_values(row: GridRow, columns: Sequence[Column]) -> list[tuple[str, bool]]:
    values = []
    for column in columns:
        value = normalize_text(row.cell(column.index).text)
        if column.id_role and value:
            values.append((value, column.id_role == "goal_ref"))
    return values


def _read_group_row(row: GridRow, columns: Sequence[Column], state: _TableState, builder: PlanBuilder,
                    context: TableContext) -> None:
    text = next((c.text for c in row.cells if c.text.strip()), "")
    if any(c.kind == "goal" for c in columns):
        state.section = normalize_text(text)  # a målområde above goal rows: goals above do not continue
        state.goals.clear()
        return
    state.group_goal = builder.add("goal", text, row.cell_ref(0), parent=context.parent,
                                   section=state.section or context.section)


def _read_row(row: GridRow, columns: Sequence[Column], state: _TableState, builder: PlanBuilder,
              context: TableContext) -> None:
    parent, new_goals = _read_goal_columns(row, columns, state, builder, state.group_goal or context.parent)
    ids = _id_values(row, columns)
    if new_goals:  # the row's id cells name its (first) goal; activities then have the goal as parent
        for value, _explicit in ids:
            builder.add_goal_key(value, new_goals[0])
        ids = []
    added = bool(new_goals)
    for column in columns:
        cell = row.cell(column.index)
        if column.kind in (None, "goal") or cell.continued:
            continue
        for text in cell.items or (cell.text,):
            sid = builder.add(column.kind, text, row.cell_ref(column.index), parent=parent,
                              section=state.section, cells=_other_cells(row, columns, column.index),
                              goal_keys=ids)
            added = added or sid is not None
    if not added and any(c.text.strip() and not c.continued for c in row.cells):
        names = ", ".join(f"'{c.header}'" for c in columns if c.kind)
        text = " | ".join(t for t in row.texts() if t)
        builder.skip(row.ref, text, f"tom cell i {names}")


def read_table(header: GridRow | None, body: Sequence[GridRow], builder: PlanBuilder,
               context: TableContext = TableContext()) -> int:
    """Read the statements of one table into `builder`; returns how many were added.

    Each body row gives a statement per statement column, with the row's other cells as `cells`.
    A goal cell is the parent of the row's activities and indicators; a blank or merged goal
    cell continues the goal above. Blank rows are layout and skipped silently; a row with text
    only outside the statement columns is listed as skipped.
    """
    if not body:
        return 0
    width = max([len(r.cells) for r in body] + [len(header.cells) if header else 0])
    headers = header.texts() if header else [""] * width
    headers += [""] * (width - len(headers))
    names = [_column_name(body[0].cell_ref(i), i) for i in range(width)]
    columns = classify_columns(headers, names, context.fallback_kind)
    if not any(c.kind for c in columns):
        return 0
    before = builder.statement_count()
    state = _TableState(section=context.section)
    for row in body:
        if not any(c.text.strip() for c in row.cells) or (header and row.texts() == header.texts()):
            continue
        if row.spanning:
            _read_group_row(row, columns, state, builder, context)
        else:
            _read_row(row, columns, state, builder, context)
    return builder.statement_count() - before


def _column_name(ref: SourceRef, index: int) -> str:
    if ref.column:
        return ref.column
    return str(ref.table_cell or index + 1)


# --- Files --------------------------------------------------------------------------------------

_OLE_MAGIC = b"\xd0\xcf\x11\xe0"


def check_file(path: Path, shown: str) -> None:
    """Raise InputError if `path` is missing, a folder, empty, or an old/encrypted Office file."""
    if not path.exists():
        raise InputError(shown, "filen finns inte", hint="kontrollera sökvägen")
    if path.is_dir():
        raise InputError(shown, "är en mapp, inte en fil")
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError as exc:
        raise InputError(shown, "filen kan inte öppnas", hint=exc.strerror or None) from exc
    if not head:
        raise InputError(shown, "filen är tom")
    if head.startswith(_OLE_MAGIC):
        raise InputError(shown, "filen är lösenordsskyddad eller sparad i ett äldre format",
                         hint="spara den utan lösenord som .docx eller .xlsx")


def open_error(shown: str, exc: Exception, what: str) -> InputError:
    """The InputError for an exception a library raised while opening the file.

    `what` names the expected format with its article: "ett Word-dokument", "en Excel-arbetsbok".
    """
    if isinstance(exc, PermissionError):
        return InputError(shown, "filen kan inte öppnas (saknar behörighet eller är låst)",
                          hint="stäng filen i andra program och försök igen")
    if isinstance(exc, OSError) and exc.errno is not None:
        return InputError(shown, "filen kan inte läsas", hint=exc.strerror or None)
    return InputError(shown, f"filen är inte {what} eller är skadad", hint="öppna den i Office och spara om den")
