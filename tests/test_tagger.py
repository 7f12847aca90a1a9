"""The tagging engine on a small rule set of the test's own: compounds, folding, contexts, evidence."""

from pathlib import Path

import pytest

from aligner.tagging.rules import default_rules_dir, load_rules
from aligner.tagging.tagger import Tagger
from tests.shipped import SHIPPED_CONCEPTS

SAMPLES = Path(__file__).resolve().parent.parent / "sample_plans"

_RULES = {
    "trygghet": """
  - id: t-trygg
    description: trygg in any compound
    stems: [trygg]
    unless_followed_by: ["ekonomi*"]
    window: 2
  - id: t-brott
    description: crime, also as a dangling compound part
    prefixes: [brott]
  - id: t-saker
    description: safety, not "make sure"
    stems: [säker]
    unless_words: ["säkerställ*", "itsäker*"]
""",
    "samspel": """
  - id: s-tillsammans
    description: together with someone
    phrases: ["i? tillsammans|samverkan med"]
    unless_preceded_by: ["ska"]
    window: 1
""",
    "klimatneutralitet_2030": """
  - id: k-plan
    description: the climate plan, also as "klimat- och energiplanen"
    prefixes: [klimatplan]
  - id: k-cykel
    description: cycling counts only when framed against car traffic or emissions
    stems: [cykel]
    only_with: ["biltrafik*", "*utsläpp*"]
""",
    "sysselsattning": """
  - id: y-arbetslos
    description: unemployment inside compounds
    stems: [arbetslös]
  - id: y-jobb
    description: jobs, but not far after a law's name, nor right before "i lagen"
    words: [jobb]
    unless_preceded_by: {words: [lagen], window: 8}
    unless_followed_by: ["i lagen"]
    window: 1
""",
    "innovation": """
  - id: i-system
    description: a new system, not one swapped for another
    phrases: ["nytt system"]
    unless_with: ["byta ut", "ersätta det nuvarande", "fasa ut"]
  - id: i-nya
    description: new ways of working, with an optional adjective
    phrases: ["nya digitala? arbetssätt|lösningar"]
""",
}


@pytest.fixture(scope="module")
def small_tagger(tmp_path_factory) -> Tagger:
    folder: Path = tmp_path_factory.mktemp("rules")
    (folder / "frameworks.yaml").write_bytes((default_rules_dir() / "frameworks.yaml").read_bytes())
    (folder / "tidshorisont_2027.yaml").write_bytes((default_rules_dir() / "tidshorisont_2027.yaml").read_bytes())
    for cid in SHIPPED_CONCEPTS:
        if cid == "tidshorisont_2027":
            continue
        body = _RULES.get(cid, f"""
  - id: {cid.replace('_', '-')}-x
    description: placeholder word nobody writes
    words: [xyzzy{cid[:3]}]
""")
        (folder / f"{cid}.yaml").write_text(f"concept: {cid}\ntitle: {cid}\nrules:{body}", encoding="utf-8")
    return Tagger(load_rules(folder))


def _concepts(tagger, text):
    return set(tagger.tag_text(text).concepts)


def test_stem_inside_compound_and_definite_form(small_tagger):
    assert "trygghet" in _concepts(small_tagger, "Otryggheten i trygghetsvandringarna ska minska.")


def test_text_without_diacritics_tags_and_evidence_keeps_the_original(small_tagger):
    text = "Skolvagen ska vara saker for alla barn."
    result = small_tagger.tag_text(text)
    ev = result.tags[0].evidence[0]
    assert (result.concepts, ev.rule_id) == (("trygghet",), "t-saker")
    assert text[ev.start:ev.end] == ev.text == "saker"


def test_exclusion_on_the_word_itself(small_tagger):
    result = small_tagger.tag_text("Säkerställa att IT-säkerheten följer rutinen.")
    assert result.tags == ()
    assert {s.reason for s in result.suppressed} == {"ordet är undantaget"}


def test_exclusion_by_following_word(small_tagger):
    result = small_tagger.tag_text("Förvaltningen ska ha en trygg ekonomi.")
    assert result.tags == ()
    assert result.suppressed[0].text == "trygg"


def test_dangling_hyphen_compound_completes_with_next_word(small_tagger):
    text = "Brotts- och olycksförebyggande arbete samt klimat- och energiplanen."
    result = small_tagger.tag_text(text)
    assert set(result.concepts) == {"trygghet", "klimatneutralitet_2030"}
    evidence = {e.rule_id: e.text for t in result.tags for e in t.evidence}
    assert evidence["t-brott"] == "Brotts- och olycksförebyggande"
    assert evidence["k-plan"] == "klimat- och energiplanen"


def test_phrase_with_alternatives_and_optional_word(small_tagger):
    assert "innovation" in _concepts(small_tagger, "Pröva nya digitala lösningar i hemtjänsten.")
    assert "innovation" in _concepts(small_tagger, "Pröva nya arbetssätt i hemtjänsten.")
    assert "innovation" not in _concepts(small_tagger, "Pröva digitala lösningar.")


def test_phrase_exclusion_before(small_tagger):
    assert "samspel" in _concepts(small_tagger, "Genomföra insatser tillsammans med polisen.")
    assert "samspel" not in _concepts(small_tagger, "Kostnaderna ska tillsammans med bidragen rymmas i budgeten.")


def test_only_with_requires_context(small_tagger):
    assert "klimatneutralitet_2030" not in _concepts(small_tagger, "Bygga nya cykelbanor i parken.")
    assert "klimatneutralitet_2030" in _concepts(small_tagger, "Fler cykelvägar ska minska biltrafiken.")


def test_tag_texts_keeps_order_and_is_lazy(small_tagger):
    results = small_tagger.tag_texts(["trygg", "inget", "brott"])
    assert [r.concepts for r in results] == [("trygghet",), (), ("trygghet",)]


def test_statement_horizon_from_a_deadline_column(small_tagger):
    from aligner.model import Plan, SourceRef, Statement

    ref = SourceRef("plan.xlsx", sheet="Mål", row=5, column="B")
    plan = Plan("plan.xlsx", (
        Statement("A1", "activity", "Ta fram en ny rutin.", ref, cells=(("Klart senast", "2026-06-30"),)),
        Statement("I1", "indicator", "Andel nöjda brukare", ref, cells=(("Målvärde 2027", "Minst 90 %"),)),
        Statement("I2", "indicator", "Andel nöjda", ref, cells=(("Utfall 2024", "80 %"),)),
    ))
    a1, i1, i2 = small_tagger.tag_plan(plan).statements
    assert a1.concepts == ("tidshorisont_2027",)
    ev = a1.tags[0].evidence[0]
    assert (ev.source, ev.text, a1.result.horizon.year) == ("Klart senast", "2026-06-30", 2026)
    assert i1.result.horizon.year == 2027 and i1.tags[0].evidence[0].source == "Målvärde 2027"
    assert i2.concepts == () and i2.result.horizon.status == "none"


def test_word_broken_across_a_line_break_is_read_whole(small_tagger):
    text = "Ungdoms-\narbetslösheten och trygg- heten ska minska, liksom brotts-\noch olycksrisken."
    result = small_tagger.tag_text(text)
    evidence = {e.rule_id: e.text for t in result.tags for e in t.evidence}
    assert evidence["y-arbetslos"] == "Ungdoms-\narbetslösheten"
    assert "t-brott" in evidence  # a dangling part before "och" is not a broken word


def test_a_word_sequence_as_context(small_tagger):
    assert "innovation" in _concepts(small_tagger, "Införa ett nytt system för bokning.")
    assert "innovation" not in _concepts(small_tagger, "Byta ut bokningen mot ett nytt system.")
    assert "innovation" in _concepts(small_tagger, "Byta bort pappret och ut med blanketterna: ett nytt system.")
    result = small_tagger.tag_text("Ersätta det nuvarande med ett nytt system.")
    assert result.tags == () and result.suppressed[0].reason == "undantag i meningen"
    # Two sequences of the same length are both checked, not one taken for the other.
    assert "innovation" not in _concepts(small_tagger, "Fasa ut pappret med ett nytt system.")
    assert "innovation" in _concepts(small_tagger, "Fasa in ett nytt system.")


def test_each_context_can_have_its_own_window(small_tagger):
    far = "Enligt lagen om stöd till unga i kommunens alla stadsdelar ska fler få jobb."
    assert "sysselsattning" in _concepts(small_tagger, far)  # "lagen" is 13 words before, window 8
    near = "Enligt lagen om stöd ska fler få jobb."
    assert "sysselsattning" not in _concepts(small_tagger, near)
    assert "sysselsattning" not in _concepts(small_tagger, "Rätten till jobb i lagen om stöd.")
    assert "sysselsattning" in _concepts(small_tagger, "Fler jobb åt unga i hela lagen.")  # window 1: "åt"


def test_matches_and_suppressed_words_are_listed_in_reading_order(small_tagger):
    text = "Säkerställa att IT-säkerheten ger en trygg ekonomi, inte bara säkerställa den."
    suppressed = small_tagger.tag_text(text).suppressed
    assert [s.text for s in suppressed] == ["Säkerställa", "IT-säkerheten", "trygg", "säkerställa"]


def test_two_rules_suppressed_on_one_word_are_listed_in_rule_order(tmp_path):
    # The order must not follow Python's string hashing, which changes from run to run.
    folder = tmp_path / "rules"
    folder.mkdir()
    for name in ("frameworks.yaml", "tidshorisont_2027.yaml"):
        (folder / name).write_bytes((default_rules_dir() / name).read_bytes())
    bodies = {"trygghet": """
  - id: t-b
    description: listed first
    stems: [trygghet]
    unless_words: [tryggheten]
  - id: t-a
    description: listed second, on the same word
    prefixes: [trygg]
    unless_words: [tryggheten]
"""}
    for cid in SHIPPED_CONCEPTS:
        if cid != "tidshorisont_2027":
            body = bodies.get(cid, f"\n  - id: {cid.replace('_', '-')}-x\n    description: x\n    words: [xyzzy]\n")
            (folder / f"{cid}.yaml").write_text(f"concept: {cid}\ntitle: {cid}\nrules:{body}", encoding="utf-8")
    result = Tagger(load_rules(folder)).tag_text("Tryggheten ska öka.")
    assert [(s.rule_id, s.text) for s in result.suppressed] == [("t-b", "Tryggheten"), ("t-a", "Tryggheten")]


def test_a_statement_tags_the_same_whatever_the_tagger_saw_before(tagger):
    # Words are learned at first sight; what was learned for one statement must not change another's tags.
    from aligner.readers import read_plan

    texts = [s.text for path in sorted(SAMPLES.glob("*.docx")) for s in read_plan(path).statements]
    assert len(texts) > 50
    forwards = list(tagger.tag_texts(texts))
    backwards = list(Tagger(tagger.ruleset).tag_texts(reversed(texts)))[::-1]
    assert forwards == backwards


def test_contexts_are_indexed_before_the_first_statement(small_tagger):
    matcher = small_tagger.nlp.get_pipe("aligner_rules")
    small_tagger.tag_text("trygg")
    with pytest.raises(RuntimeError):
        matcher.collect("late", (), (set(),))


def test_a_word_the_tokenizer_keeps_whole_as_an_abbreviation_still_matches(tagger):
    # spaCy's Swedish exceptions read "el." as one token (an abbreviation of "eller"); at the end of a
    # statement it is the word el, and the period must not hide it from the rules.
    from aligner.tagging.terms import match_form

    assert match_form("el.") == "el" and match_form("t.ex.") == "t.ex." and match_form(".") == "."
    for text in ("Verksamheten ska spara el.", "Bussarna ska drivas med el."):
        assert "klimatneutralitet_2030" in tagger.tag_text(text).concepts, text
    assert not tagger.tag_text("Protokollet justeras av ordf. el.").concepts


def test_two_rules_on_the_same_words_are_both_named(rules_copy):
    """The evidence shows a span once; the tag still names every rule that matched it, so an example
    (aligner rules test) or eval --by-rule can credit either."""
    from aligner.analysis.evaluation import check_example
    from aligner.model import Example
    from aligner.tagging.rules import load_rules
    from aligner.tagging.tagger import Tagger

    path = rules_copy / "trygghet.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "    stems: [trygg]\n", "    stems: [trygg]\n  - id: trygghet-vandring\n    description: b\n"
        "    phrases: [trygghetsvandring*]\n", 1), encoding="utf-8")
    tagger = Tagger(load_rules(rules_copy))
    (tag,) = tagger.tag_text("Fler trygghetsvandringar.").tags
    assert [e.text for e in tag.evidence] == ["trygghetsvandringar"]
    assert set(tag.rule_ids) == {"trygghet-ord", "trygghet-vandring"}
    for rule in ("trygghet-ord", "trygghet-vandring"):
        example = Example("trygghet", "Fler trygghetsvandringar.", True, (rule,))
        assert check_example(example, tagger.tag_text(example.text)) is None
