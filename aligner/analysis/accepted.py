"""Accepted gaps: a reviewable YAML file that marks a deliberate gap (a scope choice) as accepted.

```yaml
- organisation: Öresundskraft AB
  concept: <a concept id or title of the rule folder>
  reason: Bolagets uppdrag omfattar inte det här.
  decided_by: Styrningsenheten
  date: 2025-01-20
```

An accepted gap is shown as accepted in every report and does not count as a gap for the exit
code. An entry that matches no gap of the audited plans is stale and is reported as such.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from pathlib import Path

from aligner.errors import InputError, read_user_text
from aligner.model import AcceptedGap, Application, PlanGaps, StaleEntry
from aligner.text import fold

# Swedish spellings are accepted as well, since styrning staff write the file.
_KEYS = {
    "organisation": "organisation", "organization": "organisation", "org": "organisation",
    "concept": "concept", "koncept": "concept",
    "reason": "reason", "motivering": "reason", "skal": "reason",
    "decided_by": "decided_by", "beslutad_av": "decided_by", "beslutat_av": "decided_by",
    "date": "date", "datum": "date",
}
_REQUIRED = ("organisation", "concept", "reason", "decided_by", "date")
_FIELD_SV = {"organisation": "organisation", "concept": "koncept", "reason": "motivering",
             "decided_by": "beslutad av", "date": "datum"}



def load_accepted(path: str | Path, concepts: Iterable[tuple[str, str]]) -> tuple[AcceptedGap, ...]:
    """Read and validate an accepted-gaps file; `concepts` are (id, title) pairs. Raises InputError."""
    import yaml

    shown = str(path)
    raw = read_user_text(path, "filen med accepterade luckor finns inte", hint=None)
    try:
        data = yaml.safe_load(raw)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"rad {mark.line + 1}" if mark is not None else None
        raise InputError(shown, "ogiltig YAML", where=where) from exc
    if isinstance(data, dict) and set(data) <= {"accepted_gaps", "accepterade_luckor"}:
        data = next(iter(data.values()), [])
    if data is None:
        return ()
    if not isinstance(data, list):
        raise InputError(shown, "ska vara en lista av poster (organisation, concept, reason, decided_by, date)")
    lookup = _concept_lookup(concepts)
    entries = [_entry(item, n, shown, lookup) for n, item in enumerate(data, 1)]
    seen: dict[tuple[str, str], int] = {}
    for e in entries:
        key = (_org_key(e.organisation), e.concept)
        if key in seen:
            raise InputError(shown, f"samma lucka är redan accepterad i post {seen[key]}", where=f"post {e.entry}")
        seen[key] = e.entry
    return tuple(entries)


def _concept_lookup(concepts: Iterable[tuple[str, str]]) -> dict[str, str]:
    lookup = {}
    for cid, title in concepts:
        lookup[fold(cid)] = cid
        lookup[fold(title)] = cid
    return lookup


def _entry(item: object, n: int, shown: str, lookup: dict[str, str]) -> AcceptedGap:
    where = f"post {n}"
    if not isinstance(item, dict):
        raise InputError(shown, "posten ska ha fälten organisation, concept, reason, decided_by och date",
                         where=where)
    values: dict[str, object] = {}
    for key, value in item.items():
        name = _KEYS.get(fold(str(key)).replace(" ", "_").replace("-", "_"))
        if name is None:
            raise InputError(shown, f"okänt fält '{key}'", hint="tillåtna: " + ", ".join(_REQUIRED), where=where)
        values[name] = value
    for name in _REQUIRED:
        if values.get(name) in (None, ""):
            raise InputError(shown, f"fältet '{name}' ({_FIELD_SV[name]}) saknas eller är tomt", where=where)
    concept = lookup.get(fold(str(values["concept"]).strip()))
    if concept is None:
        raise InputError(shown, f"okänt koncept '{values['concept']}'",
                         hint="använd ett koncept-id eller en titel ur regelmappen: "
                              + ", ".join(dict.fromkeys(lookup.values())), where=where)
    return AcceptedGap(
        organisation=" ".join(str(values["organisation"]).split()),
        concept=concept,
        reason=str(values["reason"]).strip(),
        decided_by=str(values["decided_by"]).strip(),
        date=_date(values["date"], shown, where),
        entry=n,
        source=shown,
    )


def _date(value: object, shown: str, where: str) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()[:10]
    try:
        return dt.date.fromisoformat(str(value).strip()).isoformat()
    except ValueError as exc:
        raise InputError(shown, f"ogiltigt datum '{value}'", hint="skriv ÅÅÅÅ-MM-DD", where=where) from exc


def _org_key(name: str) -> str:
    return " ".join(fold(name).split())


def apply_accepted(entries: Sequence[AcceptedGap], plans: Sequence[PlanGaps]) -> Application:
    """Match entries to plan gaps by organisation (or file name, case-insensitive) and concept.

    An entry is stale when no audited plan has that organisation, or when every such plan now
    serves the concept.
    """
    accepted: dict[tuple[str, str], AcceptedGap] = {}
    stale: list[StaleEntry] = []
    for entry in entries:
        key = _org_key(entry.organisation)
        matching = [p for p in plans if key in (_org_key(p.organisation), _org_key(p.file_name))]
        if not matching:
            stale.append(StaleEntry(entry, "organisationen finns inte bland de granskade planerna"))
            continue
        hits = [p for p in matching if entry.concept in p.gaps]
        if not hits:
            stale.append(StaleEntry(entry, "konceptet tjänas nu av minst ett mål"))
        for p in hits:
            accepted[(p.label, entry.concept)] = entry
    return Application(accepted, tuple(stale))
