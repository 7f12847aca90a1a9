"""The gap analysis of one checked plan as records (made by aligner.analysis.gaps.analyse_gaps), with the
kinds of gap in the order every face shows them."""

from __future__ import annotations

from dataclasses import dataclass

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
