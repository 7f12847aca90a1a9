"""WordprocessingML as the Word reader walks it: content controls read through, a paragraph's text
and runs (tracked deletions, fields and drawings left out), and what a paragraph's style chain
says of its heading level, list numbering and bold."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from aligner.limits import parse_int
from aligner.readers.wordnum import W
from aligner.text import fold

MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
HEADING_STYLE = re.compile(r"\b(?:heading|rubrik|overskrift|uberschrift|titre|kop)\s*(\d)\b")
# Elements whose text is not part of the paragraph's text.
NOT_TEXT = frozenset({
    f"{W}del", f"{W}moveFrom", f"{W}txbxContent", f"{MC}Fallback", f"{W}pPr", f"{W}rPr", f"{W}instrText",
    f"{W}delText", f"{W}delInstrText", f"{W}footnoteReference", f"{W}endnoteReference", f"{W}commentReference",
    f"{W}fldData", f"{W}drawing", f"{W}pict", f"{W}object", f"{W}sdtPr", f"{W}sdtEndPr",
})


def showing_placeholder(sdt: Any) -> bool:
    """True when a content control still shows its placeholder text ("Klicka här för att ange text")."""
    return sdt.find(f"{W}sdtPr/{W}showingPlcHdr") is not None


def body_content(element: Any) -> Iterator[Any]:
    """The child elements of a body, table, row or cell, with content controls and custom XML opened."""
    for child in element:
        tag = child.tag
        if tag == f"{W}sdt":
            content = child.find(f"{W}sdtContent")
            if content is not None and not showing_placeholder(child):
                yield from body_content(content)
        elif tag == f"{W}customXml":
            yield from body_content(child)
        elif isinstance(tag, str):
            yield child


def text_and_runs(p: Any) -> tuple[str, list[Any]]:
    """A paragraph's accepted text (line breaks as "\\n") and its runs, from the XML."""
    parts: list[str] = []
    runs: list[Any] = []

    def walk(element: Any) -> None:
        for child in element:
            tag = child.tag
            if not isinstance(tag, str) or tag in NOT_TEXT:
                continue
            if tag == f"{W}sdt" and showing_placeholder(child):
                continue
            if tag == f"{W}t":
                parts.append(child.text or "")
            elif tag in (f"{W}tab", f"{W}ptab"):
                parts.append("\t")
            elif tag in (f"{W}br", f"{W}cr"):
                parts.append("\n")
            elif tag == f"{W}noBreakHyphen":
                parts.append("-")
            elif tag == f"{W}softHyphen":
                parts.append("\u00ad")
            else:
                if tag == f"{W}r":
                    runs.append(child)
                walk(child)

    walk(p)
    return "".join(parts), runs


ON = ("1", "true", "on")  # ST_OnOff's true values


def style_kind(element: Any) -> str:
    """The kind of a w:style: paragraph, character, table or numbering."""
    return element.get(f"{W}type") or "paragraph"


def int_val(element: Any, path: str) -> int | None:
    """The w:val number of the element at `path` under `element`, or None when absent or negative."""
    found = element.find(path)
    value = found.get(f"{W}val") if found is not None else None
    number = parse_int(value, 0, None, path.rsplit("}", 1)[-1]) if value else -1
    return number if number >= 0 else None


# --- Styles -------------------------------------------------------------------------------------


def heading_level(p: Any, chain: Sequence[Any]) -> int | None:
    """1 for "Heading 1"/"Rubrik 1"/a custom style named so (or outline level 0), …; None for body text."""
    for style in chain:
        match = HEADING_STYLE.search(fold(style.name or ""))
        if match and match.group(1) != "0":
            return int(match.group(1))
    for element in [p, *(style.element for style in chain)]:
        level = int_val(element, f"{W}pPr/{W}outlineLvl")
        if level is not None:
            return level + 1 if level < 9 else None  # 9 is "body text"
    return None


def numbering_of(p: Any, chain: Sequence[Any]) -> tuple[str, str | None] | None:
    """(numId, ilvl or None) of a numbered or bulleted paragraph, from the paragraph or its style."""
    for element in [p, *(style.element for style in chain)]:
        num_pr = element.find(f"{W}pPr/{W}numPr")
        if num_pr is None:
            continue
        num_id = num_pr.find(f"{W}numId")
        if num_id is None:
            continue
        value = num_id.get(f"{W}val")
        if value == "0":  # numbering explicitly switched off
            return None
        ilvl = num_pr.find(f"{W}ilvl")
        return str(value), ilvl.get(f"{W}val") if ilvl is not None else None
    return None


def style_bold(chain: Sequence[Any]) -> bool | None:
    """Bold as the nearest style of the chain that says so, or None."""
    for style in chain:
        if style.font.bold is not None:
            return style.font.bold
    return None


def is_bold(runs: Sequence[Any], paragraph: Any, default: bool, run_style_bold: Callable[[Any], bool | None]) -> bool:
    """True if every run with text is bold (directly, by character style or by paragraph style,
    whose boldness is `default`)."""
    from docx.text.run import Run

    with_text = [Run(r, paragraph) for r in runs if "".join(t.text or "" for t in r.iter(f"{W}t")).strip()]
    if not with_text:
        return False

    def bold(run: Run) -> bool:
        if run.bold is not None:
            return run.bold
        from_style = run_style_bold(run)
        return default if from_style is None else from_style

    return all(bold(run) for run in with_text)
