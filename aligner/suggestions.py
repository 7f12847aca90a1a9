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
from dataclasses import dataclass
from typing import Literal

from aligner.coverage import Coverage
from aligner.model import TaggedPlan, TaggedStatement
from aligner.tagging.rules import Concept, Example, RuleSet
from aligner.tagging.terms import TermIndex, match_form

SUGGESTION_LABEL = "Förslag (räknas inte som täckning)"
MAX_GOALS = 3
MAX_EXAMPLES = 2

HintKind = Literal["related", "suppressed", "horizon"]
# How much a hint weighs when the words stand in the goal itself; in an activity or indicator, one less.
_WEIGHT: dict[str, int] = {"suppressed": 3, "horizon": 3, "related": 2}
_WORD = re.compile(r"\w[\w\u00ad-]*\w|\w")
# A goal is written as a state to reach: "Otryggheten ska minska", "Fler … ska få …".
_GOAL_LIKE = re.compile(r"\bska\b", re.IGNORECASE)
_NOT_GOAL_START = ("andel", "antal", "antalet")


@dataclass(frozen=True, slots=True)
class Hint:
    """One reason a goal comes close to a concept it does not serve."""

    kind: HintKind
    statement: str  # id of the statement the words stand in: the goal or one of its activities/indicators
    text: str  # the words, as written
    detail: str = ""  # "suppressed": "rule id: why it did not count"; "horizon": the year
    horizon_end: int | None = None  # "horizon": the last year of the rule set's time horizon

    def to_dict(self) -> dict:
        """JSON form."""
        return {"kind": self.kind, "statement": self.statement, "text": self.text, "detail": self.detail}


@dataclass(frozen=True, slots=True)
class GoalHint:
    """A goal that comes close to a gap concept, with every hint found for it."""

    goal: str
    score: int
    hints: tuple[Hint, ...]

    def to_dict(self) -> dict:
        """JSON form."""
        return {"goal": self.goal, "score": self.score, "hints": [h.to_dict() for h in self.hints]}


@dataclass(frozen=True, slots=True)
class Suggestion:
    """For one concept no goal serves: the closest goals, orphan statements and example wordings."""

    concept: str
    title: str
    goals: tuple[GoalHint, ...]  # closest first, at most MAX_GOALS
    without_goal: tuple[str, ...]  # statements that serve the concept but belong to no goal
    examples: tuple[str, ...]  # goal wordings from the rule file that tag the concept

    def to_dict(self) -> dict:
        """JSON form."""
        return {
            "concept": self.concept,
            "title": self.title,
            "goals": [g.to_dict() for g in self.goals],
            "without_goal": list(self.without_goal),
            "examples": list(self.examples),
        }


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
        if concept.id == time_concept and horizon.status == "beyond":
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


# --- Swedish wording, shared by the terminal report and the annotated files -------------------------


_DEFINITE = {"goal": "målet", "activity": "aktiviteten", "indicator": "indikatorn"}


def statement_names(plan) -> dict[str, str]:
    """How the wording names each statement: a goal by the plan's own label or place ("Mål 2",
    "mål på rad 6"), an activity or indicator by its kind and the start of its text."""
    from aligner.places import short_names

    short = short_names(plan)
    names = {}
    for s in plan.statements:
        if s.kind == "goal":
            names[s.id] = short[s.id]
        else:
            text = s.text if len(s.text) <= 60 else s.text[:57].rstrip() + "…"
            names[s.id] = f"{_DEFINITE[s.kind]} \"{text}\""
    return names


def describe_hint(hint: Hint, names: dict[str, str], goal: str | None = None) -> str:
    """A hint in Swedish: '"trygg" i Mål 5 räknas inte (undantag efter)'.

    `names` maps statement ids to how they are named (see `statement_names`); a hint in `goal`
    itself says "i målet"."""
    where = "målet" if hint.statement == goal else names.get(hint.statement, hint.statement)
    if hint.kind == "related":
        return f"närliggande ord \"{hint.text}\" i {where}"
    if hint.kind == "suppressed":
        reason = hint.detail.split(": ", 1)[-1]
        return f"\"{hint.text}\" i {where} räknas inte ({reason})"
    year = f" ({hint.detail})" if hint.detail else ""
    return (f"tidsram bara bortom {hint.horizon_end}{year} i {where}: \"{hint.text}\" – flytta den till "
            f"{hint.horizon_end} eller tidigare")


_EXAMPLE_CUES = ("senast", "till och med", "under")  # shown when the rule file has them


def time_forms(ruleset: RuleSet | None) -> str:
    """The forms of a time frame that count, from the rule file: '"senast 2027", "till 2026" eller "under 2025"'."""
    tf = ruleset.timeframe if ruleset is not None else None
    if tf is None:
        return "ett årtal"
    first, last = tf.first_year, tf.last_year
    known = [" ".join(c) for c in tf.deadline_cues]
    cues = [c for c in _EXAMPLE_CUES if c in known] or known[:3] or list(_EXAMPLE_CUES)
    years = [last, max(first, last - 1), max(first, last - 2)]
    forms = [f"\"{cue} {year}\"" for cue, year in zip(cues, years, strict=False)]
    text = ", ".join(forms[:-1]) + f" eller {forms[-1]}" if len(forms) > 1 else forms[0]
    header = f" (eller i en kolumn som '{tf.deadline_headers[0].capitalize()}')" if tf.deadline_headers else ""
    return f"ett år {first}–{last}: {text}{header}"


def suggestion_lines(suggestion: Suggestion, names: dict[str, str], ruleset: RuleSet | None = None) -> list[str]:
    """The lines of one suggestion in Swedish, without indentation or heading; each hint once."""
    lines = []
    time_concept = ruleset.timeframe.concept if ruleset is not None and ruleset.timeframe else None
    if suggestion.concept == time_concept:
        lines.append(f"ge ett eller flera mål en tidsram med {time_forms(ruleset)}")
    for g in suggestion.goals:
        hints = "; ".join(describe_hint(h, names, g.goal) for h in g.hints)
        lines.append(f"närmast: {names.get(g.goal, g.goal)} – {hints}")
    if suggestion.without_goal:
        who = ", ".join(names.get(sid, sid) for sid in suggestion.without_goal)
        lines.append(f"{who} tjänar konceptet men hör inte till något mål: koppla till ett mål "
                     "eller formulera ett mål utifrån dem")
    if not suggestion.goals and not suggestion.without_goal and suggestion.concept != time_concept:
        lines.append("inget av planens mål ligger nära konceptet")
    if suggestion.concept != time_concept:
        lines.extend(f"exempel på formulering: \"{text}\"" for text in suggestion.examples)
    return lines


def goal_suggestions(suggestions: tuple[Suggestion, ...], goal_id: str) -> list[tuple[Suggestion, GoalHint]]:
    """The suggestions that name a goal as close, with the goal's hints."""
    return [(s, g) for s in suggestions for g in s.goals if g.goal == goal_id]
