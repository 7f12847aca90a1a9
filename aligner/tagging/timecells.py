"""Time frames in a table row: a deadline column ("Klart senast", "Slutdatum") or a target column's header
year ("Målvärde 2027") gives a statement its horizon, with the column as evidence.

The header patterns live in the time-horizon concept's rule file (its `timeframe:` block); the years in a
cell are read in every written form timeframe.py knows.
"""

from __future__ import annotations

import re
from functools import lru_cache

from aligner.model import Evidence, Horizon, HorizonStatus
from aligner.tagging.rules import Timeframe
from aligner.tagging.terms import match_form
from aligner.tagging.timeframe import PERIODS, RULE_CELL, RULE_HEADER, SHORT_YEAR, short_year, token_year, word_is


@lru_cache(maxsize=8)
def _header_patterns(patterns: tuple[str, ...]) -> tuple[frozenset[str], tuple[str, ...], tuple[str, ...], tuple]:
    """Header patterns sorted for speed: one-word patterns as a set of words and tuples of
    prefixes and suffixes (str.startswith takes a tuple), the rest as lists of words."""
    exact, prefixes, suffixes, general = set(), [], [], []
    for pattern in patterns:
        wanted = pattern.split()
        if len(wanted) == 1 and "*" not in pattern:
            exact.add(pattern)
        elif len(wanted) == 1 and pattern.count("*") == 1 and pattern.endswith("*"):
            prefixes.append(pattern[:-1])
        elif len(wanted) == 1 and pattern.count("*") == 1 and pattern.startswith("*"):
            suffixes.append(pattern[1:])
        else:
            general.append(wanted)
    return frozenset(exact), tuple(prefixes), tuple(suffixes), tuple(general)


@lru_cache(maxsize=4096)  # a plan repeats a handful of headers on every row
def _header_matches(header: str, patterns: tuple[str, ...]) -> bool:
    """Does the header hold one of the patterns as words of its own ("slutdat*" in "Slutdatum, plan")?"""
    words = [match_form(w) for w in header.split()]
    exact, prefixes, suffixes, general = _header_patterns(patterns)
    for word in words:
        if word in exact or (prefixes and word.startswith(prefixes)) or (suffixes and word.endswith(suffixes)):
            return True
    for wanted in general:
        n = len(wanted)
        if any(all(word_is(words[i + j], wanted[j]) for j in range(n)) for i in range(len(words) - n + 1)):
            return True
    return False


def header_role(header: str, tf: Timeframe) -> tuple[str | None, tuple[int, int, int] | None]:
    """What a column header says: 'reference', 'deadline', 'target' (a year in it) or None,
    and for a target the (year, start, end) of its year."""
    if _header_matches(header, tf.reference_headers):
        return "reference", None
    if _header_matches(header, tf.deadline_headers):
        return "deadline", None
    year = _header_year(header)
    return ("target", year) if year else (None, None)


def horizon_from_cells(cells: tuple[tuple[str, str], ...], tf: Timeframe,
                       roles: dict[str, tuple[str | None, tuple[int, int, int] | None]] | None = None) -> Horizon:
    """A horizon from the statement's table row: a deadline column, or a target column's header year.

    `roles` caches header_role per header (a plan repeats its headers on every row)."""
    roles = {} if roles is None else roles
    found: list[Horizon] = []
    for header, value in cells:
        role, header_year = roles.get(header) or roles.setdefault(header, header_role(header, tf))
        if role is None or role == "reference" or not value.strip():
            continue
        # The cell's latest year: a period "2026–2028" or "2026 – 2028" ends past the horizon.
        years = _years_in(value) if role == "deadline" else []
        if years:
            year, start, end = max(years, key=lambda y: y[0])
            found.append(Horizon(_status(year, tf), year, Evidence(RULE_CELL, value, start, end, source=header)))
        elif role == "deadline" and _PLAN_YEAR_POINT.match(value):
            # "Klart senast: Q2" in a plan's own table is a deadline in the plan's year.
            start = len(value) - len(value.lstrip())
            found.append(Horizon("within", None,
                                 Evidence(RULE_CELL, value, start, len(value.rstrip()), source=header)))
        elif (in_header := header_year or _header_year(header)) is not None:
            # A target column's header year ("Målvärde 2027"), or a deadline column's ("Klart 2026").
            year, start, end = in_header
            found.append(Horizon(_status(year, tf), year, Evidence(RULE_HEADER, header, start, end, source=header)))
    within = [h for h in found if h.status == "within"]
    if within:
        return max(within, key=lambda h: h.year or 0)
    beyond = [h for h in found if h.status == "beyond"]
    return beyond[0] if beyond else Horizon()


# A deadline cell that names a point in the plan's own year without a year: "Q2", "kvartal 3", "T1", "HT",
# "juni", "senast i december", "v. 40", "hösten". The whole cell, so "varje kvartal" or "löpande" are not.
_MONTHS = "januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december"
_PLAN_YEAR_POINT = re.compile(
    rf"^\s*(?:senast\s+)?(?:i\s+|under\s+)?(?:(?:slutet|början|mitten)\s+av\s+)?"
    rf"(?:q[1-4]|kv\.?\s?[1-4]|kvartal\s?[1-4]|(?:första|andra|tredje|fjärde)\s+kvartalet|t[1-3]|tertial\s?[1-3]"
    rf"|ht|vt|hösten|våren|sommaren|{_MONTHS}|{PERIODS}|v\.?\s?\d{{1,2}}|vecka\s?\d{{1,2}})\.?\s*$",
    re.IGNORECASE)


def _years_in(value: str) -> list[tuple[int, int, int]]:
    """Every year in a cell in any written form ("2026-06-30", "2025–2026", "HT25", "HT 25", "läsår 25/26"):
    (year, start, end) of each."""
    years, before = [], ""
    for m in re.finditer(r"[^\s,;()]+", value):
        token = m.group(0).rstrip(".:")
        found = token_year(token) or (short_year(before, token) if SHORT_YEAR.match(token) else None)
        if found:
            years.append((found[0], m.start(), m.start() + len(token)))
        before = token
    return years


@lru_cache(maxsize=4096)  # a plan repeats a handful of headers on every row
def _header_year(header: str) -> tuple[int, int, int] | None:
    """The latest year in a header in any written form ("Målvärde 2025/26" is 2026, "Mål VT26"): (year, start, end)."""
    years = _years_in(header)
    return max(years, key=lambda y: y[0]) if years else None


def _status(year: int, tf: Timeframe) -> HorizonStatus:
    if tf.first_year <= year <= tf.last_year:
        return "within"
    return "beyond" if year > tf.last_year else "none"
