"""The JSON of an audit: every plan in the schema of `aligner check`, plus the matrix and the bookkeeping.

Deterministic like the check JSON: sorted keys, no clock, the same plans and rules give the same bytes.
"""

from __future__ import annotations

from aligner import __version__
from aligner.analysis.tables import concept_frame, matrix_frame
from aligner.model import AuditResult
from aligner.reports.json_report import SCHEMA_VERSION, check_dict, dumps

AUDIT_KIND = "audit"


def plan_dict(plan) -> dict:
    """One audited plan: the check JSON (with its indicator checks), its organisation and accepted gaps."""
    data = check_dict(plan.check)
    data["organisation"] = {"name": plan.org, "label": plan.label, "from": plan.org_source}
    data["accepted_gaps"] = [a.to_dict() for a in plan.accepted]
    data["open_gaps"] = list(plan.gaps)
    return data


def matrix_dict(result: AuditResult) -> dict:
    """The city-wide matrix: per plan and concept the goals that serve it, and per concept the organisations."""
    goals = matrix_frame(result, "goals")
    status = matrix_frame(result, "status")
    by_plan = {p.label: p for p in result.plans}
    rows = []
    for label in goals.index:
        plan = by_plan[label]
        cells = {}
        for c in plan.check.coverage.concepts:
            cells[c.concept] = {
                "goals": int(goals.at[label, c.concept]),
                "status": status.at[label, c.concept],
                "direct": list(c.goals),
                "via": [{"goal": g, "statement": s} for g, s in c.via],
            }
        rows.append({
            "label": label, "organisation": plan.org, "source": plan.path, "cells": cells,
            "goals_total": plan.check.coverage.goals_total,
            "goals_with_horizon": plan.check.coverage.goals_with_horizon,
            "horizon_share": None if plan.horizon_share is None else round(plan.horizon_share, 4),
            "open_gaps": list(plan.gaps),
            "goals_without_concept": list(plan.check.coverage.untagged_goals),
        })
    concepts = concept_frame(result)
    return {
        "frameworks": [{"id": fw.id, "title": fw.title, "concepts": list(fw.concepts)}
                       for fw in result.ruleset.frameworks],
        "concepts": [
            {"concept": cid, "title": row["title"], "organisations_serving": int(row["organisations_serving"]),
             "plans_serving": int(row["plans_serving"]), "accepted": int(row["accepted"]),
             "gaps": list(row["gaps"])}
            for cid, row in concepts.iterrows()
        ],
        "rows": rows,
    }


def audit_dict(result: AuditResult) -> dict:
    """The whole JSON document of an audit."""
    return {
        "schema_version": SCHEMA_VERSION,
        "kind": AUDIT_KIND,
        "meta": {"tool": "aligner", "version": __version__},
        "plans": [plan_dict(p) for p in result.plans],
        "matrix": matrix_dict(result),
        "accepted_gaps": [a.to_dict() for a in result.accepted],
        "stale_accepted_gaps": [dict(s.entry.to_dict(), why=s.reason) for s in result.stale],
        "problems": [p.to_dict() for p in result.problems],
        "warnings": list(result.warnings),
        "summary": {
            "plans": len(result.plans),
            "unreadable": len(result.unreadable),
            "skipped_files": sum(p.kind == "skipped" for p in result.problems),
            "plans_with_gaps": sum(p.has_gaps for p in result.plans),
            "open_gaps": sum(len(p.gaps) for p in result.plans),
            "accepted_gaps": sum(len(p.accepted) for p in result.plans),
            "stale_accepted_gaps": len(result.stale),
            "has_gaps": result.has_gaps,
        },
    }


def render(result: AuditResult, color: bool = False) -> str:
    """JSON text of an audit."""
    return dumps(audit_dict(result))
