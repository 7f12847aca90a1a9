"""City-wide audit: many plans in one run, read in parallel processes and tagged with one Tagger.

    result = run_audit(["plans/"], Tagger(), orgs=load_orgs("orgs.csv"), accepted=load_accepted(...))
    matrix = matrix_frame(result)        # pandas: plans x concepts, goals serving each concept

The run never stops for one bad file: a file that cannot be read is recorded with its message and
the run goes on. The result records are in aligner.model and the pandas tables the reports lay out
in aligner.analysis.tables (re-exported here); pandas is imported only by those table functions,
so the reading worker processes and `aligner check` never load it.
"""

from __future__ import annotations

import csv
import os
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, cast

from aligner.analysis.accepted import apply_accepted
from aligner.analysis.fail_on import DEFAULT_FAIL_ON, FailCondition, FailOnError, failures, parse_fail_on
from aligner.analysis.gaps import has_target, indicator_checks
from aligner.analysis.tables import (
    cell_status,
    cells_frame,
    concept_frame,
    gaps_frame,
    grouped_matrix,
    horizon_column,
    matrix_frame,
    problems_frame,
    statements_frame,
    summary_frame,
)
from aligner.api import check_read_plan
from aligner.errors import REPORT_BUG, InputError, read_user_text, unexpected
from aligner.limits import Limits
from aligner.limits import current as current_limits
from aligner.model import (
    AcceptedGap,
    AuditResult,
    CheckResult,
    FileProblem,
    OrgSource,
    Plan,
    PlanAudit,
    PlanGaps,
)
from aligner.readers.properties import org_from_properties
from aligner.text import fold, swedish_sort_key
from aligner.wording import STATUS_SV, percent_sv
from aligner.wording import tag_evidence_text as evidence_text

if TYPE_CHECKING:

    from aligner.model import RuleSet
    from aligner.tagging.tagger import Tagger

# Below this many files a worker pool costs more than it saves: starting the workers and importing
# python-docx/openpyxl in each takes 0.3-0.5 s, reading a sample plan 30-60 ms.
MIN_FILES_FOR_POOL = 8
LOCK_PREFIX = "~$"
# Used when the readers package does not say which suffixes it reads.
_FALLBACK_SUFFIXES = (".docx", ".xlsx", ".xlsm", ".odt", ".ods", ".csv")
NO_STATEMENTS = "inga mål, aktiviteter eller indikatorer hittades"

Progress = Callable[[int, int, str], None]  # (steps done, steps in all, what was just done)


# --- Finding the files --------------------------------------------------------------------------


def supported_suffixes() -> frozenset[str]:
    """The file suffixes the plan readers read (asked of the readers package where it says)."""
    try:
        from aligner.readers.sniff import SUFFIXES
    except ImportError:
        return frozenset(_FALLBACK_SUFFIXES)
    return frozenset(SUFFIXES)


def collect_files(paths: Iterable[str | Path],
                  exclude: Iterable[str | Path] = ()) -> tuple[list[Path], list[FileProblem]]:
    """Plan files under `paths` (folders searched recursively, sorted), and the files skipped with a reason.

    Hidden folders are not entered; `exclude` names files that are no plans (the orgs and
    accepted-gaps files, which may stand in the same folder).
    """
    suffixes = supported_suffixes()
    skip = {Path(p).resolve() for p in exclude}
    files: list[Path] = []
    problems: list[FileProblem] = []
    seen: set[Path] = set()
    for given in paths:
        path = Path(given)
        if path.is_dir():
            candidates = sorted(_walk(path), key=lambda p: str(p))
        elif path.exists():
            candidates = [path]
        else:
            problems.append(FileProblem(str(path), "filen eller mappen finns inte", "unreadable"))
            continue
        for file in candidates:
            real = file.resolve()
            if real in seen or real in skip:
                continue
            seen.add(real)
            reason = _skip_reason(file, suffixes)
            if reason:
                problems.append(FileProblem(str(file), reason, "skipped"))
            else:
                files.append(file)
    return files, problems


def _walk(folder: Path) -> Iterable[Path]:
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in names:
            yield Path(root) / name


def _own_output(file: Path) -> str | None:
    """Why a file is aligner's own output (an annotated copy, a report), or None: not audited as a plan."""
    from aligner.reports.audit import REPORT_FILES

    stem = Path(file.stem)
    if stem.suffix.lower() == ".aligner":
        return "aligners egen kommenterade kopia av en plan (NAMN.aligner…), ingen plan"
    if file.name.lower() in REPORT_FILES.values() or stem.suffix.lower() == ".granskning":
        return "aligners egen rapport (granskning…), ingen plan"
    return None


def _skip_reason(file: Path, suffixes: frozenset[str]) -> str | None:
    if file.name.startswith(LOCK_PREFIX):
        return "låsfil från Word eller Excel (dokumentet är öppet någonstans), ingen plan"
    if file.name.startswith("."):
        return "dold fil"
    own = _own_output(file)
    if own:
        return own
    if file.suffix.lower() not in suffixes:
        shown = file.suffix.lower() or "utan filändelse"
        return f"filformatet stöds inte ({shown}); läser " + ", ".join(sorted(suffixes))
    return None


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


# --- Organisation names ---------------------------------------------------------------------------

_TITLE_PREFIX = re.compile(
    r"^\s*(?:verksamhetsplan(?:er)?|verksamhetsplanering|plan)\s*(?:\d{4}(?:\s*[-–/]\s*\d{2,4})?)?\s*"
    r"(?:för\s+|[-–—:]\s*)?", re.IGNORECASE)
_YEAR_TAIL = re.compile(r"[\s,–—-]*\d{4}(?:\s*[-–/]\s*\d{2,4})?\s*$")


def org_from_title(title: str | None) -> str | None:
    """What a title names after "Verksamhetsplan 2025 –" ("Kulturförvaltningen"), or None."""
    if not title:
        return None
    rest = _YEAR_TAIL.sub("", _TITLE_PREFIX.sub("", title)).strip(" -–—:,")
    if not re.search(r"[^\W\d_]", rest) or len(rest.split()) > 8 or rest == title.strip():
        return None
    return rest


def org_from_file_name(path: str | Path) -> str:
    """A readable name from a file name: "helsingborgshem-ab-2025.docx" -> "Helsingborgshem AB"."""
    stem = _YEAR_TAIL.sub("", Path(path).stem)
    words = [w for w in re.split(r"[\s_\-]+", stem) if w and not re.fullmatch(r"\d{4}", w)]
    words = ["AB" if w.lower() == "ab" else w for w in words] or [Path(path).stem]
    name = " ".join(words)
    return name[:1].upper() + name[1:]


def resolve_org(path: str, plan: Plan, property_org: str | None,
                orgs: Mapping[str, str] | None) -> tuple[str, OrgSource]:
    """The plan's organisation and where the name came from (orgs.csv first, the file name last)."""
    if orgs:
        name = Path(path).name
        for key in (name.casefold(), Path(path).stem.casefold()):
            if key in orgs:
                return orgs[key], "orgs.csv"
    if plan.org:
        return plan.org, "dokument"
    if property_org:
        return property_org, "dokumentegenskaper"
    from_title = org_from_title(plan.title)
    if from_title:
        return from_title, "titel"
    return org_from_file_name(path), "filnamn"


def load_orgs(path: str | Path) -> dict[str, str]:
    """Read a mapping file `fil;organisation` (or `file,organisation`; UTF-8, BOM or not) -> {file name: org}.

    Keys are the file names in lower case; a name without suffix matches any suffix.
    """
    shown = str(path)
    text = read_user_text(path, "filen med organisationsnamn finns inte")
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        return {}
    delimiter = ";" if lines[0].count(";") >= lines[0].count(",") and ";" in lines[0] else ","
    out: dict[str, str] = {}
    for n, row in enumerate(csv.reader(lines, delimiter=delimiter), 1):
        cells = [c.strip() for c in row]
        if n == 1 and cells and fold(cells[0]) in ("fil", "file", "filnamn", "filename", "sokvag", "path"):
            continue
        if len(cells) < 2 or not cells[0] or not cells[1]:
            raise InputError(shown, "raden ska ha två kolumner: fil och organisation", where=f"rad {n}")
        out[Path(cells[0]).name.casefold()] = " ".join(cells[1].split())
    return out


def _labels(orgs: Sequence[str], paths: Sequence[str]) -> list[str]:
    """Row labels: the organisation, or "org (file)" where one organisation has several plans."""
    counts: dict[str, int] = {}
    for org in orgs:
        counts[org.casefold()] = counts.get(org.casefold(), 0) + 1
    return [org if counts[org.casefold()] == 1 else f"{org} ({Path(p).name})"
            for org, p in zip(orgs, paths, strict=True)]


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
    checked: list[tuple[_Read, CheckResult]] = []
    for read in reads:
        if read.plan is None:
            problems.append(FileProblem(read.path, read.error or "kunde inte läsas", "unreadable"))
        elif not read.plan.statements:
            message = InputError(read.path, NO_STATEMENTS, hint="kontrollera rubrikerna eller kolumnrubrikerna")
            problems.append(FileProblem(read.path, str(message), "unreadable"))
        else:
            try:
                checked.append((read, check_read_plan(read.plan, tagger)))
            except Exception as exc:  # one plan that breaks tagging is reported; the others go on
                error = InputError(read.path, f"planen kunde inte taggas: {unexpected(exc)}", hint=REPORT_BUG)
                problems.append(FileProblem(read.path, str(error), "unreadable"))
        tick(f"taggat {Path(read.path).name}", advance=False)
    return _assemble(checked, problems, tagger.ruleset, orgs, accepted or ())


def _assemble(checked: Sequence[tuple[_Read, CheckResult]], problems: list[FileProblem], ruleset: RuleSet,
              orgs: Mapping[str, str] | None, accepted: Sequence[AcceptedGap]) -> AuditResult:
    named = [resolve_org(r.path, cast(Plan, r.plan), r.property_org, orgs) for r, _ in checked]  # read: a plan
    labels = _labels([n for n, _ in named], [r.path for r, _ in checked])
    plan_gaps = [PlanGaps(label, org, Path(r.path).name, frozenset(c.coverage.gaps))
                 for label, (org, _), (r, c) in zip(labels, named, checked, strict=True)]
    applied = apply_accepted(accepted, plan_gaps)
    plans = []
    for label, (org, source), (read, check) in zip(labels, named, checked, strict=True):
        mine = tuple(applied.accepted[(label, c)] for c in check.coverage.gaps if (label, c) in applied.accepted)
        plans.append(PlanAudit(read.path, org, source, label, check, mine))
    plans.sort(key=lambda p: swedish_sort_key(p.label))  # Swedish order: Å, Ä, Ö after Z
    warnings = _unused_org_rows(orgs, [r.path for r, _ in checked] + [p.path for p in problems])
    return AuditResult(tuple(plans), tuple(problems), ruleset, tuple(accepted), applied.stale, warnings)


def _unused_org_rows(orgs: Mapping[str, str] | None, paths: Sequence[str]) -> tuple[str, ...]:
    if not orgs:
        return ()
    names = {Path(p).name.casefold() for p in paths} | {Path(p).stem.casefold() for p in paths}
    return tuple(f"organisationsfilen nämner '{key}', som inte finns bland filerna" for key in orgs if key not in names)


__all__ = [
    "DEFAULT_FAIL_ON",
    "STATUS_SV", "cell_status", "evidence_text",
    "FailCondition", "FailOnError",
    "cells_frame", "collect_files", "concept_frame", "default_jobs", "failures", "gaps_frame", "grouped_matrix",
    "has_target",
    "horizon_column", "indicator_checks", "load_orgs", "matrix_frame", "parse_fail_on", "percent_sv", "problems_frame",
    "resolve_org", "run_audit", "statements_frame", "summary_frame",
]
