"""Words shared by the plan readers: column headers, section headings, labels, cell values, organisation.

The other reader modules build on this one: `tables` reads a grid of rows by its header words,
`flow` walks a word-processor document by its headings, `sheets` reads workbook sheets, and
`builder.PlanBuilder` collects the statements, skipped items and warnings of a plan.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Literal

from aligner.model import Kind
from aligner.readers.layout import words_of
from aligner.text import fold, normalize_text, split_label, words

# A list item or paragraph with fewer words than this is not a statement ("för kort").
MIN_WORDS = 3
# Excel: the header row is looked for in this many rows from the top of a sheet.
HEADER_SCAN_ROWS = 30
# A cell with more words than this is data, not a column header.
MAX_HEADER_WORDS = 6
# A heading with more words than this is a statement or prose, never a section name.
MAX_HEADING_WORDS = 7

IdRole = Literal["id", "goal_ref"]

# --- Column headers -----------------------------------------------------------------------------

_GOAL_HEADER_WORDS = frozenset(words_of("headers", "goal"))
_ACTIVITY_HEADER_WORDS = frozenset(words_of("headers", "activity"))
_INDICATOR_HEADER_WORDS = frozenset(words_of("headers", "indicator"))
# Compounds ending in these are still that kind: "Förbättringsåtgärder", "Kvalitetsindikatorer".
_HEADER_SUFFIXES: tuple[tuple[str, Kind], ...] = tuple(
    (suffix, kind) for kind in ("activity", "indicator") for suffix in words_of("headers", "suffixes", kind))
# A header holding any of these is a value, date, id or comment column, never a statement column.
_VALUE_HEADER_WORDS = frozenset(words_of("headers", "value"))
_ID_WORDS = frozenset(words_of("headers", "id"))
_REF_WORDS = frozenset(words_of("headers", "goal_ref"))
# "Mål 2027", "Mål 2020", "Mål 2025–2026": a target value beside an indicator or goal column.
_YEAR_TARGET = re.compile(r"mal\s*(?:ar\s*)?\d{4}(?:\s*[-–/]\s*\d{2,4})?")


def _header_word_kind(token: str) -> Kind | None:
    if token in _GOAL_HEADER_WORDS:
        return "goal"
    if token in _ACTIVITY_HEADER_WORDS:
        return "activity"
    if token in _INDICATOR_HEADER_WORDS:
        return "indicator"
    for suffix, kind in _HEADER_SUFFIXES:
        if token.endswith(suffix):
            return kind
    return None


def classify_header(text: str) -> Kind | None:
    """The statement kind a column header names ("Nämndens mål 2025" -> "goal"), or None.

    Whole folded words only, so "Målvärde 2027" is not a goal column; a header with a value word
    ("Målvärde", "Utfall", "Ansvarig", "Mål-id", "Kommentar", …) is never a statement column.
    """
    tokens = words(text)
    if not tokens or len(tokens) > MAX_HEADER_WORDS or _VALUE_HEADER_WORDS.intersection(tokens):
        return None
    for token in tokens:
        kind = _header_word_kind(token)
        if kind:
            return kind
    return None


def value_header_words(text: str) -> bool:
    """True if a header names a value, date, id or comment ("Målvärde 2027", "Ansvarig", "Utfall")."""
    return bool(_VALUE_HEADER_WORDS.intersection(words(text)))


def is_year_target_header(text: str) -> bool:
    """True for headers like "Mål 2027": a goal word followed by nothing but a year."""
    return bool(_YEAR_TARGET.fullmatch(fold(normalize_text(text))))


def classify_id_header(text: str) -> IdRole | None:
    """'goal_ref' for goal-id columns ("Mål-id", "Målnr", "Koppling till mål"), 'id' for "Id"/"Nr"."""
    tokens = words(text)
    if not tokens or len(tokens) > MAX_HEADER_WORDS:
        return None
    mentions_goal = any(t in _GOAL_HEADER_WORDS or t in ("malnr", "malid") for t in tokens)
    if mentions_goal and _REF_WORDS.intersection(tokens):
        return "goal_ref"
    if _ID_WORDS.intersection(tokens):
        return "goal_ref" if mentions_goal else "id"
    return None


# --- Headings -----------------------------------------------------------------------------------

_HEADING_PHRASES: dict[Kind, tuple[str, ...]] = {
    kind: words_of("headings", kind) for kind in ("goal", "activity", "indicator")
}
# "Nämndens mål", "Skol- och fritidsnämndens indikatorer": a possessive before the section name.
_POSSESSIVE = re.compile(r".*(" + "|".join(words_of("headings", "possessives")) + ")$")
_EXCLUDED_HEADING = re.compile(
    r"\b(" + "|".join(re.escape(p) + r"\w*" for p in words_of("risk", "heading_prefixes")) + r")\b")
_NUMBERING = re.compile(r"^\s*(?:\d+(?:\.\d+)*\.?|[IVX]+\.|[a-zA-Z][.)])\s+")
_LABEL_KINDS: dict[str, Kind] = {
    word: kind for kind in ("goal", "activity", "indicator") for word in words_of("labels", kind)
}
_RISK_LABELS = frozenset(words_of("risk", "labels"))
GENERIC_HEADINGS = frozenset(words_of("headings", "generic"))


def is_excluded_heading(text: str) -> bool:
    """True for risk and internal-control headings ("Risker och åtgärder – internkontroll",
    "Intern kontroll"): a short heading that names them, or one that starts with them. A goal
    that mentions them ("… med god intern kontroll", "Minska risken för fallolyckor") is none."""
    form = fold(_NUMBERING.sub("", text, count=1)).strip()
    match = _EXCLUDED_HEADING.search(form)
    return match is not None and (match.start() == 0 or len(form.split()) <= 4)


def _match_phrase(tokens: list[str]) -> tuple[Kind, str, list[str]] | None:
    """(kind, phrase, tokens after it) for the section name the tokens start with."""
    for kind, phrases in _HEADING_PHRASES.items():
        for phrase in phrases:
            parts = phrase.split()
            if tokens[: len(parts)] == parts:
                return kind, phrase, tokens[len(parts):]
    return None


def _section_match(text: str) -> tuple[Kind, str, list[str]] | None:
    stripped = _NUMBERING.sub("", normalize_text(text))
    tokens = words(stripped)
    if not tokens or len(tokens) > MAX_HEADING_WORDS or is_excluded_heading(stripped):
        return None
    found = _match_phrase(tokens)
    if found:
        return found
    # The owner may be several words: "Skol- och fritidsnämndens mål".
    owner = next((i for i, token in enumerate(tokens[:-1]) if _POSSESSIVE.fullmatch(token)), None)
    if owner is not None:
        found = _match_phrase(tokens[owner + 1:])
        if found and found[1] != "uppdrag":  # "Nämndens uppdrag" is the basic remit, not a task list
            return found
    return None


def classify_heading(text: str) -> Kind | None:
    """The statement kind a section heading introduces ("3.1 Vad vill vi uppnå" -> "goal"), or None.

    The heading must start with a known section name (numbering, a possessive like "Nämndens" and
    diacritics are ignored). Risk and internal-control headings, "Nämndens uppdrag" (the basic
    remit) and long headings are not statement sections.
    """
    found = _section_match(text)
    return found[0] if found else None


def is_section_name(text: str) -> bool:
    """True if the text is only a section name, maybe with a year ("Aktiviteter 2025", "Våra mål")."""
    found = _section_match(text)
    return found is not None and all(token.isdigit() for token in found[2])


def is_risk_label(label: str | None) -> bool:
    """True for a label that belongs to a risk table's vocabulary ("Risk:", "Åtgärd:", "Kontroll:")."""
    first = words(label or "")[:1]
    return bool(first) and first[0] in _RISK_LABELS


def label_kind(label: str | None) -> Kind | None:
    """The kind a numbering label names: "Mål 2:" -> "goal", "Aktivitet 3.1" -> "activity", "1." -> None."""
    if not label:
        return None
    first = words(label)[:1]
    if not first or first[0].isdigit():
        return None
    return _LABEL_KINDS.get(first[0])


_KIND_PREFIX = re.compile(r"^\s*([^\W\d_][\w\s/-]{0,40}?)\s*:\s*(\S.*)$", re.DOTALL)


def split_kind_prefix(text: str) -> tuple[Kind, str, str] | None:
    """(kind, prefix, rest) for lines like "Aktivitet: Genomföra …" or "Indikatorer: Andel …"."""
    match = _KIND_PREFIX.match(text)
    if not match or len(words(match.group(1))) > 4:
        return None
    kind = classify_heading(match.group(1))
    return (kind, match.group(1).strip(), match.group(2).strip()) if kind else None


_METADATA_KEYS = tuple(tuple(key.split()) for key in words_of("metadata", "keys"))


def is_metadata_line(text: str) -> bool:
    """True for a cover-block line such as "Beslutat av: Kulturnämnden", "Datum: 2024-12-12", "Nämnd: X"."""
    key, colon, value = normalize_text(text).partition(":")
    if not colon or not value.strip():
        return False
    tokens = tuple(words(key))
    return any(tokens == k for k in _METADATA_KEYS)


def is_metadata_key(text: str) -> bool:
    """True for a cover-table key cell ("Beslutad av", "Datum:", "Gäller för")."""
    return tuple(words(text)) in _METADATA_KEYS


_CUES: dict[Kind, frozenset[str]] = {
    kind: frozenset(words_of("cues", kind)) for kind in ("goal", "activity", "indicator")
}


def cue_kind(text: str) -> Kind | None:
    """The kind a statement's own wording suggests: a measure first ("Andel …") an indicator, an
    infinitive first ("Genomföra …") an activity, a "ska"-sentence a goal; else None."""
    tokens = words(split_label(normalize_text(text))[1])
    if not tokens:
        return None
    if tokens[0] in _CUES["indicator"]:
        return "indicator"
    if tokens[0] in _CUES["activity"]:
        return "activity"
    if _CUES["goal"].intersection(tokens):
        return "goal"
    return None


def count_words(text: str) -> int:
    """Number of words in a text."""
    return len(words(text))


# --- Values, items, organisation ----------------------------------------------------------------

_EXCEL_ERRORS = frozenset({"#REF!", "#N/A", "#VALUE!", "#DIV/0!", "#NAME?", "#NUM!", "#NULL!"})


def _format_number(number: float) -> str:
    if isinstance(number, int):
        return str(number)
    number = round(number, 9)
    return str(int(number)) if number.is_integer() else repr(number)


def format_value(value: object, number_format: str = "General") -> str:
    """A cell value as text: dates as ISO "YYYY-MM-DD", 3.0 as "3", 0.9 in a % cell as "90 %"."""
    if type(value) is str:  # most cells: skip the type checks below
        return "" if value.strip() in _EXCEL_ERRORS else value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Ja" if value else "Nej"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time():
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, int | float):
        if "%" in (number_format or ""):
            return f"{_format_number(value * 100)} %"
        return _format_number(value)
    text = str(value)
    return "" if text.strip() in _EXCEL_ERRORS else text


_ORG_LINE = re.compile(r"^(?:ansvarig\s+)?(" + "|".join(words_of("organisation", "line_keys") +
                                                         words_of("organisation", "scope_keys")) + ")"
                       r"\s*:\s*(\S.{0,120})$")
_ORG_WORD = re.compile(r"(" + "|".join(words_of("organisation", "words")) + ")(en|et)?$")
_GENITIVE_ORG = re.compile(r"^(.{3,120}?(?:nämnd|förvaltning|styrelse|bolag)(?:en|et)?)s\s+\w*plan", re.IGNORECASE)


_YEAR_TAIL = re.compile(r"[\s,–—-]*\d{4}(?:\s*[-–/]\s*\d{2,4})?\s*$")


def org_name(text: str | None) -> str | None:
    """An organisation written as a name ("Vård- och omsorgsnämnden", "Helsingborgshem AB"), or None.

    A year at the end is dropped; a name in capitals (a cover page's "VÅRD- OCH OMSORGSNÄMNDEN")
    or in lower case gets a name's casing. A whole title or sentence ("Verksamhetsplan 2025 för …",
    more than eight words) is no name.
    """
    text = _YEAR_TAIL.sub("", normalize_text(text or "")).strip(" .,:;–-")
    tokens = words(text)
    if not tokens or len(tokens) > 8 or not any(ch.isalpha() for ch in text):
        return None
    if any(t.endswith(("plan", "planen", "planer")) for t in tokens):
        return None
    if text.isupper():
        text = text.lower()
        if text.endswith(" ab"):
            text = text[:-3] + " AB"
    return text[:1].upper() + text[1:]


def _org_from_title(title: str) -> str | None:
    """"Skol- och fritidsnämndens verksamhetsplan", "VP 2025 för X-förvaltningen", "VP 2025 – X-nämnden"."""
    match = _GENITIVE_ORG.match(title)
    if match:
        return match.group(1)
    folded = fold(title)
    for separator in (" for ", " – ", " - ", ": "):
        at = folded.rfind(separator)
        tail = title[at + len(separator):].strip(" .,:;–-") if at >= 0 else ""
        tail_words = words(tail)
        if tail_words and (any(_ORG_WORD.search(w) for w in tail_words) or tail.endswith(" AB")):
            return tail
    return None


def find_org(lines: Iterable[str], title: str | None = None, subtitle: str | None = None) -> str | None:
    """The organisation a plan names, as a name: a "Förvaltning: X" / "Nämnd: X" / "Bolag: X" line,
    else a subtitle that is an organisation, else the title ("Verksamhetsplan 2025 för
    Skol- och fritidsförvaltningen", "Vård- och omsorgsnämndens verksamhetsplan"), else a
    "Gäller för: X" line."""
    scope = None
    for line in lines:
        text = normalize_text(line)
        match = _ORG_LINE.match(fold(text))
        if not match:
            continue
        value = org_name(text[match.start(2):])
        if not value:
            continue
        if match.group(1).startswith("g"):
            scope = scope or value
        else:
            return value
    if subtitle and any(_ORG_WORD.search(w) for w in words(subtitle)) or (subtitle or "").endswith(" AB"):
        found = org_name(subtitle)
        if found:
            return found
    return org_from_title(title) or scope


def org_from_title(title: str | None) -> str | None:
    """The organisation a title names, as a name, or None."""
    found = _org_from_title(normalize_text(title)) if title else None
    return org_name(found) if found else None
