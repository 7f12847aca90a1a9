"""The labelled-set evaluation: scores, the split by source page, and what `aligner eval` lists."""

import json

from click.testing import CliRunner

from aligner.analysis.evaluation import baseline_predict, evaluate, split_items, split_part
from aligner.cli import main
from aligner.model import MEASURE_PART, RULES_PART, Item

PAGES = [f"https://example.org/plan-{n}" for n in range(40)]


def items_from(pages):
    return [Item(f"{n}-{k}", text, frozenset(labels), page)
            for n, page in enumerate(pages)
            for k, (text, labels) in enumerate([("Otryggheten i centrum ska minska.", ["trygghet"]),
                                                ("Budgeten ska vara i balans.", [])])]


def test_split_is_by_source_page_stable_and_about_half():
    items = items_from(PAGES)
    parts = split_items(items)
    assert set(parts) == {RULES_PART, MEASURE_PART}
    # every statement of one page lands on the same side, and the side never changes
    for page in PAGES:
        assert len({split_part(i) for i in items if i.source == page}) == 1
    assert [split_part(i) for i in items] == [split_part(i) for i in items_from(PAGES)]
    assert 10 <= len(parts[MEASURE_PART]) // 2 <= 30


def test_items_without_a_source_are_written_from():
    assert split_part(Item("x", "Text.", frozenset())) == RULES_PART
    assert set(split_items([Item("x", "Text.", frozenset())])) == {RULES_PART}


def test_a_file_can_name_the_part_its_rows_belong_to(tmp_path):
    from aligner.analysis.evaluation import load_labelled

    path = tmp_path / "apart.jsonl"
    rows = [{"id": "a", "text": "Fler ska känna sig trygga.", "labels": ["trygghet"], "part": MEASURE_PART},
            {"id": "b", "text": "Budgeten ska vara i balans.", "labels": [], "part": MEASURE_PART,
             "source": PAGES[0]}]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    items = load_labelled(path)
    # the named part wins over the hash of the source page and over "no source: rules part"
    assert [split_part(i) for i in items] == [MEASURE_PART, MEASURE_PART]
    assert set(split_items(items)) == {MEASURE_PART}


def test_a_measure_only_file_lists_its_errors_only_when_asked(tmp_path):
    path = tmp_path / "apart.jsonl"
    rows = [{"id": "miss-1", "text": "Budgeten ska vara i balans.", "labels": ["trygghet"], "part": MEASURE_PART}]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    quiet = CliRunner().invoke(main, ["eval", str(path)])
    assert quiet.exit_code == 0, quiet.output
    assert "bara mätt" in quiet.output and "miss-1" not in quiet.output
    asked = CliRunner().invoke(main, ["eval", str(path), "--part", MEASURE_PART])
    assert "miss-1 trygghet" in asked.output


def test_an_unknown_part_is_an_input_error_naming_the_row(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "a", "text": "T.", "labels": []}\n{"id": "b", "text": "T.", "labels": [], "part": "test"}',
                    encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", str(path)])
    assert result.exit_code == 2
    assert "rad 2" in result.output and "test" in result.output and "Traceback" not in result.output


def test_evaluate_reports_each_part_and_the_gap(ruleset):
    items = items_from(PAGES)
    result = evaluate(baseline_predict(items, ruleset), ["trygghet"])  # the baseline: "trygg" in the text
    assert result.whole.size == len(items)
    assert sum(r.size for r in result.parts.values()) == len(items)
    gap = result.gap_figures()
    assert gap is not None and set(gap) == {"precision", "recall", "f1"}
    data = result.to_dict()
    assert set(data["parts"]) == {RULES_PART, MEASURE_PART} and "gap" in data


def write(path, rows):
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    return path


def test_eval_lists_only_the_rules_part_errors_unless_asked(tmp_path):
    rows = [{"id": f"s{n}", "text": "Fler ska känna sig hemma i stadsdelen.", "labels": ["trygghet"],
             "source": page} for n, page in enumerate(PAGES)]
    data = write(tmp_path / "real.jsonl", rows)
    out = CliRunner().invoke(main, ["eval", str(data)]).output
    listed = {line.split()[0] for line in out.splitlines() if line.startswith("  s")}
    rules_ids = {r["id"] for r, i in zip(rows, items_from(PAGES)[::2], strict=True) if split_part(i) == RULES_PART}
    assert listed == rules_ids
    assert "mätdel" in out and "Skillnad regeldel − mätdel" in out
    out_all = CliRunner().invoke(main, ["eval", str(data), "--part", "alla"]).output
    assert {line.split()[0] for line in out_all.splitlines() if line.startswith("  s")} == {r["id"] for r in rows}
    # one part named: its table and errors alone, none of the other part's figures on the screen
    out_rules = CliRunner().invoke(main, ["eval", str(data), "--part", RULES_PART]).output
    assert out_rules.startswith(f"{RULES_PART} (") and MEASURE_PART not in out_rules
    assert {line.split()[0] for line in out_rules.splitlines() if line.startswith("  s")} == rules_ids


def test_eval_takes_several_files_and_shows_a_dash_for_an_undefined_score(tmp_path):
    a = write(tmp_path / "a.jsonl", [{"id": "1", "text": "Budgeten ska vara i balans.", "labels": []}])
    b = write(tmp_path / "b.jsonl", [{"id": "2", "text": "Ekonomin ska vara stabil.", "labels": []}])
    result = CliRunner().invoke(main, ["eval", str(a), str(b), "--skip", "tidshorisont_2027"])
    assert result.exit_code == 0, result.output
    assert "(2 meningar)" in result.output
    innovation = next(line for line in result.output.splitlines() if line.startswith("innovation"))
    assert innovation.split()[1:4] == ["–", "–", "–"]
