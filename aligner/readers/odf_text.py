"""OpenDocument text (.odt) as flow blocks: paragraphs with their heading levels, list numbers and
bold, tables with merged cells, and frames (text boxes) after the paragraph they are anchored in;
read by `flow.read_blocks` like a Word document's blocks."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from aligner.limits import check
from aligner.model import SourceRef
from aligner.readers.blocks import Para, Table, label_class
from aligner.readers.grid import GridCell, GridRow, make_cell
from aligner.readers.odf_xml import (
    DRAW,
    TABLE,
    TEXT,
    ListLevel,
    RowSource,
    Styles,
    column_span,
    continued_cell,
    format_list_number,
    normalize_text,
    number_label,
    outline_level,
    paragraph_text,
    parse_int,
    rows_spanned,
    table_rows,
)
from aligner.text import fold, split_label

_HEADING_STYLE = re.compile(r"\b(?:heading|rubrik|overskrift|uberschrift|titre|kop)\s*(\d)\b")
_TITLE_STYLES = frozenset({"title", "rubrik", "titel"})
_LIST_STYLE = re.compile(r"list|punkt|numrer")


# --- Text documents -----------------------------------------------------------------------------


@dataclass
class _ListState:
    """Counters per list style; a list that does not continue another restarts them."""

    counters: dict[str, list[int]] = field(default_factory=dict)

    def restart(self, style: str) -> None:
        self.counters[style] = [0] * 11

    def label(self, style: str, level: int, levels: dict[int, ListLevel], start: int | None) -> str | None:
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
        numbers = [format_list_number(counters[n] or levels.get(n, spec).start, levels.get(n, spec).num_format or "1")
                   for n in range(first, level + 1)]
        return f"{spec.prefix}{'.'.join(numbers)}{spec.suffix}".strip() or None


@dataclass(frozen=True)
class _Item:
    """A paragraph met inside lists: its list style, level and whether it starts its list item."""

    style: str | None
    level: int
    first: bool
    start: int | None


class TextReader:
    """Turns the office:text body into flow blocks, counting paragraphs, tables and list numbers."""

    def __init__(self, styles: Styles, path: str):
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
            elif isinstance(tag, str) and tag.startswith(DRAW):
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
        label = number_label(element)
        if item is None or not item.first or not item.style:
            return label
        counted = self.lists.label(item.style, item.level, self.styles.lists.get(item.style, {}), item.start)
        return label or counted

    def para(self, element: Any, item: _Item | None) -> Para:
        """A body paragraph as the walk sees it."""
        raw, bold = paragraph_text(element, self.styles)
        text = normalize_text(raw)
        chain = self.styles.chain(element.get(f"{TEXT}style-name"))
        names = [fold(s.display) for s in chain]
        is_title = bool(names) and any(n.strip() in _TITLE_STYLES for n in names[:2])
        auto_label = self._auto_label(element, item)
        level = None
        if element.tag == f"{TEXT}h":
            level = outline_level(element.get(f"{TEXT}outline-level")) or 1
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
        rows = [RowSource(r) for r in table_rows(element)]
        return Table(number, tuple(self._grid(rows, number)))

    def _grid(self, rows: list[RowSource], number: int) -> Iterator[GridRow]:
        spans: dict[int, list[Any]] = {}  # column -> [rows left, GridCell]
        width = max((sum(column_span(c) for c in r.cells) for r in rows), default=0)
        check("sheet_cells", width * len(rows), f"tabell {number}")
        for row_number, source in enumerate(rows, start=1):
            grid: list[GridCell] = []
            wide_cells = 0
            for element in source.cells:
                column = len(grid)
                if element.tag == f"{TABLE}covered-table-cell":
                    grid.append(continued_cell(spans, column))
                    continue
                cell = self._cell(element)
                columns, down = column_span(element), rows_spanned(element)
                if down > 1:
                    spans[column] = [down - 1, cell]
                grid.append(cell)
                wide_cells += 1
                grid.extend([GridCell()] * (columns - 1))
            ref = SourceRef(self.path, table=number, table_row=row_number)
            first = source.cells[0] if source.cells else None
            spanning = (wide_cells == 1 and len(source.cells) >= 1 and first is not None and column_span(first) > 1
                        and column_span(first) >= width and bool(grid[0].text.strip()))
            yield GridRow(tuple(grid), ref, _table_cell_ref(ref), spanning)

    def _cell(self, element: Any) -> GridCell:
        paragraphs: list[str] = []
        tables: list[tuple[GridRow, ...]] = []
        for kind, child, item in self._flow(element, None):
            if kind == "table":
                tables.append(self.table(child).rows)
                continue
            if kind == "frame":  # a text box in a cell: its paragraphs are the cell's
                paragraphs.extend(paragraph_text(p, self.styles)[0] for box in _outer_text_boxes(child)
                                  for p in box.iter(f"{TEXT}p"))
                continue
            text = paragraph_text(child, self.styles)[0]
            label = self._auto_label(child, item)
            paragraphs.append(f"{label} {text}" if label and text.strip() else text)
        return make_cell(paragraphs, tables)


def _outer_text_boxes(element: Any) -> Iterator[Any]:
    """The draw:text-box elements under `element` that are not inside another one (that one reads them)."""
    for child in element:
        if child.tag == f"{DRAW}text-box":
            yield child
        elif isinstance(child.tag, str):
            yield from _outer_text_boxes(child)

def _table_cell_ref(ref: SourceRef):
    def cell_ref(index: int) -> SourceRef:
        return SourceRef(ref.path, table=ref.table, table_row=ref.table_row, table_cell=index + 1)

    return cell_ref
