"""One gap analysis per plan (aligner.analysis.gaps), shown alike by every face: check (terminal and JSON),
serve, audit (JSON and HTML) and annotate; and places a person can find (aligner.places)."""

from __future__ import annotations

import html
import json

import pytest

from aligner.analysis.gaps import gap_views
from aligner.model import GAP_HEADINGS, SourceRef
from aligner.places import plan_places, statement_name
from aligner.run.check import check_plan
from tests.conftest import SAMPLE_PLANS

SKOL = SAMPLE_PLANS / "skol-och-fritidsforvaltningen-2025.docx"  # concept gaps, a goal serving nothing, målvärden
MILJO = SAMPLE_PLANS / "miljoforvaltningen-2025.docx"  # claimed links the text does not support


@pytest.fixture(scope="module", params=[SKOL, MILJO], ids=["skol", "miljo"])
def checked(request, tagger):
    return check_plan(request.param, tagger)


def _items(result) -> list[str]:
    return [item for _, items in gap_views(result) for item in items]


def test_the_analysis_holds_every_kind_of_gap(tagger):
    skol, miljo = check_plan(SKOL, tagger), check_plan(MILJO, tagger)
    assert skol.gaps.concepts == skol.coverage.gaps and skol.gaps.goals_without_concept == ("M5",)
    assert len(skol.gaps.indicators_without_target) == 5  # "ska öka jämfört med 2019" has no målvärde
    assert miljo.gaps.unsupported_claims and all(
        c.status == "unsupported" for c in miljo.coverage.claims
        if (c.statement, c.concept) in miljo.gaps.unsupported_claims)
    kinds = [s.kind for s in skol.gaps.sections()]
    assert kinds == [k for k in GAP_HEADINGS if k in kinds]  # one order for every face


def test_check_terminal_and_json_show_the_analysis(checked):
    from aligner.reports import render

    text = render("terminal", checked)
    gaps_part = text.split("\nLuckor\n", 1)[1].split("\nMål, aktiviteter och indikatorer", 1)[0]
    for heading, items in gap_views(checked):
        assert heading in gaps_part
        assert all(item in gaps_part for item in items)
    data = json.loads(render("json", checked))
    assert data["indicator_checks"] == {
        "indicators_without_target": list(checked.gaps.indicators_without_target),
        "goals_without_indicator": list(checked.gaps.goals_without_indicator)}


def test_serve_shows_the_same_gaps(checked, tagger):
    from aligner.web import create_app

    path = SKOL if checked.tagged.plan.source.endswith(SKOL.name) else MILJO
    client = create_app(tagger).test_client()
    page = html.unescape(client.post("/", data={"plan": (path.open("rb"), path.name)},
                                     content_type="multipart/form-data").get_data(as_text=True))
    section = page.split('id="luckor"', 1)[1].split("<h3", 1)[0]
    for heading, items in gap_views(checked):
        assert heading in section and all(item in section for item in items)


def test_audit_shows_the_same_gaps(checked, tagger, tmp_path):
    from aligner.reports.audit_json import plan_dict
    from aligner.reports.html import render
    from aligner.run.audit import run_audit

    path = SKOL if checked.tagged.plan.source.endswith(SKOL.name) else MILJO
    audit = run_audit([path], tagger, jobs=1)
    [plan] = audit.plans
    assert plan.check.gaps == checked.gaps  # computed once, in the check, the same for the audit
    assert plan_dict(plan)["indicator_checks"] == checked.gaps.indicators.to_dict()
    page = html.unescape(render(audit))
    for heading, items in gap_views(checked):
        assert heading in page and all(item in page for item in items)


def test_annotated_copy_summary_shows_the_same_gaps(checked):
    from aligner.annotate import summary_lines

    summary = "\n".join(summary_lines(checked))
    for heading, items in gap_views(checked):
        assert heading[1:] in summary and all(item in summary for item in items)


# --- Places -------------------------------------------------------------------------------------


def test_word_places_follow_headings_and_the_plans_own_labels(tagger):
    plan = check_plan(SKOL, tagger).tagged.plan
    places = plan_places(plan)
    by_id = {s.id: s for s in plan.statements}
    assert places["M2"] == "Vad vill vi uppnå › Mål 2" and statement_name(by_id["M2"]) == "Mål 2"
    children = [s for s in plan.statements if s.parent == "M2" and s.kind == "activity"]
    assert [places[s.id] for s in children[:2]] == [
        "Vad vill vi uppnå › Mål 2 › Aktiviteter, punkt 1", "Vad vill vi uppnå › Mål 2 › Aktiviteter, punkt 2"]
    assert not any("stycke" in p for p in places.values())  # a paragraph number only as the last resort


def test_word_tables_and_spreadsheets_keep_their_1_based_places(tagger):
    hem = plan_places(check_plan(SAMPLE_PLANS / "helsingborgshem-ab-2025.docx", tagger).tagged.plan)
    assert hem["M1"] == "Vad vill vi uppna › Mal 1 (tabell 1, rad 2)"  # the plan's own spelling
    assert hem["A1"] == "Vad vill vi uppna › tabell 1, rad 2, cell 2"
    kultur = plan_places(check_plan(SAMPLE_PLANS / "kulturforvaltningen-2025.xlsx", tagger).tagged.plan)
    assert kultur["M1"] == "blad 'Mål och aktiviteter', rad 2, kolumn A"


def test_a_paragraph_number_is_counted_from_1():
    assert str(SourceRef("plan.docx", paragraph=0)) == "plan.docx, stycke 1"


def test_goals_without_a_label_are_named_by_row_and_the_sheet_only_when_needed(tagger):
    from aligner.places import short_names

    plan = check_plan(SAMPLE_PLANS / "oresundskraft-ab-2025.xlsx", tagger).tagged.plan
    names = short_names(plan)
    goals = [s for s in plan.statements if s.kind == "goal"]
    assert {s.ref.sheet for s in goals} == {"Mål"} and names[goals[0].id] == f"mål på rad {goals[0].ref.row}"


def test_the_answer_line_counts_only_what_was_found(tagger):
    from aligner.reports import render

    text = render("terminal", check_plan(SAMPLE_PLANS / "oresundskraft-ab-2025.xlsx", tagger))
    answer = next(line for line in text.splitlines() if line.startswith("Svar: "))
    assert answer == "Svar: Planen har luckor – 3 koncept saknas."
