"""Coverage: which concepts a plan's goals serve, and the gaps. Pure functions over tagged statements."""

from __future__ import annotations

from aligner.model import ClaimCheck, ConceptCoverage, Coverage, FrameworkCoverage, RuleSet, TaggedPlan, TaggedStatement


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
