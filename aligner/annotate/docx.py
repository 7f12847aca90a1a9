"""Annotate a Word plan: a comment on every statement and a summary comment at the top.

The statements are found where the reader found them (see `aligner.readers.docx`): `paragraph` is
the 0-based index into `Document.paragraphs`; `table`, `table_row` and `table_cell` are 1-based
into `Document.tables`, the table's rows and the row's grid columns (`grid_cols_before` counted).
Inside a table cell the comment goes on the paragraph(s) holding the statement's text, as a cell
may hold several activities. Comments are added with python-docx (`Document.add_comment`); the
document's text, tables and formatting are left as they are.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from aligner.annotate import AUTHOR, INITIALS, statement_note, summary_lines
from aligner.model import SourceRef, Statement
from aligner.text import fold, normalize_text

if TYPE_CHECKING:
    from docx.document import Document
    from docx.text.paragraph import Paragraph

    from aligner.model import CheckResult

_FOOTER = "Kommentarerna från \"aligner\" är aligners förslag och bedömningar, inte planens text."


def write(result: CheckResult, source: Path, target: Path) -> int:
    """Write `source` with aligner's comments to `target`; returns the number of statement comments."""
    import docx

    document = docx.Document(str(source))
    paragraphs = document.paragraphs
    count = 0
    top = _first_text_paragraph(paragraphs)  # the summary's place: the title, as a rule
    for ts in result.tagged.statements:
        span = find_paragraphs(document, paragraphs, ts.statement)
        note = statement_note(result, ts)
        if not span:  # the reader and the file disagree: keep the note, say where it belongs
            span = [p for p in [_first_text_paragraph(paragraphs)] if p is not None]
            note = f"{note}\nPlats: {ts.statement.ref}"
        if not span:
            continue
        runs = [_runs(span[0])[0], _runs(span[-1])[-1]]
        document.add_comment(runs, text=note, author=AUTHOR, initials=INITIALS)
        count += 1
        top = top or span[0]  # a body of tables only: the summary goes on the first statement
    if top is not None:
        text = "\n".join([*summary_lines(result), _FOOTER])
        document.add_comment(_runs(top), text=text, author=AUTHOR, initials=INITIALS)
    document.save(str(target))
    return count


def find_paragraphs(document: Document, paragraphs: list[Paragraph], statement: Statement) -> list[Paragraph]:
    """The paragraphs a statement was read from (one, or a few in a row in a table cell); [] if not found."""
    ref = statement.ref
    if ref.paragraph is not None:
        if ref.paragraph < len(paragraphs) and _holds([paragraphs[ref.paragraph]], statement.text):
            return [paragraphs[ref.paragraph]]
        return next(([p] for p in paragraphs if _holds([p], statement.text)), [])
    cell = _table_cell(document, ref)
    if cell is None:
        return []
    inner = cell.paragraphs
    # Usually one paragraph of the cell holds the statement; a statement may also run over several.
    for size in range(1, len(inner) + 1):
        for start in range(len(inner) - size + 1):
            if _holds(inner[start:start + size], statement.text):
                return inner[start:start + size]
    first = _first_text_paragraph(inner)
    return [first] if first is not None else []


def _table_cell(document: Document, ref: SourceRef) -> Any | None:
    """The cell at a table ref, counted as the reader counts: grid columns, leading empty ones included."""
    if ref.table is None or ref.table_row is None or ref.table_cell is None:
        return None
    tables = document.tables
    if not 0 < ref.table <= len(tables):
        return None
    rows = tables[ref.table - 1].rows
    if not 0 < ref.table_row <= len(rows):
        return None
    row = rows[ref.table_row - 1]
    cells = [None] * row.grid_cols_before + list(row.cells)
    return cells[ref.table_cell - 1] if 0 < ref.table_cell <= len(cells) else None


def _holds(paragraphs: list[Paragraph], text: str) -> bool:
    return fold(text) in fold(normalize_text(" ".join(p.text for p in paragraphs)))


def _first_text_paragraph(paragraphs: list[Paragraph]) -> Paragraph | None:
    return next((p for p in paragraphs if p.text.strip()), None)


def _runs(paragraph: Paragraph) -> list[Any]:
    """The runs a comment is anchored on: the paragraph's own runs, else those inside its hyperlinks."""
    from docx.text.run import Run

    runs = list(paragraph.runs)
    if not runs:
        for item in paragraph.iter_inner_content():
            runs.extend([item] if isinstance(item, Run) else item.runs)
    return runs or [paragraph.add_run("")]  # an empty run adds no text
