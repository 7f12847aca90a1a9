"""`--fail-on`: the conditions that fail an audit run (any gap, a gap in one concept, too many goals
serving nothing, stale accepted gaps, or none), parsed from the command line and checked against
an audit's result. Pure functions; the audit's records come from aligner.model.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from aligner.model import AuditResult
from aligner.text import fold
from aligner.wording import percent_sv


class FailOnError(ValueError):
    """A --fail-on condition that cannot be parsed; str() is the Swedish message."""


@dataclass(frozen=True, slots=True)
class FailCondition:
    """One condition that fails a run: any gap, a gap in one concept, too many goals serving nothing, …"""

    kind: Literal["gap", "gap_concept", "untagged", "stale", "none"]
    concept: str | None = None
    threshold: float | None = None  # share of goals, 0..1

    def __str__(self) -> str:
        if self.kind == "gap_concept":
            return f"gap:{self.concept}"
        if self.kind == "untagged":
            return f"untagged>{(self.threshold or 0) * 100:g}%"
        return self.kind


DEFAULT_FAIL_ON = "gap"
_UNTAGGED = re.compile(r"^untagged\s*>\s*(\d+(?:[.,]\d+)?)\s*%?$")


def parse_fail_on(text: str, concepts: Iterable[tuple[str, str]]) -> tuple[FailCondition, ...]:
    """Parse `gap,gap:KONCEPT,untagged>20%,stale,none`; `concepts` are (id, title) pairs."""
    lookup = {fold(k): cid for cid, title in concepts for k in (cid, title)}
    out: list[FailCondition] = []
    for part in (p.strip() for p in text.split(",")):
        low = fold(part)
        if low in ("gap", "stale", "none"):
            out.append(FailCondition(low))  # type: ignore[arg-type]
        elif low.startswith("gap:"):
            cid = lookup.get(low[4:].strip())
            if cid is None:
                known = ", ".join(sorted(set(lookup.values())))
                raise FailOnError(f"okänt koncept i --fail-on: '{part[4:]}' (koncept: {known})")
            out.append(FailCondition("gap_concept", concept=cid))
        elif match := _UNTAGGED.match(low):
            out.append(FailCondition("untagged", threshold=float(match.group(1).replace(",", ".")) / 100))
        else:
            raise FailOnError(f"okänt villkor i --fail-on: '{part}' "
                              "(tillåtna: gap, gap:KONCEPT, untagged>N%, stale, none)")
    if not out:
        raise FailOnError("--fail-on är tomt (skriv none för att aldrig misslyckas på luckor)")
    return tuple(out)


def failures(result: AuditResult, conditions: Sequence[FailCondition]) -> tuple[str, ...]:
    """Why the run fails under `conditions` (Swedish, one line each); empty when it passes."""
    titles = result.titles()
    out: list[str] = []
    for cond in conditions:
        if cond.kind == "gap":
            out += [f"{p.label}: luckor" for p in result.plans if p.has_gaps]
        elif cond.kind == "gap_concept":
            out += [f"{p.label}: lucka i {titles[cond.concept]}" for p in result.plans if cond.concept in p.gaps]
        elif cond.kind == "untagged":
            out += [f"{p.label}: {percent_sv(p.untagged_share)} av målen tjänar inget koncept "
                    f"(gräns {percent_sv(cond.threshold)})"
                    for p in result.plans if p.untagged_share > (cond.threshold or 0)]
        elif cond.kind == "stale":
            out += [f"inaktuell accepterad lucka (post {s.entry.entry}): {s.entry.organisation}, "
                    f"{titles.get(s.entry.concept, s.entry.concept)}" for s in result.stale]
    return tuple(dict.fromkeys(out))
