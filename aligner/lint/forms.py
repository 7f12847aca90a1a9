"""`aligner rules forms`: the inflected forms a phrase's whole words leave out.

A phrase lists its words as written: "kunna|få välja" matches "få välja" but not "får välja", and
"vägar till arbete" not "väg till arbete". Nobody lists every form from memory, and three rounds of
harvested plans showed misses of exactly that kind ("har haft arbete", "får välja själv"). The lemma
table aligner already ships (spacy-lookups-data's Swedish lookup, 660,000 forms) knows each word's
inflections: for every whole word in a phrase's position, the forms of its lemma that no term of the
position matches are listed, so a rule author can add them, write a glob, or write the lemma (`<få>`).
A form is listed only when the Swedish dictionary (hunspell-sv, see matches.WordIndex) puts it in the
same entry as the rule's word: the lemma table alone holds archaic and odd rows ("beslote" under
"besluta", "dator" under "data"), and hunspell's entries alone hold derivations ("automatisk" under
"automat"); together they are the word's inflections. A word of several lemmas ("för": föra, för) is
left out, and so are function words and numerals (the table gives them other words' lemmas) and the
forms a phrase rarely needs: genitives, an adjective's comparison and its "-e" form. This is tooling: aligner never
reads the full table or the dictionary when it tags.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from aligner.lint.matches import WordIndex, term_spec
from aligner.model import RuleSet
from aligner.tagging.terms import Term, TermIndex, match_form

MIN_LENGTH = 2  # one letter ("i", "å") is a function word; "få", "ha" and "gå" are the verbs that matter most
# Function words and numerals, whose "lemmas" in the table are other words ("med": mede, "som": somna, "två":
# tvätta, "fler": mången): their forms are never what a phrase left out. Folded.
FUNCTION_WORDS = frozenset(
    "med som fran vid hos att sin sitt sina om ur genom vill fler flera for till pa av i och eller men samt "
    "mot under efter over utan inom mellan kring enligt bland hela alla allt annan annat andra nagon nagot "
    "nagra varje var vart vara den det de dem deras dess han hon vi ni oss er mig dig sig en ett tva tre "
    "fyra fem sex sju atta nio tio elva tolv bada bagge".split())


@dataclass(frozen=True, slots=True)
class FormGap:
    """One whole word of a phrase and the forms of its dictionary entry the position does not match."""

    concept: str
    rule_id: str
    phrase: str  # the phrase as its terms write it, folded: "kunna|fa valja"
    position: int  # 1-based
    word: str  # folded, as the rule writes it
    entry: str  # its lemma, folded: "fa"
    missing: tuple[str, ...]  # folded forms, sorted

    def to_dict(self) -> dict:
        """JSON form (`rules forms --json`)."""
        return {"concept": self.concept, "rule": self.rule_id, "phrase": self.phrase, "position": self.position,
                "word": self.word, "entry": self.entry, "missing": list(self.missing)}


@dataclass(frozen=True, slots=True)
class Paradigms:
    """Folded forms and lemmas of a lemma table, both ways."""

    lemmas_of: dict[str, frozenset[str]]  # form -> its lemmas
    forms_of: dict[str, frozenset[str]]  # lemma -> its forms (the lemma itself among them)

    @classmethod
    def from_table(cls, table: dict[str, str]) -> Paradigms:
        """From rows form -> lemma, as spacy-lookups-data writes them."""
        lemmas_of: dict[str, set[str]] = {}
        forms_of: dict[str, set[str]] = {}
        for form, lemma in table.items():
            f, lemma_form = match_form(form), match_form(lemma)
            lemmas_of.setdefault(f, set()).add(lemma_form)
            forms_of.setdefault(lemma_form, {lemma_form}).add(f)
        return cls({k: frozenset(v) for k, v in lemmas_of.items()}, {k: frozenset(v) for k, v in forms_of.items()})

    @classmethod
    def load(cls) -> Paradigms:
        """The Swedish lemma table of spacy-lookups-data (a few seconds)."""
        import gzip
        import json
        from importlib import resources

        source = resources.files("spacy_lookups_data") / "data" / "sv_lemma_lookup.json.gz"
        with source.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as f:
            return cls.from_table(json.load(f))

    def paradigm(self, word: str) -> tuple[str, frozenset[str]] | None:
        """A folded word's one lemma and that lemma's forms; None for a word of no or several lemmas."""
        # Folding makes homographs ("vag": väg, våg, vag, a form of våga): a word of two lemmas is left out.
        lemmas = self.lemmas_of.get(word, frozenset()) | ({word} if word in self.forms_of else frozenset())
        if len(lemmas) != 1:
            return None
        (lemma,) = lemmas
        return lemma, self.forms_of.get(lemma, frozenset({lemma}))


def _spec(position: tuple[tuple[Term, ...], bool]) -> str:
    terms, optional = position
    return "|".join(term_spec(t) for t in terms) + ("?" if optional else "")


def form_gaps(ruleset: RuleSet, paradigms: Paradigms, words: WordIndex,
              concepts: Iterable[str] | None = None) -> list[FormGap]:
    """The forms every phrase position's whole words leave out, rule by rule (of `concepts`, default all)."""
    wanted = set(concepts) if concepts else None
    gaps: list[FormGap] = []
    for rule in ruleset.rules:
        if wanted is not None and rule.concept not in wanted:
            continue
        for phrase in rule.phrases:
            text = " ".join(_spec(p) for p in phrase)
            for n, (terms, _optional) in enumerate(phrase, 1):
                if any(t.kind == "lemma" for t in terms):
                    continue  # a lemma already stands for every form
                index = TermIndex()
                index.add("p", tuple(t for t in terms if t.kind != "name"))
                lemmas_seen: set[str] = set()  # "hanteras|hanterats": one line for the lemma hantera
                for term in terms:
                    if term.kind != "word" or len(term.value) < MIN_LENGTH:
                        continue
                    found = None if term.value in FUNCTION_WORDS else paradigms.paradigm(term.value)
                    if found is None or found[0] in lemmas_seen:
                        continue
                    lemma, forms = found
                    lemmas_seen.add(lemma)
                    entries = set(words.entries(term.value))
                    missing = sorted(
                        f for f in forms if not index.keys_for(f) and entries.intersection(words.entries(f))
                        and not _rarely_wanted(f, lemma, term.value, entries, words))
                    if missing:
                        gaps.append(FormGap(rule.concept, rule.id, text, n, term.value, lemma, tuple(missing)))
    return gaps


def _rarely_wanted(form: str, lemma: str, word: str, entries: set[str], words: WordIndex) -> bool:
    """Forms a phrase almost never needs: a genitive ("polisens", unless the rule's word is one), an
    adjective's comparison ("tryggare", "tryggast") or masculine form ("trygge")."""
    if form.endswith("s") and not word.endswith("s") and entries.intersection(words.entries(form[:-1])):
        return True
    if form.endswith(("are", "ast", "aste")) and not lemma.endswith(("are", "ast", "aste")):
        return True
    return form == lemma + "e"


def render_forms(gaps: list[FormGap]) -> str:
    """The gaps for the terminal, in Swedish: per rule, each phrase word with the forms it leaves out."""
    if not gaps:
        return "Inga luckor: varje helt ord i fraserna har alla sina böjningsformer (eller ett lemma)."
    lines: list[str] = []
    rule = phrase = None
    for gap in gaps:
        if gap.rule_id != rule:
            rule = gap.rule_id
            lines += ["", f"{gap.concept} · {gap.rule_id}"]
            phrase = None
        if gap.phrase != phrase:
            phrase = gap.phrase
            lines.append(f"  fras: {gap.phrase}")
        lines.append(f"    ord {gap.position} {gap.word} ({gap.entry}) saknar: {', '.join(gap.missing)}")
    rules = len({g.rule_id for g in gaps})
    lines += ["", f"Sammanfattning: {len(gaps)} ord i {rules} regler saknar böjningsformer. Lägg till de former "
              "som hör hemma i frasen, skriv ett mönster (väg*) eller lemmat (<väg>)."]
    return "\n".join(lines[1:])
