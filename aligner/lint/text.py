"""The rule lint and `rules missing` as text for the terminal, in Swedish."""

from __future__ import annotations

from aligner.lint.matches import REVIEWED_FILE, LintReport
from aligner.lint.missing import MissingReport
from aligner.model import RuleSet

SAMPLE = 8


def _n(number: int) -> str:
    """A number with a thin space between thousands, the Swedish way: 265 440."""
    return f"{number:,}".replace(",", "\u202f")


def render_lint(report: LintReport, all_words: bool = False, sample: int = SAMPLE, new_only: bool = False) -> str:
    """The lint as text: per concept and rule, each term's count of dictionary words, how many an
    example covers, and a sample of the rest (all words with all_words). With new_only, only the
    terms with unreviewed matches, each with all of them: what to read before `--update`."""
    out = [f"Ordlista: {report.dictionary or 'hunspell-sv'}, {_n(report.entries)} ord i "
           f"{_n(report.forms)} böjningsformer. Termer: {_n(len(report.terms))}."]
    if report.reviewed_path is not None:
        state = "" if report.reviewed_exists else " (finns inte ännu)"
        out.append(f"Granskad lista: {report.reviewed_path}{state}")
    out.append("Per term: ord i ordlistan som termen matchar · hur många ett exempel i regelfilen täcker "
               "· ord som ingen har granskat.")
    concept = rule = None
    terms = [t for t in report.terms if t.unreviewed] if new_only else report.terms
    width = max((len(t.term) for t in terms), default=0)
    for t in terms:
        if t.concept != concept:
            concept, rule = t.concept, None
            out.append(f"\n{concept}")
        if t.rule_id != rule:
            rule = t.rule_id
            out.append(f"  {rule}")
        notes = []
        if t.phrase:
            notes.append("i en fras")
        if t.needs_context:
            notes.append("kräver sammanhang (only_*)")
        note = f"  [{', '.join(notes)}]" if notes else ""
        if not t.words:
            out.append(f"    {t.term:<{width}}  inget ord i ordlistan (stavfel, eller ett ord ordlistan saknar){note}")
            continue
        parts = [f"{_n(len(t.words))} ord", f"{_n(len(t.covered))} i exempel"]
        if not t.example_words:
            parts.append("inget exempel har termen")
        if t.excluded:
            parts.append(f"{_n(len(t.excluded))} hålls ute av unless_words")
        if t.partly_excluded:
            missed = ", ".join(f"{w} ({'/'.join(forms[:3])})" for w, forms in list(t.partly_excluded.items())[:3])
            parts.append(f"unless_words missar böjningar av {missed}")
        if t.unreviewed and report.reviewed_exists:
            parts.append(f"{_n(len(t.unreviewed))} nya")
        line = f"    {t.term:<{width}}  " + " · ".join(parts)
        if new_only:
            out.append(line + note)
            out += _wrapped(t.unreviewed, "      ")
            continue
        if all_words:
            out.append(line + note)
            new = set(t.unreviewed) if report.reviewed_exists else set()
            for w in t.words:
                mark = "ny" if w in new else ("ex" if w in t.covered else "")
                out.append(f"      {mark:<3}{w}")
            if t.excluded:
                out.append(f"      (unless_words håller ute: {', '.join(t.excluded)})")
            continue
        shown, more = t.sample(sample, report.reviewed_exists)
        if shown:
            line += ": " + ", ".join(shown) + (f" … (+{_n(more)})" if more else "")
        out.append(line + note)
    out.append("")
    out.append(_summary(report))
    return "\n".join(out)


def _summary(report: LintReport) -> str:
    s = report.to_dict()["summary"]
    text = (f"Sammanfattning: {_n(s['terms'])} termer matchar {_n(s['matches'])} ord i ordlistan; "
            f"{_n(s['matches'] - s['uncovered'])} av dem står i ett exempel. "
            f"{_n(s['terms_without_example'])} termer saknar exempel, {_n(s['terms_without_words'])} "
            "matchar inget ord i ordlistan.")
    if report.reviewed_path is None and not report.reviewed_exists:
        return text  # a lint without a reviewed list (the library, a test)
    name = report.reviewed_path.name if report.reviewed_path else REVIEWED_FILE
    if not report.reviewed_exists:
        return text + ("\nDen granskade listan finns inte: skapa den med `aligner rules lint --update` "
                       "och läs igenom den.")
    if report.stale:
        text += (f"\n{_n(len(report.stale))} rader i {name} matchar inte längre (en regel har "
                 "ändrats eller tagits bort); `aligner rules lint --update` tar bort dem.")
    if report.unreviewed:
        return text + (f"\n{_n(report.unreviewed)} nya träffar som ingen har granskat (se dem med "
                       "`aligner rules lint --new`). "
                       "Granska: rätta regeln om en träff är fel (unless_words, en snävare term), kör sedan "
                       f"`aligner rules lint --update` och läs diffen av {name} innan du "
                       "checkar in den.")
    return text + "\nInga nya träffar: alla är granskade."


def _wrapped(words: list[str], indent: str, width: int = 100) -> list[str]:
    """Words separated by commas, in lines of at most `width` characters."""
    lines: list[str] = []
    line = ""
    for w in words:
        if line and len(indent) + len(line) + len(w) + 2 > width:
            lines.append(indent + line.rstrip())
            line = ""
        line += f"{w}, "
    if line:
        lines.append(indent + line.rstrip(", "))
    return lines


def render_missing(reports: list[MissingReport], ruleset: RuleSet | None = None, all_words: bool = False) -> str:
    """Per part: how many dictionary words have it, which concepts' rules match them, and the words
    no rule matches (with all_words, also the matched words and their rules)."""
    out = []
    for r in reports:
        by_concept = ""
        if ruleset is not None and r.matched_by:
            counts = r.concepts(ruleset)
            by_concept = " (" + ", ".join(f"{cid} {_n(n)}" for cid, n in sorted(counts.items(),
                                                                                key=lambda kv: -kv[1])) + ")"
        out.append(f"{r.part}: {_n(len(r.words))} ord i ordlistan, {_n(len(r.words) - len(r.missed))} matchas "
                   f"av en regel{by_concept}, {_n(len(r.missed))} av ingen" + (":" if r.missed else "."))
        out += _wrapped(r.missed, "    ")
        if all_words and r.matched_by:
            out.append("  matchas av:")
            out.extend(f"    {w:<28} {', '.join(rule_ids)}" for w, rule_ids in r.matched_by.items())
    return "\n".join(out)
