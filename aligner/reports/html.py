"""The audit as one standalone HTML file: inline CSS and script, no network, works from file://.

Jinja2 renders it with autoescaping on, so every text from a plan is escaped by the engine (the
house style: HTML is escaped by its template engine). The template is aligner/templates/audit.html
(with audit_statement.html and the shared style.css), shipped as package data.

Evidence is highlighted inside each statement as displaCy does with entities: a <mark> per span,
with the concept as class and a small label after the words.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from aligner.analysis.tables import concept_frame, grouped_matrix
from aligner.model import KIND_SV, AuditResult, PlanAudit, TaggedStatement
from aligner.reports.pages import concept_colours, template
from aligner.wording import percent_sv, statement_evidence_text
from aligner.wording import tag_evidence_text as evidence_text

if TYPE_CHECKING:
    from aligner.model import RuleSet

HEAT_LOW, HEAT_HIGH = (0xF1, 0xF8, 0xF1), (0x2E, 0x7D, 0x32)


def highlight(text: str, spans: Iterable[tuple[int, int, str]]) -> list[tuple[str, tuple[str, ...]]]:
    """Split `text` into segments, each with the concepts whose evidence covers it (overlaps allowed)."""
    spans = [(s, e, c) for s, e, c in spans if 0 <= s < e <= len(text)]
    bounds = sorted({0, len(text)} | {s for s, _, _ in spans} | {e for _, e, _ in spans})
    out: list[tuple[str, tuple[str, ...]]] = []
    for a, b in zip(bounds, bounds[1:], strict=False):
        concepts = tuple(sorted({c for s, e, c in spans if s <= a and b <= e}))
        if out and out[-1][1] == concepts:
            out[-1] = (out[-1][0] + text[a:b], concepts)
        else:
            out.append((text[a:b], concepts))
    return out


def _heat(value: int, top: int) -> tuple[str, str]:
    """Background and text colour of a heat-map cell."""
    share = value / top if top else 0.0
    rgb = tuple(round(lo + (hi - lo) * share) for lo, hi in zip(HEAT_LOW, HEAT_HIGH, strict=True))
    return "#" + "".join(f"{v:02x}" for v in rgb), "#ffffff" if share > 0.55 else "#1b1b1b"


def statement_view(ts: TaggedStatement, titles: dict[str, str], ruleset: RuleSet, place: str | None = None, *,
                   per_tag: bool = True) -> dict:
    """One statement for a template, its evidence highlighted in its text; the audit report and the
    planners' page both show statements this way. `per_tag`: evidence per tag with its rule (the
    audit report), else one line for the statement (the page)."""
    s = ts.statement
    spans = [(e.start, e.end, t.concept) for t in ts.tags for e in t.evidence if e.source == "text"]
    evidence = ([evidence_text(t, titles) for t in ts.tags] if per_tag
                else [statement_evidence_text(ts, titles)] if ts.tags else [])
    return {
        "id": s.id, "kind": s.kind, "kind_sv": KIND_SV[s.kind], "label": s.label, "place": place or str(s.ref),
        "segments": highlight(s.text, spans), "concepts": list(ts.concepts), "evidence": evidence,
        "horizon": ruleset.horizon_text(ts.result.horizon),
    }


def _plan_view(plan: PlanAudit, index: int, titles: dict[str, str]) -> dict:
    from aligner.analysis.gaps import gap_views
    from aligner.places import plan_places

    cov = plan.check.coverage
    statements = plan.check.tagged.statements
    places = plan_places(plan.check.tagged.plan)
    goal_ids = {ts.statement.id for ts in statements if ts.statement.kind == "goal"}
    groups: list[dict] = []
    children: dict[str | None, list] = {}
    for ts in statements:
        if ts.statement.kind != "goal":
            parent = ts.statement.parent if ts.statement.parent in goal_ids else None
            view = statement_view(ts, titles, plan.check.ruleset, places[ts.statement.id])
            children.setdefault(parent, []).append(view)
    for ts in statements:
        if ts.statement.kind == "goal":
            goal = statement_view(ts, titles, plan.check.ruleset, places[ts.statement.id])
            kids = children.get(ts.statement.id, [])
            concepts = sorted(set(goal["concepts"]).union(*(k["concepts"] for k in kids)))
            groups.append({"goal": goal, "children": kids, "concepts": concepts})
    if children.get(None):
        kids = children[None]
        groups.append({"goal": None, "children": kids, "concepts": sorted(set().union(*(k["concepts"] for k in kids)))})
    share = plan.horizon_share
    return {
        "anchor": f"plan-{index}", "label": plan.label, "org": plan.org, "path": plan.path,
        "org_source": plan.org_source, "goals_total": cov.goals_total,
        "horizon": percent_sv(share),
        "gaps": [titles[c] for c in plan.gaps],
        "accepted": [{"title": titles[a.concept], "reason": a.reason, "by": a.decided_by, "date": a.date}
                     for a in plan.accepted],
        # the gap analysis every face shows (aligner.analysis.gaps), accepted concept gaps left out
        "gap_sections": gap_views(plan.check, plan.gaps),
        "groups": groups,
    }


def _matrix_view(result: AuditResult, anchors: dict[str, str]) -> dict:
    counts = grouped_matrix(result, "goals")
    status = grouped_matrix(result, "status")
    titles = result.titles()
    top = int(counts.where(status == "covered").max().max() or 0) if len(counts) else 0
    by_label = {p.label: p for p in result.plans}
    rows = []
    for label in counts.index:
        plan = by_label[label]
        cells = []
        for col in counts.columns:
            cid = col[1]
            state = status.at[label, col]
            n = int(counts.at[label, col])
            c = plan.check.coverage.concept(cid)
            if state == "covered":
                bg, fg = _heat(n, top)
                trace = ", ".join(c.goals) + (("; via " + ", ".join(f"{g} ({s})" for g, s in c.via)) if c.via else "")
                cells.append({"concept": cid, "state": state, "text": str(n), "bg": bg, "fg": fg,
                              "title": f"{titles[cid]}: {n} mål – {trace.strip('; ')}"})
            elif state == "accepted":
                entry = next(a for a in plan.accepted if a.concept == cid)
                cells.append({"concept": cid, "state": state, "text": "accepterad", "bg": "", "fg": "",
                              "title": f"Accepterad lucka: {entry.reason} ({entry.decided_by}, {entry.date})"})
            else:
                cells.append({"concept": cid, "state": state, "text": "LUCKA", "bg": "", "fg": "",
                              "title": f"{titles[cid]}: inget mål tjänar konceptet"})
        rows.append({"label": label, "anchor": anchors[label], "cells": cells})
    per_concept = concept_frame(result)
    return {
        "frameworks": [{"title": fw.title, "span": len(fw.concepts)} for fw in result.ruleset.frameworks],
        "columns": [{"concept": cid, "title": titles[cid]} for _fw, cid in counts.columns],
        "rows": rows,
        "footer": [int(per_concept.at[cid, "organisations_serving"]) for _fw, cid in counts.columns],
        "organisations": int(per_concept["organisations"].iloc[0]) if len(per_concept) else 0,
    }


def render(result: AuditResult, color: bool = False) -> str:
    """The standalone HTML report of an audit."""
    titles = result.titles()
    plans = [_plan_view(p, i, titles) for i, p in enumerate(result.plans, 1)]
    anchors = {p["label"]: p["anchor"] for p in plans}
    concepts = concept_colours((c.id, c.title) for c in result.ruleset.concepts)
    return template("audit.html").render(
        plans=plans, matrix=_matrix_view(result, anchors), concepts=concepts, titles=titles,
        problems=[p.to_dict() for p in result.problems], warnings=result.warnings,
        stale=[{"org": s.entry.organisation, "concept": titles.get(s.entry.concept, s.entry.concept),
                "entry": s.entry.entry, "why": s.reason, "reason": s.entry.reason} for s in result.stale],
        n_unreadable=len(result.unreadable), n_plans=len(result.plans),
        horizon_label=result.ruleset.horizon_label,
    )

