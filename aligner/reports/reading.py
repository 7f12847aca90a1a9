"""The reading explained (`aligner check PLAN --explain-reading`): each block of the file, what it became and why."""

from __future__ import annotations

from collections import Counter

from aligner.model import KIND_SV, OUTCOME_SV, OUTCOMES, Plan

_WIDTH = 100


def _place(ref) -> str:
    """The place without the file name (the header names the file once)."""
    text = str(ref)
    return text.split(", ", 1)[1] if ", " in text else "hela filen"


def render_reading(plan: Plan) -> str:
    """Swedish, one entry per block in document order: place, outcome, reason, and the text."""
    counts = Counter(entry.outcome for entry in plan.reading)
    summary = ", ".join(f"{counts[o]} {OUTCOME_SV[o]}" for o in OUTCOMES if counts[o])
    name = plan.source.replace("\\", "/").rsplit("/", 1)[-1]
    kinds = Counter(s.kind for s in plan.statements)
    found = ", ".join(f"{kinds[k]} {KIND_SV[k]}" for k in ("goal", "activity", "indicator"))
    lines = [f"Så lästes {name}: {len(plan.reading)} textblock ({summary or 'inga'})",
             f"Påståenden: {found}", ""]
    for entry in plan.reading:
        what = OUTCOME_SV[entry.outcome]
        if entry.outcome == "statement" and entry.statements:
            what = f"{what} {', '.join(entry.statements)}"
        text = entry.text if len(entry.text) <= _WIDTH else entry.text[: _WIDTH - 1] + "…"
        lines.append(f"{_place(entry.ref)}: {what} – {entry.reason}")
        lines.append(f"    \"{text}\"")
    if plan.warnings:
        lines += ["", "Varningar:"] + [f"  {w}" for w in plan.warnings]
    return "\n".join(lines) + "\n"
