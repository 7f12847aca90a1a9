"""The walk through a word-processor document (Word, OpenDocument text), shared by both readers.

A reader turns its document body into blocks in document order: `Para` (a paragraph, with its
heading level, list and bold state) and `Table` (grid rows). `read_blocks` walks them once.
Headings set the section; a section heading ("Vad vill vi uppnå", "Aktiviteter", "Indikatorer",
…) decides what the list items and bold lines below it are. Under a goal section each goal is a
lower heading ("Mål 1: …" or a plain heading followed by activities/indicators) or a numbered,
bulleted or bold paragraph; "Aktiviteter:" / "Indikatorer:" lines switch the kind of the items
after them; a "Koppling till målbild: …" line claims concepts for the statement above it.
Tables are read by their header words (see `tables.read_grid`).

The principles (docs/planners.md, "The principles of the walk"): a labelled line is a statement of its
label's kind wherever it stands; items under a goal are its activities unless labelled
otherwise; a goal never has a goal as parent unless the plan says "delmål" (the builder holds
that); a heading's wording never decides alone that what follows is not a plan; what the walk
cannot place is listed as skipped with the reason. Every block is registered in the builder's
ledger before the walk and marked with what it became.

The blocks (`Para`, `Table`) and the title and organisation are in aligner.readers.blocks; what
a paragraph is by its look and words in aligner.readers.roles.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from aligner.model import Kind, SourceRef
from aligner.readers.blocks import (
    TABLE_HEADER_ROWS,
    Para,
    Signature,
    Table,
    is_subtitle,
    para_ref,
    register_blocks,
)
from aligner.readers.builder import PlanBuilder
from aligner.readers.claims import parse_claims, split_claim_line
from aligner.readers.columns import TableContext
from aligner.readers.common import (
    MIN_WORDS,
    classify_heading,
    count_words,
    cue_kind,
    is_excluded_heading,
    is_metadata_line,
    is_risk_label,
    label_kind,
)
from aligner.readers.roles import (
    auto_labelled,
    heading_is_goal,
    is_item,
    is_prose,
    items_follow,
    label_line_kind,
    labelled_statement,
)
from aligner.readers.tables import read_grid, skip_rows
from aligner.text import split_label

_KIND_PLURAL = {"goal": "mål", "activity": "aktiviteter", "indicator": "indikatorer"}


# --- The walk -----------------------------------------------------------------------------------


def _level(para: Para) -> int:
    """A heading's level (the walk calls the heading methods for headings only)."""
    assert para.level is not None, "a heading without a level"
    return para.level


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

    def __init__(self, blocks: Sequence[Para | Table], builder: PlanBuilder):
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
            if isinstance(block, Table):
                self.table(block)
            elif block.is_title:
                if block.text:
                    self.builder.account(self.ref(block), "metadata", "dokumentets titel")
            elif block.text and is_subtitle(block):
                self.builder.account(self.ref(block), "metadata", "dokumentets underrubrik")
            elif block.level is not None:
                self.heading(at, block)
            elif block.text:
                self.paragraph(block)

    def mark(self, para: Para, outcome, reason: str) -> None:
        """Record in the ledger what a paragraph became."""
        self.builder.account(self.ref(para), outcome, reason)

    def ref(self, para: Para) -> SourceRef:
        """Where a paragraph stands."""
        return para_ref(self.builder.path, para)

    # headings

    def heading(self, at: int, para: Para) -> None:
        """Close deeper headings and open this one, adding it as a statement if it is one."""
        level = _level(para)
        while len(self.stack) > 1 and self.top.level >= level:
            self.stack.pop()
        parent = self.top
        inherited = parent.current_goal
        self.base_kind = self.sub_kind = self.sub_sig = None
        own = label_kind(para.label)
        if parent.excluded and own and not is_risk_label(para.label):
            # A labelled heading ("Mål 3: …") is a statement wherever it stands, risk sections too.
            self.builder.warn(f"{self.ref(para)}: '{para.text[:60]}' står under rubriken om risker/internkontroll"
                              " men har en etikett och lästes som en del av planen")
            self._statement_heading(own, para, parent, inherited)
            self.stack[-1].excluded = True  # what stands under it is still part of the risk section
            return
        if parent.excluded or (not own and is_excluded_heading(para.text)):
            if not parent.excluded:
                self.builder.skip(self.ref(para), para.text, "avsnitt om risker/internkontroll läses inte")
            else:
                self.mark(para, "skipped", f"under rubriken om risker/internkontroll '{self._excluded_text()}'")
            self.stack.append(_Frame(level, para.text, None, inherited, excluded=True))
            return
        section_kind = None if own else classify_heading(para.text)
        if section_kind:
            self.mark(para, "heading", f"avsnittsrubrik: det som följer läses som {_KIND_PLURAL[section_kind]}")
            self.stack.append(_Frame(level, para.text, section_kind, inherited, explicit=True))
        elif own or (parent.kind == "goal" and heading_is_goal(self.blocks, at, level)):
            self._statement_heading(own or "goal", para, parent, inherited)
        elif parent.kind in ("activity", "indicator") and parent.explicit and count_words(para.text) >= MIN_WORDS:
            self._statement_heading(parent.kind, para, parent, inherited)
        elif parent.kind is None and cue_kind(para.text) == "goal" and items_follow(self.blocks, at, level):
            # A "ska"-goal as a heading under a heading of any wording, its items below: read, and say so.
            self.builder.warn(f"{self.ref(para)}: rubriken '{para.text[:60]}' står utanför avsnitt för mål men"
                              " lästes som ett mål efter sin lydelse, med punkterna under som dess aktiviteter")
            self._statement_heading("goal", para, parent, inherited)
        else:
            # A plain heading in a goal section groups goals (a målområde); elsewhere it ends the section.
            kind: Kind | None = "goal" if parent.kind == "goal" else None
            if kind:
                self.mark(para, "heading", "rubrik som grupperar mål (målområde)")
            else:
                self.mark(para, "heading", "rubrik som inte säger mål, aktiviteter eller indikatorer")
            self.stack.append(_Frame(level, para.text, kind, inherited))

    def _excluded_text(self) -> str:
        return next((f.text for f in self.stack if f.excluded), "") or ""

    def _statement_heading(self, kind: Kind, para: Para, parent: _Frame, inherited: str | None) -> None:
        sid = None
        level = _level(para)
        if count_words(split_label(para.text)[1]) < MIN_WORDS:
            self.builder.skip(self.ref(para), para.text, "för kort")
        else:
            sid = self.builder.add(kind, para.text, self.ref(para), parent=inherited, section=parent.text,
                                   label=para.auto_label)
        if kind != "goal":
            self.stack.append(_Frame(level, para.text, None, inherited))
        elif sid:
            # Unlabelled list items right under a goal heading are read as its activities.
            self.stack.append(_Frame(level, para.text, "activity", sid))
        else:
            self.stack.append(_Frame(level, para.text, "goal", inherited))

    # paragraphs

    def paragraph(self, para: Para) -> None:
        """Read a body paragraph: a labelled statement, a label line, a list item or prose.

        The principles: a labelled line ("Mål 2: …", "Aktivitet: …", also a label Word's list
        numbering shows) is a statement of its label's kind wherever it stands; items under a
        goal are its activities unless a label line says otherwise; what the walk cannot place
        is listed as skipped with the reason, never dropped.
        """
        names = split_claim_line(para.text)
        if names is not None and not self.top.excluded:
            self._claim(para, names)
            return
        labelled = labelled_statement(para.text) or auto_labelled(para)
        if self.top.excluded:
            if labelled and not is_risk_label(labelled[1] or para.label):
                self.builder.warn(f"{self.ref(para)}: '{para.text[:60]}' står under rubriken om risker/internkontroll"
                                  " men har en etikett och lästes som en del av planen")
                self._add(labelled[0], para, text=labelled[2], label=labelled[1])
                return
            self.mark(para, "skipped", f"under rubriken om risker/internkontroll '{self._excluded_text()}'")
            return
        if labelled:
            self._add(labelled[0], para, text=labelled[2], label=labelled[1])
            if labelled[0] == "goal":
                self.sub_kind = self.sub_sig = None
            return
        kind = self.context_kind()
        line_kind = label_line_kind(para)
        if line_kind:
            self.mark(para, "label", f"etikettrad: det som följer läses som {_KIND_PLURAL[line_kind]}")
        if line_kind == "goal":
            self.base_kind, self.sub_kind, self.sub_sig = "goal", None, None
            return
        if line_kind:
            self.sub_kind, self.sub_sig = line_kind, None
            return
        item = is_item(para) and not is_prose(para.text)
        if item and self.sub_kind is None and self._under_goal_item(para, kind):
            kind = "activity"  # an item under a goal line is one of its activities
        if kind is None and item:
            if para.bold and not para.is_list and cue_kind(para.text) == "goal":
                # A bold "ska"-sentence on a line of its own: a goal line, read and said so.
                self.builder.warn(f"{self.ref(para)}: '{para.text[:60]}' står under en rubrik som inte säger mål,"
                                  " aktiviteter eller indikatorer och lästes som ett mål efter sin lydelse")
                self._add("goal", para)
                return
            self.builder.skip(self.ref(para), para.text,
                              "punkt under en rubrik som inte säger mål, aktiviteter eller indikatorer")
            return
        if kind is None or not (is_item(para) or (self.sub_kind and not is_prose(para.text))):
            if is_metadata_line(para.text):
                self.mark(para, "metadata", "uppgift om planen (beslut, datum, giltighet, organisation)")
            elif kind is None:
                self.mark(para, "prose", "löptext utanför avsnitt för mål, aktiviteter eller indikatorer")
            elif is_prose(para.text):
                self.mark(para, "prose", "löptext: för lång eller flera meningar för att vara ett påstående")
            else:
                self.mark(para, "prose", "löptext: varken punkt, numrerad, fetstilt eller med etikett")
            return
        if kind != "goal" and self._starts_new_goal(para):
            kind = "goal"
        self._add(kind, para)

    def _under_goal_item(self, para: Para, kind: Kind | None) -> bool:
        """True for an item that stands under a goal written as a paragraph and does not look like it."""
        frame = self._goal_frame()
        if frame.para_goal is None or frame.goal_sig is None:
            return kind is None and self.top.current_goal is not None
        if kind not in (None, "goal"):
            return False
        return para.signature != frame.goal_sig

    def _claim(self, para: Para, names: str) -> None:
        """A "Koppling till målbild: …" line: the concepts are claimed for the statement above it."""
        target = self.builder.last_id
        if target is None:
            self.builder.skip(self.ref(para), para.text,
                              "koppling till målbild utan mål, aktivitet eller indikator före")
            return
        self.mark(para, "label", f"koppling till målbild för {target}")
        self.builder.add_claims(target, parse_claims(names))

    def _goal_frame(self) -> _Frame:
        """The frame goal paragraphs belong to: the nearest goal section, else the innermost heading."""
        return next((f for f in reversed(self.stack) if f.kind == "goal"), self.top)

    def _starts_new_goal(self, para: Para) -> bool:
        """True if an item in an activity/indicator list looks like the goal items, not like the list."""
        goal_sig = self._goal_frame().goal_sig
        if self.sub_sig is None:
            self.sub_sig = para.signature
            return False
        return goal_sig is not None and para.signature == goal_sig != self.sub_sig

    def _add(self, kind: Kind, para: Para, text: str | None = None, label: str | None = None) -> None:
        text = text or para.text
        if count_words(split_label(text)[1]) < MIN_WORDS:
            self.builder.skip(self.ref(para), para.text, "för kort")
            return
        parent = self.top.goal if kind == "goal" else self.top.current_goal
        sid = self.builder.add(kind, text, self.ref(para), parent=parent, section=self.top.text,
                               label=label or para.auto_label)
        if sid and para.textbox is not None:
            self.builder.warn(f"{self.ref(para)}: text i en textruta lästes som en del av planen; kontrollera att"
                              " den hör dit")
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

    def table(self, table: Table) -> None:
        """Read a table by its header words, under the current heading and goal."""
        if not table.rows:
            return
        if self.top.excluded:
            skip_rows(table.rows, self.builder,
                      f"tabell under rubriken om risker/internkontroll '{self._excluded_text()}'")
            return
        context = TableContext(section=self.top.text, parent=self.top.current_goal,
                               fallback_kind=self.context_kind())
        read_grid(table.rows, self.builder, context, TABLE_HEADER_ROWS)


def read_blocks(blocks: Sequence[Para | Table], builder: PlanBuilder) -> None:
    """Read the statements of a document's blocks (in document order) into `builder`.

    Every non-empty paragraph and table cell goes into the ledger first, so one the walk does
    not account for shows as unaccounted instead of vanishing.
    """
    register_blocks(blocks, builder, builder.path)
    _Walker(blocks, builder).run()
