"""The `aligner` command group: the last guard, --version, --debug, and every command registered."""

from __future__ import annotations

import sys

import click

from aligner import __version__
from aligner.cli.annotate import annotate
from aligner.cli.audit import audit
from aligner.cli.check import check
from aligner.cli.common import DEBUG, EXIT_INPUT, fail
from aligner.cli.diff import diff
from aligner.cli.eval import eval_cmd
from aligner.cli.rules import rules
from aligner.cli.serve import serve
from aligner.cli.sv import VERSION_TEXT, SvGroup
from aligner.cli.tag import tag
from aligner.errors import AlignerError


class GuardedGroup(SvGroup):
    """The command group with the last guard: an exception no command foresaw becomes one Swedish
    line and exit 2 (the traceback only under --debug), so a batch job can tell it from a gap (1)."""

    def invoke(self, ctx: click.Context):
        """Run the command; an unforeseen exception becomes one Swedish line and exit 2."""
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Abort, click.exceptions.Exit):
            raise
        except AlignerError as err:
            fail(err)
        except Exception as exc:
            from aligner.errors import REPORT_BUG, unexpected

            click.echo(f"fel: {unexpected(exc)} ({REPORT_BUG})", err=True)
            if DEBUG["on"]:
                import traceback

                traceback.print_exception(exc, file=sys.stderr)
            sys.exit(EXIT_INPUT)


@click.group(cls=GuardedGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="aligner", message="%(prog)s %(version)s", help=VERSION_TEXT)
@click.option("--debug", is_flag=True, help="Visa hela felspåret (traceback) när något går fel.")
def main(debug: bool) -> None:
    """aligner: kontrollerar verksamhetsplaner mot stadens målbild och inriktningar.

    Styrmodellerna och deras koncept står i regelmappen (aligner rules list).

    aligner läser planens mål, aktiviteter och indikatorer (Word, Excel, OpenDocument, CSV),
    visar vilka av styrmodellernas koncept de tjänar, med orden som visar det, och var
    luckorna finns (aligner rules list visar koncepten och reglerna). Varje kommando har sin
    egen hjälp: aligner KOMMANDO --help.

    \b
    Exempel:
      aligner check plan.docx                kontrollera en plan (börja här)
      aligner check plan.docx --format html  en webbsida med svaret
      aligner annotate plan.docx             en kopia med kommentarer i Word
      aligner serve                          en webbsida att ladda upp planer på
      aligner audit planer/                  alla förvaltningar: matris, rapporter
    """
    if debug:
        DEBUG["on"] = True




for _command in (check, tag, eval_cmd, rules, audit, diff, annotate, serve):
    main.add_command(_command)
