"""Two blocks of a concept file, parsed and validated: `examples` (the sentences a concept must and
must not match) and `timeframe` (the time-horizon concept's years and cue words). Part of
aligner.tagging.rules' parser; a broken block is one RuleError naming the file, block and field.
"""

from __future__ import annotations

from aligner.errors import RuleError
from aligner.model import Example, Timeframe

_TIMEFRAME_KEYS = {
    "first_year",
    "last_year",
    "deadline_cues",
    "reference_cues",
    "name_cues",
    "fillers",
    "deadline_headers",
    "reference_headers",
    "value_units",
}


def parse_examples(where: str, cid: str, raw: object, rule_ids: set[str]) -> tuple[Example, ...]:
    """The `examples` block: `match` and `no_match` lists of texts or {text, rules}."""
    if not isinstance(raw, dict) or set(raw) - {"match", "no_match"}:
        raise RuleError(where, "'examples' ska ha listorna match och no_match", field="examples")
    out: list[Example] = []
    for should, key in ((True, "match"), (False, "no_match")):
        for i, item in enumerate(raw.get(key) or []):
            rules: tuple[str, ...]
            if isinstance(item, str):
                text, rules = item, ()
            elif isinstance(item, dict) and isinstance(item.get("text"), str):
                text, rules = item["text"], tuple(item.get("rules") or ())
            else:
                raise RuleError(where, f"exempel {i + 1} ska vara en text eller {{text, rules}}", field=key)
            for rid in rules:
                if rid not in rule_ids:
                    raise RuleError(where, f"exemplet nämner okänd regel '{rid}'", rid, key)
            out.append(Example(cid, text, should, rules, i))
    return tuple(out)


def _cue_list(where: str, name: str, value: object) -> tuple[tuple[str, ...], ...]:
    from aligner.tagging.terms import match_form

    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise RuleError(where, "ska vara en lista med ord eller fraser", "timeframe", name)
    return tuple(tuple(match_form(w) for w in v.split()) for v in value)


def parse_timeframe(where: str, cid: str, raw: object) -> Timeframe:
    """The `timeframe` block: first_year..last_year and the cue lists, folded for matching."""
    if not isinstance(raw, dict):
        raise RuleError(where, "'timeframe' ska vara en mappning", field="timeframe")
    unknown = set(raw) - _TIMEFRAME_KEYS
    if unknown:
        raise RuleError(where, f"okänd nyckel '{sorted(unknown)[0]}'", "timeframe", sorted(unknown)[0])
    first, last = raw.get("first_year"), raw.get("last_year")
    for name, value in (("first_year", first), ("last_year", last)):
        if not isinstance(value, int) or isinstance(value, bool) or not 1900 <= value <= 2099:
            raise RuleError(where, "ska vara ett årtal (1900–2099)", "timeframe", name)
    assert isinstance(first, int) and isinstance(last, int)  # checked just above
    if first > last:
        raise RuleError(where, "first_year och last_year ska vara årtal i ordning", "timeframe", "last_year")
    cues = {name: _cue_list(where, name, raw.get(name, [])) for name in
            ("deadline_cues", "reference_cues", "name_cues", "fillers", "deadline_headers",
             "reference_headers", "value_units")}
    return Timeframe(
        concept=cid,
        first_year=first,
        last_year=last,
        deadline_cues=cues["deadline_cues"],
        reference_cues=cues["reference_cues"],
        name_cues=cues["name_cues"],
        fillers=frozenset(w for phrase in cues["fillers"] for w in phrase),
        deadline_headers=tuple(" ".join(p) for p in cues["deadline_headers"]),
        reference_headers=tuple(" ".join(p) for p in cues["reference_headers"]),
        value_units=frozenset(" ".join(p) for p in cues["value_units"]),
    )
