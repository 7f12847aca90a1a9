"""Annotated copies of the sample plans: the original untouched, every original text kept, a note per statement."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from aligner.annotate import default_output
from aligner.cli import EXIT_INPUT, EXIT_OK, main
from aligner.model import KIND_SV
from aligner.run.annotate import annotate_plan
from aligner.text import fold, normalize_text
from tests.conftest import SAMPLE_PLANS

PLANS = sorted(p for p in SAMPLE_PLANS.iterdir() if p.suffix in (".docx", ".xlsx"))
DOCX = [p for p in PLANS if p.suffix == ".docx"]
XLSX = [p for p in PLANS if p.suffix == ".xlsx"]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def annotated(tagger, tmp_path_factory):
    """Every sample plan annotated once: name -> (Annotated, sha256 of the original before)."""
    out = tmp_path_factory.mktemp("annotated")
    done = {}
    for plan in PLANS:
        before = sha256(plan)
        done[plan.name] = (annotate_plan(plan, out / default_output(plan).name, tagger), before)
    return done


def test_every_sample_plan_is_annotated():
    assert len(DOCX) >= 3 and len(XLSX) >= 3


@pytest.mark.parametrize("plan", PLANS, ids=[p.name for p in PLANS])
def test_the_original_is_unchanged_and_the_copy_is_beside_it(annotated, plan):
    done, before = annotated[plan.name]
    assert sha256(plan) == before
    assert done.output.name == f"{plan.stem}.aligner{plan.suffix}" and done.output.is_file()
    assert sha256(done.output) != before


@pytest.mark.parametrize("plan", PLANS, ids=[p.name for p in PLANS])
def test_the_copy_reads_as_the_same_plan(annotated, plan):
    from aligner.readers import read_plan

    def shape(p):
        return [(s.id, s.kind, s.text, s.parent, s.ref.sheet, s.ref.row, s.ref.column, s.ref.paragraph,
                 s.ref.table, s.ref.table_row, s.ref.table_cell) for s in read_plan(p).statements]

    assert shape(annotated[plan.name][0].output) == shape(plan)


# --- Word -----------------------------------------------------------------------------------------


def _texts(document) -> dict[str, list]:
    section = document.sections[0]
    return {
        "paragraphs": [p.text for p in document.paragraphs],
        "tables": [[[c.text for c in row.cells] for row in t.rows] for t in document.tables],
        "header": [p.text for p in section.header.paragraphs],
        "footer": [p.text for p in section.footer.paragraphs],
    }


def _anchors(document) -> dict[int, str]:
    """Comment id -> text of the paragraphs its range runs over (body and table cells)."""
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph

    out: dict[int, str] = {}
    open_ids: set[int] = set()
    for p in document.element.body.iter(qn("w:p")):
        text = Paragraph(p, None).text
        for start in p.iter(qn("w:commentRangeStart")):
            open_ids.add(int(start.get(qn("w:id"))))
        for cid in open_ids:
            out[cid] = f"{out[cid]} {text}" if cid in out else text
        for end in p.iter(qn("w:commentRangeEnd")):
            open_ids.discard(int(end.get(qn("w:id"))))
    return out


@pytest.mark.parametrize("plan", DOCX, ids=[p.name for p in DOCX])
def test_word_copy_keeps_every_text_and_comments_every_statement(annotated, plan):
    import docx

    done, _ = annotated[plan.name]
    original, copy = docx.Document(str(plan)), docx.Document(str(done.output))
    assert _texts(copy) == _texts(original)
    comments = [c for c in copy.comments if c.author == "aligner"]
    assert all(c.initials == "AL" for c in comments)
    anchors = _anchors(copy)
    by_head = {c.text.splitlines()[0]: c for c in comments}
    statements = done.result.tagged.statements
    assert done.notes == len(statements) and len(comments) == len(statements) + 1
    for ts in statements:
        s = ts.statement
        comment = by_head[f"aligner: {KIND_SV[s.kind]} {s.id}"]
        assert fold(s.text) in fold(normalize_text(anchors[comment.comment_id])), s.id
        assert "Plats:" not in comment.text, s.id  # found where the reader found it, not a fallback
        if ts.tags:
            assert all(e.text in comment.text for t in ts.tags for e in t.evidence), s.id
        else:
            assert "Tjänar inget av de sju koncepten." in comment.text
    summary = next(c for c in comments if c.text.startswith("aligner – sammanfattning"))
    assert anchors[summary.comment_id].strip()
    for gap in done.result.coverage.gaps:
        assert done.result.ruleset.title(gap) in summary.text
    if done.result.suggestions:
        assert "Förslag (räknas inte som täckning)" in summary.text


# --- Excel ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("plan", XLSX, ids=[p.name for p in XLSX])
def test_excel_copy_keeps_every_cell_formula_and_merge(annotated, plan):
    from openpyxl import load_workbook

    done, _ = annotated[plan.name]
    original, copy = load_workbook(plan), load_workbook(done.output)
    # aligner's "Täckning" first and the one sheet selected; the plan's own sheets after it, in their order
    assert copy.sheetnames == ["Täckning", *original.sheetnames] and copy.active.title == "Täckning"
    assert [ws.sheet_view.tabSelected for ws in copy.worksheets].count(True) <= 1
    for sheet in original.worksheets:
        twin = copy[sheet.title]
        assert {str(r) for r in twin.merged_cells.ranges} == {str(r) for r in sheet.merged_cells.ranges}
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value is not None:
                    assert twin[cell.coordinate].value == cell.value, f"{sheet.title}!{cell.coordinate}"
                    assert twin[cell.coordinate].number_format == cell.number_format


@pytest.mark.parametrize("plan", XLSX, ids=[p.name for p in XLSX])
def test_excel_copy_has_a_value_for_every_statement_and_a_coverage_sheet(annotated, plan):
    from openpyxl import load_workbook

    done, _ = annotated[plan.name]
    original, copy = load_workbook(plan), load_workbook(done.output)
    assert "Täckning" in copy.sheetnames
    rows = set()
    for ts in done.result.tagged.statements:
        s = ts.statement
        rows.add((s.ref.sheet, s.ref.row))
        before = original[s.ref.sheet]
        new = [c.value for c in copy[s.ref.sheet][s.ref.row] if before[c.coordinate].value is None and c.value]
        assert len(new) == 3, s.id  # Koncept, Belägg, Tidshorisont
        assert all(any(line.startswith(f"{s.id}: ") for line in value.splitlines()) for value in new), s.id
    assert done.notes == len(rows)
    for name in {sheet for sheet, _ in rows}:
        headers = [c.value for row in copy[name].iter_rows() for c in row if c.value in ("Koncept", "Belägg")]
        assert headers == ["Koncept", "Belägg"]
    coverage = [v for row in copy["Täckning"].iter_rows(values_only=True) for v in row if v]
    for c in done.result.coverage.concepts:
        assert c.title in coverage
    if done.result.suggestions:
        assert "Förslag (räknas inte som täckning)" in coverage


def test_excel_formula_stays_a_formula(annotated):
    from openpyxl import load_workbook

    done, _ = annotated["arbetsmarknadsforvaltningen-2025.xlsx"]
    assert load_workbook(done.output)["Verksamhetsplan"]["D18"].value == "=0.7*100"


def test_excel_columns_go_after_the_last_used_column_and_keep_rich_text(tagger, tmp_path):
    from openpyxl import Workbook, load_workbook
    from openpyxl.cell.rich_text import CellRichText, TextBlock
    from openpyxl.cell.text import InlineFont

    book = Workbook()
    sheet = book.active
    sheet.title = "Plan"
    sheet["A1"] = "Verksamhetsplan 2025 för Testförvaltningen"
    for col, header in enumerate(["Mål", "Aktivitet", "Ansvarig", "Summa"], start=1):
        sheet.cell(3, col, header)
    sheet["A4"] = "Otryggheten i stadsdelen ska minska."
    sheet.merge_cells("A4:A5")
    sheet["B4"] = "Genomföra trygghetsvandringar tillsammans med polisen."
    sheet["B5"] = "Installera solceller på alla nya förskolor."
    sheet["C4"] = CellRichText("Enhetschef ", TextBlock(InlineFont(b=True), "trygghet"))
    sheet["D4"] = "=1+1"
    book.create_sheet("Täckning")["A1"] = "Planens egen täckningsanalys"
    plan = tmp_path / "plan.xlsx"
    book.save(plan)

    done = annotate_plan(plan, tagger=tagger)
    copy = load_workbook(done.output, rich_text=True)
    twin = copy["Plan"]
    assert [twin.cell(3, c).value for c in range(5, 8)] == ["Koncept", "Belägg", "Tidshorisont"]
    goal, activity = twin["E4"].value.splitlines()
    assert goal.startswith("M1: Trygghet; via aktivitet/indikator: Samspel (A1)")
    assert activity == "A1: Samspel, Trygghet"
    assert twin["E5"].value.startswith("A2: Klimatneutralitet 2030")
    assert twin["D4"].value == "=1+1" and "A4:A5" in {str(r) for r in twin.merged_cells.ranges}
    assert isinstance(twin["C4"].value, CellRichText) and str(twin["C4"].value) == "Enhetschef trygghet"
    assert copy["Täckning"]["A1"].value == "Planens egen täckningsanalys"
    assert copy.sheetnames == ["Täckning (aligner 2)", "Plan", "Täckning"]  # aligner's sheet first


# --- Command line ---------------------------------------------------------------------------------


def _run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_cli_writes_the_copy_beside_the_plan(tmp_path):
    plan = tmp_path / "plan.xlsx"
    shutil.copy(SAMPLE_PLANS / "kulturforvaltningen-2025.xlsx", plan)
    result = _run("annotate", plan)
    assert result.exit_code == EXIT_OK, result.output
    assert (tmp_path / "plan.aligner.xlsx").is_file()
    assert "plan.aligner.xlsx" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.aligner.xlsx", "plan.xlsx"]  # no temp file left


def test_cli_refuses_to_overwrite_the_plan(tmp_path):
    plan = tmp_path / "plan.docx"
    shutil.copy(SAMPLE_PLANS / "socialforvaltningen-2025.docx", plan)
    before = sha256(plan)
    result = _run("annotate", plan, "--output", tmp_path / "." / "plan.docx")
    assert result.exit_code == EXIT_INPUT
    assert "skriver aldrig över originalet" in result.output and "Traceback" not in result.output
    assert sha256(plan) == before


def test_cli_refuses_another_file_type(tmp_path):
    result = _run("annotate", SAMPLE_PLANS / "socialforvaltningen-2025.docx", "--output", tmp_path / "x.xlsx")
    assert result.exit_code == EXIT_INPUT and ".docx" in result.output
    assert not (tmp_path / "x.xlsx").exists()


def test_cli_unreadable_plan_gives_exit_2(tmp_path):
    bad = tmp_path / "plan.docx"
    bad.write_bytes(b"not a word file")
    result = _run("annotate", bad)
    assert result.exit_code == EXIT_INPUT and "plan.docx" in result.output
    assert not (tmp_path / "plan.aligner.docx").exists()


# --- LibreOffice ----------------------------------------------------------------------------------


@pytest.mark.skipif(shutil.which("soffice") is None,
                    reason="LibreOffice (soffice) is not installed; apt-get install libreoffice-writer-nogui "
                           "libreoffice-calc-nogui to run this test")
def test_libreoffice_opens_every_copy(annotated, tmp_path):
    copies = [str(done.output) for done, _ in annotated.values()]
    profile = (tmp_path / "profile").as_uri()
    command = ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
               "--outdir", str(tmp_path / "pdf"), *copies]
    subprocess.run(command, check=True, capture_output=True, timeout=300)
    for copy in copies:
        pdf = tmp_path / "pdf" / f"{Path(copy).stem}.pdf"
        assert pdf.is_file() and pdf.read_bytes().startswith(b"%PDF"), pdf.name
    # LibreOffice also reads the comments: a Word copy converted to ODF holds one annotation per comment.
    word = [d for d, _ in annotated.values() if d.output.suffix == ".docx"][0]
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "odt",
                    "--outdir", str(tmp_path / "odt"), str(word.output)], check=True, capture_output=True, timeout=300)
    with zipfile.ZipFile(tmp_path / "odt" / f"{word.output.stem}.odt") as odt:
        content = odt.read("content.xml").decode("utf-8")
    assert content.count("<dc:creator>aligner</dc:creator>") == len(word.result.tagged.statements) + 1
