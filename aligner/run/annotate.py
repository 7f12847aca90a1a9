"""Check a plan and write its annotated copy (`aligner annotate`, the web page's download): the run
around aligner.annotate, which lays the check out in the planner's own file."""

from __future__ import annotations

from pathlib import Path

from aligner.annotate import Annotated, check_copy, default_output, write_copy
from aligner.run.check import check_plan


def annotate_plan(path: str | Path, output: str | Path | None = None, tagger=None, *, force: bool = False
                  ) -> Annotated:
    """Check the plan at `path` and write an annotated copy to `output` (default: `default_output`).

    Raises InputError if the plan cannot be read or has no statements, ReportError if `output`
    is the plan itself, has another file type, already exists (unless `force`; a read-only file
    never) or cannot be written. The plan is never written to.
    """
    source = Path(path)
    target = Path(output) if output is not None else default_output(source)
    check_copy(source, target, force)
    return write_copy(check_plan(source, tagger), source, target)
