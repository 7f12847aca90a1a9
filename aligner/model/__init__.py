"""The data that flows through aligner: plain frozen dataclasses, no behaviour beyond formatting.

read_plan -> Plan(statements) -> tag -> TaggedStatement(tags, horizon) -> compute_coverage -> Coverage

    plan.py   Plan, Statement, SourceRef, Skipped, Reading (the reading ledger), kinds and outcomes
    tags.py   Evidence, Tag, Suppressed, Horizon, TagResult, TaggedStatement, TaggedPlan
    rules.py  RuleSet, Framework, Concept, Rule, Context, Example, Timeframe

and the results the analysis and the runs make of them:

    coverage.py     Coverage, ConceptCoverage, FrameworkCoverage, ClaimCheck
    gaps.py         GapAnalysis, GapSection, IndicatorChecks, GAP_HEADINGS
    suggestions.py  Suggestion, GoalHint, Hint
    check.py        CheckResult (one checked plan)
    audit.py        AuditResult, PlanAudit, FileProblem; AcceptedGap, StaleEntry, PlanGaps, Application
    diff.py         DiffResult, OrgDiff, GoalChange, PlanView, Goal (a goal as the diff compares it)
    evaluation.py   Item, Prediction, Scores, EvalReport, Evaluation, ExampleFailure

The rule records stand here too, so the parts that only read them (coverage, suggestions, reports)
need not import the tagger's package. Every other part imports records from `aligner.model`; every
name is here.
"""

from aligner.model.audit import (
    AcceptedGap,
    Application,
    AuditResult,
    FileProblem,
    OrgSource,
    PlanAudit,
    PlanGaps,
    ProblemKind,
    StaleEntry,
)
from aligner.model.check import CheckResult
from aligner.model.coverage import ClaimCheck, ConceptCoverage, Coverage, FrameworkCoverage
from aligner.model.diff import DiffResult, Goal, GoalChange, OrgDiff, PlanView
from aligner.model.evaluation import (
    MEASURE_PART,
    RULES_PART,
    EvalReport,
    Evaluation,
    ExampleFailure,
    Item,
    Prediction,
    Scores,
)
from aligner.model.gaps import GAP_HEADINGS, GapAnalysis, GapSection, IndicatorChecks
from aligner.model.plan import (
    KIND_SV,
    KINDS,
    OUTCOME_SV,
    OUTCOMES,
    Kind,
    Outcome,
    Plan,
    Reading,
    Skipped,
    SourceRef,
    Statement,
)
from aligner.model.rules import (
    DEFAULT_WINDOW,
    Concept,
    Context,
    Example,
    Framework,
    Rule,
    RuleSet,
    Timeframe,
)
from aligner.model.suggestions import GoalHint, Hint, HintKind, Suggestion
from aligner.model.tags import (
    Evidence,
    Horizon,
    HorizonStatus,
    Suppressed,
    Tag,
    TaggedPlan,
    TaggedStatement,
    TagResult,
)

__all__ = [
    "AcceptedGap",
    "Application",
    "AuditResult",
    "CheckResult",
    "ClaimCheck",
    "Concept",
    "ConceptCoverage",
    "Context",
    "Coverage",
    "DEFAULT_WINDOW",
    "DiffResult",
    "EvalReport",
    "Evaluation",
    "Evidence",
    "Example",
    "ExampleFailure",
    "FileProblem",
    "Framework",
    "FrameworkCoverage",
    "GAP_HEADINGS",
    "GapAnalysis",
    "GapSection",
    "Goal",
    "GoalChange",
    "GoalHint",
    "Hint",
    "HintKind",
    "Horizon",
    "HorizonStatus",
    "IndicatorChecks",
    "Item",
    "Kind",
    "KIND_SV",
    "KINDS",
    "MEASURE_PART",
    "OrgDiff",
    "OrgSource",
    "Outcome",
    "OUTCOME_SV",
    "OUTCOMES",
    "Plan",
    "PlanAudit",
    "PlanGaps",
    "PlanView",
    "Prediction",
    "ProblemKind",
    "Reading",
    "Rule",
    "RULES_PART",
    "RuleSet",
    "Scores",
    "Skipped",
    "SourceRef",
    "StaleEntry",
    "Statement",
    "Suggestion",
    "Suppressed",
    "Tag",
    "TaggedPlan",
    "TaggedStatement",
    "TagResult",
    "Timeframe",
]
