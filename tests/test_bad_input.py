"""Bad input: every unreadable file gives one Swedish InputError naming the file and what to do, never a crash.

`aligner check` turns each into one line and exit code 2. Zip-based files are checked before any
part is inflated (size limit, bomb ratio) or parsed (no DTDs, so no external entities or
entity-expansion bombs).
"""

import io
import os
import random
import time
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from aligner.cli import EXIT_INPUT, main
from aligner.errors import InputError
from aligner.readers import read_plan
from tests.readers_fixtures import make_docx, make_xlsx

FIXTURES = Path(__file__).resolve().parent / "fixtures"
ACT = "Genomföra trygghetsvandringar i alla stadsdelar"
MB = 1024 * 1024


def docx_file(tmp_path, name="plan.docx"):
    return make_docx(tmp_path / name, [("h1", "Aktiviteter"), ("bullet", ACT)])


def xlsx_file(tmp_path, name="plan.xlsx"):
    return make_xlsx(tmp_path / name, {"Plan": [["Aktivitet"], [ACT]]})


def message(path, **kwargs):
    with pytest.raises(InputError) as info:
        read_plan(path, **kwargs)
    assert info.value.path == str(path)
    text = str(info.value)
    assert "\n" not in text and text.startswith(Path(path).name + ": ")
    return text


def rewrite_zip(source: Path, target: Path, changes: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(source) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    parts.update(changes)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return target


# --- wrong or old formats -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("legacy.doc", "legacy.doc: filen är i det äldre Word-formatet (.doc) (öppna den i Word och spara som .docx)"),
        ("legacy.xls",
         "legacy.xls: filen är i det äldre Excel-formatet (.xls) (öppna den i Excel och spara som .xlsx)"),
        ("encrypted.docx", "encrypted.docx: filen är lösenordsskyddad"),
        ("encrypted.xlsx", "encrypted.xlsx: filen är lösenordsskyddad"),
    ],
)
def test_legacy_and_password_protected_office_files(name, expected):
    assert message(FIXTURES / name).startswith(expected)


def test_legacy_doc_renamed_to_docx_is_still_named_for_what_it_is(tmp_path):
    path = tmp_path / "plan.docx"
    path.write_bytes((FIXTURES / "legacy.doc").read_bytes())
    assert "äldre Word-formatet (.doc)" in message(path)


def test_encrypted_odf_is_password_protected(tmp_path):
    path = tmp_path / "plan.odt"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("META-INF/manifest.xml", '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:'
                         'xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="content.xml">'
                         "<manifest:encryption-data/></manifest:file-entry></manifest:manifest>")
        archive.writestr("content.xml", bytes(range(256)))
    assert message(path).startswith("plan.odt: filen är lösenordsskyddad")


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("plan.xlsx", "Mål;Aktivitet\nTrygg stad;Genomföra trygghetsvandringar\n",
         "plan.xlsx: filen är inte en Excel-arbetsbok utan en textfil (CSV) (öppna den i Excel och spara som .xlsx"),
        ("plan.docx", "%PDF-1.7\n%âãÏÓ\n",
         "plan.docx: filen är en PDF, som inte går att läsa tillförlitligt (spara planen som .docx"),
        ("plan.xlsx", "<html><body><table><tr><td>Mål</td></tr></table></body></html>",
         "plan.xlsx: filen är en webbsida (HTML)"),
        ("plan.docx", "{\\rtf1\\ansi Mål}",
         "plan.docx: filen är ett RTF-dokument (öppna den i Word och spara som .docx)"),
        ("plan.pdf", "%PDF-1.4", "plan.pdf: filen är en PDF"),
        ("plan.txt", "Inga mål här\n", "plan.txt: filen är vanlig text (.txt), som aligner inte läser som plan "
                                       "(skriv planen i Word eller Excel och spara den som .docx eller .xlsx)"),
        ("plan.md", "# Mål\n", "plan.md: filen är vanlig text (.md)"),
    ],
)
def test_content_that_does_not_match_the_suffix(tmp_path, name, content, expected):
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8"))
    assert message(path).startswith(expected)


def test_workbook_named_docx_and_document_named_xlsx(tmp_path):
    workbook = xlsx_file(tmp_path).rename(tmp_path / "plan.docx")
    assert message(workbook) == ("plan.docx: filen är inte ett Word-dokument utan en Excel-arbetsbok "
                                 "(byt filändelsen till .xlsx)")
    document = docx_file(tmp_path).rename(tmp_path / "plan.xlsx")
    assert message(document).startswith("plan.xlsx: filen är inte en Excel-arbetsbok utan ett Word-dokument")
    odt = (tmp_path / "plan.docx2")
    odt.write_bytes((FIXTURES / "lo_plan.odt").read_bytes())
    renamed = odt.rename(tmp_path / "plan2.docx")
    assert message(renamed).startswith("plan2.docx: filen är inte ett Word-dokument utan ett OpenDocument-textdokument")


# --- broken files ---------------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".docx", ".xlsx", ".xlsm", ".odt", ".ods", ".csv"])
def test_zero_byte_file(tmp_path, suffix):
    path = tmp_path / f"tom{suffix}"
    path.write_bytes(b"")
    assert message(path).startswith(f"tom{suffix}: filen är tom (0 byte)")


@pytest.mark.parametrize("suffix", [".docx", ".xlsx", ".odt", ".ods", ".csv"])
def test_random_bytes(tmp_path, suffix):
    path = tmp_path / f"brus{suffix}"
    path.write_bytes(random.Random(4).randbytes(5000))
    assert "eller är skadad" in message(path)


@pytest.mark.parametrize("source", ["docx", "xlsx", "odt", "ods"])
def test_truncated_file(tmp_path, source):
    data = (FIXTURES / f"lo_plan.{source}").read_bytes()
    path = tmp_path / f"halv.{source}"
    path.write_bytes(data[: len(data) // 2])
    assert "skadad" in message(path)


@pytest.mark.parametrize("source", ["lo_plan.docx", "lo_plan.xlsx", "lo_plan.odt", "lo_plan.ods"])
def test_corrupted_bytes_never_crash(tmp_path, source):
    """Flip bytes at random (seeded): each file is read or refused with an InputError, nothing else."""
    data = (FIXTURES / source).read_bytes()
    rng = random.Random(source)
    for attempt in range(25):
        corrupt = bytearray(data)
        for _ in range(rng.randint(1, 8)):
            corrupt[rng.randrange(40, len(corrupt))] = rng.randrange(256)
        path = tmp_path / f"{attempt}{Path(source).suffix}"
        path.write_bytes(bytes(corrupt))
        try:
            read_plan(path)
        except InputError as err:
            assert str(err).startswith(path.name + ": ")


def test_lock_files_from_word_excel_and_libreoffice(tmp_path):
    word = tmp_path / "~$plan.docx"
    word.write_bytes(b"\x0bPlanerare" + b"\x00" * 152)
    assert message(word) == ("~$plan.docx: filen är en låsfil som Word, Excel eller LibreOffice skapar medan en fil "
                             "är öppen (öppna originalfilen plan.docx i stället)")
    libre = tmp_path / ".~lock.plan.xlsx#"
    libre.write_text(",Planerare,dator,27.11.2024 10:00,file:///home/planerare/.config/libreoffice/4;")
    assert "låsfil" in message(libre)


def test_missing_file_and_folder(tmp_path):
    assert message(tmp_path / "saknas.docx") == "saknas.docx: filen finns inte (kontrollera sökvägen)"
    folder = tmp_path / "mapp.docx"
    folder.mkdir()
    assert message(folder) == (
        "mapp.docx: är en mapp, inte en fil (ange en plan, eller granska mappen med aligner audit)")


def test_file_with_no_statements_is_a_plan_with_a_warning(tmp_path):
    path = make_docx(tmp_path / "tom.docx", [("h1", "Inledning"), ("p", "Bara prosa här.")])
    plan = read_plan(path)
    assert plan.statements == ()
    assert plan.warnings == ("hittade inga mål, aktiviteter eller indikatorer i filen",)


# --- decompression bombs and XML attacks ----------------------------------------------------------


def test_decompression_bomb_is_refused_before_inflating(tmp_path):
    path = rewrite_zip(docx_file(tmp_path), tmp_path / "bomb.docx", {})
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        with archive.open("word/media/bomb.xml", "w") as member:
            chunk = b"\x00" * MB
            for _ in range(210):
                member.write(chunk)
    assert path.stat().st_size < 1 * MB
    tracemalloc.start()
    started = time.perf_counter()
    text = message(path)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert text.startswith("bomb.docx: filen packas upp till 211 MB, mer än gränsen 200 MB")
    assert "--max-size" in text
    assert peak < 5 * MB and time.perf_counter() - started < 2


def test_size_limit_can_be_raised(tmp_path):
    path = xlsx_file(tmp_path)
    assert "mer än gränsen 1 kB" in message(path, max_unpacked_bytes=1024)
    assert [s.text for s in read_plan(path, max_unpacked_bytes=10 * MB).statements] == [ACT]


def test_member_with_a_bomb_ratio_is_refused_under_the_limit(tmp_path):
    zeros = b"\x00" * (6 * MB)
    path = rewrite_zip(xlsx_file(tmp_path), tmp_path / "kvot.xlsx", {"xl/media/zeros.bin": zeros})
    assert "zip-bomb" in message(path)


def test_csv_larger_than_the_limit_is_refused(tmp_path):
    path = tmp_path / "stor.csv"
    path.write_text("Aktivitet\n" + f"{ACT}\n" * 100, encoding="utf-8")
    assert "mer än gränsen" in message(path, max_unpacked_bytes=1000)


BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
)
XXE = '<?xml version="1.0"?><!-- a comment first --><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'


@pytest.mark.parametrize("prolog", [BILLION_LAUGHS, XXE], ids=["entity-expansion", "external-entity"])
@pytest.mark.parametrize(("suffix", "member"), [("docx", "word/document.xml"), ("xlsx", "xl/worksheets/sheet1.xml"),
                                                ("odt", "content.xml"), ("ods", "content.xml")])
def test_xml_with_a_dtd_is_refused_before_parsing(tmp_path, prolog, suffix, member):
    source = FIXTURES / f"lo_plan.{suffix}"
    with zipfile.ZipFile(source) as archive:
        original = archive.read(member).decode("utf-8")
    body = original[original.index("?>") + 2:] if original.startswith("<?xml") else original
    path = rewrite_zip(source, tmp_path / f"dtd.{suffix}", {member: (prolog + body).encode("utf-8")})
    text = message(path)
    assert "DTD" in text and "säkerhetsskäl" in text


def test_zip_with_too_many_members_is_refused(tmp_path):
    path = tmp_path / "manga.xlsx"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for n in range(10_001):
            archive.writestr(f"x/{n}", b"")
    path.write_bytes(buffer.getvalue())
    assert "delar" in message(path)


# --- the command line -----------------------------------------------------------------------------


@pytest.fixture
def check(monkeypatch, tagger):
    """Run `aligner check` with the session's tagger (building one takes seconds)."""
    monkeypatch.setattr("aligner.cli.common.tagger", lambda rules_dir: tagger)

    def run(path):
        return CliRunner().invoke(main, ["check", str(path)])

    return run


def test_check_gives_one_line_and_exit_2_for_every_bad_file(tmp_path, check):
    empty = tmp_path / "tom.docx"
    empty.write_bytes(b"")
    noise = tmp_path / "brus.xlsx"
    noise.write_bytes(random.Random(1).randbytes(3000))
    prose = make_docx(tmp_path / "prosa.docx", [("h1", "Inledning"), ("p", "Bara prosa här.")])
    lock = tmp_path / "~$plan.docx"
    lock.write_bytes(b"\x0bPlanerare" + b"\x00" * 152)
    for path in [FIXTURES / "legacy.doc", FIXTURES / "legacy.xls", FIXTURES / "encrypted.docx", empty, noise, prose,
                 lock, tmp_path / "saknas.docx"]:
        result = check(path)
        assert result.exit_code == EXIT_INPUT, (path, result.output)
        assert result.exception is None or isinstance(result.exception, SystemExit)
        lines = result.output.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith(f"fel: {path.name}: "), result.output
        assert "Traceback" not in result.output


def test_check_and_audit_raise_the_limit_with_max_size(tmp_path):
    from click.testing import CliRunner

    from aligner.cli import EXIT_INPUT, main

    path = rewrite_zip(xlsx_file(tmp_path), tmp_path / "stor.xlsx", {"xl/media/data.bin": os.urandom(2 * MB)})
    refused = CliRunner().invoke(main, ["check", str(path), "--max-size", "1"])
    assert refused.exit_code == EXIT_INPUT and "mer än gränsen 1 MB" in refused.output
    assert CliRunner().invoke(main, ["check", str(path), "--max-size", "5", "--exit-zero"]).exit_code == 0
    audited = CliRunner().invoke(main, ["audit", str(path), "--max-size", "1", "--reports", "none", "--quiet"])
    assert audited.exit_code == EXIT_INPUT and "mer än gränsen 1 MB" in audited.output
