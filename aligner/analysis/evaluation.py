"""Measure the tagger: labelled sets (precision, recall, F1), rule-file examples, and a naive baseline."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

from aligner.errors import InputError, read_user_text
from aligner.model import (
    MEASURE_PART,
    RULES_PART,
    EvalReport,
    Evaluation,
    Example,
    ExampleFailure,
    Item,
    Prediction,
    RuleSet,
    Scores,
    TagResult,
)


def load_labelled(path: str | Path) -> list[Item]:
    """Read a JSON Lines file of objects with id, text and labels."""
    items = []
    lines = read_user_text(path, hint="en UTF-8-kodad JSON Lines-fil").splitlines()
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
            source = obj.get("source")
            part = obj.get("part")
            items.append(Item(str(obj["id"]), str(obj["text"]), frozenset(obj.get("labels") or ()),
                              str(source) if source else None, str(part) if part else None))
        except (json.JSONDecodeError, KeyError, TypeError, AttributeError) as exc:
            raise InputError(str(path), "raden är inte ett JSON-objekt med id, text och labels",
                             where=f"rad {n}") from exc
        if items[-1].part not in (None, RULES_PART, MEASURE_PART):
            raise InputError(str(path), f"okänd del '{items[-1].part}' (part ska vara {RULES_PART} eller "
                             f"{MEASURE_PART})", where=f"rad {n}")
    return items



def split_part(item: Item) -> str:
    """The part an item belongs to: the part its file names, else a stable hash of its source page
    (about half each); items with neither are in the rules part."""
    if item.part:
        return item.part
    if not item.source:
        return RULES_PART
    digest = hashlib.sha256(item.source.encode("utf-8")).digest()
    return MEASURE_PART if digest[0] & 1 else RULES_PART


def split_items(items: list[Item]) -> dict[str, list[Item]]:
    """Items by part, in their order; a part with no items is left out."""
    parts: dict[str, list[Item]] = {RULES_PART: [], MEASURE_PART: []}
    for item in items:
        parts[split_part(item)].append(item)
    return {name: rows for name, rows in parts.items() if rows}


def predict(items: list[Item], tag_texts: Callable[[Iterable[str]], Iterable[TagResult]]) -> list[Prediction]:
    """Run a tagger over items."""
    out = []
    for item, result in zip(items, tag_texts(i.text for i in items), strict=True):
        rules = {t.concept: t.rule_ids for t in result.tags}
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
    counts: dict[str, Counter[str]] = {c: Counter() for c in concepts}
    fps, fns = [], []
    fired: Counter[str] = Counter()
    wrong: Counter[str] = Counter()
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



def evaluate(predictions: list[Prediction], concepts: Iterable[str]) -> Evaluation:
    """Score predictions as a whole and per split part (see split_part)."""
    concepts = tuple(concepts)
    by_item = {id(p.item): p for p in predictions}
    parts = {name: score([by_item[id(i)] for i in rows], concepts)
             for name, rows in split_items([p.item for p in predictions]).items()}
    return Evaluation(score(predictions, concepts), parts)



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
    fired = tag.rule_ids if tag else ()
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
