"""Read a plan from a Word document (.docx) with python-docx.

The body is walked in document order, paragraphs and tables interleaved. Headings set the
section; a section heading ("Vad vill vi uppnå", "Aktiviteter", "Indikatorer", …) decides what
the list items and bold lines below it are. Under a goal section each goal is a lower heading
("Mål 1: …" or a plain heading followed by activities/indicators) or a numbered, bulleted or
bold paragraph; "Aktiviteter:" / "Indikatorer:" lines switch the kind of the items after them.
Tables are read by their header words (see `common.read_table`).

Refs: `paragraph` is the 0-based index into `Document.paragraphs` (the body's own paragraphs,
not those inside tables); `table` is the 1-based number of a body table (`Document.tables`),
`table_row` its 1-based row (the header is row 1) and `table_cell` the 1-based grid column.
Headers, footers, comments and text boxes are not part of the body and are not read.
python-docx is imported only when a document is read.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aligner.model import Kind, Plan, SourceRef
from aligner.readers.common import (
    MIN_WORDS,
    GridCell,
    GridRow,
    PlanBuilder,
    TableContext,
    check_file,
    classify_columns,
    classify_heading,
    count_words,
    find_header_row,
    find_org,
    is_excluded_heading,
    is_section_name,
    label_kind,
    open_error,
    read_table,
    split_items,
    split_kind_prefix,
)
from aligner.text import fold, normalize_text, split_label, words

if TYPE_CHECKING:
    from docx.document import Document
    from docx.table import Table
    from docx.text.paragraph import Paragraph

# A word table's header row is looked for in its first rows only.
_TABLE_HEADER_ROWS = 3
# A bold paragraph longer than this, or with more sentences, is prose, not a goal line.
_MAX_ITEM_WORDS = 60
_MAX_ITEM_SENTENCES = 2
_HEADING_STYLE = re.compile(r"(?:heading|rubrik)\s*(\d)", re.IGNORECASE)
_TITLE_STYLES = frozenset({"title", "rubrik"})
_LIST_STYLE = re.compile(r"list|punkt|numrer")
# Headings that are never the plan's title.
_GENERIC_HEADINGS = frozenset({
    "inledning", "sammanfattning", "innehall", "innehallsforteckning", "bakgrund", "forord", "syfte",
})

Signature = tuple[str, tuple[str, str] | None, str | None, bool]


@dataclass(frozen=True, slots=True)
class _Para:
    """A body paragraph with what the walk needs to know about it."""

    index: int
    text: str
    level: int | None  # heading level, 1 = top; None for body text
    is_title: bool
    is_list: bool
    bold: bool
    signature: Signature  # how the paragraph looks: goals in one list look alike

    @property
    def label(self) -> str | None:
        """Leading numbering or bullet written in the text."""
        return split_label(self.text)[0]


@dataclass(frozen=True, slots=True)
class _Table:
    """A body table as grid rows."""

    number: int
    rows: tuple[GridRow, ...]


def read(path: Path, shown: str | None = None) -> Plan:
    """Read the Word document at `path` into a Plan (`shown`: the path as the user gave it)."""
    shown = shown or str(path)
    check_file(path, shown)
    document = _open(path, shown)
    blocks = list(_blocks(document, shown))
    builder = PlanBuilder(shown)
    _Walker(blocks, builder).run()
    title = _find_title(blocks, document.core_properties.title)
    return builder.build(title=title, org=find_org(_org_lines(blocks), title))


def _open(path: Path, shown: str) -> Document:
    """Open the document; any python-docx/zipfile failure becomes an InputError naming the file."""
    try:
        import docx

        return docx.Document(str(path))
    except Exception as exc:  # python-docx raises BadZipFile, KeyError, ValueError (not a Word file), …
        raise open_error(shown, exc, "ett Word-dokument") from exc


# --- Body blocks --------------------------------------------------------------------------------


def _blocks(document: Document, path: str) -> Iterator[_Para | _Table]:
    """The body's paragraphs and tables in document order."""
    from docx.text.paragraph import Paragraph

    paragraphs = tables = 0
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            yield _para(item, paragraphs)
            paragraphs += 1
        else:
            tables += 1
            yield _Table(tables, tuple(_table_rows(item, tables, path)))


def _style_chain(style: Any) -> Iterator[Any]:
    while style is not None:
        yield style
        style = style.base_style


def _xpath_int(element: Any, query: str) -> int | None:
    if element is None:
        return None
    values = element.xpath(query)
    return int(values[0]) if values and str(values[0]).isdigit() else None


def _heading_level(paragraph: Paragraph, chain: Sequence[Any]) -> int | None:
    """1 for "Heading 1"/"Rubrik 1" (or outline level 0), …; None for body text."""
    for style in chain:
        match = _HEADING_STYLE.fullmatch((style.name or "").strip())
        if match and match.group(1) != "0":
            return int(match.group(1))
    for element in [paragraph._p, *(style.element for style in chain)]:
        level = _xpath_int(element, "./w:pPr/w:outlineLvl/@w:val")
        if level is not None:
            return level + 1 if level < 9 else None  # 9 is "body text"
    return None


def _numbering(paragraph: Paragraph, chain: Sequence[Any]) -> tuple[str, str] | None:
    """(numId, ilvl) of a numbered or bulleted paragraph, from the paragraph or its style."""
    for element in [paragraph._p, *(style.element for style in chain)]:
        num_id = element.xpath("./w:pPr/w:numPr/w:numId/@w:val")
        if num_id:
            if num_id[0] == "0":  # numbering explicitly switched off
                return None
            ilvl = element.xpath("./w:pPr/w:numPr/w:ilvl/@w:val")
            return str(num_id[0]), str(ilvl[0]) if ilvl else "0"
    return None


def _style_bold(chain: Sequence[Any]) -> bool | None:
    for style in chain:
        if style.font.bold is not None:
            return style.font.bold
    return None


def _is_bold(paragraph: Paragraph, chain: Sequence[Any]) -> bool:
    """True if every run with text is bold (directly, by character style or by paragraph style)."""
    from docx.text.run import Run

    runs = []
    for item in paragraph.iter_inner_content():
        runs.extend([item] if isinstance(item, Run) else item.runs)
    runs = [run for run in runs if run.text.strip()]
    if not runs:
        return False
    default = bool(_style_bold(chain))

    def bold(run: Run) -> bool:
        if run.bold is not None:
            return run.bold
        from_style = _style_bold(list(_style_chain(run.style))) if run.style is not None else None
        return default if from_style is None else from_style

    return all(bold(run) for run in runs)


def _label_class(label: str | None) -> str | None:
    if not label:
        return None
    if label_kind(label):
        return "kind"
    if label[0].isdigit():
        return "number"
    return "letter" if label[0].isalpha() else "bullet"


def _is_list(paragraph: Paragraph, chain: Sequence[Any]) -> tuple[bool, tuple[str, str] | None]:
    numbering = _numbering(paragraph, chain)
    styled = any(_LIST_STYLE.search(fold(style.name or "")) for style in chain)
    return numbering is not None or styled, numbering


def _para(paragraph: Paragraph, index: int) -> _Para:
    chain = list(_style_chain(paragraph.style))
    text = normalize_text(paragraph.text)
    is_title = bool(chain) and (chain[0].name or "").strip().lower() in _TITLE_STYLES
    is_list, numbering = _is_list(paragraph, chain)
    bold = _is_bold(paragraph, chain)
    style_name = chain[0].name if chain else ""
    return _Para(
        index=index,
        text=text,
        level=None if is_title else _heading_level(paragraph, chain),
        is_title=is_title,
        is_list=is_list,
        bold=bold,
        signature=(style_name or "", numbering, _label_class(split_label(text)[0]), bold),
    )


def _grid_cell(cell: Any) -> GridCell:
    lines, listed = [], []
    for paragraph in cell.paragraphs:
        is_list = _is_list(paragraph, list(_style_chain(paragraph.style)))[0]
        for line in paragraph.text.split("\n"):  # a soft line break (Shift+Enter) starts a line too
            lines.append(line)
            listed.append(is_list)
    return GridCell(text="\n".join(lines), items=split_items(lines, listed))


def _cell_ref(ref: SourceRef) -> Callable[[int], SourceRef]:
    def cell_ref(index: int) -> SourceRef:
        return SourceRef(ref.path, table=ref.table, table_row=ref.table_row, table_cell=index + 1)

    return cell_ref


def _table_rows(table: Table, number: int, path: str) -> Iterator[GridRow]:
    """The table as grid rows: horizontal spans read once, vertical merges marked `continued`."""
    above: list[Any] = []  # the <w:tc> per grid column of the previous row (kept alive: compared by identity)
    for row_number, row in enumerate(table.rows, start=1):
        cells = [None] * row.grid_cols_before + list(row.cells)
        tcs = [cell._tc if cell is not None else None for cell in cells]
        grid = []
        for i, cell in enumerate(cells):
            tc = tcs[i]
            if cell is None or (i > 0 and tcs[i - 1] is tc):
                grid.append(GridCell())
            elif i < len(above) and above[i] is tc:
                grid.append(GridCell(text=cell.text, continued=True))
            else:
                grid.append(_grid_cell(cell))
        spanning = len(tcs) > 1 and all(tc is tcs[0] for tc in tcs) and bool(grid[0].text.strip())
        ref = SourceRef(path, table=number, table_row=row_number)
        yield GridRow(tuple(grid), ref, _cell_ref(ref), spanning and not grid[0].continued)
        above = tcs


# --- Paragraph roles ----------------------------------------------------------------------------


def _is_prose(text: str) -> bool:
    """Long or many-sentence text: an introduction, not a goal line."""
    sentences = len(re.findall(r"[.!?](?:\s|$)", text))
    return count_words(text) > _MAX_ITEM_WORDS or sentences > _MAX_ITEM_SENTENCES


def _labelled(text: str) -> tuple[Kind, str | None, str] | None:
    """(kind, label, text) for "Mål 2: …", "Aktivitet 3.1 – …" or "Indikator: …" lines."""
    label, rest = split_label(text)
    kind = label_kind(label)
    if kind:
        return kind, None, text  # the builder splits the numbered label itself
    prefixed = split_kind_prefix(text)
    if prefixed:
        return prefixed[0], prefixed[1], prefixed[2]
    return None


def _label_line_kind(para: _Para) -> Kind | None:
    """The kind a line like "Aktiviteter:" or "Så följer vi upp" introduces, or None.

    The line ends in a colon or is nothing but a section name, so an item that merely starts
    with one ("Uppdrag att utreda nya bostäder") stays an item.
    """
    if _labelled(para.text):
        return None
    kind = classify_heading(para.text)
    return kind if kind and (para.text.endswith(":") or is_section_name(para.text)) else None


def _is_item(para: _Para) -> bool:
    """A list item, a numbered/bulleted line or a bold short line."""
    return para.is_list or para.label is not None or (para.bold and not _is_prose(para.text))


def _table_has_goal_column(table: _Table) -> bool:
    at = find_header_row([row.texts() for row in table.rows], _TABLE_HEADER_ROWS)
    return at is not None and any(c.kind == "goal" for c in classify_columns(table.rows[at].texts()))


def _heading_is_goal(blocks: Sequence[_Para | _Table], at: int, level: int) -> bool:
    """Whether a plain heading in a goal section is a goal (True) or groups goals below it (False).

    It is a goal when its own activities/indicators follow (a label line, a sub-heading, a table
    without a goal column) or nothing statement-like does; it groups goals (a målområde) when
    goal items, goal sub-headings or a goal table follow first.
    """
    for block in blocks[at + 1:]:
        if isinstance(block, _Table):
            return not _table_has_goal_column(block)
        if block.is_title or not block.text:
            continue
        if block.level is not None:
            if block.level <= level:
                break
            kind = label_kind(block.label) or classify_heading(block.text)
            if kind:
                return kind != "goal"
            if count_words(block.text) >= MIN_WORDS:
                return False
            continue
        kind = (_labelled(block.text) or (None,))[0] or _label_line_kind(block)
        if kind:
            return kind != "goal"
        if _is_item(block):
            return False
    return True


# --- The walk -----------------------------------------------------------------------------------


@dataclass
class _Frame:
    """An open heading: its level, text, the kind of items under it and the goal they belong to."""

    level: int
    text: str | None
    kind: Kind | None
    goal: str | None = None  # the heading's own goal, or the one inherited from above
    para_goal: str | None = None  # latest goal written as a paragraph under this heading
    goal_sig: Signature | None = None  # how goal paragraphs under this heading look
    excluded: bool = False  # risk / internal-control section: nothing under it is read
    explicit: bool = False  # a section name ("Aktiviteter"), not a goal or a plain heading

    @property
    def current_goal(self) -> str | None:
        """The goal items under this heading belong to."""
        return self.para_goal or self.goal


class _Walker:
    """Walks the body blocks once, keeping the open headings and the current list kind."""

    def __init__(self, blocks: Sequence[_Para | _Table], builder: PlanBuilder):
        self.blocks = blocks
        self.builder = builder
        self.stack = [_Frame(0, None, None)]
        self.base_kind: Kind | None = None  # set by a "Mål:" line outside a heading
        self.sub_kind: Kind | None = None  # set by an "Aktiviteter:" / "Indikatorer:" line
        self.sub_sig: Signature | None = None  # how the first item after that line looks

    @property
    def top(self) -> _Frame:
        """The innermost open heading."""
        return self.stack[-1]

    def context_kind(self) -> Kind | None:
        """The kind of statement an item here is."""
        return self.sub_kind or self.base_kind or self.top.kind

    def run(self) -> None:
        """Walk every block."""
        for at, block in enumerate(self.blocks):
            if isinstance(block, _Table):
                self.table(block)
            elif block.level is not None:
                self.heading(at, block)
            elif block.text and not block.is_title:
                self.paragraph(block)

    def ref(self, para: _Para) -> SourceRef:
        """Where a paragraph stands."""
        return SourceRef(self.builder.path, paragraph=para.index)

    # headings

    def heading(self, at: int, para: _Para) -> None:
        """Close deeper headings and open this one, adding it as a statement if it is one."""
        while len(self.stack) > 1 and self.top.level >= para.level:
            self.stack.pop()
        parent = self.top
        inherited = parent.current_goal
        self.base_kind = self.sub_kind = self.sub_sig = None
        if parent.excluded or is_excluded_heading(para.text):
            self.stack.append(_Frame(para.level, para.text, None, inherited, excluded=True))
            return
        own = label_kind(para.label)
        section_kind = None if own else classify_heading(para.text)
        if section_kind:
            self.stack.append(_Frame(para.level, para.text, section_kind, inherited, explicit=True))
        elif own or (parent.kind == "goal" and _heading_is_goal(self.blocks, at, para.level)):
            self._statement_heading(own or "goal", para, parent, inherited)
        elif parent.kind in ("activity", "indicator") and parent.explicit and count_words(para.text) >= MIN_WORDS:
            self._statement_heading(parent.kind, para, parent, inherited)
        else:
            # A plain heading in a goal section groups goals (a målområde); elsewhere it ends the section.
            kind = "goal" if parent.kind == "goal" else None
            self.stack.append(_Frame(para.level, para.text, kind, inherited))

    def _statement_heading(self, kind: Kind, para: _Para, parent: _Frame, inherited: str | None) -> None:
        sid = None
        if count_words(split_label(para.text)[1]) < MIN_WORDS:
            self.builder.skip(self.ref(para), para.text, "för kort")
        else:
            sid = self.builder.add(kind, para.text, self.ref(para), parent=inherited, section=parent.text)
        if kind != "goal":
            self.stack.append(_Frame(para.level, para.text, None, inherited))
        elif sid:
            # Unlabelled list items right under a goal heading are read as its activities.
            self.stack.append(_Frame(para.level, para.text, "activity", sid))
        else:
            self.stack.append(_Frame(para.level, para.text, "goal", inherited))

    # paragraphs

    def paragraph(self, para: _Para) -> None:
        """Read a body paragraph: a labelled statement, a label line, a list item or prose."""
        if self.top.excluded:
            return
        kind = self.context_kind()
        labelled = _labelled(para.text)
        if labelled and (kind or self.top.current_goal):
            self._add(labelled[0], para, text=labelled[2], label=labelled[1])
            return
        line_kind = _label_line_kind(para)
        if line_kind == "goal":
            self.base_kind, self.sub_kind, self.sub_sig = "goal", None, None
            return
        if line_kind:
            self.sub_kind, self.sub_sig = line_kind, None
            return
        if kind is None or not (_is_item(para) or (self.sub_kind and not _is_prose(para.text))):
            return  # prose
        if kind != "goal" and self._starts_new_goal(para):
            kind = "goal"
        self._add(kind, para)

    def _goal_frame(self) -> _Frame:
        """The frame goal paragraphs belong to: the nearest goal section, else the innermost heading."""
        return next((f for f in reversed(self.stack) if f.kind == "goal"), self.top)

    def _starts_new_goal(self, para: _Para) -> bool:
        """True if an item in an activity/indicator list looks like the goal items, not like the list."""
        goal_sig = self._goal_frame().goal_sig
        if self.sub_sig is None:
            self.sub_sig = para.signature
            return False
        return goal_sig is not None and para.signature == goal_sig != self.sub_sig

    def _add(self, kind: Kind, para: _Para, text: str | None = None, label: str | None = None) -> None:
        text = text or para.text
        if count_words(split_label(text)[1]) < MIN_WORDS:
            self.builder.skip(self.ref(para), para.text, "för kort")
            return
        parent = self.top.goal if kind == "goal" else self.top.current_goal
        sid = self.builder.add(kind, text, self.ref(para), parent=parent, section=self.top.text, label=label)
        if kind == "goal" and sid:
            self._set_goal(sid, para.signature)

    def _set_goal(self, sid: str, signature: Signature) -> None:
        frame = self._goal_frame()
        frame.goal_sig = frame.goal_sig or signature
        for open_frame in self.stack[self.stack.index(frame):]:
            open_frame.para_goal = sid
        if self.sub_kind != "goal":
            self.sub_kind = self.sub_sig = None

    # tables

    def table(self, table: _Table) -> None:
        """Read a table by its header words, under the current heading and goal."""
        if not table.rows:
            return
        at = find_header_row([row.texts() for row in table.rows], _TABLE_HEADER_ROWS)
        if self.top.excluded:
            if at is not None:
                self.builder.skip(table.rows[0].ref, self.top.text or "",
                                  "tabell under en rubrik om risker/internkontroll läses inte")
            return
        kind = self.context_kind()
        if at is None and kind is None:
            return
        if at is None:
            header = table.rows[0] if _looks_like_header(table.rows[0]) else None
            body = table.rows[1:] if header else table.rows
        else:
            header, body = table.rows[at], table.rows[at + 1:]
        context = TableContext(section=self.top.text, parent=self.top.current_goal,
                               fallback_kind=kind if at is None else None)
        read_table(header, body, self.builder, context)


def _looks_like_header(row: GridRow) -> bool:
    """A row of short labels ("Namn", "Utfall 2024"): the header of a table with unknown columns."""
    texts = [t for t in row.texts() if t]
    return len(texts) > 1 and all(count_words(t) <= 4 and not t.endswith(".") for t in texts)


# --- Title and organisation ---------------------------------------------------------------------


def _find_title(blocks: Sequence[_Para | _Table], core_title: str | None) -> str | None:
    """Title-style paragraph, else the first heading that names the plan, else the core title."""
    paragraphs = [b for b in blocks if isinstance(b, _Para) and b.text]
    for para in paragraphs:
        if para.is_title:
            return para.text
    for para in paragraphs:
        if para.level is not None:
            generic = fold(para.text) in _GENERIC_HEADINGS or classify_heading(para.text) or para.label
            if not generic:
                return para.text
            break
    if core_title and core_title.strip():
        return core_title
    for para in paragraphs[:5]:
        if any(word.endswith("plan") for word in words(para.text)):
            return para.text
    return None


def _org_lines(blocks: Sequence[_Para | _Table]) -> Iterator[str]:
    """Paragraph texts, and "key: value" from two-column table rows (cover blocks)."""
    for block in blocks:
        if isinstance(block, _Para):
            yield block.text
            continue
        for row in block.rows:
            texts = [t for t in row.texts() if t]
            if len(texts) >= 2:
                yield f"{texts[0].rstrip(' :')}: {texts[1]}"
