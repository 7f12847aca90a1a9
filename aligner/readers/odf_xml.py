"""The OpenDocument vocabulary shared by the text and the spreadsheet readers: namespaces, styles
(paragraph, text, table and list styles, named and automatic), a paragraph's text, and table rows
with their repeats and spans."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from aligner.limits import parse_int
from aligner.readers.grid import GridCell
from aligner.text import normalize_text

OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
FO = "{urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0}"
DC = "{http://purl.org/dc/elements/1.1/}"
DRAW = "{urn:oasis:names:tc:opendocument:xmlns:drawing:1.0}"

# Repeated rows or cells with text are expanded at most this many times (empty ones just counted).
MAX_REPEAT = 100
# A sheet has at most this many columns (LibreOffice's and Excel's limit).
MAX_COLUMNS = 16384
# Inline elements whose content is not part of the paragraph's text (their tail is).
NOT_TEXT = frozenset({
    f"{TEXT}note", f"{OFFICE}annotation", f"{OFFICE}annotation-end", f"{TEXT}tracked-changes", f"{TEXT}number",
    f"{TEXT}bookmark", f"{TEXT}bookmark-start", f"{TEXT}bookmark-end", f"{TEXT}soft-page-break",
    f"{TEXT}change", f"{TEXT}change-start", f"{TEXT}change-end", f"{TEXT}toc-mark", f"{TEXT}alphabetical-index-mark",
})


# --- Styles -------------------------------------------------------------------------------------


@dataclass
class Style:
    """A paragraph, text or table style: what the readers ask of it (heading level, list, bold, hidden)."""
    name: str
    display: str
    parent: str | None
    bold: bool | None
    outline_level: int | None
    list_style: str | None
    hidden: bool  # a table style with table:display="false"
    automatic: bool  # an automatic style ("P1"): formatting of one paragraph, not a named style


@dataclass
class ListLevel:
    """One level of a list style: a bullet, or how its numbers are written and where they start."""
    bullet: bool
    num_format: str
    prefix: str
    suffix: str
    start: int
    display_levels: int


class Styles:
    """Paragraph, text and table styles and list styles of one document (named and automatic)."""

    def __init__(self, *roots: Any):
        self.styles: dict[str, Style] = {}
        self.lists: dict[str, dict[int, ListLevel]] = {}
        for root in roots:
            if root is None:
                continue
            for holder, automatic in ((root.find(f"{OFFICE}styles"), False),
                                      (root.find(f"{OFFICE}automatic-styles"), True)):
                if holder is not None:
                    self._collect(holder, automatic)

    def _collect(self, holder: Any, automatic: bool) -> None:
        for element in holder:
            if element.tag == f"{STYLE}style":
                self._add_style(element, automatic)
            elif element.tag == f"{TEXT}list-style":
                self.lists[element.get(f"{STYLE}name") or ""] = list_levels(element)

    def _add_style(self, element: Any, automatic: bool) -> None:
        name = element.get(f"{STYLE}name") or ""
        text_props = element.find(f"{STYLE}text-properties")
        weight = text_props.get(f"{FO}font-weight") if text_props is not None else None
        table_props = element.find(f"{STYLE}table-properties")
        level = outline_level(element.get(f"{STYLE}default-outline-level"))
        self.styles[name] = Style(
            name=name,
            display=element.get(f"{STYLE}display-name") or name.replace("_20_", " "),
            parent=element.get(f"{STYLE}parent-style-name"),
            bold=None if weight is None else weight in ("bold", "600", "700", "800", "900"),
            outline_level=level,
            list_style=element.get(f"{STYLE}list-style-name"),
            hidden=table_props is not None and table_props.get(f"{TABLE}display") == "false",
            automatic=automatic,
        )

    def chain(self, name: str | None) -> list[Style]:
        """The style and its parents, nearest first."""
        out: list[Style] = []
        while name and name in self.styles and len(out) < 20:
            out.append(self.styles[name])
            name = out[-1].parent
        return out

    def bold(self, name: str | None) -> bool | None:
        """Bold as the style (or a parent) sets it, or None."""
        return next((s.bold for s in self.chain(name) if s.bold is not None), None)


def list_levels(element: Any) -> dict[int, ListLevel]:
    """The levels of a text:list-style, by level number."""
    levels = {}
    for child in element:
        level = parse_int(child.get(f"{TEXT}level"), 1, "list_level", "text:level")
        start = parse_int(child.get(f"{TEXT}start-value"), 1, "list_start", "text:start-value")
        display = parse_int(child.get(f"{TEXT}display-levels"), 1, "list_level", "text:display-levels")
        levels[level] = ListLevel(
            bullet=child.tag == f"{TEXT}list-level-style-bullet",
            num_format=child.get(f"{STYLE}num-format") or "",
            prefix=child.get(f"{STYLE}num-prefix") or "",
            suffix=child.get(f"{STYLE}num-suffix") or "",
            start=max(start, 0),
            display_levels=max(display, 1),
        )
    return levels


def format_list_number(number: int, fmt: str) -> str:
    """A list number in an ODF num-format ("1", "a", "A", "i", "I"), as Word's numbering writes it."""
    from aligner.readers.wordnum import format_number

    names = {"a": "lowerLetter", "A": "upperLetter", "i": "lowerRoman", "I": "upperRoman"}
    return format_number(number, names.get(fmt, "decimal"))


# --- Paragraph text -----------------------------------------------------------------------------


def paragraph_text(element: Any, styles: Styles) -> tuple[str, bool]:
    """(text with line breaks as "\\n", every non-blank piece bold) of a text:p or text:h."""
    pieces: list[tuple[str, bool]] = []

    def add(text: str | None, bold: bool) -> None:
        if text:
            pieces.append((text, bold))

    def walk(node: Any, bold: bool) -> None:
        add(node.text, bold)
        for child in node:
            tag = child.tag
            if tag == f"{TEXT}s":
                add(" " * max(parse_int(child.get(f"{TEXT}c"), 1, "spaces", "text:s"), 1), bold)
            elif tag == f"{TEXT}tab":
                add("\t", bold)
            elif tag == f"{TEXT}line-break":
                add("\n", bold)
            elif tag in NOT_TEXT or (isinstance(tag, str) and tag.startswith(DRAW)):
                pass
            elif tag == f"{TEXT}span":
                span_bold = styles.bold(child.get(f"{TEXT}style-name"))
                walk(child, bold if span_bold is None else span_bold)
            else:
                walk(child, bold)
            add(child.tail, bold)

    walk(element, bool(styles.bold(element.get(f"{TEXT}style-name"))))
    text = "".join(t for t, _ in pieces)
    visible = [b for t, b in pieces if t.strip()]
    return text, bool(visible) and all(visible)


def number_label(element: Any) -> str | None:
    """The list number LibreOffice saved with a paragraph (text:number), or None."""
    number = element.find(f"{TEXT}number")
    return normalize_text(number.text) if number is not None and number.text and number.text.strip() else None


# --- Table rows -----------------------------------------------------------------------------------


@dataclass
class RowSource:
    """A table row's cells, repeats expanded: all before the last cell with content, MAX_REPEAT after it."""
    element: Any
    cells: list[Any] = field(default_factory=list)

    def __post_init__(self) -> None:
        cells = [c for c in self.element if c.tag in (f"{TABLE}table-cell", f"{TABLE}covered-table-cell")]
        last = max((i for i, c in enumerate(cells) if has_content(c)), default=-1)
        for i, cell in enumerate(cells):
            repeat = repeat_count(cell, "number-columns-repeated")
            # Before the last cell with content every repetition counts, or the columns after it
            # would shift left; after it, repeated (empty) cells are only the rest of the grid.
            self.cells.extend([cell] * min(repeat, MAX_COLUMNS if i < last else MAX_REPEAT))


def has_content(cell: Any) -> bool:
    """True when a cell holds a typed value or text."""
    return cell.get(f"{OFFICE}value-type") is not None or any(
        "".join(p.itertext()).strip() for p in cell.iter(f"{TEXT}p"))


def table_rows(element: Any) -> Iterator[Any]:
    """The table:table-row elements of a table, through header rows and row groups."""
    for child in element:
        if child.tag == f"{TABLE}table-row":
            yield child
        elif child.tag in (f"{TABLE}table-header-rows", f"{TABLE}table-rows", f"{TABLE}table-row-group"):
            yield from table_rows(child)


def column_span(cell: Any) -> int:
    """How many columns a cell spans (at least 1)."""
    return max(parse_int(cell.get(f"{TABLE}number-columns-spanned"), 1, "span", "table:number-columns-spanned"), 1)


def rows_spanned(cell: Any) -> int:
    """How many rows a cell spans (1 when it spans none)."""
    return parse_int(cell.get(f"{TABLE}number-rows-spanned"), 1, "span", "table:number-rows-spanned")


def repeat_count(element: Any, attribute: str) -> int:
    """How many times a row or cell stands repeated (its table:…-repeated attribute, at least 1)."""
    return max(parse_int(element.get(f"{TABLE}{attribute}"), 1, "repeat", f"table:{attribute}"), 1)


def outline_level(value: str | None) -> int | None:
    """An outline level (1-10), None when absent, 0 or negative."""
    level = parse_int(value, 0, "list_level", "outline-level")
    return level if level > 0 else None


def continued_cell(spans: dict[int, list[Any]], column: int) -> GridCell:
    """A covered cell: the continuation of a cell spanning rows above, or the blank part of a wide cell."""
    span = spans.get(column)
    if span and span[0] > 0:
        span[0] -= 1
        return GridCell(text=span[1].text, continued=True)
    return GridCell()
