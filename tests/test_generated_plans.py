"""Generated plans (tests/plan_generator.py): every statement found with its kind and parent, every block in the ledger.

CI runs a bounded number of examples; benchmarks/reading.py runs thousands and prints the figures.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aligner.readers import read_plan
from tests.ledger_check import assert_ledger_complete
from tests.plan_generator import DrawChooser, generate, score

SETTINGS = settings(max_examples=40, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _check(plan_source, fmt: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = plan_source.save(Path(folder) / f"plan.{fmt}")
        plan = read_plan(path)
        result = score(plan, plan_source.expected)
        assert result.problems == [], result.problems
        assert result.goal_under_goal == 0
        assert_ledger_complete(plan, path)


@SETTINGS
@given(st.data())
def test_generated_word_plans_are_read_completely(data):
    _check(generate(DrawChooser(data.draw), "docx"), "docx")


@SETTINGS
@given(st.data())
def test_generated_excel_plans_are_read_completely(data):
    _check(generate(DrawChooser(data.draw), "xlsx"), "xlsx")


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
@settings(max_examples=3, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.data(), st.sampled_from(["docx", "xlsx"]))
def test_generated_plans_survive_a_libreoffice_round_trip(data, fmt):
    source = generate(DrawChooser(data.draw), fmt)
    with tempfile.TemporaryDirectory() as folder:
        path = source.save(Path(folder) / f"plan.{fmt}")
        out = Path(folder) / "out"
        subprocess.run(["soffice", "--headless", "--convert-to", fmt, "--outdir", str(out), str(path)],
                       check=True, capture_output=True, timeout=120)
        plan = read_plan(out / path.name)
        result = score(plan, source.expected)
        assert result.found == result.expected and result.goal_under_goal == 0, result.problems
        assert_ledger_complete(plan, out / path.name)
