"""Word list numbering: the number or bullet Word shows before a paragraph, from numbering.xml.

Word keeps automatic numbers out of the text: a paragraph names a list (`w:numId`) and a level
(`w:ilvl`); the list's abstract definition gives each level a format ("decimal", "lowerLetter",
"bullet", …), a start value and a text such as "%1." or "Mål %1:". `Numbering.label` is called
for every paragraph in document order and counts as Word does: per abstract list, a level
restarting the levels below it, a `w:startOverride` restarting the list where it is first used.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from aligner.limits import check, exceeded

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_LEVELS = 9
_PLACEHOLDER = re.compile(r"%([1-9])")
_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
          (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


@dataclass(frozen=True, slots=True)
class _Level:
    fmt: str
    text: str
    start: int
    style: str | None


def _val(element: Any, child: str) -> str | None:
    found = element.find(f"{W}{child}") if element is not None else None
    return found.get(f"{W}val") if found is not None else None


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _letters(number: int) -> str:
    """1 -> "a", 26 -> "z", 27 -> "aa" (Word repeats the letter)."""
    if number < 1:
        return str(number)
    return chr(ord("a") + (number - 1) % 26) * ((number - 1) // 26 + 1)


def _roman(number: int) -> str:
    """1 -> "i", 1994 -> "mcmxciv"; thousands past 3999 as more "m"s. A few steps for any number
    (the start value is bounded, see aligner.limits)."""
    if number < 1:
        return str(number)
    thousands, number = divmod(number, 1000)
    out = "m" * thousands
    for value, letters in _ROMAN[1:]:
        count, number = divmod(number, value)
        out += letters * count
    return out


def format_number(number: int, fmt: str) -> str:
    """A counter in a Word number format: decimal, lowerLetter, upperRoman, decimalZero, …"""
    if fmt == "lowerLetter":
        return _letters(number)
    if fmt == "upperLetter":
        return _letters(number).upper()
    if fmt == "lowerRoman":
        return _roman(number)
    if fmt == "upperRoman":
        return _roman(number).upper()
    if fmt == "decimalZero":
        return f"{number:02d}"
    return str(number)


class Numbering:
    """The lists of one document, counted in document order."""

    def __init__(self, root: Any | None):
        self._abstract: dict[str, dict[int, _Level]] = {}
        self._nums: dict[str, tuple[str, dict[int, int]]] = {}
        self._counters: dict[str, list[int | None]] = {}
        self._started: set[str] = set()
        if root is not None:
            self._parse(root)

    def _parse(self, root: Any) -> None:
        for abstract in root.findall(f"{W}abstractNum"):
            levels = {}
            for lvl in abstract.findall(f"{W}lvl"):
                ilvl = _int(lvl.get(f"{W}ilvl"), 0)
                if not 0 <= ilvl < _LEVELS:
                    raise exceeded("list_level", ilvl + 1, "numbering.xml, w:ilvl", limit=_LEVELS)
                start = check("list_start", _int(_val(lvl, "start"), 1), "numbering.xml, w:start")
                levels[ilvl] = _Level(_val(lvl, "numFmt") or "decimal", _val(lvl, "lvlText") or "", start,
                                      _val(lvl, "pStyle"))
            self._abstract[abstract.get(f"{W}abstractNumId") or ""] = levels
        for num in root.findall(f"{W}num"):
            overrides = {}
            for override in num.findall(f"{W}lvlOverride"):
                start_text = _val(override, "startOverride")
                if start_text is not None:
                    overrides[_int(override.get(f"{W}ilvl"), 0)] = check("list_start", _int(start_text, 1),
                                                                          "numbering.xml, w:startOverride")
            self._nums[num.get(f"{W}numId") or ""] = (_val(num, "abstractNumId") or "", overrides)

    def level_for_style(self, num_id: str, style_id: str | None) -> int:
        """The level a style's numbering uses (the level that names the style), else 0."""
        levels = self._abstract.get(self._nums.get(num_id, ("", {}))[0], {})
        return next((ilvl for ilvl, level in levels.items() if style_id and level.style == style_id), 0)

    def label(self, num_id: str, ilvl: int) -> str | None:
        """Count a paragraph of list `num_id` at level `ilvl`; returns the label Word shows ("1.", "a)", "•")."""
        if num_id not in self._nums:
            return None
        if not 0 <= ilvl < _LEVELS:
            raise exceeded("list_level", ilvl + 1, "document.xml, w:ilvl", limit=_LEVELS)
        abstract_id, overrides = self._nums[num_id]
        levels = self._abstract.get(abstract_id, {})
        level = levels.get(ilvl)
        if level is None:
            return None
        counters = self._counters.setdefault(abstract_id, [None] * _LEVELS)
        if num_id not in self._started:
            self._started.add(num_id)
            for at, start in overrides.items():
                if 0 <= at < _LEVELS:
                    counters[at] = start - 1
                    counters[at + 1:] = [None] * (_LEVELS - at - 1)
        current = counters[ilvl]
        counters[ilvl] = level.start if current is None else current + 1
        counters[ilvl + 1:] = [None] * (_LEVELS - ilvl - 1)
        if level.fmt == "none":
            return None
        if level.fmt == "bullet":
            return "•"

        def number(match: re.Match) -> str:
            at = int(match.group(1)) - 1
            source = levels.get(at, level)
            counted = counters[at]
            value = counted if counted is not None else source.start
            return format_number(value, "decimal" if source.fmt == "bullet" else source.fmt)

        return _PLACEHOLDER.sub(number, level.text).strip() or None
