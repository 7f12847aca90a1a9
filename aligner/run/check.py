"""The whole path for one plan: read -> tag -> cover -> gaps and suggestions. Each step is also callable on
its own."""

from __future__ import annotations

from pathlib import Path

from aligner.analysis.coverage import compute_coverage
from aligner.analysis.gaps import analyse_gaps
from aligner.analysis.suggest import suggest
from aligner.errors import InputError
from aligner.model import CheckResult, Plan


def check_plan(path: str | Path, tagger=None, *, max_unpacked_bytes: int | None = None) -> CheckResult:
    """Read, tag and cover one plan (build the Tagger once and pass it in for many plans).

    `max_unpacked_bytes` raises the readers' limit on what a zipped file may unpack to."""
    from aligner.readers import DEFAULT_MAX_UNPACKED_BYTES, read_plan
    from aligner.tagging.tagger import Tagger

    tagger = tagger or Tagger()
    plan = read_plan(path, max_unpacked_bytes=max_unpacked_bytes or DEFAULT_MAX_UNPACKED_BYTES)
    if not plan.statements:
        raise InputError(str(path), "inga mål, aktiviteter eller indikatorer hittades",
                         hint="kontrollera att målen står under en rubrik som 'Vad vill vi uppnå' eller 'Mål', "
                              "eller i en kolumn med rubriken Mål, Aktivitet eller Indikator")
    return check_read_plan(plan, tagger)


def check_read_plan(plan: Plan, tagger) -> CheckResult:
    """Tag, cover and suggest for a plan that is already read."""
    tagged = tagger.tag_plan(plan)
    coverage = compute_coverage(tagged, tagger.ruleset)
    return CheckResult(tagged, coverage, tagger.ruleset, suggest(tagged, coverage, tagger.ruleset),
                       analyse_gaps(tagged, coverage))
