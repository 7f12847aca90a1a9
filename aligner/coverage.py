"""Coverage: which concepts a plan's goals serve, and the gaps. Pure functions over tagged statements."""

from __future__ import annotations

from dataclasses import dataclass

from aligner.model import RuleSet, TaggedPlan, TaggedStatement


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


def compute_coverage(tagged: TaggedPlan, ruleset: RuleSet) -> Coverage:
    """Coverage and gaps of a tagged plan against the rule set's frameworks."""
    statements = tagged.statements
    goals = [s for s in statements if s.statement.kind == "goal"]
    goal_ids = {g.statement.id for g in goals}
    children: dict[str, list[TaggedStatement]] = {}
    for s in statements:
        if s.statement.parent in goal_ids:
            children.setdefault(s.statement.parent, []).append(s)
    concepts = tuple(_concept_coverage(c.id, c.title, ruleset, statements, goals, children, goal_ids)
                     for c in ruleset.concepts)
    covered = {c.concept for c in concepts if c.covered}
    frameworks = tuple(
        FrameworkCoverage(fw.id, fw.title, fw.concepts, tuple(c for c in fw.concepts if c in covered))
        for fw in ruleset.frameworks
    )
    untagged_goals = tuple(
        g.statement.id for g in goals
        if not g.concepts and not any(ch.concepts for ch in children.get(g.statement.id, []))
    )
    untagged = tuple(s.statement.id for s in statements if s.statement.kind != "goal" and not s.concepts)
    with_horizon = sum(
        1 for g in goals
        if g.result.horizon.status == "within"
        or any(ch.result.horizon.status == "within" for ch in children.get(g.statement.id, []))
    )
    return Coverage(
        concepts=concepts,
        frameworks=frameworks,
        gaps=tuple(c.concept for c in concepts if not c.covered),
        untagged_goals=untagged_goals,
        untagged_statements=untagged,
        claims=check_claims(statements),
        goals_total=len(goals),
        goals_with_horizon=with_horizon,
    )


def _concept_coverage(cid, title, ruleset, statements, goals, children, goal_ids) -> ConceptCoverage:
    direct = tuple(g.statement.id for g in goals if cid in g.concepts)
    via = tuple(
        (g.statement.id, ch.statement.id)
        for g in goals if cid not in g.concepts
        for ch in children.get(g.statement.id, []) if cid in ch.concepts
    )
    tagged_ids = tuple(s.statement.id for s in statements if cid in s.concepts)
    orphans = tuple(
        s.statement.id for s in statements
        if cid in s.concepts and s.statement.kind != "goal" and s.statement.parent not in goal_ids
    )
    fws = tuple(fw.id for fw in ruleset.frameworks if cid in fw.concepts)
    return ConceptCoverage(cid, title, fws, direct, via, tagged_ids, orphans)


def check_claims(statements: tuple[TaggedStatement, ...]) -> tuple[ClaimCheck, ...]:
    """Claimed links against tags, for the statements of a plan that claims links at all."""
    if not any(s.statement.claimed for s in statements):
        return ()
    out = []
    for s in statements:
        claimed, tagged = set(s.statement.claimed), set(s.concepts)
        if not claimed and s.statement.kind != "goal":
            continue  # claims usually stand on goals; an activity without one claims nothing
        for concept in sorted(claimed | tagged):
            status = ("supported" if concept in claimed and concept in tagged
                      else "unsupported" if concept in claimed else "unclaimed")
            out.append(ClaimCheck(s.statement.id, concept, status))
    return tuple(out)
