"""The standalone HTML report (and the audit JSON and SVG chart): self-contained, escaped, traceable."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import pytest

from aligner.reports import audit_json, chart, html
from aligner.reports.audit import REPORT_FILES, write_reports


@pytest.fixture(scope="module")
def page(audit) -> str:
    return html.render(audit)


def test_highlight_splits_text_at_every_evidence_boundary():
    segments = html.highlight("abc def ghi", [(0, 3, "x"), (4, 11, "y"), (8, 11, "z")])
    assert segments == [("abc", ("x",)), (" ", ()), ("def ", ("y",)), ("ghi", ("y", "z"))]
    assert html.highlight("abc", []) == [("abc", ())]
    assert html.highlight("abc", [(2, 9, "x")]) == [("abc", ())]  # offsets past the text are ignored


def test_page_is_standalone(page):
    assert "<style>" in page and "<script>" in page
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page, re.IGNORECASE)
    assert "@import" not in page and "url(" not in page
    assert 'rel="stylesheet"' not in page and "<script src" not in page


def test_page_escapes_plan_text(page):
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "&amp; säkra" in page


def test_page_has_matrix_sections_evidence_and_filters(page, audit):
    assert page.count('<tr data-org="') == len(audit.plans)
    assert page.count('<section class="plan"') == len(audit.plans)
    assert 'id="filter-concept"' in page and 'id="filter-org"' in page
    assert re.search(r'<mark class="ent c-trygghet">trygga\s*<span class="lbl">Trygghet</span></mark>', page)
    assert ">LUCKA<" in page and ">accepterad<" in page
    assert "Inte i uppdraget." in page  # the reason for the accepted gap
    assert "Inaktuell accepterad lucka" in page and "Nedlagda nämnden" in page
    assert "trasig.docx" in page and "Indikatorer utan målvärde" in page and "Mål utan egen indikator" in page


def test_matrix_cells_trace_to_goals(page):
    assert re.search(r'title="Trygghet: \d+ mål – M\d', page)


def test_json_has_each_plan_in_the_check_schema_plus_the_matrix(audit):
    data = json.loads(audit_json.render(audit))
    assert data["kind"] == "audit" and data["summary"]["plans"] == len(audit.plans)
    for plan in data["plans"]:
        assert {"schema_version", "plan", "statements", "coverage", "skipped", "organisation", "accepted_gaps",
                "indicator_checks", "open_gaps"} <= set(plan)
    kultur = next(r for r in data["matrix"]["rows"] if r["organisation"] == "Kulturförvaltningen")
    assert kultur["cells"]["sysselsattning"]["status"] == "accepted"
    assert kultur["cells"]["klimatneutralitet_2030"]["status"] == "gap"
    ids = {s["id"] for p in data["plans"] if p["organisation"]["name"] == "Kulturförvaltningen"
           for s in p["statements"]}
    assert set(kultur["cells"]["trygghet"]["direct"]) | {v["goal"] for v in kultur["cells"]["trygghet"]["via"]} <= ids
    concepts = {c["concept"]: c for c in data["matrix"]["concepts"]}
    assert concepts["trygghet"]["organisations_serving"] >= 2
    assert {p["path"].rsplit("/", 1)[-1] for p in data["problems"] if p["kind"] == "unreadable"} == {"trasig.docx",
                                                                                                      "tom.docx"}
    assert data["stale_accepted_gaps"][0]["organisation"] == "Nedlagda nämnden"
    assert audit_json.render(audit) == audit_json.render(audit)  # deterministic


def test_chart_is_valid_svg_with_one_cell_per_plan_and_concept(audit):
    svg = chart.render_svg(audit)
    root = ET.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    cells = [r for r in root.iter(f"{ns}rect") if r.find(f"{ns}title") is not None]
    assert len(cells) == len(audit.plans) * 7
    texts = [t.text for t in root.iter(f"{ns}text")]
    assert "LUCKA" in texts and "acc." in texts and "Kulturförvaltningen" in texts


def test_write_reports_writes_the_chosen_kinds(audit, tmp_path):
    written = write_reports(audit, tmp_path / "ut", ("html", "chart"))
    assert [p.name for p in written] == [REPORT_FILES["html"], REPORT_FILES["chart"]]
    assert all(p.stat().st_size > 1000 for p in written)
