"""Words a hyphen leaves open: a word broken at a line break ("Arbets-\nlösheten", "trygghets-
vandringar") and a compound part left hanging before "och" ("brotts- och olycksförebyggande"), which
the next word completes."""

from __future__ import annotations

# A compound part left hanging before these words is finished by the next word:
# "brotts- och olycksförebyggande", "klimat- och energiplanen".
_LIST_WORDS = {"och", "eller", "samt", "respektive", "resp", ",", "&", "/"}


def broken_tail(tokens: list, i: int) -> int | None:
    """For a word broken by a hyphen at a line break or before a space ("Arbets-\nlösheten",
    "trygghets- vandringar"), the index of its second half; None for a dangling part ("brotts- och")."""
    text = tokens[i].text
    if len(text) < 2 or not text[-2].isalpha():  # "e-\ntjänster": one letter before the hyphen is enough
        return None
    j = i + 1
    while j < len(tokens) and tokens[j].is_space:
        j += 1
    if j >= len(tokens) or not tokens[j].is_alpha or not tokens[j].is_lower or tokens[j].lower_ in _LIST_WORDS:
        return None
    if j == i + 1 and not tokens[i].whitespace_:
        return None  # "IT-säkerhet" style tokens are already one word
    return j


def dangling_head(tokens: list, i: int) -> int | None:
    """For a dangling compound part at i ("brotts-"), the index of the word that completes it."""
    text = tokens[i].text
    if len(text) < 3 or not text.endswith("-") or not text[-2].isalpha():
        return None
    j = i + 1
    while j < len(tokens) and (tokens[j].lower_ in _LIST_WORDS or tokens[j].text.endswith("-")):
        j += 1
    if j == i + 1 or j >= len(tokens) or not tokens[j].is_alpha:
        return None
    return j
