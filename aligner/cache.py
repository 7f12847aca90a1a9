"""A small on-disk cache for work that only depends on aligner's own data (rules, lemma rows).

Entries live in $XDG_CACHE_HOME/aligner (default ~/.cache/aligner), named by a hash of what they
were built from, so a changed rule file simply misses. A cache that cannot be read or written
only costs speed, never correctness.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path


def cache_dir() -> Path:
    """Where aligner keeps its cache."""
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "aligner"


def key(*parts: bytes | str) -> str:
    """A short hash of everything an entry is built from."""
    digest = hashlib.sha1()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()[:20]


def read(name: str) -> bytes | None:
    """The bytes of an entry, or None."""
    try:
        return (cache_dir() / name).read_bytes()
    except OSError:
        return None


def write(name: str, data: bytes) -> None:
    """Store an entry atomically (a half-written file is never read); failures are ignored."""
    path = cache_dir() / name
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        tmp.write_bytes(data)
        tmp.replace(path)
    except OSError:
        pass


# --- Frozen dataclasses as JSON ---------------------------------------------------------------------
# An entry is data, never code: pickle would run whatever a writable cache folder holds. Only the
# classes named in `types` are built, with their own fields; anything else is refused.


def to_json(obj: object) -> bytes:
    """`obj` (dataclasses, tuples, frozensets, lists, dicts of str, str, int, float, bool, None) as JSON."""
    import json

    return json.dumps(_encode(obj), ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _encode(obj: object) -> object:
    import dataclasses

    if obj is None or isinstance(obj, bool | int | float | str):
        return obj
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {"@": type(obj).__name__, **{f.name: _encode(getattr(obj, f.name)) for f in dataclasses.fields(obj)}}
    if isinstance(obj, tuple):
        return {"@": "tuple", "items": [_encode(x) for x in obj]}
    if isinstance(obj, frozenset):
        return {"@": "frozenset", "items": sorted((_encode(x) for x in obj), key=repr)}
    if isinstance(obj, list):
        return [_encode(x) for x in obj]
    if isinstance(obj, dict) and all(isinstance(k, str) for k in obj):
        return {"@": "dict", "items": {k: _encode(v) for k, v in obj.items()}}
    raise TypeError(f"cannot cache a {type(obj).__name__}")


def from_json(data: bytes, types: dict[str, type]) -> object:
    """What `to_json` wrote, with dataclasses built only from `types` (name -> class); ValueError else."""
    import json

    return _decode(json.loads(data.decode("utf-8")), types)


def _decode(value: object, types: dict[str, type]) -> object:
    if isinstance(value, list):
        return [_decode(x, types) for x in value]
    if not isinstance(value, dict):
        return value
    kind = value.get("@")
    if kind == "tuple":
        return tuple(_decode(x, types) for x in value["items"])
    if kind == "frozenset":
        return frozenset(_decode(x, types) for x in value["items"])
    if kind == "dict":
        return {k: _decode(v, types) for k, v in value["items"].items()}
    cls = types.get(kind) if isinstance(kind, str) else None
    if cls is None:
        raise ValueError(f"unknown type in cache entry: {kind!r}")
    return cls(**{k: _decode(v, types) for k, v in value.items() if k != "@"})
