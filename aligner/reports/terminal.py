"""Terminal reports in Swedish: plain text, colour only when asked for (on a TTY)."""

from __future__ import annotations

from aligner.model import KIND_SV, TagResult


def _style(text: str, color: bool, **kw) -> str:
    if not color:
        return text
    import click

    return click.style(text, **kw)


def _titles(ruleset) -> dict[str, str]:
    return {c.id: c.title for c in ruleset.concepts}


def mark_evidence(text: str, spans: list[tuple[int, int]], color: bool = False) -> str:
    """The text with evidence spans marked: [[like this]] (or bold on a TTY)."""
    out, pos = [], 0
    for start, end in sorted(set(spans)):
        if start < pos:
            continue
        out.append(text[pos:start])
        piece = text[start:end]
        out.append(_style(piece, color, bold=True, fg="green") if color else f"[[{piece}]]")
        pos = end
    out.append(text[pos:])
    return "".join(out)


def render_tag_result(text: str, result: TagResult, ruleset, explain: bool = False) -> str:
    """What `aligner tag` prints: the tags, their evidence and the horizon."""
    titles = _titles(ruleset)
    spans = [(e.start, e.end) for t in result.tags for e in t.evidence if e.source == "text"]
    lines = [mark_evidence(text, spans), ""]
    if not result.tags:
        lines.append("Inga koncept.")
    for tag in result.tags:
        lines.append(f"{titles.get(tag.concept, tag.concept)} ({tag.concept})")
        for ev in tag.evidence:
            lines.append(f"  belägg: \"{ev.text}\" [{ev.start}–{ev.end}] regel {ev.rule_id}")
    lines.append(f"Tidshorisont: {ruleset.horizon_text(result.horizon)}")
    if explain:
        lines.append("")
        fired = [(t.concept, e.rule_id, e.text) for t in result.tags for e in t.evidence]
        lines.append("Regler som slog till:" if fired else "Inga regler slog till.")
        lines.extend(f"  {rule} → {concept}: \"{txt}\"" for concept, rule, txt in fired)
        if result.suppressed:
            lines.append("Stoppade av undantag:")
            lines.extend(f"  {s.rule_id} → {s.concept}: \"{s.text}\" ({s.reason})" for s in result.suppressed)
    return "\n".join(lines)


def _score_rows(report) -> list[str]:
    lines = [f"{'koncept':<24}{'prec':>7}{'recall':>8}{'F1':>7}{'tp':>5}{'fp':>5}{'fn':>5}"]
    rows = [(c, report.per_concept[c]) for c in report.concepts] + [("micro", report.micro)]
    for name, s in rows:
        lines.append(f"{name:<24}{_share(s.precision, s.tp + s.fp):>7}{_share(s.recall, s.tp + s.fn):>8}"
                     f"{_share(s.f1, s.tp + s.fp + s.fn):>7}{s.tp:>5}{s.fp:>5}{s.fn:>5}")
    return lines


def render_eval(evaluation, by_rule: bool = False, errors: bool = True, error_part: str | None = None) -> str:
    """Score table for the whole set, then per part with the gap, the errors, and (optionally) per rule.

    With parts, the errors listed are the rules part's unless error_part names another ("alla": all):
    the measure-only part is there to be measured, not read for rules to write. Naming one part
    shows that part's table and errors alone, so a rule author can read the regeldel without the
    mätdel's figures on the screen.
    """
    from aligner.model import MEASURE_PART, RULES_PART

    report, parts = evaluation.whole, evaluation.parts
    if len(parts) > 1 and error_part in parts:  # one part asked for: its table and errors alone
        listed = parts[error_part]
        suffix = ", bara mätt" if error_part == MEASURE_PART else ""
        lines = [f"{error_part} ({listed.size} meningar{suffix})"] + _score_rows(listed)
        return "\n".join(lines + _error_lines(listed, errors) + _rule_lines(listed, by_rule))
    lines = _score_rows(report) + [f"({report.size} meningar)"]
    if len(parts) > 1:
        for name, part in parts.items():
            lines += ["", f"{name} ({part.size} meningar{', bara mätt' if name == MEASURE_PART else ''})"]
            lines += _score_rows(part)
        gap = evaluation.gap_figures()
        lines += ["", "Skillnad regeldel − mätdel (micro): "
                  + ", ".join(f"{k} {v:+.2f}" for k, v in zip(("prec", "recall", "F1"), gap.values(), strict=True))]
    elif set(parts) == {MEASURE_PART}:
        lines += ["", "Hela mängden är mätdel (bara mätt)."]
    choice = error_part or RULES_PART
    if choice == "alla" or not parts:
        listed = report
    elif choice in parts:
        listed = parts[choice]
    else:  # a set with no such part (a measure-only file, whose regeldel is asked for): nothing listed
        listed = None
        if errors:
            hint = f"; mätdelens fel listas bara med --part {MEASURE_PART}" if MEASURE_PART in parts else ""
            lines += ["", f"Mängden har ingen {choice}{hint}."]
    if errors and listed is not None and len(parts) > 1:
        lines += ["", f"Fel i {'hela mängden' if choice == 'alla' else choice}:"]
    if listed is not None:
        lines += _error_lines(listed, errors)
    return "\n".join(lines + _rule_lines(listed or report, by_rule))


def _error_lines(listed, errors: bool) -> list[str]:
    """The false and missed tags of a report, each with the rules and words behind it."""
    lines: list[str] = []
    if not errors:
        return lines
    for title, rows_ in (("Falska träffar (fp)", listed.false_positives), ("Missade (fn)", listed.false_negatives)):
        if rows_:
            lines += ["", f"{title}: {len(rows_)}"]
            for p, concept in rows_:
                why = ""
                if p.rules.get(concept):
                    why = f"  [{', '.join(p.rules[concept])}: {' | '.join(p.evidence.get(concept, ()))}]"
                lines.append(f"  {p.item.id} {concept}: {p.item.text}{why}")
    return lines


def _rule_lines(listed, by_rule: bool) -> list[str]:
    """Each rule's hits and errors in a report, the most often wrong first."""
    if not by_rule:
        return []
    lines = ["", f"{'regel':<36}{'träffar':>8}{'fel':>6}"]
    for rule, n in sorted(listed.rule_fired.items(), key=lambda kv: (-listed.rule_wrong.get(kv[0], 0), kv[0])):
        wrong = listed.rule_wrong.get(rule, 0)
        flag = "  <-- fel oftare än var tredje gång" if wrong * 3 > n else ""
        lines.append(f"{rule:<36}{n:>8}{wrong:>6}{flag}")
    return lines
    return "\n".join(lines)


def _share(value: float, base: int) -> str:
    return f"{value:.2f}" if base else "–"


def render_example_failures(total: int, failures) -> str:
    """What `aligner rules test` prints."""
    lines = []
    for f in failures:
        ex = f.example
        kind = "ska matcha" if ex.should_match else "ska inte matcha"
        lines.append(f"FEL {ex.concept}::{'match' if ex.should_match else 'no_match'}-{ex.index} ({kind}): {f.problem}")
        lines.append(f"  mening: {ex.text}")
        lines.append(f"  taggar: {', '.join(f.concepts) or 'inga'}")
        if f.rules:
            lines.append(f"  regler: {', '.join(f.rules)}; belägg: {' | '.join(f.evidence)}")
    lines.append(f"{total - len(failures)} passed, {len(failures)} failed")
    return "\n".join(lines)


def render_rule_list(ruleset) -> str:
    """What `aligner rules list` prints: the folder and its files, then per concept rule id and description."""
    from pathlib import Path

    folder = Path(ruleset.source).resolve() if ruleset.source else None
    lines = []
    if folder is not None:
        lines.append(f"Regelmapp: {folder}")
        lines.append(f"  styrmodeller: {folder / 'frameworks.yaml'}")
    for fw in ruleset.frameworks:
        lines.append(f"{fw.title} ({fw.id}): {', '.join(fw.concepts)}")
    for concept in ruleset.concepts:
        path = folder / f"{concept.id}.yaml" if folder is not None else concept.path
        lines += ["", f"{concept.title} ({concept.id}) — {path}"]
        names = ", ".join(dict.fromkeys((concept.title, *concept.names)))
        lines.append(f"  kort: {concept.short}; namn i planernas kopplingar: {names}")
        if ruleset.time_concept == concept.id:
            tf = ruleset.timeframe
            lines.append(f"  tidshorisont: {tf.first_year}–{tf.last_year}")
        if not concept.rules:
            lines.append("  inga regler ännu: konceptet blir en lucka i varje plan")
        for rule in concept.rules:
            lines.append(f"  {rule.id:<32} {rule.description}")
        n_match = sum(e.should_match for e in concept.examples)
        lines.append(f"  exempel: {n_match} ska matcha, {len(concept.examples) - n_match} ska inte")
    return "\n".join(lines)


def kind_sv(kind: str) -> str:
    """Swedish name of a statement kind."""
    return KIND_SV.get(kind, kind)


def _concept_list(ts, titles: dict[str, str], verbose: bool) -> str:
    """'→ Livskvalitet, Trygghet' (with the words from other columns), or '→ inget koncept'."""
    if not ts.tags:
        return "→ inget koncept"
    parts = []
    for tag in ts.tags:
        outside = [f"kolumnen '{e.source}'" if e.text == e.source else f"\"{e.text}\" i kolumnen '{e.source}'"
                   for e in tag.evidence if e.source != "text"]
        words = f" ({'; '.join(outside)})" if outside and not verbose else ""
        parts.append(titles.get(tag.concept, tag.concept) + words)
    return "→ " + ", ".join(parts)


def _evidence_lines(ts, titles: dict[str, str], indent: str, ruleset) -> list[str]:
    """--verbose: every piece of evidence with its rule id and character offsets, and the time frame."""
    lines = []
    for tag in ts.tags:
        for e in tag.evidence:
            where = f"i kolumnen '{e.source}'" if e.source != "text" else f"tecken {e.start}–{e.end}"
            lines.append(f"{indent}{titles.get(tag.concept, tag.concept)}: \"{e.text}\" ({where}, regel {e.rule_id})")
    h = ts.result.horizon
    if h.status != "none":
        lines.append(f"{indent}tidshorisont: {ruleset.horizon_text(h)}")
    return lines


def _statement_line(ts, titles: dict[str, str], color: bool, verbose: bool, place: str, indent: str,
                    bullet: str, ruleset=None) -> list[str]:
    s = ts.statement
    spans = [(e.start, e.end) for t in ts.tags for e in t.evidence if e.source == "text"]
    concepts = _concept_list(ts, titles, verbose)
    concepts = _style(concepts, color, fg="yellow") if not ts.tags else concepts
    lines = [f"{indent}{bullet}{mark_evidence(s.text, spans, color)}  {concepts}"]
    if verbose:
        pad = indent + " " * len(bullet) + "  "
        lines.append(f"{pad}plats: {place} (id {s.id})")
        lines += _evidence_lines(ts, titles, pad, ruleset)
    return lines


def _goal_heading(goal, place: str) -> str:
    from aligner.places import own_label, statement_name

    label = own_label(goal.statement)
    return place if label and place.endswith(label) else f"{statement_name(goal.statement)} – {place}"


def _group_lines(goal, children, result, places, color: bool, verbose: bool) -> list[str]:
    """A goal with its activities and indicators, grouped under the plan's own subheadings."""
    titles = _titles(result.ruleset)
    lines = [""]
    if goal is None:
        lines.append(_style("Utan mål", color, bold=True))
    else:
        lines.append(_style(_goal_heading(goal, places[goal.statement.id]), color, bold=True))
        lines += _statement_line(goal, titles, color, verbose, places[goal.statement.id], "  ", "",
                                 result.ruleset)
    groups: dict[str, list] = {}
    for child in children:
        groups.setdefault(KIND_SV[child.statement.kind], []).append(child)
    for kind in ("aktivitet", "indikator"):
        members = groups.get(kind, [])
        if members:
            lines.append(f"  {'Aktiviteter' if kind == 'aktivitet' else 'Indikatorer'}:")
            for child in members:
                lines += _statement_line(child, titles, color, verbose, places[child.statement.id], "    ", "• ",
                                         result.ruleset)
    return lines


def _ordered(tagged_plan):
    """Goals each followed by their activities and indicators; statements without a goal last."""
    statements = tagged_plan.statements
    by_parent: dict[str | None, list] = {}
    goal_ids = {s.statement.id for s in statements if s.statement.kind == "goal"}
    for ts in statements:
        if ts.statement.kind != "goal":
            parent = ts.statement.parent if ts.statement.parent in goal_ids else None
            by_parent.setdefault(parent, []).append(ts)
    for ts in statements:
        if ts.statement.kind == "goal":
            yield ts, by_parent.get(ts.statement.id, [])
    if by_parent.get(None):
        yield None, by_parent[None]


def _suggestion_lines(result, color: bool) -> list[str]:
    """The "Förslag" section: per gap concept the closest goals and example wordings (not coverage)."""
    from aligner.wording import SUGGESTION_LABEL, statement_names, suggestion_lines

    suggestions = getattr(result, "suggestions", ())
    if not suggestions:
        return []
    names = statement_names(result.tagged.plan)
    lines = ["", _style(SUGGESTION_LABEL, color, bold=True)]
    for s in suggestions:
        lines.append(f"  {s.title}")
        lines += [f"    {line}" for line in suggestion_lines(s, names, result.ruleset)]
    return lines


def _coverage_lines(result, names: dict[str, str], color: bool) -> list[str]:
    cov = result.coverage
    lines = [_style("Täckning", color, bold=True)]
    for fw in cov.frameworks:
        lines.append(f"  {fw.title}: {len(fw.covered)} av {len(fw.concepts)} koncept täckta")
        for cid in fw.concepts:
            c = cov.concept(cid)
            if c.covered:
                via = [g for g in dict.fromkeys(g for g, _ in c.via) if g not in c.goals]
                who = ", ".join(names[g] for g in c.goals)
                if via:
                    under = ", ".join(names[g] for g in via)
                    who += ("; " if who else "") + f"genom aktiviteter/indikatorer under {under}"
                lines.append(f"    {c.title:<24} " + _style("täckt", color, fg="green") + f"  {who}")
            else:
                extra = (f"  (bara i aktiviteter/indikatorer utan mål: {len(c.without_goal)})"
                         if c.without_goal else "")
                lines.append(f"    {c.title:<24} " + _style("LUCKA", color, fg="red", bold=True) + extra)
    if cov.goals_total:
        lines.append(f"  Mål med {result.ruleset.horizon_label}: {cov.goals_with_horizon} av {cov.goals_total}")
    return lines


def _gap_lines(result, color: bool) -> list[str]:
    from aligner.analysis.gaps import gap_views

    cov = result.coverage
    lines = ["", _style("Luckor", color, bold=True)]
    views = gap_views(result)
    if not views:
        lines.append("  Inga luckor: varje koncept tjänas av minst ett mål, varje mål tjänar ett koncept "
                     "och har en indikator med målvärde.")
    for heading, items in views:
        if heading.startswith("Koncept"):
            lines.append(f"  {heading}: " + _style(", ".join(items), color, fg="red", bold=True))
            continue
        lines.append(f"  {heading} ({len(items)}):")
        lines += [f"    • {item}" for item in items]
    if cov.untagged_statements:
        lines.append(f"  (Aktiviteter och indikatorer som inte tjänar något koncept: {len(cov.untagged_statements)}; "
                     "markerade med → inget koncept nedan. De räknas inte som luckor.)")
    return lines


def render(result, color: bool = False, verbose: bool = False) -> str:
    """The terminal report of `aligner check`: the answer first (coverage and gaps), then suggestions,
    then the statements under their goals with the plan's own labels; rule ids and offsets with `verbose`."""
    from aligner.places import plan_places, short_names

    plan, cov = result.tagged.plan, result.coverage
    places = plan_places(plan)
    names = short_names(plan, places)
    counts = {k: sum(1 for s in plan.statements if s.kind == k) for k in ("goal", "activity", "indicator")}
    name = plan.source.replace("\\", "/").rsplit("/", 1)[-1]
    found = [text for n, text in ((len(cov.gaps), f"{len(cov.gaps)} koncept saknas"),
                                  (len(cov.untagged_goals), f"{len(cov.untagged_goals)} mål tjänar inget koncept"))
             if n]
    verdict = (_style("Planen har luckor", color, fg="red", bold=True) if cov.has_gaps
               else _style("Inga luckor i täckningen", color, fg="green", bold=True))
    lines = [
        _style(plan.title or name, color, bold=True),
        " · ".join(p for p in (name, plan.org, f"{counts['goal']} mål, {counts['activity']} aktiviteter, "
                                                f"{counts['indicator']} indikatorer") if p),
        "",
        f"Svar: {verdict}" + (" – " + ", ".join(found) + "." if found else "."),
        "",
    ]
    lines += _coverage_lines(result, names, color)
    lines += _gap_lines(result, color)
    lines += _suggestion_lines(result, color)
    if cov.claims:
        unsupported = sum(c.status == "unsupported" for c in cov.claims)
        lines += ["", _style("Kopplingar som planen anger", color, bold=True)]
        lines.append(f"  stöds av texten: {sum(c.status == 'supported' for c in cov.claims)}, "
                     f"stöds inte: {unsupported}, "
                     f"finns i texten men anges inte: {sum(c.status == 'unclaimed' for c in cov.claims)}")
    lines += ["", _style("Mål, aktiviteter och indikatorer", color, bold=True)
              + " (ord inom [[ ]] visar varför; → de koncept som texten tjänar)"]
    for goal, children in _ordered(result.tagged):
        lines += _group_lines(goal, children, result, places, color, verbose)
    if plan.skipped:
        from aligner.places import ref_place

        lines += ["", _style(f"Överhoppat ({len(plan.skipped)})", color, bold=True)]
        lines += [f"  {ref_place(s.ref)}: {s.reason}" + (f" – \"{s.text[:60]}\"" if s.text else "")
                  for s in plan.skipped]
    if plan.warnings:
        lines += ["", _style("Varningar", color, bold=True)] + [f"  {w}" for w in plan.warnings]
    return "\n".join(lines) + "\n"
