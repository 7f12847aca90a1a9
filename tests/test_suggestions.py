"""Suggestions for gaps: closest goals with the reason, example wordings, and never a tag or coverage."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from aligner.analysis.coverage import compute_coverage
from aligner.analysis.suggest import MAX_GOALS, example_wordings, suggest
from aligner.model import CheckResult, Plan, SourceRef, Statement
from aligner.tagging.terms import parse_term
from aligner.wording import SUGGESTION_LABEL, describe_hint, suggestion_lines


def _plan(*rows: tuple[str, str, str, str | None]) -> Plan:
    """Statements from (id, kind, text, parent) rows."""
    statements = tuple(
        Statement(sid, kind, text, SourceRef("plan.docx", paragraph=i), parent=parent)
        for i, (sid, kind, text, parent) in enumerate(rows)
    )
    return Plan("plan.docx", statements)


def _check(tagger, plan: Plan, ruleset=None) -> CheckResult:
    ruleset = ruleset or tagger.ruleset
    tagged = tagger.tag_plan(plan)
    coverage = compute_coverage(tagged, ruleset)
    return CheckResult(tagged, coverage, ruleset, suggest(tagged, coverage, ruleset))


def _with_related(ruleset, concept_id: str, *terms: str):
    concepts = tuple(
        replace(c, related=tuple(t for spec in terms for t in parse_term(spec))) if c.id == concept_id else c
        for c in ruleset.concepts
    )
    return replace(ruleset, concepts=concepts)


def _by_concept(result: CheckResult):
    return {s.concept: s for s in result.suggestions}


def test_one_suggestion_per_gap_concept_in_rule_set_order(tagger):
    result = _check(tagger, _plan(("M1", "goal", "Otryggheten i stadsdelen ska minska.", None)))
    assert [s.concept for s in result.suggestions] == list(result.coverage.gaps)
    assert "trygghet" not in _by_concept(result)


def test_a_cancelled_match_names_the_goal_with_the_rule_and_reason(tagger):
    result = _check(tagger, _plan(("M1", "goal", "Förvaltningen ska ha en trygg ekonomi.", None)))
    suggestion = _by_concept(result)["trygghet"]
    [goal] = suggestion.goals
    assert goal.goal == "M1"
    [hint] = goal.hints
    assert (hint.kind, hint.statement, hint.text) == ("suppressed", "M1", "trygg")
    assert hint.detail.startswith("trygghet-trygg: ")


def test_related_terms_in_a_goal_or_its_activities_point_to_the_concept(tagger, ruleset):
    rules = _with_related(ruleset, "klimatneutralitet_2030", "miljö*", "*energi*")
    plan = _plan(
        ("M1", "goal", "Stadens parker ska vara gröna och välskötta.", None),
        ("A1", "activity", "Ta fram en plan för miljöarbetet i parkerna.", "M1"),
        ("M2", "goal", "Miljön i stadens fastigheter ska bli bättre.", None),
        ("M3", "goal", "Invånarna ska vara nöjda med bemötandet.", None),
    )
    suggestion = _by_concept(_check(tagger, plan, rules))["klimatneutralitet_2030"]
    # Words in the goal's own text weigh more than words in one of its activities.
    assert [g.goal for g in suggestion.goals] == ["M2", "M1"]
    assert suggestion.goals[0].hints[0].text == "Miljön"
    assert (suggestion.goals[1].hints[0].statement, suggestion.goals[1].hints[0].kind) == ("A1", "related")
    assert suggestion.goals[0].score > suggestion.goals[1].score


def test_at_most_three_goals_are_named(tagger, ruleset):
    rules = _with_related(ruleset, "klimatneutralitet_2030", "miljö*")
    plan = _plan(*[(f"M{i}", "goal", f"Miljön i stadsdel {i} ska bli bättre för alla.", None) for i in range(1, 6)])
    suggestion = _by_concept(_check(tagger, plan, rules))["klimatneutralitet_2030"]
    assert len(suggestion.goals) == MAX_GOALS == 3
    assert [g.goal for g in suggestion.goals] == ["M1", "M2", "M3"]  # ties keep document order


def test_a_horizon_beyond_2027_is_close_to_tidshorisont(tagger):
    result = _check(tagger, _plan(("M1", "goal", "Alla stadens fordon ska vara fossilfria år 2030.", None)))
    [goal] = _by_concept(result)["tidshorisont_2027"].goals
    assert goal.hints[0].kind == "horizon" and goal.hints[0].detail == "2030"


def test_statements_without_a_goal_are_named_as_a_strong_hint(tagger):
    plan = _plan(
        ("M1", "goal", "Invånarna ska vara nöjda med bemötandet.", None),
        ("A1", "activity", "Installera solceller på alla nya förskolor.", None),
    )
    suggestion = _by_concept(_check(tagger, plan))["klimatneutralitet_2030"]
    assert suggestion.without_goal == ("A1",)
    assert any("A1 tjänar konceptet men hör inte till något mål" in line for line in suggestion_lines(suggestion, {}))
    names = {"A1": 'aktiviteten "Installera solceller på alla nya förskolor."'}
    assert any(line.startswith('aktiviteten "Installera solceller') for line in suggestion_lines(suggestion, names))


def test_suggestions_never_tag_and_never_count_as_coverage(tagger, ruleset):
    rules = _with_related(ruleset, "klimatneutralitet_2030", "miljö*")
    plan = _plan(("M1", "goal", "Miljön i stadens fastigheter ska bli bättre.", None))
    tagged = tagger.tag_plan(plan)
    coverage = compute_coverage(tagged, rules)
    suggestions = suggest(tagged, coverage, rules)
    assert suggestions and coverage == compute_coverage(tagged, rules)
    assert "klimatneutralitet_2030" in coverage.gaps and tagged.statements[0].concepts == ()


def test_no_gap_no_suggestion(tagger):
    result = _check(tagger, _plan(
        ("M1", "goal", "Fler invånare ska känna sig trygga och ha god psykisk hälsa senast 2026.", None),
        ("A1", "activity", "Pröva AI tillsammans med regionen för att minska koldioxidutsläppen och skapa jobb.", "M1"),
    ))
    assert result.coverage.gaps == () and result.suggestions == ()


def test_example_wordings_prefer_goal_sentences_from_the_rule_file(ruleset):
    concept = ruleset.concept("sysselsattning")
    wordings = example_wordings(concept)
    match_texts = {e.text.strip() for e in concept.examples if e.should_match}
    assert 1 <= len(wordings) <= 2 and set(wordings) <= match_texts
    assert all(" ska " in w and "\n" not in w for w in wordings)


def test_hints_read_as_swedish():
    from aligner.model import Hint

    names = {"M5": "Mål 5", "A2": 'aktiviteten "Rita om parken."'}
    assert describe_hint(Hint("related", "A2", "miljö"), names) == (
        'närliggande ord "miljö" i aktiviteten "Rita om parken."')
    # no rule id for the planner: the reason only, and "målet" for the goal the line is about
    assert describe_hint(Hint("suppressed", "M5", "trygg", "trygghet-trygg: undantag efter"), names, "M5") == (
        '"trygg" i målet räknas inte (undantag efter)')


def test_statement_names_use_the_plans_own_labels_and_texts():
    from aligner.wording import statement_names

    plan = Plan("plan.docx", (
        Statement("M1", "goal", "Stadens parker ska vara gröna.", SourceRef("plan.docx", paragraph=3),
                  label="Mål 1:", section="Vad vill vi uppnå"),
        Statement("A1", "activity", "Rita om parken.", SourceRef("plan.docx", paragraph=5), label="•",
                  parent="M1", section="Aktiviteter"),
    ))
    assert statement_names(plan) == {"M1": "Mål 1", "A1": 'aktiviteten "Rita om parken."'}


def test_a_time_gap_suggests_the_forms_that_count_never_a_related_word(tagger, ruleset):
    rules = _with_related(ruleset, "tidshorisont_2027", "årlig*")
    plan = _plan(("M1", "goal", "Invånarna ska vara nöjda med den årliga enkäten.", None))
    result = _check(tagger, plan, rules)
    suggestion = _by_concept(result)["tidshorisont_2027"]
    assert suggestion.goals == ()  # "årliga" is no time frame: no hint from it
    lines = suggestion_lines(suggestion, {"M1": "Mål 1"}, rules)
    assert lines[0].startswith("ge ett eller flera mål en tidsram med ett år 2023–2027")
    assert '"senast 2027"' in lines[0] and not any("årlig" in line for line in lines)


def test_a_word_both_cancelled_and_related_is_named_once(tagger, ruleset):
    # "trygg" in "trygg ekonomi" is cancelled by an exclusion; as a related word too it must not come twice
    rules = _with_related(ruleset, "trygghet", "trygg")
    result = _check(tagger, _plan(("M1", "goal", "Förvaltningen ska ha en trygg ekonomi.", None)), rules)
    [goal] = _by_concept(result)["trygghet"].goals
    assert [(h.kind, h.text) for h in goal.hints] == [("suppressed", "trygg")]
    [line] = [x for x in suggestion_lines(_by_concept(result)["trygghet"], {"M1": "Mål 1"}) if "närmast" in x]
    assert line.count('"trygg"') == 1


@pytest.fixture(scope="module")
def school(tagger):
    from aligner.run.check import check_plan
    from tests.conftest import SAMPLE_PLANS

    return check_plan(SAMPLE_PLANS / "skol-och-fritidsforvaltningen-2025.docx", tagger)


def test_check_plan_carries_suggestions_for_the_gaps(school):
    assert [s.concept for s in school.suggestions] == list(school.coverage.gaps)


def test_terminal_report_has_a_suggestion_section(school):
    from aligner.reports import render

    out = render("terminal", school)
    assert SUGGESTION_LABEL in out and "exempel på formulering" in out
    section = out.split(SUGGESTION_LABEL, 1)[1]
    assert "LUCKA" not in section  # suggestions are not gaps and not coverage


def test_json_report_has_suggestions_beside_unchanged_coverage(school):
    from aligner.reports import render

    data = json.loads(render("json", school))
    assert [s["concept"] for s in data["suggestions"]] == data["coverage"]["gaps"]["concepts"]
    for s in data["suggestions"]:
        assert set(s) == {"concept", "title", "goals", "without_goal", "examples"}
        for goal in s["goals"]:
            assert goal["hints"] and {"kind", "statement", "text", "detail"} == set(goal["hints"][0])
