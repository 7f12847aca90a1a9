"""Files written by LibreOffice (tests/fixtures/, made by make_fixtures.py): .odt, .docx, .ods, .xlsx, .csv."""

from pathlib import Path

import pytest

from aligner.readers import read_plan

FIXTURES = Path(__file__).resolve().parent / "fixtures"
GOAL_1 = "Fler invånare ska känna sig trygga i sina stadsdelar"
GOAL_2 = "Utsläppen av växthusgaser från stadens fordon ska minska"
NESTED = "Införa laddplatser vid alla stadens förvaltningsbyggnader"


def summary(plan):
    return [(s.id, s.kind, s.text, s.parent) for s in plan.statements]


@pytest.mark.parametrize("name", ["lo_plan.odt", "lo_plan.docx"])
def test_text_document_written_by_libreoffice(name):
    plan = read_plan(FIXTURES / name)
    assert summary(plan) == [
        ("M1", "goal", GOAL_1, None),
        ("M2", "goal", GOAL_2, None),
        ("A1", "activity", "Genomföra trygghetsvandringar tillsammans med polisen i alla stadsdelar", None),
        ("A2", "activity", "Ställa om stadens fordonsflotta till el och biogas före 2027", None),
        ("I1", "indicator", "Andel invånare som känner sig trygga i centrum", "M1"),
        ("I2", "indicator", "Antal anmälda brott i centrum", "M1"),
        ("I3", "indicator", "Andel invånare som upplever ordningsstörningar", "M1"),
        ("I4", "indicator", "Andel elbilar i stadens fordonsflotta", "M2"),
        ("A3", "activity", NESTED, "M2"),
    ]
    by_id = {s.id: s for s in plan.statements}
    assert [by_id["M1"].label, by_id["M2"].label, by_id["A1"].label] == ["1.", "2.", "•"]
    assert _claimed_ids(by_id["M1"].claimed) == ("trygghet",)
    assert _claimed_ids(by_id["I4"].claimed) == ("klimatneutralitet_2030",)
    assert by_id["A3"].cells == (("Ansvarig", "Fastighetschef"),)
    assert (plan.title, plan.org) == ("Verksamhetsplan 2025 – Testförvaltningen", "Testförvaltningen")
    assert any("spårade ändringar" in w for w in plan.warnings)
    assert any("okänt begrepp 'Okänt begrepp'" in w for w in _resolved(plan).warnings)  # known when tagged
    assert "sidhuvud" not in " ".join(s.text.lower() for s in plan.statements)


@pytest.mark.parametrize("name", ["lo_plan.ods", "lo_plan.xlsx"])
def test_spreadsheet_written_by_libreoffice(name):
    plan = read_plan(FIXTURES / name)
    assert summary(plan) == [
        ("M1", "goal", GOAL_1, None),
        ("A1", "activity", "Genomföra trygghetsvandringar i alla stadsdelar", "M1"),
        ("I1", "indicator", "Andel invånare som känner sig trygga", "M1"),
        ("A2", "activity", "Anställa fler trygghetsvärdar i centrum", "M1"),
        ("A3", "activity", "Utveckla samarbetet med polisen kring ordningsstörningar", "M1"),
        ("M2", "goal", GOAL_2, None),
        ("A4", "activity", "Ställa om stadens fordonsflotta till el", "M2"),
        ("I2", "indicator", "Andel elbilar i stadens fordonsflotta", "M2"),
        ("A5", "activity", NESTED, "M2"),
    ]
    by_id = {s.id: s for s in plan.statements}
    assert dict(by_id["I1"].cells)["Målvärde"] == "90 %"
    assert dict(by_id["A1"].cells)["Klart senast"] == "2025-12-31"
    assert dict(by_id["A2"].cells)["Målvärde"] == "42"  # a formula, read as its saved value
    assert "Intern anteckning" not in dict(by_id["A1"].cells)  # a hidden column
    assert (_claimed_ids(by_id["M1"].claimed), _claimed_ids(by_id["M2"].claimed)) == (
        ("trygghet",), ("klimatneutralitet_2030",))
    assert [(s.ref.sheet, s.ref.row, s.reason) for s in plan.skipped] == [
        ("Plan", 7, "dold rad"), ("Plan", None, "dold kolumn (1 celler med text)"), ("Dolt", 2, "dolt blad")]
    assert len(_resolved(plan).warnings) == 4  # an unknown claimed name is known when tagged
    assert (plan.title, plan.org) == ("Verksamhetsplan 2025 – Testförvaltningen", "Testförvaltningen")


def test_semicolon_cp1252_csv_written_by_libreoffice():
    plan = read_plan(FIXTURES / "lo_plan.csv")
    goals = [s.text for s in plan.statements if s.kind == "goal"]
    assert goals == [GOAL_1, GOAL_2]
    # CSV has no hidden rows: what was hidden in the workbook is an ordinary row here.
    assert "Genomföra en aktivitet på en dold rad" in [s.text for s in plan.statements]
    assert plan.org == "Testförvaltningen"


def test_fixtures_are_small():
    assert all(p.stat().st_size < 50_000 for p in FIXTURES.iterdir() if p.is_file())


def _claimed_ids(names: tuple[str, ...]) -> tuple[str, ...]:
    """The concept ids the shipped rules give the names a plan claims (readers keep the names as written)."""
    from aligner.tagging.rules import load_rules

    ids = (load_rules().concept_for_name(n) for n in names)
    return tuple(i for i in ids if i)  # an unknown name is a warning (see _resolved)


def _resolved(plan):
    """The plan as tagging sees it: claimed names resolved by the shipped rules, unknown ones warned of."""
    from aligner.tagging.rules import load_rules
    from aligner.tagging.tagger import resolve_claims

    return resolve_claims(plan, load_rules())
