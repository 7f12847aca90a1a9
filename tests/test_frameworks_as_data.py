"""A rule folder of one's own: new frameworks, a new concept and a new time horizon, with no code change.

The folder is made the way styrning staff make it: `aligner rules init`, then edits. It holds three
frameworks (a made-up målbild 2035, made-up inriktningar 2027–2030 and the current inriktningar), a
new concept `kultur` with rules, a concept `demokrati` with no rules yet, and a time-horizon concept
for 2027–2030 in place of the shipped one. Every command runs over the sample plans with it.
"""

from __future__ import annotations

import html
import json
import re
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from aligner.cli import EXIT_GAPS, EXIT_OK, main
from aligner.errors import RuleError
from aligner.tagging.rules import load_rules
from tests.conftest import SAMPLE_PLANS

KULTUR_PLAN = SAMPLE_PLANS / "kulturforvaltningen-2025.xlsx"
WORD_PLAN = SAMPLE_PLANS / "skol-och-fritidsforvaltningen-2025.docx"

FRAMEWORKS = """\
frameworks:
  - id: malbild_2035
    title: Målbild 2035
    concepts: [innovation, samspel, livskvalitet, horisont_2030]
  - id: inriktningar_2027_2030
    title: Inriktningar 2027–2030
    short: Nya inriktningar
    concepts: [trygghet, kultur, klimatneutralitet_2030, demokrati]
  - id: inriktningar_2023_2026
    title: Inriktningar 2023–2026
    concepts: [innovation, trygghet, sysselsattning, livskvalitet, klimatneutralitet_2030]
"""

KULTUR = """\
concept: kultur
title: Kultur
short: Kult
names: [kultur, kulturliv, "kultur för alla"]
baseline: kultur
description: Ett rikt kulturliv som alla kan ta del av.
rules:
  - id: kultur-kultur
    description: kultur and its compounds (kulturutbud, kulturhus, kulturskola)
    stems: [kultur]
  - id: kultur-bibliotek
    description: bibliotek, museum
    stems: [bibliotek, museum, musei]
examples:
  match:
    - {text: "Fler barn ska gå i kulturskolan.", rules: [kultur-kultur]}
    - {text: "Öppna ett nytt bibliotek i Drottninghög.", rules: [kultur-bibliotek]}
  no_match:
    - "Minska sjukfrånvaron bland medarbetarna."
"""

DEMOKRATI = """\
concept: demokrati
title: Demokrati
short: Demo
description: Invånarnas delaktighet i stadens beslut (regler skrivs senare).
rules: []
"""

HORISONT = """\
concept: horisont_2030
title: Tidshorisont 2030
short: Tid30
names: ["tidshorisont 2030"]
baseline: "2030"
description: En tidsgräns inom perioden 2027–2030.
timeframe:
  first_year: 2027
  last_year: 2030
  deadline_cues: [senast, till, "fram till", under, före, inom, "i"]
  reference_cues: ["jämfört med", sedan]
  fillers: [år, året, slutet, utgången, av, den, december]
  deadline_headers: ["klart senast", "klart", "slutdatum"]
"""

LABELLED = [
    {"id": "k1", "text": "Fler invånare ska besöka stadens museer och bibliotek senast 2029.",
     "labels": ["kultur", "horisont_2030"]},
    {"id": "k2", "text": "Alla barn ska erbjudas en plats i kulturskolan.", "labels": ["kultur"]},
    {"id": "k3", "text": "Minska energianvändningen i stadens lokaler.", "labels": ["klimatneutralitet_2030"]},
]


def run(*args, env=None):
    return CliRunner(env=env).invoke(main, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    """The made-up rule folder, made with `aligner rules init` and edited as a styrning officer would."""
    target = tmp_path_factory.mktemp("styrning") / "regler"
    result = run("rules", "init", target)
    assert result.exit_code == EXIT_OK, result.output
    assert "rules test --rules" in result.output
    (target / "frameworks.yaml").write_text(FRAMEWORKS, encoding="utf-8")
    (target / "kultur.yaml").write_text(KULTUR, encoding="utf-8")
    (target / "demokrati.yaml").write_text(DEMOKRATI, encoding="utf-8")
    (target / "horisont_2030.yaml").write_text(HORISONT, encoding="utf-8")
    old_time = [p for p in target.glob("*.yaml") if "timeframe:" in p.read_text(encoding="utf-8")
                and p.name != "horisont_2030.yaml"]
    assert len(old_time) == 1  # the shipped time-horizon concept, replaced by the new one
    old_time[0].unlink()
    return target


@pytest.fixture(scope="module")
def ruleset(folder):
    return load_rules(folder)


def test_the_folder_loads_with_three_frameworks_and_the_new_concepts(ruleset):
    assert [f.id for f in ruleset.frameworks] == ["malbild_2035", "inriktningar_2027_2030", "inriktningar_2023_2026"]
    assert ruleset.ids[:4] == ("innovation", "samspel", "livskvalitet", "horisont_2030")
    assert {"kultur", "demokrati"} <= set(ruleset.ids)
    assert ruleset.time_concept == "horisont_2030" and ruleset.horizon_sv("within") == "inom 2030"
    assert ruleset.concept("demokrati").rules == ()
    assert ruleset.concept_for_name("Kultur för alla") == "kultur"


def test_rules_test_and_list(folder):
    tested = run("rules", "test", "--rules", folder)
    assert tested.exit_code == EXIT_OK, tested.output
    listed = run("rules", "list", "--rules", folder).output
    assert f"Regelmapp: {folder.resolve()}" in listed
    assert f"Kultur (kultur) — {folder.resolve() / 'kultur.yaml'}" in listed
    assert "Demokrati (demokrati)" in listed and "inga regler ännu" in listed
    assert "tidshorisont: 2027–2030" in listed


def test_tag(folder):
    out = run("tag", "--rules", folder, "Öppna ett nytt bibliotek i Drottninghög senast 2029.").output
    assert "Kultur (kultur)" in out and "Tidshorisont 2030 (horisont_2030)" in out
    assert "Tidshorisont: inom 2030 (2029)" in out
    beyond = run("tag", "--rules", folder, "Staden ska vara klimatneutral senast 2035.").output
    assert "Tidshorisont: bortom 2030 (2035)" in beyond


def test_check_terminal_and_json(folder):
    result = run("check", "--rules", folder, KULTUR_PLAN)
    assert result.exit_code == EXIT_GAPS  # demokrati has no rules: a gap in every plan
    out = result.output
    assert "Inriktningar 2027–2030:" in out and "Målbild 2035:" in out
    assert re.search(r"Kultur\s+täckt", out) and re.search(r"Demokrati\s+LUCKA", out)
    assert "Mål med tidshorisont inom 2030:" in out and "inom 2027" not in out
    data = json.loads(run("check", "--rules", folder, "--format", "json", KULTUR_PLAN).output)
    concepts = {c["concept"]: c for c in data["coverage"]["concepts"]}
    assert concepts["kultur"]["covered"] and concepts["kultur"]["title"] == "Kultur"
    assert concepts["kultur"]["frameworks"] == ["inriktningar_2027_2030"]
    assert "demokrati" in data["coverage"]["gaps"]["concepts"] and "tidshorisont_2027" not in concepts
    assert [f["id"] for f in data["coverage"]["frameworks"]] == ["malbild_2035", "inriktningar_2027_2030",
                                                                "inriktningar_2023_2026"]
    assert any(t["concept"] == "kultur" for s in data["statements"] for t in s["tags"])
    assert data["horizon"] == {"concept": "horisont_2030", "first_year": 2027, "last_year": 2030}


def test_eval_and_baseline(folder, tmp_path):
    labelled = tmp_path / "labelled.jsonl"
    labelled.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in LABELLED), encoding="utf-8")
    report = json.loads(run("eval", "--rules", folder, "--json", "--skip", "demokrati", labelled).output)
    assert report["per_concept"]["kultur"]["tp"] == 2 and report["per_concept"]["horisont_2030"]["tp"] == 1
    assert "demokrati" not in report["per_concept"] and "tidshorisont_2027" not in report["per_concept"]
    baseline = json.loads(run("eval", "--rules", folder, "--json", "--baseline", labelled).output)
    assert baseline["per_concept"]["kultur"]["tp"] == 1  # "kultur" stands in k2 only ("kulturskolan")


@pytest.fixture(scope="module")
def audited(folder, tmp_path_factory):
    out = tmp_path_factory.mktemp("granskning")
    accepted = out / "accepterade.yaml"
    accepted.write_text("- {organisation: Kulturförvaltningen, concept: Demokrati, reason: Regler saknas ännu.,"
                        " decided_by: Styrningsenheten, date: 2027-01-10}\n", encoding="utf-8")
    result = run("audit", "--rules", folder, "--quiet", "--accepted", accepted, "-o", out, SAMPLE_PLANS)
    return result, out


def test_audit_terminal_and_json(audited):
    result, out = audited
    assert "Kult" in result.output.splitlines()[3] and "Kult = Kultur" in result.output
    assert "Demo = Demokrati" in result.output and "tidshorisont inom 2030" in result.output
    assert "Inriktningar 2027–2030: Trygg, Kult, Klim30, Demo" in result.output
    matrix = json.loads((out / "granskning.json").read_text(encoding="utf-8"))["matrix"]
    assert [f["id"] for f in matrix["frameworks"]][1] == "inriktningar_2027_2030"
    assert {"kultur", "demokrati", "horisont_2030"} <= {c["concept"] for c in matrix["concepts"]}
    rows = {r["label"]: r["cells"] for r in matrix["rows"]}
    assert rows["Kulturförvaltningen"]["demokrati"]["status"] == "accepted"
    assert rows["Kulturförvaltningen"]["kultur"]["status"] == "covered"
    assert rows["Miljönämnden"]["demokrati"]["status"] == "gap"


def test_audit_excel_html_and_svg(audited):
    from openpyxl import load_workbook

    _, out = audited
    ws = load_workbook(out / "granskning.xlsx")["Matris"]
    row1 = [c.value for c in ws[1]]
    row2 = [c.value for c in ws[2]]
    assert "Inriktningar 2027–2030" in row1 and "Målbild 2035" in row1
    assert "Kultur" in row2 and "Demokrati" in row2 and "Andel mål med tidshorisont inom 2030" in row2
    page = (out / "granskning.html").read_text(encoding="utf-8")
    assert 'data-concept="kultur"' in page and ">Inriktningar 2027–2030<" in page
    assert "Mål med tidshorisont inom 2030" in page and "inom 2027" not in page
    assert "accepterad" in page
    assert "Kultur" in (out / "granskning.svg").read_text(encoding="utf-8")


def test_diff_between_audits_made_with_different_frameworks(audited, tmp_path):
    _, out = audited
    old = tmp_path / "forra"
    result = run("audit", "--quiet", "-o", old, "--reports", "json", SAMPLE_PLANS)
    assert result.exit_code in (EXIT_OK, EXIT_GAPS)
    diffed = run("diff", "--format", "json", old / "granskning.json", out / "granskning.json")
    data = json.loads(diffed.output)
    assert data["concepts_only_old"] == ["tidshorisont_2027"]
    assert data["concepts_only_new"] == ["horisont_2030", "kultur", "demokrati"]
    lost = {c for o in data["organisations"] for c in o["concepts_lost"]}
    gained = {c for o in data["organisations"] for c in o["concepts_gained"]}
    assert not lost & {"tidshorisont_2027", "horisont_2030", "kultur", "demokrati"}
    assert not gained & {"tidshorisont_2027", "horisont_2030", "kultur", "demokrati"}
    text = run("diff", old / "granskning.json", out / "granskning.json").output
    assert "Bara i den gamla versionens styrmodeller (jämförs inte): Tidshorisont 2027" in text
    assert "Bara i den nya versionens styrmodeller (jämförs inte): Tidshorisont 2030, Kultur, Demokrati" in text


def test_annotate_word_and_excel_copies(folder, tmp_path):
    for plan in (WORD_PLAN, KULTUR_PLAN):
        copy = tmp_path / f"kopia{plan.suffix}"
        result = run("annotate", "--rules", folder, plan, "-o", copy)
        assert result.exit_code == EXIT_OK, result.output
        with zipfile.ZipFile(copy) as z:
            text = html.unescape(" ".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml")))
        assert "Inriktningar 2027–2030" in text and "Demokrati" in text
        assert "inom 2027" not in text and "ingen" in text
    assert "Kultur" in text  # the Kulturförvaltningen copy names the concept its goals serve


def test_serve_page_with_the_folder_from_the_environment(folder, monkeypatch):
    import io

    from aligner.web import create_app

    monkeypatch.setenv("ALIGNER_RULES", str(folder))
    listed = run("rules", "list").output  # no --rules: the variable points every command at the folder
    assert f"Regelmapp: {folder.resolve()}" in listed
    client = create_app().test_client()  # no tagger given: built from $ALIGNER_RULES
    front = client.get("/").get_data(as_text=True)
    assert "Målbild 2035, Inriktningar 2027–2030 och Inriktningar 2023–2026" in front
    page = client.post("/", data={"plan": (io.BytesIO(KULTUR_PLAN.read_bytes()), KULTUR_PLAN.name)},
                       content_type="multipart/form-data").get_data(as_text=True)
    assert "Kultur" in page and "Demokrati" in page and "Tidshorisont inom 2030" in page
    assert "inom 2027" not in page


def test_a_concept_file_no_framework_names_is_refused_in_one_line(folder, tmp_path):
    import shutil

    copy = tmp_path / "regler"
    shutil.copytree(folder, copy)
    (copy / "idrott.yaml").write_text("concept: idrott\ntitle: Idrott\nrules: []\n", encoding="utf-8")
    with pytest.raises(RuleError, match="konceptet 'idrott' finns inte i någon styrmodell"):
        load_rules(copy)
    result = run("check", "--rules", copy, KULTUR_PLAN)
    assert result.exit_code == 2 and len(result.output.strip().splitlines()) == 1
    assert "regler/idrott.yaml" in result.output


def test_a_folder_without_a_time_horizon_concept_reads_no_years(folder, tmp_path):
    import shutil

    copy = tmp_path / "regler"
    shutil.copytree(folder, copy)
    (copy / "horisont_2030.yaml").unlink()
    frameworks = copy / "frameworks.yaml"
    frameworks.write_text(frameworks.read_text(encoding="utf-8").replace(", horisont_2030]", "]"), encoding="utf-8")
    assert load_rules(copy).timeframe is None
    out = run("tag", "--rules", copy, "Öppna ett nytt bibliotek senast 2029.").output
    assert "Kultur (kultur)" in out and "Tidshorisont: ingen" in out
    result = run("check", "--rules", copy, KULTUR_PLAN)
    assert result.exit_code == EXIT_GAPS and "Mål med tidshorisont: 0 av" in result.output
