"""The planners' web page end to end in a real headless browser: Debian's chromium, driven by Playwright.

The app runs in werkzeug's threaded server on 127.0.0.1 and a free port, as `aligner serve` runs
it. A planner uploads a sample plan, sees its statements and gaps, downloads the annotated copy
and opens it with python-docx; the page asks for nothing from anywhere but the app, and the
console stays free of errors. The same upload works with JavaScript turned off, and dropping a
file on the page (the script's enhancement) posts the same form. Playwright is given the system
browser (never `playwright install`, which downloads one).
"""

from __future__ import annotations

import base64
import threading
from pathlib import Path

import pytest

from aligner.run.check import check_plan
from tests.browser_support import require_browser
from tests.conftest import SAMPLE_PLANS

require_browser("webbläsartestet av aligner serve")

from werkzeug.serving import make_server  # noqa: E402

from aligner.web import QuietRequestHandler, create_app  # noqa: E402

PLAN = SAMPLE_PLANS / "skol-och-fritidsforvaltningen-2025.docx"
COPY = "skol-och-fritidsforvaltningen-2025.aligner.docx"


@pytest.fixture(scope="module")
def base_url(tagger):
    server = make_server("127.0.0.1", 0, create_app(tagger), threaded=True, request_handler=QuietRequestHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.port}/"
    server.shutdown()
    thread.join(10)


@pytest.fixture(scope="module")
def expected(tagger):
    return check_plan(PLAN, tagger)


def open_page(browser, base_url, **context_options):
    context = browser.new_context(accept_downloads=True, **context_options)
    page = context.new_page()
    page.problems = []
    page.requests = []
    page.on("console", lambda m: page.problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: page.problems.append(str(e)))
    page.on("request", lambda r: page.requests.append(r.url))
    page.goto(base_url)
    return context, page


def only_local(page, base_url: str) -> bool:
    return all(url.startswith((base_url, "data:")) for url in page.requests)


def upload(page, path: Path = PLAN) -> None:
    page.set_input_files("#plan", str(path))
    with page.expect_navigation():
        page.click("#submit")


def test_upload_shows_statements_and_gaps_and_the_annotated_copy_opens(browser, base_url, expected, tmp_path):
    import docx

    context, page = open_page(browser, base_url)
    try:
        upload(page)
        assert page.locator("#result").is_visible()
        assert page.locator(".stmt").count() == len(expected.tagged.statements)
        assert page.locator("td.status", has_text="LUCKA").count() == len(expected.coverage.gaps)
        assert page.locator("mark.ent.c-trygghet").first.is_visible()
        assert "Förslag – räknas inte som täckning" in page.inner_text("#result")
        with page.expect_download() as info:
            page.click(f'a[download="{COPY}"]')
        download = info.value
        assert download.suggested_filename == COPY
        saved = tmp_path / COPY
        download.save_as(saved)
        comments = [c for c in docx.Document(str(saved)).comments if c.author == "aligner"]
        assert len(comments) == len(expected.tagged.statements) + 1
        assert page.problems == []
        assert only_local(page, base_url), page.requests
    finally:
        context.close()


def test_the_plain_form_post_works_without_javascript(browser, base_url, expected, tmp_path):
    import json

    context, page = open_page(browser, base_url, java_script_enabled=False)
    try:
        upload(page)
        assert page.locator(".stmt").count() == len(expected.tagged.statements)
        assert "LUCKA" in page.inner_text("#result")
        with page.expect_download() as info:
            page.click('a[download="skol-och-fritidsforvaltningen-2025.aligner.json"]')
        data = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
        assert [s["id"] for s in data["statements"]] == [ts.statement.id for ts in expected.tagged.statements]
        assert only_local(page, base_url), page.requests
    finally:
        context.close()


def test_a_bad_file_shows_the_swedish_message_on_the_page(browser, base_url, tmp_path):
    bad = tmp_path / "trasig.docx"
    bad.write_bytes(b"inte alls ett Word-dokument")
    context, page = open_page(browser, base_url)
    try:
        upload(page, bad)
        message = page.locator("#error")
        assert message.is_visible() and message.inner_text().startswith("trasig.docx: ")
        assert page.locator("#plan").is_visible()  # the form is there to try again
        # The only console line is Chromium's own note of the 422 status.
        assert all("status of 422" in p for p in page.problems), page.problems
    finally:
        context.close()


def test_dropping_a_file_on_the_page_posts_the_form(browser, base_url, expected):
    context, page = open_page(browser, base_url)
    try:
        data = base64.b64encode(PLAN.read_bytes()).decode("ascii")
        with page.expect_navigation():
            page.evaluate("""([name, data]) => {
                const bytes = Uint8Array.from(atob(data), c => c.charCodeAt(0));
                const transfer = new DataTransfer();
                transfer.items.add(new File([bytes], name));
                const drop = document.getElementById("drop");
                const options = {dataTransfer: transfer, bubbles: true, cancelable: true};
                drop.dispatchEvent(new DragEvent("dragover", options));
                drop.dispatchEvent(new DragEvent("drop", options));
            }""", [PLAN.name, data])
        assert page.locator(".stmt").count() == len(expected.tagged.statements)
        assert page.problems == []
    finally:
        context.close()


def test_the_check_html_file_opens_on_its_own_with_the_same_answer(browser, expected, tmp_path):
    """`aligner check --format html` writes a file a planner opens or mails on: no server, nothing fetched."""
    from click.testing import CliRunner

    from aligner.analysis.gaps import gap_views
    from aligner.cli import main

    out = tmp_path / "svar.html"
    result = CliRunner().invoke(main, ["check", str(PLAN), "--format", "html", "-o", str(out)])
    assert result.exit_code == 1, result.output
    context = browser.new_context(java_script_enabled=True)
    page = context.new_page()
    requests, problems = [], []
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    try:
        page.goto(out.as_uri())
        assert page.locator("#result").is_visible() and page.locator("form").count() == 0
        assert page.locator(".stmt").count() == len(expected.tagged.statements)
        assert page.locator("td.status", has_text="LUCKA").count() == len(expected.coverage.gaps)
        assert page.locator("mark.ent.c-trygghet").first.is_visible()  # the page's own CSS applies
        gaps = page.inner_text("#result")
        for heading, items in gap_views(expected):
            assert heading in gaps and all(item.split(" – ")[0] in gaps for item in items)
        assert "Vad vill vi uppnå › Mål 2" in gaps
        assert requests == [out.as_uri()] and problems == []
    finally:
        context.close()
