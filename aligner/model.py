"""The data that flows through aligner: plain frozen dataclasses, no behaviour beyond formatting.

read_plan -> Plan(statements) -> tag -> TaggedStatement(tags, horizon) -> compute_coverage -> Coverage

The rule records (RuleSet, Concept, Rule, ...) stand here too, so the parts that only read them
(coverage, suggestions, reports) need not import the tagger's package; aligner.tagging.rules
loads and validates them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from aligner.runtime import quick_init

if TYPE_CHECKING:
    from aligner.tagging.terms import Term

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
    # written when read, concept ids once tagged (aligner.readers.claims.resolve_claims).
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


@quick_init
@dataclass(frozen=True, slots=True)
class Evidence:
    """Why a tag exists: which rule matched what, where."""

    rule_id: str
    text: str
    start: int
    end: int
    # Where the text stands: "text" for the statement itself, else the header of the table
    # cell it came from (e.g. "Klart senast").
    source: str = "text"

    def to_dict(self) -> dict:
        """JSON form."""
        return {
            "rule": self.rule_id,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "source": self.source,
        }


@quick_init
@dataclass(frozen=True, slots=True)
class Tag:
    """A concept a statement serves, with all the evidence found for it."""

    concept: str
    evidence: tuple[Evidence, ...]


@quick_init
@dataclass(frozen=True, slots=True)
class Suppressed:
    """A match an exclusion cancelled (shown by `aligner tag --explain`)."""

    concept: str
    rule_id: str
    text: str
    start: int
    end: int
    reason: str


HorizonStatus = Literal["none", "within", "beyond"]


@quick_init
@dataclass(frozen=True, slots=True)
class Horizon:
    """The statement's own time frame: none, within the rule set's time horizon (with the year), or beyond."""

    status: HorizonStatus = "none"
    year: int | None = None
    evidence: Evidence | None = None

    def to_dict(self) -> dict:
        """JSON form."""
        return {
            "status": self.status,
            "year": self.year,
            "evidence": self.evidence.to_dict() if self.evidence else None,
        }


@quick_init
@dataclass(frozen=True, slots=True)
class TagResult:
    """What the tagger says about one text."""

    tags: tuple[Tag, ...] = ()
    horizon: Horizon = field(default_factory=Horizon)
    suppressed: tuple[Suppressed, ...] = ()

    @property
    def concepts(self) -> tuple[str, ...]:
        """The concept ids, in rule-set order."""
        return tuple(t.concept for t in self.tags)


@quick_init
@dataclass(frozen=True, slots=True)
class TaggedStatement:
    """A statement with its tags."""

    statement: Statement
    result: TagResult

    @property
    def tags(self) -> tuple[Tag, ...]:
        """The statement's tags."""
        return self.result.tags

    @property
    def concepts(self) -> tuple[str, ...]:
        """The concept ids the statement serves."""
        return self.result.concepts


@dataclass(frozen=True, slots=True)
class TaggedPlan:
    """A plan with every statement tagged."""

    plan: Plan
    statements: tuple[TaggedStatement, ...]


# Rule records: what a rule folder holds (loaded by aligner.tagging.rules.load_rules).

DEFAULT_WINDOW = 3


@dataclass(frozen=True, slots=True)
class Context:
    """A context of a rule (unless_* / only_*): words, or word sequences, looked for near a match."""

    name: str  # the field, e.g. "unless_followed_by"
    # Each entry is a sequence of word positions (a single word: one position), and each position
    # its alternative terms ("a|b").
    words: tuple[tuple[tuple[Term, ...], ...], ...]
    window: int

    @property
    def terms(self) -> tuple[Term, ...]:
        """Every term of the context."""
        return tuple(t for seq in self.words for position in seq for t in position)


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule: terms or phrases that tag a concept, and the contexts that cancel a match."""

    id: str
    concept: str
    description: str
    single: tuple[Term, ...] = ()  # any of these on one word
    phrases: tuple[tuple[tuple[tuple[Term, ...], bool], ...], ...] = ()  # ((terms, optional), ...)
    contexts: tuple[Context, ...] = ()
    window: int = DEFAULT_WINDOW


@dataclass(frozen=True, slots=True)
class Example:
    """A sentence from a rule file that must (or must not) tag its concept."""

    concept: str
    text: str
    should_match: bool
    rules: tuple[str, ...] = ()  # for a match example: rules that must fire (optional)
    index: int = 0


@dataclass(frozen=True, slots=True)
class Timeframe:
    """Configuration of the time-frame component: the time-horizon concept's years and cue words."""

    concept: str  # the concept a year within first_year..last_year tags
    first_year: int
    last_year: int
    deadline_cues: tuple[tuple[str, ...], ...] = ()
    reference_cues: tuple[tuple[str, ...], ...] = ()
    name_cues: tuple[tuple[str, ...], ...] = ()
    fillers: frozenset[str] = frozenset()
    deadline_headers: tuple[str, ...] = ()
    reference_headers: tuple[str, ...] = ()
    value_units: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Concept:
    """A concept of CONCEPTS.md with its rules and examples."""

    id: str
    title: str
    description: str
    path: str
    rules: tuple[Rule, ...]
    examples: tuple[Example, ...]
    # Words that point towards the concept without earning a tag ("miljö" for a climate concept):
    # used only to suggest which goals come closest to a concept no goal serves.
    related: tuple[Term, ...] = ()
    short: str = ""  # a label for narrow columns (the terminal's matrix); the title when not given
    names: tuple[str, ...] = ()  # what plans write when they claim a link ("Koppling till målbild: …")
    baseline: str = ""  # what a planner would search for (aligner eval --baseline); the title when not given


@dataclass(frozen=True, slots=True)
class Framework:
    """A målbild or a set of inriktningar: a title and its concepts."""

    id: str
    title: str
    concepts: tuple[str, ...]
    short: str = ""  # a label for narrow places; the title when not given


@dataclass(frozen=True, slots=True)
class RuleSet:
    """Everything in a rule folder: frameworks, concepts (in report order) and time-frame settings."""

    frameworks: tuple[Framework, ...]
    concepts: tuple[Concept, ...]
    timeframe: Timeframe | None = None  # None when no concept file has a `timeframe:` block
    source: str = ""
    # Claim name key (see aligner.readers.claims.name_key) -> concept id.
    claim_names: tuple[tuple[str, str], ...] = ()

    def concept(self, concept_id: str) -> Concept:
        """The concept with this id."""
        for c in self.concepts:
            if c.id == concept_id:
                return c
        raise KeyError(concept_id)

    @property
    def rules(self) -> tuple[Rule, ...]:
        """Every rule of every concept."""
        return tuple(r for c in self.concepts for r in c.rules)

    def title(self, concept_id: str) -> str:
        """The concept's Swedish title."""
        return self.concept(concept_id).title

    @property
    def ids(self) -> tuple[str, ...]:
        """The concept ids, in report order."""
        return tuple(c.id for c in self.concepts)

    @property
    def time_concept(self) -> str | None:
        """The id of the time-horizon concept (the one with a `timeframe:` block), if any."""
        return self.timeframe.concept if self.timeframe else None

    def horizon_sv(self, status: str) -> str:
        """A horizon status in Swedish with the time-horizon's last year: 'inom 2027', 'bortom 2027', 'ingen'."""
        if status == "none" or self.timeframe is None:
            return "ingen"
        return f"{'inom' if status == 'within' else 'bortom'} {self.timeframe.last_year}"

    def horizon_text(self, horizon) -> str:
        """A statement's horizon in Swedish: 'inom 2027 (2026)', 'bortom 2027 (2030)' or 'ingen'."""
        return self.horizon_sv(horizon.status) + (f" ({horizon.year})" if horizon.year else "")

    @property
    def horizon_label(self) -> str:
        """How reports name the goals with a time frame: 'tidshorisont inom 2027'."""
        return f"tidshorisont inom {self.timeframe.last_year}" if self.timeframe else "tidshorisont"

    def short(self, concept_id: str) -> str:
        """The concept's short label for narrow columns."""
        return self.concept(concept_id).short

    def concept_for_name(self, name: str) -> str | None:
        """The concept id a claimed name stands for ("Klimatneutralitet 2030", "2027"), or None."""
        from aligner.readers.claims import name_key

        return dict(self.claim_names).get(name_key(name))
