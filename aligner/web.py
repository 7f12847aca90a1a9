"""The web page for planners (`aligner serve`): upload a plan, see its check, download the answer.

A small Flask application with one page. The upload is a plain HTML form post (it works with
script turned off; the page's own script only adds drag-and-drop). Each request:

    upload -> temporary folder -> annotate_plan (read, tag, cover, suggest, write the copy)
           -> Excel report and JSON of this one plan -> result page -> folder removed

Drafts are confidential: the temporary folder is removed before the response is sent, and the
three downloads (annotated copy, Excel report, JSON) travel inside the result page as `data:`
URLs, so nothing of a plan is kept between requests. The log holds method, route, status,
sizes and milliseconds, never a file name or a word of a plan. The page asks for nothing from
elsewhere (inline CSS and script under a strict Content-Security-Policy with a per-response nonce).
The page is aligner/templates/page.html, sharing style.css with the audit report.

Requests run in threads. Reading and annotating run concurrently. A Tagger's matcher learns new
words as it goes and is not thread-safe, so each plan is tagged by a Tagger of its own from a small
pool (`aligner.run.pool.TaggerPool`, built from the same rule set in milliseconds): no lock is held across another
plan's tagging, and a large plan keeps one Tagger busy, not the page. When every Tagger stays busy
for longer than the pool's wait, the planner gets "upptagen, försök igen" (503) instead of a hung
page. A Tagger whose vocabulary has grown past `MAX_STRINGS` strings is replaced by a fresh one, so
memory stays bounded across any number of uploads. Drafts live in one folder (`drafts_dir`), each
request in a subfolder named by the server's process id; at start-up the subfolders of processes
that are gone (killed mid-request) are removed. The server reads a request with a time limit (a
body that never comes does not hold a thread) and names itself only "aligner" (no version banner).
"""

from __future__ import annotations

import logging
import os
import re
import secrets
import shutil
import tempfile
import time
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING

from flask import Flask, Response, g, request
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge
from werkzeug.serving import WSGIRequestHandler

from aligner.errors import AlignerError, ReportError
from aligner.model import AcceptedGap
from aligner.reports.page import (
    DEFAULT_MAX_UPLOAD_BYTES,
    CheckedUpload,
    Download,
    frameworks_text,
    megabytes,
    render_page,
    result_view,
)
from aligner.run.audit import audit_one
from aligner.run.pool import DEFAULT_TAGGERS, DEFAULT_WAIT_SECONDS, Busy, TaggerPool

if TYPE_CHECKING:
    from aligner.model import CheckResult, PlanAudit
    from aligner.tagging.tagger import Tagger

DEFAULT_REQUEST_TIMEOUT = 60  # seconds the server waits on a client's socket (a body that never comes)
# A file name's UTF-8 bytes: file systems allow 255, and the annotated copy adds ".aligner".
MAX_NAME_BYTES = 200
# Room for the multipart envelope around the file (boundaries, part headers).
FORM_OVERHEAD_BYTES = 64 * 1024
MAX_NAME_CHARS = 120

MIMETYPES = {
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".xlsm": "application/vnd.ms-excel.sheet.macroEnabled.12",
    ".json": "application/json",
}
NO_FILE = "Välj en plan att kontrollera: en fil i formatet .docx, .xlsx, .xlsm, .odt, .ods eller .csv."
BAD_NAME = ("Filnamnet kunde inte läsas (det är inte sparat som UTF-8). Byt namn på filen, till exempel utan "
            "specialtecken, och försök igen.")
BUSY = "Upptagen: många planer kontrolleras just nu. Försök igen om en stund."
SERVER_ERROR = ("Något gick fel när planen kontrollerades. Inget av planen har sparats. "
                "Försök igen, eller kör aligner check på filen och rapportera felet till förvaltarna av aligner.")
NO_COPY = ("En kommenterad kopia kan bara skrivas för .docx, .xlsx och .xlsm: spara planen i något av de "
           "formaten för att få en.")

log = logging.getLogger("aligner.web")

__all__ = ["DEFAULT_MAX_UPLOAD_BYTES", "CheckedUpload", "Download", "QuietRequestHandler", "UploadTooLarge",
           "check_upload", "clean_drafts", "create_app", "drafts_dir", "upload_name"]


class UploadTooLarge(Exception):
    """The uploaded file is larger than the app's limit."""


def upload_name(filename: str | None) -> str:
    """A safe file name that keeps what the planner wrote (å, ä, ö, spaces): no folder, no control characters.

    werkzeug's secure_filename would drop å/ä/ö, and the name shows in messages (as `check`
    shows it) and gives the organisation when the plan names none; the file is written to a
    fresh private folder, so nothing more than this is needed.
    """
    name = unicodedata.normalize("NFC", re.split(r"[/\\]", filename or "")[-1])
    name = re.sub(r'[\x00-\x1f\x7f:*?"<>|\ud800-\udfff]', "_", name).strip()
    suffix = Path(name).suffix[:10]
    # At most 120 characters and 200 bytes: 120 letters of a non-Latin script are 360 bytes in UTF-8.
    while len(name) > MAX_NAME_CHARS or len(name.encode("utf-8")) > MAX_NAME_BYTES:
        stem = name[: len(name) - len(suffix)]
        name = stem[: min(len(stem) - 1, MAX_NAME_CHARS - len(suffix))].rstrip() + suffix
    return name if name.strip(".") else "plan"


def drafts_dir() -> Path:
    """The folder that holds the drafts of requests under way (one subfolder each)."""
    owner = os.getuid() if hasattr(os, "getuid") else "drafts"
    return Path(tempfile.gettempdir()) / f"aligner-serve-{owner}"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def clean_drafts(folder: Path | None = None) -> int:
    """Remove the drafts that servers which are gone left behind (killed mid-request); returns how many."""
    folder = folder or drafts_dir()
    try:
        entries = list(folder.iterdir())
    except OSError:
        return 0
    removed = 0
    for entry in entries:
        pid = entry.name.split("-", 1)[0]
        if entry.is_dir() and not entry.is_symlink() and not (pid.isdigit() and _alive(int(pid))):
            shutil.rmtree(entry, ignore_errors=True)
            removed += not entry.exists()
    return removed


def check_upload(stream: IO[bytes], filename: str, tagger: Tagger | TaggerPool, *,
                 accepted: Sequence[AcceptedGap] = (), max_bytes: int | None = None,
                 drafts: Path | None = None) -> CheckedUpload:
    """Check an uploaded plan in a temporary folder that is removed before this returns.

    The folder is a subfolder of `drafts` (default `drafts_dir()`, private to the user) named by
    this process's id, so a later server removes it if this one is killed mid-request. Raises
    AlignerError when the plan cannot be read (the message `aligner check` gives), UploadTooLarge
    when the file has more than `max_bytes`, Busy when no Tagger came free in time.
    """
    name = upload_name(filename)
    folder = drafts or drafts_dir()
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=f"{os.getpid()}-", dir=folder) as tmp:
        upload, out = Path(tmp) / "plan", Path(tmp) / "ut"  # apart, so no plan name can clash with an output
        upload.mkdir()
        path = upload / name
        _save(stream, path, max_bytes)
        try:
            result, copy, notices = _check_and_annotate(path, out, tagger)
            plan = audit_one(path, result, name=name, accepted=accepted)
            notes: list[str] = []
            excel = _excel_report(plan, out / "granskning.xlsx", notes)
            notices = (*notices, *(note.replace("granskning.xlsx", "Excel-rapporten") for note in notes))
        except ReportError as err:  # the message would name the temporary folder
            raise ReportError(name, err.problem) from err
    stem = Path(name).stem
    downloads = []
    if copy is not None:
        suffix = Path(name).suffix.lower()
        kind = "Word" if suffix == ".docx" else "Excel"
        downloads.append(Download(f"Kommenterad kopia ({kind})", f"{stem}.aligner{suffix}", MIMETYPES[suffix], copy))
    downloads.append(Download("Excel-rapport", f"{stem}.granskning.xlsx", MIMETYPES[".xlsx"], excel))
    downloads.append(Download("JSON", f"{stem}.aligner.json", MIMETYPES[".json"], _json_report(result, path, name)))
    return CheckedUpload(name, plan, tuple(downloads), notices)


def _save(stream: IO[bytes], path: Path, max_bytes: int | None) -> None:
    with path.open("wb") as out:
        shutil.copyfileobj(stream, out, 1024 * 1024)
        size = out.tell()
    if max_bytes is not None and size > max_bytes:
        raise UploadTooLarge(size)


def _check_and_annotate(path: Path, folder: Path, tagger) -> tuple[CheckResult, bytes | None, tuple[str, ...]]:
    """The check of the plan, the annotated copy's bytes (None for formats without one) and notices."""
    from aligner.annotate import ANNOTATORS, default_output
    from aligner.run.annotate import annotate_plan
    from aligner.run.check import check_plan

    if path.suffix.lower() not in ANNOTATORS:
        # check_plan gives `check`'s message for a file that cannot be read (.pdf, empty, …)
        return check_plan(path, tagger), None, (NO_COPY,)
    done = annotate_plan(path, folder / default_output(path).name, tagger)
    return done.result, done.output.read_bytes(), done.warnings


def _excel_report(plan: PlanAudit, path: Path, notes: list[str] | None = None) -> bytes:
    """The audit workbook of this one plan (no text of the plan becomes a formula)."""
    from aligner.reports.excel import write_plan

    write_plan(plan, path, notes)
    return path.read_bytes()


def _json_report(result: CheckResult, path: Path, name: str) -> bytes:
    """`check`'s JSON, with the plan named by its own file name instead of the temporary path."""
    from aligner.reports.json_report import check_dict, dumps

    return dumps(_renamed(check_dict(result), str(path), name)).encode("utf-8")


def _renamed(data, old: str, new: str):
    if isinstance(data, dict):
        return {k: _renamed(v, old, new) for k, v in data.items()}
    if isinstance(data, list):
        return [_renamed(v, old, new) for v in data]
    return new if data == old else data


# --- The application ------------------------------------------------------------------------------


class _App(Flask):
    def log_exception(self, exc_info) -> None:
        """Log the kind of error only: a message or traceback could quote the plan."""
        log.error("oväntat fel: %s (innehållet loggas inte)", exc_info[0].__name__ if exc_info[0] else "okänt")


def _has_bytes(upload) -> bool:
    """True if an uploaded part holds a file's bytes (one byte read, then rewound)."""
    head = upload.stream.read(1)
    upload.stream.seek(0)
    return bool(head)


class QuietRequestHandler(WSGIRequestHandler):
    """werkzeug's request handler without its log line, which names the client and the raw path,
    without a version banner (the Server header says "aligner"), and with a time limit on reading
    from the client (`timeout` seconds: a request body that never comes does not hold a thread).

    The app logs what may be logged (method, route, status, sizes, milliseconds).
    """

    timeout = DEFAULT_REQUEST_TIMEOUT

    def version_string(self) -> str:
        """What the Server header says: no werkzeug or Python version."""
        return "aligner"

    def log(self, type: str, message: str, *args) -> None:
        """Log nothing."""


def create_app(tagger: Tagger | None = None, *, max_upload_bytes: int = DEFAULT_MAX_UPLOAD_BYTES,
               accepted: Sequence[AcceptedGap] | None = None, taggers: int = DEFAULT_TAGGERS,
               wait: float = DEFAULT_WAIT_SECONDS, drafts: Path | None = None) -> Flask:
    """The Flask application of `aligner serve`: one page that checks an uploaded plan.

    `tagger` starts the pool of `taggers` Taggers the requests share (built here with the default
    rules when None); a request waits `wait` seconds for a free one, then gets "upptagen" (503).
    `accepted` are accepted gaps (see `aligner.analysis.accepted.load_accepted`), matched by organisation.
    Drafts go to `drafts` (default `drafts_dir()`); what killed servers left there is removed now.
    """
    if tagger is None:
        from aligner.tagging.tagger import Tagger

        tagger = Tagger()
    shared = TaggerPool(tagger, size=taggers, wait=wait)
    clean_drafts(drafts)
    concepts = [(c.id, c.title) for c in tagger.ruleset.concepts]
    frameworks = frameworks_text(tagger.ruleset)
    entries = tuple(accepted or ())
    app = _App(__name__, static_folder=None)  # no static files: everything is inline
    app.config["MAX_CONTENT_LENGTH"] = max_upload_bytes + FORM_OVERHEAD_BYTES

    def page(status: int = 200, *, error: str | None = None, result: dict | None = None) -> Response:
        html = render_page(concepts=concepts, max_upload_bytes=max_upload_bytes, nonce=g.nonce, error=error,
                            result=result, frameworks=frameworks)
        return Response(html, status=status, mimetype="text/html")

    def too_large() -> Response:
        return page(413, error=f"Filen är för stor: högst {megabytes(max_upload_bytes)} kan laddas upp. "
                               "Ta bort bilder ur en kopia av planen, eller be den som driver sidan höja gränsen.")

    @app.before_request
    def _start() -> None:
        g.started = time.perf_counter()
        g.nonce = secrets.token_urlsafe(18)

    @app.after_request
    def _finish(response: Response) -> Response:
        nonce = g.get("nonce", "")
        response.headers["Content-Security-Policy"] = (
            f"default-src 'none'; style-src 'nonce-{nonce}'; script-src 'nonce-{nonce}'; img-src data:; "
            "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["Cache-Control"] = "no-store"
        response.headers["X-Frame-Options"] = "DENY"
        ms = (time.perf_counter() - g.get("started", time.perf_counter())) * 1000
        route = request.url_rule.rule if request.url_rule else "-"  # never the raw path: it could be anything
        log.info("%s %s %d, in %d B, ut %d B, %.0f ms", request.method, route, response.status_code,
                 request.content_length or 0, response.calculate_content_length() or 0, ms)
        return response

    @app.route("/", methods=["GET", "HEAD", "POST"])
    def index() -> Response:
        if request.method in ("GET", "HEAD"):
            return page()
        upload = request.files.get("plan")
        if upload is None:
            # werkzeug leaves out a part whose file name is not UTF-8: a body of a file's size with
            # no part in it is that (an empty form is a few hundred bytes of boundaries)
            return page(400, error=BAD_NAME if (request.content_length or 0) > 1024 and not request.form else NO_FILE)
        if not upload.filename or "\ufffd" in upload.filename:
            return page(400, error=BAD_NAME if _has_bytes(upload) else NO_FILE)
        started = time.perf_counter()
        try:
            checked = check_upload(upload.stream, upload.filename, shared, accepted=entries,
                                   max_bytes=max_upload_bytes, drafts=drafts)
            view = result_view(checked, time.perf_counter() - started)
        except UploadTooLarge:
            return too_large()
        except Busy:
            response = page(503, error=BUSY)
            response.headers["Retry-After"] = "10"
            return response
        except AlignerError as err:
            return page(422, error=str(err))
        except Exception as exc:  # a bug: a Swedish page that says nothing of the plan, and only the kind in the log
            log.error("oväntat fel: %s (innehållet loggas inte)", type(exc).__name__)
            return page(500, error=SERVER_ERROR)
        return page(result=view)

    @app.errorhandler(RequestEntityTooLarge)
    def _too_large(_err) -> Response:
        # werkzeug's server reads what is left of the body, so the browser shows this page, not a reset
        return too_large()

    @app.errorhandler(HTTPException)
    def _http_error(err: HTTPException) -> Response:
        if err.code == 404:
            return page(404, error="Sidan finns inte. Ladda upp planen här.")
        if err.code == 405:
            return page(405, error="Sidan tar bara emot en plan som skickas med formuläret nedan.")
        if (err.code or 500) >= 500:
            return page(err.code or 500, error=SERVER_ERROR)
        return page(err.code or 400, error="Begäran kunde inte tas emot. Välj planen och försök igen.")

    return app

