"""`aligner rules missing`: the dictionary compounds with a given part ("omsorgs") that no rule
matches, and which rules match the others; the words come from aligner.lint.matches' WordIndex."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from aligner.lint.matches import NO_EXCLUSIONS, WordIndex, exclusions_of, is_excluded, term_spec
from aligner.model import RuleSet
from aligner.tagging.terms import Term, TermIndex, parse_term


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
        """JSON form (`rules missing --format json`)."""
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
    exclusions = {r.id: exclusions_of(r) for r in rules if any(c.name == "unless_words" for c in r.contexts)}
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
            rule_ids = {rid for rid in index.keys_for(form)
                        if not is_excluded(exclusions.get(rid, NO_EXCLUSIONS), form)}
            for entry in words.entries(form):
                with_part.setdefault(entry, set()).update(rule_ids)
        all_words = sorted(with_part)
        rank = {r.id: i for i, r in enumerate(rules)}
        out.append(MissingReport(term_spec(term), all_words, [w for w in all_words if not with_part[w]],
                                 {w: sorted(with_part[w], key=rank.__getitem__) for w in all_words if with_part[w]}))
    return out
