"""Claimed links: the concepts a plan itself says a statement serves.

Plans claim links in a column ("Koppling till målbild", "Inriktning", "Bidrar till") or on a
line of their own ("Koppling till målbild: Innovation, Samspel"). Reading a plan loads no rule
files, so the readers keep the names as the plan writes them, split at ; , / "och" or line
breaks; the rule set says which concept each name stands for (`RuleSet.concept_for_name`, with
the names each concept file lists under `names:`), and the tagger turns them into concept ids
(aligner.tagging.tagger.resolve_claims). Names are compared with aligner.text.name_key: any case,
with or without å/ä/ö.
"""

from __future__ import annotations

import re

from aligner.text import fold, name_key, normalize_text, words

# Cell values that claim nothing and are no mistake.
_NO_CLAIM = frozenset({"", "ingen", "inga", "ingen koppling", "saknas", "ej aktuellt", "ej", "nej", "n/a", "na",
                       "inte aktuellt", "ingen sarskild"})
_SEPARATORS = re.compile(r"[;,/\n\r•·|]+|\s+(?:och|samt|&|\+)\s+", re.IGNORECASE)

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
