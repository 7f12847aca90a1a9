"""The JSON report: the canonical, machine-readable form of a check (schema in docs/styrning.md, "JSON output")."""

from __future__ import annotations

import json

from aligner import __version__
from aligner.model import TaggedStatement

SCHEMA_VERSION = 1


def statement_dict(ts: TaggedStatement, titles: dict[str, str], place: str | None = None) -> dict:
    """One statement with its tags, evidence and horizon; `place` is where a person finds it
    ("Vad vill vi uppnå › Mål 2", see aligner.places), kept in location.place."""
    s = ts.statement
    location = s.ref.to_dict()
    if place is not None:
        location["place"] = place
    return {
        "id": s.id,
        "kind": s.kind,
        "label": s.label,
        "text": s.text,
        "location": location,
        "parent": s.parent,
        "section": s.section,
        "cells": [{"header": h, "value": v} for h, v in s.cells],
        "claimed": list(s.claimed),
        "tags": [
            {"concept": t.concept, "title": titles.get(t.concept, t.concept),
             "evidence": [e.to_dict() for e in t.evidence]}
            for t in ts.tags
        ],
        "horizon": ts.result.horizon.to_dict(),
    }


def coverage_dict(coverage) -> dict:
    """The coverage object: per concept, per framework, the gaps and the claimed links."""
    return {
        "concepts": [
            {"concept": c.concept, "title": c.title, "frameworks": list(c.frameworks), "covered": c.covered,
             "goals": list(c.goals), "via": [{"goal": g, "statement": s} for g, s in c.via],
             "statements": list(c.statements), "without_goal": list(c.without_goal)}
            for c in coverage.concepts
        ],
        "frameworks": [
            {"id": f.id, "title": f.title, "concepts": list(f.concepts), "covered": list(f.covered),
             "missing": list(f.missing), "covered_count": len(f.covered), "total": len(f.concepts)}
            for f in coverage.frameworks
        ],
        "gaps": {
            "concepts": list(coverage.gaps),
            "goals_without_concept": list(coverage.untagged_goals),
            "statements_without_concept": list(coverage.untagged_statements),
        },
        "claims": [{"statement": c.statement, "concept": c.concept, "status": c.status} for c in coverage.claims],
        "goals_total": coverage.goals_total,
        "goals_with_horizon": coverage.goals_with_horizon,
        "has_gaps": coverage.has_gaps,
    }


def horizon_dict(ruleset) -> dict | None:
    """The rule folder's time horizon: {"concept", "first_year", "last_year"}, or None without one."""
    tf = ruleset.timeframe
    return {"concept": tf.concept, "first_year": tf.first_year, "last_year": tf.last_year} if tf else None


def check_dict(result, *, lazy: bool = False) -> dict:
    """The whole JSON document of one checked plan (`lazy`: the reading entries left as Reading
    objects, for `write`, which turns them into JSON one at a time)."""
    from aligner.places import plan_places

    plan = result.tagged.plan
    titles = {c.id: c.title for c in result.ruleset.concepts}
    places = plan_places(plan)
    return {
        "schema_version": SCHEMA_VERSION,
        "meta": {"tool": "aligner", "version": __version__},
        "plan": {"source": plan.source, "title": plan.title, "org": plan.org},
        "statements": [statement_dict(ts, titles, places[ts.statement.id]) for ts in result.tagged.statements],
        "coverage": coverage_dict(result.coverage),
        # What "within" means for this rule folder: the time-horizon concept and its years (or null).
        "horizon": horizon_dict(result.ruleset),
        # The rest of the gap analysis every face shows (aligner.analysis.gaps); informs, does not set the exit code.
        "indicator_checks": result.gaps.indicators.to_dict(),
        "skipped": [{"location": s.ref.to_dict(), "text": s.text, "reason": s.reason} for s in plan.skipped],
        # The reading ledger: every block of the file and what it became.
        "reading": [r.to_dict() for r in plan.reading] if not lazy else list(plan.reading),
        # Hints for the gap concepts; never counted as coverage.
        "suggestions": [s.to_dict() for s in getattr(result, "suggestions", ())],
        "warnings": list(plan.warnings),
    }


# Stands in for the reading ledger while the rest of the report is encoded; the entries are
# encoded one at a time in its place (see `write`).
_READING = "\u0000aligner-reading\u0000"


def _chunks(data: dict):
    """The pieces of `dumps(data)`; a `reading` list is encoded entry by entry, never as one object."""
    encoder = json.JSONEncoder(ensure_ascii=False, indent=2, sort_keys=True)
    reading = data.get("reading")
    if not reading:
        yield from encoder.iterencode(data)
        return
    marker = encoder.encode(_READING)
    for chunk in encoder.iterencode({**data, "reading": [_READING]}):
        if not chunk.endswith(marker):
            yield chunk
            continue
        # The list's opening ("[" and the first item's indentation), then each entry at that depth.
        yield chunk[: -len(marker)]
        for n, entry in enumerate(reading):
            item = entry.to_dict() if hasattr(entry, "to_dict") else entry
            text = encoder.encode(item).replace("\n", "\n    ")
            yield text if n == 0 else ",\n    " + text


def write(data: dict, stream) -> None:
    """The text of `dumps`, written to a text stream piece by piece: a large plan's JSON (tens of
    MB) is never held whole, nor as json.dumps's list of millions of pieces, and the reading
    ledger's entries (a hundred thousand on a large sheet) are turned into JSON one at a time."""
    buffer: list[str] = []
    size = 0
    for chunk in _chunks(data):
        buffer.append(chunk)
        size += len(chunk)
        if size > 1 << 16:
            stream.write("".join(buffer))
            buffer, size = [], 0
    buffer.append("\n")
    stream.write("".join(buffer))


def dumps(data: dict) -> str:
    """Deterministic JSON text: sorted keys, UTF-8 characters kept, trailing newline."""
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def render(result, color: bool = False) -> str:
    """JSON report of one checked plan."""
    return dumps(check_dict(result))
