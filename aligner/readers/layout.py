"""The layout model: the plan vocabulary of `layout.yaml` (package data), loaded once per process.

Column headers, section headings, labels, risk sections, cue words and organisation words live
in that one data file, each part with examples that tests/test_layout.py runs; `common` builds
its classifiers from it.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

LAYOUT_FILE = Path(__file__).with_name("layout.yaml")


@cache
def layout() -> dict[str, Any]:
    """The parsed layout file."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with LAYOUT_FILE.open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=loader)


def words_of(*path: str) -> tuple[str, ...]:
    """The folded words (or phrases) at a path of the layout, e.g. words_of("headers", "goal")."""
    node: Any = layout()
    for key in path:
        node = node[key]
    return tuple(str(word) for word in node)
