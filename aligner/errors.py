"""One error hierarchy; str(err) is exactly what the user sees (Swedish)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

# What the user sees for an exception aligner did not expect (a bug, or a file no check foresaw).
REPORT_BUG = "rapportera gärna filen till förvaltarna av aligner; --debug visar felspåret"


def unexpected(exc: BaseException) -> str:
    """The Swedish words for an unexpected exception: its kind, never its text (which may quote a plan)."""
    if isinstance(exc, RecursionError):
        return "filen är för djupt nästlad för att läsas"
    if isinstance(exc, MemoryError):
        return "filen kräver mer minne än som finns"
    return f"oväntat fel ({type(exc).__name__})"


class AlignerError(Exception):
    """Base class for every error aligner expects and reports without a traceback."""


class InputError(AlignerError):
    """A plan file cannot be read: wrong format, corrupt, protected, empty."""

    def __init__(self, path: str, problem: str, hint: str | None = None, where: str | None = None):
        self.path = path
        self.problem = problem
        self.hint = hint
        self.where = where
        name = str(path).replace("\\", "/").rsplit("/", 1)[-1]
        place = f"{name}, {where}" if where else name
        msg = f"{place}: {problem}"
        if hint:  # in brackets, unless that would nest them
            msg += f" – {hint}" if "(" in hint else f" ({hint})"
        super().__init__(msg)


def read_user_text(path: str | Path, missing: str = "filen finns inte", hint: str | None = "spara filen som UTF-8"
                   ) -> str:
    """The text of a file the user named (UTF-8, with or without BOM); InputError naming it if it
    is missing (`missing`) or cannot be read as text (with `hint`)."""
    try:
        return Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError as exc:
        raise InputError(str(path), missing) from exc
    except UnicodeDecodeError as exc:
        raise InputError(str(path), f"kan inte läsas som UTF-8, tecken {exc.start + 1}", hint=hint) from exc
    except OSError as exc:
        raise InputError(str(path), f"kan inte läsas: {exc.strerror or type(exc).__name__}", hint=hint) from exc


class RuleError(AlignerError):
    """A rule file is broken: YAML syntax, unknown key, duplicate id, invalid pattern."""

    def __init__(self, path: str, problem: str, rule_id: str | None = None, field: str | None = None,
                 entry: str = "regel"):
        """`rule_id` names the entry; `entry` says what it is: "regel", "styrmodell" or "koncept"."""
        self.path = path
        self.problem = problem
        self.rule_id = rule_id
        self.field = field
        parts = [str(path)]
        if rule_id:
            parts.append(f"{entry} '{rule_id}'")
        if field:
            parts.append(f"fält '{field}'")
        super().__init__(", ".join(parts) + f": {problem}")


class ReportError(AlignerError):
    """A report cannot be written."""

    def __init__(self, path: str, problem: str):
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}")


@contextmanager
def guarded_write(path: str | Path) -> Iterator[None]:
    """The writers' guard: an exception no writer foresaw becomes a ReportError naming `path`."""
    try:
        yield
    except AlignerError:
        raise
    except OSError as exc:
        raise ReportError(str(path), f"kan inte skrivas ({exc.strerror or exc})") from exc
    except Exception as exc:
        raise ReportError(str(path), f"kunde inte skrivas: {unexpected(exc)} ({REPORT_BUG})") from exc
