"""Measure the tagger: labelled sets (precision, recall, F1), rule-file examples, and a naive baseline."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from aligner.errors import InputError, read_user_text
from aligner.model import TagResult
from aligner.tagging.rules import Example, RuleSet


@dataclass(frozen=True, slots=True)
class Item:
    """One labelled statement."""

    id: str
    text: str
    labels: frozenset[str]


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


def load_labelled(path: str | Path) -> list[Item]:
    """Read a JSON Lines file of objects with id, text and labels."""
    items = []
    lines = read_user_text(path, hint="en UTF-8-kodad JSON Lines-fil").splitlines()
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
            items.append(Item(str(obj["id"]), str(obj["text"]), frozenset(obj.get("labels") or ())))
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise InputError(str(path), "raden är inte ett JSON-objekt med id, text och labels",
                             where=f"rad {n}") from exc
    return items


def predict(items: list[Item], tag_texts: Callable[[Iterable[str]], Iterable[TagResult]]) -> list[Prediction]:
    """Run a tagger over items."""
    out = []
    for item, result in zip(items, tag_texts(i.text for i in items), strict=True):
        rules = {t.concept: tuple(dict.fromkeys(e.rule_id for e in t.evidence)) for t in result.tags}
        evidence = {t.concept: tuple(e.text for e in t.evidence) for t in result.tags}
        out.append(Prediction(item, frozenset(result.concepts), rules, evidence))
    return out


def baseline_predict(items: list[Item], ruleset: RuleSet) -> list[Prediction]:
    """The naive baseline: a concept is tagged when the word a planner would search for stands in the
    text (each concept file's `baseline:`, else its title)."""
    names = {c.id: c.baseline.lower() for c in ruleset.concepts}
    out = []
    for item in items:
        low = item.text.lower()
        hits = frozenset(c for c, name in names.items() if name in low)
        out.append(Prediction(item, hits, {c: ("baseline",) for c in hits}))
    return out


def score(predictions: list[Prediction], concepts: Iterable[str]) -> EvalReport:
    """Precision, recall and F1 per concept and micro-averaged, with the errors listed."""
    concepts = tuple(concepts)
    counts = {c: Counter() for c in concepts}
    fps, fns = [], []
    fired, wrong = Counter(), Counter()
    for p in predictions:
        for c in concepts:
            predicted, gold = c in p.concepts, c in p.item.labels
            key = "tp" if predicted and gold else "fp" if predicted else "fn" if gold else None
            if key:
                counts[c][key] += 1
            if key == "fp":
                fps.append((p, c))
            elif key == "fn":
                fns.append((p, c))
            for rule in p.rules.get(c, ()):
                fired[rule] += 1
                wrong[rule] += key == "fp"
    per = {c: Scores(counts[c]["tp"], counts[c]["fp"], counts[c]["fn"]) for c in concepts}
    micro = Scores(*(sum(getattr(s, k) for s in per.values()) for k in ("tp", "fp", "fn")))
    return EvalReport(concepts, per, micro, tuple(fps), tuple(fns), dict(fired), dict(wrong), len(predictions))


@dataclass(frozen=True, slots=True)
class ExampleFailure:
    """A rule-file example that did not come out as its file says."""

    example: Example
    concepts: tuple[str, ...]
    rules: tuple[str, ...]
    evidence: tuple[str, ...]
    problem: str


def run_examples(ruleset: RuleSet, tag_texts: Callable[[Iterable[str]], Iterable[TagResult]]
                 ) -> tuple[int, list[ExampleFailure]]:
    """Check every example of every concept; returns (number checked, failures)."""
    examples = [e for c in ruleset.concepts for e in c.examples]
    failures = []
    for ex, result in zip(examples, tag_texts(e.text for e in examples), strict=True):
        failure = check_example(ex, result)
        if failure:
            failures.append(failure)
    return len(examples), failures


def check_example(ex: Example, result: TagResult) -> ExampleFailure | None:
    """None if the example holds, else what went wrong."""
    tag = next((t for t in result.tags if t.concept == ex.concept), None)
    fired = tuple(dict.fromkeys(e.rule_id for e in tag.evidence)) if tag else ()
    evidence = tuple(e.text for e in tag.evidence) if tag else ()
    problem = None
    if ex.should_match and tag is None:
        problem = "taggades inte"
    elif ex.should_match and ex.rules and not set(ex.rules) <= set(fired):
        problem = f"regeln {', '.join(sorted(set(ex.rules) - set(fired)))} slog inte till"
    elif not ex.should_match and tag is not None:
        problem = "taggades, men ska inte"
    if problem is None:
        return None
    return ExampleFailure(ex, result.concepts, fired, evidence, problem)
