"""What changed between two versions of plans, as records (made by aligner.analysis.diff)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Goal:
    """A goal as compared: its id and text in its plan, and the concepts it serves (directly or via children)."""

    id: str
    text: str
    concepts: frozenset[str]


@dataclass(frozen=True, slots=True)
class PlanView:
    """One plan as compared."""

    organisation: str
    source: str
    covered: frozenset[str]
    goals: dict[str, Goal]  # normalised text -> goal


@dataclass(frozen=True, slots=True)
class GoalChange:
    """A goal in both versions whose concepts changed."""

    old: Goal
    new: Goal

    @property
    def gained(self) -> tuple[str, ...]:
        """Concepts the goal serves now and did not before."""
        return tuple(sorted(self.new.concepts - self.old.concepts))

    @property
    def lost(self) -> tuple[str, ...]:
        """Concepts the goal served before and does not now."""
        return tuple(sorted(self.old.concepts - self.new.concepts))


@dataclass(frozen=True, slots=True)
class OrgDiff:
    """The changes of one organisation's plan."""

    organisation: str
    old_source: str | None
    new_source: str | None
    concepts_gained: tuple[str, ...]
    concepts_lost: tuple[str, ...]
    goals_added: tuple[Goal, ...]
    goals_removed: tuple[Goal, ...]
    goals_changed: tuple[GoalChange, ...]

    @property
    def changed(self) -> bool:
        """True when anything differs."""
        return bool(self.concepts_gained or self.concepts_lost or self.goals_added or self.goals_removed
                    or self.goals_changed or self.old_source is None or self.new_source is None)


@dataclass(frozen=True, slots=True)
class DiffResult:
    """Every organisation's changes, in the order of the new version (then those only in the old)."""

    old: str
    new: str
    orgs: tuple[OrgDiff, ...]
    titles: dict[str, str]
    concepts: tuple[str, ...]
    # Concepts only one side's rules hold (a new or retired framework): neither gained nor lost.
    only_old: tuple[str, ...] = ()
    only_new: tuple[str, ...] = ()

    @property
    def concepts_lost(self) -> bool:
        """True when some organisation serves a concept it served before no more (or a plan disappeared)."""
        return any(o.concepts_lost for o in self.orgs)
