"""Rule lint: the dictionary words each glob term of the rules matches, checked against the examples
and a reviewed list; and the dictionary compounds no rule matches.

A term like `brott` in `stems:` is meant for brottslighet and våldsbrott, but it also matches
avbrott and genombrott; nobody can list such words from memory. The lint expands the Swedish
Hunspell dictionary (hunspell-sv, see hunspell.py) into every word form and asks the matcher's
own term index (terms.TermIndex, with the matcher's folding, terms.match_form) which forms each
term matches, leaving out what the rule's `unless_words` exclude. Words are reported per
dictionary entry ("hemtjänst" for hemtjänsten, hemtjänstens, ...).

A matched word is *covered* when one of its forms stands in an example sentence of the rule's
concept file (a cheap proxy for "somebody thought about this word"). The reviewed list
(rules/lint_reviewed.txt, written by `aligner rules lint --update` and read by a person in the
diff) records every match that has been looked at; tests/test_lint.py fails on a match missing
from it, so a new rule, or a new term in a rule, cannot quietly start matching words nobody saw.

This is tooling: aligner never reads the dictionary when it tags.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from aligner.hunspell import Lexicon
from aligner.model import Rule, RuleSet
from aligner.tagging.terms import Term, TermIndex, match_form, parse_term
from aligner.text import fold

REVIEWED_FILE = "lint_reviewed.txt"
CACHE_VERSION = "lint-words-1"  # change when WordIndex changes shape
GLOB_KINDS = ("prefix", "suffix", "infix")
_WORD = re.compile(r"\w+(?:[-\u00ad]\w+)*")
_NO_EXCLUSIONS = TermIndex()


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
        return sum(len(t.unreviewed) for t in self.terms)

    def to_dict(self) -> dict:
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
        from aligner.hunspell import dictionary_key, expand_files, find_dictionary

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


def _exclusions(rule: Rule) -> TermIndex:
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


def _excluded(index: TermIndex, form: str) -> bool:
    return index is not _NO_EXCLUSIONS and bool(index.keys_for(form))


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
            unless = exclusions[rule.id] = _exclusions(rule) if any(
                c.name == "unless_words" for c in rule.contexts) else _NO_EXCLUSIONS
        matched: set[str] = set()
        kept_out: set[str] = set()
        forms_left: dict[str, list[str]] = {}  # entry -> its forms that match and are not kept out
        for form in hits.get(str(n), ()):
            if _excluded(unless, form):
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
                                      and not _excluded(unless, f))
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


# --- compounds the rules miss ---------------------------------------------------------------------


@dataclass(slots=True)
class MissingReport:
    """Dictionary words with a given part, and those no rule matches."""

    part: str  # as term_spec writes it: "*omsorgs*"
    words: list[str]  # entries with a form that has the part
    missed: list[str]  # of those, entries none of whose forms with the part a rule matches
    matched_by: dict[str, list[str]] = field(default_factory=dict)  # the others -> the rules that match them

    def concepts(self, ruleset: RuleSet) -> dict[str, int]:
        """How many of the matched words each concept's rules match."""
        concept_of = {r.id: r.concept for r in ruleset.rules}
        counts: dict[str, int] = {}
        for rule_ids in self.matched_by.values():
            for cid in dict.fromkeys(concept_of.get(rid, "?") for rid in rule_ids):
                counts[cid] = counts.get(cid, 0) + 1
        return counts

    def to_dict(self) -> dict:
        return {"part": self.part, "words": len(self.words), "matched": len(self.words) - len(self.missed),
                "missed": self.missed, "matched_by": self.matched_by}


def part_term(part: str) -> Term:
    """A part as given on the command line: "omsorgs" or "omsorgs-" is anywhere in a word
    (*omsorgs*); with a '*' it is a glob ("omsorgs*": at the start)."""
    spec = part.strip().rstrip("-")
    if "*" not in spec:
        spec = f"*{spec}*"
    terms = parse_term(spec)
    if len(terms) != 1:
        raise ValueError(f"ange en del i taget, inte '{part}'")
    return terms[0]


def missing(ruleset: RuleSet, words: WordIndex, parts: Iterable[str],
            concepts: Iterable[str] | None = None) -> list[MissingReport]:
    """For each part, the dictionary entries with a form that has it and that no one-word term of a
    rule (of `concepts`, default all) matches, the rule's unless_words honoured."""
    wanted = set(concepts) if concepts else None
    rules = [r for r in ruleset.rules if wanted is None or r.concept in wanted]
    index = TermIndex()
    for rule in rules:
        terms = tuple(t for t in rule.single if t.kind != "lemma")
        if terms:
            index.add(rule.id, terms)
    exclusions = {r.id: _exclusions(r) for r in rules if any(c.name == "unless_words" for c in r.contexts)}
    out = []
    for part in parts:
        term = part_term(part)
        probe = TermIndex()
        probe.add("part", (term,))
        with_part: dict[str, set[str]] = {}  # entry -> the rules matching one of its forms with the part
        needle = term.value
        for form in words.owner:
            if needle not in form or not probe.keys_for(form):
                continue
            rule_ids = {rid for rid in index.keys_for(form) if not _excluded(exclusions.get(rid, _NO_EXCLUSIONS), form)}
            for entry in words.entries(form):
                with_part.setdefault(entry, set()).update(rule_ids)
        all_words = sorted(with_part)
        rank = {r.id: i for i, r in enumerate(rules)}
        out.append(MissingReport(term_spec(term), all_words, [w for w in all_words if not with_part[w]],
                                 {w: sorted(with_part[w], key=rank.__getitem__) for w in all_words if with_part[w]}))
    return out


# --- text for the terminal (Swedish) ------------------------------------------------------------

SAMPLE = 8


def _n(number: int) -> str:
    """A number with a thin space between thousands, the Swedish way: 265 440."""
    return f"{number:,}".replace(",", "\u202f")


def render_lint(report: LintReport, all_words: bool = False, sample: int = SAMPLE, new_only: bool = False) -> str:
    """The lint as text: per concept and rule, each term's count of dictionary words, how many an
    example covers, and a sample of the rest (all words with all_words). With new_only, only the
    terms with unreviewed matches, each with all of them: what to read before `--update`."""
    out = [f"Ordlista: {report.dictionary or 'hunspell-sv'}, {_n(report.entries)} ord i "
           f"{_n(report.forms)} böjningsformer. Termer: {_n(len(report.terms))}."]
    if report.reviewed_path is not None:
        state = "" if report.reviewed_exists else " (finns inte ännu)"
        out.append(f"Granskad lista: {report.reviewed_path}{state}")
    out.append("Per term: ord i ordlistan som termen matchar · hur många ett exempel i regelfilen täcker "
               "· ord som ingen har granskat.")
    concept = rule = None
    terms = [t for t in report.terms if t.unreviewed] if new_only else report.terms
    width = max((len(t.term) for t in terms), default=0)
    for t in terms:
        if t.concept != concept:
            concept, rule = t.concept, None
            out.append(f"\n{concept}")
        if t.rule_id != rule:
            rule = t.rule_id
            out.append(f"  {rule}")
        notes = []
        if t.phrase:
            notes.append("i en fras")
        if t.needs_context:
            notes.append("kräver sammanhang (only_*)")
        note = f"  [{', '.join(notes)}]" if notes else ""
        if not t.words:
            out.append(f"    {t.term:<{width}}  inget ord i ordlistan (stavfel, eller ett ord ordlistan saknar){note}")
            continue
        parts = [f"{_n(len(t.words))} ord", f"{_n(len(t.covered))} i exempel"]
        if not t.example_words:
            parts.append("inget exempel har termen")
        if t.excluded:
            parts.append(f"{_n(len(t.excluded))} hålls ute av unless_words")
        if t.partly_excluded:
            missed = ", ".join(f"{w} ({'/'.join(forms[:3])})" for w, forms in list(t.partly_excluded.items())[:3])
            parts.append(f"unless_words missar böjningar av {missed}")
        if t.unreviewed and report.reviewed_exists:
            parts.append(f"{_n(len(t.unreviewed))} nya")
        line = f"    {t.term:<{width}}  " + " · ".join(parts)
        if new_only:
            out.append(line + note)
            out += _wrapped(t.unreviewed, "      ")
            continue
        if all_words:
            out.append(line + note)
            new = set(t.unreviewed) if report.reviewed_exists else set()
            for w in t.words:
                mark = "ny" if w in new else ("ex" if w in t.covered else "")
                out.append(f"      {mark:<3}{w}")
            if t.excluded:
                out.append(f"      (unless_words håller ute: {', '.join(t.excluded)})")
            continue
        shown, more = t.sample(sample, report.reviewed_exists)
        if shown:
            line += ": " + ", ".join(shown) + (f" … (+{_n(more)})" if more else "")
        out.append(line + note)
    out.append("")
    out.append(_summary(report))
    return "\n".join(out)


def _summary(report: LintReport) -> str:
    s = report.to_dict()["summary"]
    text = (f"Sammanfattning: {_n(s['terms'])} termer matchar {_n(s['matches'])} ord i ordlistan; "
            f"{_n(s['matches'] - s['uncovered'])} av dem står i ett exempel. "
            f"{_n(s['terms_without_example'])} termer saknar exempel, {_n(s['terms_without_words'])} "
            "matchar inget ord i ordlistan.")
    if report.reviewed_path is None and not report.reviewed_exists:
        return text  # a lint without a reviewed list (the library, a test)
    name = report.reviewed_path.name if report.reviewed_path else REVIEWED_FILE
    if not report.reviewed_exists:
        return text + ("\nDen granskade listan finns inte: skapa den med `aligner rules lint --update` "
                       "och läs igenom den.")
    if report.stale:
        text += (f"\n{_n(len(report.stale))} rader i {name} matchar inte längre (en regel har "
                 "ändrats eller tagits bort); `aligner rules lint --update` tar bort dem.")
    if report.unreviewed:
        return text + (f"\n{_n(report.unreviewed)} nya träffar som ingen har granskat (se dem med "
                       "`aligner rules lint --new`). "
                       "Granska: rätta regeln om en träff är fel (unless_words, en snävare term), kör sedan "
                       f"`aligner rules lint --update` och läs diffen av {name} innan du "
                       "checkar in den.")
    return text + "\nInga nya träffar: alla är granskade."


def _wrapped(words: list[str], indent: str, width: int = 100) -> list[str]:
    """Words separated by commas, in lines of at most `width` characters."""
    lines: list[str] = []
    line = ""
    for w in words:
        if line and len(indent) + len(line) + len(w) + 2 > width:
            lines.append(indent + line.rstrip())
            line = ""
        line += f"{w}, "
    if line:
        lines.append(indent + line.rstrip(", "))
    return lines


def render_missing(reports: list[MissingReport], ruleset: RuleSet | None = None, all_words: bool = False) -> str:
    """Per part: how many dictionary words have it, which concepts' rules match them, and the words
    no rule matches (with all_words, also the matched words and their rules)."""
    out = []
    for r in reports:
        by_concept = ""
        if ruleset is not None and r.matched_by:
            counts = r.concepts(ruleset)
            by_concept = " (" + ", ".join(f"{cid} {_n(n)}" for cid, n in sorted(counts.items(),
                                                                                key=lambda kv: -kv[1])) + ")"
        out.append(f"{r.part}: {_n(len(r.words))} ord i ordlistan, {_n(len(r.words) - len(r.missed))} matchas "
                   f"av en regel{by_concept}, {_n(len(r.missed))} av ingen" + (":" if r.missed else "."))
        out += _wrapped(r.missed, "    ")
        if all_words and r.matched_by:
            out.append("  matchas av:")
            out.extend(f"    {w:<28} {', '.join(rule_ids)}" for w, rule_ids in r.matched_by.items())
    return "\n".join(out)
