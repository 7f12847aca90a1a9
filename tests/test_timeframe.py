"""Tidshorisont 2027: time frames told from reference years, names and horizons beyond 2027."""

import pytest

from aligner.tagging.timeframe import year_of


@pytest.mark.parametrize("text, year", [
    ("Andelen ska öka till 2026.", 2026),
    ("Senast den 31 december 2025 ska rutinen vara klar.", 2025),
    ("Genomföra kartläggningen under hösten 2024.", 2024),
    ("Klart i slutet av 2025.", 2025),
    ("Målet ska nås fram till och med 2027.", 2027),
    ("Minska kostnaden under perioden 2024-2027.", 2027),
    ("År 2027 ska alla ha tillgång till tjänsten.", 2027),
    ("Andel nöjda (mål 2026: 85 %)", 2026),
    ("Minska utslappen t.o.m. 2027", 2027),
])
def test_within(tagger, text, year):
    result = tagger.tag_text(text)
    assert result.horizon.status == "within" and result.horizon.year == year
    assert "tidshorisont_2027" in result.concepts
    ev = result.horizon.evidence
    assert text[ev.start:ev.end] == ev.text and str(year) in ev.text


@pytest.mark.parametrize("text", [
    "Kostnaderna ska minska jämfört med 2023.",
    "Antalet bränder har minskat sedan 2024.",
    "Nivån ska vara lägre än 2019 års nivå.",
    "Följa socialtjänstlagen (2001:453).",
    "Genomföra Verksamhetsplan 2024–2027.",
    "Heltid ska vara norm enligt beslut 2023.",
    "Budgeten för 2025 ska hållas.",
])
def test_not_a_time_frame(tagger, text):
    result = tagger.tag_text(text)
    assert "tidshorisont_2027" not in result.concepts
    assert result.horizon.status == "none"


@pytest.mark.parametrize("text, year", [
    ("Helsingborg ska vara klimatneutralt 2030.", 2030),
    ("Biltrafiken ska minska till 2035.", 2035),
])
def test_beyond(tagger, text, year):
    result = tagger.tag_text(text)
    assert (result.horizon.status, result.horizon.year) == ("beyond", year)
    assert "tidshorisont_2027" not in result.concepts


def test_within_wins_over_beyond(tagger):
    result = tagger.tag_text("Utsläppen ska halveras senast 2026 och vara noll till 2030.")
    assert (result.horizon.status, result.horizon.year) == ("within", 2026)


def test_period_phrase(tagger):
    result = tagger.tag_text("Under mandatperioden ska fler bostäder byggas.")
    assert result.horizon.status == "within"
    tag = next(t for t in result.tags if t.concept == "tidshorisont_2027")
    assert tag.evidence[0].rule_id == "tid-mandatperioden"


@pytest.mark.parametrize("token, year", [("2027", 2027), ("2024–2027", 2027), ("2025-12-31", 2025),
                                         ("2021/22", 2022), ("202", None), ("2018:218", None)])
def test_year_of(token, year):
    assert year_of(token) == year
