"""The rule loader: the shipped rules load, and a broken file gives one error naming file, rule and field."""

from pathlib import Path

import pytest

from aligner.errors import RuleError
from aligner.tagging.rules import default_rules_dir, load_rules
from tests.shipped import SHIPPED_CONCEPTS


def test_shipped_rules_load_all_seven_concepts(ruleset):
    assert tuple(c.id for c in ruleset.concepts) == SHIPPED_CONCEPTS
    assert {f.id for f in ruleset.frameworks} == {"malbild_2027", "inriktningar_2023_2026"}


def test_every_rule_has_an_id_description_and_a_match_example(ruleset):
    for concept in ruleset.concepts:
        named = {r for e in concept.examples if e.should_match for r in e.rules}
        for rule in concept.rules:
            assert rule.description, rule.id
            assert rule.id in named, f"{concept.id}: rule {rule.id} has no match example naming it"


def test_every_concept_has_no_match_examples(ruleset):
    for concept in ruleset.concepts:
        assert any(not e.should_match for e in concept.examples), concept.id


def test_the_small_rule_folder_is_valid(rules_copy):
    assert len(load_rules(rules_copy).rules) == 7


def _break(folder: Path, name: str, old: str, new: str) -> None:
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_unknown_rule_key_names_file_rule_and_field(rules_copy):
    _break(rules_copy, "trygghet.yaml", "    stems: [trygg]", "    stemz: [trygg]")
    with pytest.raises(RuleError) as err:
        load_rules(rules_copy)
    assert err.value.path.endswith("trygghet.yaml")
    assert err.value.rule_id == "trygghet-ord"
    assert err.value.field == "stemz"
    assert "trygghet.yaml, regel 'trygghet-ord', fält 'stemz'" in str(err.value)


def test_yaml_syntax_error_names_the_line(rules_copy):
    (rules_copy / "samspel.yaml").write_text("concept: samspel\nrules: [\n", encoding="utf-8")
    with pytest.raises(RuleError, match=r"samspel.yaml: ogiltig YAML \(rad \d+\)"):
        load_rules(rules_copy)


def test_duplicate_rule_id_is_refused(rules_copy):
    _break(rules_copy, "trygghet.yaml", "trygghet-ord", "samspel-ord")
    with pytest.raises(RuleError, match="finns redan") as err:
        load_rules(rules_copy)
    assert err.value.field == "id"


def test_empty_term_is_refused(rules_copy):
    _break(rules_copy, "trygghet.yaml", "    stems: [trygg]", "    stems: ['*']")
    with pytest.raises(RuleError) as err:
        load_rules(rules_copy)
    assert (err.value.rule_id, err.value.field) == ("trygghet-ord", "stems")


def test_example_naming_an_unknown_rule_is_refused(rules_copy):
    _break(rules_copy, "trygghet.yaml", "rules: [trygghet-ord]", "rules: [trygghet-finns-inte]")
    with pytest.raises(RuleError, match="okänd regel 'trygghet-finns-inte'"):
        load_rules(rules_copy)


def test_a_concept_in_frameworks_without_its_file_is_refused(rules_copy):
    _break(rules_copy, "frameworks.yaml", "concepts: [innovation, samspel", "concepts: [innovationer, samspel")
    with pytest.raises(RuleError, match="konceptet 'innovationer' saknar sin fil innovationer.yaml") as err:
        load_rules(rules_copy)
    assert err.value.path.endswith("frameworks.yaml")
    assert (err.value.rule_id, err.value.field) == ("innovationer", "concepts")


def test_missing_folder(tmp_path):
    with pytest.raises(RuleError, match="finns inte"):
        load_rules(tmp_path / "nope")


def test_a_context_with_its_own_window_is_validated(rules_copy):
    _break(rules_copy, "trygghet.yaml", "    stems: [trygg]",
           "    stems: [trygg]\n    unless_near: {words: [x], window: 99}")
    with pytest.raises(RuleError) as err:
        load_rules(rules_copy)
    assert (err.value.rule_id, err.value.field) == ("trygghet-ord", "unless_near.window")


def test_a_context_mapping_needs_words(rules_copy):
    _break(rules_copy, "trygghet.yaml", "    stems: [trygg]", "    stems: [trygg]\n    unless_near: {window: 2}")
    with pytest.raises(RuleError, match="words"):
        load_rules(rules_copy)


def test_rules_are_cached_and_a_broken_cache_entry_is_rebuilt(rules_copy, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    first = load_rules(rules_copy)
    (entry,) = (tmp_path / "cache" / "aligner").glob("rules-*.json")
    assert load_rules(rules_copy) == first
    entry.write_bytes(b"not json")
    assert load_rules(rules_copy) == first
    _break(rules_copy, "trygghet.yaml", "    stems: [trygg]", "    stems: [trygg, otrygg]")
    assert load_rules(rules_copy) != first  # changed rules miss the cache


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("    title: Målbild 2027\n", "", "frameworks.yaml, styrmodell 'malbild_2027', fält 'title': 'title' saknas"),
        ("  - id: malbild_2027", "  - id: Målbild 2027",
         "frameworks.yaml, styrmodell 'Målbild 2027', fält 'id': id ska bestå av a-z, 0-9 och _"),
        ("    short: Målbild\n", "    short: Målbild\n    period: 2023\n",
         "frameworks.yaml, styrmodell 'malbild_2027', fält 'period': okänd nyckel 'period'"),
        ("concepts: [innovation, samspel", "concepts: [innovation, innovation, samspel",
         "frameworks.yaml, styrmodell 'malbild_2027', fält 'concepts': ett koncept står två gånger"),
        ("frameworks:\n", "ordning: [innovation]\nframeworks:\n", "frameworks.yaml, fält 'ordning': okänd nyckel"),
    ],
)
def test_a_broken_framework_file_gives_one_line_naming_file_entry_and_field(rules_copy, old, new, message):
    _break(rules_copy, "frameworks.yaml", old, new)
    with pytest.raises(RuleError) as err:
        load_rules(rules_copy)
    assert message in str(err.value) and "\n" not in str(err.value)


def test_order_in_frameworks_file_sets_the_report_order(rules_copy):
    order = list(reversed(SHIPPED_CONCEPTS))
    _break(rules_copy, "frameworks.yaml", "frameworks:\n", f"order: [{', '.join(order)}]\nframeworks:\n")
    assert load_rules(rules_copy).ids == tuple(order)
    _break(rules_copy, "frameworks.yaml", "order: [", "order: [kultur, ")
    with pytest.raises(RuleError, match="'order' ska nämna precis styrmodellernas koncept"):
        load_rules(rules_copy)


@pytest.mark.parametrize(
    ("old", "new", "field", "message"),
    [
        ("title: trygghet\n", "title: trygghet\nshort: [Tr]\n", "short", "ska vara en text"),
        ("title: trygghet\n", "title: trygghet\nnames: {a: b}\n", "names", "ska vara en lista med namn"),
        ("title: trygghet\n", "title: trygghet\nnames: [samspel]\n", "names", "används redan av konceptet 'samspel'"),
        ("title: trygghet\n", "title: trygghet\ntimeframe: {first_year: 2027, last_year: 2026}\n", "last_year",
         "i ordning"),
        ("title: trygghet\n", "title: trygghet\ntimeframe: {last_year: 2030}\n", "first_year", "ska vara ett årtal"),
    ],
)
def test_a_broken_concept_header_names_file_and_field(rules_copy, old, new, field, message):
    _break(rules_copy, "trygghet.yaml", old, new)
    with pytest.raises(RuleError, match=message) as err:
        load_rules(rules_copy)
    assert err.value.path.endswith("trygghet.yaml") and err.value.field == field


def test_only_one_concept_may_hold_the_time_frame(rules_copy):
    for cid in ("trygghet", "samspel"):
        _break(rules_copy, f"{cid}.yaml", f"title: {cid}\n",
               f"title: {cid}\ntimeframe: {{first_year: 2023, last_year: 2027}}\n")
    with pytest.raises(RuleError, match="bara ett koncept kan ha 'timeframe'"):
        load_rules(rules_copy)


def test_a_concept_with_no_rules_yet_loads(rules_copy):
    path = rules_copy / "trygghet.yaml"
    path.write_text("concept: trygghet\ntitle: Trygghet\nrules: []\n", encoding="utf-8")
    assert load_rules(rules_copy).concept("trygghet").rules == ()


def test_rules_init_copies_the_shipped_rules_and_overwrites_nothing(tmp_path):
    from aligner.tagging.rules import copy_shipped_rules

    copied = copy_shipped_rules(tmp_path / "egna")
    assert {p.name for p in copied} == {p.name for p in default_rules_dir().glob("*.yaml")} | {
        p.name for p in default_rules_dir().glob("*.md")}
    assert load_rules(tmp_path / "egna").ids == SHIPPED_CONCEPTS
    with pytest.raises(RuleError, match="finns redan"):
        copy_shipped_rules(tmp_path / "egna")


def _with_phrases(folder: Path, phrases: list[str]):
    import json
    _break(folder, "trygghet.yaml", "    stems: [trygg]", "    stems: [trygg]\n  - id: trygghet-fras\n"
           f"    description: a phrase\n    phrases: {json.dumps(phrases, ensure_ascii=False)}")
    return load_rules(folder)


def test_a_group_of_several_word_alternatives_stands_for_one_phrase_each(rules_copy):
    rule = next(r for r in _with_phrases(rules_copy, ["(tar hand om|hjälper) de? äldre"]).rules
                if r.id == "trygghet-fras")
    words = [[terms[0].value for terms, _opt in phrase] for phrase in rule.phrases]
    assert words == [["tar", "hand", "om", "de", "aldre"], ["hjalper", "de", "aldre"]]


def test_groups_in_a_phrase_multiply(rules_copy):
    rule = next(r for r in _with_phrases(rules_copy, ["(a b|c) x (d|e f)"]).rules if r.id == "trygghet-fras")
    assert len(rule.phrases) == 4


def test_a_group_phrase_tags_each_of_its_alternatives(rules_copy):
    from aligner.tagging.tagger import Tagger

    tagger = Tagger(_with_phrases(rules_copy, ["(tar hand om|hjälper) äldre"]))
    results = tagger.tag_texts(["Personalen tar hand om äldre.", "Personalen hjälper äldre.", "Personalen om äldre."])
    assert [r.concepts for r in results] == [("trygghet",), ("trygghet",), ()]


@pytest.mark.parametrize("phrase", ["(tar hand om) äldre", "(a|) äldre", "(a|b)? äldre", "(a|b äldre",
                                    "a|b) äldre", "(a|b|c|d) (e|f|g|h) (i|j|k|l) (m|n|o|p) (q|r|s|t)"])
def test_a_broken_group_is_refused_naming_the_rule(rules_copy, phrase):
    with pytest.raises(RuleError) as err:
        _with_phrases(rules_copy, [phrase])
    assert (err.value.rule_id, err.value.field) == ("trygghet-fras", "phrases")
    assert "parentes" in str(err.value) or "fler än" in str(err.value)


def test_a_guard_list_is_shared_through_an_anchor(rules_copy):
    from aligner.tagging.tagger import Tagger

    path = rules_copy / "trygghet.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "rules:\n", "guards:\n  upkeep: &upkeep [tömma, klippning*]\nrules:\n", 1).replace(
        "    stems: [trygg]\n", "    stems: [trygg]\n    unless_with: [*upkeep, budget*]\n"), encoding="utf-8")
    tagger = Tagger(load_rules(rules_copy))
    results = tagger.tag_texts(["Trygga parker.", "Tömma korgar i trygga parker.", "Trygg budget.",
                                "Klippningen av trygga ytor."])
    assert [r.concepts for r in results] == [("trygghet",), (), (), ()]


def test_guards_must_be_named_word_lists(rules_copy):
    _break(rules_copy, "trygghet.yaml", "rules:\n", "guards: [tömma]\nrules:\n")
    with pytest.raises(RuleError, match="namngivna listor") as err:
        load_rules(rules_copy)
    assert err.value.field == "guards"
