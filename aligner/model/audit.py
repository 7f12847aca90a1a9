"""An audit's result as records: the audited plans, the files not read, and the accepted gaps
(made by aligner.run.audit.run_audit; laid out by aligner.reports)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from aligner.model.check import CheckResult
    from aligner.model.gaps import IndicatorChecks
    from aligner.model.rules import RuleSet

ProblemKind = Literal["skipped", "unreadable"]
OrgSource = Literal["orgs.csv", "dokument", "dokumentegenskaper", "titel", "filnamn"]


@dataclass(frozen=True, slots=True)
class FileProblem:
    """A file the audit did not read: skipped on purpose (lock file, other format) or unreadable."""

    path: str
    reason: str
    kind: ProblemKind

    def to_dict(self) -> dict:
        """JSON form."""
        return {"path": self.path, "reason": self.reason, "kind": self.kind}


@dataclass(frozen=True, slots=True)
class PlanAudit:
    """One audited plan: its check result, the organisation it belongs to, and its accepted gaps."""

    path: str
    org: str
    org_source: OrgSource
    label: str  # unique row label: the organisation, with the file name when it has several plans
    check: CheckResult
    accepted: tuple[AcceptedGap, ...] = ()

    @property
    def indicators(self) -> IndicatorChecks:
        """The plan's indicator checks (from the check's gap analysis)."""
        return self.check.gap_analysis.indicators

    @property
    def file_name(self) -> str:
        """The plan's file name."""
        return Path(self.path).name

    @property
    def accepted_concepts(self) -> tuple[str, ...]:
        """Gap concepts the accepted-gaps file accepts for this plan."""
        return tuple(a.concept for a in self.accepted)

    @property
    def gaps(self) -> tuple[str, ...]:
        """Concept ids no goal serves and that are not accepted."""
        return tuple(c for c in self.check.coverage.gaps if c not in self.accepted_concepts)

    @property
    def has_gaps(self) -> bool:
        """True when a concept gap is not accepted, or a goal serves nothing."""
        return bool(self.gaps or self.check.coverage.untagged_goals)

    @property
    def horizon_share(self) -> float | None:
        """Share of goals with a time frame within the rule set's horizon (None for a plan without goals)."""
        cov = self.check.coverage
        return cov.goals_with_horizon / cov.goals_total if cov.goals_total else None

    @property
    def untagged_share(self) -> float:
        """Share of goals that serve no concept."""
        cov = self.check.coverage
        return len(cov.untagged_goals) / cov.goals_total if cov.goals_total else 0.0


@dataclass(frozen=True, slots=True)
class AuditResult:
    """Everything one audit found: the plans, the files not read, and the accepted-gap bookkeeping."""

    plans: tuple[PlanAudit, ...]
    problems: tuple[FileProblem, ...]
    ruleset: RuleSet
    accepted: tuple[AcceptedGap, ...] = ()
    stale: tuple[StaleEntry, ...] = ()
    warnings: tuple[str, ...] = ()

    @property
    def unreadable(self) -> tuple[FileProblem, ...]:
        """Files that could not be read (exit code 2)."""
        return tuple(p for p in self.problems if p.kind == "unreadable")

    @property
    def has_gaps(self) -> bool:
        """True when some plan has a gap that is not accepted."""
        return any(p.has_gaps for p in self.plans)

    def titles(self) -> dict[str, str]:
        """Concept id -> Swedish title."""
        return {c.id: c.title for c in self.ruleset.concepts}


# --- Accepted gaps ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AcceptedGap:
    """One entry of the accepted-gaps file: a concept an organisation deliberately does not serve."""

    organisation: str
    concept: str  # concept id
    reason: str
    decided_by: str
    date: str  # ISO date, YYYY-MM-DD
    entry: int  # 1-based position in the file, for messages
    source: str = ""

    def to_dict(self) -> dict:
        """JSON form."""
        return {"organisation": self.organisation, "concept": self.concept, "reason": self.reason,
                "decided_by": self.decided_by, "date": self.date, "entry": self.entry, "source": self.source}


@dataclass(frozen=True, slots=True)
class StaleEntry:
    """An accepted gap that no longer matches anything, and why."""

    entry: AcceptedGap
    reason: str


@dataclass(frozen=True, slots=True)
class PlanGaps:
    """What `apply_accepted` needs to know about one plan."""

    label: str  # the plan's unique row label
    organisation: str
    file_name: str
    gaps: frozenset[str]  # concept ids no goal serves


@dataclass(frozen=True, slots=True)
class Application:
    """The accepted gaps applied to an audit: which (plan label, concept) they accept, and the stale ones."""

    accepted: dict[tuple[str, str], AcceptedGap]
    stale: tuple[StaleEntry, ...]
