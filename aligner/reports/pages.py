"""The HTML pages' templates: aligner/templates/*.html and the one stylesheet they share (style.css),
loaded from the package by Jinja2 with autoescaping on, so every text from a plan is escaped by the
engine. Used by the audit report (aligner.reports.html) and the planners' page (aligner.web).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jinja2 import Environment, Template

# One colour per concept, in rule-set order (light enough for dark text, as displaCy's).
PALETTE = ("#b3d9ff", "#c7f0c2", "#ffd6a5", "#e0c3fc", "#ffadad", "#fdffb6", "#9bf6ff", "#d4d4d4")


@functools.lru_cache(maxsize=1)
def environment() -> Environment:
    """The Jinja2 environment of aligner's templates (built once per process)."""
    from jinja2 import Environment, PackageLoader

    return Environment(loader=PackageLoader("aligner", "templates"), autoescape=True, trim_blocks=True,
                       lstrip_blocks=True)


def template(name: str) -> Template:
    """One of aligner's templates by file name: "audit.html", "page.html"."""
    return environment().get_template(name)


def concept_colours(concepts: Iterable[tuple[str, str]]) -> list[dict]:
    """The concepts (id, title) with their colours, as style.css and the legends use them."""
    return [{"id": cid, "title": title, "color": PALETTE[i % len(PALETTE)]} for i, (cid, title) in enumerate(concepts)]
