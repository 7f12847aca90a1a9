"""Claimed links ("Koppling till målbild"): names to concept ids, claim columns and claim lines."""

import pytest

from aligner.readers import read_plan
from aligner.readers.claims import CONCEPT_NAMES, concept_for, is_claim_header, parse_claims, split_claim_line
from aligner.readers.common import classify_header, classify_id_header
from tests.readers_fixtures import ACT, GOAL, IND, make_docx, make_xlsx


@pytest.mark.parametrize(
    ("text", "concepts", "unknown"),
    [
        ("Klimatneutralitet 2030; Livskvalitet", ("livskvalitet", "klimatneutralitet_2030"), ()),
        ("innovation, SAMSPEL / trygghet", ("innovation", "samspel", "trygghet"), ()),
        ("Sysselsattning\nTidshorisont 2027", ("tidshorisont_2027", "sysselsattning"), ()),
        ("Sysselsättning och klimat", ("sysselsattning", "klimatneutralitet_2030"), ()),
        ("2027", ("tidshorisont_2027",), ()),
        ("• Trygghet\n• Livskvalitet", ("livskvalitet", "trygghet"), ()),
        ("klimatneutralitet_2030", ("klimatneutralitet_2030",), ()),
        ("Trygghet; Hållbarhet", ("trygghet",), ("Hållbarhet",)),
        ("-", (), ()),
        ("Ingen koppling", (), ()),
        ("", (), ()),
    ],
)
def test_parse_claims(text, concepts, unknown):
    assert parse_claims(text) == (concepts, unknown)


def test_every_concept_title_in_the_rules_is_a_known_name(ruleset):
    for concept in ruleset.concepts:
        assert concept_for(concept.title) == concept.id, concept.title
        assert concept_for(concept.id) == concept.id
    assert set(CONCEPT_NAMES) == {c.id for c in ruleset.concepts}


@pytest.mark.parametrize(
    ("header", "claims"),
    [("Koppling till målbild", True), ("Inriktning", True), ("Stadens inriktningar", True), ("Bidrar till", True),
     ("Koppling till mål", False), ("Inriktningsmål", False), ("Mål", False), ("Målvärde", False)],
)
def test_claim_headers_are_neither_statement_nor_goal_id_columns(header, claims):
    assert is_claim_header(header) is claims
    if claims:
        assert classify_header(header) is None and classify_id_header(header) is None


@pytest.mark.parametrize(
    ("line", "names"),
    [("Koppling till målbild: Innovation, Samspel", "Innovation, Samspel"),
     ("Koppling till malbild – Trygghet", "Trygghet"),
     ("Inriktning: Livskvalitet", "Livskvalitet"),
     ("Bidrar till: Sysselsättning", "Sysselsättning"),
     ("Målet bidrar till inriktningen Trygghet", "Trygghet"),
     ("Genomföra trygghetsvandringar i alla stadsdelar", None),
     ("Inriktningen är att fler ska känna sig trygga", None)],
)
def test_split_claim_line(line, names):
    assert split_claim_line(line) == names


def test_claim_in_a_goal_row_is_the_goals_and_in_other_rows_the_statements(tmp_path):
    plan = read_plan(make_xlsx(tmp_path / "plan.xlsx", {"Plan": [
        ["Mål", "Indikator", "Koppling till målbild"],
        [GOAL, IND, "Trygghet; Livskvalitet"],
        [None, "Antal anmälda brott i city", "Trygghet"],
        [None, "Andel resor med buss", "Klimat"],
    ]}))
    assert [(s.id, s.claimed) for s in plan.statements] == [
        ("M1", ("livskvalitet", "trygghet")), ("I1", ()), ("I2", ("trygghet",)), ("I3", ("klimatneutralitet_2030",))]


def test_claim_on_activity_rows_without_goal_column(tmp_path):
    plan = read_plan(make_xlsx(tmp_path / "plan.xlsx", {"Plan": [["Aktivitet", "Bidrar till"], [ACT, "Trygghet"]]}))
    assert plan.statements[0].claimed == ("trygghet",)


def test_unknown_concept_name_is_a_warning_naming_the_cell(tmp_path):
    sheets = {"Plan": [["Mål", "Inriktning"], [GOAL, "Trygghet, Hållbarhet"]]}
    plan = read_plan(make_xlsx(tmp_path / "plan.xlsx", sheets))
    assert plan.statements[0].claimed == ("trygghet",)
    assert len(plan.warnings) == 1
    assert plan.warnings[0].startswith(
        "plan.xlsx, blad 'Plan', rad 2, kolumn B: okänt begrepp 'Hållbarhet' i 'Inriktning'")


def test_claim_line_under_a_goal_in_word_claims_for_that_goal(tmp_path):
    plan = read_plan(make_docx(tmp_path / "plan.docx", [
        ("h1", "Vad vill vi uppnå"), ("h2", f"Mål 1: {GOAL}"), ("p", "Koppling till målbild: Trygghet, Samspel"),
        ("p", "Aktiviteter:"), ("bullet", ACT), ("p", "Inriktning: Innovation"),
    ]))
    assert [(s.id, s.claimed) for s in plan.statements] == [("M1", ("samspel", "trygghet")), ("A1", ("innovation",))]
