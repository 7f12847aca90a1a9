"""Rule lint: the dictionary words each glob term of the rules matches, checked against the examples
and a reviewed list; and the dictionary compounds no rule matches.

A term like `brott` in `stems:` is meant for brottslighet and våldsbrott, but it also matches
avbrott and genombrott; nobody can list such words from memory. The lint expands the Swedish
Hunspell dictionary (hunspell-sv, see hunspell.py here) into every word form and asks the matcher's
own term index (terms.TermIndex, with the matcher's folding, terms.match_form) which forms each
term matches, leaving out what the rule's `unless_words` exclude. Words are reported per
dictionary entry ("hemtjänst" for hemtjänsten, hemtjänstens, ...).

A matched word is *covered* when one of its forms stands in an example sentence of the rule's
concept file (a cheap proxy for "somebody thought about this word"). The reviewed list
(rules/lint_reviewed.txt, written by `aligner rules lint --update` and read by a person in the
diff) records every match that has been looked at; tests/test_lint.py fails on a match missing
from it, so a new rule, or a new term in a rule, cannot quietly start matching words nobody saw.

This is tooling: aligner never reads the dictionary when it tags.
`aligner rules missing` (the compounds no rule matches) is aligner.lint.missing; the text for the
terminal aligner.lint.text.

"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from aligner.lint.hunspell import Lexicon
from aligner.model import Rule, RuleSet
from aligner.tagging.terms import NAME, Term, TermIndex, match_form
from aligner.text import fold

REVIEWED_FILE = "lint_reviewed.txt"
CACHE_VERSION = "lint-words-1"  # change when WordIndex changes shape
GLOB_KINDS = ("prefix", "suffix", "infix")
_WORD = re.compile(r"\w+(?:[-\u00ad]\w+)*")
NO_EXCLUSIONS = TermIndex()


def term_spec(term: Term) -> str:
    """A term written as in a rule file (in its folded form): "*brott*", "vålds*" -> "valds*", "*vald"."""
    if term.kind == "infix":
        return f"*{term.value}*"
    if term.kind == "prefix":
        return f"{term.value}*"
    if term.kind == "suffix":
        return f"*{term.value}"
    if term.kind == "lemma":
        return f"<{term.value}>"
    if term.kind == "name":
        return NAME
    return term.value


@dataclass(slots=True)
class TermReport:
    """What one glob term of one rule matches in the dictionary."""

    concept: str
    rule_id: str
    term: str  # as term_spec writes it
    phrase: bool  # a position of a phrase: it matches only beside the phrase's other words
    needs_context: bool  # the rule counts only with an only_near / only_with word
    words: list[str] = field(default_factory=list)  # dictionary entries matched, sorted
    covered: set[str] = field(default_factory=set)  # of those, entries with a form in an example
    example_words: list[str] = field(default_factory=list)  # words of the concept's examples it matches
    excluded: list[str] = field(default_factory=list)  # entries the rule's unless_words keep out
    # Entries unless_words keep out in some forms but not in others, with the forms still matched:
    # unless_words: [avbrott] leaves "avbrottet" matching (write avbrott* for every form).
    partly_excluded: dict[str, list[str]] = field(default_factory=dict)
    unreviewed: list[str] = field(default_factory=list)  # words not in the reviewed list

    @property
    def uncovered(self) -> list[str]:
        """Matched words no example of the concept has."""
        return [w for w in self.words if w not in self.covered]

    def sample(self, n: int, reviewed: bool = False) -> tuple[list[str], int]:
        """The words most worth a look, and how many more there are: with a reviewed list, the
        words not yet reviewed first; then words no example has, shortest first (a short word is
        usually a common one: "avbrott" before "strömavbrottsrisk"), names (Brottby) last."""
        new = set(self.unreviewed) if reviewed else set()
        pool = [w for w in self.words if w in new or w not in self.covered]
        return sorted(pool, key=lambda w: (w not in new, w[:1].isupper(), len(w), w))[:n], max(len(pool) - n, 0)

    def to_dict(self) -> dict:
        """JSON form."""
        return {
            "concept": self.concept, "rule": self.rule_id, "term": self.term, "phrase": self.phrase,
            "needs_context": self.needs_context, "words": self.words, "covered": sorted(self.covered),
            "uncovered": self.uncovered, "example_words": self.example_words, "excluded": self.excluded,
            "partly_excluded": self.partly_excluded,
            "unreviewed": self.unreviewed,
        }


@dataclass(slots=True)
class LintReport:
    """The lint of a rule set against a dictionary."""

    terms: list[TermReport]
    entries: int  # dictionary entries
    forms: int  # distinct word forms (folded)
    dictionary: str  # "hunspell-sv 2026.10.25"
    reviewed_path: Path | None = None
    reviewed_exists: bool = False
    # Lines of the reviewed list (of the rules looked at) that no term matches any more: a rule was
    # narrowed or removed. Harmless, but `--update` clears them.
    stale: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def unreviewed(self) -> int:
        """How many matched words of all terms the reviewed list does not hold yet."""
        return sum(len(t.unreviewed) for t in self.terms)

    def to_dict(self) -> dict:
        """JSON form (`rules lint --format json`)."""
        return {
            "dictionary": {"name": self.dictionary, "entries": self.entries, "forms": self.forms},
            "reviewed": str(self.reviewed_path) if self.reviewed_path else None,
            "terms": [t.to_dict() for t in self.terms],
            "stale": [" ".join(t) for t in self.stale],
            "summary": {
                "terms": len(self.terms),
                "matches": sum(len(t.words) for t in self.terms),
                "uncovered": sum(len(t.uncovered) for t in self.terms),
                "terms_without_example": sum(1 for t in self.terms if t.words and not t.example_words),
                "terms_without_words": sum(1 for t in self.terms if not t.words),
                "unreviewed": self.unreviewed,
                "stale": len(self.stale),
            },
        }


class WordIndex:
    """The dictionary's word forms folded the matcher's way, and the entries each form belongs to."""

    def __init__(self, lexicon: Lexicon):
        flat: list[str] = []
        owners: list[str] = []
        for entry, forms in lexicon.entries.items():
            kept = [f for f in forms if _is_word(f)]
            flat += kept
            owners += [entry] * len(kept)
        # Folded in one go: fold() keeps lengths and match_form only drops hyphens, so the joined
        # text splits back into the same forms (one pass in C instead of a million calls).
        folded = match_form("\n".join(flat)).split("\n")
        self.owner: dict[str, str] = dict(zip(folded, owners, strict=True))  # form -> an entry (the last)
        self.others: dict[str, list[str]] = {}  # form -> its other entries (homographs: "lider")
        if len(self.owner) < len(folded):
            from collections import Counter

            shared = {form for form, n in Counter(folded).items() if n > 1}
            for form, entry in zip(folded, owners, strict=True):
                if form in shared and entry != self.owner[form]:
                    known = self.others.setdefault(form, [])
                    if entry not in known:
                        known.append(entry)
        self.entry_count = len(lexicon.entries)

    @classmethod
    def load(cls, folder: str | Path | None = None) -> WordIndex:
        """The word index of the installed hunspell-sv (or the dictionary in `folder`): built once
        (expanding the dictionary takes seconds), then read from aligner's cache, keyed by the
        dictionary files' bytes. Raises hunspell.DictionaryMissing when there is none."""
        import pickle

        from aligner import cache
        from aligner.lint.hunspell import dictionary_key, expand_files, find_dictionary

        pairs = find_dictionary(folder)
        name = f"lint-words-{cache.key(CACHE_VERSION, dictionary_key(pairs))}.pickle"
        data = cache.read(name)
        if data is not None:
            try:
                index = pickle.loads(data)
                if isinstance(index, WordIndex):
                    return index
            except Exception:  # a broken or stale entry is simply rebuilt
                pass
        index = cls(Lexicon(expand_files(pairs), str(pairs[0][0].parent)))
        cache.write(name, pickle.dumps(index, protocol=pickle.HIGHEST_PROTOCOL))
        return index

    def entries(self, form: str) -> list[str]:
        """The entries a folded form belongs to."""
        first = self.owner.get(form)
        if first is None:
            return []
        return [first, *self.others.get(form, ())]


def _is_word(form: str) -> bool:
    """A single word of letters, hyphens inside allowed: not "1080p", "t.ex.", "digital-" or "Baby Semp"."""
    return form.isalpha() or (form[:1] != "-" and form[-1:] != "-" and form.replace("-", "").isalpha())


@dataclass(frozen=True, slots=True)
class _LintTerm:
    rule: Rule
    term: Term
    phrase: bool


def _glob_terms(rules: Iterable[Rule], phrases: bool) -> list[_LintTerm]:
    out: list[_LintTerm] = []
    for rule in rules:
        seen: set[Term] = set()
        for term in rule.single:
            if term.kind in GLOB_KINDS and term not in seen:
                seen.add(term)
                out.append(_LintTerm(rule, term, False))
        for phrase in rule.phrases if phrases else ():
            for terms, _optional in phrase:
                for term in terms:
                    if term.kind in GLOB_KINDS and term not in seen:
                        seen.add(term)
                        out.append(_LintTerm(rule, term, True))
    return out


def exclusions_of(rule: Rule) -> TermIndex:
    """The rule's unless_words as an index (one-word entries; a lemma needs a lemma table and is
    left out, like a word sequence, which cannot apply to one word)."""
    index = TermIndex()
    for context in rule.contexts:
        if context.name != "unless_words":
            continue
        for sequence in context.words:
            if len(sequence) == 1:
                index.add("x", tuple(t for t in sequence[0] if t.kind != "lemma"))
    return index


def is_excluded(index: TermIndex, form: str) -> bool:
    """True when a rule's unless_words (`index`) exclude the word form."""
    return index is not NO_EXCLUSIONS and bool(index.keys_for(form))


def example_forms(ruleset: RuleSet) -> dict[str, set[str]]:
    """Per concept, the folded words of its rule file's examples (match and no_match)."""
    return {c.id: {match_form(w) for e in c.examples for w in _WORD.findall(fold(e.text))} for c in ruleset.concepts}


def lint(ruleset: RuleSet, words: WordIndex, reviewed: set[tuple[str, str, str]] | None = None,
         concepts: Iterable[str] | None = None, dictionary: str = "", phrases: bool = False) -> LintReport:
    """Every glob term of the rules (of `concepts`, default all) with the dictionary words it matches.

    One-word terms only, unless `phrases`: a glob in a phrase ("säkra *miljöer") matches only beside
    the phrase's other words, so the words it matches alone say little (and "*a" matches 100,000).

    `reviewed` holds (rule id, term, word) triples accepted earlier (see read_reviewed); a match
    missing from it is listed in the term's `unreviewed`. None means there is no reviewed list.
    """
    wanted = set(concepts) if concepts else None
    rules = [r for r in ruleset.rules if wanted is None or r.concept in wanted]
    lint_terms = _glob_terms(rules, phrases)
    index = TermIndex()
    for n, item in enumerate(lint_terms):
        index.add(str(n), (item.term,))
    # One walk per form through the matcher's own index: prefixes, suffixes and stems together.
    hits: dict[str, list[str]] = {}
    lookup = index._lookup  # no cache: every form is asked once
    for form in words.owner:
        for key in lookup(form, ""):
            hits.setdefault(key, []).append(form)
    examples = example_forms(ruleset)
    # An entry is covered when one of its forms stands in an example of the concept.
    example_entries = {cid: {e for f in forms for e in words.entries(f)} for cid, forms in examples.items()}
    exclusions: dict[str, TermIndex] = {}
    reports: list[TermReport] = []
    for n, item in enumerate(lint_terms):
        rule = item.rule
        unless = exclusions.get(rule.id)
        if unless is None:
            unless = exclusions[rule.id] = exclusions_of(rule) if any(
                c.name == "unless_words" for c in rule.contexts) else NO_EXCLUSIONS
        matched: set[str] = set()
        kept_out: set[str] = set()
        forms_left: dict[str, list[str]] = {}  # entry -> its forms that match and are not kept out
        for form in hits.get(str(n), ()):
            if is_excluded(unless, form):
                kept_out.update(words.entries(form))
                continue
            for entry in words.entries(form):
                matched.add(entry)
                forms_left.setdefault(entry, []).append(form)
        concept_examples = examples.get(rule.concept, set())
        report = TermReport(
            concept=rule.concept, rule_id=rule.id, term=term_spec(item.term), phrase=item.phrase,
            needs_context=any(c.name.startswith("only_") for c in rule.contexts),
            words=sorted(matched), excluded=sorted(kept_out - matched),
            partly_excluded={e: sorted(forms_left[e]) for e in sorted(kept_out & matched)},
        )
        report.covered = matched & example_entries[rule.concept]
        report.example_words = sorted(f for f in concept_examples if str(n) in index.keys_for(f)
                                      and not is_excluded(unless, f))
        if item.phrase:
            report.unreviewed = []  # a phrase's globs are shown, not reviewed (see above)
        elif reviewed is None:
            report.unreviewed = list(report.words)
        else:
            report.unreviewed = [w for w in report.words if (rule.id, report.term, w) not in reviewed]
        reports.append(report)
    stale: list[tuple[str, str, str]] = []
    if reviewed:
        listed = {(t.rule_id, t.term, w) for t in reports if not t.phrase for w in t.words}
        known = {r.id for r in ruleset.rules}
        looked_at = {r.id for r in rules}
        stale = sorted(t for t in reviewed - listed if t[0] in looked_at or (wanted is None and t[0] not in known))
    return LintReport(reports, words.entry_count, len(words.owner), dictionary, reviewed_exists=reviewed is not None,
                      stale=stale)


# --- the reviewed list ---------------------------------------------------------------------------

_REVIEWED_HEADER = """\
# Dictionary words the glob terms of the rules match (aligner rules lint), looked at by a person.
# One line per match: rule id, term (folded: å/ä/ö -> a/a/o), dictionary word.
# tests/test_lint.py fails when a term matches a word that is not here. To accept new matches:
#   aligner rules lint --update     then read the diff of this file, fix the rules where a match
#   is wrong (unless_words, a narrower term), and commit the list.
"""


def reviewed_path(rules_dir: str | Path) -> Path:
    """Where a rule folder's reviewed list lives."""
    return Path(rules_dir) / REVIEWED_FILE


def read_reviewed(path: str | Path) -> set[tuple[str, str, str]] | None:
    """The (rule id, term, word) triples of a reviewed list; None if the file does not exist."""
    lines = reviewed_lines(path)
    return None if lines is None else set(lines)


def reviewed_lines(path: str | Path) -> list[tuple[str, str, str]] | None:
    """The (rule id, term, word) triples of a reviewed list in file order; None if there is no file."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    out = []
    for line in text.splitlines():
        parts = line.split()
        if len(parts) == 3 and not line.startswith("#"):
            out.append((parts[0], parts[1], parts[2]))
    return out


def format_reviewed(report: LintReport, keep: Iterable[tuple[str, str, str]] = (),
                    rule_ids: Iterable[str] | None = None) -> str:
    """The reviewed list for a lint report: every match of a one-word term, grouped by rule (in
    `rule_ids` order, default the report's) and term (in rule-file order), words sorted.

    `keep` carries lines, in their old order, of rules the report did not look at (`--update
    --concept X` leaves the other concepts' lines as they were, in their place); lines of a rule
    that is not in `rule_ids` are dropped.
    """
    by_rule: dict[str, list[str]] = {}
    for t in report.terms:
        if not t.phrase:
            lines = by_rule.setdefault(t.rule_id, [])
            lines += [f"{t.rule_id} {t.term} {w}\n" for w in t.words]
    linted = set(by_rule)
    for rule_id, term, word in keep:
        if rule_id not in linted:
            by_rule.setdefault(rule_id, []).append(f"{rule_id} {term} {word}\n")
    order = list(rule_ids) if rule_ids is not None else list(by_rule)
    out = [_REVIEWED_HEADER + f"# Dictionary: {report.dictionary}\n"]
    for rule_id in order:
        out += list(dict.fromkeys(by_rule.get(rule_id, ())))
    return "".join(out)
