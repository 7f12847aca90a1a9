"""The reading ledger checked against the file itself: every word the file shows is in exactly one ledger entry.

The words are taken out of the file here without the readers: the paragraphs of a Word
document's XML (body, table cells, nested tables, text boxes), every cell openpyxl holds, every
paragraph of an OpenDocument file, every field of a CSV file. They are compared as multisets with
the words of the ledger's entries, so a block the readers never registered (lost) and a block
registered twice (counted twice) both fail.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections import Counter
from pathlib import Path

from aligner.model import OUTCOMES, Plan
from aligner.readers.ledger import UNACCOUNTED
from aligner.text import normalize_text, words

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
TEXT_NS = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
OFFICE_NS = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
TABLE_NS = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_LETTER = re.compile(r"[^\W\d_]")


def _counted(text: str) -> list[str]:
    """The words that count: two characters or more, with a letter (list numbering "1", "a" falls away)."""
    return [w for w in words(text) if len(w) > 1 and _LETTER.search(w)]


def _docx_words(path: Path) -> tuple[Counter, set[str]]:
    from lxml import etree

    with zipfile.ZipFile(path) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
        names = set(archive.namelist())
        numbering = archive.read("word/numbering.xml") if "word/numbering.xml" in names else None
    body = root.find(f"{W}body")
    found: Counter = Counter()
    for p in body.iter(f"{W}p"):
        if any(a.tag in (f"{MC}Fallback", f"{W}del", f"{W}moveFrom") for a in p.iterancestors()):
            continue
        texts = [{f"{W}t": t.text or "", f"{W}br": "\n", f"{W}cr": "\n"}.get(t.tag, "\t")
                 for t in p.iter(f"{W}t", f"{W}br", f"{W}cr", f"{W}tab")
                 if next(t.iterancestors(f"{W}p")) is p  # a text box's paragraphs count on their own
                 and not any(a.tag in (f"{W}del", f"{W}moveFrom", f"{MC}Fallback") for a in t.iterancestors())]
        found.update(_counted(normalize_text("".join(texts))))
    label_words: set[str] = set()
    if numbering is not None:
        for level_text in etree.fromstring(numbering).iter(f"{W}lvlText"):
            label_words.update(_counted(level_text.get(f"{W}val") or ""))
    return found, label_words


def _xlsx_words(path: Path) -> Counter:
    from openpyxl import load_workbook

    from aligner.readers.common import format_value

    found: Counter = Counter()
    workbook = load_workbook(path, data_only=True)
    for sheet in workbook.worksheets:
        for cell in sheet._cells.values():
            if cell.value is not None:
                found.update(_counted(format_value(cell.value, cell.number_format)))
    return found


def _odf_words(path: Path) -> Counter:
    from lxml import etree

    with zipfile.ZipFile(path) as archive:
        root = etree.fromstring(archive.read("content.xml"))
    body = root.find(f"{OFFICE_NS}body")
    found: Counter = Counter()
    not_text = (f"{OFFICE_NS}annotation", f"{TEXT_NS}tracked-changes", f"{TEXT_NS}changed-region")
    breaks = {f"{TEXT_NS}line-break": "\n", f"{TEXT_NS}tab": "\t", f"{TEXT_NS}s": " "}

    def text_of(element, parts: list[str]) -> None:
        parts.append(element.text or "")
        for child in element:
            if child.tag in breaks:
                parts.append(breaks[child.tag])
            elif child.tag not in not_text and child.tag not in (f"{TEXT_NS}p", f"{TEXT_NS}h"):
                text_of(child, parts)
            parts.append(child.tail or "")

    for p in body.iter(f"{TEXT_NS}p", f"{TEXT_NS}h"):
        if not any(a.tag in not_text for a in p.iterancestors()):
            parts: list[str] = []
            text_of(p, parts)
            found.update(_counted(normalize_text("".join(parts))))
    return found


def _csv_words(path: Path) -> Counter:
    from aligner.readers.csv import decode, sniff_delimiter

    text = decode(path.read_bytes())
    found: Counter = Counter()
    for row in csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text)):
        for value in row:
            found.update(_counted(value))
    return found


def assert_ledger_complete(plan: Plan, path: Path) -> None:
    """Every block has one outcome from the walk, and the ledger holds the file's words exactly once."""
    places = [entry.ref for entry in plan.reading]
    assert len(places) == len(set(places)), "a place stands twice in the ledger"
    unaccounted = [(str(e.ref), e.text) for e in plan.reading if e.reason == UNACCOUNTED]
    assert not unaccounted, f"blocks no rule accounted for: {unaccounted[:5]}"
    assert all(e.outcome in OUTCOMES and e.reason for e in plan.reading)
    ids = {s.id for s in plan.statements}
    for entry in plan.reading:
        if entry.outcome == "statement":
            assert entry.statements and set(entry.statements) <= ids, (str(entry.ref), entry.statements)
    in_ledger: Counter = Counter()
    for entry in plan.reading:
        in_ledger.update(_counted(entry.text))
    suffix = path.suffix.lower()
    label_words: set[str] = set()
    if suffix == ".docx":
        in_file, label_words = _docx_words(path)
    elif suffix in (".xlsx", ".xlsm"):
        in_file = _xlsx_words(path)
    elif suffix in (".odt", ".ods"):
        # ODF repeats rows and cells by a count: compare the words, not how often they stand.
        in_file = _odf_words(path)
        lost = set(in_file) - set(in_ledger)
        assert not lost, f"words of the file not in the ledger: {sorted(lost)[:20]}"
        return
    else:
        in_file = _csv_words(path)
    lost = in_file - in_ledger
    assert not lost, f"words of the file not in the ledger: {sorted(lost.elements())[:20]}"
    extra = {w: n for w, n in (in_ledger - in_file).items() if w not in label_words}
    assert not extra, f"words in the ledger more often than in the file: {sorted(extra)[:20]}"
    for statement in plan.statements:
        assert any(statement.id in e.statements for e in plan.reading), statement.id
