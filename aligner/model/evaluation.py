"""The tagger measured, as records: labelled items, predictions, scores and reports, rule-file
example failures (made by aligner.analysis.evaluation)."""

from __future__ import annotations

from dataclasses import dataclass, field

from aligner.model.rules import Example

# Labelled real statements are split by the page they came from: rules are written from one part
# (RULES_PART) and the other (MEASURE_PART) is only measured on, so the gap between the two shows
# how far the rules fit the sentences they were written from. Splitting by page, not by sentence,
# keeps one plan's wording on one side. Items without a source (hand-written hard cases) are all
# in the rules part, unless the file names their part: a set written apart from the rules, to be
# measured on only, says "part": "mätdel" on every row.
RULES_PART = "regeldel"
MEASURE_PART = "mätdel"


@dataclass(frozen=True, slots=True)
class Item:
    """One labelled statement."""

    id: str
    text: str
    labels: frozenset[str]
    source: str | None = None
    part: str | None = None  # the part the file names for this item; else split by source


@dataclass(frozen=True, slots=True)
class Prediction:
    """What the tagger said of one item, with the rules behind each concept."""

    item: Item
    concepts: frozenset[str]
    rules: dict[str, tuple[str, ...]] = field(default_factory=dict)
    evidence: dict[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Scores:
    """Counts and scores for one concept (or micro-averaged)."""

    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        """tp / (tp + fp); 1.0 when nothing was predicted."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        """tp / (tp + fn); 1.0 when nothing was expected."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict:
        """JSON form."""
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 4),
                "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


@dataclass(frozen=True, slots=True)
class EvalReport:
    """Scores per concept and micro-averaged, the errors, and how each rule fared."""

    concepts: tuple[str, ...]
    per_concept: dict[str, Scores]
    micro: Scores
    false_positives: tuple[tuple[Prediction, str], ...]
    false_negatives: tuple[tuple[Prediction, str], ...]
    rule_fired: dict[str, int]
    rule_wrong: dict[str, int]
    size: int

    def to_dict(self) -> dict:
        """JSON form (stable key order)."""
        def errors(rows):
            return [{"id": p.item.id, "concept": c, "text": p.item.text,
                     "rules": list(p.rules.get(c, ())), "evidence": list(p.evidence.get(c, ()))}
                    for p, c in rows]
        return {
            "size": self.size,
            "micro": self.micro.to_dict(),
            "per_concept": {c: self.per_concept[c].to_dict() for c in self.concepts},
            "false_positives": errors(self.false_positives),
            "false_negatives": errors(self.false_negatives),
            "rules": {r: {"fired": n, "wrong": self.rule_wrong.get(r, 0)}
                      for r, n in sorted(self.rule_fired.items())},
        }


@dataclass(frozen=True, slots=True)
class Evaluation:
    """A labelled set scored as a whole and per part (rules part, measure-only part)."""

    whole: EvalReport
    parts: dict[str, EvalReport]

    def gap_figures(self) -> dict[str, float] | None:
        """Rules part minus measure part, for precision, recall and F1 (micro); None without both parts."""
        if RULES_PART not in self.parts or MEASURE_PART not in self.parts:
            return None
        a, b = self.parts[RULES_PART].micro, self.parts[MEASURE_PART].micro
        return {"precision": a.precision - b.precision, "recall": a.recall - b.recall, "f1": a.f1 - b.f1}

    def to_dict(self) -> dict:
        """JSON form: the whole set's report, with the parts and the gap when the set has sources."""
        out = self.whole.to_dict()
        if len(self.parts) > 1:
            out["parts"] = {name: {"size": r.size, "micro": r.micro.to_dict(),
                                   "per_concept": {c: r.per_concept[c].to_dict() for c in r.concepts}}
                            for name, r in self.parts.items()}
            gap = self.gap_figures()
            if gap:
                out["gap"] = {k: round(v, 4) for k, v in gap.items()}
        return out


@dataclass(frozen=True, slots=True)
class ExampleFailure:
    """A rule-file example that did not come out as its file says."""

    example: Example
    concepts: tuple[str, ...]
    rules: tuple[str, ...]
    evidence: tuple[str, ...]
    problem: str
