"""The house style is checked with the tests (so CI runs it): `ruff check` on aligner/, tests/ and
benchmarks/ (rules in pyproject.toml, docstrings on aligner's public functions among them) is clean."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_ruff_is_clean():
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "aligner", "tests", "benchmarks"],
                            cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_public_function_without_a_docstring_is_caught(tmp_path):
    """The docstring rule is on: a public function in a module under aligner/ without one fails."""
    module = tmp_path / "aligner" / "example.py"
    module.parent.mkdir()
    module.write_text('"""An example module."""\n\n\ndef public():\n    return 1\n', encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "--config",
                             str(ROOT / "pyproject.toml"), str(module)],
                            cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert result.returncode == 1 and "D103" in result.stdout
