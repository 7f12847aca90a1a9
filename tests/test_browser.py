"""The HTML report in a real headless browser: Debian's chromium, driven by Playwright for Python.

The page is opened from file:// as styrning staff open it; the test checks that the matrix and the
highlighted evidence show, that the concept and organisation filters hide and show what they
should, that the page asks for nothing over the network and that the console stays free of errors.
Playwright is given the system browser (never `playwright install`, which downloads one).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from aligner.reports.html import render
from aligner.run.audit import run_audit
from tests.browser_support import require_browser
from tests.test_audit import build_audit_folder

require_browser("webbläsartestet av HTML-rapporten")


@pytest.fixture(scope="module")
def report(tmp_path_factory, tagger) -> tuple[Path, int]:
    folder = build_audit_folder(tmp_path_factory.mktemp("plans"))
    result = run_audit([folder], tagger, jobs=1)
    path = folder.parent / "granskning.html"
    path.write_text(render(result), encoding="utf-8")
    return path, len(result.plans)


@pytest.fixture
def page(browser, report):
    path, _ = report
    page = browser.new_page()
    page.problems = []
    page.requests = []
    page.on("console", lambda m: page.problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: page.problems.append(str(e)))
    page.on("request", lambda r: page.requests.append(r.url))
    page.goto(path.as_uri())
    yield page
    page.close()


def visible(page, selector: str) -> int:
    return page.locator(selector).evaluate_all(
        "els => els.filter(e => e.offsetParent !== null || e.getClientRects().length > 0).length")


def test_matrix_and_evidence_show_from_file_url(page, report):
    _, n_plans = report
    assert page.title().startswith("Granskning")
    assert page.locator("#matrix tbody tr").count() == n_plans
    assert page.locator("#matrix").is_visible()
    assert "LUCKA" in page.locator("#matrix").inner_text()
    trygg = page.locator("mark.ent.c-trygghet").first
    assert trygg.is_visible() and "Trygghet" in trygg.text_content()
    assert visible(page, ".stmt") == page.locator(".stmt").count()
    assert page.problems == []
    assert all(url.startswith(("file:", "data:", "about:")) for url in page.requests), page.requests


def test_concept_filter_hides_statements_without_the_concept(page):
    total = page.locator(".stmt").count()
    page.select_option("#filter-concept", "trygghet")
    shown = page.locator(".stmt:visible")
    assert 0 < shown.count() < total
    for concepts, classes in shown.evaluate_all(
            "els => els.map(e => [e.dataset.concepts, e.className])"):
        assert "trygghet" in concepts.split() or "goal-stmt" in classes
    assert visible(page, "mark.ent.c-samspel:not(.off)") == 0  # other concepts' evidence is not highlighted
    dims = page.locator('#matrix td.dim[data-concept="trygghet"]').count()
    assert dims == 0 and page.locator('#matrix td.dim[data-concept="samspel"]').count() > 0
    assert "påståenden visas" in page.locator("#filter-count").inner_text()
    page.select_option("#filter-concept", "")
    assert page.locator(".stmt:visible").count() == total
    assert page.problems == []


def test_organisation_filter_shows_one_organisation(page, report):
    _, n_plans = report
    option = page.locator("#filter-org option").nth(2)
    anchor, label = option.get_attribute("value"), option.inner_text()
    page.select_option("#filter-org", anchor)
    assert page.locator("section.plan:visible").count() == 1
    assert page.locator(f"section#{anchor}").is_visible()
    rows = page.locator("#matrix tbody tr:visible")
    assert rows.count() == 1 and label in rows.inner_text()
    page.select_option("#filter-org", "")
    assert page.locator("section.plan:visible").count() == n_plans
    assert page.problems == []
