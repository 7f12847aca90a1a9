"""Small text helpers shared by readers and tagger: normalising, folding, numbering labels."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Words that follow a dangling hyphen in Swedish lists ("brotts- och olycksförebyggande"):
# a hyphen before them ends a compound part, it does not split a word across lines.
_LIST_WORDS = {"och", "eller", "samt", "respektive", "resp", "som", "men", "till"}

_HYPHEN_BREAK = re.compile(r"(\w)[-\u00ad]\s*\n\s*(\w+)")
_SOFT_HYPHEN = "\u00ad"

# Leading numbering or bullets: "1.", "1.2", "2)", "a)", "A.", "Mål 2:", "Mal 2 -", "Aktivitet 3.1 –", "•", "-".
_LABEL = re.compile(
    r"""^\s*(
        (?:(?:m[åa]l|delm[åa]l|n[äa]mndm[åa]l|f[öo]rvaltningsm[åa]l|verksamhetsm[åa]l|aktivitet|[åa]tg[äa]rd
            |indikator|nyckeltal)
           \s*\d+(?:\.\d+)*[a-z]?\s*[:.)–-]?)            # Mål 2:  Aktivitet 3.1
      | (?:\d{1,3}(?:\.\d+)*[.)]?(?=\s))                   # 1.  1.2  2)  (not a year)
      | (?:[a-zA-Z][.)](?=\s))                           # a)  A.
      | (?:[IVX]+[.)](?=\s))                             # IV.
      | (?:[•·▪■□◦‣○●\-–—*>»](?=\s))                     # bullets
    )\s*""",
    re.VERBOSE | re.IGNORECASE,
)

def fold(text: str) -> str:
    """Lower-case text with å/ä/ö (and a few other marks) folded, for matching only.

    Keeps the length of the text, so offsets in the folded text are offsets in the original.
    """
    text = text.lower()
    if text.isascii():
        return text
    # A chain of replace() scans in C; str.translate with a mapping calls back into Python per
    # character (eight times slower on a sentence, and this runs on every word and goal text).
    return (text.replace("å", "a").replace("ä", "a").replace("ö", "o").replace("é", "e").replace("è", "e")
            .replace("ü", "u").replace("æ", "a").replace("ø", "o"))


def _join_broken_word(match: re.Match) -> str:
    first, rest = match.group(1), match.group(2)
    if rest.lower() in _LIST_WORDS:
        return f"{first}- {rest}"
    return f"{first}{rest}"


@lru_cache(maxsize=65536)  # readers normalise the same cell text many times (headers, repeated goals)
def normalize_text(text: str) -> str:
    """Whitespace-normalised text, with words hyphenated across a line break joined again."""
    text = unicodedata.normalize("NFC", text)
    if "\n" in text:
        text = _HYPHEN_BREAK.sub(_join_broken_word, text)
    if _SOFT_HYPHEN in text or "\u200b" in text:
        text = text.replace(_SOFT_HYPHEN, "").replace("\u200b", "")
    return " ".join(text.split())  # str.split() and the regex \s agree on what whitespace is


def split_label(text: str) -> tuple[str | None, str]:
    """Split leading numbering ("1.", "Mål 2:", "•", "a)") from a statement: (label, text)."""
    match = _LABEL.match(text)
    if not match or match.end() >= len(text):
        return None, text
    label = match.group(1).strip()
    rest = text[match.end():].lstrip(" :.–-")
    if not rest:
        return None, text
    return label, rest


_LETTER = re.compile(r"[^\W\d_]")  # letters, and a few numeric signs ("½") that isalpha() refuses


def has_letters(text: str) -> bool:
    """True if the text holds at least one letter ("-", "x" and "2025" alone are no statement)."""
    match = _LETTER.search(text)
    return match is not None and (text[match.start()].isalpha() or any(ch.isalpha() for ch in text))


_WORD = re.compile(r"\w+")


def words(text: str) -> list[str]:
    """The words of a text, folded."""
    return _WORD.findall(fold(text))


_NUMBERS_SV = ("noll", "ett", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio", "elva", "tolv")


def number_sv(n: int) -> str:
    """A count as Swedish prose writes it: words up to twelve ('sju'), digits above."""
    return _NUMBERS_SV[n] if 0 <= n < len(_NUMBERS_SV) else str(n)


# Swedish alphabetical order: a–z, then å, ä, ö (æ and ø as ä and ö, ü as y, é as e: as Swedish dictionaries do).
_SV_ORDER = {"å": "{", "ä": "|", "æ": "|", "ö": "}", "ø": "}", "ü": "y"}


def swedish_sort_key(text: str) -> tuple[str, str]:
    """A sort key that puts names in Swedish alphabetical order (Å, Ä, Ö after Z), case folded,
    other accents ignored; ties broken by the text itself so the order is total."""
    out = []
    for ch in text.casefold():
        if ch in _SV_ORDER:
            out.append(_SV_ORDER[ch])
        else:
            base = unicodedata.normalize("NFD", ch)[0]
            out.append(base)
    return "".join(out), text


# spaCy's tokenizer strips prefixes and suffixes off a whitespace-free string one at a time, each
# time over the rest of it: 20,000 quotes or parentheses in a row took 36 s. The text the tokenizer
# sees is cut into bounded pieces first (same length, so every character offset stays the same).
PUNCT_RUN_CHARS = 8
MAX_TOKEN_CHARS = 100
_PUNCT_RUN = re.compile(rf"[^\w\s]{{{PUNCT_RUN_CHARS},}}")
_LONG_RUN = re.compile(rf"\S{{{MAX_TOKEN_CHARS + 1},}}")


def _spaced(match: re.Match) -> str:
    run = match.group()
    return "".join(ch if i % 2 == 0 else " " for i, ch in enumerate(run))


def _cut(match: re.Match) -> str:
    run = match.group()
    step = MAX_TOKEN_CHARS
    return "".join(run[i:i + step - 1] + (" " if i + step <= len(run) else run[i + step - 1:i + step])
                   for i in range(0, len(run), step))


def bounded_tokens(text: str) -> str:
    """`text` as the tokenizer should see it: a run of 8 or more punctuation marks has every second
    one turned into a space, and a whitespace-free run longer than 100 characters gets a space every
    100; the length and every other character are kept, so offsets into `text` hold. Ordinary
    statements come back unchanged."""
    if len(text) > PUNCT_RUN_CHARS and _PUNCT_RUN.search(text):
        text = _PUNCT_RUN.sub(_spaced, text)
    if len(text) > MAX_TOKEN_CHARS and _LONG_RUN.search(text):
        text = _LONG_RUN.sub(_cut, text)
    return text


_PARENTHESES = re.compile(r"\([^)]*\)")


def name_key(name: str) -> str:
    """The form claim names are compared in: folded, without bullets, numbering, brackets or dashes."""
    text = _PARENTHESES.sub(" ", fold(normalize_text(name)))
    text = split_label(text.strip())[1]  # "• Innovation", "1. Samspel"
    text = re.sub(r"[_\-–]+", " ", text)
    return " ".join(re.findall(r"[\w/]+", text))
