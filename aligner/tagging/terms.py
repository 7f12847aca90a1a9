"""Terms: how a rule names one word, and a fast index that says which terms a word matches.

A term is written the way rule authors think of Swedish words:

    trygghet       the whole word, exactly (after folding case and å/ä/ö)
    trygg*         a word that starts with "trygg"          (tryggare, trygghetsvandringar)
    *arbetslös*    "arbetslös" anywhere inside a word      (ungdomsarbetslösheten)
    *utsläpp       a word that ends with ...               (koldioxidutsläpp)
    a|b*           either alternative
    <lemma>        a word whose lookup lemma is "lemma"
    {namn}         a name: a word written with a capital letter inside the statement (NSVA, Region),
                   only as the last word of a phrase ("övning med {namn}"); see is_name

Words and terms are compared folded (lower case, å/ä/ö -> a/a/o) and without hyphens, so
"Koldioxid-utsläppen", "koldioxidutslappen" and "KOLDIOXIDUTSLÄPPEN" are the same word.
Swedish compounds make "anywhere inside a word" the workhorse; the index answers it with a few
dictionary look-ups per word instead of one regular expression per term.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from aligner.text import fold


def match_form(text: str) -> str:
    """The form a word is compared in: folded, without hyphens and soft hyphens, and without the
    period of a word the tokenizer keeps whole as an abbreviation: spaCy's Swedish exceptions make
    "el." one token, so "drivas med el." at a statement's end would otherwise never match "el"."""
    text = fold(text)
    if text[-1:] == "." and text[:-1].isalpha():
        text = text[:-1]
    if "-" in text:
        text = text.replace("-", "")
    if not text.isascii():
        text = text.replace("\u00ad", "").replace("\u2011", "")
    return text


@dataclass(frozen=True, slots=True)
class Term:
    """One alternative of a term: a string and where in the word it must stand."""

    kind: str  # "word" | "prefix" | "suffix" | "infix" | "lemma" | "name"
    value: str


NAME = "{namn}"  # how a rule writes the name term
NAME_TERM = Term("name", "namn")


def is_name(text: str) -> bool:
    """Is a word written as a name: a capital first letter and another letter after it ("NSVA",
    "Region", "Sydvatten")? Where it stands (not first in a statement written in capitals) is the
    matcher's to check."""
    if len(text) < 2 or not text[0].isupper() or not any(ch.isalpha() for ch in text[1:]):
        return False
    # "AI-stöd", "IT-systemet", "EU-medel": an abbreviation joined to a common noun is no name.
    head, dash, tail = text.rpartition("-")
    return not (dash and head and tail[:1].islower())


_REGEX_LIKE = re.compile(r"[\\()\[\]{}+?^$]")


def parse_term(spec: str) -> tuple[Term, ...]:
    """Parse 'a|b*|*c*|<d>' into its alternatives; raises ValueError on an empty part."""
    out = []
    for raw in spec.split("|"):
        part = raw.strip()
        if part.lower() == NAME:
            out.append(NAME_TERM)
            continue
        if _REGEX_LIKE.search(part):  # "\d{4}", "(a+)+$": a literal word that never matches
            raise ValueError(f"'{part}' ser ut som ett reguljärt uttryck, men regler tar ord: skriv orden (a|b), "
                             "*stam* för en del av ett ord eller <lemma>")
        if part.startswith("<") and part.endswith(">"):
            value = match_form(part[1:-1])
            kind = "lemma"
        else:
            starts, ends = part.startswith("*"), part.endswith("*")
            value = match_form(part.strip("*"))
            kind = {(False, False): "word", (False, True): "prefix", (True, False): "suffix"}.get(
                (starts, ends), "infix"
            )
        if not value or not any(ch.isalnum() for ch in value):
            raise ValueError(f"tom eller ogiltig term i '{spec}'")
        out.append(Term(kind, value))
    return tuple(out)


_LETTER = re.compile(r"[^\W\d_]")
_NONE: frozenset[str] = frozenset()
_END = ""  # the trie key that holds the term keys of a term ending at this node (never a character)


def _trie_add(trie: dict, text: str, key: str) -> None:
    node = trie
    for ch in text:
        node = node.setdefault(ch, {})
    node.setdefault(_END, set()).add(key)


def _trie_walk(trie: dict, text: str, start: int, found: set[str], step: int = 1) -> None:
    """Collect the keys of every term that `text` spells from `start` on (backwards with step -1)."""
    node: dict | None = trie
    i = start
    while node is not None and 0 <= i < len(text):
        node = node.get(text[i])
        if node is None:
            return
        ends = node.get(_END)
        if ends:
            found |= ends
        i += step


class TermIndex:
    """Maps keys to terms and answers, per word, the set of keys whose terms it matches.

    Whole words and lemmas are dictionary look-ups; prefixes, suffixes and stems inside words are
    walks in a character trie from each position, which usually stop after a letter or two.
    """

    def __init__(self) -> None:
        self._words: dict[str, set[str]] = defaultdict(set)
        self._lemmas: dict[str, set[str]] = defaultdict(set)
        self._prefixes: dict = {}
        self._suffixes: dict = {}  # reversed terms, walked from a word's end
        self._infixes: dict = {}
        self._cache: dict[tuple[str, str], frozenset[str]] = {}
        self._letterless = False  # is a term without letters ("2030") indexed?
        self.name_keys: frozenset[str] = _NONE  # keys holding the name term: the matcher adds them per word

    def add(self, key: str, terms: tuple[Term, ...]) -> None:
        """Register terms under a key (a key may collect several terms)."""
        for term in terms:
            if term.kind != "name" and not _LETTER.search(term.value):
                self._letterless = True
            if term.kind == "name":
                self.name_keys = self.name_keys | {key}
            elif term.kind == "word":
                self._words[term.value].add(key)
            elif term.kind == "lemma":
                self._lemmas[term.value].add(key)
            elif term.kind == "prefix":
                _trie_add(self._prefixes, term.value, key)
            elif term.kind == "suffix":
                _trie_add(self._suffixes, term.value[::-1], key)
            else:
                _trie_add(self._infixes, term.value, key)
        self._cache.clear()

    def keys_for(self, form: str, lemma: str = "") -> frozenset[str]:
        """Keys whose terms match a word given in match form (see match_form) and its lemma."""
        if not lemma and not self._letterless and not _LETTER.search(form):
            return _NONE  # "2026-12-31", "17.2)", "90": no term has a chance
        cache_key = (form, lemma)
        hit = self._cache.get(cache_key)
        if hit is None:
            hit = self._cache[cache_key] = frozenset(self._lookup(form, lemma))
        return hit

    def _lookup(self, form: str, lemma: str) -> set[str]:
        found: set[str] = set(self._words.get(form, ()))
        if lemma:
            found |= self._lemmas.get(lemma, set())
        if self._prefixes:
            _trie_walk(self._prefixes, form, 0, found)
        if self._suffixes:
            _trie_walk(self._suffixes, form, len(form) - 1, found, step=-1)
        infixes = self._infixes
        if infixes:
            # _trie_walk from every position, inlined: most positions end at their first letter.
            n = len(form)
            for i in range(n):
                node = infixes.get(form[i])
                j = i + 1
                while node is not None:
                    ends = node.get(_END)
                    if ends:
                        found |= ends
                    if j == n:
                        break
                    node = node.get(form[j])
                    j += 1
        return found

    def infix_hits_crossing(self, head: str, tail: str) -> set[str]:
        """Keys of prefix/infix terms that start in `head` and run on into `tail`.

        Used for a dangling compound part: in "klimat- och energiplanen" the words
        "klimat" + "planen" form "klimatplanen"; every split of the tail is tried.
        """
        found: set[str] = set()
        for i in range(1, len(tail)):
            word = head + tail[i:]
            for key in self._lookup(word, ""):
                found.add(key)
        return found
