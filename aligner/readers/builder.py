"""The plan builder: statements, skipped items and warnings in document order, ids and goal links.

Every reader hands what it finds to one `PlanBuilder`. The builder

- hands out the ids ("M1", "A1", "I1") in document order;
- keeps one goal per goal text: a goal written again (in a table after a numbered list, on every
  row of its group in a sheet) is the goal already read, whatever its numbering label;
- links statements to goals by the plan's own goal ids and labels ("1", "Mål 2", "M3"), also
  when the goal comes later in the file (`GoalRef`, resolved in `build`);
- collects the names of the concepts a plan claims for a statement ("Koppling till målbild");
- keeps the reading ledger (aligner.readers.ledger): what became of every block.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from aligner.limits import current, exceeded
from aligner.model import KIND_SV, Kind, Outcome, Plan, Skipped, SourceRef, Statement
from aligner.readers.ledger import UNACCOUNTED, Ledger
from aligner.text import fold, has_letters, normalize_text, split_label, words

_ID_PREFIX = {"goal": "M", "activity": "A", "indicator": "I"}
_KEY_WORD = re.compile(r"^(?:mal|malnr|mal nr|mal-id|malid|nr|id)\s*")
# A cell that only names a goal: "1", "1.", "1.2", "Mål 1", "Mål 2:", "M1", "Mål nr 3".
_GOAL_REFERENCE = re.compile(
    r"^(?:(?:mal|malnr|mal nr|mal-id|nr|id)\s*)?(?:m\s*)?\d{1,3}(?:\.\d{1,3})*[a-z]?\s*[.:)]?$"
)


def is_subgoal_word(text: str | None) -> bool:
    """True if a label, heading or column header calls its goals "delmål" ("Delmål 1.2", "Delmål")."""
    # Most texts have no "delm" at all: a cheap test before the word split.
    return text is not None and "delm" in text.lower() and any(w.startswith("delmal") for w in words(text))


def goal_key(value: str) -> str:
    """The form goal ids are compared in: "Mål 1:" and "1." -> "1", "M1" -> "m1", "1.2" -> "1.2"."""
    key = fold(normalize_text(value)).strip().rstrip(".:)")
    return _KEY_WORD.sub("", key).replace(" ", "")


def _key_variants(key: str) -> tuple[str, ...]:
    """"m1" also matches a goal labelled "1", and "1" a goal whose id is "M1"."""
    if re.fullmatch(r"m\d[\d.]*[a-z]?", key):
        return key, key[1:]
    if key[:1].isdigit():
        return key, f"m{key}"
    return (key,)


def is_goal_reference(text: str) -> bool:
    """True for a cell that only refers to a goal by number or id ("1", "Mål 2", "M3"), not a goal text."""
    return bool(_GOAL_REFERENCE.fullmatch(fold(normalize_text(text))))


def goal_text_key(text: str) -> str:
    """The form goal texts are compared in: label dropped, folded, whitespace and end punctuation ignored."""
    # Only the words count, so end punctuation and spacing fall away by themselves.
    return " ".join(words(split_label(normalize_text(text))[1]))


@dataclass(frozen=True, slots=True)
class GoalRef:
    """A parent named by a goal number or id ("1", "M2"), resolved when the plan is built."""

    value: str
    ref: SourceRef


Parent = str | GoalRef | None


@dataclass
class _Draft:
    id: str
    kind: Kind
    text: str
    label: str | None
    ref: SourceRef
    parent: Parent
    section: str | None
    cells: tuple[tuple[str, str], ...]
    goal_keys: tuple[tuple[str, bool], ...]
    claimed: list[str] = field(default_factory=list)
    subgoal: bool = False


def _place(ref: SourceRef) -> str | None:
    """A ref without its file name (the error names the file)."""
    name = ref.path.replace("\\", "/").rsplit("/", 1)[-1]
    return str(ref)[len(name):].lstrip(", ") or None


class PlanBuilder:
    """Collects statements in document order, hands out ids and links statements to goals by id."""

    def __init__(self, path: str):
        self.path = path
        self._drafts: list[_Draft] = []
        self._by_id: dict[str, _Draft] = {}
        self._counts = {kind: 0 for kind in _ID_PREFIX}
        self._skipped: list[Skipped] = []
        self._warnings: list[str] = []
        self._keys: dict[str, str] = {}
        self._ambiguous: set[str] = set()
        self._goal_texts: dict[str, str] = {}
        self._warned_refs: set[tuple[str, SourceRef]] = set()
        self._limits = current()
        self.ledger = Ledger()

    def add(
        self,
        kind: Kind,
        text: str,
        ref: SourceRef,
        *,
        parent: Parent = None,
        section: str | None = None,
        cells: Sequence[tuple[str, str]] = (),
        label: str | None = None,
        goal_keys: Sequence[tuple[str, bool]] = (),
        claimed: Sequence[str] = (),
        subgoal: bool = False,
    ) -> str | None:
        """Add a statement; returns its id, or None if the text holds no words.

        The text is normalised and leading numbering moves into the label. A goal whose text
        equals an earlier goal's (label, case and end punctuation ignored) is that goal: its id
        is returned and nothing new is added. `goal_keys` are (value, explicit) pairs from id
        columns; `build` turns them into a parent. `claimed` are the names the plan claims
        (resolved to concept ids when tagged). A goal never gets a goal as parent unless `subgoal`
        says the plan calls it a "delmål".
        """
        if len(text) > self._limits.field_chars:
            raise exceeded("field_chars", len(text), _place(ref))
        found_label, clean = split_label(normalize_text(text))
        if not has_letters(clean):
            self.ledger.mark(ref, "skipped", "inga bokstäver", text=text)
            return None
        label = label or found_label
        if kind == "goal":
            key = goal_text_key(clean)
            existing = self._goal_texts.get(key)
            if existing:
                self._merge_goal(existing, label, claimed)
                self.ledger.mark(ref, "statement", f"samma mål som {existing}, skrivet igen", (existing,), text)
                return existing
        if len(self._drafts) >= self._limits.statements:
            raise exceeded("statements", len(self._drafts) + 1, _place(ref), at_least=True)
        self._counts[kind] += 1
        sid = f"{_ID_PREFIX[kind]}{self._counts[kind]}"
        section = normalize_text(section) if section else None
        subgoal = kind == "goal" and (subgoal or is_subgoal_word(label) or is_subgoal_word(section))
        draft = _Draft(sid, kind, clean, label, ref, parent, section or None, tuple(cells), tuple(goal_keys),
                       subgoal=subgoal)
        self._drafts.append(draft)
        self._by_id[sid] = draft
        self.add_claims(sid, claimed)
        if kind == "goal":
            self._goal_texts[key] = sid
            self._label_key(label, sid)
        self.ledger.mark_statement(ref, f"{KIND_SV[kind]} {sid}", (sid,), text)
        return sid

    def account(self, ref: SourceRef, outcome: Outcome, reason: str, ids: tuple[str, ...] = (),
                text: str | None = None) -> None:
        """Record in the ledger what a block became (a heading, a label line, prose, metadata, …)."""
        self.ledger.mark(ref, outcome, reason, ids, text)

    def _label_key(self, label: str | None, goal_id: str) -> None:
        if label and re.search(r"\d", label):
            self.add_goal_key(label, goal_id)

    def _merge_goal(self, goal_id: str, label: str | None, claimed: Sequence[str]) -> None:
        draft = self._by_id[goal_id]
        if label and not draft.label:
            draft.label = label
        self._label_key(label, goal_id)
        self.add_claims(goal_id, claimed)

    def add_claims(self, statement_id: str, concepts: Sequence[str]) -> None:
        """Record concepts the plan claims for a statement (kept once each, in the order given)."""
        if concepts:
            claimed = self._by_id[statement_id].claimed
            claimed.extend(c for c in concepts if c not in claimed)

    def add_goal_key(self, value: str, goal_id: str) -> None:
        """Let statements refer to goal `goal_id` by `value` (a goal sheet's "Id" cell, a "Mål 2" label)."""
        key = goal_key(value)
        if not key:
            return
        if key in self._keys and self._keys[key] != goal_id:
            self._ambiguous.add(key)
        self._keys.setdefault(key, goal_id)

    def find_goal(self, value: str) -> str | None:
        """The id of the goal `value` names by number, id or label, if it is known by now."""
        return self._lookup(goal_key(value))[0]

    def _lookup(self, key: str) -> tuple[str | None, bool]:
        """(goal id, ambiguous) for a goal key, trying "m1" for "1" and "1" for "m1"."""
        for variant in _key_variants(key) if key else ():
            if variant in self._keys:
                return self._keys[variant], variant in self._ambiguous
        return None, False

    def skip(self, ref: SourceRef, text: str, reason: str) -> None:
        """Record something that looked like a statement but was not read as one."""
        self._skipped.append(Skipped(ref, normalize_text(text), reason))
        self.ledger.mark(ref, "skipped", reason, text=text)

    def warn(self, message: str) -> None:
        """Record a problem that did not stop reading (each message once)."""
        if message not in self._warnings:
            self._warnings.append(message)

    def statement_count(self) -> int:
        """Number of statements added so far (a goal read again is not counted twice)."""
        return len(self._drafts)

    @property
    def last_id(self) -> str | None:
        """The id of the statement added last, or None."""
        return self._drafts[-1].id if self._drafts else None

    def kind_of(self, statement_id: str) -> Kind:
        """The kind of an added statement."""
        return self._by_id[statement_id].kind

    def _resolve_ref(self, parent: GoalRef) -> str | None:
        target, ambiguous = self._lookup(goal_key(parent.value))
        if target and not ambiguous:
            return target
        if (parent.value, parent.ref) not in self._warned_refs:
            self._warned_refs.add((parent.value, parent.ref))
            problem = "flera mål har id" if ambiguous else "hittade inget mål med id"
            self.warn(f"{parent.ref}: {problem} '{parent.value}'" + ("; kopplingen gjordes inte" if ambiguous else ""))
        return None

    def _resolve(self, draft: _Draft) -> str | None:
        parent = self._resolve_ref(draft.parent) if isinstance(draft.parent, GoalRef) else draft.parent
        for value, explicit in draft.goal_keys:
            target, ambiguous = self._lookup(goal_key(value))
            if target and ambiguous:
                self.warn(f"{draft.ref}: flera mål har id '{value}'; kopplingen gjordes inte")
            elif target and target != draft.id and (explicit or parent is None):
                return target
            elif explicit and not target:
                self.warn(f"{draft.ref}: hittade inget mål med id '{value}'")
        return parent if parent != draft.id else None

    def _parent(self, draft: _Draft) -> str | None:
        """The resolved parent; a goal under a goal only where the plan says "delmål"."""
        parent = self._resolve(draft)
        if (parent and draft.kind == "goal" and not draft.subgoal and parent in self._by_id
                and self._by_id[parent].kind == "goal"):
            return None
        return parent

    def build(self, title: str | None = None, org: str | None = None) -> Plan:
        """The finished plan: statements in document order with parents resolved."""
        statements = tuple(
            Statement(id=d.id, kind=d.kind, text=d.text, ref=d.ref, label=d.label, parent=self._parent(d),
                      section=d.section, cells=d.cells, claimed=tuple(d.claimed))
            for d in self._drafts
        )
        if not statements:
            self.warn("hittade inga mål, aktiviteter eller indikatorer i filen")
        reading = self.ledger.entries()
        unread = [r for r in reading if r.reason == UNACCOUNTED]
        if unread:
            self.warn(f"{len(unread)} textblock lästes inte av någon regel (första: {unread[0].ref}); "
                      "de står som överhoppade i läsningen (--explain-reading)")
        return Plan(
            source=self.path,
            statements=statements,
            title=normalize_text(title) if title else None,
            org=normalize_text(org) if org else None,
            skipped=tuple(self._skipped),
            warnings=tuple(self._warnings),
            reading=reading,
        )
