"""Hostile text: tagging time must stay linear in a statement's length, whatever the statement holds.

    python benchmarks/hostile.py

spaCy's tokenizer strips prefix and suffix punctuation off a whitespace-free string one mark at a
time, each time over the rest of the string: a goal followed by 20,000 quotes took 36 s to tag (and
under `serve` held every other upload behind it). aligner cuts such runs before the tokenizer sees
them (aligner.text.bounded_tokens). This prints, per pathological run, the tagging time at growing
lengths, the time per 1,000 characters (flat when linear), and the bare tokenizer on the raw text
for the shorter lengths (quadratic: it is not run on the long ones).
"""

from __future__ import annotations

import time

RUNS = {
    "quotes": '"',
    "closing parentheses": ")",
    "opening parentheses": "(",
    "letter + parenthesis": "a)",
    "mixed punctuation": "\"()[]{}-.,;:!?'",
    "one long word": "a",
}
LENGTHS = (1_000, 4_000, 20_000, 80_000)
BARE_UP_TO = 1_000
GOAL = "Öka tryggheten i stadsdelarna "


def _seconds(fn, text: str) -> float:
    """The best of three runs, each on a text of its own (the tokenizer caches what it has seen)."""
    best = float("inf")
    for n in range(3):
        variant = text.replace(GOAL, f"{GOAL}{n}", 1)
        started = time.perf_counter()
        fn(variant)
        best = min(best, time.perf_counter() - started)
    return best


def main() -> None:
    import spacy

    from aligner.tagging.tagger import Tagger

    tagger = Tagger()
    tagger.tag_text(GOAL)
    bare = spacy.blank("sv")
    print(f"{'run':<22}{'chars':>8}{'aligner tag s':>15}{'ms per 1k chars':>17}{'bare tokenizer s':>18}")
    for name, unit in RUNS.items():
        for length in LENGTHS:
            text = GOAL + (unit * (length // len(unit) + 1))[:length]
            seconds = _seconds(tagger.tag_text, text)
            raw = f"{_seconds(bare, text):>18.3f}" if length <= BARE_UP_TO else f"{'(not run)':>18}"
            print(f"{name:<22}{length:>8}{seconds:>15.4f}{seconds / length * 1e6:>17.3f}{raw}")


if __name__ == "__main__":
    main()
