"""The audit as one standalone HTML file: inline CSS and script, no network, works from file://.

Jinja2 renders it with autoescaping on, so every text from a plan is escaped by the engine (the
house style: HTML is escaped by its template engine). The template lives in this module rather
than in a separate file, so a plain `pip install .` ships it without package-data settings.

Evidence is highlighted inside each statement as displaCy does with entities: a <mark> per span,
with the concept as class and a small label after the words.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from aligner.audit_result import (
    AuditResult,
    PlanAudit,
    concept_frame,
    evidence_text,
    grouped_matrix,
    percent_sv,
)
from aligner.model import KIND_SV, TaggedStatement

if TYPE_CHECKING:
    from aligner.model import RuleSet

# One colour per concept, in rule-set order (light enough for dark text, as displaCy's).
PALETTE = ("#b3d9ff", "#c7f0c2", "#ffd6a5", "#e0c3fc", "#ffadad", "#fdffb6", "#9bf6ff", "#d4d4d4")
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


def _statement_view(ts: TaggedStatement, titles: dict[str, str], ruleset: RuleSet, place: str | None = None) -> dict:
    s = ts.statement
    spans = [(e.start, e.end, t.concept) for t in ts.tags for e in t.evidence if e.source == "text"]
    return {
        "id": s.id, "kind": s.kind, "kind_sv": KIND_SV[s.kind], "label": s.label, "place": place or str(s.ref),
        "segments": highlight(s.text, spans), "concepts": list(ts.concepts),
        "evidence": [evidence_text(t, titles) for t in ts.tags],
        "horizon": ruleset.horizon_text(ts.result.horizon),
    }


def _plan_view(plan: PlanAudit, index: int, titles: dict[str, str]) -> dict:
    from aligner.gaps import gap_views
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
            view = _statement_view(ts, titles, plan.check.ruleset, places[ts.statement.id])
            children.setdefault(parent, []).append(view)
    for ts in statements:
        if ts.statement.kind == "goal":
            goal = _statement_view(ts, titles, plan.check.ruleset, places[ts.statement.id])
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
        # the gap analysis every face shows (aligner.gaps), accepted concept gaps left out
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
    from jinja2 import DictLoader, Environment

    titles = result.titles()
    plans = [_plan_view(p, i, titles) for i, p in enumerate(result.plans, 1)]
    anchors = {p["label"]: p["anchor"] for p in plans}
    concepts = [{"id": c.id, "title": c.title, "color": PALETTE[i % len(PALETTE)]}
                for i, c in enumerate(result.ruleset.concepts)]
    env = Environment(loader=DictLoader({"audit": TEMPLATE, "stmt": STMT}), autoescape=True,
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["title_of"] = lambda cid: titles.get(cid, cid)
    return env.get_template("audit").render(
        plans=plans, matrix=_matrix_view(result, anchors), concepts=concepts, titles=titles,
        problems=[p.to_dict() for p in result.problems], warnings=result.warnings,
        stale=[{"org": s.entry.organisation, "concept": titles.get(s.entry.concept, s.entry.concept),
                "entry": s.entry.entry, "why": s.reason, "reason": s.entry.reason} for s in result.stale],
        n_unreadable=len(result.unreadable), n_plans=len(result.plans),
        horizon_label=result.ruleset.horizon_label,
    )


# Styles of statements and their evidence spans (displaCy-like marks), shared with aligner serve's page.
EVIDENCE_CSS = """.goal { border-left: 4px solid #8aa2c8; padding: .2rem .8rem; margin: .8rem 0; }
.stmt { margin: .35rem 0; }
.stmt.child { margin-left: 1.6rem; }
.kind { font-size: .75rem; text-transform: uppercase; font-weight: 700; color: #3d4a5c; margin-right: .3rem; }
.place, .ev { font-size: .8rem; color: #5a6270; }
.none { color: #9a5b00; font-size: .8rem; }
mark.ent { padding: .05em .3em; margin: 0 .1em; border-radius: .3em; line-height: 1.9; }
mark.ent .lbl { font-size: .62em; font-weight: 700; text-transform: uppercase; margin-left: .35rem;
                vertical-align: middle; }
.legend span { display: inline-block; padding: .1rem .5rem; margin: .15rem; border-radius: .3rem; font-size: .85rem; }
"""
# Jinja: one colour per concept (`concepts` carries id and color).
CONCEPT_CSS = """{% for c in concepts %}
mark.c-{{ c.id }}, .legend .c-{{ c.id }} { background: {{ c.color }}; }
{% endfor %}
"""

TEMPLATE = """<!DOCTYPE html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Granskning av verksamhetsplaner – aligner</title>
<style>
body { font-family: system-ui, "Segoe UI", Arial, sans-serif; margin: 0 auto; max-width: 1400px; padding: 1rem 2rem;
       color: #1b1b1b; line-height: 1.45; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; } h2 { margin-top: 2.2rem; border-bottom: 2px solid #dde4ee; }
.muted { color: #5a6270; }
.filters { position: sticky; top: 0; background: #fff; padding: .6rem 0; border-bottom: 1px solid #dde4ee; z-index: 2; }
.filters label { margin-right: 1.4rem; font-weight: 600; }
.scroll { overflow-x: auto; }
table.matrix { border-collapse: collapse; margin: 1rem 0; font-size: .92rem; }
.matrix th, .matrix td { border: 1px solid #c9d0db; padding: .35rem .55rem; text-align: center; }
.matrix th.org, .matrix td.org { text-align: left; }
.matrix thead th { background: #dde4ee; }
.matrix td.gap { background: #f4b6b6; font-weight: 700; color: #7a0c0c; }
.matrix td.accepted { background: #ffe8a3; font-style: italic; }
.matrix .dim { opacity: .25; }
.matrix tfoot td { font-weight: 700; background: #f5f7fa; }
section.plan { margin-bottom: 2rem; }
.facts { display: flex; flex-wrap: wrap; gap: 1.4rem; }
ul.findings li { margin: .15rem 0; }
""" + EVIDENCE_CSS + """mark.ent.off { background: transparent !important; }
mark.ent.off .lbl { display: none; }
.hidden { display: none !important; }
""" + CONCEPT_CSS + """</style>
</head>
<body>
<h1>Granskning av verksamhetsplaner</h1>
<p class="muted">{{ n_plans }} planer granskade
{%- if n_unreadable %}, {{ n_unreadable }} filer kunde inte läsas{% endif %}.
Varje siffra är antalet mål som tjänar konceptet, direkt eller via sina aktiviteter och indikatorer.</p>

<div class="filters">
  <label>Koncept
    <select id="filter-concept">
      <option value="">Alla koncept</option>
      {% for c in concepts %}<option value="{{ c.id }}">{{ c.title }}</option>
      {% endfor %}
    </select>
  </label>
  <label>Organisation
    <select id="filter-org">
      <option value="">Alla organisationer</option>
      {% for p in plans %}<option value="{{ p.anchor }}">{{ p.label }}</option>
      {% endfor %}
    </select>
  </label>
  <span id="filter-count" class="muted"></span>
</div>

<h2 id="matris">Matris</h2>
<div class="scroll">
<table class="matrix" id="matrix">
<thead>
<tr><th class="org" rowspan="2">Organisation</th>
{% for fw in matrix.frameworks %}<th colspan="{{ fw.span }}">{{ fw.title }}</th>{% endfor %}
</tr>
<tr>{% for col in matrix.columns %}<th data-concept="{{ col.concept }}">{{ col.title }}</th>{% endfor %}</tr>
</thead>
<tbody>
{% for row in matrix.rows %}
<tr data-org="{{ row.anchor }}"><td class="org"><a href="#{{ row.anchor }}">{{ row.label }}</a></td>
{% for cell in row.cells %}<td class="{{ cell.state }}" data-concept="{{ cell.concept }}" title="{{ cell.title }}"
{% if cell.bg %} style="background: {{ cell.bg }}; color: {{ cell.fg }}"{% endif %}>{{ cell.text }}</td>{% endfor %}
</tr>
{% endfor %}
</tbody>
<tfoot><tr><td class="org">Organisationer som tjänar konceptet (av {{ matrix.organisations }})</td>
{% for n in matrix.footer %}<td data-concept="{{ matrix.columns[loop.index0].concept }}">{{ n }}</td>{% endfor %}
</tr></tfoot>
</table>
</div>
<p class="legend">{% for c in concepts %}<span class="c-{{ c.id }}">{{ c.title }}</span>{% endfor %}</p>

{% if problems or stale or warnings %}
<h2 id="overhoppat">Överhoppat och att åtgärda</h2>
<ul class="findings">
{% for p in problems %}
<li class="{{ p.kind }}">{{ "Kunde inte läsas" if p.kind == "unreadable" else "Överhoppad" }}:
{{ p.path }} – {{ p.reason }}</li>
{% endfor %}
{% for s in stale %}<li>Inaktuell accepterad lucka (post {{ s.entry }}): {{ s.org }}, {{ s.concept }} – {{ s.why }}</li>
{% endfor %}
{% for w in warnings %}<li>{{ w }}</li>
{% endfor %}
</ul>
{% endif %}

{% for p in plans %}
<section class="plan" id="{{ p.anchor }}" data-org="{{ p.anchor }}">
<h2>{{ p.label }}</h2>
<p class="facts muted"><span>Fil: {{ p.path }}</span><span>Mål: {{ p.goals_total }}</span>
<span>Mål med {{ horizon_label }}: {{ p.horizon }}</span><span>Namnet från: {{ p.org_source }}</span></p>
<ul class="findings">
{% if not p.gap_sections %}<li>Luckor: inga</li>{% endif %}
{% for heading, items in p.gap_sections %}
{% if loop.first and p.gaps %}<li>{{ heading }}: <strong>{{ items | join(", ") }}</strong></li>
{% else %}<li>{{ heading }}:<ul>{% for t in items %}<li>{{ t }}</li>{% endfor %}</ul></li>{% endif %}
{% endfor %}
{% for a in p.accepted %}<li>Accepterad lucka: {{ a.title }} – {{ a.reason }} ({{ a.by }}, {{ a.date }})</li>
{% endfor %}
</ul>
{% for g in p.groups %}
<div class="goal" data-concepts="{{ g.concepts | join(' ') }}">
{% if g.goal %}{% set s = g.goal %}{% set child = false %}{% include "stmt" %}
{% else %}<p class="muted">Utan mål</p>{% endif %}
{% for s in g.children %}{% set child = true %}{% include "stmt" %}{% endfor %}
</div>
{% endfor %}
</section>
{% endfor %}

<script>
(function () {
  "use strict";
  var conceptSel = document.getElementById("filter-concept");
  var orgSel = document.getElementById("filter-org");
  function has(el, concept) {
    return !concept || (" " + (el.getAttribute("data-concepts") || "") + " ").indexOf(" " + concept + " ") >= 0;
  }
  function apply() {
    var concept = conceptSel.value, org = orgSel.value, shown = 0;
    document.querySelectorAll("[data-org]").forEach(function (el) {
      el.classList.toggle("hidden", !!org && el.getAttribute("data-org") !== org);
    });
    document.querySelectorAll("#matrix [data-concept]").forEach(function (el) {
      el.classList.toggle("dim", !!concept && el.getAttribute("data-concept") !== concept);
    });
    document.querySelectorAll(".goal").forEach(function (el) { el.classList.toggle("hidden", !has(el, concept)); });
    document.querySelectorAll(".stmt").forEach(function (el) {
      var visible = has(el, concept) || el.classList.contains("goal-stmt");
      el.classList.toggle("hidden", !visible);
      if (visible && !el.closest(".hidden")) { shown += 1; }
    });
    document.querySelectorAll("mark.ent").forEach(function (el) {
      el.classList.toggle("off", !!concept && !el.classList.contains("c-" + concept));
    });
    document.getElementById("filter-count").textContent = shown + " påståenden visas";
  }
  conceptSel.addEventListener("change", apply);
  orgSel.addEventListener("change", apply);
  apply();
})();
</script>
</body>
</html>
"""

STMT = """<div class="stmt{{ ' child' if child else ' goal-stmt' }}" data-concepts="{{ s.concepts | join(' ') }}" \
data-id="{{ s.id }}">
<span class="kind">{{ s.kind_sv }} {{ s.id }}</span>{% if s.label %}<span class="muted">{{ s.label }} </span>{% endif %}
{% for text, cs in s.segments %}{% if cs %}<mark class="ent{% for c in cs %} c-{{ c }}{% endfor %}">{{ text }}\
<span class="lbl">{{ cs | map('title_of') | join(' + ') }}</span></mark>{% else %}{{ text }}{% endif %}{% endfor %}
<div class="place">{{ s.place }} · tidshorisont: {{ s.horizon }}</div>
{% if s.evidence %}<div class="ev">{{ s.evidence | join(" | ") }}</div>
{% else %}<div class="none">inga koncept</div>{% endif %}
</div>
"""
