"""Types are checked with the tests (so CI runs them): `mypy` on aligner/ (settings in pyproject.toml)
reports no error."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_mypy_finds_no_error():
    result = subprocess.run([sys.executable, "-m", "mypy", "--no-error-summary", "--hide-error-context"],
                            cwd=ROOT, capture_output=True, text=True, timeout=600)
    errors = [line for line in result.stdout.splitlines() if ": error:" in line]
    assert result.returncode == 0 and not errors, "\n".join(errors) or result.stdout + result.stderr
