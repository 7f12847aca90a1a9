"""The Swedish words of the reports, in one place: how evidence, concepts, shares and statuses are
written wherever a plan's check is shown (terminal, HTML, Excel, annotated copies, the web page).

Plain functions over the model's records; no reader, tagger or library imported. The rule set's own
words (concept titles, the horizon's "inom 2027") come from the rule folder through RuleSet.
"""

from __future__ import annotations

from collections.abc import Mapping

from aligner.model import Evidence, Tag, TaggedStatement

STATUS_SV = {"covered": "täckt", "gap": "lucka", "accepted": "accepterad"}
NO_CONCEPT = "inget koncept"
NO_EVIDENCE = "inga belägg"


def evidence_words(e: Evidence) -> str:
    """One piece of evidence: '"trygga"', or '"2026" i kolumnen 'Klart senast'' for a cell."""
    return f"\"{e.text}\"" + (f" i kolumnen '{e.source}'" if e.source != "text" else "")


def tag_evidence_text(tag: Tag, titles: Mapping[str, str]) -> str:
    """A tag's evidence with its rules: 'Trygghet: "trygga" (trygghet-trygg)'."""
    parts = [evidence_words(e) + f" ({e.rule_id})" for e in tag.evidence]
    return f"{titles.get(tag.concept, tag.concept)}: " + "; ".join(parts)


def statement_evidence_text(ts: TaggedStatement, titles: Mapping[str, str]) -> str:
    """A statement's evidence per concept: 'Trygghet ("trygga"); Tidshorisont 2027 ("2026" i kolumnen …)'."""
    parts = [f"{titles.get(tag.concept, tag.concept)} ({', '.join(evidence_words(e) for e in tag.evidence)})"
             for tag in ts.tags]
    return "; ".join(parts) or NO_EVIDENCE


def concepts_text(ts: TaggedStatement, titles: Mapping[str, str]) -> str:
    """The concepts a statement serves ("Trygghet, Samspel"), or "inget koncept"."""
    return ", ".join(titles.get(c, c) for c in ts.concepts) or NO_CONCEPT


def percent_sv(share: float | None) -> str:
    """A share as Swedish writes it: '40 %' ('–' for none)."""
    return "–" if share is None else f"{round(share * 100)} %"
