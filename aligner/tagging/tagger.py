"""The tagger: texts in, tags with evidence out. Build one Tagger per run and feed it in batches."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from aligner.model import (
    Evidence,
    Horizon,
    Plan,
    Rule,
    RuleSet,
    Suppressed,
    Tag,
    TaggedPlan,
    TaggedStatement,
    TagResult,
    Timeframe,
)
from aligner.runtime import paused_gc
from aligner.tagging.hyphens import dangling_head
from aligner.tagging.pipeline import COMPONENT, DANGLING_KEY, MATCHES_KEY, WORDS_KEY, build_nlp
from aligner.tagging.rules import load_rules
from aligner.tagging.terms import Term, match_form
from aligner.tagging.timecells import header_role, horizon_from_cells
from aligner.tagging.timeframe import find_frames, horizon_from_frames, may_hold_year

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
        strings = self.nlp.vocab.strings
        # The matcher names rules by their hash in the vocabulary's strings.
        self._rules: dict[int, Rule] = {strings.add(r.id): r for r in self.ruleset.rules}
        self._order = {c.id: i for i, c in enumerate(self.ruleset.concepts)}
        self._time_concept = self.ruleset.time_concept  # None: the rule set has no time-horizon concept
        self._header_roles: dict = {}  # column header -> its time-frame role (see timecells.header_role)
        self._timed_headers: dict[str, bool] = {}  # column header -> is it a deadline or target column
        self._cell_horizons: dict[tuple[tuple[str, str], ...], Horizon] = {}  # those columns' cells -> horizon
        self._contexts = _ContextIndex(self.ruleset.rules, self.nlp.get_pipe(COMPONENT).collect)

    def tag_texts(self, texts: Iterable[str], batch_size: int = 256) -> Iterator[TagResult]:
        """One TagResult per text, in order (a generator: feed it as many texts as you like)."""
        return self._tag(((t, ()) for t in texts), batch_size)

    def tag_text(self, text: str) -> TagResult:
        """Tag one text."""
        return next(self.tag_texts([text]))

    def tag_plan(self, plan: Plan) -> TaggedPlan:
        """Tag every statement of a plan; a year in a deadline or target column counts as its horizon.

        The names the plan claims ("Koppling till målbild: …") become concept ids of the rule set here."""
        plan = resolve_claims(plan, self.ruleset)
        statements = plan.statements
        with paused_gc():
            results = self._tag(((s.text, s.cells) for s in statements), 256)
            return TaggedPlan(plan, tuple(map(TaggedStatement, statements, results)))

    def _tag(self, items: Iterable[tuple[str, tuple[tuple[str, str], ...]]], batch_size: int) -> Iterator[TagResult]:
        """(text, table-row cells) in, TagResult out, in order."""
        # as_tuples carries each text and its cells beside its Doc: Doc.text would rebuild the text.
        for doc, (text, cells) in self.nlp.pipe(((t, (t, c)) for t, c in items), as_tuples=True,
                                                batch_size=batch_size):
            yield self._result(doc, text, cells)

    @property
    def _timeframe(self) -> Timeframe:
        """The rule set's time frame; horizons are only sought when it has one (see `_time_concept`)."""
        timeframe = self.ruleset.timeframe
        assert timeframe is not None, "no time-horizon concept in the rule set"
        return timeframe

    def _cells_horizon(self, cells: tuple[tuple[str, str], ...]) -> Horizon:
        # Only deadline and target columns count; their values repeat from row to row ("2026-12-31").
        known = self._timed_headers
        timed = []
        for cell in cells:
            is_timed = known.get(cell[0])
            if is_timed is None:
                is_timed = self._timed_column(cell[0])
            if is_timed:
                timed.append(cell)
        if not timed:
            return _NO_HORIZON
        key = tuple(timed)
        horizon = self._cell_horizons.get(key)
        if horizon is None:
            if len(self._cell_horizons) >= 4096:
                self._cell_horizons.clear()
            horizon = self._cell_horizons[key] = horizon_from_cells(key, self._timeframe, self._header_roles)
        return horizon

    def _timed_column(self, header: str) -> bool:
        timed = self._timed_headers.get(header)
        if timed is None:
            role, _ = header_role(header, self._timeframe)
            timed = self._timed_headers[header] = role in ("deadline", "target")
        return timed

    def _horizon(self, doc, text: str, cells: tuple[tuple[str, str], ...], found: dict[str, list[Evidence]],
                 time_concept: str) -> Horizon:
        """The statement's time frame; a frame within the horizon adds its evidence to `found`."""
        horizon = _NO_HORIZON
        if may_hold_year(text):
            frames = find_frames(doc, self._timeframe)
            horizon = horizon_from_frames(text, frames, self._timeframe)
        if horizon.status == "within" and horizon.evidence:
            found.setdefault(time_concept, []).insert(0, horizon.evidence)
        elif time_concept in found:
            horizon = Horizon("within", None, found[time_concept][0])
        elif cells and horizon.status != "within":
            # A year in a deadline column ("Klart senast") or a target column's header ("Målvärde 2027").
            from_cells = self._cells_horizon(cells)
            if from_cells.status == "within" or (from_cells.status == "beyond" and horizon.status != "beyond"):
                horizon = from_cells
                if from_cells.status == "within" and from_cells.evidence is not None:
                    found[time_concept] = [from_cells.evidence]
        return horizon

    def _result(self, doc, text: str, cells: tuple[tuple[str, str], ...] = ()) -> TagResult:
        found: dict[str, list[Evidence]] = {}
        suppressed: list[Suppressed] = []
        user_data = doc.user_data
        matches = user_data[MATCHES_KEY]
        if matches:
            tokens = None
            words = None  # the statement's word ids, in order and as a set (for contexts)
            may_dangle = user_data[DANGLING_KEY]
            rules = self._rules
            for rule_hash, start, end in matches:
                rule = rules[rule_hash]
                if may_dangle and doc[end - 1].text.endswith("-"):  # the evidence runs to the word completing it
                    tokens = tokens or list(doc)
                    head = dangling_head(tokens, end - 1)
                    end = end if head is None else head + 1
                reason = None
                if rule.contexts:
                    if words is None:
                        words, orths = user_data[WORDS_KEY]
                    # A word broken at a line break ("klimat-\nneutral") is judged whole by unless_words,
                    # not by its first half ("klimat", which the rule may exclude on its own).
                    whole = (match_form(doc[start].text + doc[end - 1].text)
                             if end - start > 1 and doc[start].text.endswith("-") else None)
                    reason = self._contexts.blocked(rule, words, orths, start, end, whole)
                s_char = doc[start].idx
                last = doc[end - 1]
                e_char = last.idx + len(last.text)
                matched = text[s_char:e_char]
                if reason:
                    suppressed.append(Suppressed(rule.concept, rule.id, matched, s_char, e_char, reason))
                    continue
                evidence = Evidence(rule.id, matched, s_char, e_char)
                if rule.concept in found:
                    found[rule.concept].append(evidence)
                else:
                    found[rule.concept] = [evidence]
        horizon = _NO_HORIZON
        time_concept = self._time_concept
        if time_concept is not None:  # a rule set without a time-horizon concept reads no years
            horizon = self._horizon(doc, text, cells, found, time_concept)
        if not found:
            return TagResult((), horizon, tuple(suppressed)) if suppressed or horizon is not _NO_HORIZON else _EMPTY
        order = self._order
        tags = tuple(
            Tag(concept, (ev[0],)) if len(ev) == 1
            else Tag(concept, tuple(_dedupe(ev)), tuple(dict.fromkeys(e.rule_id for e in ev)))
            for concept, ev in sorted(found.items(), key=lambda kv: order.get(kv[0], 99))
        )
        return TagResult(tags, horizon, tuple(suppressed))


_NO_HORIZON = Horizon()
_EMPTY = TagResult((), _NO_HORIZON, ())


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
    """Evaluates the exclusions and required contexts of rules (unless_*, only_*) over word ids.

    Each context key (one word of a context, or one position of a word sequence) keeps the set of
    word ids seen that match it, so asking "is one of them in this window?" is one set operation
    in C, whatever the number of words and keys.
    """

    def __init__(self, rules: Iterable[Rule], collect: Callable[[str, tuple[Term, ...], tuple[set[int], ...]], None]):
        """`collect(key, terms, word_sets)` is the rule matcher's: it adds the id of every word it
        sees that matches one of the terms to each of the sets."""
        self._words_with: dict[str, set[int]] = {}  # context key -> ids of the words that match it
        # Per rule: for each context, (is it unless_*, its name, its window, its word sequences as
        # sets of word ids position by position, how far a sequence may run past the window, reason).
        self._checks: dict[str, tuple] = {}
        self._unless_words: dict[str, tuple[Term, ...]] = {}  # for words broken across tokens
        for rule in rules:
            excluded = tuple(t for c in rule.contexts if c.name == "unless_words" for t in c.terms)
            if excluded:
                self._unless_words[rule.id] = excluded
            checks = []
            rule_words: set[int] = set()  # ids of the words seen that match any context of the rule
            terms: dict[str, list[Term]] = {}
            for context in rule.contexts:
                # All one-word entries share one key (one look-up per word); sequences get their own.
                single = f"{rule.id}:{context.name}"
                sequences: dict[tuple[str, ...], tuple[set[int], ...]] = {}
                for n, sequence in enumerate(context.words):
                    keys = (single,) if len(sequence) == 1 else tuple(
                        f"{single}#{n}.{pos}" for pos in range(len(sequence)))
                    for key, position in zip(keys, sequence, strict=True):
                        terms.setdefault(key, []).extend(position)
                    sequences[keys] = tuple(self._words_with.setdefault(key, set()) for key in keys)
                extra = max(len(seq) for seq in context.words) - 1
                # One-word entries first: the cheapest check.
                ordered = tuple(sorted(sequences.values(), key=len))
                checks.append((context.name.startswith("unless"), context.name, context.window, ordered, extra,
                               _CONTEXT_REASONS[context.name]))
            for key, key_terms in terms.items():
                collect(key, tuple(key_terms), (self._words_with[key], rule_words))
            if checks:
                # Without any of its context words in the statement, the first only_* decides.
                absent = next((reason for unless, *_, reason in checks if not unless), None)
                self._checks[rule.id] = (tuple(checks), rule_words, absent)

    def blocked(self, rule: Rule, words: list[int], orths: set[int], start: int, end: int,
                whole: str | None = None) -> str | None:
        """The reason a match of `rule` on words start..end does not count, or None if it counts.

        `words` are the statement's word ids in order and `orths` the same as a set; `whole` is the
        match form of a word broken across tokens, which unless_words then judges instead."""
        checks, rule_words, absent = self._checks[rule.id]
        if whole is not None:
            excluded = self._unless_words.get(rule.id)
            if excluded and any(_term_hit(t, whole) for t in excluded):
                return _CONTEXT_REASONS["unless_words"]
        if rule_words.isdisjoint(orths):
            return absent
        n = len(words)
        for unless, name, w, sequences, extra, reason in checks:
            if name == "unless_words":
                if whole is not None:
                    continue
                lo, hi = start, end
            elif name == "unless_preceded_by":
                lo, hi = start - w, start
            elif name == "unless_followed_by":
                lo, hi = end, end + w
            elif name in ("unless_with", "only_with"):
                lo, hi = 0, n
            else:  # unless_near, only_near
                lo, hi = start - w, end + w
            # A word sequence that starts inside the window counts, even if it runs past its end.
            if _present(words, orths, sequences, max(lo, 0), min(hi + extra, n)) == unless:
                return reason
        return None


def _term_hit(term: Term, form: str) -> bool:
    """Does a folded word match a term (lemma terms are judged by the word ids, not here)?"""
    kind, value = term.kind, term.value
    if kind == "word":
        return form == value
    if kind == "prefix":
        return form.startswith(value)
    if kind == "suffix":
        return form.endswith(value)
    return kind == "infix" and value in form


def _present(words: list[int], orths: set[int], sequences: tuple[tuple[set[int], ...], ...], lo: int,
             hi: int) -> bool:
    """Does one of the word sequences (sets of word ids, by position) start at lo.. and end by hi?"""
    for seq in sequences:
        first = seq[0]
        if first.isdisjoint(orths):
            continue
        if len(seq) == 1:
            if lo == 0 and hi == len(words):
                return True
            if not first.isdisjoint(words[lo:hi]):
                return True
            continue
        for i in range(lo, hi - len(seq) + 1):
            if words[i] in first and all(words[i + pos] in seq[pos] for pos in range(1, len(seq))):
                return True
    return False


def tag_plan(plan: Plan, tagger: Tagger | None = None) -> TaggedPlan:
    """Tag a plan with a given tagger (or one built from the shipped rules)."""
    return (tagger or Tagger()).tag_plan(plan)


def resolve_claims(plan, ruleset):
    """The plan with each statement's claimed names turned into concept ids of the rule set.

    A name the rule set does not know is a warning naming the statement's place and the known
    titles; the statement keeps the names it does know."""
    from dataclasses import replace

    known = ", ".join(c.title for c in ruleset.concepts)
    order = ruleset.ids
    warnings = list(plan.warnings)
    statements = []
    changed = False
    for s in plan.statements:
        if not s.claimed:
            statements.append(s)
            continue
        ids: list[str] = []
        for name in s.claimed:
            cid = name if name in order else ruleset.concept_for_name(name)
            if cid is None:
                warnings.append(f"{s.ref}: okänt begrepp '{name}' i kopplingen för {s.id} (känner till {known})")
            elif cid not in ids:
                ids.append(cid)
        ids.sort(key=order.index)
        if tuple(ids) != s.claimed:
            s = replace(s, claimed=tuple(ids))
            changed = True
        statements.append(s)
    if not changed and len(warnings) == len(plan.warnings):
        return plan
    return replace(plan, statements=tuple(statements), warnings=tuple(warnings))
