"""The gap analysis of one checked plan, computed once and shown by every face (check, serve, audit, annotate).

    analysis = analyse_gaps(tagged, coverage)
    for section in analysis.sections():   # in the order every face shows them, with Swedish headings
        ...

Five kinds of gap: concepts no goal serves, goals that serve no concept, links the plan claims that
its text does not support, indicators without a target value (målvärde) and goals without an
indicator of their own. Activities and indicators without a concept are listed too but are not a
gap of the plan (an activity may well serve its goal without naming a concept).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from aligner.model import Coverage, GapAnalysis, IndicatorChecks, TaggedPlan
from aligner.text import fold


def analyse_gaps(tagged: TaggedPlan, coverage: Coverage) -> GapAnalysis:
    """The gap analysis of a tagged, covered plan."""
    return GapAnalysis(
        concepts=coverage.gaps,
        goals_without_concept=coverage.untagged_goals,
        unsupported_claims=tuple((c.statement, c.concept) for c in coverage.claims if c.status == "unsupported"),
        indicators=indicator_checks(tagged),
        statements_without_concept=coverage.untagged_statements,
    )


# --- Indicator checks -----------------------------------------------------------------------------

# Headers of target-value columns, folded: "Målvärde 2027", "Malvarde", "Mål 2026", "Målnivå".
_TARGET_HEADER = re.compile(r"^(?:malvarde|malvarden|malniva|malnivaer|target)\b|^mal\s*(?:ar\s*)?\d{4}\b")
_NOT_YEAR = r"(?!(?:19|20)\d\d\b)"
# A target value written into the indicator itself: "målvärde: 80 %", "minst 90 %", "öka till 75".
_TARGET_TEXT = re.compile(
    r"\b(?:malvarde|malniva|mal)\s*(?:\d{4}\s*)?[:=]\s*\S"
    rf"|\b(?:minst|hogst|max|maximalt|minimum|lagst|over|under|mer an|mindre an|fler an|farre an)\s+{_NOT_YEAR}\d"
    rf"|\b(?:oka|okar|minska|minskar|hoja|hojs|sanka|sanks|na|uppga|uppgar)\s+till\s+{_NOT_YEAR}\d"
)


def has_target(cells: Iterable[tuple[str, str]], text: str) -> bool:
    """True when a statement has a target value (målvärde): in a target column, or in its own words."""
    for header, value in cells:
        if value.strip() and _TARGET_HEADER.search(fold(header).strip()):
            return True
    return bool(_TARGET_TEXT.search(fold(text)))


def indicator_checks(tagged: TaggedPlan) -> IndicatorChecks:
    """Indicators with no target value, and goals with no indicator of their own."""
    statements = [ts.statement for ts in tagged.statements]
    indicators = [s for s in statements if s.kind == "indicator"]
    with_indicator = {s.parent for s in indicators if s.parent}
    return IndicatorChecks(
        indicators_without_target=tuple(s.id for s in indicators if not has_target(s.cells, s.text)),
        goals_without_indicator=tuple(s.id for s in statements if s.kind == "goal" and s.id not in with_indicator),
    )


def gap_views(result, concepts: tuple[str, ...] | None = None) -> list[tuple[str, list[str]]]:
    """The gaps of a checked plan in Swedish, as every face lists them: (heading, items), where a
    statement is given by its text and its place ("… – Vad vill vi uppnå › Mål 2").

    `concepts` replaces the concept gaps (the audit and serve leave out accepted ones)."""
    from aligner.places import plan_places

    titles = {c.id: c.title for c in result.ruleset.concepts}
    plan = result.tagged.plan
    by_id = {s.id: s for s in plan.statements}
    places = plan_places(plan)

    def statement(sid: str) -> str:
        s = by_id.get(sid)
        return f"{s.text} – {places[sid]}" if s is not None else sid

    out = []
    for section in result.gaps.sections(concepts):
        if section.kind == "concepts":
            items = [titles.get(c, c) for c in section.items]
        elif section.kind == "unsupported_claims":
            items = [f"{titles.get(c, c)}: {statement(sid)}" for sid, c in section.items]
        else:
            items = [statement(sid) for sid in section.items]
        out.append((section.heading, items))
    return out
