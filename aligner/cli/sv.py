"""click in Swedish: help pages and usage errors, in one place.

click has no Swedish gettext catalog, and its texts come from module-level gettext calls. Rather
than patch click's modules, aligner's group and commands use the classes below:

- `SvHelpFormatter` writes "Användning:" and the section headings in Swedish;
- `SvCommand.format_options` writes "Flaggor" and "Argument", with "[standard: …]" and "[krävs]";
- the help option says "Visa den här hjälpen och avsluta.";
- `SvGroup.main` runs click in non-standalone mode and shows every click error itself:
  "fel: argument saknas: PLAN", "fel: oväntat argument: b.docx", "fel: ogiltigt värde för
  '--format': 'pdf' är inte ett av 'terminal', 'json'.", followed by the usage line and a hint
  to `--help`. Every usage error exits with EXIT_USAGE (3), apart from 2 for unreadable input.

`swedish_message` holds the table of click's English messages (click 8.1–8.5) and their Swedish
form; a message click may add later is shown as it is, never lost.
"""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Callable

import click

from aligner.cli.common import EXIT_USAGE

HELP_TEXT = "Visa den här hjälpen och avsluta."
VERSION_TEXT = "Visa versionen och avsluta."

_SECTIONS = {"Options": "Flaggor", "Commands": "Kommandon", "Positional arguments": "Argument",
             "Arguments": "Argument"}

# click's metavars of its own types, in Swedish.
_METAVARS = {"FILE": "FIL", "DIRECTORY": "MAPP", "PATH": "SÖKVÄG", "INTEGER": "HELTAL", "FLOAT": "TAL",
             "FILENAME": "FIL", "BOOLEAN": "JA|NEJ"}
_METAVAR = re.compile(r"\b(" + "|".join(_METAVARS) + r")\b")
_NAMES = {"File": "Filen", "Directory": "Mappen", "Path": "Sökvägen", "file": "filen", "directory": "mappen",
          "path": "sökvägen"}
_NUMBERS = {"integer": "heltal", "float": "decimaltal", "integer range": "heltal", "float range": "decimaltal",
            "boolean": "sanningsvärde"}

# click's English messages (after .format) and their Swedish forms, tried in order (compiled on the
# first error, so starting aligner costs nothing for them).
_Replacement = str | Callable[[re.Match[str]], str]
_MESSAGE_TABLE: tuple[tuple[str, _Replacement], ...] = (
    (r"^Got unexpected extra arguments? \((?P<a>.*)\)$", lambda m: f"oväntat argument: {m['a']}"),
    (r"^Missing command\.$", "ange ett kommando"),
    (r"^No such command (?P<n>.+)\.$", lambda m: f"okänt kommando {m['n']}"),
    (r"^No such option:? (?P<n>\S+?)\.?(?: Did you mean (?P<p>.+)\?)?$",
     lambda m: f"okänd flagga {m['n']}" + (f" (menade du {m['p']}?)" if m["p"] else "")),
    (r"^No such option:? (?P<n>\S+?)\.? \(Did you mean one of: (?P<p>.+)\?\)$",
     lambda m: f"okänd flagga {m['n']} (menade du någon av {m['p']}?)"),
    (r"^Option (?P<n>.+) requires an argument\.$", lambda m: f"flaggan {m['n']} behöver ett värde"),
    (r"^Option (?P<n>.+) requires (?P<k>\d+) arguments\.$",
     lambda m: f"flaggan {m['n']} behöver {m['k']} värden"),
    (r"^Option (?P<n>.+) does not take a value\.$", lambda m: f"flaggan {m['n']} tar inget värde"),
    (r"^Argument (?P<n>.+) takes (?P<k>\d+) values\.$", lambda m: f"argumentet {m['n']} tar {m['k']} värden"),
    (r"^(?P<v>.+) is not one of (?P<c>.+)\.$", lambda m: f"{m['v']} är inte ett av {m['c']}."),
    (r"^(?P<v>.+) is not (?P<c>'[^']*')\.$", lambda m: f"{m['v']} är inte {m['c']}."),
    (r"^(?P<v>.+) is not a valid (?P<t>integer range|float range|integer|float|boolean)\.$",
     lambda m: f"{m['v']} är inte ett giltigt {_NUMBERS[m['t']]}."),
    (r"^(?P<v>.+) is not in the range (?P<r>.+)\.$", lambda m: f"{m['v']} ligger utanför {m['r']}."),
    (r"^(?P<v>.+) is (?P<w>smaller|bigger) than the (?:minimum|maximum) valid value (?P<x>.+)\.$",
     lambda m: f"{m['v']} är {'mindre' if m['w'] == 'smaller' else 'större'} än {m['x']}."),
    (r"^(?P<k>File|Directory|Path) (?P<f>.+) does not exist\.$", lambda m: f"{_NAMES[m['k']]} {m['f']} finns inte."),
    (r"^(?P<k>File|Directory|Path) (?P<f>.+) is a file\.$", lambda m: f"{_NAMES[m['k']]} {m['f']} är en fil."),
    (r"^(?P<k>File|Directory|Path) (?P<f>.+) is a directory\.$",
     lambda m: f"{_NAMES[m['k']]} {m['f']} är en mapp."),
    (r"^(?P<k>File|Directory|Path) (?P<f>.+) is not readable\.$",
     lambda m: f"{_NAMES[m['k']]} {m['f']} kan inte läsas."),
    (r"^(?P<k>File|Directory|Path) (?P<f>.+) is not writable\.$",
     lambda m: f"{_NAMES[m['k']]} {m['f']} kan inte skrivas."),
    (r"^Could not open file (?P<f>.+?): (?P<e>.+)$", lambda m: f"filen {m['f']} kan inte öppnas: {m['e']}"),
    (r"^Value must be an iterable\.$", "värdet måste vara en lista"),
)


@functools.lru_cache(maxsize=1)
def _messages() -> tuple[tuple[re.Pattern[str], _Replacement], ...]:
    return tuple((re.compile(p, re.DOTALL), r) for p, r in _MESSAGE_TABLE)


def swedish_message(message: str) -> str:
    """One of click's English messages in Swedish; any other message as it is."""
    for pattern, replacement in _messages():
        m = pattern.match(message.strip())
        if m:
            return replacement(m) if callable(replacement) else replacement
    return message


def error_text(err: click.ClickException) -> str:
    """The Swedish text of a click error, without the "fel: " prefix."""
    ctx = getattr(err, "ctx", None)
    if isinstance(err, click.MissingParameter):
        param = err.param
        hint = err.param_hint
        if hint is None and param is not None and ctx is not None:
            hint = param.get_error_hint(ctx)
        kind = {"argument": "argument", "option": "flagga"}.get(
            err.param_type or (param.param_type_name if param is not None else ""), "värde")
        return f"{kind} saknas: {_hint(hint)}" + (f" ({err.message})" if err.message else "")
    if isinstance(err, click.BadParameter):
        hint = err.param_hint
        if hint is None and err.param is not None and ctx is not None:
            hint = err.param.get_error_hint(ctx)
        message = swedish_message(err.message)
        return f"ogiltigt värde för {_hint(hint)}: {message}" if hint else f"ogiltigt värde: {message}"
    if isinstance(err, click.FileError):
        return f"filen {err.ui_filename} kan inte öppnas: {err.message}"
    return swedish_message(err.format_message() if isinstance(err, click.NoSuchOption) else err.message)


def _hint(hint) -> str:
    if hint is None:
        return ""
    if not isinstance(hint, str):
        hint = " / ".join(str(h) for h in hint)
    return hint if hint.startswith("'") else f"'{hint}'"


def show_error(err: click.ClickException) -> None:
    """Print a click error in Swedish on stderr: the message, then the usage line and where help is."""
    ctx = getattr(err, "ctx", None)
    click.echo(f"fel: {error_text(err)}", err=True)
    if isinstance(err, click.UsageError) and ctx is not None:
        click.echo(ctx.get_usage(), err=True)
        name = ctx.command_path
        click.echo(f"Mer hjälp: {name} --help", err=True)


def _extras_sv(text: str) -> str:
    """'Help text  [default: 200; required]' -> '… [standard: 200; krävs]'."""
    m = re.search(r"\[([^\[\]]*)\]\s*$", text)
    if not m:
        return text
    inner = m.group(1)
    inner = re.sub(r"(^|; )default: ", r"\1standard: ", inner)
    inner = re.sub(r"(^|; )env var: ", r"\1miljövariabel: ", inner)
    inner = re.sub(r"(^|; )required\b", r"\1krävs", inner)
    return text[: m.start(1)] + inner + text[m.end(1):]


class SvHelpFormatter(click.HelpFormatter):
    """click's help formatter with Swedish fixed words."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        """'Användning: aligner check [FLAGGOR] PLAN...'."""
        super().write_usage(prog, args.replace("[OPTIONS]", "[FLAGGOR]").replace("COMMAND", "KOMMANDO")
                            .replace("[ARGS]", "[ARGUMENT]"),
                            prefix="Användning: " if prefix is None else prefix)

    def write_heading(self, heading: str) -> None:
        """Section headings in Swedish ('Flaggor', 'Kommandon')."""
        super().write_heading(_SECTIONS.get(heading, heading))


class SvContext(click.Context):
    """A context that formats help in Swedish."""

    formatter_class = SvHelpFormatter


class SvCommand(click.Command):
    """A click command with Swedish help and usage errors that exit with EXIT_USAGE."""

    context_class = SvContext

    def get_help_option(self, ctx: click.Context):
        """The help option, in Swedish."""
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = HELP_TEXT
        return option

    def collect_usage_pieces(self, ctx: click.Context) -> list[str]:
        """The usage line's pieces: '[FLAGGOR]' and the arguments."""
        return ["[FLAGGOR]" if p == "[OPTIONS]" else p for p in super().collect_usage_pieces(ctx)]

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """'Flaggor', with '[standard: …]' and '[krävs]' (arguments under 'Argument' where click has that)."""
        opts = []
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is not None and not isinstance(param, click.Argument):
                opts.append((_METAVAR.sub(lambda m: _METAVARS[m.group(1)], record[0]), _extras_sv(record[1])))
        if opts:
            with formatter.section("Flaggor"):
                formatter.write_dl(opts)
        if isinstance(self, click.Group):
            self.format_commands(ctx, formatter)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        """click's parsing; an error from its option parser gets the context, for the usage line."""
        try:
            return super().parse_args(ctx, args)
        except click.UsageError as err:
            if err.ctx is None:
                err.ctx = ctx
            raise

    def make_context(self, info_name, args, parent=None, **extra):
        """Parse the arguments; a usage error carries exit code EXIT_USAGE."""
        try:
            return super().make_context(info_name, args, parent=parent, **extra)
        except click.UsageError as err:
            err.exit_code = EXIT_USAGE
            raise


class SvGroup(SvCommand, click.Group):
    """aligner's command group: Swedish help and errors for itself and every command under it."""

    command_class = SvCommand
    group_class = type  # subgroups are SvGroups too

    def collect_usage_pieces(self, ctx: click.Context) -> list[str]:
        """'[FLAGGOR] KOMMANDO [ARGUMENT]...'."""
        return ["[FLAGGOR]" if p == "[OPTIONS]" else p for p in click.Group.collect_usage_pieces(self, ctx)]

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """'Kommandon'."""
        click.Group.format_commands(self, ctx, formatter)

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        """Run the command line; click's own errors are shown in Swedish (see `show_error`)."""
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        try:
            result = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.exceptions.Abort:
            click.echo("Avbrutet.", err=True)
            sys.exit(1)
        except click.ClickException as err:
            show_error(err)
            sys.exit(err.exit_code if not isinstance(err, click.UsageError) else EXIT_USAGE)
        sys.exit(result if isinstance(result, int) else 0)


class _UsageError(click.UsageError):
    exit_code = EXIT_USAGE


def usage_error(message: str) -> click.UsageError:
    """A usage error (exit code EXIT_USAGE) with a Swedish message."""
    return _UsageError(message)
