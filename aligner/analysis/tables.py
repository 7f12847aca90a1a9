"""An audit's result as the pandas tables the reports lay out (matrix, concepts, summary, statements,
gaps, problems); the records themselves (AuditResult, PlanAudit, FileProblem) are in aligner.model.

Made from aligner.run.audit.run_audit's result; read by aligner.reports, which import this module and never the
run (readers, tagger, worker processes). pandas is imported only inside the table functions.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from aligner.model import KIND_SV, AcceptedGap, AuditResult, PlanAudit
from aligner.places import plan_places
from aligner.text import swedish_sort_key
from aligner.wording import tag_evidence_text as evidence_text

if TYPE_CHECKING:
    import pandas as pd

    from aligner.model import RuleSet

# --- Tables (pandas) ------------------------------------------------------------------------------



def cell_status(plan: PlanAudit, concept: str) -> Literal["covered", "gap", "accepted"]:
    """One matrix cell's status."""
    if plan.check.coverage.concept(concept).covered:
        return "covered"
    return "accepted" if concept in plan.accepted_concepts else "gap"


def cells_frame(result: AuditResult) -> pd.DataFrame:
    """One row per plan and concept: goals serving it (directly and through activities), with their ids."""
    import pandas as pd

    rows = []
    for plan in result.plans:
        for c in plan.check.coverage.concepts:
            via_goals = sorted({g for g, _ in c.via} - set(c.goals), key=_id_key)
            rows.append({
                "label": plan.label, "organisation": plan.org, "file": plan.file_name, "path": plan.path,
                "concept": c.concept, "goals": c.goal_count, "direct": list(c.goals),
                "via": [f"{g} ({s})" for g, s in c.via], "via_goals": via_goals,
                "status": cell_status(plan, c.concept),
            })
    columns = ["label", "organisation", "file", "path", "concept", "goals", "direct", "via", "via_goals", "status"]
    return pd.DataFrame(rows, columns=columns)


def _id_key(statement_id: str) -> tuple[str, int]:
    digits = re.sub(r"\D", "", statement_id)
    return statement_id[:1], int(digits) if digits else 0


def matrix_frame(result: AuditResult, values: str = "goals") -> pd.DataFrame:
    """Plans x concepts (ids, rule-set order): goals serving each concept, or with values="status" the status."""
    cells = cells_frame(result)
    order = [p.label for p in result.plans]
    concepts = [c.id for c in result.ruleset.concepts]
    if cells.empty:
        import pandas as pd

        return pd.DataFrame(index=pd.Index(order, name="label"), columns=concepts)
    return cells.pivot(index="label", columns="concept", values=values).reindex(index=order, columns=concepts)


def grouped_matrix(result: AuditResult, values: str = "goals") -> pd.DataFrame:
    """The matrix with columns grouped by framework: (framework title, concept id); shared concepts repeat."""
    import pandas as pd

    matrix = matrix_frame(result, values)
    return pd.concat({fw.title: matrix[list(fw.concepts)] for fw in result.ruleset.frameworks}, axis=1)


def concept_frame(result: AuditResult) -> pd.DataFrame:
    """Per concept: how many organisations (and plans) serve it, which do not, and how many accepted it."""
    cells = cells_frame(result)
    titles = result.titles()
    concepts = list(titles)
    cells = cells.assign(org_key=cells["organisation"].str.casefold(), served=cells["status"] == "covered")
    grouped = cells.groupby("concept")
    frame = grouped.agg(
        plans_serving=("served", "sum"),
        accepted=("status", lambda s: int((s == "accepted").sum())),
    ).reindex(concepts, fill_value=0)
    served_orgs = cells[cells["served"]].groupby("concept")["org_key"].nunique()
    frame["organisations_serving"] = served_orgs.reindex(concepts, fill_value=0).astype(int)
    frame["organisations"] = cells["org_key"].nunique() if not cells.empty else 0
    frame["gaps"] = [sorted(cells[(cells["concept"] == c) & (cells["status"] == "gap")]["label"], key=swedish_sort_key)
                     for c in concepts]
    frame.insert(0, "title", [titles[c] for c in concepts])
    frame.index.name = "concept"
    return frame.astype({"plans_serving": int, "accepted": int})


def horizon_column(ruleset: RuleSet) -> str:
    """The summary's time-horizon column: 'Andel mål med tidshorisont inom 2027'."""
    return f"Andel mål med {ruleset.horizon_label}"


def summary_frame(result: AuditResult) -> pd.DataFrame:
    """Per plan: counts, gaps, accepted gaps, goals serving nothing, time-horizon share, indicator checks."""
    import pandas as pd

    titles = result.titles()
    horizon = horizon_column(result.ruleset)
    rows = []
    for p in result.plans:
        kinds = [ts.statement.kind for ts in p.check.tagged.statements]
        cov = p.check.coverage
        rows.append({
            "Plan": p.label, "Organisation": p.org, "Fil": p.file_name,
            "Mål": kinds.count("goal"), "Aktiviteter": kinds.count("activity"), "Indikatorer": kinds.count("indicator"),
            "Luckor": len(p.gaps), "Koncept som saknas": ", ".join(titles[c] for c in p.gaps),
            "Accepterade luckor": ", ".join(titles[c] for c in p.accepted_concepts),
            "Mål utan koncept": len(cov.untagged_goals),
            horizon: p.horizon_share,
            "Indikatorer utan målvärde": len(p.indicators.indicators_without_target),
            "Mål utan indikator": len(p.indicators.goals_without_indicator),
            "Namnet från": p.org_source,
        })
    return pd.DataFrame(rows, columns=[
        "Plan", "Organisation", "Fil", "Mål", "Aktiviteter", "Indikatorer", "Luckor", "Koncept som saknas",
        "Accepterade luckor", "Mål utan koncept", horizon,
        "Indikatorer utan målvärde", "Mål utan indikator", "Namnet från"])


def statements_frame(result: AuditResult) -> pd.DataFrame:
    """Every statement of every plan with its tags, evidence, time horizon and location."""
    import pandas as pd

    titles = result.titles()
    rows = []
    for p in result.plans:
        places = plan_places(p.check.tagged.plan)
        for ts in p.check.tagged.statements:
            s = ts.statement
            rows.append({
                "Organisation": p.label, "Fil": p.file_name, "Plats": places[s.id], "Typ": KIND_SV[s.kind],
                "Id": s.id, "Förälder": s.parent or "", "Text": s.text,
                "Koncept": ", ".join(titles.get(c, c) for c in ts.concepts),
                "Belägg": " | ".join(evidence_text(t, titles) for t in ts.tags),
                "Tidshorisont": result.ruleset.horizon_text(ts.result.horizon),
            })
    return pd.DataFrame(rows, columns=["Organisation", "Fil", "Plats", "Typ", "Id", "Förälder", "Text", "Koncept",
                                       "Belägg", "Tidshorisont"])


GAP_KINDS = ("Koncept saknas", "Accepterad lucka", "Mål utan koncept", "Indikator utan målvärde",
             "Mål utan indikator", "Inaktuell accepterad lucka", "Angiven koppling stöds inte")


def gaps_frame(result: AuditResult) -> pd.DataFrame:
    """Every gap of the gap analysis (aligner.analysis.gaps), accepted gaps and stale entries: a row each, per plan."""
    import pandas as pd

    titles = result.titles()
    rows: list[dict] = []

    def add(plan_label, file, kind, concept="", sid="", text="", place="", entry: AcceptedGap | None = None,
            note=""):
        rows.append({"Organisation": plan_label, "Fil": file, "Typ": kind, "Koncept": concept, "Id": sid,
                     "Text": text, "Plats": place,
                     "Motivering": entry.reason if entry else note, "Beslutad av": entry.decided_by if entry else "",
                     "Datum": entry.date if entry else ""})

    for p in result.plans:
        by_id = {ts.statement.id: ts.statement for ts in p.check.tagged.statements}
        places = plan_places(p.check.tagged.plan)
        accepted = {a.concept: a for a in p.accepted}
        for cid in p.check.coverage.gaps:
            kind = GAP_KINDS[1] if cid in accepted else GAP_KINDS[0]
            add(p.label, p.file_name, kind, titles[cid], entry=accepted.get(cid))
        groups = ((GAP_KINDS[2], p.check.coverage.untagged_goals),
                  (GAP_KINDS[3], p.indicators.indicators_without_target),
                  (GAP_KINDS[4], p.indicators.goals_without_indicator))
        for kind, ids in groups:
            for sid in ids:
                add(p.label, p.file_name, kind, sid=sid, text=by_id[sid].text, place=places[sid])
        for sid, cid in p.check.gap_analysis.unsupported_claims:
            add(p.label, p.file_name, GAP_KINDS[6], titles.get(cid, cid), sid=sid, text=by_id[sid].text,
                place=places[sid])
    for s in result.stale:
        add(s.entry.organisation, "", GAP_KINDS[5], titles.get(s.entry.concept, s.entry.concept),
            place=f"{Path(s.entry.source).name}, post {s.entry.entry}", entry=s.entry)
        rows[-1]["Text"] = s.reason
    return pd.DataFrame(rows, columns=["Organisation", "Fil", "Typ", "Koncept", "Id", "Text", "Plats", "Motivering",
                                       "Beslutad av", "Datum"])


def problems_frame(result: AuditResult) -> pd.DataFrame:
    """Files not read (unreadable or skipped) and the items skipped inside the plans that were read."""
    import pandas as pd

    kind_sv = {"unreadable": "Oläsbar fil", "skipped": "Överhoppad fil"}
    rows = [{"Typ": kind_sv[f.kind], "Fil": f.path, "Plats": "", "Text": "", "Orsak": f.reason}
            for f in result.problems]
    for p in result.plans:
        plan = p.check.tagged.plan
        rows += [{"Typ": "Överhoppat i planen", "Fil": p.path, "Plats": str(s.ref), "Text": s.text, "Orsak": s.reason}
                 for s in plan.skipped]
        rows += [{"Typ": "Varning", "Fil": p.path, "Plats": "", "Text": "", "Orsak": w} for w in plan.warnings]
    rows += [{"Typ": "Varning", "Fil": "", "Plats": "", "Text": "", "Orsak": w} for w in result.warnings]
    return pd.DataFrame(rows, columns=["Typ", "Fil", "Plats", "Text", "Orsak"])
