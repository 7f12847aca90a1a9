"""Suggestions for gaps as records (made by aligner.analysis.suggest.suggest): a hint to the planner, never coverage."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

HintKind = Literal["related", "suppressed", "horizon"]


@dataclass(frozen=True, slots=True)
class Hint:
    """One reason a goal comes close to a concept it does not serve."""

    kind: HintKind
    statement: str  # id of the statement the words stand in: the goal or one of its activities/indicators
    text: str  # the words, as written
    detail: str = ""  # "suppressed": "rule id: why it did not count"; "horizon": the year
    horizon_end: int | None = None  # "horizon": the last year of the rule set's time horizon

    def to_dict(self) -> dict:
        """JSON form."""
        return {"kind": self.kind, "statement": self.statement, "text": self.text, "detail": self.detail}


@dataclass(frozen=True, slots=True)
class GoalHint:
    """A goal that comes close to a gap concept, with every hint found for it."""

    goal: str
    score: int
    hints: tuple[Hint, ...]

    def to_dict(self) -> dict:
        """JSON form."""
        return {"goal": self.goal, "score": self.score, "hints": [h.to_dict() for h in self.hints]}


@dataclass(frozen=True, slots=True)
class Suggestion:
    """For one concept no goal serves: the closest goals, orphan statements and example wordings."""

    concept: str
    title: str
    goals: tuple[GoalHint, ...]  # closest first, at most MAX_GOALS
    without_goal: tuple[str, ...]  # statements that serve the concept but belong to no goal
    examples: tuple[str, ...]  # goal wordings from the rule file that tag the concept

    def to_dict(self) -> dict:
        """JSON form."""
        return {
            "concept": self.concept,
            "title": self.title,
            "goals": [g.to_dict() for g in self.goals],
            "without_goal": list(self.without_goal),
            "examples": list(self.examples),
        }
