"""aligner.text: normalising whitespace and hyphenation, splitting numbering labels, folding."""

import unicodedata

import pytest

from aligner.text import fold, normalize_text, split_label, words


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  Fler  invånare\tska\n känna sig trygga ", "Fler invånare ska känna sig trygga"),
        ("trygg-\nheten ska öka", "tryggheten ska öka"),
        ("brotts-\n och olycksförebyggande arbete", "brotts- och olycksförebyggande arbete"),
        ("klimat\u00adneutral stad", "klimatneutral stad"),
        ("noll\u200bbredd", "nollbredd"),
        ("", ""),
    ],
    ids=["whitespace", "hyphen-break-joined", "list-hyphen-kept", "soft-hyphen", "zero-width-space", "empty"],
)
def test_normalize_text(raw, expected):
    assert normalize_text(raw) == expected


def test_normalize_text_composes_decomposed_letters():
    decomposed = unicodedata.normalize("NFD", "Målbild för Helsingborg")
    assert normalize_text(decomposed) == "Målbild för Helsingborg"


@pytest.mark.parametrize(
    ("raw", "label", "text"),
    [
        ("1. Fler ska känna sig trygga", "1.", "Fler ska känna sig trygga"),
        ("1.2 Trygghet i staden", "1.2", "Trygghet i staden"),
        ("2) Andel elever", "2)", "Andel elever"),
        ("a) Andel elever", "a)", "Andel elever"),
        ("IV. Fyra mål", "IV.", "Fyra mål"),
        ("• Genomföra trygghetsvandringar", "•", "Genomföra trygghetsvandringar"),
        ("- Genomföra trygghetsvandringar", "-", "Genomföra trygghetsvandringar"),
        ("Mål 2: Minskade utsläpp", "Mål 2:", "Minskade utsläpp"),
        ("Aktivitet 3.1 – Ta fram en plan", "Aktivitet 3.1 –", "Ta fram en plan"),
    ],
)
def test_split_label_moves_numbering_into_the_label(raw, label, text):
    assert split_label(raw) == (label, text)


@pytest.mark.parametrize(
    "raw",
    ["2025 ska utsläppen halveras", "Målet är att fler ska bo här", "1.", "Mål 2:", "Andel elever"],
    ids=["year-is-no-number", "mal-word-without-number", "label-only", "kind-label-only", "no-label"],
)
def test_split_label_leaves_text_without_a_label_alone(raw):
    assert split_label(raw) == (None, raw)


def test_fold_lowers_and_removes_swedish_diacritics():
    assert fold("Nämndens MÅL för Öresund") == "namndens mal for oresund"


def test_fold_keeps_the_length_so_offsets_stay_valid():
    text = "Åtgärder för ökad trygghet"
    assert len(fold(text)) == len(text)


def test_words_are_folded_and_split_on_punctuation():
    assert words("Nämndens mål-id, 2025!") == ["namndens", "mal", "id", "2025"]


def test_label_without_diacritics():
    assert split_label("Mal 4: Kostnaderna ska rymmas inom budgetramen") == (
        "Mal 4:", "Kostnaderna ska rymmas inom budgetramen")
    assert split_label("Mal 5 - En trygg ekonomi") == ("Mal 5 -", "En trygg ekonomi")
