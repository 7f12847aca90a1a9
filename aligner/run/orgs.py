"""Organisation names of audited plans: from the orgs file, the document, its properties, its title
or, last, its file name; and the row labels that tell one organisation's plans apart."""

from __future__ import annotations

import csv
import re
from collections.abc import Mapping, Sequence
from pathlib import Path

from aligner.errors import InputError, read_user_text
from aligner.model import OrgSource, Plan
from aligner.text import fold

_TITLE_PREFIX = re.compile(
    r"^\s*(?:verksamhetsplan(?:er)?|verksamhetsplanering|plan)\s*(?:\d{4}(?:\s*[-–/]\s*\d{2,4})?)?\s*"
    r"(?:för\s+|[-–—:]\s*)?", re.IGNORECASE)
_YEAR_TAIL = re.compile(r"[\s,–—-]*\d{4}(?:\s*[-–/]\s*\d{2,4})?\s*$")


def org_from_title(title: str | None) -> str | None:
    """What a title names after "Verksamhetsplan 2025 –" ("Kulturförvaltningen"), or None."""
    if not title:
        return None
    rest = _YEAR_TAIL.sub("", _TITLE_PREFIX.sub("", title)).strip(" -–—:,")
    if not re.search(r"[^\W\d_]", rest) or len(rest.split()) > 8 or rest == title.strip():
        return None
    return rest


def org_from_file_name(path: str | Path) -> str:
    """A readable name from a file name: "helsingborgshem-ab-2025.docx" -> "Helsingborgshem AB"."""
    stem = _YEAR_TAIL.sub("", Path(path).stem)
    words = [w for w in re.split(r"[\s_\-]+", stem) if w and not re.fullmatch(r"\d{4}", w)]
    words = ["AB" if w.lower() == "ab" else w for w in words] or [Path(path).stem]
    name = " ".join(words)
    return name[:1].upper() + name[1:]


def resolve_org(path: str, plan: Plan, property_org: str | None,
                orgs: Mapping[str, str] | None) -> tuple[str, OrgSource]:
    """The plan's organisation and where the name came from (orgs.csv first, the file name last)."""
    if orgs:
        name = Path(path).name
        for key in (name.casefold(), Path(path).stem.casefold()):
            if key in orgs:
                return orgs[key], "orgs.csv"
    if plan.org:
        return plan.org, "dokument"
    if property_org:
        return property_org, "dokumentegenskaper"
    from_title = org_from_title(plan.title)
    if from_title:
        return from_title, "titel"
    return org_from_file_name(path), "filnamn"


def load_orgs(path: str | Path) -> dict[str, str]:
    """Read a mapping file `fil;organisation` (or `file,organisation`; UTF-8, BOM or not) -> {file name: org}.

    Keys are the file names in lower case; a name without suffix matches any suffix.
    """
    shown = str(path)
    text = read_user_text(path, "filen med organisationsnamn finns inte")
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        return {}
    delimiter = ";" if lines[0].count(";") >= lines[0].count(",") and ";" in lines[0] else ","
    out: dict[str, str] = {}
    for n, row in enumerate(csv.reader(lines, delimiter=delimiter), 1):
        cells = [c.strip() for c in row]
        if n == 1 and cells and fold(cells[0]) in ("fil", "file", "filnamn", "filename", "sokvag", "path"):
            continue
        if len(cells) < 2 or not cells[0] or not cells[1]:
            raise InputError(shown, "raden ska ha två kolumner: fil och organisation", where=f"rad {n}")
        out[Path(cells[0]).name.casefold()] = " ".join(cells[1].split())
    return out


def labels(orgs: Sequence[str], paths: Sequence[str]) -> list[str]:
    """Row labels: the organisation, or "org (file)" where one organisation has several plans."""
    counts: dict[str, int] = {}
    for org in orgs:
        counts[org.casefold()] = counts.get(org.casefold(), 0) + 1
    return [org if counts[org.casefold()] == 1 else f"{org} ({Path(p).name})"
            for org, p in zip(orgs, paths, strict=True)]
