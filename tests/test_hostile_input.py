"""Hostile files: every count, span, start value and depth a file holds is bounded (aligner.limits).

Each file here is a fixture with one member edited to carry the value an attacker (or an unlucky
export) would put there. Before the limits, each of these ran for minutes, took gigabytes or
crashed with a traceback; now each is one Swedish line naming the limit and the place.
"""

import re
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from aligner.cli import EXIT_INPUT, main
from aligner.errors import InputError
from aligner.limits import Limits, parse_int, use, xml_depth
from aligner.readers import read_plan
from aligner.readers.wordnum import format_number

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def edited(source: str, target: Path, member: str, edit) -> Path:
    """A copy of fixture `source` with `member`'s text passed through `edit`."""
    with zipfile.ZipFile(FIXTURES / source) as archive:
        parts = {info: archive.read(info) for info in archive.infolist()}
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, data in parts.items():
            if info.filename == member:
                changed = edit(data.decode("utf-8"))
                assert changed != data.decode("utf-8"), "the edit changed nothing"
                data = changed.encode("utf-8")
            archive.writestr(info.filename, data, zipfile.ZIP_STORED if info.filename == "mimetype" else None)
    return target


def refused(path: Path, *words: str) -> str:
    with pytest.raises(InputError) as info:
        read_plan(path)
    text = str(info.value)
    assert text.startswith((path.name + ": ", path.name + ", ")) and "\n" not in text
    for word in words:
        assert word in text, text
    return text


def first(pattern: str, replacement: str):
    return lambda xml: re.sub(pattern, replacement, xml, count=1)


# --- Word -----------------------------------------------------------------------------------------


def huge_list_start(tmp_path: Path, fmt: str = "upperRoman", start: int = 10**14) -> Path:
    def edit(xml):
        xml = xml.replace('<w:start w:val="1"/>', f'<w:start w:val="{start}"/>')
        return re.sub(r'<w:numFmt w:val="\w+"/>', f'<w:numFmt w:val="{fmt}"/>', xml)

    return edited("lo_plan.docx", tmp_path / "plan.docx", "word/numbering.xml", edit)


@pytest.mark.parametrize(("fmt", "start"), [("upperRoman", 10**14), ("lowerLetter", 2 * 10**9)])
def test_word_list_numbered_from_a_huge_start_is_refused(tmp_path, fmt, start):
    text = refused(huge_list_start(tmp_path, fmt, start), "startvärde för en numrerad lista", "32\u00a0767",
                   "numbering.xml")
    assert str(start) not in text  # shown with spaces between the thousands


def test_word_list_start_override_is_bounded(tmp_path):
    path = edited("lo_plan.docx", tmp_path / "plan.docx", "word/numbering.xml", first(
        r'(<w:num w:numId="\d+"[^>]*>)', r'\1<w:lvlOverride w:ilvl="0"><w:startOverride w:val="2000000000"/>'
                                        r'</w:lvlOverride>'))
    refused(path, "startvärde", "w:startOverride")


def test_word_list_level_nine_or_more_is_refused(tmp_path):
    path = edited("lo_plan.docx", tmp_path / "plan.docx", "word/numbering.xml",
                  lambda xml: xml.replace('<w:lvl w:ilvl="8"', '<w:lvl w:ilvl="9"'))
    refused(path, "listnivåer", "w:ilvl")


def test_word_paragraph_at_list_level_nine_is_refused(tmp_path):
    path = edited("lo_plan.docx", tmp_path / "plan.docx", "word/document.xml",
                  first(r'<w:ilvl w:val="\d+"/>', '<w:ilvl w:val="9"/>'))
    refused(path, "listnivåer: 10", "w:ilvl")


def test_word_grid_span_is_bounded(tmp_path):
    path = edited("lo_plan.docx", tmp_path / "plan.docx", "word/document.xml",
                  first(r"<w:tcPr>", '<w:tcPr><w:gridSpan w:val="20000000"/>'))
    refused(path, "kolumner eller rader som en tabellcell spänner över: 20\u00a0000\u00a0000", "tabell 1, w:gridSpan")


def test_word_deep_nesting_is_refused(tmp_path):
    deep = "<w:sdt><w:sdtContent>" * 3000 + "<w:p/>" + "</w:sdtContent></w:sdt>" * 3000
    path = edited("lo_plan.docx", tmp_path / "plan.docx", "word/document.xml", first(r"<w:body>", "<w:body>" + deep))
    with pytest.raises(InputError):  # lxml stops at 256 levels, or our limit at 200
        read_plan(path)


def test_roman_and_letter_numbers_are_quick_for_any_value():
    assert format_number(1994, "upperRoman") == "MCMXCIV"
    assert format_number(4000, "lowerRoman") == "mmmm"
    assert format_number(28, "lowerLetter") == "bb"
    assert len(format_number(10**7, "lowerRoman")) == 10**4  # one string repeat, not 10^7 steps


# --- Excel ----------------------------------------------------------------------------------------


def test_excel_cell_at_the_last_address_is_refused(tmp_path):
    path = edited("lo_plan.xlsx", tmp_path / "plan.xlsx", "xl/worksheets/sheet1.xml",
                  first(r"</sheetData>", '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c>'
                                         "</row></sheetData>"))
    refused(path, "celler i ett blad", "XFD1048576")


def test_excel_merged_range_over_the_whole_sheet_is_refused(tmp_path):
    # openpyxl makes an object for every cell of a merged range: this one is screened before it loads
    path = edited("lo_plan.xlsx", tmp_path / "plan.xlsx", "xl/worksheets/sheet1.xml",
                  lambda xml: xml.replace('<mergeCell ref="A4:A5"/>', '<mergeCell ref="A1:XFD1048576"/>'))
    refused(path, "celler i ett blad", "sammanfogade celler")


# --- OpenDocument ---------------------------------------------------------------------------------


def test_odf_space_count_is_bounded(tmp_path):
    path = edited("lo_plan.odt", tmp_path / "plan.odt", "content.xml",
                  first(r'(<text:p text:style-name="Title">)', r'\1<text:s text:c="1000000000"/>'))
    refused(path, "mellanslag", "text:s")


def test_odf_column_span_is_bounded(tmp_path):
    path = edited("lo_plan.odt", tmp_path / "plan.odt", "content.xml",
                  first(r"<table:table-cell ", '<table:table-cell table:number-columns-spanned="99999999999" '))
    refused(path, "spänner över", "table:number-columns-spanned")


def test_ods_column_span_is_bounded(tmp_path):
    path = edited("lo_plan.ods", tmp_path / "plan.ods", "content.xml",
                  first(r"<table:table-cell ", '<table:table-cell table:number-columns-spanned="99999999999" '))
    refused(path, "spänner över")


@pytest.mark.parametrize("value", ["abc", "å", "1.5", "²", "1e3"])
@pytest.mark.parametrize(("source", "attribute"), [
    ("lo_plan.ods", "table:number-columns-repeated"),
    ("lo_plan.ods", "table:number-columns-spanned"),
    ("lo_plan.ods", "table:number-rows-spanned"),
    ("lo_plan.odt", "table:number-columns-spanned"),
])
def test_odf_attribute_that_is_no_integer_is_refused(tmp_path, source, attribute, value):
    path = edited(source, tmp_path / f"plan{Path(source).suffix}", "content.xml",
                  first(r"<table:table-cell ", f'<table:table-cell {attribute}="{value}" '))
    refused(path, "inget heltal", attribute)


@pytest.mark.parametrize("value", ["abc", "å", "1.5"])
def test_odf_space_count_that_is_no_integer_is_refused(tmp_path, value):
    path = edited("lo_plan.odt", tmp_path / "plan.odt", "content.xml",
                  first(r'(<text:p text:style-name="Title">)', rf'\1<text:s text:c="{value}"/>'))
    refused(path, "inget heltal", "text:s")


@pytest.mark.parametrize(("source", "opening", "closing"), [
    ("lo_plan.odt", "<text:span>", "</text:span>"),
    ("lo_plan.odt", "<text:p>", "</text:p>"),
    ("lo_plan.odt", "<text:section>", "</text:section>"),
    ("lo_plan.odt", "<text:list><text:list-item>", "</text:list-item></text:list>"),
    ("lo_plan.ods", "<table:table-row-group>", "</table:table-row-group>"),
])
def test_odf_nesting_5000_deep_is_refused_without_recursion(tmp_path, source, opening, closing):
    if source.endswith(".ods"):
        inner = '<table:table-row><table:table-cell><text:p>x</text:p></table:table-cell></table:table-row>'
        anchor = r"(<table:table-row )"
    elif "span" in opening or opening == "<text:p>":
        inner = "x"
        anchor = r'(<text:p text:style-name="Standard">)'
    else:
        inner = "<text:p>x</text:p>"
        anchor = r"(<text:h )"
    deep = opening * 5000 + inner + closing * 5000
    path = edited(source, tmp_path / f"plan{Path(source).suffix}", "content.xml",
                  first(anchor, lambda m: m.group(1) + deep if "span" in opening or opening == "<text:p>"
                        else deep + m.group(1)))
    refused(path, "nästlade XML-nivåer", "content.xml")


def test_odf_list_start_value_is_bounded(tmp_path):
    path = edited("lo_plan.odt", tmp_path / "plan.odt", "content.xml",
                  first(r"<text:list-item>", '<text:list-item text:start-value="2000000000">'))
    refused(path, "startvärde", "text:start-value")


# --- Statements and fields ------------------------------------------------------------------------


def csv_plan(path: Path, rows: int) -> Path:
    lines = ["Mål;Aktivitet"] + [f"Öka tryggheten i stadsdel {n};Genomföra trygghetsvandring {n}" for n in range(rows)]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def test_statements_per_plan_are_bounded_and_the_limit_can_be_raised(tmp_path):
    path = csv_plan(tmp_path / "plan.csv", 60)
    with use(Limits(statements=100)):
        with pytest.raises(InputError) as info:
            read_plan(path)
    assert "mål, aktiviteter och indikatorer i en plan: minst 101" in str(info.value)
    assert "--max-statements" in str(info.value)
    assert len(read_plan(path, limits=Limits(statements=120)).statements) == 120


def test_check_takes_max_statements(tmp_path, monkeypatch, tagger):
    import aligner.cli

    monkeypatch.setattr(aligner.cli.common, "tagger", lambda rules_dir: tagger)
    path = csv_plan(tmp_path / "plan.csv", 60)
    runner = CliRunner()
    result = runner.invoke(main, ["check", str(path), "--max-statements", "50"])
    assert result.exit_code == EXIT_INPUT
    assert "mer än gränsen 50" in result.output and "Traceback" not in result.output
    result = runner.invoke(main, ["check", str(path), "--max-statements", "200"])
    assert result.exit_code in (0, 1), result.output


def test_a_statement_longer_than_the_field_limit_is_refused(tmp_path):
    path = tmp_path / "plan.csv"
    path.write_text("Aktivitet\nÖka " + "trygghet " * 2000 + "\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_plan(path, limits=Limits(field_chars=1000))
    assert "tecken i ett påstående" in str(info.value) and "rad 2" in str(info.value)


def test_csv_field_past_the_csv_modules_limit_is_one_swedish_line(tmp_path):
    path = tmp_path / "plan.csv"
    path.write_text('Aktivitet\n"' + "a" * 140_000 + '"\n', encoding="utf-8")
    refused(path, "tecken i ett påstående")


# --- The policy's own helpers ---------------------------------------------------------------------


def test_parse_int_takes_ascii_integers_only():
    assert parse_int(None, 7) == 7 and parse_int("", 7) == 7 and parse_int("-3", 1) == -3
    for bad in ("abc", "å", "1.5", "²", "١", " 1", "1" * 40):
        with pytest.raises(Exception) as info:
            parse_int(bad, 1, None, "x")
        assert "inget heltal" in str(info.value)


def test_xml_depth_is_measured_without_recursion():
    import xml.etree.ElementTree as ET

    root = node = ET.Element("a")
    for _ in range(50_000):
        node = ET.SubElement(node, "a")
    with pytest.raises(Exception) as info:
        xml_depth(root, "x.xml")
    assert "nästlade XML-nivåer: minst 201" in str(info.value)
    assert xml_depth(ET.fromstring("<a><b><c/></b><b/></a>")) == 3


# --- The DTD screen reads every byte of every XML member ------------------------------------------


@pytest.mark.parametrize("padding", [70 * 1024, 1024 * 1024 - 5, 3 * 1024 * 1024])
def test_a_dtd_after_a_long_comment_is_refused(tmp_path, padding):
    """Before, only the first 64 kB were screened; the DTD mark may also fall across two read chunks."""
    prolog = ('<?xml version="1.0"?><!--' + "x" * padding + '--><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>')

    def edit(xml):
        return prolog + xml[xml.index("?>") + 2:]

    path = edited("lo_plan.docx", tmp_path / "plan.docx", "word/document.xml", edit)
    refused(path, "DTD", "word/document.xml")


def test_an_entity_declared_anywhere_in_a_member_is_refused(tmp_path):
    path = edited("lo_plan.odt", tmp_path / "plan.odt", "styles.xml",
                  lambda xml: xml + "<!-- " + "y" * 200_000 + ' <!ENTITY a "b"> -->')
    refused(path, "DTD", "styles.xml")


def test_a_sheet_whose_relationship_points_at_a_missing_part_is_reported(tmp_path):
    path = edited("lo_plan.xlsx", tmp_path / "plan.xlsx", "xl/_rels/workbook.xml.rels",
                  lambda xml: xml.replace("worksheets/sheet3.xml", "worksheets/saknas.xml"))
    plan = read_plan(path)
    assert any("blad 'Aktiviteter' finns i arbetsboken men dess innehåll saknas" in w for w in plan.warnings)
    assert any(s.ref.sheet == "Aktiviteter" and "saknas" in s.reason for s in plan.skipped)


def test_audit_applies_max_statements_in_its_worker_processes(tmp_path, monkeypatch, tagger):
    import aligner.cli

    monkeypatch.setattr(aligner.cli.common, "tagger", lambda rules_dir: tagger)
    folder = tmp_path / "planer"
    folder.mkdir()
    for n in range(8):  # enough for the worker pool
        csv_plan(folder / f"plan-{n}.csv", 30 + n)
    result = CliRunner().invoke(main, ["audit", str(folder), "--output-dir", str(tmp_path / "ut"), "-j", "2", "-q",
                                       "--max-statements", "70"])
    assert result.exit_code == EXIT_INPUT
    refused_lines = [line for line in result.output.splitlines() if "mer än gränsen 70" in line]
    for n in range(8):  # plan-n has 2 * (30 + n) statements
        assert any(f"plan-{n}.csv" in line for line in refused_lines) == (2 * (30 + n) > 70), n


def test_max_statements_holds_for_one_command_only(tmp_path, monkeypatch, tagger):
    """A program (or a test) that runs several commands in one process starts each from the defaults."""
    import aligner.cli
    from aligner import limits

    monkeypatch.setattr(aligner.cli.common, "tagger", lambda rules_dir: tagger)
    path = csv_plan(tmp_path / "plan.csv", 30)
    result = CliRunner().invoke(main, ["check", str(path), "--max-statements", "70"])
    assert result.exit_code in (0, 1), result.output
    assert limits.current().statements == limits.DEFAULT.statements
