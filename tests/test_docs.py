"""The README is a map: short, with the quick start CI runs, and links into docs/ that lead somewhere."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md")), ROOT / "benchmarks" / "README.md"]
LINK = re.compile(r"\]\(([^)\s]+)\)")


def _anchors(text: str) -> set[str]:
    """GitHub's anchors of a Markdown file's headings (outside code blocks)."""
    found, fence = set(), False
    for line in text.splitlines():
        if line.startswith("```"):
            fence = not fence
        heading = None if fence else re.match(r"^#{1,6} (.*)$", line)
        if heading:
            found.add(re.sub(r"[^\w\- ]", "", heading.group(1).strip().lower()).replace(" ", "-"))
    return found


def test_the_readme_is_a_map():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme.splitlines()) <= 250
    for heading in ("## Quick start", "## Commands", "## Exit codes", "## Where to read on", "## Architecture"):
        assert f"\n{heading}\n" in readme, heading
    for guide in ("docs/planners.md", "docs/styrning.md", "docs/rule-authors.md", "docs/developers.md",
                  "benchmarks/README.md"):
        assert f"]({guide})" in readme, guide


def test_the_quick_start_keeps_the_two_commands_ci_reads():
    """.ci/run takes the second line of the first code block under '## Quick start'."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("\n## Quick start\n", 1)[1].split("```", 2)[1].strip().splitlines()
    assert len(block) == 2 and block[0].startswith("pip install . ") and "aligner audit sample_plans" in block[0]
    assert block[1].startswith('pip install -e ".[test]"') and "pytest" in block[1]


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_local_link_leads_somewhere(doc):
    text = doc.read_text(encoding="utf-8")
    for target in LINK.findall(text):
        if target.startswith(("http://", "https://", "mailto:")):
            continue
        path, _, anchor = target.partition("#")
        file = (doc.parent / path).resolve() if path else doc
        assert file.exists(), f"{doc.name}: {target}"
        if anchor:
            assert anchor in _anchors(file.read_text(encoding="utf-8")), f"{doc.name}: {target}"
