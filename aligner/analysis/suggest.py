"""Suggestions for gaps: for each concept no goal serves, the goals that come closest and example wordings.

A suggestion is a hint to the planner, never coverage: `suggest` reads the tagged plan and the
coverage and adds no tag. A goal comes close to a concept when

- a word in the goal, or in one of its activities or indicators, is one of the concept's
  `related` terms in the rule file (words that point towards the concept without earning a tag);
- a rule of the concept matched there but an exclusion cancelled it (`TagResult.suppressed`);
- for the time-horizon concept (the one whose rule file has `timeframe:`): the goal (or its
  activity) has a time frame, but only beyond the horizon's last year.

Statements that serve the concept but belong to no goal (`without_goal` in the coverage) are named
too: linking one of them to a goal, or writing a goal from it, is the shortest way to close the gap.
The example wordings come from the concept's `match` examples, goal-like sentences ("… ska …") first.
"""

from __future__ import annotations

import re

from aligner.model import Concept, Coverage, Example, GoalHint, Hint, RuleSet, Suggestion, TaggedPlan, TaggedStatement
from aligner.tagging.terms import TermIndex, match_form

MAX_GOALS = 3
MAX_EXAMPLES = 2

# How much a hint weighs when the words stand in the goal itself; in an activity or indicator, one less.
_WEIGHT: dict[str, int] = {"suppressed": 3, "horizon": 3, "related": 2}
_WORD = re.compile(r"\w[\w\u00ad-]*\w|\w")
# A goal is written as a state to reach: "Otryggheten ska minska", "Fler … ska få …".
_GOAL_LIKE = re.compile(r"\bska\b", re.IGNORECASE)
_NOT_GOAL_START = ("andel", "antal", "antalet")


def suggest(tagged: TaggedPlan, coverage: Coverage, ruleset: RuleSet) -> tuple[Suggestion, ...]:
    """One Suggestion per gap concept (in rule-set order); never adds a tag or changes coverage."""
    goals = [s for s in tagged.statements if s.statement.kind == "goal"]
    goal_ids = {g.statement.id for g in goals}
    children: dict[str, list[TaggedStatement]] = {}
    for s in tagged.statements:
        if s.statement.kind != "goal" and s.statement.parent in goal_ids:
            children.setdefault(s.statement.parent, []).append(s)
    out = []
    for cid in coverage.gaps:
        concept = ruleset.concept(cid)
        index = _related_index(concept)
        ranked = []
        for order, goal in enumerate(goals):
            hints = _goal_hints(concept, index, goal, children.get(goal.statement.id, []), ruleset)
            if hints:
                score = sum(_weight(h, goal.statement.id) for h in hints)
                ranked.append((-score, order, GoalHint(goal.statement.id, score, hints)))
        ranked.sort(key=lambda item: item[:2])
        out.append(Suggestion(
            concept=cid,
            title=concept.title,
            goals=tuple(item[2] for item in ranked[:MAX_GOALS]),
            without_goal=coverage.concept(cid).without_goal,
            examples=example_wordings(concept),
        ))
    return tuple(out)


def _weight(hint: Hint, goal_id: str) -> int:
    return _WEIGHT[hint.kind] - (0 if hint.statement == goal_id else 1)


def _goal_hints(concept: Concept, index: TermIndex | None, goal: TaggedStatement,
                kids: list[TaggedStatement], ruleset: RuleSet) -> tuple[Hint, ...]:
    """Hints for one goal, from its own text first, then from its activities and indicators."""
    hints: list[Hint] = []
    timeframe = ruleset.timeframe
    time_concept = timeframe.concept if timeframe else None
    for ts in (goal, *kids):
        sid = ts.statement.id
        for sup in ts.result.suppressed:
            if sup.concept == concept.id:
                hints.append(Hint("suppressed", sid, sup.text, f"{sup.rule_id}: {sup.reason}"))
        if index is not None and concept.id != time_concept:  # a word never closes a time gap; a year does
            cancelled = {match_form(sup.text) for sup in ts.result.suppressed if sup.concept == concept.id}
            hints.extend(Hint("related", sid, word) for word in related_words(ts.statement.text, index)
                         if match_form(word) not in cancelled)
        horizon = ts.result.horizon
        if timeframe is not None and concept.id == time_concept and horizon.status == "beyond":
            words = horizon.evidence.text if horizon.evidence else str(horizon.year or "")
            hints.append(Hint("horizon", sid, words, str(horizon.year or ""), timeframe.last_year))
    seen: set[tuple[str, str]] = set()
    unique = []
    for h in hints:  # each word once per statement, whatever kind of hint named it first
        key = (h.statement, match_form(h.text))
        if key not in seen:
            seen.add(key)
            unique.append(h)
    return tuple(unique)


def _related_index(concept: Concept) -> TermIndex | None:
    if not concept.related:
        return None
    index = TermIndex()
    index.add(concept.id, concept.related)
    return index


def related_words(text: str, index: TermIndex) -> list[str]:
    """The words of `text` (as written) that match a term of the index (no lemma look-up)."""
    return [m.group(0) for m in _WORD.finditer(text) if index.keys_for(match_form(m.group(0)))]


def example_wordings(concept: Concept, limit: int = MAX_EXAMPLES) -> tuple[str, ...]:
    """Up to `limit` of the concept's match examples, goal-like sentences first, from different rules."""
    candidates = [e for e in concept.examples if e.should_match and "\n" not in e.text]
    ranked = sorted(candidates, key=lambda e: not _is_goal_like(e.text))  # stable: file order kept
    chosen: list[Example] = []
    for example in ranked:  # first pass: one example per rule
        if len(chosen) < limit and not {r for c in chosen for r in c.rules}.intersection(example.rules):
            chosen.append(example)
    for example in ranked:
        if len(chosen) < limit and example not in chosen:
            chosen.append(example)
    return tuple(e.text.strip() for e in chosen)


def _is_goal_like(text: str) -> bool:
    text = text.strip()
    return bool(_GOAL_LIKE.search(text)) and not text.lower().startswith(_NOT_GOAL_START)
