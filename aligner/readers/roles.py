"""Paragraph roles in the walk through a document: what a paragraph is by its look and words (a
labelled statement, a label line such as "Aktiviteter:", a list item, prose) and whether a plain
heading in a goal section is a goal or groups goals below it."""

from __future__ import annotations

import re
from collections.abc import Sequence

from aligner.model import Kind
from aligner.readers.blocks import TABLE_HEADER_ROWS, Para, Table
from aligner.readers.columns import classify_columns, find_header_row
from aligner.readers.common import (
    MIN_WORDS,
    classify_heading,
    count_words,
    cue_kind,
    is_section_name,
    label_kind,
    split_kind_prefix,
)
from aligner.text import split_label

# A bold paragraph longer than this, or with more sentences, is prose, not a goal line.
_MAX_ITEM_WORDS = 60
_MAX_ITEM_SENTENCES = 2


def is_prose(text: str) -> bool:
    """Long or many-sentence text: an introduction, not a goal line."""
    sentences = len(re.findall(r"[.!?](?:\s|$)", text))
    return count_words(text) > _MAX_ITEM_WORDS or sentences > _MAX_ITEM_SENTENCES


def labelled_statement(text: str) -> tuple[Kind, str | None, str] | None:
    """(kind, label, text) for "Mål 2: …", "Aktivitet 3.1 – …" or "Indikator: …" lines."""
    label, rest = split_label(text)
    kind = label_kind(label)
    if kind:
        return kind, None, text  # the builder splits the numbered label itself
    prefixed = split_kind_prefix(text)
    if prefixed:
        return prefixed[0], prefixed[1], prefixed[2]
    return None


def auto_labelled(para: Para) -> tuple[Kind, str | None, str] | None:
    """(kind, label, text) for a paragraph whose list numbering shows a kind ("Mål 1:" in Word's numbering)."""
    if split_label(para.text)[0] is None:
        kind = label_kind(para.auto_label)
        if kind:
            return kind, para.auto_label, para.text
    return None


def label_line_kind(para: Para) -> Kind | None:
    """The kind a line like "Aktiviteter:" or "Så följer vi upp" introduces, or None.

    The line ends in a colon or is nothing but a section name, so an item that merely starts
    with one ("Uppdrag att utreda nya bostäder") stays an item.
    """
    if labelled_statement(para.text):
        return None
    kind = classify_heading(para.text)
    return kind if kind and (para.text.endswith(":") or is_section_name(para.text)) else None


def is_item(para: Para) -> bool:
    """A list item, a numbered/bulleted line or a bold short line."""
    return para.is_list or para.label is not None or (para.bold and not is_prose(para.text))


def table_has_goal_column(table: Table) -> bool:
    """True when the table's header row names a goal column."""
    at = find_header_row([row.texts() for row in table.rows], TABLE_HEADER_ROWS)
    return at is not None and any(c.kind == "goal" for c in classify_columns(table.rows[at].texts()))


def heading_is_goal(blocks: Sequence[Para | Table], at: int, level: int) -> bool:
    """Whether a plain heading in a goal section is a goal (True) or groups goals below it (False).

    It is a goal when its own activities/indicators follow (a label line, a sub-heading, a table
    without a goal column) or nothing statement-like does; it groups goals (a målområde) when
    goal items, goal sub-headings or a goal table follow first.
    """
    for block in blocks[at + 1:]:
        if isinstance(block, Table):
            return not table_has_goal_column(block)
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
        kind = (labelled_statement(block.text) or (None,))[0] or label_line_kind(block)
        if kind:
            return kind != "goal"
        if is_item(block):
            # Items right below: a målområde's goals, unless the heading reads as a goal ("… ska …")
            # and the item does not (then the items are the goal's activities).
            heading = blocks[at]
            return isinstance(heading, Para) and cue_kind(heading.text) == "goal" and cue_kind(block.text) != "goal"
    return True


def items_follow(blocks: Sequence[Para | Table], at: int, level: int) -> bool:
    """True if list items, numbered or bold lines, or a label line come right below a heading (before any
    prose, table or other heading)."""
    for block in blocks[at + 1:]:
        if isinstance(block, Table) or block.level is not None:
            return False
        if block.is_title or not block.text:
            continue
        return is_item(block) or label_line_kind(block) is not None
    return False
