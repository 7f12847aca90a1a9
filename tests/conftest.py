"""Shared fixtures: one Tagger for the whole session (building the spaCy pipeline takes seconds)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser_support import browser  # noqa: F401 - the headless Chromium fixture of the browser tests

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_PLANS = ROOT / "sample_plans"


@pytest.fixture(scope="session")
def ruleset():
    from aligner.tagging.rules import load_rules

    return load_rules()


@pytest.fixture(scope="session")
def tagger(ruleset):
    from aligner.tagging.tagger import Tagger

    return Tagger(ruleset)
