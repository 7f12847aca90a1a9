"""What a rule folder holds: frameworks, concepts, rules, examples and the time frame (loaded and
validated by aligner.tagging.rules.load_rules; read by coverage, suggestions and the reports)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from aligner.tagging.terms import Term


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
    # Claim name key (see aligner.text.name_key) -> concept id.
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
        from aligner.text import name_key

        return dict(self.claim_names).get(name_key(name))
