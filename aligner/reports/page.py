"""The planners' page (`aligner serve`, `aligner check --format html`): what it shows of one checked
plan, and its rendering from aligner/templates/page.html. Takes results; reads and tags nothing.
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from aligner.reports.pages import concept_colours, template
from aligner.text import number_sv

if TYPE_CHECKING:
    from aligner.model import CheckResult, PlanAudit

ACCEPT = ".docx,.xlsx,.xlsm,.odt,.ods,.csv"
DEFAULT_MAX_UPLOAD_BYTES = 20 * 1024 * 1024  # the page's upload limit unless `serve` is given another
CLAIM_SV = {"supported": "stöds av texten", "unsupported": "anges i planen men stöds inte av texten",
            "unclaimed": "stöds av texten men anges inte i planen"}

@dataclass(frozen=True, slots=True)
class Download:
    """A file offered on the result page; its bytes travel in the page as a data: URL."""

    label: str
    filename: str
    mimetype: str
    data: bytes

    @property
    def href(self) -> str:
        """The data: URL of the file."""
        return f"data:{self.mimetype};base64,{base64.b64encode(self.data).decode('ascii')}"


@dataclass(frozen=True, slots=True)
class CheckedUpload:
    """One uploaded plan, checked within its request: the check, its downloads and notices for the planner."""

    name: str  # the file name as the planner sees it
    plan: PlanAudit  # the check with the organisation, accepted gaps and indicator checks
    downloads: tuple[Download, ...]
    notices: tuple[str, ...] = ()  # in Swedish: no copy for this format, what the copy may lack


def frameworks_text(ruleset) -> str:
    """The rule folder's frameworks as prose: 'A, B och C'."""
    titles = [fw.title for fw in ruleset.frameworks]
    return " och ".join(filter(None, (", ".join(titles[:-1]), titles[-1]))) if titles else ""


# --- The page -------------------------------------------------------------------------------------


def result_view(checked: CheckedUpload, seconds: float) -> dict:
    """What the template shows of a checked plan; every number comes from the check."""
    from aligner.analysis.gaps import gap_views
    from aligner.model import KIND_SV
    from aligner.places import plan_places, ref_place, short_names
    from aligner.wording import percent_sv

    pa = checked.plan
    result, cov = pa.check, pa.check.coverage
    plan = result.tagged.plan
    titles = {c.id: c.title for c in result.ruleset.concepts}
    texts = {s.id: s.text for s in plan.statements}
    places = plan_places(plan)
    names = short_names(plan, places)

    def short(sid: str) -> str:
        return f"{texts[sid]} – {places[sid]}" if sid in texts else sid

    return {
        "name": checked.name, "title": plan.title or checked.name, "org": pa.org,
        "counts": {k: sum(1 for s in plan.statements if s.kind == k) for k in KIND_SV},
        "seconds": f"{seconds:.1f}".replace(".", ","), "downloads": checked.downloads,
        "has_gaps": pa.has_gaps, "notices": checked.notices,
        "frameworks": [{"title": fw.title, "covered": len(fw.covered), "total": len(fw.concepts),
                        "rows": [_concept_row(pa, cid, titles, names) for cid in fw.concepts]}
                       for fw in cov.frameworks],
        "gaps": [titles[c] for c in pa.gaps],
        "accepted": [{"title": titles[a.concept], "reason": a.reason, "by": a.decided_by, "date": a.date}
                     for a in pa.accepted],
        "untagged": list(cov.untagged_goals),
        # the gap analysis every face shows (aligner.analysis.gaps), accepted concept gaps left out
        "gap_sections": gap_views(result, pa.gaps),
        "horizon": {"with": cov.goals_with_horizon, "total": cov.goals_total, "share": percent_sv(pa.horizon_share),
                    "label": result.ruleset.horizon_label[:1].upper() + result.ruleset.horizon_label[1:]},
        "claims": [{"statement": short(c.statement), "concept": titles.get(c.concept, c.concept),
                    "status": c.status, "status_sv": CLAIM_SV.get(c.status, c.status)} for c in cov.claims],
        "suggestions": _suggestion_views(result),
        "groups": _statement_groups(result, titles),
        "skipped": [{"place": ref_place(s.ref), "text": s.text, "reason": s.reason} for s in plan.skipped],
        "warnings": list(plan.warnings),
    }


def _concept_row(pa: PlanAudit, cid: str, titles: dict[str, str], names: dict[str, str]) -> dict:
    """One concept of the coverage table: täckt (with its goals, named as the plan names them),
    accepterad (with the reason) or LUCKA."""
    c = pa.check.coverage.concept(cid)
    row = {"title": titles[cid]}
    if c.covered:
        via_goals = [g for g in dict.fromkeys(g for g, _ in c.via) if g not in c.goals]
        via = "genom aktiviteter/indikatorer under " + ", ".join(names[g] for g in via_goals) if via_goals else ""
        detail = "; ".join(p for p in (", ".join(names[g] for g in c.goals), via) if p)
        return row | {"state": "covered", "status": f"täckt ({c.goal_count} mål)", "detail": detail}
    accepted = next((a for a in pa.accepted if a.concept == cid), None)
    if accepted is not None:
        return row | {"state": "accepted", "status": "accepterad",
                      "detail": f"{accepted.reason} ({accepted.decided_by}, {accepted.date})"}
    return row | {"state": "gap", "status": "LUCKA", "detail": "inget mål tjänar konceptet"}


def _statement_view(ts, titles: dict[str, str], ruleset, place: str) -> dict:
    """One statement with its evidence highlighted in its text, as the audit report shows it."""
    from aligner.reports.html import statement_view

    return statement_view(ts, titles, ruleset, place, per_tag=False)


def _statement_groups(result: CheckResult, titles: dict[str, str]) -> list[dict]:
    """Every goal with its activities and indicators, in document order; those under no goal last."""
    from aligner.places import plan_places

    statements = result.tagged.statements
    places = plan_places(result.tagged.plan)
    goal_ids = {ts.statement.id for ts in statements if ts.statement.kind == "goal"}
    children: dict[str | None, list[dict]] = {}
    for ts in statements:
        if ts.statement.kind != "goal":
            parent = ts.statement.parent if ts.statement.parent in goal_ids else None
            children.setdefault(parent, []).append(_statement_view(ts, titles, result.ruleset, places[ts.statement.id]))
    groups: list[dict[str, Any]] = [{"goal": _statement_view(ts, titles, result.ruleset, places[ts.statement.id]),
               "children": children.get(ts.statement.id, [])}
              for ts in statements if ts.statement.kind == "goal"]
    if children.get(None):
        groups.append({"goal": None, "children": children[None]})
    return groups


def _suggestion_views(result: CheckResult) -> list[dict]:
    """The suggestions for the gaps, in Swedish (never counted as coverage)."""
    from aligner.wording import statement_names, suggestion_lines

    names = statement_names(result.tagged.plan)
    return [{"title": s.title,
             "lines": [line[0].upper() + line[1:] for line in suggestion_lines(s, names, result.ruleset)]}
            for s in result.suggestions]


def render_page(*, concepts: Sequence[tuple[str, str]], max_upload_bytes: int, nonce: str, error: str | None = None,
                result: dict | None = None, frameworks: str = "", standalone: bool = False) -> str:
    """The one page: the upload form, an error message or the result of a check."""
    colours = concept_colours(concepts)
    titles = dict(concepts)
    return template("page.html").render(
        concepts=colours, titles=titles, accept=ACCEPT, error=error, r=result, nonce=nonce,
        limit=megabytes(max_upload_bytes), frameworks=frameworks, n_concepts=number_sv(len(concepts)),
        standalone=standalone)


def check_page(plan: PlanAudit, seconds: float = 0.0) -> str:
    """The result page of one checked plan as a file of its own (`aligner check --format html`): the page
    `serve` shows, without the upload form, the downloads and the script."""
    result = plan.check
    checked = CheckedUpload(plan.file_name, plan, ())
    concepts = [(c.id, c.title) for c in result.ruleset.concepts]
    return render_page(concepts=concepts, max_upload_bytes=DEFAULT_MAX_UPLOAD_BYTES, nonce="", standalone=True,
                       result=result_view(checked, seconds), frameworks=frameworks_text(result.ruleset))


def megabytes(size: int) -> str:
    """A size as the page writes it: "20 MB"."""
    mb = size / 1024 / 1024
    return f"{mb:.0f} MB" if mb >= 1 else f"{size / 1024:.0f} kB"
