"""Seeded mutations of the fixture plans, for the fuzz test (tests/test_fuzz.py) and benchmarks/fuzz.py.

`mutants(seed, count)` yields (name, suffix, bytes): the same files for the same seed. Each is a
fixture from tests/fixtures (.docx, .xlsx, .odt, .ods, .csv, as Word, Excel and LibreOffice wrote
them) with one to three mutations:

- bytes: random bytes overwritten, the file cut short, a stretch deleted or repeated;
- an XML member rewritten and the zip rebuilt (so the reader, not the zip check, meets it):
  an attribute value replaced by a hostile one (huge, negative, not a number, very long), an
  element nested thousands deep, an element repeated many times, a relationship pointed at a
  missing or outside part, a member removed, text cut in the middle of a tag;
- CSV: a line repeated thousands of times, a very long field, quotes and delimiters in runs,
  NUL bytes, another encoding.
"""

from __future__ import annotations

import io
import random
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SOURCES = ("lo_plan.docx", "lo_plan.xlsx", "lo_plan.odt", "lo_plan.ods", "lo_plan.csv")

HOSTILE_VALUES = (
    "99999999999", "2147483648", "100000000000000", "-1", "-99999", "0", "abc", "å", "1.5", "", " 1", "1e9",
    "²", "XFD1048576", "A1:XFD1048576", "ZZZZ99999999", "x" * 5000, "NaN", "true", "../../../../etc/passwd",
    "%1%2%3%4%5%6%7%8%9", "=cmd|' /C calc'!A0", "\u202e", "\x01",
)
_ATTRIBUTE = re.compile(rb'(\s[\w:.-]+=")([^"]*)(")')
_START_TAG = re.compile(rb"<([A-Za-z_][\w.-]*:[\w.-]+|[A-Za-z_][\w.-]*)(?:\s[^<>]*)?(?<!/)>")
_LEAF = re.compile(rb"<([\w.-]+:[\w.-]+)(?:\s[^<>]*)?(?:/>|>[^<]*</\1>)")
_TARGET = re.compile(rb'(Target="|xlink:href="|manifest:full-path=")([^"]*)(")')


def _load(source: str) -> bytes:
    return (FIXTURES / source).read_bytes()


# --- Bytes ----------------------------------------------------------------------------------------


def flip_bytes(rng: random.Random, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randrange(1, 40)):
        out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def truncate(rng: random.Random, data: bytes) -> bytes:
    return data[: rng.randrange(0, len(data))]


def splice(rng: random.Random, data: bytes) -> bytes:
    a, b = sorted(rng.randrange(len(data)) for _ in range(2))
    if rng.random() < 0.5:
        return data[:a] + data[b:]
    return data[:b] + data[a:b] * rng.randrange(2, 50) + data[b:]


# --- XML members ----------------------------------------------------------------------------------


def _attribute(rng: random.Random, xml: bytes) -> bytes:
    matches = list(_ATTRIBUTE.finditer(xml))
    if not matches:
        return xml
    for _ in range(rng.randrange(1, 4)):
        m = rng.choice(matches)
        value = rng.choice(HOSTILE_VALUES).encode("utf-8")
        value = value.replace(b"&", b"&amp;").replace(b"<", b"&lt;").replace(b'"', b"&quot;")
        xml = xml[: m.start(2)] + value + xml[m.end(2):]
        matches = list(_ATTRIBUTE.finditer(xml))
    return xml


def _nest(rng: random.Random, xml: bytes) -> bytes:
    tags = list(_START_TAG.finditer(xml))[1:]  # not the root
    if not tags:
        return xml
    m = rng.choice(tags)
    name = m.group(1)
    depth = rng.choice((30, 300, 3000, 20000))
    return xml[: m.end()] + (b"<" + name + b">") * depth + (b"</" + name + b">") * depth + xml[m.end():]


def _duplicate(rng: random.Random, xml: bytes) -> bytes:
    leaves = list(_LEAF.finditer(xml))
    if not leaves:
        return xml
    m = rng.choice(leaves)
    return xml[: m.end()] + m.group(0) * rng.choice((2, 50, 2000, 20000)) + xml[m.end():]


def _cut_tag(rng: random.Random, xml: bytes) -> bytes:
    at = rng.randrange(len(xml))
    return xml[:at] + xml[at + rng.randrange(1, 40):]


def _relationship(rng: random.Random, xml: bytes) -> bytes:
    matches = list(_TARGET.finditer(xml))
    if not matches:
        return _attribute(rng, xml)
    m = rng.choice(matches)
    target = rng.choice((b"missing.xml", b"worksheets/none.xml", b"../../../etc/passwd", b"http://example.invalid/x",
                         b"", b"document.xml", b"/", m.group(2) * 2))
    return xml[: m.start(2)] + target + xml[m.end(2):]


XML_MUTATIONS = {"attribute": _attribute, "nesting": _nest, "duplicate": _duplicate, "cut": _cut_tag,
                 "relationship": _relationship}


def mutate_zip(rng: random.Random, data: bytes) -> tuple[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = [(info, archive.read(info)) for info in archive.infolist()]
    xml = [i for i, (info, _) in enumerate(parts) if info.filename.endswith((".xml", ".rels"))]
    kinds = []
    for _ in range(rng.randrange(1, 3)):
        if rng.random() < 0.06:
            kinds.append("member removed")
            del parts[rng.randrange(len(parts))]
            xml = [i for i, (info, _) in enumerate(parts) if info.filename.endswith((".xml", ".rels"))]
            continue
        if not xml:
            break
        index = rng.choice(xml)
        info, member = parts[index]
        if info.filename.endswith(".rels") or info.filename == "META-INF/manifest.xml":
            kind = "relationship" if rng.random() < 0.7 else rng.choice(list(XML_MUTATIONS))
        else:
            kind = rng.choice(list(XML_MUTATIONS))
        parts[index] = (info, XML_MUTATIONS[kind](rng, member))
        kinds.append(f"{kind} in {info.filename}")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for info, member in parts:
            out.writestr(info.filename, member, zipfile.ZIP_STORED if info.filename == "mimetype" else None)
    return "; ".join(kinds), buffer.getvalue()


# --- CSV ------------------------------------------------------------------------------------------


def mutate_csv(rng: random.Random, data: bytes) -> tuple[str, bytes]:
    lines = data.split(b"\n")
    choice = rng.randrange(6)
    if choice == 0:
        at = rng.randrange(len(lines))
        lines[at:at] = [lines[at]] * rng.choice((100, 3000, 20000))
        return "line repeated", b"\n".join(lines)
    if choice == 1:
        at = rng.randrange(len(lines))
        lines[at] += b";" + rng.choice((b'"', b")", b"a", b"\xc3\xa5")) * rng.choice((1000, 20000, 150000))
        return "long field", b"\n".join(lines)
    if choice == 2:
        return "quotes and delimiters", b"\n".join(line.replace(b";", rng.choice((b'";"', b'""', b";;;;", b"\t")))
                                                   for line in lines)
    if choice == 3:
        return "NUL bytes", b"\x00".join(data[i:i + 40] for i in range(0, len(data), 40))
    if choice == 4:
        return "other encoding", data.decode("utf-8", "replace").encode(rng.choice(("utf-16", "cp1252", "latin-1")),
                                                                        "replace")
    return "spliced", splice(rng, data)


# --- All ------------------------------------------------------------------------------------------


def mutant(rng: random.Random, source: str) -> tuple[str, bytes]:
    """One mutation of fixture `source`: (what was done, the bytes)."""
    data = _load(source)
    roll = rng.random()
    if roll < 0.12:
        return "bytes flipped", flip_bytes(rng, data)
    if roll < 0.2:
        return "truncated", truncate(rng, data)
    if source.endswith(".csv"):
        return mutate_csv(rng, data)
    if roll < 0.25:
        return "spliced", splice(rng, data)
    return mutate_zip(rng, data)


def mutant_at(seed: int, n: int) -> tuple[str, str, bytes]:
    """Mutated file number `n` of run `seed`: (what was done, suffix, bytes); the same on any machine."""
    rng = random.Random(f"{seed}-{n}")
    source = SOURCES[n % len(SOURCES)]
    what, data = mutant(rng, source)
    return f"{source}: {what}", Path(source).suffix, data


def mutants(seed: int, count: int) -> Iterator[tuple[str, str, bytes]]:
    """`count` mutated files for `seed`, the sources in turn."""
    for n in range(count):
        yield mutant_at(seed, n)


def check_file(path: Path) -> tuple[int, bool, str]:
    """Run `aligner check --format json` on `path` in this process: (exit code, crashed with a
    traceback, the output). A crash is an exception that escaped the command, or a traceback printed."""
    from click.testing import CliRunner

    from aligner.cli import main

    result = CliRunner().invoke(main, ["check", str(path), "--format", "json"])
    escaped = result.exception is not None and not isinstance(result.exception, SystemExit)
    return result.exit_code, escaped or "Traceback" in result.output, result.output
