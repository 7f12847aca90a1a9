"""Read a plan from an OpenDocument file (.odt text, .ods spreadsheet), as LibreOffice writes them.

No ODF library: content.xml, styles.xml and meta.xml are parsed with defusedxml (no DTDs, no
entities, no network), after `sniff` has checked the sizes of the zip's members.

Text (.odt): the body is turned into the same blocks as a Word document (`blocks.Para`,
`blocks.Table`) and read by `flow.read_blocks`. Headings are `text:h` (or a style with an
outline level, or a style named "Heading 1"/"Rubrik 1"); list numbers are counted from the list
styles and kept as labels; tracked changes are read as accepted (the deleted text lives apart,
in `text:tracked-changes`), with a warning; notes and comments are not read; frames (text
boxes) are read after the paragraph they are anchored in, as paragraphs of their own. Merged
table cells: a cell spanning rows continues down them (read once), one spanning columns fills
its first column.

Spreadsheet (.ods): every table is a sheet, read by `sheets.read_sheet`; values are taken from
their typed attributes (dates as ISO dates, percentages as "90 %"), formulas as the value saved
with them. Hidden sheets, rows and columns are listed as skipped, with a warning.

Here: the package (the zip's XML parts, parsed safely) and the dispatch; odf_text.py reads text,
odf_sheet.py spreadsheets, odf_xml.py holds what both share (styles, paragraph text, table rows).

Refs are as for Word (`paragraph`, `table`, `table_row`, `table_cell`) and Excel (`sheet`,
`row`, column letter).
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from aligner.errors import InputError
from aligner.limits import xml_depth
from aligner.model import Plan
from aligner.readers.blocks import find_subtitle, find_title, org_lines
from aligner.readers.builder import PlanBuilder
from aligner.readers.common import find_org
from aligner.readers.flow import read_blocks
from aligner.readers.odf_sheet import read_table_sheet
from aligner.readers.odf_text import TextReader
from aligner.readers.odf_xml import DC, OFFICE, TABLE, TEXT, Styles
from aligner.readers.sheets import build_plan, read_sheet


def read(path: Path, shown: str | None = None) -> Plan:
    """Read the OpenDocument file at `path` into a Plan (`shown`: the path as the user gave it)."""
    shown = shown or str(path)
    parts = _load(path, shown)
    styles = Styles(parts["styles"], parts["content"])
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
            title_rows.extend(read_sheet(read_table_sheet(element, styles, shown), builder))
        return build_plan(builder, title_rows, core_title)
    text = body.find(f"{OFFICE}text")
    if text is None:
        raise InputError(shown, "filen är varken ett OpenDocument-textdokument eller -kalkylblad",
                         hint="spara planen som .odt, .ods, .docx eller .xlsx")
    _warn_tracked_changes(text, builder)
    blocks = list(TextReader(styles, shown).blocks(text))
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
