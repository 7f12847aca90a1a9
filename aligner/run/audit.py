"""The city-wide audit: many plans in one run, read in parallel processes and tagged with one Tagger.

    result = run_audit(["plans/"], Tagger(), orgs=load_orgs("orgs.csv"), accepted=load_accepted(...))
    matrix = matrix_frame(result)        # aligner.analysis.tables: plans x concepts

The run never stops for one bad file: a file that cannot be read is recorded with its message and
the run goes on. Finding the files is aligner.run.files, naming the organisations aligner.run.orgs;
the records are in aligner.model and the tables the reports lay out in aligner.analysis.tables.
`audit_one` gives one plan already checked as the audit sees it (for `serve` and `check --format
html/xlsx`), by the same steps.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from aligner.analysis.accepted import apply_accepted
from aligner.errors import REPORT_BUG, InputError, unexpected
from aligner.limits import Limits
from aligner.limits import current as current_limits
from aligner.model import AcceptedGap, AuditResult, CheckResult, FileProblem, Plan, PlanAudit, PlanGaps
from aligner.readers.properties import org_from_properties
from aligner.run.check import check_read_plan
from aligner.run.files import collect_files
from aligner.run.orgs import labels, resolve_org
from aligner.text import swedish_sort_key

if TYPE_CHECKING:
    from aligner.model import RuleSet
    from aligner.tagging.tagger import Tagger

# Below this many files a worker pool costs more than it saves: starting the workers and importing
# python-docx/openpyxl in each takes 0.3-0.5 s, reading a sample plan 30-60 ms.
MIN_FILES_FOR_POOL = 8
NO_STATEMENTS = "inga mål, aktiviteter eller indikatorer hittades"

Progress = Callable[[int, int, str], None]  # (steps done, steps in all, what was just done)


# --- Reading (in worker processes) --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Read:
    path: str
    plan: Plan | None
    error: str | None
    property_org: str | None = None


def _read_one(path: str, max_unpacked_bytes: int | None = None, limits: Limits | None = None) -> _Read:
    """Read one plan; never raises (this runs in a worker process, one bad file must not stop the run)."""
    from aligner.readers import DEFAULT_MAX_UNPACKED_BYTES, read_plan

    try:
        plan = read_plan(path, max_unpacked_bytes=max_unpacked_bytes or DEFAULT_MAX_UNPACKED_BYTES, limits=limits)
    except InputError as err:
        return _Read(path, None, str(err))
    except Exception as exc:  # a reader bug on one file must not stop a batch of 100
        return _Read(path, None, f"{Path(path).name}: oväntat fel i läsaren ({type(exc).__name__}: {exc}); "
                                 "rapportera gärna filen till förvaltarna av aligner")
    org = None if plan.org else org_from_properties(path)
    return _Read(path, plan, None, org)


def default_jobs() -> int:
    """Worker processes by default: the CPUs this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _read_all(files: Sequence[Path], jobs: int, tick: Callable[[str], None],
              max_unpacked_bytes: int | None = None) -> list[_Read]:
    """Read every file, in worker processes when that pays; results in the order of `files`."""
    paths = [str(f) for f in files]
    if jobs <= 1 or len(paths) < MIN_FILES_FOR_POOL:
        out = []
        for p in paths:
            out.append(_read_one(p, max_unpacked_bytes, current_limits()))
            tick(f"läst {Path(p).name}")
        return out
    done: dict[str, _Read] = {}
    with ProcessPoolExecutor(max_workers=min(jobs, len(paths))) as pool:
        # the limits in force here go along: a worker process started anew would have the defaults
        futures = {pool.submit(_read_one, p, max_unpacked_bytes, current_limits()): p for p in paths}
        for future in as_completed(futures):
            p = futures[future]
            try:
                done[p] = future.result()
            except BrokenProcessPool:
                done[p] = _Read(p, None, f"{Path(p).name}: läsningen avbröts (processen som läste filen kraschade)")
            tick(f"läst {Path(p).name}")
    return [done[p] for p in paths]


# --- The run --------------------------------------------------------------------------------------


def run_audit(paths: Iterable[str | Path], tagger: Tagger, *, orgs: Mapping[str, str] | None = None,
              accepted: Sequence[AcceptedGap] | None = None, jobs: int | None = None,
              progress: Progress | None = None, exclude: Iterable[str | Path] = (),
              max_unpacked_bytes: int | None = None) -> AuditResult:
    """Read, tag and cover every plan under `paths`; one bad file is recorded, never fatal.

    `orgs` maps file names (lower case) to organisations (see `load_orgs`); `accepted` are the
    accepted gaps (see `aligner.analysis.accepted.load_accepted`); `jobs` worker processes read the files
    (default: the CPU count); `progress(done, total, label)` is called as each file is read (`done`
    counts plans) and tagged;
    `max_unpacked_bytes` raises the readers' limit on what a zipped file may unpack to.
    """
    files, problems = collect_files(paths, exclude)
    total = len(files)  # one step per plan, as the user counts: done when read (tagging takes milliseconds)
    state = {"done": 0}

    def tick(label: str, advance: bool = True) -> None:
        state["done"] += advance
        if progress:
            progress(state["done"], total, label)

    reads = _read_all(files, jobs or default_jobs(), tick, max_unpacked_bytes)
    checked: list[tuple[str, CheckResult, str | None]] = []
    for read in reads:
        if read.plan is None:
            problems.append(FileProblem(read.path, read.error or "kunde inte läsas", "unreadable"))
        elif not read.plan.statements:
            message = InputError(read.path, NO_STATEMENTS, hint="kontrollera rubrikerna eller kolumnrubrikerna")
            problems.append(FileProblem(read.path, str(message), "unreadable"))
        else:
            try:
                checked.append((read.path, check_read_plan(read.plan, tagger), read.property_org))
            except Exception as exc:  # one plan that breaks tagging is reported; the others go on
                error = InputError(read.path, f"planen kunde inte taggas: {unexpected(exc)}", hint=REPORT_BUG)
                problems.append(FileProblem(read.path, str(error), "unreadable"))
        tick(f"taggat {Path(read.path).name}", advance=False)
    return audit_checked(checked, tagger.ruleset, orgs=orgs, accepted=accepted or (), problems=problems)


def audit_checked(checked: Sequence[tuple[str, CheckResult, str | None]], ruleset: RuleSet, *,
                  orgs: Mapping[str, str] | None = None, accepted: Sequence[AcceptedGap] = (),
                  problems: Sequence[FileProblem] = ()) -> AuditResult:
    """The audit of plans already checked, given as (path, check result, organisation named in the
    file's properties or None): organisations named, row labels, accepted gaps applied, plans in
    Swedish order, and the orgs file's rows that name no file."""
    named = [resolve_org(path, check.tagged.plan, property_org, orgs) for path, check, property_org in checked]
    rows = labels([n for n, _ in named], [path for path, _, _ in checked])
    plan_gaps = [PlanGaps(label, org, Path(path).name, frozenset(check.coverage.gaps))
                 for label, (org, _), (path, check, _) in zip(rows, named, checked, strict=True)]
    applied = apply_accepted(accepted, plan_gaps)
    plans = []
    for label, (org, source), (path, check, _) in zip(rows, named, checked, strict=True):
        mine = tuple(applied.accepted[(label, c)] for c in check.coverage.gaps if (label, c) in applied.accepted)
        plans.append(PlanAudit(path, org, source, label, check, mine))
    plans.sort(key=lambda p: swedish_sort_key(p.label))  # Swedish order: Å, Ä, Ö after Z
    warnings = _unused_org_rows(orgs, [path for path, _, _ in checked] + [p.path for p in problems])
    return AuditResult(tuple(plans), tuple(problems), ruleset, tuple(accepted), applied.stale, warnings)


def audit_one(path: str | Path, result: CheckResult, *, name: str | None = None,
              accepted: Sequence[AcceptedGap] = ()) -> PlanAudit:
    """One checked plan as the audit sees it: its organisation (found as `audit` finds it) and its
    accepted gaps. `name` is the plan's own file name where `path` is a temporary copy (`serve`)."""
    plan = result.tagged.plan
    property_org = None if plan.org else org_from_properties(path)
    return audit_checked([(name or str(path), result, property_org)], result.ruleset, accepted=accepted).plans[0]


def _unused_org_rows(orgs: Mapping[str, str] | None, paths: Sequence[str]) -> tuple[str, ...]:
    if not orgs:
        return ()
    names = {Path(p).name.casefold() for p in paths} | {Path(p).stem.casefold() for p in paths}
    return tuple(f"organisationsfilen nämner '{key}', som inte finns bland filerna" for key in orgs if key not in names)
