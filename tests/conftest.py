"""Shared fixtures: one Tagger for the whole session (building the spaCy pipeline takes seconds)."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from tests.browser_support import browser  # noqa: F401 - the headless Chromium fixture of the browser tests

# The suite never reads or writes the user's own cache (~/.cache/aligner): a fresh folder per run,
# also for the commands the tests start in subprocesses.
_CACHE = tempfile.mkdtemp(prefix="aligner-test-cache-")
os.environ["XDG_CACHE_HOME"] = _CACHE
atexit.register(shutil.rmtree, _CACHE, ignore_errors=True)

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


ACCEPTED_GAPS = """\
- {organisation: Kulturförvaltningen, concept: sysselsattning, reason: Inte i uppdraget.,
   decided_by: Styrningsenheten, date: 2025-01-20}
- {organisation: Nedlagda nämnden, concept: trygghet, reason: Finns inte., decided_by: S, date: 2023-01-01}
"""


@pytest.fixture(scope="session")
def audit(tmp_path_factory, tagger):
    """An audit of the test plans with one accepted gap and one stale entry (report tests read it)."""
    from aligner.analysis.accepted import load_accepted
    from aligner.run.audit import run_audit
    from tests.test_audit import build_audit_folder

    folder = build_audit_folder(tmp_path_factory.mktemp("plans"))
    accepted_file = folder.parent / "accepted.yaml"
    accepted_file.write_text(ACCEPTED_GAPS, encoding="utf-8")
    accepted = load_accepted(accepted_file, [(c.id, c.title) for c in tagger.ruleset.concepts])
    return run_audit([folder], tagger, accepted=accepted, jobs=1)


_MINI_CONCEPT = """concept: {cid}
title: {cid}
rules:
  - id: {rid}-ord
    description: a word
    stems: [{word}]
examples:
  match:
    - {{text: "Ett {word} här.", rules: [{rid}-ord]}}
  no_match:
    - "Inget här."
"""


@pytest.fixture
def rules_copy(tmp_path) -> Path:
    """A small, valid rule folder of our own (tests must not depend on the shipped rules' wording)."""
    from aligner.tagging.rules import default_rules_dir
    from tests.shipped import SHIPPED_CONCEPTS

    dst = tmp_path / "rules"
    dst.mkdir()
    shutil.copy(default_rules_dir() / "frameworks.yaml", dst)
    for cid in SHIPPED_CONCEPTS:
        text = _MINI_CONCEPT.format(cid=cid, rid=cid.replace("_", "-"), word=cid[:5])
        (dst / f"{cid}.yaml").write_text(text, encoding="utf-8")
    return dst
