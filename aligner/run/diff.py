"""Two versions compared (`aligner diff`): each side a plan file, read and checked here, or a JSON
report; the comparison itself is aligner.analysis.diff."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from aligner.analysis.diff import diff_views, read_json_side, view_of
from aligner.model import DiffResult, PlanView


def load_side(path: str | Path, tagger_factory: Callable[[], object]) -> tuple[list[PlanView], dict[str, str]]:
    """The plans of one side (a plan file, a check JSON or an audit JSON) and the concept titles."""
    if Path(path).suffix.lower() == ".json":
        return read_json_side(path)
    from aligner.reports.json_report import check_dict
    from aligner.run.check import check_plan

    result = check_plan(path, tagger_factory())
    check = check_dict(result)
    return [view_of(check)], {c.id: c.title for c in result.ruleset.concepts}


def diff_paths(old: str | Path, new: str | Path, tagger_factory: Callable[[], object]) -> DiffResult:
    """Compare two plan or JSON files; `tagger_factory` builds the Tagger, only if a plan file needs it."""
    old_views, old_titles = load_side(old, tagger_factory)
    new_views, new_titles = load_side(new, tagger_factory)
    return diff_views(old_views, new_views, {**old_titles, **new_titles}, str(old), str(new),
                      old_concepts=tuple(old_titles), new_concepts=tuple(new_titles))
