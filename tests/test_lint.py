"""Rule lint (aligner.lint, `aligner rules lint`, `aligner rules missing`): on a small word list, and
the reviewed list of the shipped rules against the real hunspell-sv dictionary when it is installed."""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner

from aligner.cli import main
from aligner.lint.hunspell import DictionaryMissing, Lexicon, dictionary_version
from aligner.lint.matches import WordIndex, format_reviewed, lint, read_reviewed, reviewed_path
from aligner.lint.missing import missing, part_term
from aligner.lint.text import render_lint, render_missing
from aligner.tagging.rules import Concept, Context, Example, Rule, RuleSet, default_rules_dir
from aligner.tagging.terms import Term, parse_term

WORDS = {
    "brott": ("brott", "brottet", "brotts"),
    "avbrott": ("avbrott", "avbrottet"),
    "inbrott": ("inbrott", "inbrotten"),
    "brottning": ("brottning", "brottningen"),
    "trygghet": ("trygghet", "tryggheten"),
    "Trygg-Hansa": ("Trygg-Hansa",),
    "hemtjänst": ("hemtjänst", "hemtjänsten"),
    "hemtjänsttaxa": ("hemtjänsttaxa", "hemtjänsttaxan"),
    "lider": ("lider",),
    "lida": ("lida", "lider"),
    "1080p": ("1080p",),
    "digital-": ("digital-",),
}


def _rule(rule_id, concept, single=(), phrases=(), unless_words=(), only_with=()):
    contexts = []
    if unless_words:
        contexts.append(Context("unless_words", tuple((parse_term(w),) for w in unless_words), 3))
    if only_with:
        contexts.append(Context("only_with", tuple((parse_term(w),) for w in only_with), 3))
    return Rule(rule_id, concept, "test", tuple(t for spec in single for t in parse_term(spec)),
                tuple(tuple((parse_term(w), False) for w in p.split()) for p in phrases), tuple(contexts))


def _ruleset(*rules, examples=("Inbrotten ska minska.",)):
    concept = Concept("trygghet", "Trygghet", "", "rules/trygghet.yaml", tuple(rules),
                      tuple(Example("trygghet", text, True) for text in examples))
    return RuleSet((), (concept,))


@pytest.fixture(scope="module")
def words():
    return WordIndex(Lexicon(WORDS))


def test_word_index_folds_like_the_matcher(words):
    assert words.entries("hemtjansten") == ["hemtjänst"]
    assert words.entries("trygghansa") == ["Trygg-Hansa"]  # lower case, hyphen dropped
    assert sorted(words.entries("lider")) == ["lida", "lider"]
    assert words.entries("1080p") == [] and words.entries("digital") == []  # no words of letters


def test_terms_match_inflected_forms_and_honour_unless_words(words):
    rs = _ruleset(_rule("brott", "trygghet", single=["*brott*", "krim*"], unless_words=["*avbrott*"]))
    report = lint(rs, words)
    brott, krim = report.terms
    assert (brott.term, brott.words) == ("*brott*", ["brott", "brottning", "inbrott"])
    assert brott.excluded == ["avbrott"]
    assert brott.covered == {"inbrott"}  # "Inbrotten" stands in an example
    assert brott.uncovered == ["brott", "brottning"]
    assert brott.example_words == ["inbrotten"]
    assert brott.sample(1) == (["brott"], 1)  # the shortest first, of the words no example has
    names = lint(_ruleset(_rule("t", "trygghet", single=["trygg*"])), words).terms[0]
    assert names.sample(5) == (["trygghet", "Trygg-Hansa"], 0)  # a name after the words
    assert krim.words == [] and krim.example_words == []
    assert report.unreviewed == 3  # no reviewed list: everything is new


def test_a_suffix_term_sees_inflected_forms(words):
    report = lint(_ruleset(_rule("h", "trygghet", single=["*tjänsten"])), words)
    assert report.terms[0].words == ["hemtjänst"]  # matched through its form "hemtjänsten"


def test_whole_words_are_no_glob_terms_and_phrases_only_on_request(words):
    rule = _rule("t", "trygghet", single=["trygghet"], phrases=["*brott minskar"])
    assert lint(_ruleset(rule), words).terms == []
    (term,) = lint(_ruleset(rule), words, phrases=True).terms
    assert term.phrase and term.words == ["avbrott", "brott", "inbrott"]


def test_reviewed_list_round_trip(tmp_path, words):
    rs = _ruleset(_rule("brott", "trygghet", single=["*brott*"]), _rule("trygg", "trygghet", single=["trygg*"],
                                                                        only_with=["polis*"]))
    report = lint(rs, words, dictionary="hunspell-sv test")
    path = tmp_path / "lint_reviewed.txt"
    path.write_text(format_reviewed(report), encoding="utf-8")
    text = path.read_text(encoding="utf-8")
    assert "brott *brott* avbrott\n" in text and "trygg trygg* Trygg-Hansa\n" in text
    assert "aligner rules lint --update" in text
    reviewed = read_reviewed(path)
    assert ("brott", "*brott*", "brottning") in reviewed
    assert lint(rs, words, reviewed).unreviewed == 0
    # A new term starts matching a word nobody has looked at.
    wider = _ruleset(_rule("brott", "trygghet", single=["*brott*", "*tjänst*"]), rs.concepts[0].rules[1])
    again = lint(wider, words, reviewed)
    assert [(t.term, t.unreviewed) for t in again.terms if t.unreviewed] == [("*tjanst*", ["hemtjänst",
                                                                                          "hemtjänsttaxa"])]
    assert "2 nya: hemtjänst, hemtjänsttaxa" in render_lint(again)
    # A narrower rule leaves lines that match nothing any more; they are counted, not failed.
    narrower = _rule("brott", "trygghet", single=["*brott*"], unless_words=["avbrott*"])
    narrowed = lint(_ruleset(narrower, rs.concepts[0].rules[1]), words, reviewed)
    assert narrowed.unreviewed == 0 and narrowed.terms[0].partly_excluded == {}
    assert narrowed.stale == [("brott", "*brott*", "avbrott")]
    assert narrowed.to_dict()["summary"]["stale"] == 1
    assert "1 rader i lint_reviewed.txt matchar inte längre" in render_lint(narrowed)
    assert read_reviewed(tmp_path / "saknas.txt") is None


def test_render_lint_flags_what_a_rule_author_needs(words):
    rs = _ruleset(_rule("brott", "trygghet", single=["*brott*", "*kriminel*"], only_with=["polis*"]))
    text = render_lint(lint(rs, words))
    assert "*brott*" in text and "4 ord · 1 i exempel: brott, avbrott, brottning" in text
    assert "inget ord i ordlistan" in text  # *kriminel*
    assert "kräver sammanhang" in text
    excluded = render_lint(lint(_ruleset(_rule("b", "trygghet", single=["*brott*"], unless_words=["av*"])), words))
    assert "3 ord · 1 i exempel · 1 hålls ute av unless_words" in excluded
    # unless_words written as one form leave the entry's other forms matching: said, not hidden.
    partly = lint(_ruleset(_rule("b", "trygghet", single=["*brott*"], unless_words=["avbrott"])), words).terms[0]
    assert partly.partly_excluded == {"avbrott": ["avbrottet"]} and "avbrott" in partly.words
    assert "unless_words missar böjningar av avbrott (avbrottet)" in render_lint(
        lint(_ruleset(_rule("b", "trygghet", single=["*brott*"], unless_words=["avbrott"])), words))
    assert "Sammanfattning" in text


def test_missing_compounds(words):
    rs = _ruleset(_rule("hemtjanst", "trygghet", single=["hemtjänst"]), _rule("brott", "trygghet",
                                                                               single=["*brott*"],
                                                                               unless_words=["avbrott*"]))
    hem, brott = missing(rs, words, ["hemtjänst-", "brott"])
    assert hem.part == "*hemtjanst*" and hem.words == ["hemtjänst", "hemtjänsttaxa"]
    assert hem.missed == ["hemtjänsttaxa"]
    assert brott.missed == ["avbrott"]  # kept out by unless_words
    assert brott.matched_by == {"brott": ["brott"], "brottning": ["brott"], "inbrott": ["brott"]}
    assert brott.concepts(rs) == {"trygghet": 3}
    text = render_missing([hem, brott], rs, all_words=True)
    assert "*brott*: 4 ord i ordlistan, 3 matchas av en regel (trygghet 3), 1 av ingen:" in text
    assert "inbrott" in text.split("matchas av:")[-1]
    assert missing(rs, words, ["brott"], concepts=["innovation"])[0].missed == ["avbrott", "brott", "brottning",
                                                                               "inbrott"]
    assert part_term("omsorgs*") == Term("prefix", "omsorgs")
    with pytest.raises(ValueError):
        part_term("a|b")


# --- the command line, on a small dictionary in a folder ------------------------------------------

AFF = "SET UTF-8\nSFX D Y 1\nSFX D 0 en .\n"


def _dictionary(folder, *stems):
    folder.mkdir(exist_ok=True)
    (folder / "sv_SE.aff").write_text(AFF, encoding="utf-8")
    (folder / "sv_SE.dic").write_text(f"{len(stems)}\n" + "\n".join(stems) + "\n", encoding="utf-8")
    return folder


def _run(*args):
    return CliRunner().invoke(main, ["rules", *[str(a) for a in args]])


def test_cli_without_the_dictionary_says_so_in_one_line(tmp_path, monkeypatch):
    import aligner.lint.hunspell

    monkeypatch.setattr(aligner.lint.hunspell, "dictionary_dirs", lambda: [tmp_path])  # as if not installed
    for command in ("lint", "missing klimat"):
        result = _run(*command.split())
        assert result.exit_code == 2, command
        assert result.output == ("fel: ordlistan hunspell-sv är inte installerad; installera den med: "
                                 'pip install hunspell-sv (eller pip install -e ".[test]")\n')
    result = _run("lint", "--dictionary", tmp_path)
    assert result.exit_code == 2 and "mappen har ingen ordlista" in result.output


def test_cli_lint_update_and_new_matches(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    rules = tmp_path / "rules"
    shutil.copytree(default_rules_dir(), rules, ignore=shutil.ignore_patterns("lint_reviewed.txt", "__*"))
    dic = _dictionary(tmp_path / "dic", "brott/D", "inbrott/D", "brottning/D", "trygghet/D")
    first = _run("lint", "--rules", rules, "--dictionary", dic, "--concept", "trygghet")
    assert first.exit_code == 1 and "finns inte" in first.output
    assert "*brott*" in first.output
    update = _run("lint", "--rules", rules, "--dictionary", dic, "--concept", "trygghet", "--update")
    assert update.exit_code == 0 and (rules / "lint_reviewed.txt").is_file()
    assert _run("lint", "--rules", rules, "--dictionary", dic, "--concept", "trygghet").exit_code == 0
    # The dictionary grows a word a term matches: it is new until the list is updated.
    dic = _dictionary(tmp_path / "dic", "brott/D", "inbrott/D", "brottning/D", "trygghet/D", "butiksbrott/D")
    again = _run("lint", "--rules", rules, "--dictionary", dic, "--concept", "trygghet")
    assert again.exit_code == 1 and "1 nya" in again.output and "butiksbrott" in again.output
    data = json.loads(_run("lint", "--rules", rules, "--dictionary", dic, "--concept", "trygghet", "--json").output)
    assert data["summary"]["unreviewed"] == 1
    everything = _run("lint", "--rules", rules, "--dictionary", dic, "--concept", "trygghet", "--all").output
    assert "ny butiksbrott" in everything
    new = _run("lint", "--rules", rules, "--dictionary", dic, "--new").output
    assert "butiksbrott" in new and "trygghet-brott" in new and "trygghet-trygg" not in new
    assert "aligner rules lint --new" in again.output
    assert _run("lint", "--concept", "nej", "--dictionary", dic).exit_code == 3  # a usage error
    # --update with --concept rewrites that concept's lines and keeps the others'.
    listed = rules / "lint_reviewed.txt"
    listed.write_text(listed.read_text(encoding="utf-8") + "innovation-digital *digital* digitalur\n", encoding="utf-8")
    assert _run("lint", "--rules", rules, "--dictionary", dic, "--concept", "trygghet", "--update").exit_code == 0
    text = listed.read_text(encoding="utf-8")
    assert "innovation-digital *digital* digitalur\n" in text and "trygghet-brott *brott* butiksbrott\n" in text
    assert text.index("innovation-digital") < text.index("trygghet-brott")  # in rule order, not appended
    # A whole update and then one concept's update write the same file: no diff where nothing changed.
    assert _run("lint", "--rules", rules, "--dictionary", dic, "--update").exit_code == 0
    whole = listed.read_text(encoding="utf-8")
    assert _run("lint", "--rules", rules, "--dictionary", dic, "--concept", "trygghet", "--update").exit_code == 0
    assert listed.read_text(encoding="utf-8") == whole


def test_cli_missing(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    dic = _dictionary(tmp_path / "dic", "hemtjänst/D", "hemtjänsttaxa/D", "brott/D")
    result = _run("missing", "hemtjänst", "--dictionary", dic)
    assert result.exit_code == 0 and "*hemtjanst*: 2 ord i ordlistan" in result.output
    data = json.loads(_run("missing", "hemtjänst", "--dictionary", dic, "--json").output)
    assert data[0]["words"] == 2


# --- the shipped rules against the real dictionary -------------------------------------------------


@pytest.fixture(scope="module")
def installed_words():
    try:
        return WordIndex.load()
    except DictionaryMissing:
        pytest.skip("hunspell-sv is not installed (pip install -e '.[test]')")


def test_installed_dictionary_has_inflected_forms(installed_words):
    assert installed_words.entries("hemtjansten") == ["hemtjänst"]
    assert installed_words.entries("tryggheten") == ["trygghet"]


@pytest.fixture(scope="module")
def shipped_lint(installed_words, ruleset):
    """The lint of the shipped rules against the installed dictionary, with their reviewed list."""
    return lint(ruleset, installed_words, read_reviewed(reviewed_path(ruleset.source)) or set())


def test_every_dictionary_match_of_the_rules_is_reviewed(shipped_lint, ruleset):
    """A term of the shipped rules that starts matching a dictionary word nobody has looked at fails
    here, until the match is reviewed and accepted into rules/lint_reviewed.txt."""
    path = reviewed_path(ruleset.source)
    report = shipped_lint
    new = [(t.rule_id, t.term, w) for t in report.terms for w in t.unreviewed]
    listed = "\n".join(f"  {r} {t} {w}" for r, t, w in new[:40]) + ("\n  …" if len(new) > 40 else "")
    assert not new, (
        f"{len(new)} dictionary words matched by rule terms are not in {path.name} "
        f"(dictionary hunspell-sv {dictionary_version()}):\n{listed}\n"
        "Look at them: `aligner rules lint --new` (or --all, --concept X). Fix a rule whose match is wrong "
        "(unless_words, a narrower term); then accept the rest with `aligner rules lint --update` "
        f"and review the diff of {path.name} before committing it."
    )


def test_what_lint_says_a_term_matches_the_matcher_matches(shipped_lint, tagger):
    """The lint's claims are the matcher's: a sample of the dictionary words it lists for a rule,
    each given alone to the tagger's spaCy pipeline, is matched by that rule (before the rule's
    contexts, which the tagger applies after matching; unless_words the lint applies itself).
    Words are taken where the entry's own form matches, not only an inflected form."""
    from aligner.tagging.pipeline import MATCHES_KEY
    from aligner.tagging.terms import TermIndex, match_form

    pairs = []
    for t in shipped_lint.terms:
        index = TermIndex()
        index.add("t", parse_term(t.term))
        pairs += [(t.rule_id, w) for w in t.words if w not in t.partly_excluded and index.keys_for(match_form(w))]
    assert len(pairs) > 100
    sample = pairs[:: max(1, len(pairs) // 400)]
    strings = tagger.nlp.vocab.strings
    missed = []
    for (rule_id, word), doc in zip(sample, tagger.nlp.pipe(w for _, w in sample), strict=True):
        if rule_id not in {strings[h] for h, _start, _end in doc.user_data[MATCHES_KEY]}:
            missed.append((rule_id, word))
    assert not missed, f"lint lists these words for a rule, but the matcher does not match them with it: {missed[:20]}"


# --- the forms a phrase's whole words leave out (aligner rules forms) -----------------------------

def test_forms_lists_the_inflections_a_phrase_position_leaves_out():
    from aligner.lint.forms import Paradigms, form_gaps, render_forms

    paradigms = Paradigms(
        lemmas_of={"far": frozenset({"fa"}), "fick": frozenset({"fa"}), "fatt": frozenset({"fa"}),
                   "vagar": frozenset({"vag"}), "vagen": frozenset({"vag"}), "vagarna": frozenset({"vag"}),
                   "vagens": frozenset({"vag"}), "for": frozenset({"fora", "for"}), "med": frozenset({"mede"}),
                   "tryggare": frozenset({"trygg"}), "trygga": frozenset({"trygg"})},
        forms_of={"fa": frozenset({"fa", "far", "fick", "fatt"}),
                  "vag": frozenset({"vag", "vagar", "vagen", "vagarna", "vagens"}),
                  "fora": frozenset({"fora", "for"}), "for": frozenset({"for"}), "mede": frozenset({"mede", "medar"}),
                  "trygg": frozenset({"trygg", "trygga", "tryggt", "tryggare", "trygge"})})
    words = WordIndex(Lexicon({"få": ("få", "får", "fick", "fått"),
                               "väg": ("väg", "vägen", "vägar", "vägarna", "vägens"), "för": ("för",),
                               "med": ("med", "medar"), "trygg": ("trygg", "trygga", "tryggt", "tryggare", "trygge")}))
    rule = _rule("trygghet-val", "trygghet", phrases=("kunna|få välja", "vägar till arbete", "för|<få> beslut",
                                                       "för beslut", "trygga med vuxna"))
    gaps = form_gaps(_ruleset(rule), paradigms, words)
    assert [(g.phrase, g.position, g.entry, g.missing) for g in gaps] == [
        ("kunna|fa valja", 1, "fa", ("far", "fatt", "fick")),
        ("vagar till arbete", 1, "vag", ("vag", "vagarna", "vagen")),  # not the genitive vägens
        ("trygga med vuxna", 1, "trygg", ("trygg", "tryggt")),  # not tryggare, trygge; "med" is a function word
    ]  # a lemma position stands for every form; "för" has two lemmas and is left out
    text = render_forms(gaps)
    assert "trygghet · trygghet-val" in text and "ord 1 vagar (vag) saknar: vag, vagarna, vagen" in text
    assert render_forms([]).startswith("Inga luckor")


def test_cli_forms(tmp_path, monkeypatch, rules_copy):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    dic = tmp_path / "dic"
    dic.mkdir()
    (dic / "sv_SE.aff").write_text("SET UTF-8\nSFX N Y 1\nSFX N 0 n .\n", encoding="utf-8")
    (dic / "sv_SE.dic").write_text("1\nskola/N\n", encoding="utf-8")
    path = rules_copy / "sysselsattning.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "    stems: [sysse]\n", '    stems: [sysse]\n    phrases: ["skola för alla"]\n'), encoding="utf-8")
    result = _run("forms", "--rules", rules_copy, "--dictionary", dic, "--concept", "sysselsattning")
    assert result.exit_code == 0, result.output
    assert "sysselsattning · sysselsattning-ord" in result.output
    assert "ord 1 skola (skola) saknar: skolan" in result.output
    data = json.loads(_run("forms", "--rules", rules_copy, "--dictionary", dic, "--json").output)
    assert [(d["rule"], d["position"], d["missing"]) for d in data] == [("sysselsattning-ord", 1, ["skolan"])]
