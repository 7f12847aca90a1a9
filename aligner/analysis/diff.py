"""What changed between two versions: concepts and goals gained or lost, per organisation.

OLD and NEW are each a plan file (read and tagged by aligner.run.diff), a `check --format json`
file, or an `audit` JSON file. Everything is compared in the JSON form, so a plan, a check and an audit can be
compared with one another. Goals are matched by their normalised text (case, punctuation, spacing
and å/ä/ö folded), so a goal that keeps its words but moves or is renumbered is the same goal.

Two sides checked with different rule folders (last year's frameworks and this year's) need not
hold the same concepts: a concept only one side knows is named as such, never as gained or lost.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path

from aligner.errors import InputError, read_user_text
from aligner.model import DiffResult, Goal, GoalChange, OrgDiff, PlanView
from aligner.text import fold


def normalise(text: str) -> str:
    """The form goals are matched in: folded, without punctuation or numbering spaces."""
    return " ".join(re.sub(r"[^\w\s]", " ", fold(text)).split())


def _goal_concepts(check: dict) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for c in check["coverage"]["concepts"]:
        for g in c["goals"]:
            out.setdefault(g, set()).add(c["concept"])
        for v in c["via"]:
            out.setdefault(v["goal"], set()).add(c["concept"])
    return out


def view_of(check: dict, organisation: str | None = None) -> PlanView:
    """A plan's check JSON as compared."""
    served = _goal_concepts(check)
    goals: dict[str, Goal] = {}
    for s in check["statements"]:
        if s["kind"] == "goal":
            goals.setdefault(normalise(s["text"]), Goal(s["id"], s["text"], frozenset(served.get(s["id"], ()))))
    plan = check.get("plan", {})
    org = organisation or plan.get("org") or plan.get("title") or Path(plan.get("source", "?")).stem
    covered = frozenset(c["concept"] for c in check["coverage"]["concepts"] if c["covered"])
    return PlanView(org, plan.get("source", ""), covered, goals)


def read_json_side(path: str | Path) -> tuple[list[PlanView], dict[str, str]]:
    """The plans of a side given as a `check` or `audit` JSON report, and the concept titles."""
    text = read_user_text(path)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(str(path), "ogiltig JSON", where=f"rad {exc.lineno}, kolumn {exc.colno}") from exc
    return views_from_json(data, str(path))


def views_from_json(data: object, shown: str) -> tuple[list[PlanView], dict[str, str]]:
    """The plans of a parsed `check` or `audit` JSON report (named `shown` in messages), and the concept titles."""
    try:
        if isinstance(data, dict) and isinstance(data.get("plans"), list):
            checks = [(p, p.get("organisation", {}).get("label")) for p in data["plans"]]
        elif isinstance(data, dict) and "statements" in data and "coverage" in data:
            checks = [(data, None)]
        else:
            raise InputError(shown, "är varken en JSON-rapport från aligner check eller från aligner audit")
        views = [view_of(c, label) for c, label in checks]
        titles = {c["concept"]: c["title"] for check, _ in checks for c in check["coverage"]["concepts"]}
    except (KeyError, TypeError, AttributeError) as exc:
        raise InputError(shown, f"JSON-rapporten saknar fältet {exc}") from exc
    return views, titles


def diff_views(old: Sequence[PlanView], new: Sequence[PlanView], titles: dict[str, str],
               old_name: str = "", new_name: str = "", *, old_concepts: Sequence[str] | None = None,
               new_concepts: Sequence[str] | None = None) -> DiffResult:
    """Compare two sides; a single plan on each side is compared whatever its organisation is called.

    `old_concepts` and `new_concepts` are the concepts each side's rules hold (default: every
    concept in `titles`); only the concepts both hold are compared."""
    pairs: list[tuple[str, PlanView | None, PlanView | None]]
    if len(old) == 1 and len(new) == 1:
        o, n = old[0], new[0]
        same = fold(o.organisation) == fold(n.organisation)
        name = n.organisation if same else f"{o.organisation} → {n.organisation}"
        pairs = [(name, o, n)]
    else:
        old_by = {fold(v.organisation): v for v in old}
        pairs = [(n.organisation, old_by.pop(fold(n.organisation), None), n) for n in new]
        pairs += [(o.organisation, o, None) for o in old_by.values()]
    order = tuple(titles)
    in_old = tuple(old_concepts) if old_concepts is not None else order
    in_new = tuple(new_concepts) if new_concepts is not None else order
    shared = frozenset(in_old) & frozenset(in_new)
    return DiffResult(old_name, new_name, tuple(_org_diff(name, o, n, order, shared) for name, o, n in pairs),
                      titles, order, tuple(c for c in in_old if c not in shared),
                      tuple(c for c in in_new if c not in shared))


def _org_diff(name: str, old: PlanView | None, new: PlanView | None, order: tuple[str, ...],
              shared: frozenset[str]) -> OrgDiff:
    def ordered(ids) -> tuple[str, ...]:
        return tuple(sorted(ids, key=lambda c: order.index(c) if c in order else 99))

    def both(goal: Goal) -> Goal:  # the goal with only the concepts both sides' rules hold
        kept = goal.concepts & shared
        return goal if kept == goal.concepts else Goal(goal.id, goal.text, kept)

    old_cov = (old.covered if old else frozenset()) & shared
    new_cov = (new.covered if new else frozenset()) & shared
    old_goals = old.goals if old else {}
    new_goals = new.goals if new else {}
    changed = tuple(GoalChange(both(old_goals[k]), both(new_goals[k])) for k in new_goals
                    if k in old_goals and old_goals[k].concepts & shared != new_goals[k].concepts & shared)
    return OrgDiff(
        organisation=name,
        old_source=old.source if old else None,
        new_source=new.source if new else None,
        concepts_gained=ordered(new_cov - old_cov),
        concepts_lost=ordered(old_cov - new_cov),
        goals_added=tuple(g for k, g in new_goals.items() if k not in old_goals),
        goals_removed=tuple(g for k, g in old_goals.items() if k not in new_goals),
        goals_changed=changed,
    )


def _goal_dict(g: Goal, order: tuple[str, ...]) -> dict:
    concepts = sorted(g.concepts, key=lambda c: order.index(c) if c in order else 99)
    return {"id": g.id, "text": g.text, "concepts": concepts}


def diff_dict(result: DiffResult) -> dict:
    """JSON form of a diff."""
    from aligner import __version__

    return {
        "kind": "diff",
        "meta": {"tool": "aligner", "version": __version__},
        "old": result.old, "new": result.new,
        "organisations": [
            {"organisation": o.organisation, "old_source": o.old_source, "new_source": o.new_source,
             "concepts_gained": list(o.concepts_gained), "concepts_lost": list(o.concepts_lost),
             "goals_added": [_goal_dict(g, result.concepts) for g in o.goals_added],
             "goals_removed": [_goal_dict(g, result.concepts) for g in o.goals_removed],
             "goals_changed": [{"old": _goal_dict(c.old, result.concepts), "new": _goal_dict(c.new, result.concepts),
                                "gained": list(c.gained), "lost": list(c.lost)} for c in o.goals_changed]}
            for o in result.orgs
        ],
        "concepts_lost": result.concepts_lost,
        "concepts_only_old": list(result.only_old),
        "concepts_only_new": list(result.only_new),
    }
