"""Claimed links: the concepts a plan itself says a statement serves.

Plans claim links in a column ("Koppling till målbild", "Inriktning", "Bidrar till") or on a
line of their own ("Koppling till målbild: Innovation, Samspel"). Names are matched in any case,
with or without å/ä/ö, and may be separated by ; , / "och" or line breaks. The names are a
small table here (no rule files are loaded while reading); a test checks it against the concept
titles in rules/.
"""

from __future__ import annotations

import re

from aligner.text import fold, normalize_text, split_label, words

# Concept id -> the names plans use for it, folded (å/ä/ö -> a/a/o), lower case, single spaces.
CONCEPT_NAMES: dict[str, tuple[str, ...]] = {
    "innovation": ("innovation", "innovationer", "innovativ", "innovativa"),
    "samspel": ("samspel",),
    "livskvalitet": ("livskvalitet",),
    "tidshorisont_2027": ("tidshorisont 2027", "tidshorisont", "2027", "tidshorisonten 2027"),
    "trygghet": ("trygghet",),
    "sysselsattning": ("sysselsattning",),
    "klimatneutralitet_2030": (
        "klimatneutralitet 2030", "klimatneutralitet", "klimatneutral 2030", "klimatneutral",
        "klimatneutralt 2030", "klimat", "klimatneutral stad 2030", "klimatneutralitet ar 2030",
    ),
}
# Cell values that claim nothing and are no mistake.
_NO_CLAIM = frozenset({"", "ingen", "inga", "ingen koppling", "saknas", "ej aktuellt", "ej", "nej", "n/a", "na",
                       "inte aktuellt", "ingen sarskild"})
_SEPARATORS = re.compile(r"[;,/\n\r•·|]+|\s+(?:och|samt|&|\+)\s+", re.IGNORECASE)
_PARENTHESES = re.compile(r"\([^)]*\)")

# Words that make a column header or a line label a claim: "Koppling till målbild", "Inriktning",
# "Bidrar till", "Stadens inriktningar".
_CLAIM_HEADER_WORDS = frozenset({
    "malbild", "malbilden", "malbild2027", "inriktning", "inriktningar", "inriktningen", "inriktningarna",
    "bidrar", "bidrag",
})
_CLAIM_LINE = re.compile(
    r"^\s*(?:koppling\s+till\s+(?:stadens\s+)?(?:malbild(?:en)?|inriktning(?:en|ar|arna)?)(?:\s+2027)?"
    r"|(?:stadens\s+)?inriktning(?:ar|arna)?|malbild(?:en)?(?:\s+2027)?"
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

_LOOKUP: dict[str, str] = {name: cid for cid, names in CONCEPT_NAMES.items() for name in names}
_LOOKUP.update({cid.replace("_", " "): cid for cid in CONCEPT_NAMES})


def _name_key(name: str) -> str:
    text = _PARENTHESES.sub(" ", fold(normalize_text(name)))
    text = split_label(text.strip())[1]  # "• Innovation", "1. Samspel"
    text = re.sub(r"[_\-–]+", " ", text)
    return " ".join(re.findall(r"[\w/]+", text))


def concept_for(name: str) -> str | None:
    """The concept id a name stands for ("Klimatneutralitet 2030", "sysselsattning", "2027"), or None."""
    return _LOOKUP.get(_name_key(name))


def parse_claims(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(concept ids, unknown names) of a claim cell such as "Klimatneutralitet 2030; Livskvalitet".

    Ids come once each, in the order of CONCEPT_NAMES; "-", "Ingen" and empty parts claim nothing.
    """
    found: set[str] = set()
    unknown: list[str] = []
    for part in _SEPARATORS.split(normalize_text(text.replace("\n", ";"))):
        part = part.strip(" .:-–")
        key = _name_key(part)
        if key in _NO_CLAIM or not any(ch.isalnum() for ch in key):
            continue
        concept = _LOOKUP.get(key)
        if concept:
            found.add(concept)
        elif part not in unknown:
            unknown.append(part)
    return tuple(c for c in CONCEPT_NAMES if c in found), tuple(unknown)


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
