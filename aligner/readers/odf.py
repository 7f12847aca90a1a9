"""Read a plan from an OpenDocument file (.odt text, .ods spreadsheet), as LibreOffice writes them.

No ODF library: content.xml, styles.xml and meta.xml are parsed with defusedxml (no DTDs, no
entities, no network), after `sniff` has checked the sizes of the zip's members.

Text (.odt): the body is turned into the same blocks as a Word document (`flow.Para`,
`flow.Table`) and read by `flow.read_blocks`. Headings are `text:h` (or a style with an
outline level, or a style named "Heading 1"/"Rubrik 1"); list numbers are counted from the list
styles and kept as labels; tracked changes are read as accepted (the deleted text lives apart,
in `text:tracked-changes`), with a warning; notes and comments are not read; frames (text
boxes) are read after the paragraph they are anchored in, as paragraphs of their own. Merged
table cells: a cell spanning rows continues down them (read once), one spanning columns fills
its first column.

Spreadsheet (.ods): every table is a sheet, read by `sheets.read_sheet`; values are taken from
their typed attributes (dates as ISO dates, percentages as "90 %"), formulas as the value saved
with them. Hidden sheets, rows and columns are listed as skipped, with a warning.

Refs are as for Word (`paragraph`, `table`, `table_row`, `table_cell`) and Excel (`sheet`,
`row`, column letter).
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from aligner.errors import InputError
from aligner.limits import check, current, parse_int, xml_depth
from aligner.model import Plan, SourceRef
from aligner.readers.builder import PlanBuilder
from aligner.readers.common import find_org, format_value
from aligner.readers.flow import Para, Table, find_subtitle, find_title, label_class, org_lines, read_blocks
from aligner.readers.sheets import Sheet, build_plan, cell_ref_factory, read_sheet
from aligner.readers.tables import GridCell, GridRow, make_cell
from aligner.text import fold, normalize_text, split_label

OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
FO = "{urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0}"
DC = "{http://purl.org/dc/elements/1.1/}"

# Repeated rows or cells with text are expanded at most this many times (empty ones just counted).
_MAX_REPEAT = 100
# A sheet has at most this many columns (LibreOffice's and Excel's limit).
_MAX_COLUMNS = 16384
_HEADING_STYLE = re.compile(r"\b(?:heading|rubrik|overskrift|uberschrift|titre|kop)\s*(\d)\b")
_TITLE_STYLES = frozenset({"title", "rubrik", "titel"})
_LIST_STYLE = re.compile(r"list|punkt|numrer")
# Inline elements whose content is not part of the paragraph's text (their tail is).
_NOT_TEXT = frozenset({
    f"{TEXT}note", f"{OFFICE}annotation", f"{OFFICE}annotation-end", f"{TEXT}tracked-changes", f"{TEXT}number",
    f"{TEXT}bookmark", f"{TEXT}bookmark-start", f"{TEXT}bookmark-end", f"{TEXT}soft-page-break",
    f"{TEXT}change", f"{TEXT}change-start", f"{TEXT}change-end", f"{TEXT}toc-mark", f"{TEXT}alphabetical-index-mark",
})
_DRAW = "{urn:oasis:names:tc:opendocument:xmlns:drawing:1.0}"


def read(path: Path, shown: str | None = None) -> Plan:
    """Read the OpenDocument file at `path` into a Plan (`shown`: the path as the user gave it)."""
    shown = shown or str(path)
    parts = _load(path, shown)
    styles = _Styles(parts["styles"], parts["content"])
    body = parts["content"].find(f"{OFFICE}body")
    if body is None:
        raise InputError(shown, "filen saknar innehåll (content.xml har ingen brödtext)",
                         hint="öppna den i LibreOffice och spara om den")
    builder = PlanBuilder(shown)
    core_title = _meta_title(parts["meta"])
    spreadsheet = body.find(f"{OFFICE}spreadsheet")
    if spreadsheet is not None:
        title_rows: list[list[str]] = []
        for element in spreadsheet.findall(f"{TABLE}table"):
            title_rows.extend(read_sheet(_sheet(element, styles, shown), builder))
        return build_plan(builder, title_rows, core_title)
    text = body.find(f"{OFFICE}text")
    if text is None:
        raise InputError(shown, "filen är varken ett OpenDocument-textdokument eller -kalkylblad",
                         hint="spara planen som .odt, .ods, .docx eller .xlsx")
    _warn_tracked_changes(text, builder)
    blocks = list(_TextReader(styles, shown).blocks(text))
    read_blocks(blocks, builder)
    title = find_title(blocks, core_title)
    return builder.build(title=title, org=find_org(org_lines(blocks), title, find_subtitle(blocks)))


def _load(path: Path, shown: str) -> dict[str, Any]:
    """content.xml, styles.xml and meta.xml, parsed safely (None for a part that is missing)."""
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import fromstring

    parts: dict[str, Any] = {}
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            for part in ("content", "styles", "meta"):
                name = f"{part}.xml"
                parts[part] = fromstring(archive.read(name), forbid_dtd=True) if name in names else None
    except DefusedXmlException as exc:
        raise InputError(shown, "filen innehåller otillåtna XML-konstruktioner (DTD eller entiteter) och läses inte",
                         hint="spara om planen i LibreOffice") from exc
    except Exception as exc:  # BadZipFile, ParseError, a CRC error while reading, …
        raise InputError(shown, "filen är skadad och kan inte läsas som OpenDocument",
                         hint="öppna den i LibreOffice och spara om den") from exc
    if parts["content"] is None:
        raise InputError(shown, "filen saknar content.xml och är inget läsbart OpenDocument",
                         hint="öppna den i LibreOffice och spara om den")
    for part, root in parts.items():  # the walks below recurse: a tree past the depth limit is refused here
        if root is not None:
            xml_depth(root, f"{part}.xml")
    return parts


def _meta_title(meta: Any) -> str | None:
    found = meta.find(f"{OFFICE}meta/{DC}title") if meta is not None else None
    return found.text if found is not None and found.text else None


def _warn_tracked_changes(text: Any, builder: PlanBuilder) -> None:
    regions = text.findall(f"{TEXT}tracked-changes/{TEXT}changed-region")
    changes = sum(1 for r in regions if r.find(f"{TEXT}insertion") is not None or r.find(f"{TEXT}deletion") is not None)
    if changes:
        builder.warn(f"dokumentet har {changes} spårade ändringar som inte har godkänts eller avvisats; texten lästes"
                     " som om alla godkänts (infogad text med, borttagen text utan)")


# --- Styles -------------------------------------------------------------------------------------


@dataclass
class _Style:
    name: str
    display: str
    parent: str | None
    bold: bool | None
    outline_level: int | None
    list_style: str | None
    hidden: bool  # a table style with table:display="false"
    automatic: bool  # an automatic style ("P1"): formatting of one paragraph, not a named style


@dataclass
class _ListLevel:
    bullet: bool
    num_format: str
    prefix: str
    suffix: str
    start: int
    display_levels: int


class _Styles:
    """Paragraph, text and table styles and list styles of one document (named and automatic)."""

    def __init__(self, *roots: Any):
        self.styles: dict[str, _Style] = {}
        self.lists: dict[str, dict[int, _ListLevel]] = {}
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
                self.lists[element.get(f"{STYLE}name") or ""] = _list_levels(element)

    def _add_style(self, element: Any, automatic: bool) -> None:
        name = element.get(f"{STYLE}name") or ""
        text_props = element.find(f"{STYLE}text-properties")
        weight = text_props.get(f"{FO}font-weight") if text_props is not None else None
        table_props = element.find(f"{STYLE}table-properties")
        level = _outline(element.get(f"{STYLE}default-outline-level"))
        self.styles[name] = _Style(
            name=name,
            display=element.get(f"{STYLE}display-name") or name.replace("_20_", " "),
            parent=element.get(f"{STYLE}parent-style-name"),
            bold=None if weight is None else weight in ("bold", "600", "700", "800", "900"),
            outline_level=level,
            list_style=element.get(f"{STYLE}list-style-name"),
            hidden=table_props is not None and table_props.get(f"{TABLE}display") == "false",
            automatic=automatic,
        )

    def chain(self, name: str | None) -> list[_Style]:
        """The style and its parents, nearest first."""
        out: list[_Style] = []
        while name and name in self.styles and len(out) < 20:
            out.append(self.styles[name])
            name = out[-1].parent
        return out

    def bold(self, name: str | None) -> bool | None:
        """Bold as the style (or a parent) sets it, or None."""
        return next((s.bold for s in self.chain(name) if s.bold is not None), None)


def _list_levels(element: Any) -> dict[int, _ListLevel]:
    levels = {}
    for child in element:
        level = parse_int(child.get(f"{TEXT}level"), 1, "list_level", "text:level")
        start = parse_int(child.get(f"{TEXT}start-value"), 1, "list_start", "text:start-value")
        display = parse_int(child.get(f"{TEXT}display-levels"), 1, "list_level", "text:display-levels")
        levels[level] = _ListLevel(
            bullet=child.tag == f"{TEXT}list-level-style-bullet",
            num_format=child.get(f"{STYLE}num-format") or "",
            prefix=child.get(f"{STYLE}num-prefix") or "",
            suffix=child.get(f"{STYLE}num-suffix") or "",
            start=max(start, 0),
            display_levels=max(display, 1),
        )
    return levels


def _format_number(number: int, fmt: str) -> str:
    from aligner.readers.wordnum import format_number

    names = {"a": "lowerLetter", "A": "upperLetter", "i": "lowerRoman", "I": "upperRoman"}
    return format_number(number, names.get(fmt, "decimal"))


# --- Paragraph text -----------------------------------------------------------------------------


def _paragraph_text(element: Any, styles: _Styles) -> tuple[str, bool]:
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
            elif tag in _NOT_TEXT or (isinstance(tag, str) and tag.startswith(_DRAW)):
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


def _number_label(element: Any) -> str | None:
    number = element.find(f"{TEXT}number")
    return normalize_text(number.text) if number is not None and number.text and number.text.strip() else None


# --- Text documents -----------------------------------------------------------------------------


@dataclass
class _ListState:
    """Counters per list style; a list that does not continue another restarts them."""

    counters: dict[str, list[int]] = field(default_factory=dict)

    def restart(self, style: str) -> None:
        self.counters[style] = [0] * 11

    def label(self, style: str, level: int, levels: dict[int, _ListLevel], start: int | None) -> str | None:
        counters = self.counters.setdefault(style, [0] * 11)
        spec = levels.get(level)
        if spec is None:
            return None
        level = min(level, 10)
        counters[level] = start if start is not None else (counters[level] + 1 if counters[level] else spec.start)
        counters[level + 1:] = [0] * (11 - level - 1)
        if spec.bullet:
            return "•"
        if not spec.num_format:
            return None
        first = max(level - spec.display_levels + 1, 1)
        numbers = [_format_number(counters[n] or levels.get(n, spec).start, levels.get(n, spec).num_format or "1")
                   for n in range(first, level + 1)]
        return f"{spec.prefix}{'.'.join(numbers)}{spec.suffix}".strip() or None


@dataclass(frozen=True)
class _Item:
    """A paragraph met inside lists: its list style, level and whether it starts its list item."""

    style: str | None
    level: int
    first: bool
    start: int | None


class _TextReader:
    """Turns the office:text body into flow blocks, counting paragraphs, tables and list numbers."""

    def __init__(self, styles: _Styles, path: str):
        self.styles = styles
        self.path = path
        self.lists = _ListState()
        self.paragraphs = 0
        self.tables = 0
        self.textboxes = 0

    def blocks(self, container: Any) -> Iterator[Para | Table]:
        """The paragraphs and tables under `container`, in document order; frames (text boxes)
        after the paragraph they are anchored in, or where they stand in the body."""
        for kind, element, item in self._flow(container, None):
            if kind == "table":
                yield self.table(element)
            elif kind == "frame":
                yield from self._frames(element)
            else:
                yield self.para(element, item)
                self.paragraphs += 1
                yield from self._frames(element)

    def _frames(self, element: Any) -> Iterator[Para | Table]:
        """The paragraphs and tables of the text boxes in a paragraph or body-level frame."""
        for box in _outer_text_boxes(element):
            self.textboxes += 1
            number, index = self.textboxes, 0
            for kind, inner, item in self._flow(box, None):
                if kind == "table":
                    yield self.table(inner)
                elif kind == "p":
                    yield replace(self.para(inner, item), index=index, textbox=number)
                    index += 1

    def _flow(self, container: Any, item: _Item | None) -> Iterator[tuple[str, Any, _Item | None]]:
        """("p", element, list item) and ("table", element, None) in order, lists and sections opened."""
        for child in container:
            tag = child.tag
            if tag in (f"{TEXT}p", f"{TEXT}h"):
                yield "p", child, item
                if item is not None:
                    item = _Item(item.style, item.level, False, None)
            elif tag == f"{TABLE}table":
                yield "table", child, None
            elif tag == f"{TEXT}list":
                yield from self._list(child, item)
            elif tag == f"{TEXT}numbered-paragraph":
                # A paragraph numbered on its own (ODF 1.2): a list item of one paragraph.
                level = child.get(f"{TEXT}level")
                start = child.get(f"{TEXT}start-value")
                yield from self._flow(child, _Item(None, int(level) if level and level.isdigit() else 1, True,
                                                   int(start) if start and start.isdigit() else None))
            elif isinstance(tag, str) and tag.startswith(_DRAW):
                yield "frame", child, None
            elif tag in (f"{TEXT}section", f"{TEXT}index-body", f"{TEXT}table-of-content", f"{TEXT}illustration-index",
                         f"{TEXT}change-start"):
                if tag in (f"{TEXT}table-of-content", f"{TEXT}illustration-index"):
                    continue  # a table of contents repeats the headings
                yield from self._flow(child, item)

    def _list(self, element: Any, outer: _Item | None) -> Iterator[tuple[str, Any, _Item | None]]:
        style = element.get(f"{TEXT}style-name") or (outer.style if outer else None)
        level = outer.level + 1 if outer else 1
        continues = element.get(f"{TEXT}continue-numbering") == "true" or element.get(f"{TEXT}continue-list")
        if outer is None and style and not continues:
            self.lists.restart(style)
        for child in element:
            if child.tag == f"{TEXT}list-item":
                start = child.get(f"{TEXT}start-value")
                item = _Item(style, level, True,
                             None if not start else max(parse_int(start, 1, "list_start", "text:start-value"), 0))
                yield from self._flow(child, item)
            elif child.tag == f"{TEXT}list-header":
                yield from self._flow(child, _Item(style, level, False, None))

    def _auto_label(self, element: Any, item: _Item | None) -> str | None:
        label = _number_label(element)
        if item is None or not item.first or not item.style:
            return label
        counted = self.lists.label(item.style, item.level, self.styles.lists.get(item.style, {}), item.start)
        return label or counted

    def para(self, element: Any, item: _Item | None) -> Para:
        """A body paragraph as the walk sees it."""
        raw, bold = _paragraph_text(element, self.styles)
        text = normalize_text(raw)
        chain = self.styles.chain(element.get(f"{TEXT}style-name"))
        names = [fold(s.display) for s in chain]
        is_title = bool(names) and any(n.strip() in _TITLE_STYLES for n in names[:2])
        auto_label = self._auto_label(element, item)
        level = None
        if element.tag == f"{TEXT}h":
            level = _outline(element.get(f"{TEXT}outline-level")) or 1
        else:
            level = next((s.outline_level for s in chain if s.outline_level), None)
            if level is None:
                level = next((int(m.group(1)) for n in names if (m := _HEADING_STYLE.search(n))), None)
        is_list = item is not None or any(_LIST_STYLE.search(n) for n in names)
        style_name = next((s.display for s in chain if not s.automatic), "")
        label = split_label(text)[0] or auto_label
        numbering = (item.style or "", str(item.level)) if item else None
        return Para(self.paragraphs, text, None if is_title else level, is_title, is_list, bold,
                    (style_name, numbering, label_class(label), bold), auto_label)

    def table(self, element: Any) -> Table:
        """A table as grid rows; nested tables get the numbers after it."""
        self.tables += 1
        number = self.tables
        rows = [_RowSource(r) for r in _table_rows(element)]
        return Table(number, tuple(self._grid(rows, number)))

    def _grid(self, rows: list[_RowSource], number: int) -> Iterator[GridRow]:
        spans: dict[int, list[Any]] = {}  # column -> [rows left, GridCell]
        width = max((sum(_span(c) for c in r.cells) for r in rows), default=0)
        check("sheet_cells", width * len(rows), f"tabell {number}")
        for row_number, source in enumerate(rows, start=1):
            grid: list[GridCell] = []
            wide_cells = 0
            for element in source.cells:
                column = len(grid)
                if element.tag == f"{TABLE}covered-table-cell":
                    grid.append(_continued(spans, column))
                    continue
                cell = self._cell(element)
                columns, down = _span(element), _rows_spanned(element)
                if down > 1:
                    spans[column] = [down - 1, cell]
                grid.append(cell)
                wide_cells += 1
                grid.extend([GridCell()] * (columns - 1))
            ref = SourceRef(self.path, table=number, table_row=row_number)
            first = source.cells[0] if source.cells else None
            spanning = (wide_cells == 1 and len(source.cells) >= 1 and first is not None and _span(first) > 1
                        and _span(first) >= width and bool(grid[0].text.strip()))
            yield GridRow(tuple(grid), ref, _table_cell_ref(ref), spanning)

    def _cell(self, element: Any) -> GridCell:
        paragraphs: list[str] = []
        tables: list[tuple[GridRow, ...]] = []
        for kind, child, item in self._flow(element, None):
            if kind == "table":
                tables.append(self.table(child).rows)
                continue
            if kind == "frame":  # a text box in a cell: its paragraphs are the cell's
                paragraphs.extend(_paragraph_text(p, self.styles)[0] for box in _outer_text_boxes(child)
                                  for p in box.iter(f"{TEXT}p"))
                continue
            text = _paragraph_text(child, self.styles)[0]
            label = self._auto_label(child, item)
            paragraphs.append(f"{label} {text}" if label and text.strip() else text)
        return make_cell(paragraphs, tables)


def _outer_text_boxes(element: Any) -> Iterator[Any]:
    """The draw:text-box elements under `element` that are not inside another one (that one reads them)."""
    for child in element:
        if child.tag == f"{_DRAW}text-box":
            yield child
        elif isinstance(child.tag, str):
            yield from _outer_text_boxes(child)


@dataclass
class _RowSource:
    element: Any
    cells: list[Any] = field(default_factory=list)

    def __post_init__(self) -> None:
        cells = [c for c in self.element if c.tag in (f"{TABLE}table-cell", f"{TABLE}covered-table-cell")]
        last = max((i for i, c in enumerate(cells) if _has_content(c)), default=-1)
        for i, cell in enumerate(cells):
            repeat = _repeat(cell, "number-columns-repeated")
            # Before the last cell with content every repetition counts, or the columns after it
            # would shift left; after it, repeated (empty) cells are only the rest of the grid.
            self.cells.extend([cell] * min(repeat, _MAX_COLUMNS if i < last else _MAX_REPEAT))


def _has_content(cell: Any) -> bool:
    return cell.get(f"{OFFICE}value-type") is not None or any(
        "".join(p.itertext()).strip() for p in cell.iter(f"{TEXT}p"))


def _table_rows(element: Any) -> Iterator[Any]:
    """The table:table-row elements of a table, through header rows and row groups."""
    for child in element:
        if child.tag == f"{TABLE}table-row":
            yield child
        elif child.tag in (f"{TABLE}table-header-rows", f"{TABLE}table-rows", f"{TABLE}table-row-group"):
            yield from _table_rows(child)


def _span(cell: Any) -> int:
    return max(parse_int(cell.get(f"{TABLE}number-columns-spanned"), 1, "span", "table:number-columns-spanned"), 1)


def _rows_spanned(cell: Any) -> int:
    return parse_int(cell.get(f"{TABLE}number-rows-spanned"), 1, "span", "table:number-rows-spanned")


def _repeat(element: Any, attribute: str) -> int:
    return max(parse_int(element.get(f"{TABLE}{attribute}"), 1, "repeat", f"table:{attribute}"), 1)


def _outline(value: str | None) -> int | None:
    """An outline level (1-10), None when absent, 0 or negative."""
    level = parse_int(value, 0, "list_level", "outline-level")
    return level if level > 0 else None


def _continued(spans: dict[int, list[Any]], column: int) -> GridCell:
    """A covered cell: the continuation of a cell spanning rows above, or the blank part of a wide cell."""
    span = spans.get(column)
    if span and span[0] > 0:
        span[0] -= 1
        return GridCell(text=span[1].text, continued=True)
    return GridCell()


def _table_cell_ref(ref: SourceRef):
    def cell_ref(index: int) -> SourceRef:
        return SourceRef(ref.path, table=ref.table, table_row=ref.table_row, table_cell=index + 1)

    return cell_ref


# --- Spreadsheets -------------------------------------------------------------------------------


def _cell_value(cell: Any, styles: _Styles) -> str:
    """The cell's value as text: typed values from their attributes, else the text of its paragraphs."""
    kind = cell.get(f"{OFFICE}value-type")
    value = cell.get(f"{OFFICE}value")
    try:
        if kind in ("float", "currency") and value is not None:
            return format_value(float(value))
        if kind == "percentage" and value is not None:
            return format_value(float(value), "0%")
        if kind == "date" and cell.get(f"{OFFICE}date-value"):
            raw = cell.get(f"{OFFICE}date-value")
            return format_value(dt.datetime.fromisoformat(raw) if "T" in raw else dt.date.fromisoformat(raw))
        if kind == "boolean" and cell.get(f"{OFFICE}boolean-value"):
            return format_value(cell.get(f"{OFFICE}boolean-value") == "true")
    except ValueError:
        pass
    lines = [_paragraph_text(p, styles)[0] for p in cell.iter(f"{TEXT}p")]
    return "\n".join(lines)


def _hidden_columns(table: Any) -> set[int]:
    hidden: set[int] = set()
    column = 0
    for element in table.iter(f"{TABLE}table-column"):
        repeat = _repeat(element, "number-columns-repeated")
        if element.get(f"{TABLE}visibility") in ("collapse", "filter"):
            hidden.update(range(column, column + min(repeat, 1024)))
        column += repeat
    return hidden


def _sheet(table: Any, styles: _Styles, path: str) -> Sheet:
    """One table:table of a spreadsheet as a Sheet (empty repeated rows counted, not built)."""
    name = table.get(f"{TABLE}name") or ""
    style = styles.styles.get(table.get(f"{TABLE}style-name") or "")
    hidden_columns = _hidden_columns(table)
    rows: list[GridRow] = []
    hidden_rows: set[int] = set()
    hidden_cells: list[tuple[int, int, str]] = []
    spans: dict[int, list[Any]] = {}
    notes: list[tuple[SourceRef, str, str]] = []
    number = 0
    walked, limit = 0, current().sheet_cells
    for element in _table_rows(table):
        repeat = _repeat(element, "number-rows-repeated")
        check("rows", number + repeat, f"blad '{name}'")
        source = _RowSource(element)
        values = [("" if c.tag == f"{TABLE}covered-table-cell" else _cell_value(c, styles)) for c in source.cells]
        if not any(v.strip() for v in values) and not spans:
            number += repeat
            continue
        for _ in range(min(repeat, _MAX_REPEAT)):
            number += 1
            ref = SourceRef(path, sheet=name, row=number)
            cells, spanning = _sheet_cells(source, values, spans)
            walked += len(cells)
            if walked > limit:
                check("sheet_cells", walked, f"blad '{name}', rad {number}")
            for col in hidden_columns:
                if col < len(cells):
                    if cells[col].text.strip() and not cells[col].continued:
                        hidden_cells.append((len(rows), col, cells[col].text))
                    cells[col] = GridCell()
            if element.get(f"{TABLE}visibility") in ("collapse", "filter"):
                hidden_rows.add(len(rows))
            rows.append(GridRow(tuple(cells), ref, cell_ref_factory(ref), spanning))
        if repeat > _MAX_REPEAT:
            text = " | ".join(v for v in values if v.strip())
            first = number + 1
            notes.append((SourceRef(path, sheet=name, row=first), text,
                          f"raden upprepas {repeat} gånger; de {repeat - _MAX_REPEAT} sista upprepningarna"
                          f" (rad {first}–{number + repeat - _MAX_REPEAT}) lästes inte"))
        number += max(repeat - _MAX_REPEAT, 0)
    return Sheet(name, tuple(rows), hidden=bool(style and style.hidden), hidden_rows=frozenset(hidden_rows),
                 hidden_cells=tuple(hidden_cells), notes=tuple(notes))


def _sheet_cells(source: _RowSource, values: list[str], spans: dict[int, list[Any]]) -> tuple[list[GridCell], bool]:
    """The cells of one sheet row; merged ranges as in Excel (down: continued, across: blank)."""
    cells: list[GridCell] = []
    wide = False
    for element, value in zip(source.cells, values, strict=True):
        column = len(cells)
        if element.tag == f"{TABLE}covered-table-cell":
            cells.append(_continued(spans, column))
            continue
        cell = make_cell([value])
        down = _rows_spanned(element)
        if down > 1:
            spans[column] = [down - 1, cell]
        cells.append(cell)
        across = _span(element)
        wide = wide or (across > 1 and bool(value.strip()))
        cells.extend([GridCell()] * (across - 1))
    for column in [c for c, span in spans.items() if span[0] <= 0]:
        del spans[column]
    while cells and not cells[-1].text.strip():
        cells.pop()
    filled = [c for c in cells if c.text.strip() and not c.continued]
    return cells, wide and len(filled) == 1
