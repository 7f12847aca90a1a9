"""The seven sample plans read as make_samples.py meant them: goals, activities, indicators and parents."""

import pytest

from aligner.readers import read_plan
from tests.conftest import SAMPLE_PLANS

# file -> (goals, activities, indicators), as written by sample_plans/make_samples.py (README table).
EXPECTED = {
    "skol-och-fritidsforvaltningen-2025.docx": (5, 16, 12),
    "socialforvaltningen-2025.docx": (5, 14, 9),
    "miljoforvaltningen-2025.docx": (5, 14, 11),
    "arbetsmarknadsforvaltningen-2025.xlsx": (5, 15, 8),
    "oresundskraft-ab-2025.xlsx": (5, 11, 8),
    "kulturforvaltningen-2025.xlsx": (5, 16, 9),
    "helsingborgshem-ab-2025.docx": (5, 10, 6),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_sample_plan_counts_and_every_statement_under_a_goal(name):
    plan = read_plan(SAMPLE_PLANS / name)
    counts = tuple(sum(1 for s in plan.statements if s.kind == kind) for kind in ("goal", "activity", "indicator"))
    assert counts == EXPECTED[name]
    goals = {s.id for s in plan.statements if s.kind == "goal"}
    assert all(s.parent in goals for s in plan.statements if s.kind != "goal")
    assert len({s.text for s in plan.statements if s.kind == "goal"}) == 5


def test_every_goal_of_the_social_plan_has_its_own_activities_and_indicators():
    plan = read_plan(SAMPLE_PLANS / "socialforvaltningen-2025.docx")
    for goal in (s.id for s in plan.statements if s.kind == "goal"):
        kinds = {s.kind for s in plan.statements if s.parent == goal}
        assert kinds == {"activity", "indicator"}, goal


def test_miljo_claims_are_read_from_the_koppling_column(ruleset):
    from aligner.tagging.tagger import resolve_claims

    plan = resolve_claims(read_plan(SAMPLE_PLANS / "miljoforvaltningen-2025.docx"), ruleset)
    claimed = {s.id: s.claimed for s in plan.statements if s.claimed}
    assert claimed["M2"] == ("livskvalitet", "sysselsattning")
    assert claimed["I7"] == ("klimatneutralitet_2030",)
