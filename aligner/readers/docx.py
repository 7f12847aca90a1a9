"""Read a plan from a Word document (.docx) with python-docx and its XML.

python-docx opens the package and resolves styles; the body is walked here, in document order,
straight from the XML, so nothing python-docx leaves out is lost:

- content controls (`w:sdt`) around paragraphs, tables, rows, cells or text are read through;
  one still showing its placeholder text ("Klicka här för att ange text") is not;
- tracked changes are read as accepted: inserted and moved-to text kept, deleted and moved-from
  text dropped, with a warning;
- automatic list numbering is taken from numbering.xml and kept as the statement's label;
- vertically and horizontally merged table cells are read once; tables nested in a cell are read
  after their row, under the row's goal;
- a manual line break inside a paragraph is part of the statement (see `grid.split_lines` for
  table cells).

Headers, footers, comments and footnotes are not part of the body and are not read. Text boxes
anchored in a body paragraph are read after it, as paragraphs of their own (with a warning when
one gives a statement).
The blocks are then read by `flow.read_blocks`. What the XML of a paragraph says (text, runs,
styles, numbering) is aligner.readers.docx_xml.

Refs: `paragraph` is the 0-based index of a body paragraph (tables' paragraphs not counted;
paragraphs inside content controls counted); `table` is the 1-based number of a table in
document order (nested tables counted after the table holding them), `table_row` its 1-based
row (the header is row 1) and `table_cell` the 1-based grid column.
python-docx is imported only when a document is read.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aligner.limits import check, current, parse_int, xml_depth
from aligner.model import Plan, SourceRef
from aligner.readers.blocks import Para, Table, find_subtitle, find_title, label_class, org_lines
from aligner.readers.builder import PlanBuilder
from aligner.readers.common import find_org
from aligner.readers.docx_xml import (
    MC,
    ON,
    body_content,
    heading_level,
    int_val,
    is_bold,
    numbering_of,
    style_bold,
    style_kind,
    text_and_runs,
)
from aligner.readers.flow import read_blocks
from aligner.readers.grid import GridCell, GridRow, make_cell
from aligner.readers.sniff import open_error
from aligner.readers.wordnum import Numbering, W
from aligner.text import fold, normalize_text, split_label

if TYPE_CHECKING:
    from docx.document import Document

_TITLE_STYLES = frozenset({"title", "rubrik", "titel"})
_LIST_STYLE = re.compile(r"list|punkt|numrer")
_TRACKED = (f"{W}ins", f"{W}del", f"{W}moveFrom", f"{W}moveTo")


def read(path: Path, shown: str | None = None) -> Plan:
    """Read the Word document at `path` into a Plan (`shown`: the path as the user gave it)."""
    shown = shown or str(path)
    document = _open(path, shown)
    builder = PlanBuilder(shown)
    try:
        body = document.element.body
        xml_depth(document.element, "word/document.xml")  # the walks below recurse
        blocks = list(_BodyReader(document, shown).blocks(body))
        _warn_tracked_changes(body, builder)
        read_blocks(blocks, builder)
        title = find_title(blocks, document.core_properties.title)
    except (ValueError, KeyError, AttributeError, TypeError) as exc:  # a broken part python-docx did not check
        raise open_error(shown, exc, "ett Word-dokument") from exc
    return builder.build(title=title, org=find_org(org_lines(blocks), title, find_subtitle(blocks)))


def _open(path: Path, shown: str) -> Document:
    """Open the document; any python-docx/zipfile failure becomes an InputError naming the file."""
    try:
        import docx

        return docx.Document(str(path))
    except Exception as exc:  # python-docx raises BadZipFile, KeyError, ValueError (not a Word file), …
        raise open_error(shown, exc, "ett Word-dokument") from exc


def _warn_tracked_changes(body: Any, builder: PlanBuilder) -> None:
    changes = sum(1 for _ in body.iter(*_TRACKED))
    if changes:
        builder.warn(f"dokumentet har {changes} spårade ändringar som inte har godkänts eller avvisats; texten lästes"
                     " som om alla godkänts (infogad text med, borttagen text utan)")


# --- The body -----------------------------------------------------------------------------------


def _cell_ref(ref: SourceRef) -> Callable[[int], SourceRef]:
    def cell_ref(index: int) -> SourceRef:
        return SourceRef(ref.path, table=ref.table, table_row=ref.table_row, table_cell=index + 1)

    return cell_ref


class _BodyReader:
    """Turns the body XML into blocks, counting paragraphs, tables and list numbers in document order."""

    def __init__(self, document: Document, path: str):
        self.path = path
        self.parent = document._body  # gives Paragraph proxies their part, for style look-ups
        self.numbering = Numbering(_numbering_root(document))
        self.paragraphs = 0
        self.tables = 0
        self.textboxes = 0
        self._has_boxes: bool | None = None
        # python-docx finds a style by scanning every style of the document; a plan uses a few,
        # so each style id is resolved once (reading was 10x slower than python-docx itself).
        self._chains: dict[str | None, list[Any]] = {}
        self._run_bold: dict[str | None, bool | None] = {}  # character style id -> its boldness
        self._para_bold: dict[str | None, bool] = {}  # paragraph style id -> its boldness
        self._styles = document.styles.element
        self._by_id: dict[str, Any] | None = None
        self._defaults: dict[str, Any] = {}

    # python-docx finds a style, its base and the defaults by scanning the styles with XPath and
    # Python per call (a third of reading a small plan); the same look-ups, from one pass.

    def _style_element(self, style_id: str | None, kind: str) -> Any:
        """The style element Word uses for a paragraph's or run's style id: the style with that id
        and kind, else the document's default of the kind (the last one marked default)."""
        by_id = self._by_id
        if by_id is None:
            by_id = self._by_id = {}
            for element in self._styles.iterchildren(f"{W}style"):
                by_id.setdefault(element.get(f"{W}styleId"), element)
                if element.get(f"{W}default") in ON:
                    self._defaults[style_kind(element)] = element
        element = by_id.get(style_id) if style_id is not None else None
        if element is None or style_kind(element) != kind:
            return self._defaults.get(kind)
        return element

    def _style_chain(self, element: Any) -> list[Any]:
        """A style and the styles it is based on, as python-docx style objects (a loop in basedOn ends it)."""
        from docx.styles.style import StyleFactory

        chain, seen = [], set()
        by_id = self._by_id or {}  # filled by _style_element, which found `element`
        while element is not None and element not in seen:
            seen.add(element)
            chain.append(StyleFactory(element))
            based = element.find(f"{W}basedOn")
            element = by_id.get(based.get(f"{W}val")) if based is not None else None
        return chain

    def _chain(self, p: Any) -> list[Any]:
        style_id = p.style
        chain = self._chains.get(style_id)
        if chain is None:
            chain = self._chains[style_id] = self._style_chain(self._style_element(style_id, "paragraph"))
        return chain

    def _style_bold_of_run(self, run: Any) -> bool | None:
        style_id = run._r.style
        if style_id not in self._run_bold:
            self._run_bold[style_id] = style_bold(self._style_chain(self._style_element(style_id, "character")))
        return self._run_bold[style_id]

    def blocks(self, container: Any) -> Iterator[Para | Table]:
        """The paragraphs and tables of the body, in document order."""
        for child in body_content(container):
            if child.tag == f"{W}p":
                yield self.para(child)
                self.paragraphs += 1
                yield from self._text_boxes(child)
            elif child.tag == f"{W}tbl":
                yield self.table(child)

    def _text_boxes(self, p: Any) -> Iterator[Para]:
        """The paragraphs of the text boxes anchored in a body paragraph (Word's drawing, not its VML copy)."""
        if self._has_boxes is None:  # one look at the whole body: most documents have none
            body = p.getparent()
            while body is not None and body.tag != f"{W}body":
                body = body.getparent()
            self._has_boxes = body is None or next(body.iter(f"{W}txbxContent"), None) is not None
        if not self._has_boxes:
            return
        for box in p.iter(f"{W}txbxContent"):
            if any(a.tag in (f"{MC}Fallback", f"{W}txbxContent") for a in box.iterancestors()):
                continue
            self.textboxes += 1
            number = self.textboxes
            for index, inner in enumerate(c for c in body_content(box) if c.tag == f"{W}p"):
                yield replace(self.para(inner), index=index, textbox=number)

    def _paragraph(self, p: Any) -> tuple[Any, list[Any], str | None]:
        """(python-docx Paragraph, its style chain, the list label Word shows)."""
        from docx.text.paragraph import Paragraph

        paragraph = Paragraph(p, self.parent)
        chain = self._chain(p)
        numbering = numbering_of(p, chain)
        label = None
        if numbering:
            num_id, ilvl = numbering
            level = parse_int(ilvl, 0, None, "w:ilvl") if ilvl else self.numbering.level_for_style(
                num_id, chain[0].style_id if chain else None)
            label = self.numbering.label(num_id, level)
        return paragraph, chain, label

    def para(self, p: Any) -> Para:
        """A body paragraph as the walk sees it."""
        paragraph, chain, auto_label = self._paragraph(p)
        raw, runs = text_and_runs(p)
        text = normalize_text(raw)
        style_name = (chain[0].name or "") if chain else ""
        is_title = fold(style_name).strip() in _TITLE_STYLES
        numbering = numbering_of(p, chain)
        is_list = numbering is not None or any(_LIST_STYLE.search(fold(s.name or "")) for s in chain)
        style_id = p.style
        if style_id not in self._para_bold:
            self._para_bold[style_id] = bool(style_bold(chain))
        bold = is_bold(runs, paragraph, self._para_bold[style_id], self._style_bold_of_run)
        label = split_label(text)[0] or auto_label
        return Para(
            index=self.paragraphs,
            text=text,
            level=None if is_title else heading_level(p, chain),
            is_title=is_title,
            is_list=is_list,
            bold=bold,
            signature=(style_name, (numbering[0], numbering[1] or "0") if numbering else None, label_class(label),
                       bold),
            auto_label=auto_label,
        )

    def table(self, tbl: Any) -> Table:
        """A table as grid rows; nested tables get the numbers after it."""
        self.tables += 1
        number = self.tables
        return Table(number, tuple(self._rows(tbl, number)))

    def _rows(self, tbl: Any, number: int) -> Iterator[GridRow]:
        """Grid rows: a horizontally merged cell fills its first column, a vertical merge is `continued`."""
        width = len(tbl.findall(f"{W}tblGrid/{W}gridCol"))
        origins: dict[int, GridCell] = {}  # grid column -> the cell a vertical merge continues
        rows = [child for child in body_content(tbl) if child.tag == f"{W}tr"]
        walked, limit = 0, current().sheet_cells
        for row_number, tr in enumerate(rows, start=1):
            before = max(int_val(tr, f"{W}trPr/{W}gridBefore") or 0, 0)
            check("span", before, f"tabell {number}, w:gridBefore")
            grid: list[GridCell] = [GridCell()] * before
            cells = [child for child in body_content(tr) if child.tag == f"{W}tc"]
            for tc in cells:
                column = len(grid)
                span = max(int_val(tc, f"{W}tcPr/{W}gridSpan") or 1, 1)
                check("span", span, f"tabell {number}, w:gridSpan")
                merge = tc.find(f"{W}tcPr/{W}vMerge")
                if merge is not None and merge.get(f"{W}val") in (None, "continue") and column in origins:
                    cell = GridCell(text=origins[column].text, continued=True)
                else:
                    cell = self._cell(tc)
                    origins[column] = cell
                grid.append(cell)
                grid.extend([GridCell()] * (span - 1))
            walked += len(grid)
            if walked > limit:
                check("sheet_cells", walked, f"tabell {number}, rad {row_number}")
            ref = SourceRef(self.path, table=number, table_row=row_number)
            spanning = (len(cells) == 1 and before == 0 and len(grid) > 1 and len(grid) >= width
                        and bool(grid[0].text.strip()) and not grid[0].continued)
            yield GridRow(tuple(grid), ref, _cell_ref(ref), spanning)

    def _cell(self, tc: Any) -> GridCell:
        """A cell's paragraphs (with the list label Word shows in front) and nested tables."""
        paragraphs: list[str] = []
        tables: list[tuple[GridRow, ...]] = []
        for child in body_content(tc):
            if child.tag == f"{W}p":
                _, _, label = self._paragraph(child)
                text = text_and_runs(child)[0]
                paragraphs.append(f"{label} {text}" if label and text.strip() else text)
            elif child.tag == f"{W}tbl":
                tables.append(self.table(child).rows)
        return make_cell(paragraphs, tables)


def _numbering_root(document: Document) -> Any | None:
    """The numbering part's XML, or None if the document has no lists."""
    try:
        return document.part.numbering_part.element
    except (KeyError, NotImplementedError, AttributeError):
        return None
