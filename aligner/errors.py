"""One error hierarchy; str(err) is exactly what the user sees (Swedish)."""

from __future__ import annotations


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
        if hint:
            msg += f" ({hint})"
        super().__init__(msg)


class RuleError(AlignerError):
    """A rule file is broken: YAML syntax, unknown key, duplicate id, invalid pattern."""

    def __init__(self, path: str, problem: str, rule_id: str | None = None, field: str | None = None):
        self.path = path
        self.problem = problem
        self.rule_id = rule_id
        self.field = field
        parts = [str(path)]
        if rule_id:
            parts.append(f"regel '{rule_id}'")
        if field:
            parts.append(f"fält '{field}'")
        super().__init__(", ".join(parts) + f": {problem}")


class ReportError(AlignerError):
    """A report cannot be written."""

    def __init__(self, path: str, problem: str):
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}")
