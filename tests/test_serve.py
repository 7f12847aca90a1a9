"""The web page for planners (aligner.web, `aligner serve`) through Flask's test client.

What a planner sees: the form, the check of every sample plan with its three downloads, the
message `check` gives for a bad file; and what they are promised: nothing kept, nothing logged
but sizes and timings, nothing fetched from elsewhere, concurrent uploads kept apart.
"""

from __future__ import annotations

import base64
import html
import io
import json
import logging
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

import aligner.readers
import aligner.web
from aligner.cli import EXIT_INPUT, main
from aligner.errors import InputError
from aligner.model import AcceptedGap
from aligner.run.check import check_plan
from aligner.run.pool import TaggerPool
from aligner.web import NO_COPY, NO_FILE, SERVER_ERROR, create_app, upload_name
from tests.conftest import ROOT, SAMPLE_PLANS

PLANS = sorted(p for p in SAMPLE_PLANS.iterdir() if p.suffix in (".docx", ".xlsx"))
SKOL = SAMPLE_PLANS / "skol-och-fritidsforvaltningen-2025.docx"
KULTUR = SAMPLE_PLANS / "kulturforvaltningen-2025.xlsx"
CSV_PLAN = ("Verksamhetsplan 2025 för Provförvaltningen\n"
            "Nämndens mål;Aktivitet;Klart senast\n"
            "Alla elever ska känna sig trygga <script>alert(1)</script> i skolan;"
            "Genomföra trygghetsvandringar tillsammans med polisen;2026-06-30\n")


@pytest.fixture(scope="module")
def app(tagger):
    return create_app(tagger)


@pytest.fixture
def client(app):
    return app.test_client()


def post(client, data: bytes | Path, name: str | None = None):
    if isinstance(data, Path):
        name, data = name or data.name, data.read_bytes()
    return client.post("/", data={"plan": (io.BytesIO(data), name)}, content_type="multipart/form-data")


def page_text(response) -> str:
    return response.get_data(as_text=True)


def downloads(text: str) -> dict[str, tuple[str, bytes]]:
    """The page's download links: file name -> (MIME type, bytes)."""
    found = re.findall(r'<a class="download" href="data:([^;"]+);base64,([^"]*)" download="([^"]+)"', text)
    return {html.unescape(name): (mime, base64.b64decode(data)) for mime, data, name in found}


def error_of(text: str) -> str | None:
    match = re.search(r'<div class="error" id="error" role="alert">(.*?)</div>', text, re.DOTALL)
    return html.unescape(match.group(1)) if match else None


def check_message(path: Path, tagger) -> str:
    """The message `aligner check` gives for a plan that cannot be checked."""
    with pytest.raises(InputError) as caught:
        check_plan(path, tagger)
    return str(caught.value)


def statement_rows(data: dict) -> list[tuple]:
    return [(s["id"], s["kind"], s["text"], [t["concept"] for t in s["tags"]], s["horizon"]["status"])
            for s in data["statements"]]


# --- The form -------------------------------------------------------------------------------------


def test_form_page_is_a_plain_upload_form_with_nothing_from_elsewhere(client):
    response = client.get("/")
    text = page_text(response)
    assert response.status_code == 200 and response.mimetype == "text/html"
    assert '<html lang="sv">' in text and "Kontrollera en verksamhetsplan" in text
    form = re.search(r"<form[^>]*>", text).group(0)
    assert 'method="post"' in form and 'enctype="multipart/form-data"' in form and 'action="/"' in form
    assert re.search(r'<input type="file" id="plan" name="plan" accept="\.docx,\.xlsx,\.xlsm,\.odt,\.ods,\.csv"',
                     text)
    assert '<button type="submit"' in text
    assert not re.search(r"(?:src|href|action)=\"(?:https?:)?//", text)
    assert "<link" not in text and "@import" not in text and "url(" not in text
    assert not re.search(r"<script[^>]*\ssrc=", text)


def test_security_headers_and_nonce(client):
    response = client.get("/")
    headers = response.headers
    csp = headers["Content-Security-Policy"]
    nonce = re.search(r"script-src 'nonce-([^']+)'", csp).group(1)
    assert "default-src 'none'" in csp and "form-action 'self'" in csp and "img-src data:" in csp
    assert f'<script nonce="{nonce}">' in page_text(response) and f'<style nonce="{nonce}">' in page_text(response)
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "no-referrer"
    assert headers["Cache-Control"] == "no-store"
    assert "Set-Cookie" not in headers
    assert nonce not in client.get("/").headers["Content-Security-Policy"]  # a new nonce per response


def test_unknown_page_and_method_give_swedish_pages(client):
    assert "Sidan finns inte" in page_text(client.get("/saknas"))
    assert client.get("/saknas").status_code == 404
    response = client.put("/")
    assert response.status_code == 405 and "formuläret" in page_text(response)


# --- Checking a plan ------------------------------------------------------------------------------


@pytest.mark.parametrize("plan", PLANS, ids=lambda p: p.name)
def test_each_sample_plan_shows_its_statements_gaps_and_downloads(client, tagger, plan):
    response = post(client, plan)
    text = page_text(response)
    assert response.status_code == 200, error_of(text)
    expected = check_plan(plan, tagger)
    ids = re.findall(r'<div class="stmt[^"]*" data-id="([^"]+)"', text)
    assert ids and sorted(ids) == sorted(ts.statement.id for ts in expected.tagged.statements)
    titles = {c.id: c.title for c in expected.ruleset.concepts}
    for cid in expected.coverage.gaps:
        assert re.search(rf'<tr class="gap"><td>{re.escape(titles[cid])}</td><td class="status">LUCKA</td>', text)
    for c in expected.coverage.concepts:
        if c.covered:
            assert re.search(rf'<tr class="covered"><td>{re.escape(titles[c.concept])}</td>', text)
    assert "Förslag – räknas inte som täckning" in text
    assert "Tidshorisont inom 2027:" in text and "tidshorisont: " in text
    assert "<mark class=\"ent" in text

    files = downloads(text)
    stem = plan.stem
    assert set(files) == {f"{stem}.aligner{plan.suffix}", f"{stem}.granskning.xlsx", f"{stem}.aligner.json"}
    data = json.loads(files[f"{stem}.aligner.json"][1])
    assert data["plan"]["source"] == plan.name  # the plan's own name, never the temporary path
    assert statement_rows(data) == [
        (ts.statement.id, ts.statement.kind, ts.statement.text, list(ts.concepts), ts.result.horizon.status)
        for ts in expected.tagged.statements]
    assert data["coverage"]["gaps"]["concepts"] == list(expected.coverage.gaps)
    assert tempfile.gettempdir() not in files[f"{stem}.aligner.json"][1].decode("utf-8")

    from openpyxl import load_workbook

    report = load_workbook(io.BytesIO(files[f"{stem}.granskning.xlsx"][1]))
    assert report.sheetnames[:2] == ["Matris", "Påståenden"]
    assert report["Påståenden"].max_row == len(expected.tagged.statements) + 1


def test_the_annotated_word_copy_opens_with_python_docx(client, tagger):
    import docx

    files = downloads(page_text(post(client, SKOL)))
    mime, data = files["skol-och-fritidsforvaltningen-2025.aligner.docx"]
    assert mime == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    copy = docx.Document(io.BytesIO(data))
    comments = [c for c in copy.comments if c.author == "aligner"]
    n = len(check_plan(SKOL, tagger).tagged.statements)
    assert len(comments) == n + 1  # one per statement and the summary
    assert any(c.text.startswith("aligner – sammanfattning") for c in comments)


def test_the_annotated_excel_copy_has_the_coverage_sheet(client):
    from openpyxl import load_workbook

    files = downloads(page_text(post(client, KULTUR)))
    copy = load_workbook(io.BytesIO(files["kulturforvaltningen-2025.aligner.xlsx"][1]))
    assert "Täckning" in copy.sheetnames


def test_claims_are_set_against_the_text(client):
    text = page_text(post(client, SAMPLE_PLANS / "miljoforvaltningen-2025.docx"))
    claims = re.search(r'<table class="claims">.*?</table>', text, re.DOTALL).group(0)
    assert "stöds av texten" in claims and claims.count("<tr class=") >= 5


def test_csv_plan_is_checked_without_an_annotated_copy_and_its_text_is_escaped(client):
    response = post(client, CSV_PLAN.encode("utf-8"), "provplan.csv")
    text = page_text(response)
    assert response.status_code == 200, error_of(text)
    assert set(downloads(text)) == {"provplan.granskning.xlsx", "provplan.aligner.json"}
    assert html.escape(NO_COPY, quote=False) in text
    assert "<script>alert(1)" not in text and "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "Provförvaltningen" in text


def test_accepted_gaps_are_shown_as_accepted(tagger):
    entry = AcceptedGap("Skol- och fritidsförvaltningen", "klimatneutralitet_2030", "Ingår i fastighetsnämndens plan.",
                        "Styrningsenheten", "2025-01-20", 1)
    text = page_text(post(create_app(tagger, accepted=[entry]).test_client(), SKOL))
    assert re.search(r'<tr class="accepted"><td>Klimatneutralitet 2030</td><td class="status">accepterad</td>', text)
    assert "Ingår i fastighetsnämndens plan." in text
    assert re.search(r'<tr class="gap"><td>Sysselsättning</td>', text)  # the other gaps stay gaps


def test_upload_name_keeps_swedish_letters_and_drops_folders():
    assert upload_name("C:\\Users\\anna\\Plan för Kulturförvaltningen.docx") == "Plan för Kulturförvaltningen.docx"
    assert upload_name("../../etc/passwd") == "passwd"
    assert upload_name("plan\x00<1>.xlsx") == "plan__1_.xlsx"
    assert upload_name("Va\u0308xjo\u0308.docx") == "Växjö.docx"  # decomposed (macOS) -> composed
    assert upload_name("..") == "plan" and upload_name("") == "plan"
    long = upload_name("x" * 300 + ".docx")
    assert len(long) <= 120 and long.endswith(".docx")


# --- Bad input --------------------------------------------------------------------------------------


BAD_FILES = {
    "random-bytes": ("trasig.docx", os.urandom(3000)),
    "pdf": ("plan.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"),
    "empty": ("tom.xlsx", b""),
    "text-as-word": ("anteckningar.docx", b"Bara lite text, inget Word-dokument."),
    "no-statements": ("inga-mal.csv", "Rubrik;Kommentar\nEtt;Två\n".encode()),
}


@pytest.mark.parametrize("case", BAD_FILES, ids=list(BAD_FILES))
def test_bad_file_gives_the_message_check_gives(client, tagger, tmp_path, case):
    name, data = BAD_FILES[case]
    path = tmp_path / name
    path.write_bytes(data)
    expected = check_message(path, tagger)
    cli = CliRunner().invoke(main, ["check", str(path)])
    assert cli.exit_code == EXIT_INPUT and cli.output.strip() == f"fel: {expected}"

    response = post(client, data, name)
    text = page_text(response)
    assert response.status_code == 422
    assert error_of(text) == expected
    assert "Traceback" not in text and 'id="result"' not in text
    assert '<input type="file" id="plan"' in text  # the form is there to try again


def test_read_plan_message_is_the_same_on_the_page(client, tmp_path):
    path = tmp_path / "trasig.xlsx"
    path.write_bytes(b"PK\x03\x04" + os.urandom(500))
    with pytest.raises(InputError) as caught:
        aligner.readers.read_plan(path)
    assert error_of(page_text(post(client, path))) == str(caught.value)


def test_no_file_chosen(client):
    response = client.post("/", data={}, content_type="multipart/form-data")
    assert response.status_code == 400 and error_of(page_text(response)) == NO_FILE
    response = post(client, b"", "")
    assert response.status_code == 400 and error_of(page_text(response)) == NO_FILE


def test_too_large_upload_gives_a_swedish_page(tagger):
    client = create_app(tagger, max_upload_bytes=20_000).test_client()
    response = post(client, SKOL)  # about 40 kB: refused by the request size limit
    assert response.status_code == 413
    assert error_of(page_text(response)).startswith("Filen är för stor: högst 20 kB")
    response = post(client, b"x" * 21_000, "plan.docx")  # within the form's margin: refused by the file size
    assert response.status_code == 413 and "Filen är för stor" in error_of(page_text(response))


def test_an_unexpected_error_gives_a_swedish_page_that_says_nothing_of_the_plan(client, monkeypatch, caplog):
    def broken(*args):
        raise RuntimeError("Alla barn ska känna sig trygga – hemlig formulering")

    monkeypatch.setattr(aligner.web, "_check_and_annotate", broken)
    caplog.set_level(logging.INFO)
    response = post(client, SKOL)
    text = page_text(response)
    assert response.status_code == 500 and error_of(text) == SERVER_ERROR
    assert "hemlig" not in text and "Traceback" not in text and "RuntimeError" not in text
    assert "hemlig" not in caplog.text and "RuntimeError" in caplog.text


# --- Confidentiality --------------------------------------------------------------------------------


def test_nothing_is_left_in_the_temporary_folder(client, tagger, monkeypatch, tmp_path):
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp))
    seen = []
    real = aligner.readers.read_plan

    def spy(path, **kw):
        seen.append(Path(path))
        return real(path, **kw)

    monkeypatch.setattr(aligner.readers, "read_plan", spy)
    assert post(client, SKOL).status_code == 200
    assert post(client, KULTUR).status_code == 200
    assert post(client, CSV_PLAN.encode(), "plan.csv").status_code == 200
    assert post(client, os.urandom(2000), "trasig.docx").status_code == 422
    assert post(client, os.urandom(700_000), "stor-men-trasig.docx").status_code == 422  # spooled by werkzeug
    assert post(create_app(tagger, max_upload_bytes=1000).test_client(), b"x" * 1500, "stor.docx").status_code == 413
    assert seen and all(tmp in p.parents for p in seen)  # the plans were written there …
    assert [p for p in tmp.rglob("*") if not p.is_dir()] == []  # … and nothing is left
    assert [list(p.iterdir()) for p in tmp.iterdir()] == [[]]  # only the (empty) drafts folder


def test_the_log_holds_sizes_and_timings_only(client, caplog):
    caplog.set_level(logging.DEBUG)
    secret_name = "Hemligt utkast för Kulturförvaltningen.xlsx"
    response = post(client, KULTUR.read_bytes(), secret_name)
    assert response.status_code == 200
    post(client, os.urandom(100), "Hemlig trasig fil.docx")
    client.get("/utkast-om-hemliga-saker")
    lines = [r.getMessage() for r in caplog.records if r.name == "aligner.web"]
    assert len(lines) == 3
    assert re.fullmatch(r"POST / 200, in \d+ B, ut \d+ B, \d+ ms", lines[0])
    assert re.fullmatch(r"POST / 422, in \d+ B, ut \d+ B, \d+ ms", lines[1])
    assert re.fullmatch(r"GET - 404, in 0 B, ut \d+ B, \d+ ms", lines[2])
    assert "Hemlig" not in caplog.text and "utkast" not in caplog.text.lower()


# --- Several planners at once -------------------------------------------------------------------


def test_concurrent_uploads_each_get_their_own_plan(app, tagger):
    plans = PLANS * 2
    expected = {p.name: statement_rows(json.loads(_check_json(p, tagger))) for p in PLANS}
    barrier = threading.Barrier(len(plans))
    results: dict[int, tuple[str, int, str]] = {}

    def upload(i: int, plan: Path) -> None:
        client = app.test_client()
        barrier.wait()
        response = post(client, plan)
        results[i] = (plan.name, response.status_code, page_text(response))

    threads = [threading.Thread(target=upload, args=(i, p)) for i, p in enumerate(plans)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert len(results) == len(plans)
    for name, status, text in results.values():
        assert status == 200, error_of(text)
        data = json.loads(downloads(text)[f"{Path(name).stem}.aligner.json"][1])
        assert data["plan"]["source"] == name
        assert statement_rows(data) == expected[name]
        assert f"Fil: {html.escape(name)}" in text


def _check_json(path: Path, tagger) -> str:
    from aligner.reports.json_report import render

    return render(check_plan(path, tagger))


def test_a_slow_upload_does_not_hold_up_the_others(app, monkeypatch):
    """Reading runs outside the tagging lock: a plan that reads slowly leaves the others alone."""
    gate = threading.Event()
    real = aligner.readers.read_plan

    def slow(path, **kw):
        if Path(path).name.startswith("langsam"):
            assert gate.wait(20), "the slow plan was never let through"
        return real(path, **kw)

    monkeypatch.setattr(aligner.readers, "read_plan", slow)
    slow_result = {}
    thread = threading.Thread(target=lambda: slow_result.update(r=post(app.test_client(), SKOL, "langsam.docx")))
    thread.start()
    try:
        time.sleep(0.2)  # the slow upload is now being read
        started = time.perf_counter()
        fast = post(app.test_client(), KULTUR)
        bad = post(app.test_client(), b"inte en plan", "trasig.docx")
        elapsed = time.perf_counter() - started
        assert thread.is_alive()  # still reading when the others were answered
    finally:
        gate.set()
        thread.join(30)
    assert fast.status_code == 200 and bad.status_code == 422 and elapsed < 10
    assert slow_result["r"].status_code == 200


def test_each_plan_is_tagged_by_a_tagger_no_other_request_uses(tagger, monkeypatch):
    """The pool: at most `size` plans tagged at once, and never two at once by the same Tagger."""
    pool = TaggerPool(tagger, size=2)
    inside, most, users = [0], [0], {}
    lock = threading.Lock()
    real = tagger.tag_plan

    class Probe:
        ruleset = tagger.ruleset
        nlp = tagger.nlp

        def tag_plan(self, plan):
            with lock:
                inside[0] += 1
                most[0] = max(most[0], inside[0])
                users[id(self)] = users.get(id(self), 0) + 1
                assert users[id(self)] == 1, "a Tagger used by two requests at once"
            time.sleep(0.02)
            with lock:
                inside[0] -= 1
                users[id(self)] -= 1
            return real(plan)

    monkeypatch.setattr(pool, "_new", Probe)
    pool._free.get_nowait()
    pool._free.put(Probe())
    plan = aligner.readers.read_plan(KULTUR)
    threads = [threading.Thread(target=pool.tag_plan, args=(plan,)) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert most[0] == 2


# --- The command --------------------------------------------------------------------------------


def test_serve_is_in_the_readme_and_the_planners_guide_and_has_help():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    guide = (ROOT / "docs" / "planners.md").read_text(encoding="utf-8")
    assert "aligner serve" in readme and "## Web page for planners (`aligner serve`)" in guide
    result = CliRunner().invoke(main, ["serve", "--help"])
    assert result.exit_code == 0
    for option in ("--host", "--port", "--max-upload", "--accepted", "--rules"):
        assert option in result.output


def test_serve_on_a_busy_port_gives_a_swedish_message():
    with socket.create_server(("127.0.0.1", 0)) as busy:
        port = busy.getsockname()[1]
        result = CliRunner().invoke(main, ["serve", "--port", str(port)])
    assert result.exit_code == EXIT_INPUT
    assert result.output.startswith(f"fel: kan inte lyssna på 127.0.0.1:{port}: porten används redan")
    assert "Address already in use" not in result.output and "--port" in result.output


def test_serve_with_a_broken_accepted_file_stops_with_its_message(tmp_path):
    bad = tmp_path / "accepterade.yaml"
    bad.write_text("- organisation: X\n  concept: trygget\n  reason: r\n  decided_by: d\n  date: 2025-01-01\n",
                   encoding="utf-8")
    result = CliRunner().invoke(main, ["serve", "--accepted", str(bad)])
    assert result.exit_code == EXIT_INPUT and "okänt koncept 'trygget'" in result.output


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to a child process")
def test_serve_runs_a_threaded_server_and_logs_no_client_or_file(tmp_path):
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "aligner.cli", "serve", "--port", "0"], cwd=tmp_path, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline()
        url = re.search(r"http://127\.0\.0\.1:\d+/", line).group(0)
        assert line.startswith("aligner serve: öppna ")
        with urllib.request.urlopen(url, timeout=10) as response:
            assert response.status == 200 and "Kontrollera en verksamhetsplan" in response.read().decode()
        boundary = "aligner-test"
        body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"plan\"; filename=\"Hemlig.docx\"\r\n"
                "Content-Type: application/octet-stream\r\n\r\n").encode() + SKOL.read_bytes() + \
            f"\r\n--{boundary}--\r\n".encode()
        request = urllib.request.Request(url, data=body, headers={
            "Content-Type": f"multipart/form-data; boundary={boundary}"})
        with urllib.request.urlopen(request, timeout=30) as response:
            assert "LUCKA" in response.read().decode()
    finally:
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=20)
    assert proc.returncode == 0 and "avslutad" in out
    assert "Hemlig" not in err and "127.0.0.1 -" not in err
    assert re.search(r"POST / 200, in \d+ B, ut \d+ B, \d+ ms", err)
