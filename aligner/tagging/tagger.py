"""The tagger: texts in, tags with evidence out. Build one Tagger per run and feed it in batches."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from aligner.model import (
    Evidence,
    Horizon,
    Plan,
    Suppressed,
    Tag,
    TaggedPlan,
    TaggedStatement,
    TagResult,
)
from aligner.tagging.pipeline import COMPONENT, DANGLING_KEY, MATCHES_KEY, build_nlp, dangling_head
from aligner.tagging.rules import Rule, RuleSet, load_rules
from aligner.tagging.terms import TermIndex, match_form
from aligner.tagging.timeframe import find_frames, horizon_from_cells, horizon_from_frames

TIME_CONCEPT = "tidshorisont_2027"
_YEARISH = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")

_CONTEXT_REASONS = {
    "unless_words": "ordet är undantaget",
    "unless_preceded_by": "undantag före",
    "unless_followed_by": "undantag efter",
    "unless_near": "undantag i närheten",
    "unless_with": "undantag i meningen",
    "only_near": "kräver ett ord i närheten",
    "only_with": "kräver ett ord i meningen",
}


class Tagger:
    """Tags statements against a rule set; the spaCy pipeline is built once, here."""

    def __init__(self, ruleset: RuleSet | None = None):
        self.ruleset = ruleset or load_rules()
        self.nlp = build_nlp(self.ruleset)
        self._rules: dict[str, Rule] = {r.id: r for r in self.ruleset.rules}
        self._order = {c.id: i for i, c in enumerate(self.ruleset.concepts)}
        lemmas = self.nlp.get_pipe(COMPONENT).lemmas
        self._header_roles: dict = {}  # column header -> its time-frame role (see timeframe.header_role)
        self._contexts = _ContextIndex(self.ruleset.rules, self.nlp.vocab.strings, lemmas)

    def tag_texts(self, texts: Iterable[str], batch_size: int = 256) -> Iterator[TagResult]:
        """One TagResult per text, in order (a generator: feed it as many texts as you like)."""
        # as_tuples carries each text beside its Doc: Doc.text would rebuild it from the tokens.
        for doc, text in self.nlp.pipe(((t, t) for t in texts), as_tuples=True, batch_size=batch_size):
            yield self._result(doc, text)

    def tag_text(self, text: str) -> TagResult:
        """Tag one text."""
        return next(self.tag_texts([text]))

    def tag_plan(self, plan: Plan) -> TaggedPlan:
        """Tag every statement of a plan; a year in a deadline or target column counts as its horizon."""
        results = self.tag_texts(s.text for s in plan.statements)
        tagged = tuple(
            TaggedStatement(s, self._with_cells(r, s.cells)) for s, r in zip(plan.statements, results, strict=True)
        )
        return TaggedPlan(plan, tagged)

    def _with_cells(self, result: TagResult, cells: tuple[tuple[str, str], ...]) -> TagResult:
        if result.horizon.status == "within" or not cells:
            return result
        horizon = horizon_from_cells(cells, self.ruleset.timeframe, self._header_roles)
        if horizon.status == "none" or (horizon.status == "beyond" and result.horizon.status == "beyond"):
            return result
        tags = list(result.tags)
        if horizon.status == "within" and TIME_CONCEPT not in result.concepts:
            tags.append(Tag(TIME_CONCEPT, (horizon.evidence,)))
            tags.sort(key=lambda t: self._order.get(t.concept, 99))
        return TagResult(tuple(tags), horizon, result.suppressed)

    def _result(self, doc, text: str) -> TagResult:
        found: dict[str, list[Evidence]] = {}
        suppressed: list[Suppressed] = []
        tokens = None
        words = None
        may_dangle = doc.user_data[DANGLING_KEY]
        for rule_id, start, end in doc.user_data[MATCHES_KEY]:
            rule = self._rules[rule_id]
            if may_dangle and doc[end - 1].text.endswith("-"):  # the evidence runs to the word completing it
                tokens = tokens or list(doc)
                head = dangling_head(tokens, end - 1)
                end = end if head is None else head + 1
            reason = None
            if rule.contexts:
                if words is None:
                    words, memo = self._contexts.word_keys(doc.to_array("ORTH").tolist()), {}
                reason = self._contexts.blocked(rule, words, start, end, memo)
            s_char, e_char = doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)
            matched = text[s_char:e_char]
            if reason:
                suppressed.append(Suppressed(rule.concept, rule.id, matched, s_char, e_char, reason))
                continue
            found.setdefault(rule.concept, []).append(Evidence(rule.id, matched, s_char, e_char))
        horizon = Horizon()
        if _YEARISH.search(text):
            frames = find_frames(doc, self.ruleset.timeframe)
            horizon = horizon_from_frames(text, frames, self.ruleset.timeframe)
        if horizon.status == "within" and horizon.evidence:
            found.setdefault(TIME_CONCEPT, []).insert(0, horizon.evidence)
        elif TIME_CONCEPT in found:
            first = found[TIME_CONCEPT][0]
            horizon = Horizon("within", None, first)
        tags = tuple(
            Tag(concept, tuple(_dedupe(ev)))
            for concept, ev in sorted(found.items(), key=lambda kv: self._order.get(kv[0], 99))
        )
        return TagResult(tags, horizon, tuple(suppressed))


def _dedupe(evidence: list[Evidence]) -> list[Evidence]:
    """Evidence sorted by place, without a span repeated or contained in another of the same rule."""
    out: list[Evidence] = []
    for ev in sorted(evidence, key=lambda e: (e.start, -(e.end - e.start), e.rule_id)):
        if any(o.start <= ev.start and ev.end <= o.end and (o.rule_id == ev.rule_id or o.text == ev.text)
               for o in out):
            continue
        out.append(ev)
    return out


class _ContextIndex:
    """Evaluates the exclusions and required contexts of rules (unless_*, only_*) over word ids."""

    def __init__(self, rules: Iterable[Rule], strings, lemmas: dict[str, str]):
        self.index = TermIndex()
        self.strings = strings
        self.lemmas = lemmas
        self._by_orth: dict[int, frozenset[str]] = {}
        # Per (rule, context): the term keys of each word sequence, position by position.
        self._sequences: dict[tuple[str, str], tuple[tuple[tuple[str, ...], ...], int]] = {}
        for rule in rules:
            for context in rule.contexts:
                # All one-word entries share one key (one look-up per word); sequences get their own.
                single = f"{rule.id}:{context.name}"
                sequences: list[tuple[str, ...]] = []
                for n, sequence in enumerate(context.words):
                    if len(sequence) == 1:
                        self.index.add(single, sequence[0])
                        if (single,) not in sequences:
                            sequences.insert(0, (single,))
                        continue
                    keys = tuple(f"{single}#{n}.{pos}" for pos in range(len(sequence)))
                    for key, terms in zip(keys, sequence, strict=True):
                        self.index.add(key, terms)
                    sequences.append(keys)
                extra = max(len(seq) for seq in context.words) - 1
                self._sequences[rule.id, context.name] = (tuple(sequences), extra)

    def _keys(self, orth: int) -> frozenset[str]:
        keys = self._by_orth.get(orth)
        if keys is None:
            text = self.strings[orth]
            lemma = self.lemmas.get(text) or self.lemmas.get(text.lower(), "")
            keys = self._by_orth[orth] = self.index.keys_for(match_form(text), match_form(lemma))
        return keys

    def word_keys(self, orths: list[int]) -> list[frozenset[str]]:
        """The context keys of every word of a statement (computed once per statement)."""
        by_orth = self._by_orth
        return [by_orth.get(orth) or self._keys(orth) for orth in orths]

    def _has(self, words: list[frozenset[str]], sequences: tuple[tuple[str, ...], ...], lo: int, hi: int,
             memo: dict) -> bool:
        n = len(words)
        lo, hi = max(lo, 0), min(max(hi, 0), n)
        for keys in sequences:
            first = keys[0]
            if len(keys) == 1:
                if lo == 0 and hi == n:  # the whole statement: one set of keys per statement
                    if "all" not in memo:
                        memo["all"] = set().union(*words)
                    if first in memo["all"]:
                        return True
                else:
                    for ks in words[lo:hi]:
                        if first in ks:
                            return True
                continue
            for i in range(lo, hi - len(keys) + 1):
                if first in words[i] and all(keys[pos] in words[i + pos] for pos in range(1, len(keys))):
                    return True
        return False

    def blocked(self, rule: Rule, words: list[frozenset[str]], start: int, end: int, memo: dict) -> str | None:
        """The reason a match of `rule` on words start..end does not count, or None if it counts.

        `words` are the statement's word keys (see word_keys); `memo` is shared by its matches."""
        n = len(words)
        for context in rule.contexts:
            name, w = context.name, context.window
            if name == "unless_words":
                lo, hi = start, end
            elif name == "unless_preceded_by":
                lo, hi = start - w, start
            elif name == "unless_followed_by":
                lo, hi = end, end + w
            elif name in ("unless_with", "only_with"):
                lo, hi = 0, n
            else:  # unless_near, only_near
                lo, hi = start - w, end + w
            sequences, extra = self._sequences[rule.id, name]
            # A word sequence that starts inside the window counts, even if it runs past its end.
            present = self._has(words, sequences, lo, hi + extra, memo)
            if present == name.startswith("unless"):
                return _CONTEXT_REASONS[name]
        return None


def tag_plan(plan: Plan, tagger: Tagger | None = None) -> TaggedPlan:
    """Tag a plan with a given tagger (or one built from the shipped rules)."""
    return (tagger or Tagger()).tag_plan(plan)

