"""Every example in the rule files is its own test: `pytest -k trygghet` checks one concept."""

import pytest

from aligner.analysis.evaluation import check_example
from aligner.tagging.rules import load_rules

_EXAMPLES = [e for c in load_rules().concepts for e in c.examples]


@pytest.mark.parametrize(
    "example", _EXAMPLES,
    ids=[f"{e.concept}::{'match' if e.should_match else 'no_match'}-{e.index}" for e in _EXAMPLES],
)
def test_rule_example(example, tagger):
    failure = check_example(example, tagger.tag_text(example.text))
    assert failure is None, f"{failure.problem}: {example.text!r} -> {failure.concepts} {failure.evidence}"
