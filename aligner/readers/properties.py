"""Document properties (docProps/core.xml, app.xml; ODF meta.xml): the organisation they name."""

from __future__ import annotations

import re
from pathlib import Path

from aligner.readers.common import org_from_title, org_name
from aligner.text import fold

_ORG_WORD = re.compile(r"(forvaltning|namnd|styrelse|bolag|kontor|\bab\b)")
_CITY = "helsingborgs stad"


def org_from_properties(path: str | Path) -> str | None:
    """An organisation named in the file's document properties (subject, company, …), or None."""
    import zipfile

    from defusedxml.ElementTree import fromstring

    members = ("docProps/core.xml", "docProps/app.xml", "meta.xml")
    wanted = {"subject", "company", "manager", "category", "keywords", "title"}
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
            xml = [zf.read(m) for m in members if m in names and zf.getinfo(m).file_size < 1_000_000]
    except (OSError, zipfile.BadZipFile, KeyError):
        return None
    for data in xml:
        try:
            root = fromstring(data)
        except Exception:  # properties are only a fallback; broken ones are ignored
            continue
        for element in root.iter():
            tag = element.tag.rsplit("}", 1)[-1].lower()
            text = " ".join((element.text or "").split())
            if tag in wanted and text and fold(text) != _CITY and _ORG_WORD.search(fold(text)) and len(text) < 120:
                # A title property is a title: only the organisation it names counts, never the whole.
                found = org_from_title(text) if tag == "title" else org_name(text) or org_from_title(text)
                if found:
                    return found
    return None
