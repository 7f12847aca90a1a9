"""What a plan covers: per concept and framework, the claimed links, and the gaps (made by
aligner.analysis.coverage.compute_coverage)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ConceptCoverage:
    """One concept in one plan: the goals that serve it, directly or through their activities."""

    concept: str
    title: str
    frameworks: tuple[str, ...]
    goals: tuple[str, ...]  # goal ids whose own text serves the concept
    via: tuple[tuple[str, str], ...]  # (goal id, child statement id): served through an activity/indicator
    statements: tuple[str, ...]  # every statement id tagged with the concept
    without_goal: tuple[str, ...]  # statements that serve it but belong to no goal

    @property
    def covered(self) -> bool:
        """True when at least one goal serves the concept, directly or through its children."""
        return bool(self.goals or self.via)

    @property
    def goal_count(self) -> int:
        """Number of distinct goals that serve the concept."""
        return len(set(self.goals) | {g for g, _ in self.via})


@dataclass(frozen=True, slots=True)
class FrameworkCoverage:
    """How many of a framework's concepts the plan covers."""

    id: str
    title: str
    concepts: tuple[str, ...]
    covered: tuple[str, ...]

    @property
    def missing(self) -> tuple[str, ...]:
        """The framework's concepts that no goal serves."""
        return tuple(c for c in self.concepts if c not in self.covered)


@dataclass(frozen=True, slots=True)
class ClaimCheck:
    """A link the plan claims ("Koppling till målbild") set against what the text supports."""

    statement: str
    concept: str
    status: str  # "supported" | "unsupported" | "unclaimed"


@dataclass(frozen=True, slots=True)
class Coverage:
    """Per concept and framework coverage, and the gaps."""

    concepts: tuple[ConceptCoverage, ...]
    frameworks: tuple[FrameworkCoverage, ...]
    gaps: tuple[str, ...]  # concept ids no goal serves
    untagged_goals: tuple[str, ...]  # goals that serve no concept, not even through their children
    untagged_statements: tuple[str, ...]  # activities and indicators with no tag
    claims: tuple[ClaimCheck, ...] = ()
    goals_total: int = 0
    goals_with_horizon: int = 0  # goals with a time frame within the horizon (own, or from an activity)

    @property
    def has_gaps(self) -> bool:
        """True when a concept is not served or a goal serves nothing (exit code 1)."""
        return bool(self.gaps or self.untagged_goals)

    def concept(self, concept_id: str) -> ConceptCoverage:
        """The coverage of one concept."""
        return next(c for c in self.concepts if c.concept == concept_id)
