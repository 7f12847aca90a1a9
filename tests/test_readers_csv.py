"""The CSV reader: semicolon or comma, UTF-8 with or without BOM, UTF-16, cp1252 as Swedish Excel writes."""

import pytest

from aligner.readers import read_plan
from aligner.readers.csv import sniff_delimiter
from tests.readers_fixtures import ACT, GOAL


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("cp1252", b""), ("utf-16", b"")],
    ids=["utf-8", "utf-8-bom", "cp1252", "utf-16"],
)
@pytest.mark.parametrize("delimiter", [";", ",", "\t"], ids=["semicolon", "comma", "tab"])
def test_csv_encodings_and_delimiters(tmp_path, encoding, bom, delimiter):
    rows = [["Verksamhetsplan 2025 för Miljöförvaltningen"], ["Nämndens mål", "Åtgärd", "Klart senast"],
            [GOAL, ACT, "2026-06-30"]]
    text = "\r\n".join(delimiter.join(f'"{c}"' if "," in c else c for c in row) for row in rows) + "\r\n"
    path = tmp_path / "plan.csv"
    path.write_bytes(bom + text.encode(encoding))
    plan = read_plan(path)
    assert [(s.kind, s.text, s.parent) for s in plan.statements] == [("goal", GOAL, None), ("activity", ACT, "M1")]
    assert plan.statements[1].cells == (("Nämndens mål", GOAL), ("Klart senast", "2026-06-30"))
    assert str(plan.statements[1].ref) == "plan.csv, rad 3, kolumn B"
    assert plan.org == "Miljöförvaltningen"


def test_quoted_cell_with_line_breaks_and_delimiters(tmp_path):
    path = tmp_path / "plan.csv"
    path.write_text(f'Aktiviteter;Ansvarig\n"{ACT}\nStälla om fordonsflottan till el; och biogas";Enhetschef\n',
                    encoding="utf-8")
    assert [s.text for s in read_plan(path).statements] == [ACT, "Ställa om fordonsflottan till el; och biogas"]


def test_decimal_commas_do_not_make_comma_the_delimiter():
    assert sniff_delimiter("Indikator;Målvärde\nAndel nöjda;0,9\nAntal besök;12,5\n") == ";"


def test_csv_without_header_row_is_a_warning_and_no_statements(tmp_path):
    path = tmp_path / "plan.csv"
    path.write_text("Konto;Belopp\n4010;100\n", encoding="utf-8")
    plan = read_plan(path)
    assert plan.statements == ()
    assert plan.warnings[0] == "filen: hittade ingen rubrikrad med Mål, Aktivitet eller Indikator; filen lästes inte"
