"""Terminal text of `aligner audit` (a summary; the details are in the written reports) and `aligner diff`."""

from __future__ import annotations

from aligner.analysis.tables import matrix_frame, summary_frame
from aligner.model import AuditResult, DiffResult
from aligner.places import short_names
from aligner.wording import percent_sv


def _style(text: str, color: bool, **kw) -> str:
    if not color:
        return text
    import click

    return click.style(text, **kw)



def render(result: AuditResult, color: bool = False) -> str:
    """The audit summary: the matrix in short, per organisation its open gaps, then what was not read."""
    titles = result.titles()
    lines = [_style("aligner audit – verksamhetsplaner", color, bold=True),
             f"{len(result.plans)} planer lästa, {len(result.unreadable)} kunde inte läsas, "
             f"{sum(p.kind == 'skipped' for p in result.problems)} filer överhoppade"]
    if result.plans:
        lines += ["", _matrix_lines(result, color)]
        legend = ", ".join(f"{result.ruleset.short(c)} = {t}" for c, t in titles.items())
        lines += [f"  ({legend}; siffra = antal mål, ---- = lucka, acc = accepterad lucka)"]
        # Which concepts each framework holds: the current and the coming period side by side.
        lines += ["  " + " · ".join(f"{fw.title}: {', '.join(result.ruleset.short(c) for c in fw.concepts)}"
                                    for fw in result.ruleset.frameworks)]
    lines += ["", _style("Luckor per organisation", color, bold=True)]
    summary = summary_frame(result).set_index("Plan")
    if not result.plans:
        lines.append("  (inga planer lästa)")
    for p in result.plans:
        row = summary.loc[p.label]
        parts = []
        if p.gaps:
            parts.append(_style("saknar " + ", ".join(titles[c] for c in p.gaps), color, fg="red"))
        if p.accepted:
            parts.append("accepterat: " + ", ".join(titles[c] for c in p.accepted_concepts))
        if p.check.coverage.untagged_goals:  # named as the plan names them, not by aligner's ids
            names = short_names(p.check.tagged.plan)
            parts.append("mål utan koncept: " + ", ".join(names[g] for g in p.check.coverage.untagged_goals))
        if row["Indikatorer utan målvärde"]:
            parts.append(f"indikatorer utan målvärde: {row['Indikatorer utan målvärde']}")
        if row["Mål utan indikator"]:
            parts.append(f"mål utan indikator: {row['Mål utan indikator']}")
        parts.append(f"{result.ruleset.horizon_label}: {percent_sv(p.horizon_share)} av målen")
        lines.append(f"  {p.label}: " + "; ".join(parts))
    if result.stale:
        lines += ["", _style("Inaktuella accepterade luckor", color, bold=True)]
        lines += [f"  post {s.entry.entry}: {s.entry.organisation}, {titles.get(s.entry.concept, s.entry.concept)}"
                  f" – {s.reason}" for s in result.stale]
    if result.problems:
        lines += ["", _style("Ej lästa filer", color, bold=True)]
        lines += [f"  {'FEL' if f.kind == 'unreadable' else 'överhoppad'}: {f.path} – {f.reason}"
                  for f in result.problems]
    if result.warnings:
        lines += ["", _style("Varningar", color, bold=True)] + [f"  {w}" for w in result.warnings]
    return "\n".join(lines) + "\n"


def _matrix_lines(result: AuditResult, color: bool) -> str:
    counts = matrix_frame(result, "goals")
    status = matrix_frame(result, "status")
    width = max(len(x) for x in counts.index) + 2
    shorts = [result.ruleset.short(c) for c in counts.columns]
    cw = max([6, *map(len, shorts)]) + 1  # a column: its short label (from the rule files), at least 7 wide
    head = " " * (width + 2) + "".join(f"{s:>{cw}}" for s in shorts)
    rows = [head]
    for label in counts.index:
        cells = []
        for cid in counts.columns:
            state = status.at[label, cid]
            if state == "covered":
                cells.append(f"{int(counts.at[label, cid]):>{cw}}")
            elif state == "accepted":
                cells.append(f"{'acc':>{cw}}")
            else:
                cells.append(_style(f"{'----':>{cw}}", color, fg="red", bold=True))
        rows.append(f"  {label:<{width}}" + "".join(cells))
    return "\n".join(rows)


def render_diff(diff: DiffResult, color: bool = False) -> str:
    """What `aligner diff` prints: per organisation, concepts and goals gained, lost and changed."""
    t = diff.titles

    def names(ids) -> str:
        ordered = sorted(ids, key=lambda c: diff.concepts.index(c) if c in diff.concepts else 99)
        return ", ".join(t.get(c, c) for c in ordered)

    lines = [_style(f"aligner diff – {diff.old} → {diff.new}", color, bold=True)]
    if diff.only_old:
        lines.append(f"Bara i den gamla versionens styrmodeller (jämförs inte): {names(diff.only_old)}")
    if diff.only_new:
        lines.append(f"Bara i den nya versionens styrmodeller (jämförs inte): {names(diff.only_new)}")
    if not any(o.changed for o in diff.orgs):
        lines.append("Inga skillnader i koncept eller mål.")
    for o in diff.orgs:
        if not o.changed:
            continue
        lines += ["", _style(o.organisation, color, bold=True)]
        if o.old_source is None:
            lines.append("  ny plan (finns bara i den nya versionen)")
        if o.new_source is None:
            lines.append("  planen finns bara i den gamla versionen")
        if o.concepts_gained:
            lines.append("  " + _style(f"+ koncept: {names(o.concepts_gained)}", color, fg="green"))
        if o.concepts_lost:
            lines.append("  " + _style(f"- koncept: {names(o.concepts_lost)}", color, fg="red"))
        for g in o.goals_added:
            lines.append(f"  + mål {g.id}: {g.text}" + (f" [{names(g.concepts)}]" if g.concepts else ""))
        for g in o.goals_removed:
            lines.append(f"  - mål {g.id}: {g.text}" + (f" [{names(g.concepts)}]" if g.concepts else ""))
        for c in o.goals_changed:
            change = "; ".join(x for x in (f"+ {names(c.gained)}" if c.gained else "",
                                           f"- {names(c.lost)}" if c.lost else "") if x)
            lines.append(f"  ~ mål {c.new.id}: {c.new.text} ({change})")
    return "\n".join(lines) + "\n"
