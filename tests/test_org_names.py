"""Organisation names as people write them (a line, a subtitle, the title, the properties, the file name),
and aligner's own output files in an audited folder."""

from __future__ import annotations

import shutil

import docx
import pytest

from aligner.readers import read_plan
from aligner.readers.common import org_name
from aligner.readers.properties import org_from_properties
from aligner.run.files import collect_files
from aligner.run.orgs import resolve_org
from tests.conftest import SAMPLE_PLANS
from tests.readers_fixtures import ACT, GOAL


def plan_docx(path, paragraphs, title_property=None):
    document = docx.Document()
    for style, text in paragraphs:
        document.add_paragraph(text, style=style)
    document.add_heading("Mål", 1)
    document.add_paragraph(GOAL, style="List Number")
    document.add_paragraph(ACT, style="List Bullet 2")
    if title_property:
        document.core_properties.title = title_property
    document.save(str(path))
    return path


@pytest.mark.parametrize(("paragraphs", "org"), [
    ([("Title", "VÅRD- OCH OMSORGSNÄMNDENS VERKSAMHETSPLAN 2025")], "Vård- och omsorgsnämnden"),
    ([("Title", "Verksamhetsplan 2025"), ("Subtitle", "Kulturförvaltningen")], "Kulturförvaltningen"),
    ([("Title", "Verksamhetsplan 2025 – Helsingborgshem AB")], "Helsingborgshem AB"),
    ([("Title", "Verksamhetsplan 2025"), (None, "Förvaltning: socialförvaltningen")], "Socialförvaltningen"),
    ([("Title", "Verksamhetsplan 2025"), (None, "Nämnd: Verksamhetsplan för hela nämnden 2025")], None),
])
def test_organisation_from_the_document_as_a_name(tmp_path, paragraphs, org):
    plan = read_plan(plan_docx(tmp_path / "plan.docx", paragraphs))
    assert plan.org == org
    subtitle = [e for e in plan.reading if e.reason == "dokumentets underrubrik"]
    assert len(subtitle) == sum(1 for style, _ in paragraphs if style == "Subtitle")


def test_organisation_from_the_title_property_is_never_the_whole_title(tmp_path):
    path = plan_docx(tmp_path / "plan.docx", [], title_property="Verksamhetsplan 2025 – Kulturförvaltningen")
    assert org_from_properties(path) == "Kulturförvaltningen"


def test_names_keep_their_casing_and_titles_are_no_names():
    assert org_name("SKOL- OCH FRITIDSFÖRVALTNINGEN") == "Skol- och fritidsförvaltningen"
    assert org_name("stadsbyggnadsförvaltningen 2025") == "Stadsbyggnadsförvaltningen"
    assert org_name("ÖRESUNDSKRAFT AB") == "Öresundskraft AB"
    assert org_name("Verksamhetsplan 2025 för Kulturförvaltningen") is None


def test_file_name_is_the_last_resort(tmp_path):
    path = plan_docx(tmp_path / "vard-och-omsorgsnamnden-2025.docx", [(None, "Inledande text om planen.")])
    plan = read_plan(path)
    assert resolve_org(str(path), plan, None, None) == ("Vard och omsorgsnamnden", "filnamn")


def test_audit_skips_alignerss_own_output_files_with_the_reason(tmp_path):
    folder = tmp_path / "planer"
    folder.mkdir()
    for name in ("kultur.docx", "kultur.aligner.docx", "kultur.aligner.xlsx", "granskning.xlsx",
                 "kultur.granskning.xlsx"):
        shutil.copy(SAMPLE_PLANS / "socialforvaltningen-2025.docx", folder / name)
    files, problems = collect_files([folder])
    assert [f.name for f in files] == ["kultur.docx"]
    reasons = {p.path.rsplit("/", 1)[-1]: p.reason for p in problems}
    assert reasons["kultur.aligner.docx"].startswith("aligners egen kommenterade kopia")
    assert reasons["kultur.aligner.xlsx"].startswith("aligners egen kommenterade kopia")
    assert reasons["granskning.xlsx"].startswith("aligners egen rapport")
    assert reasons["kultur.granskning.xlsx"].startswith("aligners egen rapport")
    assert all(p.kind == "skipped" for p in problems)
