"""Places a person can find: where a statement stands, in the words of the plan itself.

Word shows no paragraph numbers, so a statement in a Word or OpenDocument text is placed by its
heading and the plan's own label: "Vad vill vi uppnå › Mål 2" for a goal,
"Vad vill vi uppnå › Mål 2 › Aktiviteter, punkt 3" for the third activity under it. Word tables are
placed by table, row and cell (all counted from 1, as a reader counts them), under their heading.
A spreadsheet keeps "blad, rad, kolumn". Only a statement with neither heading nor label falls back
to the paragraph number, counted from 1.

    places = plan_places(plan)      # statement id -> place, without the file name
    name = statement_name(statement)  # "Mål 2", or "Aktivitet" where the plan gives no label
"""

from __future__ import annotations

import re

from aligner.model import KIND_SV, Plan, SourceRef, Statement

SEP = " › "
_KIND_PLURAL = {"goal": "Mål", "activity": "Aktiviteter", "indicator": "Indikatorer"}
_LABEL_END = re.compile(r"[\s:;.,\-–—)]+$")


def own_label(statement: Statement) -> str | None:
    """The plan's own label of a statement, tidied ("Mål 2:" -> "Mål 2", a bare "2" -> "Mål 2");
    None for bullets and dashes."""
    label = _LABEL_END.sub("", (statement.label or "").strip())
    if not any(ch.isalnum() for ch in label):
        return None
    return label if any(ch.isalpha() for ch in label) else f"{KIND_SV[statement.kind].capitalize()} {label}"


def statement_name(statement: Statement) -> str:
    """What a person calls the statement: its own label ("Mål 2"), or its kind ("Aktivitet")."""
    return own_label(statement) or KIND_SV[statement.kind].capitalize()


def ref_place(ref: SourceRef) -> str:
    """The place of a reference without the file name ("blad 'Mål', rad 14, kolumn C")."""
    text = str(ref)
    name = ref.path.replace("\\", "/").rsplit("/", 1)[-1]
    return text[len(name) + 2:] if text.startswith(name + ", ") else text


def plan_places(plan: Plan) -> dict[str, str]:
    """Every statement's place, by id, without the file name."""
    by_id = {s.id: s for s in plan.statements}
    places: dict[str, str] = {}
    counters: dict[tuple, int] = {}
    for s in plan.statements:
        places[s.id] = _place(s, by_id, places, counters)
    return places


def _place(s: Statement, by_id: dict[str, Statement], places: dict[str, str], counters: dict[tuple, int]) -> str:
    ref = s.ref
    if ref.sheet is not None or (ref.row is not None and ref.table is None):
        return ref_place(ref)  # a spreadsheet: blad, rad, kolumn
    parent = by_id.get(s.parent) if s.parent else None
    if ref.table is not None:
        head = places[parent.id] if parent is not None and parent.ref.table != ref.table else (s.section or "")
        label = own_label(s)
        if s.kind == "goal" and label:  # "Vad vill vi uppnå › Mål 2 (tabell 1, rad 3)"
            return SEP.join(p for p in (head, f"{label} (tabell {ref.table}, rad {ref.table_row})") if p)
        where = ref_place(SourceRef(ref.path, table=ref.table, table_row=ref.table_row, table_cell=ref.table_cell))
        return SEP.join(p for p in (head, where) if p)
    label = own_label(s)
    if s.kind == "goal" or parent is None:
        if label:
            return SEP.join(p for p in (s.section, label) if p)
        if s.section:
            key = ("n", s.section, s.kind)
            counters[key] = counters.get(key, 0) + 1
            return f"{s.section}{SEP}{KIND_SV[s.kind]} nr {counters[key]}"
        return ref_place(ref)  # nothing to go by: the paragraph, counted from 1
    own_heading = s.section and s.section != parent.section and parent.text not in s.section
    group = s.section if own_heading else _KIND_PLURAL[s.kind]
    if label:
        return f"{places[parent.id]}{SEP}{group}{SEP}{label}"
    item_key = (parent.id, group)
    counters[item_key] = counters.get(item_key, 0) + 1
    return f"{places[parent.id]}{SEP}{group}, punkt {counters[item_key]}"


def short_names(plan: Plan, places: dict[str, str] | None = None) -> dict[str, str]:
    """Every statement's short name (see `short_name`), naming the sheet only where the plan's
    statements of that kind (goals, say) stand on more than one."""
    places = places or plan_places(plan)
    sheets: dict[str, set] = {}
    for s in plan.statements:
        if s.ref.sheet is not None:
            sheets.setdefault(s.kind, set()).add(s.ref.sheet)
    return {s.id: short_name(s, places[s.id], with_sheet=len(sheets.get(s.kind, ())) > 1) for s in plan.statements}


def short_name(statement: Statement, place: str, with_sheet: bool = True) -> str:
    """A short name to list goals by ("Mål 2", "mål på rad 6", "mål i tabell 1, rad 3")."""
    label = own_label(statement)
    if label:
        return label
    kind = KIND_SV[statement.kind]
    ref = statement.ref
    if ref.table is not None:
        return f"{kind} i tabell {ref.table}, rad {ref.table_row}"
    if ref.row is not None:
        return f"{kind} på rad {ref.row}" + (f" (blad '{ref.sheet}')" if ref.sheet and with_sheet else "")
    return place.rsplit(SEP, 1)[-1]
