"""The name term {namn}: a partner named only by its proper name ("en övning med NSVA") ends a phrase.

Matching runs on folded words, which have lost their capitals; the matcher checks the name's capital
letter where it stands. The rule folder is the tests' own (tests/conftest.py: rules_copy)."""

import pytest

from aligner.errors import RuleError
from aligner.tagging.rules import load_rules
from aligner.tagging.tagger import Tagger
from aligner.tagging.terms import NAME_TERM, is_name, parse_term

_SAMSPEL = """concept: samspel
title: Samspel
rules:
  - id: samspel-ord
    description: a word
    stems: [samverk]
  - id: samspel-ovning-namn
    description: an exercise with a partner named by its name
    phrases: ["{phrase}"]
examples:
  match:
    - {{text: "En samverkan.", rules: [samspel-ord]}}
  no_match:
    - "Inget här."
"""


def _with_phrase(folder, phrase: str):
    (folder / "samspel.yaml").write_text(_SAMSPEL.format(phrase=phrase), encoding="utf-8")
    return load_rules(folder)


@pytest.fixture
def name_tagger(rules_copy):
    return Tagger(_with_phrase(rules_copy, "övning|övningar|krisövning* med {namn}"))


@pytest.mark.parametrize("word, name", [
    ("NSVA", True), ("Sydvatten", True), ("Region", True), ("Rf-SISU", True), ("Helsingborgs", True),
    ("nsva", False), ("I", False), ("AI-stöd", False), ("IT-systemet", False), ("EU-medel", False), ("2025", False),
])
def test_what_is_written_as_a_name(word, name):
    assert is_name(word) is name


def test_the_name_term_is_written_in_braces():
    assert parse_term("{namn}") == (NAME_TERM,)
    assert parse_term("{Namn}") == (NAME_TERM,)


@pytest.mark.parametrize("text, evidence", [
    ("Genomföra en övning med NSVA.", "övning med NSVA"),
    ("Genomföra krisövningar med Sydvatten och Öresundskraft under året.", "krisövningar med Sydvatten"),
    ("Vi planerar övningar med Region Skåne.", "övningar med Region"),
])
def test_a_word_written_as_a_name_completes_the_phrase(name_tagger, text, evidence):
    result = name_tagger.tag_text(text)
    assert result.concepts == ("samspel",)
    ev = result.tags[0].evidence[0]
    assert (ev.rule_id, ev.text) == ("samspel-ovning-namn", evidence)
    assert text[ev.start:ev.end] == ev.text


@pytest.mark.parametrize("text", [
    "Genomföra en övning med nsva.",          # folded to the same word, but not written as a name
    "Genomföra en övning med personalen.",
    "GENOMFÖRA EN ÖVNING MED PERSONALEN.",    # a statement in capitals has no names
    "Övning med personalen i fokus.",
    "Genomföra en övning med AI-stöd.",       # an abbreviation joined to a common noun
])
def test_a_word_not_written_as_a_name_does_not(name_tagger, text):
    assert "samspel" not in name_tagger.tag_text(text).concepts


def test_the_same_folded_word_is_judged_by_each_spelling(name_tagger):
    """Once "NSVA" has added its pattern, the lower-case spelling in a later statement still fails."""
    texts = ["En övning med NSVA.", "En övning med nsva.", "En övning med NSVA."]
    assert [r.concepts for r in name_tagger.tag_texts(texts)] == [("samspel",), (), ("samspel",)]


@pytest.mark.parametrize("phrase", [
    "{namn} övning",               # not last
    "{namn}",                      # alone
    "övning {namn}?",              # optional
    "övning polisen|{namn}",       # beside other words in its position
    "övning? {namn}",              # after optional words only: it could be a statement's first word
])
def test_a_name_stands_last_alone_and_required(rules_copy, phrase):
    with pytest.raises(RuleError, match=r"\{namn\} kan bara stå sist i en fras") as err:
        _with_phrase(rules_copy, phrase)
    assert (err.value.rule_id, err.value.field) == ("samspel-ovning-namn", "phrases")


@pytest.mark.parametrize("old, new, field", [
    ("    stems: [samverk]", "    words: ['{namn}']", "words"),
    ("    stems: [samverk]", "    stems: [samverk]\n    only_near: ['{namn}']", "only_near"),
])
def test_a_name_is_refused_outside_phrases(rules_copy, old, new, field):
    text = _SAMSPEL.format(phrase="övning med {namn}").replace(old, new)
    (rules_copy / "samspel.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(RuleError, match=r"\{namn\} kan bara stå sist i en fras") as err:
        load_rules(rules_copy)
    assert (err.value.rule_id, err.value.field) == ("samspel-ord", field)
