"""The `aligner serve` command: the web page for planners, on this computer.

Registered on the `aligner` group in aligner.cli.app. Flask is imported only when the
command runs, so the other commands start as fast as before.
"""

from __future__ import annotations

import logging
import socket
import sys
from pathlib import Path

import click

from aligner.cli import common
from aligner.cli.common import EXIT_INPUT, EXIT_OK, fail, rules_option
from aligner.cli.sv import SvCommand
from aligner.errors import AlignerError


@click.command(cls=SvCommand)
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Adressen som sidan lyssnar på (127.0.0.1: bara den här datorn).")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Porten (0: en ledig port).")
@click.option("--max-upload", "max_upload", type=click.FloatRange(min=0, min_open=True), default=20,
              show_default=True, help="Största fil som kan laddas upp, i MB.")
@click.option("--taggers", type=click.IntRange(1, 64), default=2, show_default=True,
              help="Hur många planer som kan taggas samtidigt (ungefär en per processorkärna).")
@click.option("--timeout", "request_timeout", type=click.IntRange(1, 3600), default=60, show_default=True,
              metavar="SEKUNDER", help="Hur länge servern väntar på en klient som slutat skicka.")
@click.option("--accepted", "accepted_file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="YAML-fil med accepterade luckor (organisation, concept, reason, decided_by, date).")
@rules_option
def serve(host: str, port: int, max_upload: float, taggers: int, request_timeout: int, accepted_file: Path | None,
          rules_dir: Path | None) -> None:
    """Starta en webbsida där planerare laddar upp en plan och ser täckning, luckor och förslag.

    Ingen plan sparas: filen kontrolleras och raderas innan svaret skickas, och nedladdningarna
    (kommenterad kopia, Excel-rapport, JSON) finns i själva svarssidan. Avsluta med Ctrl+C.

    Exempel: aligner serve --port 8000
    """
    try:
        tagger = common.tagger(rules_dir)
        accepted: tuple = ()
        if accepted_file:
            from aligner.analysis.accepted import load_accepted

            accepted = load_accepted(accepted_file, [(c.id, c.title) for c in tagger.ruleset.concepts])
    except AlignerError as err:
        fail(err)
    from werkzeug.serving import make_server

    from aligner.web import QuietRequestHandler, create_app

    app = create_app(tagger, max_upload_bytes=int(max_upload * 1024 * 1024), accepted=accepted, taggers=taggers)
    handler = type("RequestHandler", (QuietRequestHandler,), {"timeout": request_timeout})
    try:
        # Bound here, so a busy port gives a Swedish message (werkzeug's own exits with an English one).
        sock = socket.create_server((host, port), family=_family(host))
    except OSError as exc:
        click.echo(f"fel: kan inte lyssna på {host}:{port}: {socket_problem(exc)}", err=True)
        sys.exit(EXIT_INPUT)
    log_handler = logging.StreamHandler(sys.stderr)
    log_handler.setFormatter(logging.Formatter("%(asctime)s %(message)s", "%H:%M:%S"))
    logging.getLogger("aligner.web").addHandler(log_handler)
    logging.getLogger("aligner.web").setLevel(logging.INFO)
    with sock:
        server = make_server(host, port, app, threaded=True, request_handler=handler, fd=sock.fileno())
        shown = f"[{host}]" if ":" in host else host
        click.echo(f"aligner serve: öppna http://{shown}:{server.port}/ i webbläsaren (Ctrl+C avslutar).")
        if host not in ("127.0.0.1", "localhost", "::1"):
            click.echo("varning: sidan nås från andra datorer på nätet; planerna skickas okrypterat (http).",
                       err=True)
        sys.stdout.flush()
        try:
            server.serve_forever()  # returns on Ctrl+C: werkzeug catches the KeyboardInterrupt
        except KeyboardInterrupt:
            pass
        finally:
            server.server_close()
    click.echo("aligner serve: avslutad.")
    sys.exit(EXIT_OK)


def socket_problem(exc: OSError) -> str:
    """Why a socket could not be bound, in Swedish, with what to do (the OS words it in English)."""
    import errno

    if isinstance(exc, socket.gaierror):
        return "adressen är okänd; ange en adress som 127.0.0.1 med --host"
    reasons = {
        errno.EADDRINUSE: "porten används redan av ett annat program; välj en annan port med --port "
                          "(--port 0 väljer en ledig)",
        errno.EACCES: "behörighet saknas (portar under 1024 kräver administratör); välj en annan port med --port",
        errno.EADDRNOTAVAIL: "adressen finns inte på den här datorn; ange en annan med --host",
    }
    fallback = f"operativsystemet svarade med felkod {exc.errno}; välj en annan port med --port"
    return reasons.get(exc.errno or 0, fallback)


def _family(host: str) -> socket.AddressFamily:
    return socket.AF_INET6 if ":" in host else socket.AF_INET

