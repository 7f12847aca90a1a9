"""The import rules of aligner's parts, read from the source with ast so they stay true:

- no import cycle between aligner's modules (module-level imports);
- reporters (aligner.reports, aligner.annotate) never reach aligner.readers, aligner.tagging or the
  run layer (aligner.run), directly or through another aligner module: they lay out results and
  take them as given;
- the analysis (aligner.analysis) never reaches the readers, the tagging or the run layer: pure
  functions over tagged plans and results;
- the records (aligner.model) reach nothing but each other and the shared text helpers;
- readers and tagging never reach each other.

"Module-level" means what runs when the module is imported: imports at the top, and inside
module-level if/try/with blocks, but not under `if TYPE_CHECKING:` and not inside functions (a
function-level import is the house's way to keep heavy libraries off paths that do not need them).
A package's __init__ that Python runs before a submodule is not counted as an import of it.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent / "aligner"

REPORTERS = ("aligner.reports", "aligner.annotate")
READERS = ("aligner.readers",)
TAGGING = ("aligner.tagging",)
RUN = ("aligner.run",)
ANALYSIS = ("aligner.analysis",)
MODEL = ("aligner.model",)
# What the records may use besides each other: text folding (name keys) and quick_init (runtime).
MODEL_MAY_USE = ("aligner.text", "aligner.runtime")

# Known exceptions: (importer, imported) edges allowed for now, each with the reason. A new entry
# needs a comment saying why the move could not be made.
KNOWN_EXCEPTIONS: dict[tuple[str, str], str] = {
    # The suggestions find a gap concept's `related` words with the rule language's term index
    # (pure Python over aligner.text, no spaCy). It lives in tagging/ beside its main user, and
    # tagging/timeframe.py imports it there; moving it to a shared module is the way out.
    ("aligner.analysis.suggest", "aligner.tagging.terms"): "the term index of the rule language",
}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in ROOT.rglob("*.py")}


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _resolve(importer: str, is_package: bool, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    base = importer.split(".") if is_package else importer.split(".")[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def module_imports(name: str, path: Path) -> set[str]:
    """The aligner modules `name` imports at module level."""
    found: set[str] = set()
    is_package = path.name == "__init__.py"

    def walk(body: list[ast.stmt]) -> None:
        for node in body:
            if isinstance(node, ast.Import):
                found.update(a.name for a in node.names)
            elif isinstance(node, ast.ImportFrom):
                module = _resolve(name, is_package, node)
                for alias in node.names:  # `from aligner.cli import common` imports the submodule
                    sub = f"{module}.{alias.name}"
                    found.add(sub if sub in MODULES else module)
            elif isinstance(node, ast.If):
                if not _is_type_checking(node.test):
                    walk(node.body)
                walk(node.orelse)
            elif isinstance(node, ast.Try):
                walk(node.body)
                for handler in node.handlers:
                    walk(handler.body)
                walk(node.orelse)
                walk(node.finalbody)
            elif isinstance(node, ast.With):
                walk(node.body)

    walk(ast.parse(path.read_text(encoding="utf-8")).body)
    return {m for m in found if m in MODULES and m != name}


GRAPH = {name: module_imports(name, path) for name, path in MODULES.items()}


def _allowed(importer: str, imported: str) -> bool:
    return (importer, imported) in KNOWN_EXCEPTIONS


def _reach(start: str) -> dict[str, list[str]]:
    """Every module `start` reaches at module level, with one path to it."""
    paths: dict[str, list[str]] = {}
    stack = [(start, [start])]
    while stack:
        name, path = stack.pop()
        for nxt in sorted(GRAPH[name]):
            if nxt not in paths and not _allowed(name, nxt):
                paths[nxt] = [*path, nxt]
                stack.append((nxt, paths[nxt]))
    return paths


def _in(name: str, parts: tuple[str, ...]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in parts)


def test_the_graph_is_read(tmp_path):
    """The reader of the source finds the edges the rules are about (so the tests below can fail)."""
    assert "aligner.model" in GRAPH["aligner.analysis.coverage"]
    assert "aligner.cli.common" in GRAPH["aligner.cli.check"]
    assert "aligner.tagging.terms" in GRAPH["aligner.analysis.suggest"]
    assert "aligner.run.check" in GRAPH["aligner.run.audit"]
    assert "aligner.readers.properties" in GRAPH["aligner.run.audit"]
    source = tmp_path / "example.py"
    source.write_text("from __future__ import annotations\nfrom typing import TYPE_CHECKING\n"
                      "from aligner.model import Plan\nfrom . import text\n"
                      "if TYPE_CHECKING:\n    from aligner.readers import read_plan\n"
                      "try:\n    import aligner.errors\nexcept ImportError:\n    pass\n"
                      "def f():\n    from aligner.tagging import tagger\n", encoding="utf-8")
    assert module_imports("aligner.example", source) == {"aligner.model", "aligner.text", "aligner.errors"}


def test_no_import_cycle():
    cycles = [" -> ".join(path) for name in sorted(GRAPH) if name in (path_to := _reach(name))
              for path in [path_to[name]]]
    assert not cycles, "import cycles:\n" + "\n".join(cycles)


@pytest.mark.parametrize("reporter", sorted(m for m in MODULES if _in(m, REPORTERS)))
def test_reporters_never_reach_readers_tagging_or_the_run(reporter):
    bad = {m: p for m, p in _reach(reporter).items() if _in(m, READERS + TAGGING + RUN)}
    assert not bad, "\n".join(" -> ".join(p) for p in bad.values())


@pytest.mark.parametrize("module", sorted(m for m in MODULES if _in(m, ANALYSIS)))
def test_the_analysis_never_reaches_readers_tagging_or_the_run(module):
    bad = {m: p for m, p in _reach(module).items() if _in(m, READERS + TAGGING + RUN)}
    assert not bad, "\n".join(" -> ".join(p) for p in bad.values())


@pytest.mark.parametrize("module", sorted(m for m in MODULES if _in(m, MODEL)))
def test_the_records_reach_only_records(module):
    bad = {m: p for m, p in _reach(module).items() if not _in(m, MODEL + MODEL_MAY_USE)}
    assert not bad, "\n".join(" -> ".join(p) for p in bad.values())


def test_the_rules_above_can_fail(monkeypatch):
    """A reporter that imports the run, and an analysis module that reaches the readers, are caught."""
    monkeypatch.setitem(GRAPH, "aligner.reports.bad", {"aligner.run.check"})
    monkeypatch.setitem(GRAPH, "aligner.analysis.bad", {"aligner.places", "aligner.readers.properties"})
    assert set(_reach("aligner.reports.bad")) & {"aligner.run.check"}
    assert "aligner.readers.properties" in _reach("aligner.analysis.bad")


@pytest.mark.parametrize("module", sorted(m for m in MODULES if _in(m, READERS + TAGGING)))
def test_readers_and_tagging_never_reach_each_other(module):
    other = TAGGING if _in(module, READERS) else READERS
    bad = {m: p for m, p in _reach(module).items() if _in(m, other)}
    assert not bad, "\n".join(" -> ".join(p) for p in bad.values())


def test_known_exceptions_are_still_needed():
    """An exception whose edge is gone must leave the list."""
    stale = [edge for edge in KNOWN_EXCEPTIONS if edge[1] not in GRAPH.get(edge[0], set())]
    assert not stale


# The steps that make a plan "as the audit sees it" (its organisation, its accepted gaps): only the
# run layer takes them, so every face (audit, check --format html/xlsx, serve) gets one answer.
AUDIT_STEPS = {"resolve_org", "org_from_properties", "apply_accepted", "labels"}


def _names_imported(path: Path) -> set[tuple[str, str]]:
    """(module, name) of every `from aligner.x import name` in a file, at any level."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("aligner"):
            found.update((node.module, alias.name) for alias in node.names)
    return found


def test_only_the_run_layer_names_organisations_and_applies_accepted_gaps():
    takers = {name for name, path in MODULES.items()
              for module, imported in _names_imported(path)
              if imported in AUDIT_STEPS and module in ("aligner.run.orgs", "aligner.readers.properties",
                                                         "aligner.analysis.accepted")}
    assert takers == {"aligner.run.audit"}, takers


@pytest.mark.parametrize("args", [["--help"], ["rules", "list"]])
def test_the_light_commands_import_no_heavy_library(args):
    """`aligner --help` and `aligner rules list` answer without spaCy, pandas, openpyxl or python-docx:
    the heavy libraries are imported inside the functions that need them (a fresh interpreter)."""
    import subprocess
    import sys

    code = ("import sys\nfrom click.testing import CliRunner\nfrom aligner.cli import main\n"
            f"r = CliRunner().invoke(main, {args!r})\nassert r.exit_code == 0, r.output\n"
            "print(sorted(m for m in ('spacy', 'pandas', 'openpyxl', 'docx') if m in sys.modules))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                            cwd=ROOT.parent)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
