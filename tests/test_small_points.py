"""The smaller things planners and styrning staff met: order of names, shares of nothing, labels
that fit, messages without nested brackets."""

from __future__ import annotations

import re

import pytest

from aligner.text import swedish_sort_key


def test_swedish_order_puts_a_ring_a_umlaut_o_umlaut_last():
    names = ["Öresundskraft AB", "Skol- och fritidsförvaltningen", "Ängelholms hamn", "Åstorps bolag",
             "arbetsmarknadsförvaltningen", "Éco-bolaget", "Zoo"]
    assert sorted(names, key=swedish_sort_key) == [
        "arbetsmarknadsförvaltningen", "Éco-bolaget", "Skol- och fritidsförvaltningen", "Zoo", "Åstorps bolag",
        "Ängelholms hamn", "Öresundskraft AB"]


def test_audit_rows_follow_swedish_order(tagger):
    from aligner.run.audit import run_audit
    from tests.conftest import SAMPLE_PLANS

    result = run_audit([SAMPLE_PLANS], tagger, jobs=1)
    labels = [p.label for p in result.plans]
    assert labels == sorted(labels, key=swedish_sort_key) and labels[-1].startswith("Öresundskraft")


def test_eval_shows_a_dash_for_a_share_of_nothing(tmp_path):
    import json

    from click.testing import CliRunner

    from aligner.cli import main

    data = tmp_path / "set.jsonl"
    data.write_text(json.dumps({"id": "1", "text": "Vi ska ha god ordning i arkivet.", "labels": []}) + "\n",
                    encoding="utf-8")
    out = CliRunner().invoke(main, ["eval", str(data)]).output
    micro = next(line for line in out.splitlines() if line.startswith("micro"))
    assert micro.split()[1:4] == ["–", "–", "–"] and "1.00" not in micro


def test_the_matrix_footer_label_fits_its_column(tagger, tmp_path):
    from openpyxl import load_workbook

    from aligner.reports.excel import FOOTER_LABEL, write
    from aligner.run.audit import run_audit
    from tests.conftest import SAMPLE_PLANS

    out = tmp_path / "g.xlsx"
    write(run_audit([SAMPLE_PLANS / "kulturforvaltningen-2025.xlsx"], tagger, jobs=1), out)
    sheet = load_workbook(out)["Matris"]
    assert sheet.column_dimensions["A"].width >= len(FOOTER_LABEL)


def test_the_chart_says_when_rows_and_organisations_differ(tagger, tmp_path):
    import shutil

    from aligner.reports.chart import render_svg
    from aligner.run.audit import run_audit
    from tests.conftest import SAMPLE_PLANS

    for name in ("kulturforvaltningen-2025.xlsx", "kultur-bilaga.xlsx"):  # one organisation, two plans
        shutil.copy(SAMPLE_PLANS / "kulturforvaltningen-2025.xlsx", tmp_path / name)
    shutil.copy(SAMPLE_PLANS / "oresundskraft-ab-2025.xlsx", tmp_path)
    svg = render_svg(run_audit([tmp_path], tagger, jobs=1))
    assert "3 planer från 2 organisationer" in svg and re.search(r">\d av 2<", svg)
    single = render_svg(run_audit([SAMPLE_PLANS / "oresundskraft-ab-2025.xlsx"], tagger, jobs=1))
    assert "planer från" not in single


def _nested(text: str) -> bool:
    depth = 0
    for ch in text:
        depth += ch == "("
        if depth > 1:
            return True
        depth -= ch == ")"
    return False


@pytest.mark.parametrize("name, data", [
    ("~$plan.docx", b"\x0bPlanerare" + b"\x00" * 152),
    ("plan.txt", "Inga mål här\n".encode()),
    ("plan.md", "# Mål (utkast)\n".encode()),
    ("plan.xlsx", b"%PDF-1.4 (utkast)"),
    ("plan.docx", b"PK\x03\x04" + b"(trasig)" * 20),
])
def test_messages_do_not_nest_brackets(tmp_path, name, data):
    from aligner.errors import InputError
    from aligner.readers import read_plan

    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InputError) as info:
        read_plan(path)
    assert not _nested(str(info.value)), str(info.value)


def test_a_user_file_in_another_encoding_is_named_without_python_words(tmp_path):
    from aligner.errors import InputError, read_user_text

    latin = tmp_path / "namn.csv"
    latin.write_bytes("Förvaltning".encode("cp1252"))
    with pytest.raises(InputError) as info:
        read_user_text(latin)
    assert str(info.value) == "namn.csv: kan inte läsas som UTF-8, tecken 2 (spara filen som UTF-8)"
