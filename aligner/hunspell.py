"""A Hunspell dictionary read as words and their inflected forms: a tooling resource for rule authors.

aligner never reads a dictionary when it tags: `aligner rules lint` and `aligner rules missing`
(see lint.py) use the Swedish dictionary of the `hunspell-sv` package to show rule authors which
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
"""

from __future__ import annotations

import re
import site
import sys
import sysconfig
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from aligner.errors import AlignerError

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


# --- the .aff file -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AffixRule:
    """One line of an SFX/PFX block: strip `strip`, add `add`, where the word matches `condition`."""

    strip: str
    add: str
    condition: str  # Hunspell's condition syntax: letters, [abc], [^abc] and '.' for any letter
    continuation: frozenset[str] = frozenset()  # flags the affixed form carries ("0/WXZ")


def split_flags(text: str, flag_format: str = "char") -> list[str]:
    """A flag field split into flags: "ADHXY" (char, UTF-8), "AaBb" (long), "1,23,4" (num)."""
    if flag_format == "long":
        return [text[i : i + 2] for i in range(0, len(text), 2)]
    if flag_format == "num":
        return [part.strip() for part in text.split(",") if part.strip()]
    return list(text)


def _condition(cond: str) -> tuple[str, int]:
    """Hunspell's condition ("[^aeo]n", "mel", ".") as a regular expression, and how many letters it spans."""
    if cond in ("", "."):
        return "", 0
    out = []
    width = 0
    i = 0
    while i < len(cond):
        ch = cond[i]
        if ch == "[":
            end = cond.find("]", i + 1)
            if end < 0:
                raise ValueError(f"ogiltigt villkor '{cond}'")
            body = cond[i + 1 : end]
            negate = body.startswith("^")
            chars = "".join(re.escape(c) for c in (body[1:] if negate else body))
            out.append(f"[{'^' if negate else ''}{chars}]")
            i = end + 1
        else:
            out.append("." if ch == "." else re.escape(ch))
            i += 1
        width += 1
    return "".join(out), width


@dataclass(slots=True)
class AffixClass:
    """All rules of one flag: a suffix (SFX) or a prefix (PFX) class."""

    flag: str
    suffix: bool
    cross_product: bool
    rules: list[AffixRule] = field(default_factory=list)
    # Per rule: (strip, add, continuation flags, condition as a regular expression).
    _compiled: list[tuple[str, str, frozenset[str], re.Pattern | None]] = field(default_factory=list)
    reach: int = 0  # how many letters at the word's edge the rules look at

    def compile(self) -> None:
        """Compile the conditions (after the last rule is added)."""
        self._compiled = []
        self.reach = 0
        for rule in self.rules:
            pattern, width = _condition(rule.condition)
            regex = None
            if pattern:
                regex = re.compile(f"(?:{pattern})$" if self.suffix else pattern)
            self._compiled.append((rule.strip, rule.add, rule.continuation, regex))
            self.reach = max(self.reach, width, len(rule.strip))

    def changes(self, word: str, full_strip: bool) -> list[tuple[int, str, frozenset[str]]]:
        """The rules that apply to a word, each as (letters stripped, letters added, continuation flags)."""
        out = []
        n = len(word)
        for strip, add, continuation, regex in self._compiled:
            k = len(strip)
            if k > n or (k == n and not full_strip):
                continue
            if self.suffix:
                if (strip and not word.endswith(strip)) or (regex is not None and regex.search(word) is None):
                    continue
            elif (strip and not word.startswith(strip)) or (regex is not None and regex.match(word) is None):
                continue
            out.append((k, add, continuation))
        return out


@dataclass(slots=True)
class Affixes:
    """What a .aff file says about words: its affix classes and the flags that decide what a word is."""

    flag_format: str = "char"  # "char" | "long" | "num" | "UTF-8"
    suffixes: dict[str, AffixClass] = field(default_factory=dict)
    prefixes: dict[str, AffixClass] = field(default_factory=dict)
    aliases: list[frozenset[str]] = field(default_factory=list)  # AF: flag sets named 1, 2, ...
    need_affix: str | None = None  # NEEDAFFIX: a stem (or form) that is no word without another affix
    only_in_compound: str | None = None  # ONLYINCOMPOUND: a form used only inside compounds ("trygghets-")
    forbidden: str | None = None  # FORBIDDENWORD
    full_strip: bool = False  # FULLSTRIP: a rule may strip the whole word
    not_alone: frozenset[str] = frozenset()  # the three flags above that exist in the file
    _memo: dict[tuple[int, str], list[tuple[int, str, frozenset[str]]]] = field(default_factory=dict)

    def parse_flags(self, text: str) -> frozenset[str]:
        """A flag field of the .dic or .aff file as a set of flags, in this file's FLAG format."""
        text = text.strip()
        if not text:
            return frozenset()
        if self.aliases and text.isdigit():
            n = int(text)
            return self.aliases[n - 1] if 1 <= n <= len(self.aliases) else frozenset()
        return frozenset(split_flags(text, self.flag_format))

    def one_flag(self, text: str) -> str:
        """The flag argument of NEEDAFFIX, ONLYINCOMPOUND, FORBIDDENWORD."""
        flags = split_flags(text.strip(), self.flag_format)
        return flags[0] if flags else text.strip()

    def apply(self, cls: AffixClass, word: str) -> list[tuple[str, frozenset[str]]]:
        """The forms an affix class makes of a word, each with its continuation flags.

        The rules look at most `reach` letters into the word, so what applies depends only on the
        word's edge one letter wider than that (so a rule never strips a whole edge that is not the
        whole word): the answer is remembered per class and edge, and most of 280,000 stems share
        their endings with thousands of others.
        """
        edge = word[-cls.reach - 1 :] if cls.suffix else word[: cls.reach + 1]
        key = (id(cls), edge)
        changes = self._memo.get(key)
        if changes is None:
            changes = self._memo[key] = cls.changes(edge, self.full_strip)
        if cls.suffix:
            return [(word[: len(word) - k] + add, cont) for k, add, cont in changes]
        return [(add + word[k:], cont) for k, add, cont in changes]

    def is_word(self, flags: frozenset[str]) -> bool:
        """Does a stem or form with these flags stand alone as a word?"""
        return not flags or self.not_alone.isdisjoint(flags)

    def expand(self, word: str, flags: frozenset[str]) -> list[str]:
        """A stem and every form its affix flags make of it, without forms that are no word alone
        (NEEDAFFIX, ONLYINCOMPOUND); nothing for a FORBIDDENWORD."""
        if self.forbidden is not None and self.forbidden in flags:
            return []
        out = [word] if self.is_word(flags) else []
        if not flags:
            return out
        suffixed: list[tuple[str, AffixClass]] = []
        flags_in_order = sorted(flags)  # a frozenset's order changes from run to run
        for flag in flags_in_order:
            cls = self.suffixes.get(flag)
            if cls is None:
                continue
            for form, cont in self.apply(cls, word):
                if self.only_in_compound is not None and self.only_in_compound in cont:
                    continue  # "trygghets" as the first part of a compound
                if self.is_word(cont):
                    out.append(form)
                if cls.cross_product:
                    suffixed.append((form, cls))
                for second in sorted(cont) if cont else ():  # a suffix on the suffix (continuation class)
                    cls2 = self.suffixes.get(second)
                    if cls2 is not None:
                        out.extend(f for f, c in self.apply(cls2, form) if self.is_word(c))
        for flag in flags_in_order if self.prefixes else ():
            cls = self.prefixes.get(flag)
            if cls is None:
                continue
            for form, cont in self.apply(cls, word):
                if self.is_word(cont):
                    out.append(form)
                for second in sorted(cont) if cont else ():
                    cls2 = self.suffixes.get(second)
                    if cls2 is not None:
                        out.extend(f for f, c in self.apply(cls2, form) if self.is_word(c))
            if cls.cross_product:  # prefix and suffix together
                for form, _sfx in suffixed:
                    out.extend(f for f, c in self.apply(cls, form) if self.is_word(c))
        return list(dict.fromkeys(out))


def parse_aff(text: str) -> Affixes:
    """Read the parts of an .aff file that say which words a stem makes (see the module doc)."""
    aff = Affixes()
    alias_header = False
    pending: list[tuple[str, list[str]]] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        parts = line.split()
        key = parts[0]
        if key == "FLAG" and len(parts) > 1:
            aff.flag_format = {"long": "long", "num": "num", "UTF-8": "UTF-8"}.get(parts[1], "char")
        elif key == "AF" and len(parts) > 1:
            if not alias_header:
                alias_header = True  # "AF 5": the number of aliases that follow
            else:
                pending.append(("AF", parts))
        elif key in ("SFX", "PFX", "NEEDAFFIX", "ONLYINCOMPOUND", "FORBIDDENWORD"):
            pending.append((key, parts))
        elif key == "FULLSTRIP":
            aff.full_strip = True
    # Flags are read once the FLAG format is known (it may stand anywhere before its first use).
    for key, parts in pending:
        if key == "AF":
            aff.aliases.append(frozenset(split_flags(parts[1], aff.flag_format)))
    for key, parts in pending:
        if key == "NEEDAFFIX" and len(parts) > 1:
            aff.need_affix = aff.one_flag(parts[1])
        elif key == "ONLYINCOMPOUND" and len(parts) > 1:
            aff.only_in_compound = aff.one_flag(parts[1])
        elif key == "FORBIDDENWORD" and len(parts) > 1:
            aff.forbidden = aff.one_flag(parts[1])
        elif key in ("SFX", "PFX") and len(parts) >= 4:
            _affix_line(aff, key == "SFX", parts)
    for cls in (*aff.suffixes.values(), *aff.prefixes.values()):
        cls.compile()
    aff.not_alone = frozenset(f for f in (aff.need_affix, aff.only_in_compound, aff.forbidden) if f is not None)
    return aff


def _affix_line(aff: Affixes, suffix: bool, parts: list[str]) -> None:
    classes = aff.suffixes if suffix else aff.prefixes
    flag = aff.one_flag(parts[1])
    cls = classes.get(flag)
    if cls is None:  # the header: "SFX D Y 3" (flag, cross product, number of rules)
        classes[flag] = AffixClass(flag, suffix, parts[2] == "Y")
        return
    strip = "" if parts[2] == "0" else parts[2]
    add, _, cont = parts[3].partition("/")
    add = "" if add == "0" else add
    condition = parts[4] if len(parts) > 4 else "."
    cls.rules.append(AffixRule(strip, add, condition, aff.parse_flags(cont) if cont else frozenset()))


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
