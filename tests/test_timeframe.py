"""Tidshorisont 2027: time frames told from reference years, names and horizons beyond 2027."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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
                                         ("2021/22", 2022), ("202", None), ("2018:218", None),
                                         # a short range is a range, not a date with month 26
                                         ("2025-26", 2026), ("2025/2026", 2026), ("2026-01", 2026),
                                         ("2026–06–30", 2026), ("2026/06/30", 2026), ("31.12.2025", 2025),
                                         ("31/12-2025", 2025), ("Q3-2026", 2026), ("kv3/2026", 2026),
                                         ("2026-Q3", 2026), ("HT-25", 2025), ("VT26", 2026), ("jan-26", 2026),
                                         ("okt-2026", 2026), ("T125", None), ("12/24", None), ("Q3", None)])
def test_year_of(token, year):
    assert year_of(token) == year


# Every written form of a deadline or period that ends by the horizon (CONCEPTS.md, boundary cases).
@pytest.mark.parametrize("text, year", [
    ("Rutinen ska vara klar Q3-2026.", 2026),
    ("Utvärderingen genomförs kvartal 4, 2025.", 2025),
    ("Det nya schemat införs VT26.", 2026),
    ("Läxhjälp ska erbjudas på alla skolor HT-25.", 2025),
    ("Under läsåret 25/26 ska alla elever erbjudas läxhjälp.", 2026),
    ("Kartläggningen genomförs under läsåret 2025/2026.", 2026),
    ("Klart dec 2026.", 2026),
    ("Ska vara klart i juni, 2026.", 2026),
    ("Klart 31/12 2025.", 2025),
    ("Klart 31.12.2025.", 2025),
    ("Klart v.40 2025.", 2025),
    ("Pilotprojektet pågår 2025/2026.", 2026),
    ("Tidsplan: 2025–2026.", 2026),
    ("Implementeras 2026-01.", 2026),
    ("Projektet pågår fr.o.m. 2024 t.o.m. 2026.", 2026),
    ("Målvärde 2026: 85 procent.", 2026),
    ("Under perioden 2024 – 2026 ska fler platser skapas.", 2026),
    ("Mellan 2024 och 2026 ska antalet platser öka.", 2026),
    # a period with no cue is the statement's own
    ("Genomföra kompetenssatsningen 2024–2026.", 2026),
    ("Pilotprojekt med digital tillsyn 2025/2026.", 2026),
    # a year that opens the statement before a modal is its target
    ("2026 ska alla förskolor ha en utegård med skugga.", 2026),
    ("• 2025 skall samtliga avtal vara omförhandlade.", 2025),
    # the work itself going on into a year
    ("Planeringen av kvarteret fortsätter 2026.", 2026),
    ("Arbetet med den nya rutinen fortgår 2025.", 2025),
    # a term apart from its two-digit year, and the turn of a year in two digits
    ("Det nya schemat införs VT 26.", 2026),
    ("Läxhjälp erbjuds på alla skolor HT 25.", 2025),
    ("Den nya förskolan ska stå klar till årsskiftet 25/26.", 2026),
    # a start ahead: "från" a year before a modal, and a project's own span
    ("Från den 1 juli 2026 ska förvaltningen särredovisa kostnaderna för avfallet.", 2026),
    ("Från 2025 ska alla nyanställda erbjudas heltid.", 2025),
    ("Uppdraget sträcker sig fram till oktober 2026 då det ska slutredovisas.", 2026),
    # a join cue opening the statement is no end of a named period
    ("Till år 2026 ska matsvinnet i skolköken halveras.", 2026),
    ("T.o.m. 2025 erbjuds läxhjälp på alla skolor.", 2025),
    # the clause's own verb is ahead of the past form, or the past form is an adjective of the goal
    ("Förvaltningen har fått i uppdrag att under 2025 ta fram en plan.", 2025),
    ("Minskade utsläpp från transporterna under 2025.", 2025),
    ("Projektet som startade i fjol fortsätter under 2026.", 2026),
    ("Planen som antogs i fjol ska vara genomförd i december 2025.", 2025),
    # "har" with a state, not a supine, and a target state after "år"
    ("Under 2026 har alla elever tillgång till en mentor.", 2026),
    ("Under 2025 har kommunen stort fokus på trygghet.", 2025),
    ("År 2027 har vi halverat matsvinnet i skolköken.", 2027),
    # a past participle before its noun is an adjective, not a verb with an object
    ("Kommunen genomför planerade insatser under 2026.", 2026),
    ("Nämnden arbetar för minskade köer i hemtjänsten under 2025.", 2025),
    # a present, future or participle form, or a noun ending like a preterite, keeps the time a frame
    ("Hösten 2025 införs digital tillsyn i hemtjänsten.", 2025),
    ("Under 2025 ska tolv trygghetsvandringar genomföras.", 2025),
    ("Under 2026 genomförs en kartläggning.", 2026),
    ("Senast 2027 halverade utsläpp jämfört med 2019.", 2027),
    ("Antalet besökare ska öka under 2026.", 2026),
    ("Trygghetsvandringar i varje bostadsområde under 2025.", 2025),
    ("Ett ökat värde under 2026.", 2026),
    ("Insatserna ska vara genomförda i mars 2026.", 2026),
    ("Under 2026 både utreda och införa en ny rutin.", 2026),
    ("Nästa steg under 2026 är att utvärdera piloten.", 2026),
    ("Öppna en ny mötesplats i ett tidigt skede under 2026.", 2026),
    ("Andel elever som har genomfört sin praktik (mål 2026: 90 %).", 2026),
])
def test_written_forms_within(tagger, text, year):
    result = tagger.tag_text(text)
    assert (result.horizon.status, result.horizon.year) == ("within", year), text
    assert "tidshorisont_2027" in result.concepts
    ev = result.horizon.evidence
    assert text[ev.start:ev.end] == ev.text


@pytest.mark.parametrize("text", [
    "Jämfört med HT24 har närvaron ökat.",
    "Utfall VT25: 85 procent.",
    "Närvaron har ökat sedan HT-23.",
    "Andelen var 80 procent läsåret 2023/24.",
    "Antal (2023): 45.",
    "Klimatprogrammet pågår 2025–2030.",
    "Jämfört med läsåret 22/23 har närvaron ökat.",
    "Placering 12/24 i rankingen.",
    # a period written in words that reaches past the horizon
    "Genomföra åtgärder under perioden 2025 – 2030.",
    "Genomföra åtgärder under perioden 2025 - 2030.",
    "Mellan 2025 och 2030 ska utsläppen halveras.",
    # ... unless it belongs to a name a few words back, or tells what was
    "Handlingsplan för trygghet 2024–2026 ska följas.",
    "Genomföra nämndens plan för ungas inflytande 2024–2026.",
    "Antalet placeringar 2021–2023 ökade kraftigt.",
    "Andelen 2022–2023 var 80 procent.",
    # a document's validity is the document's years, not a time frame
    "Riktlinjen är giltig under perioden 2024–2026.",
    "Handlingsprogrammet gäller åren 2024–2027.",
    "Kulturplanen gäller från 2024 till och med 2027.",
    "Nuvarande avtal med föreningarna gäller 2024–2026.",
    "Den nya taxan gäller 2025.",
    # a law's entry into force is the law's date
    "Den nya lagen träder i kraft den 1 juli 2025.",
    "Lagändringarna trädde i kraft under 2024.",
    "Riktlinjen börjar gälla den 1 juli 2025.",
    # a forecast is what is expected, not a target
    "Enligt prognosen för 2026 behövs fler platser i särskilt boende.",
    # "från" before what was stays a reference
    "Från 2023 har antalet besökare ökat.",
    "Taxan gäller från 2025 till och med 2026.",
    # told in the past: a clear past form in the clause, the perfect after a period or "under"
    "Nämnden hade två mål för 2024.",
    "För perioden 2022–2025 har fullmäktige antagit tre mål.",
    "Under 2024 har förvaltningen infört nya rutiner.",
    "Kommunstyrelsen behandlade ett förslag till ny taxa i juni 2024.",
    "Förvaltningen redovisade sin uppföljning på nämndens sammanträde i mars 2025.",
    # a two-digit year after a term beyond the horizon, or a modal after a year that does not open the statement
    "Det nya schemat införs VT 28.",
    "Kostnaderna 2024 ska redovisas i bokslutet för 2024.",
    # told in the preterite: what was, no time frame
    "Hösten 2024 infördes digital tillsyn i hemtjänsten.",
    "Under 2025 genomfördes tolv trygghetsvandringar.",
    "Antalet besökare ökade under 2024.",
    "Trygghetsvandringar genomfördes i mars 2025.",
    "Under 2024 startade vi tre nya mötesplatser.",
    "2023 minskade sjukfrånvaron till 6 procent.",
    "I juni 2025 byggdes den nya lekplatsen.",
    "Arbetet påbörjades hösten 2025 och fortsätter.",
    "Under 2024 gjorde förvaltningen en kartläggning.",
])
def test_written_forms_not_within(tagger, text):
    result = tagger.tag_text(text)
    assert result.horizon.status != "within", text
    assert "tidshorisont_2027" not in result.concepts


@pytest.mark.parametrize("value, status, year", [
    ("HT25", "within", 2025),
    ("Q3-26", "within", 2026),
    ("jan-26", "within", 2026),
    ("Q2", "within", None),
    ("Kvartal 3", "within", None),
    ("senast i juni", "within", None),
    ("v. 40", "within", None),
    ("Varje kvartal", "none", None),
    ("Löpande", "none", None),
    ("VT28", "beyond", 2028),
    ("2024-03-01 – 2026-06-30", "within", 2026),
    ("2026–2028", "beyond", 2028),
    ("2026 – 2028", "beyond", 2028),
    ("Läsår 25/26", "within", 2026),
])
def test_deadline_column_short_forms(tagger, value, status, year):
    from aligner.model import Plan, SourceRef, Statement

    ref = SourceRef("plan.xlsx", sheet="Aktiviteter", row=3, column="B")
    statement = Statement("A1", "activity", "Ta fram en ny rutin.", ref, cells=(("Klart senast", value),))
    plan = Plan("plan.xlsx", (statement,))
    (a1,) = tagger.tag_plan(plan).statements
    assert (a1.result.horizon.status, a1.result.horizon.year) == (status, year)
    assert ("tidshorisont_2027" in a1.concepts) == (status == "within")
    if status == "within":
        ev = a1.result.horizon.evidence
        # The evidence is the cell, and start/end mark the year (or the whole cell) in it.
        assert ev.source == "Klart senast" and ev.text == value and value[ev.start:ev.end].strip()


@pytest.mark.parametrize("header, status, year", [
    ("Målvärde 2026", "within", 2026),
    ("Målvärde 2025/26", "within", 2026),
    ("Mål VT26", "within", 2026),
    ("Målvärde 2026/2028", "beyond", 2028),
    ("Utfall 2025/26", "none", None),
    ("Prognos 2025", "none", None),
    ("Prognos helår 2026", "none", None),
])
def test_target_column_header_forms(tagger, header, status, year):
    from aligner.model import Plan, SourceRef, Statement

    ref = SourceRef("plan.xlsx", sheet="Indikatorer", row=3, column="B")
    statement = Statement("I1", "indicator", "Andel elever med godkända betyg", ref, cells=((header, "85 %"),))
    (i1,) = tagger.tag_plan(Plan("plan.xlsx", (statement,))).statements
    assert (i1.result.horizon.status, i1.result.horizon.year) == (status, year)


# Every written form of a year reads back as that year (generated, bounded for CI).
_FORMS = [
    "{y}", "{y}-06-30", "{y}–06–30", "{y}/06/30", "30.06.{y}", "30/6-{y}", "{p}–{y}", "{p}/{yy}",
    "Q3-{y}", "kv2/{y}", "T1-{y}", "{y}-Q4", "{y}Q1", "HT-{yy}", "VT{yy}", "okt-{y}", "jan-{yy}",
]


@settings(max_examples=60, deadline=None)
@given(year=st.integers(min_value=2001, max_value=2099), form=st.sampled_from(_FORMS))
def test_every_written_form_reads_back(year, form):
    token = form.format(y=year, yy=f"{year % 100:02d}", p=year - 1)
    assert year_of(token) == year, token


@settings(max_examples=40, deadline=None)
@given(year=st.integers(min_value=2001, max_value=2099),
       cue=st.sampled_from(["Klart senast", "Ska vara klart", "Genomförs under", "Senast"]),
       form=st.sampled_from(["Q3-{y}", "HT-{yy}", "VT{yy}", "{y}-06-30", "30.06.{y}", "kvartal 2 {y}", "juni, {y}"]))
def test_a_deadline_in_any_form_has_its_year(tagger, year, cue, form):
    _has_the_horizon_of(tagger, f"{cue} {form.format(y=year, yy=f'{year % 100:02d}')}.", year)


def _has_the_horizon_of(tagger, text: str, year: int) -> None:
    """The text's horizon is its one year's: within 2023–2027, beyond after, none before."""
    result = tagger.tag_text(text)
    expected = "within" if 2023 <= year <= 2027 else "beyond" if year > 2027 else "none"
    assert result.horizon.status == expected, text
    assert expected == "none" or result.horizon.year == year


# Issue 14, fifth round: time frames as harvested plan pages write them (own sentences of each form).
@settings(max_examples=30, deadline=None)
@given(year=st.integers(min_value=2001, max_value=2099), term=st.sampled_from(["HT", "VT", "ht", "Vt"]),
       cue=st.sampled_from(["Klart", "Införs", "Genomförs under", "Senast"]))
def test_a_term_apart_from_its_two_digit_year(tagger, year, term, cue):
    _has_the_horizon_of(tagger, f"{cue} {term} {year % 100:02d}.", year)


@pytest.mark.parametrize("value, status, year", [("HT 25", "within", 2025), ("VT 28", "beyond", 2028)])
def test_deadline_cell_term_apart_from_its_year(tagger, value, status, year):
    from aligner.model import Plan, SourceRef, Statement

    ref = SourceRef("plan.xlsx", sheet="Aktiviteter", row=3, column="B")
    statement = Statement("A1", "activity", "Ta fram en ny rutin.", ref, cells=(("Klart senast", value),))
    (a1,) = tagger.tag_plan(Plan("plan.xlsx", (statement,))).statements
    assert (a1.result.horizon.status, a1.result.horizon.year) == (status, year)


@settings(max_examples=40, deadline=None)
@given(year=st.integers(min_value=2023, max_value=2027),
       verb=st.sampled_from(["behandlade", "redovisade", "presenterade", "startade", "genomförde", "beslutade"]),
       obj=st.sampled_from(["ett förslag", "en plan", "sin rapport", "sitt beslut", "sina mål", "vår budget"]),
       when=st.sampled_from(["i juni", "under", "i oktober", "på mötet den 3 maj"]))
def test_a_past_verb_with_its_object_before_a_time(tagger, year, verb, obj, when):
    text = f"Nämnden {verb} {obj} {when} {year}."
    result = tagger.tag_text(text)
    assert result.horizon.status != "within", text
