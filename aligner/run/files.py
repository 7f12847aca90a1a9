"""Finding the plan files of a run: folders searched recursively, and every file left out recorded
with its reason (lock files, hidden files, other formats, aligner's own copies and reports)."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from aligner.model import FileProblem

LOCK_PREFIX = "~$"
# Used when the readers package does not say which suffixes it reads.
_FALLBACK_SUFFIXES = (".docx", ".xlsx", ".xlsm", ".odt", ".ods", ".csv")


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
