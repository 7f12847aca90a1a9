"""Build tiny Word documents and Excel workbooks in code for the reader tests."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

# Statements the reader tests put in their small plans.
GOAL = "Fler invånare ska känna sig trygga i staden"
GOAL_2 = "Utsläppen av växthusgaser ska minska kraftigt"
ACT = "Genomföra trygghetsvandringar i alla stadsdelar"
ACT_2 = "Ställa om fordonsflottan till el"
IND = "Andel invånare som känner sig trygga"


# Block kinds for make_docx and the python-docx style each one uses.
_STYLES = {
    "title": "Title",
    "p": None,
    "bold": None,
    "bullet": "List Bullet",
    "number": "List Number",
    "listpara": "List Paragraph",
}


def make_docx(path: Path, blocks: Iterable[tuple[Any, ...]], core_title: str | None = None) -> Path:
    """Write a .docx from blocks and return its path.

    Blocks: ("h1".."h4", text), ("title" | "p" | "bold" | "bullet" | "number" | "listpara", text),
    ("table", rows) or ("table", rows, merges) where merges are ((r1, c1), (r2, c2)) cell pairs.
    """
    import docx

    document = docx.Document()
    for block in blocks:
        kind = block[0]
        if kind.startswith("h") and kind[1:].isdigit():
            document.add_heading(block[1], int(kind[1:]))
        elif kind == "table":
            _add_table(document, block[1], block[2] if len(block) > 2 else ())
        else:
            paragraph = document.add_paragraph(style=_STYLES[kind])
            run = paragraph.add_run(block[1])
            run.bold = True if kind == "bold" else None
    if core_title is not None:
        document.core_properties.title = core_title
    document.save(str(path))
    return path


def _add_table(document: Any, rows: Sequence[Sequence[str]], merges: Iterable[tuple[tuple[int, int], ...]]) -> None:
    """A table; a cell text with "\n\n" is written as several paragraphs, "\n" as a manual line break."""
    table = document.add_table(rows=len(rows), cols=max(len(r) for r in rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if text:
                first, *rest = text.split("\n\n")
                cell = table.cell(r, c)
                cell.text = first
                for paragraph in rest:
                    cell.add_paragraph(paragraph)
    for (r1, c1), (r2, c2) in merges:
        table.cell(r1, c1).merge(table.cell(r2, c2))


def make_xlsx(path: Path, sheets: dict[str, Sequence[Sequence[Any]]], merges: dict[str, Sequence[str]] | None = None,
              formats: dict[str, dict[str, str]] | None = None, title: str | None = None) -> Path:
    """Write an .xlsx with one sheet per entry (rows of values; None is an empty cell) and return its path.

    `merges` maps a sheet to ranges like "A2:A4"; `formats` maps a sheet to {cell: number_format}.
    """
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(list(row))
        for rng in (merges or {}).get(name, ()):
            sheet.merge_cells(rng)
        for cell, number_format in (formats or {}).get(name, {}).items():
            sheet[cell].number_format = number_format
    if title:
        workbook.properties.title = title
    workbook.save(str(path))
    return path


def by_id(plan: Any) -> dict[str, Any]:
    """The plan's statements by id."""
    return {s.id: s for s in plan.statements}


def texts(plan: Any, kind: str | None = None) -> list[str]:
    """The texts of the plan's statements (of one kind), in order."""
    return [s.text for s in plan.statements if kind is None or s.kind == kind]


W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def make_docx_xml(path: Path, body_xml: str) -> Path:
    """Write a .docx whose body is `body_xml` (WordprocessingML elements, prefix w:) and return its path."""
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    body = document.element.body
    section = body[-1]
    for child in list(body)[:-1]:
        body.remove(child)
    wrapper = parse_xml(f'<w:body xmlns:w="{W_NS}">{body_xml}</w:body>')
    for child in list(wrapper):
        section.addprevious(child)
    document.save(str(path))
    return path


def w_p(text: str, style: str | None = None, num: tuple[int, int] | None = None) -> str:
    """A w:p with one run; `style` is a style id ("Heading1"), `num` (numId, ilvl) a list."""
    props = ""
    if style:
        props += f'<w:pStyle w:val="{style}"/>'
    if num:
        props += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
    ppr = f"<w:pPr>{props}</w:pPr>" if props else ""
    return f'<w:p>{ppr}<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'
