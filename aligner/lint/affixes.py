"""A Hunspell .aff file: flag formats and aliases, prefix and suffix classes with their strip, add,
continuation flags and conditions, and the expansion of a stem into its inflected forms
(`Affixes.expand`). The .dic file and the dictionary as words are in aligner.lint.hunspell."""

from __future__ import annotations

import re
from dataclasses import dataclass, field


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
