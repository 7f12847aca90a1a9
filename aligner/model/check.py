"""One checked plan as a record: its tagged statements, coverage, gap analysis and suggestions
(made by aligner.run.check.check_plan; laid out by every face)."""

from __future__ import annotations

from dataclasses import dataclass

from aligner.model.coverage import Coverage
from aligner.model.gaps import GapAnalysis
from aligner.model.rules import RuleSet
from aligner.model.suggestions import Suggestion
from aligner.model.tags import TaggedPlan


@dataclass(frozen=True, slots=True)
class CheckResult:
    """One checked plan: its tagged statements, their coverage, the rules used, the gap analysis every
    face shows, and suggestions for the gaps."""

    tagged: TaggedPlan
    coverage: Coverage
    ruleset: RuleSet
    # Hints for the concepts no goal serves; never counted as coverage (see aligner.wording).
    suggestions: tuple[Suggestion, ...] = ()
    gaps: GapAnalysis | None = None  # filled in by check_read_plan; computed from tagged + coverage when None

    def __post_init__(self) -> None:
        if self.gaps is None:
            # The analysis is a pure function of the record's own fields; imported here because the
            # analysis imports the records, not the other way round.
            from aligner.analysis.gaps import analyse_gaps

            object.__setattr__(self, "gaps", analyse_gaps(self.tagged, self.coverage))

    @property
    def gap_analysis(self) -> GapAnalysis:
        """The gap analysis (set by __post_init__, so never None)."""
        assert self.gaps is not None
        return self.gaps
