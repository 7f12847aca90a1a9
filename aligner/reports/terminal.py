"""Terminal reports in Swedish: plain text, colour only when asked for (on a TTY)."""

from __future__ import annotations

from aligner.model import KIND_SV, TagResult

_HORIZON_SV = {"none": "ingen", "within": "inom 2027", "beyond": "bortom 2027"}


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
    h = result.horizon
    lines.append(f"Tidshorisont: {_HORIZON_SV[h.status]}" + (f" ({h.year})" if h.year else ""))
    if explain:
        lines.append("")
        fired = [(t.concept, e.rule_id, e.text) for t in result.tags for e in t.evidence]
        lines.append("Regler som slog till:" if fired else "Inga regler slog till.")
        lines.extend(f"  {rule} → {concept}: \"{txt}\"" for concept, rule, txt in fired)
        if result.suppressed:
            lines.append("Stoppade av undantag:")
            lines.extend(f"  {s.rule_id} → {s.concept}: \"{s.text}\" ({s.reason})" for s in result.suppressed)
    return "\n".join(lines)


def render_eval(report, by_rule: bool = False, errors: bool = True) -> str:
    """Precision/recall/F1 table, then false positives and negatives, then (optionally) per rule."""
    lines = [f"{'koncept':<24}{'prec':>7}{'recall':>8}{'F1':>7}{'tp':>5}{'fp':>5}{'fn':>5}"]
    rows = [(c, report.per_concept[c]) for c in report.concepts] + [("micro", report.micro)]
    for name, s in rows:
        lines.append(f"{name:<24}{s.precision:>7.2f}{s.recall:>8.2f}{s.f1:>7.2f}{s.tp:>5}{s.fp:>5}{s.fn:>5}")
    lines.append(f"({report.size} meningar)")
    if errors:
        for title, rows_ in (("Falska träffar (fp)", report.false_positives),
                             ("Missade (fn)", report.false_negatives)):
            if rows_:
                lines += ["", f"{title}: {len(rows_)}"]
                for p, concept in rows_:
                    why = ""
                    if p.rules.get(concept):
                        why = f"  [{', '.join(p.rules[concept])}: {' | '.join(p.evidence.get(concept, ()))}]"
                    lines.append(f"  {p.item.id} {concept}: {p.item.text}{why}")
    if by_rule:
        lines += ["", f"{'regel':<36}{'träffar':>8}{'fel':>6}"]
        for rule, n in sorted(report.rule_fired.items(), key=lambda kv: (-report.rule_wrong.get(kv[0], 0), kv[0])):
            wrong = report.rule_wrong.get(rule, 0)
            flag = "  <-- fel oftare än var tredje gång" if wrong * 3 > n else ""
            lines.append(f"{rule:<36}{n:>8}{wrong:>6}{flag}")
    return "\n".join(lines)


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
    """What `aligner rules list` prints: per concept, rule id and description."""
    lines = []
    for fw in ruleset.frameworks:
        lines.append(f"{fw.title}: {', '.join(fw.concepts)}")
    for concept in ruleset.concepts:
        lines += ["", f"{concept.title} ({concept.id}) — {concept.path}"]
        for rule in concept.rules:
            lines.append(f"  {rule.id:<32} {rule.description}")
        n_match = sum(e.should_match for e in concept.examples)
        lines.append(f"  exempel: {n_match} ska matcha, {len(concept.examples) - n_match} ska inte")
    return "\n".join(lines)


def kind_sv(kind: str) -> str:
    """Swedish name of a statement kind."""
    return KIND_SV.get(kind, kind)
