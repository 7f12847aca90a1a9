"""The code knows no concept: no concept or framework id of the shipped rules, no short label and not
the horizon's year stands in a string or a name in aligner/ (docstrings and comments may use them as
examples). Tests of the shipped rules name them; the code reads them from the rule folder."""

import ast
import re

from tests.conftest import ROOT
from tests.shipped import SHIPPED_CONCEPTS

SHIPPED_FRAMEWORKS = ("malbild_2027", "inriktningar_2023_2026")


def _pattern(ruleset) -> re.Pattern:
    words = set(SHIPPED_CONCEPTS) | set(SHIPPED_FRAMEWORKS)
    words |= {c.short for c in ruleset.concepts} | {str(ruleset.timeframe.last_year)}
    return re.compile(r"(?<!\w)(" + "|".join(map(re.escape, sorted(words))) + r")(?!\w)")


def _scan(source: str, pattern: re.Pattern) -> list[tuple[int, str]]:
    """(line, word) of every match in the source's strings (not docstrings), names and attributes."""
    tree = ast.parse(source)
    docs = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                docs.add(id(first.value))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs:
            text = node.value
        elif isinstance(node, ast.Name):
            text = node.id
        elif isinstance(node, ast.Attribute):
            text = node.attr
        else:
            continue
        found += [(node.lineno, m.group(0)) for m in pattern.finditer(text)]
    return sorted(found)


def test_no_shipped_concept_id_label_or_horizon_year_in_the_code(ruleset):
    pattern = _pattern(ruleset)
    found = [f"{path.relative_to(ROOT)}:{line}: {word}"
             for path in sorted((ROOT / "aligner").rglob("*.py"))
             for line, word in _scan(path.read_text(encoding="utf-8"), pattern)]
    assert found == []


def test_the_scan_finds_what_it_looks_for(ruleset):
    source = ('"""Trygghet and 2027 in a docstring."""\n'
              'TIME = "tidshorisont_2027"\n'
              'x = {"a": f"inom {y} 2027", "b": "Klim30"}\n'
              'trygghet = 1\n')
    assert _scan(source, _pattern(ruleset)) == [(2, "tidshorisont_2027"), (3, "2027"), (3, "Klim30"), (4, "trygghet")]
