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
from dataclasses import dataclass

from aligner.coverage import Coverage
from aligner.model import TaggedPlan
from aligner.text import fold

# The kinds of gap, in the order every face shows them, with their Swedish headings.
GAP_HEADINGS: dict[str, str] = {
    "concepts": "Koncept som inget mål tjänar",
    "goals_without_concept": "Mål som inte tjänar något av koncepten",
    "unsupported_claims": "Kopplingar som planen anger men texten inte stöder",
    "indicators_without_target": "Indikatorer utan målvärde",
    "goals_without_indicator": "Mål utan egen indikator",
}


@dataclass(frozen=True, slots=True)
class IndicatorChecks:
    """What auditors ask about indicators: those with no target value, and goals with no indicator."""

    indicators_without_target: tuple[str, ...]
    goals_without_indicator: tuple[str, ...]

    def to_dict(self) -> dict:
        """JSON form (the `indicator_checks` object of check and audit)."""
        return {"indicators_without_target": list(self.indicators_without_target),
                "goals_without_indicator": list(self.goals_without_indicator)}


@dataclass(frozen=True, slots=True)
class GapSection:
    """One kind of gap with what it found: concept ids for "concepts", statement ids otherwise
    ("unsupported_claims": (statement id, concept id) pairs)."""

    kind: str
    heading: str
    items: tuple

    def __bool__(self) -> bool:
        return bool(self.items)


@dataclass(frozen=True, slots=True)
class GapAnalysis:
    """Every gap of one plan. `concepts` and `goals_without_concept` decide the exit code; the others inform."""

    concepts: tuple[str, ...]
    goals_without_concept: tuple[str, ...]
    unsupported_claims: tuple[tuple[str, str], ...]
    indicators: IndicatorChecks
    statements_without_concept: tuple[str, ...] = ()

    @property
    def indicators_without_target(self) -> tuple[str, ...]:
        """Indicators with no målvärde, in a column or in their own words."""
        return self.indicators.indicators_without_target

    @property
    def goals_without_indicator(self) -> tuple[str, ...]:
        """Goals with no indicator of their own."""
        return self.indicators.goals_without_indicator

    def sections(self, concepts: tuple[str, ...] | None = None, *, empty: bool = False) -> tuple[GapSection, ...]:
        """The gaps in the order every face shows them; `concepts` replaces the concept gaps (the audit
        leaves out accepted ones); `empty` keeps the kinds that found nothing."""
        found = {
            "concepts": self.concepts if concepts is None else concepts,
            "goals_without_concept": self.goals_without_concept,
            "unsupported_claims": self.unsupported_claims,
            "indicators_without_target": self.indicators_without_target,
            "goals_without_indicator": self.goals_without_indicator,
        }
        return tuple(GapSection(kind, GAP_HEADINGS[kind], tuple(found[kind]))
                     for kind in GAP_HEADINGS if empty or found[kind])

    def count(self) -> int:
        """How many gap findings in all."""
        return sum(len(s.items) for s in self.sections())


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
