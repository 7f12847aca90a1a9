"""The Hunspell reader and affix expander (aligner.lint.hunspell), on small hand-written .aff/.dic files,
and on the real hunspell-sv dictionary when it is installed."""

from __future__ import annotations

from pathlib import Path

import pytest

from aligner.lint.affixes import _condition, parse_aff, split_flags
from aligner.lint.hunspell import (
    DictionaryMissing,
    expand_files,
    find_dictionary,
    load_lexicon,
    parse_dic_line,
    read_dic,
)

# Modelled on sv_SE.aff: genitive, definite forms with conditions, a strip, a suffix that makes a
# compound-only form, a prefix class with a cross product, and the flags that make a stem no word.
AFF = """\
SET UTF-8
NEEDAFFIX ¤
ONLYINCOMPOUND Z
FORBIDDENWORD %

# genitive
SFX A Y 1
SFX A 0 s .

SFX D Y 3
SFX D 0 en [^e]
SFX D 0 n e
SFX D 0 ens [^e]

# kakel -> kaklet, kaklets; vimmel -> vimlet (the m rule)
SFX C Y 3
SFX C el let [^m]el
SFX C mel let mel
SFX C 0 t [aeiouyåäö]

# the first part of a compound ("trygghets-") only
SFX v N 1
SFX v 0 s/Z .

# a suffix whose form takes a second suffix (flag A) and is no word alone (NEEDAFFIX)
SFX n Y 1
SFX n 0 ar/A¤ .

PFX o Y 1
PFX o 0 o .
"""


@pytest.fixture(scope="module")
def aff():
    return parse_aff(AFF)


def test_condition_syntax():
    assert _condition("[^aeo]n") == ("[^aeo]n", 2)
    assert _condition("mel") == ("mel", 3)
    assert _condition(".") == ("", 0)
    assert _condition("[åä].") == ("[åä].", 2)


def test_flag_formats():
    assert split_flags("ADHXY") == ["A", "D", "H", "X", "Y"]
    assert split_flags("¤A") == ["¤", "A"]
    assert split_flags("AaBb", "long") == ["Aa", "Bb"]
    assert split_flags("1,23,4", "num") == ["1", "23", "4"]


def test_aff_header_and_special_flags(aff):
    assert set(aff.suffixes) == {"A", "D", "C", "v", "n"}
    assert aff.prefixes["o"].cross_product
    assert (aff.need_affix, aff.only_in_compound, aff.forbidden) == ("¤", "Z", "%")
    rule = aff.suffixes["v"].rules[0]
    assert (rule.strip, rule.add, rule.condition, rule.continuation) == ("", "s", ".", frozenset("Z"))


def test_suffixes_follow_conditions_and_strip(aff):
    assert aff.expand("hemtjänst", frozenset("AD")) == ["hemtjänst", "hemtjänsts", "hemtjänsten", "hemtjänstens"]
    assert set(aff.expand("kakel", frozenset("C"))) == {"kakel", "kaklet"}
    assert set(aff.expand("vimmel", frozenset("C"))) == {"vimmel", "vimlet"}  # the [^m]el rule does not apply
    assert set(aff.expand("täcke", frozenset("CD"))) == {"täcke", "täcket", "täcken"}  # [^e] rules skip it


def test_compound_only_and_needaffix_forms_are_no_words(aff):
    # "trygghets" exists only as the first part of a compound.
    assert aff.expand("trygghet", frozenset("v")) == ["trygghet"]
    # the n suffix's own form needs another affix; its genitive is a word
    assert aff.expand("bil", frozenset("n")) == ["bil", "bilars"]
    assert aff.expand("stam", frozenset("¤A")) == ["stams"]
    assert aff.expand("fel", frozenset("%A")) == []


def test_prefix_and_cross_product(aff):
    assert set(aff.expand("trygg", frozenset("oA"))) == {"trygg", "tryggs", "otrygg", "otryggs"}


def test_memo_by_word_edge_agrees_with_the_rules(aff):
    """apply() remembers answers per word edge; the answer must be the one for the whole word,
    for short words (the edge is the word) and long ones alike."""
    cls = aff.suffixes["C"]
    for word in ("el", "mel", "kel", "akel", "kakel", "vimmel", "nummel", "ö", "bö", "stå"):
        expected = [(word[: len(word) - k] + add, cont) for k, add, cont in cls.changes(word, aff.full_strip)]
        assert aff.apply(cls, word) == expected, word


def test_long_and_numeric_flags_and_aliases():
    aff = parse_aff("FLAG long\nSFX Aa Y 1\nSFX Aa 0 en .\nSFX Bb Y 1\nSFX Bb 0 s .\n")
    assert aff.expand("katt", aff.parse_flags("AaBb")) == ["katt", "katten", "katts"]
    aff = parse_aff("FLAG num\nSFX 12 Y 1\nSFX 12 0 en .\n")
    assert aff.expand("katt", aff.parse_flags("3,12")) == ["katt", "katten"]
    aff = parse_aff("AF 2\nAF AB\nAF B\nSFX A Y 1\nSFX A 0 en .\nSFX B Y 1\nSFX B 0 s .\n")
    assert aff.parse_flags("1") == frozenset("AB")
    assert parse_dic_line("katt/2", aff) == ("katt", frozenset("B"))


def test_dic_lines(aff):
    assert parse_dic_line("hemtjänst/ADHXY", aff) == ("hemtjänst", frozenset("ADHXY"))
    assert parse_dic_line("1080p", aff) == ("1080p", frozenset())
    assert parse_dic_line("1\\/2/A", aff) == ("1/2", frozenset("A"))
    assert parse_dic_line("katt/A po:noun", aff) == ("katt", frozenset("A"))
    assert parse_dic_line("katt/A\tst:katt", aff) == ("katt", frozenset("A"))
    assert parse_dic_line("", aff) is None
    assert list(read_dic("2\nbil/A\nkatt\n", aff)) == [("bil", frozenset("A")), ("katt", frozenset())]


def test_find_and_expand_files(tmp_path):
    with pytest.raises(DictionaryMissing) as err:
        find_dictionary(tmp_path)
    assert str(err.value) == (f"{tmp_path}: mappen har ingen ordlista (sv_SE.dic med sv_SE.aff eller "
                              "sv_SE_expanded.dic med sv_SE_expanded.aff)")
    assert "pip install hunspell-sv" in str(DictionaryMissing())
    (tmp_path / "sv_SE.aff").write_text(AFF, encoding="utf-8")
    (tmp_path / "sv_SE.dic").write_text("3\nhemtjänst/AD\ntrygghet/v\nbil\n", encoding="utf-8")
    (tmp_path / "sv_SE_expanded.aff").write_text(AFF, encoding="utf-8")
    (tmp_path / "sv_SE_expanded.dic").write_text("2\nhemtjänst/AD\ntrygghet/D\n", encoding="utf-8")
    pairs = find_dictionary(tmp_path)
    assert [p[0].name for p in pairs] == ["sv_SE.dic", "sv_SE_expanded.dic"]
    assert expand_files(pairs) == load_lexicon(tmp_path).entries
    entries = load_lexicon(tmp_path).entries
    assert entries["hemtjänst"] == ("hemtjänst", "hemtjänsts", "hemtjänsten", "hemtjänstens")
    assert entries["trygghet"] == ("trygghet", "tryggheten", "trygghetens")  # both files' flags
    assert entries["bil"] == ("bil",)


@pytest.fixture(scope="module")
def installed():
    try:
        return find_dictionary()
    except DictionaryMissing:
        pytest.skip("hunspell-sv is not installed (pip install -e '.[test]')")


def test_installed_dictionary_inflects(installed):
    aff = parse_aff(installed[0][1].read_text(encoding="utf-8"))
    assert aff.flag_format == "char"  # sv_SE.aff has no FLAG line: one character per flag
    stems = {}
    for line in installed[0][0].read_text(encoding="utf-8").splitlines()[1:]:
        if not line.startswith(("hemtjänst/", "trygghet/", "omsorg/")):
            continue
        entry = parse_dic_line(line, aff)
        if entry and entry[0] in ("hemtjänst", "trygghet", "omsorg"):
            stems.setdefault(entry[0], set()).update(aff.expand(*entry))
    assert {"hemtjänsten", "hemtjänstens", "hemtjänster"} <= stems["hemtjänst"]
    assert {"tryggheten", "trygghetens"} <= stems["trygghet"]
    assert "trygghets" in stems["trygghet"]  # the genitive (flag A), not only the compound part
    assert {"omsorgen", "omsorger"} <= stems["omsorg"]


def test_found_under_the_environment_prefix_without_package_metadata(tmp_path, monkeypatch):
    """hunspell-sv installs its files as data (<prefix>/share/hunspell); they are found there even
    when the package's metadata does not name them (a system or copied install)."""
    import site
    import sys

    import aligner.lint.hunspell as hunspell

    share = tmp_path / "share" / "hunspell"
    share.mkdir(parents=True)
    (share / "sv_SE.aff").write_text(AFF, encoding="utf-8")
    (share / "sv_SE.dic").write_text("1\nbil/D\n", encoding="utf-8")
    monkeypatch.setattr(hunspell, "PACKAGE", "no-such-package-aligner-test")
    monkeypatch.setattr(sys, "prefix", str(tmp_path))
    assert find_dictionary() == [(share / "sv_SE.dic", share / "sv_SE.aff")]
    assert tmp_path / "share" / "hunspell" in hunspell.dictionary_dirs()
    if site.USER_BASE:  # a pip install --user puts the files there
        assert Path(site.USER_BASE) / "share" / "hunspell" in hunspell.dictionary_dirs()
