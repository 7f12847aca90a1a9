"""What the tagger makes of a plan: tags with their evidence, the time horizon, tagged statements."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from aligner.model.plan import Plan, Statement
from aligner.runtime import quick_init


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
    """A concept a statement serves, with all the evidence found for it.

    `evidence` shows each span once; when two rules match the same words, only one of them names
    the span. `rules` names every rule that matched, in the order of their first evidence (for
    `aligner rules test` and `eval --by-rule`); empty means the rules of the evidence."""

    concept: str
    evidence: tuple[Evidence, ...]
    rules: tuple[str, ...] = ()

    @property
    def rule_ids(self) -> tuple[str, ...]:
        """Every rule that matched for the concept."""
        return self.rules or tuple(dict.fromkeys(e.rule_id for e in self.evidence))


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
