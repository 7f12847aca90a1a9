"""Terms: how a rule names one word, and a fast index that says which terms a word matches.

A term is written the way rule authors think of Swedish words:

    trygghet       the whole word, exactly (after folding case and å/ä/ö)
    trygg*         a word that starts with "trygg"          (tryggare, trygghetsvandringar)
    *arbetslös*    "arbetslös" anywhere inside a word      (ungdomsarbetslösheten)
    *utsläpp       a word that ends with ...               (koldioxidutsläpp)
    a|b*           either alternative
    <lemma>        a word whose lookup lemma is "lemma"

Words and terms are compared folded (lower case, å/ä/ö -> a/a/o) and without hyphens, so
"Koldioxid-utsläppen", "koldioxidutslappen" and "KOLDIOXIDUTSLÄPPEN" are the same word.
Swedish compounds make "anywhere inside a word" the workhorse; the index answers it with a few
dictionary look-ups per word instead of one regular expression per term.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from aligner.text import fold


def match_form(text: str) -> str:
    """The form a word is compared in: folded, without hyphens and soft hyphens."""
    return fold(text).replace("-", "").replace("\u00ad", "").replace("\u2011", "")


@dataclass(frozen=True, slots=True)
class Term:
    """One alternative of a term: a string and where in the word it must stand."""

    kind: str  # "word" | "prefix" | "suffix" | "infix" | "lemma"
    value: str


def parse_term(spec: str) -> tuple[Term, ...]:
    """Parse 'a|b*|*c*|<d>' into its alternatives; raises ValueError on an empty part."""
    out = []
    for raw in spec.split("|"):
        part = raw.strip()
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


class TermIndex:
    """Maps keys to terms and answers, per word, the set of keys whose terms it matches."""

    def __init__(self) -> None:
        self._by_kind: dict[str, dict[str, set[str]]] = {
            k: defaultdict(set) for k in ("word", "prefix", "suffix", "infix", "lemma")
        }
        self._lengths: dict[str, set[int]] = {"prefix": set(), "suffix": set(), "infix": set()}
        self._cache: dict[tuple[str, str], frozenset[str]] = {}

    def add(self, key: str, terms: tuple[Term, ...]) -> None:
        """Register terms under a key (a key may collect several terms)."""
        for term in terms:
            self._by_kind[term.kind][term.value].add(key)
            if term.kind in self._lengths:
                self._lengths[term.kind].add(len(term.value))
        self._cache.clear()

    def keys_for(self, form: str, lemma: str = "") -> frozenset[str]:
        """Keys whose terms match a word given in match form (see match_form) and its lemma."""
        cache_key = (form, lemma)
        hit = self._cache.get(cache_key)
        if hit is None:
            hit = self._cache[cache_key] = frozenset(self._lookup(form, lemma))
        return hit

    def _lookup(self, form: str, lemma: str) -> set[str]:
        found: set[str] = set()
        found |= self._by_kind["word"].get(form, set())
        if lemma:
            found |= self._by_kind["lemma"].get(lemma, set())
        prefixes, suffixes = self._by_kind["prefix"], self._by_kind["suffix"]
        for n in self._lengths["prefix"]:
            if n <= len(form):
                found |= prefixes.get(form[:n], set())
        for n in self._lengths["suffix"]:
            if n <= len(form):
                found |= suffixes.get(form[-n:], set())
        infixes = self._by_kind["infix"]
        for n in self._lengths["infix"]:
            for i in range(len(form) - n + 1):
                keys = infixes.get(form[i : i + n])
                if keys:
                    found |= keys
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
