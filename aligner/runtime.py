"""Process-level helpers for the hot paths."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any


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


def quick_init(cls: type) -> type:
    """Give a frozen, slotted dataclass an __init__ that fills its slots directly.

    A frozen dataclass's generated __init__ sets each field through object.__setattr__ with the
    field's name, which costs about twice a plain class's: for the objects made per cell and per
    statement (refs, cells, statements, evidence) that is a few percent of reading and tagging.
    This __init__ has the same parameters and defaults and calls each slot's own setter; the
    class stays frozen (assigning to a field still raises). Apply it above @dataclass.
    """
    import dataclasses

    if "__post_init__" in cls.__dict__:
        raise TypeError(f"quick_init: {cls.__name__} has __post_init__; it needs the generated __init__")
    params, lines = [], []
    namespace: dict[str, object] = {"_MISSING": dataclasses.MISSING}
    for f in dataclasses.fields(cls):
        if not f.init or f.kw_only:
            raise TypeError(f"quick_init: {cls.__name__}.{f.name} needs the generated __init__")
        namespace[f"_set_{f.name}"] = cls.__dict__[f.name].__set__
        if f.default is not dataclasses.MISSING:
            namespace[f"_default_{f.name}"] = f.default
            params.append(f"{f.name}=_default_{f.name}")
        elif f.default_factory is not dataclasses.MISSING:
            namespace[f"_factory_{f.name}"] = f.default_factory
            params.append(f"{f.name}=_MISSING")
            lines.append(f"    if {f.name} is _MISSING: {f.name} = _factory_{f.name}()")
        else:
            params.append(f.name)
        lines.append(f"    _set_{f.name}(self, {f.name})")
    exec(f"def __init__(self, {', '.join(params)}):\n" + "\n".join(lines), namespace)  # noqa: S102
    init: Any = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__module__ = cls.__module__
    cls.__init__ = init  # type: ignore[misc]  # replacing the dataclass's own __init__ is the point
    return cls
