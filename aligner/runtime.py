"""Process-level helpers for the hot paths."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause Python's cycle collector while a plan is read or tagged.

    Both build many small objects that live on (cells, statements, tags) and hardly any cycles
    (tagging none; a 1,000-statement Word file a few thousand objects, freed at the next
    collection). With the collector on, each full collection walks every object alive again:
    a third of reading 10,000 Excel statements (benchmarks/run.py). Runs inside never call user
    code, and the collector's previous state is restored, so nesting and threads are harmless.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
