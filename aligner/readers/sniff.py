"""What a plan file really is, found from its bytes before any library opens it.

`sniff` checks the file (exists, not empty, not a lock file), looks at its first bytes (zip,
OLE/CFB, PDF, RTF, text) and, for a zip container, at its member list: which format it holds
(Word, Excel, OpenDocument), whether it is password-protected, whether it would inflate past
the size limit (a decompression bomb: refused before anything is inflated), and whether an XML
member declares a DTD (external entities and entity-expansion bombs are refused before parsing).
Every problem is one InputError in Swedish that names the file and says what to do.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from pathlib import Path
from typing import Literal

from aligner.errors import InputError

Format = Literal["docx", "xlsx", "odt", "ods", "csv"]

# Unpacked size a zip-based plan may have in all (the CLI's --max-size raises it).
DEFAULT_MAX_UNPACKED_BYTES = 200 * 1024 * 1024
# A member that inflates more than this many times, and to more than RATIO_MIN_BYTES, is a bomb.
MAX_RATIO = 500
RATIO_MIN_BYTES = 5 * 1024 * 1024
# More members than this is no office file.
MAX_MEMBERS = 10_000
_HEAD_BYTES = 8 * 1024

SUFFIXES: dict[str, Format] = {
    ".docx": "docx", ".xlsx": "xlsx", ".xlsm": "xlsx", ".odt": "odt", ".ods": "ods", ".csv": "csv",
}
# What a format is called in a message, with its article, and the suffix to save it as.
WHAT: dict[str, str] = {
    "docx": "ett Word-dokument", "xlsx": "en Excel-arbetsbok", "odt": "ett OpenDocument-textdokument",
    "ods": "ett OpenDocument-kalkylblad", "csv": "en textfil (CSV)",
}
_SAVE_AS = {"docx": ".docx", "xlsx": ".xlsx", "odt": ".docx", "ods": ".xlsx", "csv": ".xlsx"}
_ALL_SUFFIXES = ".docx, .xlsx, .odt, .ods eller .csv"
_EDITOR = {"docx": "Word", "odt": "Word eller LibreOffice", "xlsx": "Excel", "ods": "Excel eller LibreOffice",
           "csv": "Excel"}

_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # the full magic goes on "\xa1\xb1\x1a\xe1"
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
_ODF_TYPES = {"application/vnd.oasis.opendocument.text": "odt",
              "application/vnd.oasis.opendocument.spreadsheet": "ods"}
_XML_MEMBER = re.compile(r"(\.xml|\.rels|\.vml)$", re.IGNORECASE)


def _error(shown: str, problem: str, hint: str | None = None) -> InputError:
    return InputError(shown, problem, hint=hint)


def _save_hint(expected: Format | None) -> str:
    if expected is None:
        return f"spara planen som {_ALL_SUFFIXES}"
    return f"öppna den i {_EDITOR[expected]} och spara som {_SAVE_AS[expected]}"


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.0f} MB" if size >= 1024 * 1024 else f"{size / 1024:.0f} kB"


# --- The file itself ----------------------------------------------------------------------------


def _check_name(path: Path, shown: str) -> None:
    name = path.name
    if name.startswith("~$") or (name.startswith(".~lock.") and name.endswith("#")):
        original = name[2:] if name.startswith("~$") else name[len(".~lock."):-1]
        hint = f"öppna originalfilen {original} i stället" if original else "öppna originalfilen i stället"
        raise _error(shown, "filen är en låsfil som Word, Excel eller LibreOffice skapar medan en fil är öppen",
                     hint=hint)


def _read_head(path: Path, shown: str) -> bytes:
    if not path.exists():
        raise _error(shown, "filen finns inte", hint="kontrollera sökvägen")
    if path.is_dir():
        raise _error(shown, "är en mapp, inte en fil", hint="ange en plan, eller granska mappen med aligner audit")
    try:
        with path.open("rb") as handle:
            head = handle.read(_HEAD_BYTES)
    except PermissionError as exc:
        raise _error(shown, "filen kan inte öppnas (saknar behörighet eller är låst)",
                     hint="stäng filen i andra program och försök igen") from exc
    except OSError as exc:
        raise _error(shown, "filen kan inte öppnas", hint=exc.strerror or None) from exc
    if not head:
        raise _error(shown, "filen är tom (0 byte)", hint="spara planen igen eller hämta en ny kopia")
    return head


# --- OLE (old Office formats, encrypted Office files) -------------------------------------------


def _ole_streams(path: Path) -> set[str]:
    """Which tell-tale stream names an OLE/CFB container holds (scanned in chunks, bounded memory)."""
    names = {"EncryptedPackage": "encrypted", "WordDocument": "doc", "Workbook": "xls", "Book": "xls",
             "PowerPoint Document": "ppt"}
    patterns = {name.encode("utf-16-le") + b"\x00\x00": kind for name, kind in names.items()}
    found: set[str] = set()
    overlap = max(len(p) for p in patterns)
    tail = b""
    with path.open("rb") as handle:
        while chunk := handle.read(1024 * 1024):
            data = tail + chunk
            found.update(kind for pattern, kind in patterns.items() if pattern in data)
            tail = data[-overlap:]
    return found


def _ole_error(path: Path, shown: str, expected: Format | None) -> InputError:
    streams = _ole_streams(path)
    suffix = path.suffix.lower()
    if "encrypted" in streams:
        return _error(shown, "filen är lösenordsskyddad (krypterad)",
                      hint="ta bort lösenordet i Word eller Excel (Arkiv > Info > Skydda) och spara igen")
    if "doc" in streams or (not streams and suffix in (".doc", ".dot")):
        return _error(shown, "filen är i det äldre Word-formatet (.doc)", hint="öppna den i Word och spara som .docx")
    if "xls" in streams or (not streams and suffix in (".xls", ".xlt")):
        return _error(shown, "filen är i det äldre Excel-formatet (.xls)", hint="öppna den i Excel och spara som .xlsx")
    if "ppt" in streams:
        return _error(shown, "filen är en PowerPoint-presentation", hint="spara planen som .docx eller .xlsx")
    return _error(shown, "filen är lösenordsskyddad eller sparad i ett äldre Office-format",
                  hint="ta bort ett eventuellt lösenord och spara som .docx eller .xlsx")


# --- Text ---------------------------------------------------------------------------------------


def _decode_head(head: bytes) -> str | None:
    """The start of a text file, or None if the bytes are not text."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head.decode("utf-16", errors="ignore")
    if b"\x00" in head:
        return None
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start >= len(head) - 3 and len(head) == _HEAD_BYTES:  # a character cut at the end of the head
            text = head[: exc.start].decode("utf-8")
        else:
            try:
                text = head.decode("cp1252")
            except UnicodeDecodeError:
                return None
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\r\n\f")
    return text if controls <= len(text) // 200 else None


def _text_kind_error(shown: str, text: str, expected: Format | None) -> InputError | None:
    """An error for text that is no CSV: HTML, RTF, XML from Office 2003."""
    start = text.lstrip("\ufeff \t\r\n")[:2048].lower()
    if start.startswith("{\\rtf"):
        return _error(shown, "filen är ett RTF-dokument", hint="öppna den i Word och spara som .docx")
    if start.startswith(("<!doctype html", "<html")) or "<table" in start[:512]:
        return _error(shown, "filen är en webbsida (HTML), inte en riktig Office-fil", hint=_save_hint(expected))
    if start.startswith("<?xml") or start.startswith("<"):
        if "word.document" in start or "excel.sheet" in start:
            return _error(shown, "filen är en XML-fil från Word eller Excel 2003", hint=_save_hint(expected))
        return _error(shown, "filen är en XML-fil, inte en plan", hint=_save_hint(expected))
    return None


# --- Zip containers -----------------------------------------------------------------------------


def check_zip_size(infos: list[zipfile.ZipInfo], shown: str, max_unpacked_bytes: int) -> None:
    """Refuse a zip whose members would inflate past the limit or at a bomb's ratio (nothing inflated)."""
    if len(infos) > MAX_MEMBERS:
        raise _error(shown, f"filen innehåller {len(infos)} delar, fler än en plan kan ha",
                     hint="kontrollera filen; den ser inte ut som en Office-fil")
    total = sum(info.file_size for info in infos)
    if total > max_unpacked_bytes:
        raise _error(shown, f"filen packas upp till {_megabytes(total)}, mer än gränsen "
                     f"{_megabytes(max_unpacked_bytes)} (den kan vara en så kallad zip-bomb)",
                     hint="kontrollera filen; är den äkta kan gränsen höjas med --max-size")
    for info in infos:
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > RATIO_MIN_BYTES and ratio > MAX_RATIO:
            raise _error(shown, f"delen '{info.filename}' packas upp {ratio:.0f} gånger, till "
                         f"{_megabytes(info.file_size)} (filen ser ut som en så kallad zip-bomb)",
                         hint="kontrollera filen; spara om planen i Word, Excel eller LibreOffice")


# A DTD (where entities live) anywhere in a member: the declarations, in the encodings XML may use.
# Office files never have one; text that holds "<!DOCTYPE" is escaped ("&lt;!DOCTYPE").
_DTD_MARKS = tuple(mark.encode(encoding) for mark in ("<!DOCTYPE", "<!ENTITY")
                   for encoding in ("utf-8", "utf-16-le", "utf-16-be"))
_CHUNK = 1024 * 1024
_CARRY = 64 * 1024  # at most this much of a chunk's end waits for the next one (a tag cut in two)
# An Excel merged range: openpyxl makes a cell object for every cell it covers, so its size is
# checked before openpyxl sees it (one range over a whole sheet is 17 billion cells).
_MERGE = re.compile(rb"<(?:\w+:)?mergeCell\s[^>]*?\bref=\"([A-Za-z]{1,3})([0-9]{1,9}):([A-Za-z]{1,3})([0-9]{1,9})\"")


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + letter - 64
    return number


def _screen_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, merges: bool) -> tuple[bool, int]:
    """(declares a DTD, cells covered by Excel merged ranges) of one XML member, read as a stream
    in chunks: the whole member is screened, in bounded memory."""
    merged = 0
    carry = b""
    with archive.open(info) as member:
        while True:
            chunk = member.read(_CHUNK)
            data = carry + chunk
            if chunk:  # a mark or tag may go on in the next chunk: keep what follows the last ">"
                cut = data.rfind(b">") + 1
                data, carry = data[:cut], data[cut:]
                if len(carry) > _CARRY:
                    data, carry = data + carry, carry[-64:]
            if any(mark in data for mark in _DTD_MARKS):
                return True, merged
            if merges and b"mergeCell" in data:
                for match in _MERGE.finditer(data):
                    first_col, first_row, last_col, last_row = match.groups()
                    rows = abs(int(last_row) - int(first_row)) + 1
                    merged += rows * (abs(_column_number(last_col) - _column_number(first_col)) + 1)
            if not chunk:
                return False, merged


def _check_xml(archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo], shown: str, kind: str | None = None) -> None:
    from aligner.limits import current, exceeded

    merged = 0
    for info in infos:
        if not (_XML_MEMBER.search(info.filename) and info.file_size):
            continue
        dtd, cells = _screen_member(archive, info, kind == "xlsx")
        if dtd:
            raise _error(shown, f"delen '{info.filename}' innehåller en DTD med entiteter, som Office-filer aldrig"
                         " har; filen läses inte av säkerhetsskäl",
                         hint="spara om planen i Word, Excel eller LibreOffice")
        merged += cells
        if merged > current().sheet_cells:
            err = exceeded("sheet_cells", merged, f"{info.filename}, sammanfogade celler")
            raise InputError(shown, err.problem, hint=err.hint, where=err.where)


def _zip_format(archive: zipfile.ZipFile, names: set[str], shown: str) -> str | None:
    """"docx", "xlsx", "odt", "ods", another known kind ("docm", "pptx", "odf") or None."""
    if "mimetype" in names:
        mimetype = archive.read("mimetype")[:200].decode("ascii", errors="ignore").strip()
        if "META-INF/manifest.xml" in names and b"encryption-data" in archive.read("META-INF/manifest.xml"):
            raise _error(shown, "filen är lösenordsskyddad (krypterad)",
                         hint="ta bort lösenordet i LibreOffice (Arkiv > Egenskaper > Säkerhet) och spara igen")
        return _ODF_TYPES.get(mimetype, "odf")
    if "[Content_Types].xml" not in names:
        return None
    types = archive.read("[Content_Types].xml")
    if b"wordprocessingml.document.main" in types:
        return "docx"
    if b"spreadsheetml.sheet.main" in types or b"ms-excel.sheet.macroEnabled.main" in types:
        return "xlsx"
    if b"wordprocessingml" in types or b"ms-word" in types:
        return "docm"
    if b"spreadsheetml" in types or b"ms-excel" in types:
        return "xltx"
    if b"presentationml" in types:
        return "pptx"
    return None


def _sniff_zip(path: Path, shown: str, expected: Format | None, max_unpacked_bytes: int) -> str | None:
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            check_zip_size(infos, shown, max_unpacked_bytes)
            if any(info.flag_bits & 0x1 for info in infos):  # zip-level (PKWARE) encryption
                raise _error(shown, "filen är lösenordsskyddad (krypterad zip)",
                             hint="ta bort lösenordet och spara igen")
            names = {info.filename for info in infos}
            kind = _zip_format(archive, names, shown)
            _check_xml(archive, infos, shown, kind)
            return kind
    except InputError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, KeyError, ValueError, NotImplementedError,
            OSError, UnicodeDecodeError, RuntimeError) as exc:
        what = WHAT.get(expected or "", "en Office-fil")
        raise _error(shown, f"filen är skadad eller ofullständig och kan inte öppnas som {what}",
                     hint="hämta eller spara en ny kopia av filen") from exc


_ZIP_KIND_MESSAGES = {
    "docm": ("filen är en Word-mall eller ett Word-dokument med makron", "spara den som .docx"),
    "xltx": ("filen är en Excel-mall", "spara den som .xlsx"),
    "pptx": ("filen är en PowerPoint-presentation", "spara planen som .docx eller .xlsx"),
    "odf": ("filen är ett OpenDocument-format som inte är text eller kalkylblad", "spara planen som .odt eller .ods"),
}


def _mismatch(shown: str, expected: Format | None, actual: str) -> InputError:
    if actual in _ZIP_KIND_MESSAGES:
        problem, hint = _ZIP_KIND_MESSAGES[actual]
        return _error(shown, problem, hint=hint)
    if expected is None and actual == "csv":  # plain text (.txt, .md): a plan is written in Word or Excel
        suffix = Path(shown).suffix.lower() or "utan filändelse"
        return _error(shown, f"filen är vanlig text ({suffix}), som aligner inte läser som plan",
                      hint="skriv planen i Word eller Excel och spara den som .docx eller .xlsx")
    if expected is None:
        return _error(shown, f"filändelsen stöds inte, men filen är {WHAT[actual]}",
                      hint=f"byt filändelsen till {'.' + actual}")
    hint = (f"byt filändelsen till .{actual}" if actual != "csv"
            else "öppna den i Excel och spara som .xlsx, eller byt filändelsen till .csv")
    return _error(shown, f"filen är inte {WHAT[expected]} utan {WHAT[actual]}", hint=hint)


def sniff(path: Path, shown: str, max_unpacked_bytes: int = DEFAULT_MAX_UNPACKED_BYTES) -> Format:
    """The format of the plan file at `path`, from its content; raises InputError for anything unreadable.

    The suffix says what the file should be; the bytes must agree. Zip containers are checked
    against `max_unpacked_bytes` and for DTDs before any part is parsed.
    """
    _check_name(path, shown)
    head = _read_head(path, shown)
    expected = SUFFIXES.get(path.suffix.lower())
    if head.startswith(_OLE_MAGIC):
        raise _ole_error(path, shown, expected)
    if head.startswith(b"%PDF"):
        save_as = _SAVE_AS.get(expected or "", ".docx")
        raise _error(shown, "filen är en PDF, som inte går att läsa tillförlitligt",
                     hint=f"spara planen som {save_as} i stället")
    if head.startswith(_ZIP_MAGIC):
        actual = _sniff_zip(path, shown, expected, max_unpacked_bytes)
    elif (text := _decode_head(head)) is not None:
        error = _text_kind_error(shown, text, expected)
        if error:
            raise error
        actual = "csv"
        if path.stat().st_size > max_unpacked_bytes:
            raise _error(shown, f"filen är {_megabytes(path.stat().st_size)}, mer än gränsen "
                         f"{_megabytes(max_unpacked_bytes)}", hint="dela upp filen eller höj gränsen med --max-size")
    else:
        actual = None
    if actual is None:
        if expected is None:
            raise _error(shown, "filformatet stöds inte", hint=_save_hint(None))
        raise _error(shown, f"filen är inte {WHAT[expected]} eller är skadad", hint=_save_hint(expected))
    if actual != expected or expected is None:
        raise _mismatch(shown, expected, actual)
    return expected


def open_error(shown: str, exc: Exception, what: str) -> InputError:
    """The InputError for an exception a library raised while opening or reading the file.

    `what` names the expected format with its article: "ett Word-dokument", "en Excel-arbetsbok".
    """
    if isinstance(exc, PermissionError):
        return InputError(shown, "filen kan inte öppnas (saknar behörighet eller är låst)",
                          hint="stäng filen i andra program och försök igen")
    if isinstance(exc, MemoryError):
        return InputError(shown, "filen är för stor för att läsas", hint="dela upp planen i mindre filer")
    if isinstance(exc, OSError) and exc.errno is not None:
        return InputError(shown, "filen kan inte läsas", hint=exc.strerror or None)
    return InputError(shown, f"filen är inte {what} eller är skadad", hint="öppna den och spara om den")
