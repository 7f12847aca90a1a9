"""The layout model's examples (aligner/readers/layout.yaml), run against the classifiers built from it."""

from __future__ import annotations

import pytest

from aligner.readers.common import (
    classify_header,
    classify_heading,
    cue_kind,
    find_org,
    is_excluded_heading,
    is_metadata_line,
    label_kind,
)
from aligner.readers.layout import LAYOUT_FILE, layout


def examples(part: str) -> list[tuple[str, object]]:
    return list(layout()[part]["examples"].items())


@pytest.mark.parametrize(("text", "kind"), examples("headers"))
def test_column_header_examples(text, kind):
    assert classify_header(text) == kind


@pytest.mark.parametrize(("text", "kind"), examples("headings"))
def test_section_heading_examples(text, kind):
    assert classify_heading(text) == kind


@pytest.mark.parametrize(("text", "kind"), examples("risk"))
def test_risk_heading_examples(text, kind):
    assert is_excluded_heading(text) == (kind == "risk")


@pytest.mark.parametrize(("text", "kind"), examples("labels"))
def test_label_examples(text, kind):
    assert label_kind(text) == kind


@pytest.mark.parametrize(("text", "kind"), examples("cues"))
def test_cue_word_examples(text, kind):
    assert cue_kind(text) == kind


@pytest.mark.parametrize(("text", "kind"), examples("metadata"))
def test_metadata_examples(text, kind):
    assert is_metadata_line(text) == (kind == "metadata")


@pytest.mark.parametrize(("text", "org"), examples("organisation"))
def test_organisation_examples(text, org):
    assert find_org([], title=text) == org


def test_every_part_has_examples_and_the_file_is_package_data():
    import tomllib

    assert all(layout()[part]["examples"] for part in ("headers", "headings", "risk", "labels", "cues",
                                                       "metadata", "organisation"))
    pyproject = tomllib.loads((LAYOUT_FILE.parents[2] / "pyproject.toml").read_text(encoding="utf-8"))
    assert LAYOUT_FILE.name in pyproject["tool"]["setuptools"]["package-data"]["aligner.readers"]
