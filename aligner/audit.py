"""City-wide audit: many plans in one run, read in parallel processes and tagged with one Tagger.

    result = run_audit(["plans/"], Tagger(), orgs=load_orgs("orgs.csv"), accepted=load_accepted(...))
    matrix = matrix_frame(result)        # pandas: plans x concepts, goals serving each concept

The run never stops for one bad file: a file that cannot be read is recorded with its message and
the run goes on. pandas is imported only by the table functions at the end of this module, so the
reading worker processes and `aligner check` never load it.
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
from typing import TYPE_CHECKING, Literal

from aligner.accepted import AcceptedGap, PlanGaps, StaleEntry, apply_accepted
from aligner.api import CheckResult, check_read_plan
from aligner.errors import REPORT_BUG, InputError, read_user_text, unexpected
from aligner.gaps import IndicatorChecks, has_target, indicator_checks
from aligner.limits import Limits
from aligner.limits import current as current_limits
from aligner.model import KIND_SV, Plan
from aligner.places import plan_places
from aligner.readers.properties import org_from_properties
from aligner.text import fold, swedish_sort_key

if TYPE_CHECKING:
    import pandas as pd

    from aligner.tagging.rules import RuleSet
    from aligner.tagging.tagger import Tagger

# Below this many files a worker pool costs more than it saves: starting the workers and importing
# python-docx/openpyxl in each takes 0.3-0.5 s, reading a sample plan 30-60 ms.
MIN_FILES_FOR_POOL = 8
LOCK_PREFIX = "~$"
# Used when the readers package does not say which suffixes it reads.
_FALLBACK_SUFFIXES = (".docx", ".xlsx", ".xlsm", ".odt", ".ods", ".csv")
NO_STATEMENTS = "inga mål, aktiviteter eller indikatorer hittades"

Progress = Callable[[int, int, str], None]  # (steps done, steps in all, what was just done)
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
        return self.check.gaps.indicators

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
    accepted gaps (see `aligner.accepted.load_accepted`); `jobs` worker processes read the files
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
    named = [resolve_org(r.path, r.plan, r.property_org, orgs) for r, _ in checked]
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


# --- --fail-on ------------------------------------------------------------------------------------


class FailOnError(ValueError):
    """A --fail-on condition that cannot be parsed; str() is the Swedish message."""


@dataclass(frozen=True, slots=True)
class FailCondition:
    """One condition that fails a run: any gap, a gap in one concept, too many goals serving nothing, …"""

    kind: Literal["gap", "gap_concept", "untagged", "stale", "none"]
    concept: str | None = None
    threshold: float | None = None  # share of goals, 0..1

    def __str__(self) -> str:
        if self.kind == "gap_concept":
            return f"gap:{self.concept}"
        if self.kind == "untagged":
            return f"untagged>{self.threshold * 100:g}%"
        return self.kind


DEFAULT_FAIL_ON = "gap"
_UNTAGGED = re.compile(r"^untagged\s*>\s*(\d+(?:[.,]\d+)?)\s*%?$")


def parse_fail_on(text: str, concepts: Iterable[tuple[str, str]]) -> tuple[FailCondition, ...]:
    """Parse `gap,gap:KONCEPT,untagged>20%,stale,none`; `concepts` are (id, title) pairs."""
    lookup = {fold(k): cid for cid, title in concepts for k in (cid, title)}
    out: list[FailCondition] = []
    for part in (p.strip() for p in text.split(",")):
        low = fold(part)
        if low in ("gap", "stale", "none"):
            out.append(FailCondition(low))  # type: ignore[arg-type]
        elif low.startswith("gap:"):
            cid = lookup.get(low[4:].strip())
            if cid is None:
                known = ", ".join(sorted(set(lookup.values())))
                raise FailOnError(f"okänt koncept i --fail-on: '{part[4:]}' (koncept: {known})")
            out.append(FailCondition("gap_concept", concept=cid))
        elif match := _UNTAGGED.match(low):
            out.append(FailCondition("untagged", threshold=float(match.group(1).replace(",", ".")) / 100))
        else:
            raise FailOnError(f"okänt villkor i --fail-on: '{part}' "
                              "(tillåtna: gap, gap:KONCEPT, untagged>N%, stale, none)")
    if not out:
        raise FailOnError("--fail-on är tomt (skriv none för att aldrig misslyckas på luckor)")
    return tuple(out)


def failures(result: AuditResult, conditions: Sequence[FailCondition]) -> tuple[str, ...]:
    """Why the run fails under `conditions` (Swedish, one line each); empty when it passes."""
    titles = result.titles()
    out: list[str] = []
    for cond in conditions:
        if cond.kind == "gap":
            out += [f"{p.label}: luckor" for p in result.plans if p.has_gaps]
        elif cond.kind == "gap_concept":
            out += [f"{p.label}: lucka i {titles[cond.concept]}" for p in result.plans if cond.concept in p.gaps]
        elif cond.kind == "untagged":
            out += [f"{p.label}: {percent_sv(p.untagged_share)} av målen tjänar inget koncept "
                    f"(gräns {percent_sv(cond.threshold)})"
                    for p in result.plans if p.untagged_share > (cond.threshold or 0)]
        elif cond.kind == "stale":
            out += [f"inaktuell accepterad lucka (post {s.entry.entry}): {s.entry.organisation}, "
                    f"{titles.get(s.entry.concept, s.entry.concept)}" for s in result.stale]
    return tuple(dict.fromkeys(out))


# --- Tables (pandas) ------------------------------------------------------------------------------

STATUS_SV = {"covered": "täckt", "gap": "lucka", "accepted": "accepterad"}


def cell_status(plan: PlanAudit, concept: str) -> Literal["covered", "gap", "accepted"]:
    """One matrix cell's status."""
    if plan.check.coverage.concept(concept).covered:
        return "covered"
    return "accepted" if concept in plan.accepted_concepts else "gap"


def cells_frame(result: AuditResult) -> pd.DataFrame:
    """One row per plan and concept: goals serving it (directly and through activities), with their ids."""
    import pandas as pd

    rows = []
    for plan in result.plans:
        for c in plan.check.coverage.concepts:
            via_goals = sorted({g for g, _ in c.via} - set(c.goals), key=_id_key)
            rows.append({
                "label": plan.label, "organisation": plan.org, "file": plan.file_name, "path": plan.path,
                "concept": c.concept, "goals": c.goal_count, "direct": list(c.goals),
                "via": [f"{g} ({s})" for g, s in c.via], "via_goals": via_goals,
                "status": cell_status(plan, c.concept),
            })
    columns = ["label", "organisation", "file", "path", "concept", "goals", "direct", "via", "via_goals", "status"]
    return pd.DataFrame(rows, columns=columns)


def _id_key(statement_id: str) -> tuple[str, int]:
    digits = re.sub(r"\D", "", statement_id)
    return statement_id[:1], int(digits) if digits else 0


def matrix_frame(result: AuditResult, values: str = "goals") -> pd.DataFrame:
    """Plans x concepts (ids, rule-set order): goals serving each concept, or with values="status" the status."""
    cells = cells_frame(result)
    order = [p.label for p in result.plans]
    concepts = [c.id for c in result.ruleset.concepts]
    if cells.empty:
        import pandas as pd

        return pd.DataFrame(index=pd.Index(order, name="label"), columns=concepts)
    return cells.pivot(index="label", columns="concept", values=values).reindex(index=order, columns=concepts)


def grouped_matrix(result: AuditResult, values: str = "goals") -> pd.DataFrame:
    """The matrix with columns grouped by framework: (framework title, concept id); shared concepts repeat."""
    import pandas as pd

    matrix = matrix_frame(result, values)
    return pd.concat({fw.title: matrix[list(fw.concepts)] for fw in result.ruleset.frameworks}, axis=1)


def concept_frame(result: AuditResult) -> pd.DataFrame:
    """Per concept: how many organisations (and plans) serve it, which do not, and how many accepted it."""
    cells = cells_frame(result)
    titles = result.titles()
    concepts = list(titles)
    cells = cells.assign(org_key=cells["organisation"].str.casefold(), served=cells["status"] == "covered")
    grouped = cells.groupby("concept")
    frame = grouped.agg(
        plans_serving=("served", "sum"),
        accepted=("status", lambda s: int((s == "accepted").sum())),
    ).reindex(concepts, fill_value=0)
    served_orgs = cells[cells["served"]].groupby("concept")["org_key"].nunique()
    frame["organisations_serving"] = served_orgs.reindex(concepts, fill_value=0).astype(int)
    frame["organisations"] = cells["org_key"].nunique() if not cells.empty else 0
    frame["gaps"] = [sorted(cells[(cells["concept"] == c) & (cells["status"] == "gap")]["label"], key=swedish_sort_key)
                     for c in concepts]
    frame.insert(0, "title", [titles[c] for c in concepts])
    frame.index.name = "concept"
    return frame.astype({"plans_serving": int, "accepted": int})


def horizon_column(ruleset: RuleSet) -> str:
    """The summary's time-horizon column: 'Andel mål med tidshorisont inom 2027'."""
    return f"Andel mål med {ruleset.horizon_label}"


def summary_frame(result: AuditResult) -> pd.DataFrame:
    """Per plan: counts, gaps, accepted gaps, goals serving nothing, time-horizon share, indicator checks."""
    import pandas as pd

    titles = result.titles()
    horizon = horizon_column(result.ruleset)
    rows = []
    for p in result.plans:
        kinds = [ts.statement.kind for ts in p.check.tagged.statements]
        cov = p.check.coverage
        rows.append({
            "Plan": p.label, "Organisation": p.org, "Fil": p.file_name,
            "Mål": kinds.count("goal"), "Aktiviteter": kinds.count("activity"), "Indikatorer": kinds.count("indicator"),
            "Luckor": len(p.gaps), "Koncept som saknas": ", ".join(titles[c] for c in p.gaps),
            "Accepterade luckor": ", ".join(titles[c] for c in p.accepted_concepts),
            "Mål utan koncept": len(cov.untagged_goals),
            horizon: p.horizon_share,
            "Indikatorer utan målvärde": len(p.indicators.indicators_without_target),
            "Mål utan indikator": len(p.indicators.goals_without_indicator),
            "Namnet från": p.org_source,
        })
    return pd.DataFrame(rows, columns=[
        "Plan", "Organisation", "Fil", "Mål", "Aktiviteter", "Indikatorer", "Luckor", "Koncept som saknas",
        "Accepterade luckor", "Mål utan koncept", horizon,
        "Indikatorer utan målvärde", "Mål utan indikator", "Namnet från"])


def evidence_text(tag, titles: Mapping[str, str]) -> str:
    """A tag's evidence in words: 'Title: "words" (rule id)'."""
    parts = [f"\"{e.text}\"" + (f" i kolumnen '{e.source}'" if e.source != "text" else "") + f" ({e.rule_id})"
             for e in tag.evidence]
    return f"{titles.get(tag.concept, tag.concept)}: " + "; ".join(parts)


def percent_sv(share: float | None) -> str:
    """A share as Swedish writes it: '40 %' ('–' for none)."""
    return "–" if share is None else f"{round(share * 100)} %"




def statements_frame(result: AuditResult) -> pd.DataFrame:
    """Every statement of every plan with its tags, evidence, time horizon and location."""
    import pandas as pd

    titles = result.titles()
    rows = []
    for p in result.plans:
        places = plan_places(p.check.tagged.plan)
        for ts in p.check.tagged.statements:
            s = ts.statement
            rows.append({
                "Organisation": p.label, "Fil": p.file_name, "Plats": places[s.id], "Typ": KIND_SV[s.kind],
                "Id": s.id, "Förälder": s.parent or "", "Text": s.text,
                "Koncept": ", ".join(titles.get(c, c) for c in ts.concepts),
                "Belägg": " | ".join(evidence_text(t, titles) for t in ts.tags),
                "Tidshorisont": result.ruleset.horizon_text(ts.result.horizon),
            })
    return pd.DataFrame(rows, columns=["Organisation", "Fil", "Plats", "Typ", "Id", "Förälder", "Text", "Koncept",
                                       "Belägg", "Tidshorisont"])


GAP_KINDS = ("Koncept saknas", "Accepterad lucka", "Mål utan koncept", "Indikator utan målvärde",
             "Mål utan indikator", "Inaktuell accepterad lucka", "Angiven koppling stöds inte")


def gaps_frame(result: AuditResult) -> pd.DataFrame:
    """Every gap of the gap analysis (aligner.gaps), accepted gaps and stale entries, one row each, per plan."""
    import pandas as pd

    titles = result.titles()
    rows: list[dict] = []

    def add(plan_label, file, kind, concept="", sid="", text="", place="", entry: AcceptedGap | None = None,
            note=""):
        rows.append({"Organisation": plan_label, "Fil": file, "Typ": kind, "Koncept": concept, "Id": sid,
                     "Text": text, "Plats": place,
                     "Motivering": entry.reason if entry else note, "Beslutad av": entry.decided_by if entry else "",
                     "Datum": entry.date if entry else ""})

    for p in result.plans:
        by_id = {ts.statement.id: ts.statement for ts in p.check.tagged.statements}
        places = plan_places(p.check.tagged.plan)
        accepted = {a.concept: a for a in p.accepted}
        for cid in p.check.coverage.gaps:
            kind = GAP_KINDS[1] if cid in accepted else GAP_KINDS[0]
            add(p.label, p.file_name, kind, titles[cid], entry=accepted.get(cid))
        groups = ((GAP_KINDS[2], p.check.coverage.untagged_goals),
                  (GAP_KINDS[3], p.indicators.indicators_without_target),
                  (GAP_KINDS[4], p.indicators.goals_without_indicator))
        for kind, ids in groups:
            for sid in ids:
                add(p.label, p.file_name, kind, sid=sid, text=by_id[sid].text, place=places[sid])
        for sid, cid in p.check.gaps.unsupported_claims:
            add(p.label, p.file_name, GAP_KINDS[6], titles.get(cid, cid), sid=sid, text=by_id[sid].text,
                place=places[sid])
    for s in result.stale:
        add(s.entry.organisation, "", GAP_KINDS[5], titles.get(s.entry.concept, s.entry.concept),
            place=f"{Path(s.entry.source).name}, post {s.entry.entry}", entry=s.entry)
        rows[-1]["Text"] = s.reason
    return pd.DataFrame(rows, columns=["Organisation", "Fil", "Typ", "Koncept", "Id", "Text", "Plats", "Motivering",
                                       "Beslutad av", "Datum"])


def problems_frame(result: AuditResult) -> pd.DataFrame:
    """Files not read (unreadable or skipped) and the items skipped inside the plans that were read."""
    import pandas as pd

    kind_sv = {"unreadable": "Oläsbar fil", "skipped": "Överhoppad fil"}
    rows = [{"Typ": kind_sv[f.kind], "Fil": f.path, "Plats": "", "Text": "", "Orsak": f.reason}
            for f in result.problems]
    for p in result.plans:
        plan = p.check.tagged.plan
        rows += [{"Typ": "Överhoppat i planen", "Fil": p.path, "Plats": str(s.ref), "Text": s.text, "Orsak": s.reason}
                 for s in plan.skipped]
        rows += [{"Typ": "Varning", "Fil": p.path, "Plats": "", "Text": "", "Orsak": w} for w in plan.warnings]
    rows += [{"Typ": "Varning", "Fil": "", "Plats": "", "Text": "", "Orsak": w} for w in result.warnings]
    return pd.DataFrame(rows, columns=["Typ", "Fil", "Plats", "Text", "Orsak"])


__all__ = [
    "AuditResult", "FailCondition", "FailOnError", "FileProblem", "IndicatorChecks", "PlanAudit",
    "cells_frame", "collect_files", "concept_frame", "default_jobs", "failures", "gaps_frame", "grouped_matrix",
    "has_target",
    "horizon_column", "indicator_checks", "load_orgs", "matrix_frame", "parse_fail_on", "percent_sv", "problems_frame",
    "resolve_org", "run_audit", "statements_frame", "summary_frame",
]
