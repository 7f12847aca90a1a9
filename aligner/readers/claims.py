"""Claimed links: the concepts a plan itself says a statement serves.

Plans claim links in a column ("Koppling till målbild", "Inriktning", "Bidrar till") or on a
line of their own ("Koppling till målbild: Innovation, Samspel"). Reading a plan loads no rule
files, so the readers keep the names as the plan writes them, split at ; , / "och" or line
breaks; the rule set says which concept each name stands for (`RuleSet.concept_for_name`, with
the names each concept file lists under `names:`), and `resolve_claims` turns them into concept
ids when the plan is tagged. Names are compared with `name_key`: any case, with or without å/ä/ö.
"""

from __future__ import annotations

import re

from aligner.text import fold, normalize_text, split_label, words

# Cell values that claim nothing and are no mistake.
_NO_CLAIM = frozenset({"", "ingen", "inga", "ingen koppling", "saknas", "ej aktuellt", "ej", "nej", "n/a", "na",
                       "inte aktuellt", "ingen sarskild"})
_SEPARATORS = re.compile(r"[;,/\n\r•·|]+|\s+(?:och|samt|&|\+)\s+", re.IGNORECASE)
_PARENTHESES = re.compile(r"\([^)]*\)")

# Words that make a column header or a line label a claim: "Koppling till målbild", "Inriktning",
# "Bidrar till", "Stadens inriktningar".
_CLAIM_HEADER_WORDS = frozenset({
    "malbild", "malbilden", "inriktning", "inriktningar", "inriktningen", "inriktningarna",
    "bidrar", "bidrag",
})
_CLAIM_LINE = re.compile(
    r"^\s*(?:koppling\s+till\s+(?:stadens\s+)?(?:malbild(?:en)?|inriktning(?:en|ar|arna)?)(?:\s+\d{4})?"
    r"|(?:stadens\s+)?inriktning(?:ar|arna)?|malbild(?:en)?(?:\s+\d{4})?"
    r"|bidrar\s+till(?:\s+(?:stadens\s+)?(?:malbild(?:en)?|inriktning(?:en|ar|arna)?))?)"
    r"\s*(?::|–|-)\s*(\S.*)$",
    re.DOTALL,
)
_CLAIM_PHRASE = re.compile(
    r"^\s*(?:(?:malet|aktiviteten|indikatorn)\s+)?bidrar\s+till\s+(?:stadens\s+)?"
    r"(?:malbild(?:en)?|inriktning(?:en|ar|arna)?)\s+(\S.*)$",
    re.DOTALL,
)
_MAX_HEADER_WORDS = 6



def name_key(name: str) -> str:
    """The form claim names are compared in: folded, without bullets, numbering, brackets or dashes."""
    text = _PARENTHESES.sub(" ", fold(normalize_text(name)))
    text = split_label(text.strip())[1]  # "• Innovation", "1. Samspel"
    text = re.sub(r"[_\-–]+", " ", text)
    return " ".join(re.findall(r"[\w/]+", text))


def parse_claims(text: str) -> tuple[str, ...]:
    """The names a claim cell gives, as written ("Klimatneutralitet 2030; Livskvalitet" -> both).

    Each name comes once; "-", "Ingen" and empty parts claim nothing."""
    out: list[str] = []
    for part in _SEPARATORS.split(normalize_text(text.replace("\n", ";"))):
        part = part.strip(" .:-–")
        key = name_key(part)
        if key in _NO_CLAIM or not any(ch.isalnum() for ch in key):
            continue
        if part not in out:
            out.append(part)
    return tuple(out)


def is_claim_header(text: str) -> bool:
    """True for a column header that holds claimed links ("Koppling till målbild", "Inriktning", "Bidrar till")."""
    tokens = words(text)
    return 0 < len(tokens) <= _MAX_HEADER_WORDS and bool(_CLAIM_HEADER_WORDS.intersection(tokens))


def split_claim_line(text: str) -> str | None:
    """The names of a claim line ("Koppling till målbild: Innovation, Samspel" -> "Innovation, Samspel"), or None."""
    folded = fold(normalize_text(text))
    match = _CLAIM_LINE.match(folded) or _CLAIM_PHRASE.match(folded)
    if not match:
        return None
    return normalize_text(text)[match.start(1):].strip() or None


def resolve_claims(plan, ruleset):
    """The plan with each statement's claimed names turned into concept ids of the rule set.

    A name the rule set does not know is a warning naming the statement's place and the known
    titles; the statement keeps the names it does know."""
    from dataclasses import replace

    known = ", ".join(c.title for c in ruleset.concepts)
    lookup = dict(ruleset.claim_names)
    order = ruleset.ids
    warnings = list(plan.warnings)
    statements = []
    changed = False
    for s in plan.statements:
        if not s.claimed:
            statements.append(s)
            continue
        ids: list[str] = []
        for name in s.claimed:
            cid = name if name in order else lookup.get(name_key(name))
            if cid is None:
                warnings.append(f"{s.ref}: okänt begrepp '{name}' i kopplingen för {s.id} (känner till {known})")
            elif cid not in ids:
                ids.append(cid)
        ids.sort(key=order.index)
        if tuple(ids) != s.claimed:
            s = replace(s, claimed=tuple(ids))
            changed = True
        statements.append(s)
    if not changed and len(warnings) == len(plan.warnings):
        return plan
    return replace(plan, statements=tuple(statements), warnings=tuple(warnings))
