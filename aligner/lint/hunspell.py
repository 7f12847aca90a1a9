"""A Hunspell dictionary read as words and their inflected forms: a tooling resource for rule authors.

aligner never reads a dictionary when it tags: `aligner rules lint` and `aligner rules missing`
(see aligner/lint/matches.py) use the Swedish dictionary of the `hunspell-sv` package to show rule authors which
real words their terms match. The package is in the `test` extra, not a runtime dependency.

A Hunspell dictionary is a pair: the .dic file lists stems with flags ("hemtjänst/ADHXY"), the
.aff file says what each flag does. A suffix flag is a list of rules, each "strip these letters,
add these, when the stem ends like this" (SFX D 0 en [^e]: hemtjänst -> hemtjänsten); a prefix
flag the same at the start. `expand` applies them, so the lint sees "hemtjänsten" and
"tryggheten", not only "hemtjänst" and "trygghet". Compounds are not generated (Hunspell builds
them on the fly from COMPOUNDRULE and would give billions); the dictionary's own compound entries
("hemtjänstpersonal", "trygghetsvandring") are words like any other.

Supported: FLAG formats (single characters, the default; `long`, two characters; `num`, comma-
separated numbers; `UTF-8`), flag aliases (AF), SFX and PFX with strip, add, continuation flags
and conditions, cross products of a prefix and a suffix, one level of suffix on suffix
(continuation classes), NEEDAFFIX, ONLYINCOMPOUND and FORBIDDENWORD. Morphological fields (AM,
"po:noun") are ignored.

The .aff file and the affix expansion are in aligner.lint.affixes; here the .dic file, finding the
installed dictionary, and the lexicon the lint reads.
"""

from __future__ import annotations

import re
import site
import sys
import sysconfig
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from aligner.errors import AlignerError
from aligner.lint.affixes import Affixes, parse_aff

PACKAGE = "hunspell-sv"
# The package ships the dictionary and a complementary one made from the same .aff file.
DICTIONARIES = ("sv_SE", "sv_SE_expanded")
INSTALL_HINT = 'pip install hunspell-sv (eller pip install -e ".[test]")'


class DictionaryMissing(AlignerError):
    """The Hunspell dictionary files are not installed."""

    def __init__(self, folder: str | Path | None = None) -> None:
        if folder is not None:
            names = " eller ".join(f"{n}.dic med {n}.aff" for n in DICTIONARIES)
            super().__init__(f"{folder}: mappen har ingen ordlista ({names})")
        else:
            super().__init__(f"ordlistan {PACKAGE} är inte installerad; installera den med: {INSTALL_HINT}")



# --- the .dic file -----------------------------------------------------------------------------

_MORPH_FIELD = re.compile(r"\s+[a-z][a-z]:\S")


def parse_dic_line(line: str, aff: Affixes) -> tuple[str, frozenset[str]] | None:
    """A .dic line as (word, flags); None for an empty line. Morphological fields are dropped."""
    line = line.split("\t", 1)[0].rstrip()
    field_start = _MORPH_FIELD.search(line)
    if field_start:
        line = line[: field_start.start()]
    if not line:
        return None
    # The word ends at the first '/' not escaped with a backslash ("1\/2/A" is "1/2" with flag A).
    i = 0
    while True:
        slash = line.find("/", i)
        if slash <= 0 or line[slash - 1] != "\\":
            break
        i = slash + 1
    if slash <= 0:
        return line.replace("\\/", "/"), frozenset()
    return line[:slash].replace("\\/", "/"), aff.parse_flags(line[slash + 1 :])


def read_dic(text: str, aff: Affixes) -> Iterator[tuple[str, frozenset[str]]]:
    """The stems of a .dic file with their flags (the first line, a word count, is skipped)."""
    lines = text.splitlines()
    start = 1 if lines and lines[0].strip().isdigit() else 0
    for line in lines[start:]:
        entry = parse_dic_line(line, aff)
        if entry is not None:
            yield entry


# --- finding the files ---------------------------------------------------------------------------


def dictionary_dirs() -> list[Path]:
    """Where an installed hunspell-sv may have put its share/hunspell folder, most likely first:
    the files its installed metadata names, the environment's prefix, the user's base, and the
    data paths of every install scheme."""
    dirs: list[Path] = []
    try:
        from importlib.metadata import PackageNotFoundError, distribution

        try:
            dist = distribution(PACKAGE)
            for f in dist.files or ():
                if f.name == f"{DICTIONARIES[0]}.dic":
                    dirs.append(Path(str(dist.locate_file(f))).resolve().parent)
        except PackageNotFoundError:
            pass
    except ImportError:  # pragma: no cover - importlib.metadata is in every supported Python
        pass
    bases = [sys.prefix, sys.exec_prefix, getattr(site, "USER_BASE", None) or ""]
    for scheme in sysconfig.get_scheme_names():
        try:
            bases.append(sysconfig.get_path("data", scheme))
        except KeyError:  # pragma: no cover - a scheme without a data path
            continue
    bases.append(sys.base_prefix)
    for base in bases:
        if base:
            dirs.append(Path(base) / "share" / "hunspell")
    return list(dict.fromkeys(dirs))


def find_dictionary(folder: str | Path | None = None) -> list[tuple[Path, Path]]:
    """The (.dic, .aff) pairs of hunspell-sv: in `folder` when given, else where it is installed.
    Raises DictionaryMissing when there is none."""
    for candidate in ([Path(folder)] if folder else dictionary_dirs()):
        pairs = [(candidate / f"{name}.dic", candidate / f"{name}.aff") for name in DICTIONARIES]
        pairs = [(dic, aff) for dic, aff in pairs if dic.is_file() and aff.is_file()]
        if pairs:
            return pairs
    raise DictionaryMissing(folder)


def dictionary_version() -> str:
    """The installed hunspell-sv version ("" if it is not installed as a package)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(PACKAGE)
    except PackageNotFoundError:
        return ""


# --- the words -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Lexicon:
    """A dictionary as words: each stem (entry) with every form it makes, in the dictionary's spelling."""

    entries: dict[str, tuple[str, ...]]  # stem -> its forms (the stem first, when it is a word)
    source: str = ""

    def __len__(self) -> int:
        return len(self.entries)


def expand_files(pairs: list[tuple[Path, Path]]) -> dict[str, tuple[str, ...]]:
    """Every stem of the .dic files with its forms; a stem listed twice (with other flags, or in
    both dictionaries) gets the union of its forms."""
    merged: dict[str, list[str]] = {}
    affs: dict[bytes, Affixes] = {}
    seen_lines: set[str] = set()  # the second dictionary repeats most lines of the first
    for dic, aff_path in pairs:
        aff_bytes = aff_path.read_bytes()
        aff = affs.get(aff_bytes)
        if aff is None:
            aff = affs[aff_bytes] = parse_aff(aff_bytes.decode("utf-8", errors="replace"))
        lines = dic.read_bytes().decode("utf-8", errors="replace").splitlines()
        fresh = [line for line in lines if line not in seen_lines]
        seen_lines.update(lines)
        for word, flags in read_dic("\n".join(fresh), aff):
            forms = aff.expand(word, flags)
            if not forms:
                continue
            known = merged.get(word)
            if known is None:
                merged[word] = forms
            else:
                known.extend(f for f in forms if f not in known)
    return {word: tuple(forms) for word, forms in merged.items()}


def dictionary_key(pairs: list[tuple[Path, Path]]) -> str:
    """A short hash of the dictionary files' bytes (for caches of what is made from them)."""
    from aligner import cache

    parts: list[bytes | str] = []
    for dic, aff in pairs:
        parts += [dic.name, dic.read_bytes(), aff.read_bytes()]
    return cache.key(*parts)


def load_lexicon(folder: str | Path | None = None) -> Lexicon:
    """The installed hunspell-sv dictionary (or the one in `folder`) as a Lexicon: every stem
    expanded into its forms (about three seconds). Raises DictionaryMissing when it is not installed."""
    pairs = find_dictionary(folder)
    return Lexicon(expand_files(pairs), str(pairs[0][0].parent))
