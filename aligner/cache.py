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
