"""A word broken by a hyphen at a line break tags the same, wherever in the word the break falls."""

import pytest

from aligner.text import normalize_text

# One statement per concept whose evidence is a single long word; the word is broken at every
# position, with each line ending Word, Excel and text exports write.
CASES = [
    ("Trygghetsvandringarna ska bli fler.", "Trygghetsvandringarna", "trygghet"),
    ("Ungdomsarbetslösheten ska minska.", "Ungdomsarbetslösheten", "sysselsattning"),
    ("Staden ska bli klimatneutral.", "klimatneutral", "klimatneutralitet_2030"),
    ("Innovationsarbetet ska stärkas.", "Innovationsarbetet", "innovation"),
    ("Samverkansformerna med polisen ska utvecklas.", "Samverkansformerna", "samspel"),
    ("Folkhälsoarbetet ska stärkas.", "Folkhälsoarbetet", "livskvalitet"),
]
BREAKS = ["-\n", "-\r\n", "-\n ", "\u00ad"]


@pytest.mark.parametrize(("text", "word", "concept"), CASES)
def test_a_broken_word_tags_like_the_whole_word(tagger, text, word, concept):
    assert concept in next(iter(tagger.tag_texts([text]))).concepts
    broken = [text.replace(word, word[:i] + br + word[i:]) for i in range(2, len(word) - 1) for br in BREAKS]
    for variant, result in zip(broken, tagger.tag_texts(broken), strict=True):
        assert concept in result.concepts, repr(variant)
    for variant, result in zip(broken, tagger.tag_texts(normalize_text(b) for b in broken), strict=True):
        assert concept in result.concepts, repr(variant)


def test_a_hyphen_before_a_list_word_stays_a_compound_part(tagger):
    # "brotts- och olycksförebyggande" is two compounds sharing a head, not one broken word
    assert normalize_text("brotts-\noch olycksförebyggande") == "brotts- och olycksförebyggande"


def test_a_broken_word_is_excluded_as_a_whole(tagger):
    # "klimatanpassning" is Out for klimatneutralitet; broken at its compound seam it stays Out,
    # and "klimat-\nneutral" is judged as "klimatneutral", not as the excluded bare "klimat"
    texts = ["Staden ska arbeta med klimat-\nanpassning.", "Staden ska bli klimat-\nneutral."]
    out, inn = tagger.tag_texts(texts)
    assert "klimatneutralitet_2030" not in out.concepts
    assert "klimatneutralitet_2030" in inn.concepts


def test_one_letter_before_the_break_is_enough(tagger):
    whole, broken = tagger.tag_texts(["Fler e-tjänster ska erbjudas.", "Fler e-\ntjänster ska erbjudas."])
    assert "innovation" in whole.concepts and "innovation" in broken.concepts
