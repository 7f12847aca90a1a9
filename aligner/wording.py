"""The Swedish words of the reports, in one place: how evidence, concepts, shares, statuses and the
suggestions for gaps are written wherever a plan's check is shown (terminal, HTML, Excel, annotated
copies, the web page). A suggestion (what aligner.analysis.suggest finds) is a hint to the planner,
never coverage.

Plain functions over the model's records; no reader, tagger or library imported. The rule set's own
words (concept titles, the horizon's "inom 2027") come from the rule folder through RuleSet.
"""

from __future__ import annotations

from collections.abc import Mapping

from aligner.model import Evidence, GoalHint, Hint, RuleSet, Suggestion, Tag, TaggedStatement

STATUS_SV = {"covered": "täckt", "gap": "lucka", "accepted": "accepterad"}
NO_CONCEPT = "inget koncept"
NO_EVIDENCE = "inga belägg"


def evidence_words(e: Evidence) -> str:
    """One piece of evidence: '"trygga"', or '"2026" i kolumnen 'Klart senast'' for a cell."""
    return f"\"{e.text}\"" + (f" i kolumnen '{e.source}'" if e.source != "text" else "")


def tag_evidence_text(tag: Tag, titles: Mapping[str, str]) -> str:
    """A tag's evidence with its rules: 'Trygghet: "trygga" (trygghet-trygg)'."""
    parts = [evidence_words(e) + f" ({e.rule_id})" for e in tag.evidence]
    return f"{titles.get(tag.concept, tag.concept)}: " + "; ".join(parts)


def statement_evidence_text(ts: TaggedStatement, titles: Mapping[str, str]) -> str:
    """A statement's evidence per concept: 'Trygghet ("trygga"); Tidshorisont 2027 ("2026" i kolumnen …)'."""
    parts = [f"{titles.get(tag.concept, tag.concept)} ({', '.join(evidence_words(e) for e in tag.evidence)})"
             for tag in ts.tags]
    return "; ".join(parts) or NO_EVIDENCE


def concepts_text(ts: TaggedStatement, titles: Mapping[str, str]) -> str:
    """The concepts a statement serves ("Trygghet, Samspel"), or "inget koncept"."""
    return ", ".join(titles.get(c, c) for c in ts.concepts) or NO_CONCEPT


def percent_sv(share: float | None) -> str:
    """A share as Swedish writes it: '40 %' ('–' for none)."""
    return "–" if share is None else f"{round(share * 100)} %"


# --- suggestions for gaps: the terminal report, the web page and the annotated files ---------------

SUGGESTION_LABEL = "Förslag (räknas inte som täckning)"

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
