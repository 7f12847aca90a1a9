from aligner.tagging.terms import Term, TermIndex, match_form, parse_term


def test_match_form_folds_case_diacritics_and_hyphens():
    assert match_form("Koldioxid-Utsläppen") == "koldioxidutslappen"


def test_parse_term_kinds():
    assert parse_term("trygg*") == (Term("prefix", "trygg"),)
    assert parse_term("*lös") == (Term("suffix", "los"),)
    assert parse_term("*brott*") == (Term("infix", "brott"),)
    assert parse_term("jobb|<arbete>") == (Term("word", "jobb"), Term("lemma", "arbete"))


def test_parse_term_rejects_empty_parts():
    import pytest

    with pytest.raises(ValueError):
        parse_term("a||b")


def test_index_finds_stems_inside_compounds():
    index = TermIndex()
    index.add("k", parse_term("*arbetslös*"))
    index.add("p", parse_term("trygg*"))
    index.add("s", parse_term("*utsläpp"))
    assert index.keys_for(match_form("ungdomsarbetslösheten")) == {"k"}
    assert index.keys_for(match_form("tryggheten")) == {"p"}
    assert index.keys_for(match_form("otryggheten")) == set()
    assert index.keys_for(match_form("koldioxidutsläpp")) == {"s"}
    assert index.keys_for(match_form("utsläppen")) == set()


def test_index_lemma_terms():
    index = TermIndex()
    index.add("l", parse_term("<förening>"))
    assert index.keys_for("foreningarna", "forening") == {"l"}
    assert index.keys_for("foreningarna", "") == set()


def test_crossing_hits_complete_a_dangling_part():
    index = TermIndex()
    index.add("plan", parse_term("klimatplan*"))
    assert index.infix_hits_crossing("klimat", "energiplanen") == {"plan"}
