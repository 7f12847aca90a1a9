"""The data that flows through aligner: plain frozen dataclasses, no behaviour beyond formatting.

read_plan -> Plan(statements) -> tag -> TaggedStatement(tags, horizon) -> compute_coverage -> Coverage

    plan.py   Plan, Statement, SourceRef, Skipped, Reading (the reading ledger), kinds and outcomes
    tags.py   Evidence, Tag, Suppressed, Horizon, TagResult, TaggedStatement, TaggedPlan
    rules.py  RuleSet, Framework, Concept, Rule, Context, Example, Timeframe

The rule records stand here too, so the parts that only read them (coverage, suggestions, reports)
need not import the tagger's package. Import from `aligner.model`; every name is here.
"""

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
    "Concept",
    "Context",
    "DEFAULT_WINDOW",
    "Evidence",
    "Example",
    "Framework",
    "Horizon",
    "HorizonStatus",
    "KINDS",
    "KIND_SV",
    "Kind",
    "OUTCOMES",
    "OUTCOME_SV",
    "Outcome",
    "Plan",
    "Reading",
    "Rule",
    "RuleSet",
    "Skipped",
    "SourceRef",
    "Statement",
    "Suppressed",
    "Tag",
    "TagResult",
    "TaggedPlan",
    "TaggedStatement",
    "Timeframe",
]
