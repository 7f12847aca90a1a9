"""Annotated copies of a plan: the answer of `aligner check` written back into the planner's own file.

`aligner.run.annotate.annotate_plan` checks a plan and, with `write_copy` here, writes a copy beside it
(`NAME.aligner.docx`, `NAME.aligner.xlsx`):

- Word: a comment by "aligner" on every goal, activity and indicator naming the concepts it serves
  and the evidence words (or saying it serves none), and a summary comment on the first paragraph;
- Excel: three columns (Koncept, Belägg, Tidshorisont) after the last used column of every sheet
  with statements, and a sheet "Täckning" with the coverage, the gaps and the suggestions.

The original is only ever opened for reading; the copy is written to a temporary file in the same
folder and moved into place, so a failed run leaves no half-written file. The Swedish texts of the
annotations are built here, once, for both formats.
"""

from __future__ import annotations

import importlib
import os
import tempfile
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from aligner.errors import InputError, ReportError, guarded_write
from aligner.model import KIND_SV, TaggedStatement
from aligner.text import number_sv
from aligner.wording import (
    SUGGESTION_LABEL,
    concepts_text,
    describe_hint,
    goal_suggestions,
    statement_names,
    suggestion_lines,
)
from aligner.wording import statement_evidence_text as evidence_text

if TYPE_CHECKING:
    from aligner.model import CheckResult

AUTHOR = "aligner"
INITIALS = "AL"
# Suffix -> annotator module in this package; each has `write(result, source, target) -> int`.
ANNOTATORS: dict[str, str] = {".docx": "docx", ".xlsx": "xlsx", ".xlsm": "xlsx"}

__all__ = ["Annotated", "check_copy", "default_output", "write_copy"]


@dataclass(frozen=True, slots=True)
class Annotated:
    """An annotated copy: where it was written, the check it shows, and how many notes it holds."""

    source: Path
    output: Path
    result: CheckResult
    notes: int  # Word: comments on statements; Excel: rows that got the new columns filled
    # What the copy may lack, in Swedish: openpyxl drops shapes (and images without Pillow) and says so.
    warnings: tuple[str, ...] = ()


def default_output(path: str | Path) -> Path:
    """The copy's default path: beside the plan, `NAME.aligner.SUFFIX`."""
    path = Path(path)
    return path.with_name(f"{path.stem}.aligner{path.suffix}")


def check_copy(source: Path, target: Path, force: bool = False) -> None:
    """Raise before any work is done if no copy of `source` can be written to `target`: InputError for a
    format without annotated copies; ReportError if `target` is the plan itself, has another file
    type, already exists (unless `force`; a read-only file never) or is a folder."""
    if source.suffix.lower() not in ANNOTATORS:
        raise InputError(str(source), "kommenterade kopior kan bara skrivas för .docx, .xlsx och .xlsm",
                         hint="spara planen som .docx eller .xlsx")
    _check_target(source, target, force)


def write_copy(result: CheckResult, source: Path, target: Path) -> Annotated:
    """Write the annotated copy of the checked plan at `source` to `target` (a temporary file moved into
    place); what openpyxl or python-docx say the copy may lack is returned in Swedish."""
    module = importlib.import_module(f"{__name__}.{ANNOTATORS[source.suffix.lower()]}")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        notes = _write_atomically(target, lambda tmp: module.write(result, source, tmp))
    lost = tuple(dict.fromkeys(f"kopian kan sakna något ur originalet: {w.message}" for w in caught))
    return Annotated(source, target, result, notes, lost)


def _check_target(source: Path, target: Path, force: bool = False) -> None:
    if target.suffix.lower() != source.suffix.lower():
        raise ReportError(str(target), f"kopian ska ha samma filändelse som planen ({source.suffix})")
    same = target.resolve() == source.resolve()
    if not same and target.exists() and source.exists():
        same = os.path.samefile(target, source)
    if same:
        raise ReportError(str(target), "kopian skulle skriva över planen själv; aligner skriver aldrig "
                                       "över originalet (välj ett annat namn med --output)")
    if target.exists() or target.is_symlink():
        if target.is_dir():
            raise ReportError(str(target), "är en mapp; välj ett filnamn med --output")
        if not os.access(target, os.W_OK) or not target.stat().st_mode & 0o222:  # read-only, even to root
            raise ReportError(str(target), "filen finns redan och är skrivskyddad; aligner skriver inte över den")
        if not force:
            raise ReportError(str(target), "filen finns redan; skriv över den med --force, eller välj ett annat "
                                           "namn med --output")


def _write_atomically(target: Path, write) -> int:
    """Run `write(tmp_path)` on a temporary file beside `target`, then move it into place."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=target.suffix, dir=target.parent)
        os.close(handle)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(name, 0o666 & ~umask)  # mkstemp makes the file private; the copy is an ordinary file
    except OSError as exc:
        raise ReportError(str(target), f"kan inte skrivas ({exc.strerror or exc})") from exc
    tmp = Path(name)
    try:
        with guarded_write(target):
            notes = write(tmp)
            os.replace(tmp, target)
    except OSError as exc:
        raise ReportError(str(target), f"kan inte skrivas ({exc.strerror or exc})") from exc
    finally:
        if tmp.exists():
            tmp.unlink()
    return notes


# --- Swedish texts shared by the Word and Excel annotators ---------------------------------------


def titles_of(result: CheckResult) -> dict[str, str]:
    """Concept id -> Swedish title."""
    return {c.id: c.title for c in result.ruleset.concepts}


def horizon_text(result: CheckResult, ts: TaggedStatement) -> str:
    """The statement's time frame in Swedish: "inom 2027 (2026)", "bortom 2027 (2030)", "ingen"."""
    return result.ruleset.horizon_text(ts.result.horizon)


def via_text(result: CheckResult, goal_id: str, titles: dict[str, str]) -> str:
    """Concepts a goal serves through its activities/indicators: "Samspel (A2, A4)", or ""."""
    parts = []
    for c in result.coverage.concepts:
        children = [child for goal, child in c.via if goal == goal_id]
        if children:
            parts.append(f"{titles.get(c.concept, c.concept)} ({', '.join(children)})")
    return ", ".join(parts)


def statement_note(result: CheckResult, ts: TaggedStatement) -> str:
    """The comment on one statement: concepts with evidence, time frame, and for goals the suggestions."""
    titles = titles_of(result)
    s = ts.statement
    lines = [f"aligner: {KIND_SV[s.kind]} {s.id}"]
    if ts.tags:
        lines.append(f"Tjänar: {concepts_text(ts, titles)}")
        lines.append(f"Belägg: {evidence_text(ts, titles)}")
    else:
        lines.append(f"Tjänar inget av de {number_sv(len(result.ruleset.concepts))} koncepten.")
    lines.append(f"Tidshorisont: {horizon_text(result, ts)}")
    if s.kind == "goal":
        via = via_text(result, s.id, titles)
        if via:
            lines.append(f"Via aktivitet/indikator: {via}")
        names = statement_names(result.tagged.plan)
        for suggestion, goal_hint in goal_suggestions(result.suggestions, s.id):
            hints = "; ".join(describe_hint(h, names, s.id) for h in goal_hint.hints)
            lines.append(f"{SUGGESTION_LABEL}: ligger nära {suggestion.title} – {hints}")
    return "\n".join(lines)


def summary_lines(result: CheckResult, with_suggestions: bool = True) -> list[str]:
    """The plan's coverage, gaps and (optionally) suggestions in a few Swedish lines (the top of a copy)."""
    from aligner import __version__
    from aligner.analysis.gaps import gap_views

    titles = titles_of(result)
    plan, cov = result.tagged.plan, result.coverage
    counts = {k: sum(1 for s in plan.statements if s.kind == k) for k in KIND_SV}
    lines = [
        "aligner – sammanfattning (skriven av aligner; planens egen text är oförändrad)",
        f"Planen har {counts['goal']} mål, {counts['activity']} aktiviteter och {counts['indicator']} indikatorer.",
    ]
    for fw in cov.frameworks:
        missing = f"; saknas: {_join_titles(fw.missing, titles)}" if fw.missing else ""
        lines.append(f"{fw.title}: {len(fw.covered)} av {len(fw.concepts)} koncept täckta{missing}.")
    if cov.goals_total:
        label = result.ruleset.horizon_label
        lines.append(f"{label[0].upper()}{label[1:]}: {cov.goals_with_horizon} av {cov.goals_total} mål.")
    # the gap analysis every face shows (aligner.analysis.gaps)
    views = gap_views(result)
    if not views:
        lines.append("Inga luckor: varje koncept tjänas av minst ett mål, varje mål tjänar ett koncept "
                     "och har en indikator med målvärde.")
    for heading, items in views:
        lines.append(f"Luckor – {heading[0].lower()}{heading[1:]}: {'; '.join(items)}.")
    if result.suggestions and with_suggestions:
        lines.append(f"{SUGGESTION_LABEL}:")
        names = statement_names(result.tagged.plan)
        for suggestion in result.suggestions:
            lines.extend(f"{suggestion.title}: {line}" for line in suggestion_lines(suggestion, names, result.ruleset))
    lines.append(f"Skriven av aligner {__version__}.")
    return lines


def _join_titles(ids: Sequence[str], titles: dict[str, str]) -> str:
    return ", ".join(titles.get(c, c) for c in ids)
