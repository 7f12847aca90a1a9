"""`aligner serve` under load and abuse, on a real server over loopback (127.0.0.1 only, bounded).

40 concurrent uploads, one of them hostile, the others answered in their normal time; a full pool
answers "upptagen"; memory bounded across uploads; a request that never sends its body is cut
off; drafts of a killed server removed at start-up; no version banner; HEAD / answers 200; long
and non-UTF-8 file names get a page, not a 500.
"""

from __future__ import annotations

import http.client
import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from aligner.run.pool import TaggerPool
from aligner.web import BAD_NAME, BUSY, MAX_NAME_BYTES, QuietRequestHandler, create_app, upload_name

FIXTURES = Path(__file__).resolve().parent / "fixtures"
PLAN = (FIXTURES / "lo_plan.csv").read_bytes()


def multipart(name: str | bytes, data: bytes) -> tuple[bytes, str]:
    raw = name.encode("utf-8") if isinstance(name, str) else name
    body = (b'--b0undary\r\nContent-Disposition: form-data; name="plan"; filename="' + raw + b'"\r\n'
            b"Content-Type: application/octet-stream\r\n\r\n" + data + b"\r\n--b0undary--\r\n")
    return body, "multipart/form-data; boundary=b0undary"


class Server:
    """The app on a real threaded werkzeug server on 127.0.0.1, a free port."""

    def __init__(self, app, handler=QuietRequestHandler):
        from werkzeug.serving import make_server

        self.server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=handler)
        self.port = self.server.port
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(10)

    def request(self, method: str, body: bytes | None = None, content_type: str | None = None, timeout=120):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            conn.request(method, "/", body=body, headers={"Content-Type": content_type} if content_type else {})
            response = conn.getresponse()
            return response.status, dict(response.getheaders()), response.read().decode("utf-8", "replace")
        finally:
            conn.close()

    def upload(self, name, data: bytes):
        started = time.perf_counter()
        status, headers, text = self.request("POST", *multipart(name, data))
        return status, text, time.perf_counter() - started


@pytest.fixture
def drafts(tmp_path):
    return tmp_path / "utkast"


def test_forty_concurrent_uploads_one_hostile_the_others_in_their_normal_time(tagger, drafts, monkeypatch):
    """The hostile plan keeps one Tagger busy for seconds (its tagging made slow here, as a huge or
    pathological plan's would be); with one lock over all tagging, every other upload waited for it."""
    from aligner.tagging.tagger import Tagger

    hostile_seconds = 8.0
    real = Tagger.tag_plan

    def tag_plan(self, plan):
        if "fientlig" in plan.source:
            time.sleep(hostile_seconds)  # holds its Tagger, as a long tagging would
        return real(self, plan)

    monkeypatch.setattr(Tagger, "tag_plan", tag_plan)
    quotes = "Mål;Aktivitet\nÖka tryggheten" + '"' * 20_000 + ";=HYPERLINK(\"http://example.invalid\")\n"
    app = create_app(tagger, taggers=2, drafts=drafts)
    with Server(app) as server:
        with ThreadPoolExecutor(39) as pool:  # the normal time: 39 at once, nothing hostile
            baseline = list(pool.map(lambda n: server.upload(f"plan-{n}.csv", PLAN), range(39)))
        assert all(status == 200 for status, _, _ in baseline)
        normal = max(seconds for _, _, seconds in baseline)
        with ThreadPoolExecutor(40) as pool:
            hostile = pool.submit(server.upload, "fientlig.csv", quotes.encode("utf-8"))
            time.sleep(0.3)  # the hostile one is being tagged
            others = list(pool.map(lambda n: server.upload(f"plan-{n}.csv", PLAN), range(39)))
            status, text, hostile_took = hostile.result()
    assert status == 200 and "LUCKA" in text or "täckt" in text
    assert all(s == 200 for s, _, _ in others)
    slowest = max(seconds for _, _, seconds in others)
    assert slowest < hostile_seconds, f"the others waited for the hostile upload ({slowest:.1f} s)"
    assert slowest < 3 * normal + 3, f"normal {normal:.1f} s, with a hostile upload {slowest:.1f} s"
    assert hostile_took >= hostile_seconds
    assert list(drafts.iterdir()) == []  # every draft removed


def test_a_full_pool_answers_busy_instead_of_hanging(tagger, drafts, monkeypatch):
    from aligner.tagging.tagger import Tagger

    gate, inside = threading.Event(), threading.Event()
    real = Tagger.tag_plan

    def tag_plan(self, plan):
        if "langsam" in plan.source:
            inside.set()
            gate.wait(20)  # holds its Tagger
        return real(self, plan)

    monkeypatch.setattr(Tagger, "tag_plan", tag_plan)
    app = create_app(tagger, taggers=1, wait=0.5, drafts=drafts)
    client = app.test_client()
    holder = threading.Thread(target=lambda: client.post("/", data={"plan": (__import__("io").BytesIO(PLAN),
                                                                               "langsam.csv")}))
    holder.start()
    try:
        assert inside.wait(20)
        body, content_type = multipart("plan.csv", PLAN)
        response = app.test_client().post("/", data=body, content_type=content_type)
        assert response.status_code == 503 and BUSY in response.get_data(as_text=True)
        assert response.headers["Retry-After"] == "10"
    finally:
        gate.set()
        holder.join(30)


def test_a_tagger_with_a_grown_vocabulary_is_replaced(tagger, tmp_path):
    import random

    from aligner.readers import read_plan

    rng = random.Random(15)
    new_words = " ".join("".join(rng.choice("abcdefghijklmnopqrstuvwxyzåäö") for _ in range(12)) for _ in range(50))
    path = tmp_path / "plan.csv"
    path.write_text(f"Mål;Aktivitet\nÖka tryggheten {new_words};Genomföra trygghetsvandringar\n", encoding="utf-8")
    plan = read_plan(path)
    pool = TaggerPool(tagger, size=1, max_strings=len(tagger.nlp.vocab.strings) + 20)
    first = pool.tag_plan(plan)
    assert pool.renewed == 1  # 50 new words: past the cap, so the Tagger was replaced
    fresh = pool._free.get_nowait()
    assert fresh is not tagger and len(fresh.nlp.vocab.strings) < len(tagger.nlp.vocab.strings)
    pool._free.put(fresh)
    assert [t.concepts for t in pool.tag_plan(plan).statements] == [t.concepts for t in first.statements]


def test_a_request_that_never_sends_its_body_is_cut_off(tagger, drafts):
    handler = type("ShortTimeout", (QuietRequestHandler,), {"timeout": 1})
    with Server(create_app(tagger, drafts=drafts), handler) as server:
        slow = socket.create_connection(("127.0.0.1", server.port), timeout=10)
        try:
            slow.sendall(b"POST / HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=b\r\n"
                         b"Content-Length: 100000\r\n\r\n--b\r\n")
            started = time.perf_counter()
            status, _, _ = server.request("GET", timeout=10)  # others are answered meanwhile
            assert status == 200
            slow.settimeout(10)
            try:
                while slow.recv(65536):  # the server answers (or not) and closes: no thread held
                    pass
            except ConnectionResetError:
                pass
            assert time.perf_counter() - started < 8
        finally:
            slow.close()


def test_no_version_banner_and_head_answers_200(tagger, drafts):
    with Server(create_app(tagger, drafts=drafts)) as server:
        status, headers, _ = server.request("HEAD")
        assert status == 200
        assert headers["Server"] == "aligner"
        status, headers, _ = server.request("GET")
        assert "Werkzeug" not in headers["Server"] and "Python" not in headers["Server"]


def test_drafts_of_a_killed_server_are_removed_at_start_up(tagger, tmp_path):
    import os

    drafts = tmp_path / "utkast"
    dead = drafts / "999999999-abc" / "plan"
    dead.mkdir(parents=True)
    (dead / "Hemlig plan.docx").write_bytes(b"PK")
    alive = drafts / f"{os.getpid()}-def"
    alive.mkdir()
    create_app(tagger, drafts=drafts)
    assert not (drafts / "999999999-abc").exists()
    assert alive.exists()  # a request of a server still running is left alone


def test_long_non_latin_name_gets_a_page_not_a_500(tagger, drafts):
    name = "計画" * 60 + ".csv"  # 120 characters, 363 bytes in UTF-8
    assert len(upload_name(name).encode("utf-8")) <= MAX_NAME_BYTES and upload_name(name).endswith(".csv")
    body, content_type = multipart(name, PLAN)
    response = create_app(tagger, drafts=drafts).test_client().post("/", data=body, content_type=content_type)
    assert response.status_code == 200


def test_a_file_name_that_is_not_utf8_gets_its_own_message(tagger, drafts):
    body, content_type = multipart("plån.docx".encode("latin-1"), (FIXTURES / "lo_plan.docx").read_bytes())
    response = create_app(tagger, drafts=drafts).test_client().post("/", data=body, content_type=content_type)
    assert response.status_code == 400 and BAD_NAME in response.get_data(as_text=True)


def test_a_list_numbered_from_10_to_the_14th_is_refused_at_once_not_a_pinned_core(tagger, drafts, tmp_path):
    from tests.test_hostile_input import huge_list_start

    body, content_type = multipart("plan.docx", huge_list_start(tmp_path).read_bytes())
    started = time.perf_counter()
    response = create_app(tagger, drafts=drafts).test_client().post("/", data=body, content_type=content_type)
    assert response.status_code == 422 and "startvärde för en numrerad lista" in response.get_data(as_text=True)
    assert time.perf_counter() - started < 20  # before, it never returned
