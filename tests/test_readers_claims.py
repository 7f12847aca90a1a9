"""Claimed links ("Koppling till målbild"): names to concept ids, claim columns and claim lines."""

import pytest

from aligner.readers import read_plan
from aligner.readers.claims import is_claim_header, parse_claims, split_claim_line
from aligner.readers.common import classify_header, classify_id_header
from aligner.tagging.tagger import resolve_claims
from tests.readers_fixtures import ACT, GOAL, IND, make_docx, make_xlsx


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Klimatneutralitet 2030; Livskvalitet", ("Klimatneutralitet 2030", "Livskvalitet")),
        ("innovation, SAMSPEL / trygghet", ("innovation", "SAMSPEL", "trygghet")),
        ("Sysselsattning\nTidshorisont 2027", ("Sysselsattning", "Tidshorisont 2027")),
        ("Sysselsättning och klimat", ("Sysselsättning", "klimat")),
        ("• Trygghet\n• Livskvalitet", ("Trygghet", "Livskvalitet")),
        ("Trygghet; Hållbarhet; Trygghet", ("Trygghet", "Hållbarhet")),
        ("-", ()),
        ("Ingen koppling", ()),
        ("", ()),
    ],
)
def test_parse_claims_keeps_the_names_as_written(text, names):
    assert parse_claims(text) == names


@pytest.mark.parametrize(
    ("name", "concept"),
    [
        ("Klimatneutralitet 2030", "klimatneutralitet_2030"), ("klimat", "klimatneutralitet_2030"),
        ("SAMSPEL", "samspel"), ("Sysselsattning", "sysselsattning"), ("Sysselsättning", "sysselsattning"),
        ("2027", "tidshorisont_2027"), ("• Trygghet", "trygghet"), ("klimatneutralitet_2030", "klimatneutralitet_2030"),
        ("Hållbarhet", None),
    ],
)
def test_the_shipped_rules_name_their_concepts(ruleset, name, concept):
    assert ruleset.concept_for_name(name) == concept


def test_every_concept_title_and_id_is_a_known_name(ruleset):
    for concept in ruleset.concepts:
        assert ruleset.concept_for_name(concept.title) == concept.id, concept.title
        assert ruleset.concept_for_name(concept.id) == concept.id
        for name in concept.names:
            assert ruleset.concept_for_name(name) == concept.id, name


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


def test_claim_in_a_goal_row_is_the_goals_and_in_other_rows_the_statements(tmp_path, ruleset):
    plan = read_plan(make_xlsx(tmp_path / "plan.xlsx", {"Plan": [
        ["Mål", "Indikator", "Koppling till målbild"],
        [GOAL, IND, "Trygghet; Livskvalitet"],
        [None, "Antal anmälda brott i city", "Trygghet"],
        [None, "Andel resor med buss", "Klimat"],
    ]}))
    assert [(s.id, s.claimed) for s in plan.statements] == [
        ("M1", ("Trygghet", "Livskvalitet")), ("I1", ()), ("I2", ("Trygghet",)), ("I3", ("Klimat",))]
    resolved = resolve_claims(plan, ruleset)
    assert [(s.id, s.claimed) for s in resolved.statements] == [
        ("M1", ("livskvalitet", "trygghet")), ("I1", ()), ("I2", ("trygghet",)), ("I3", ("klimatneutralitet_2030",))]
    assert resolved.warnings == plan.warnings


def test_claim_on_activity_rows_without_goal_column(tmp_path):
    plan = read_plan(make_xlsx(tmp_path / "plan.xlsx", {"Plan": [["Aktivitet", "Bidrar till"], [ACT, "Trygghet"]]}))
    assert plan.statements[0].claimed == ("Trygghet",)


def test_unknown_concept_name_is_a_warning_naming_the_place_when_tagged(tmp_path, tagger):
    sheets = {"Plan": [["Mål", "Inriktning"], [GOAL, "Trygghet, Hållbarhet"]]}
    plan = read_plan(make_xlsx(tmp_path / "plan.xlsx", sheets))
    assert plan.warnings == ()
    tagged = tagger.tag_plan(plan)
    assert tagged.plan.statements[0].claimed == ("trygghet",)
    assert tagged.statements[0].statement.claimed == ("trygghet",)
    assert len(tagged.plan.warnings) == 1
    assert tagged.plan.warnings[0].startswith("plan.xlsx, blad 'Plan', rad 2, kolumn A: okänt begrepp 'Hållbarhet'")
    assert "Trygghet" in tagged.plan.warnings[0]  # the known titles are listed


def test_claim_line_under_a_goal_in_word_claims_for_that_goal(tmp_path, ruleset):
    plan = read_plan(make_docx(tmp_path / "plan.docx", [
        ("h1", "Vad vill vi uppnå"), ("h2", f"Mål 1: {GOAL}"), ("p", "Koppling till målbild: Trygghet, Samspel"),
        ("p", "Aktiviteter:"), ("bullet", ACT), ("p", "Inriktning: Innovation"),
    ]))
    resolved = resolve_claims(plan, ruleset)
    assert [(s.id, s.claimed) for s in resolved.statements] == [("M1", ("samspel", "trygghet")),
                                                                 ("A1", ("innovation",))]
