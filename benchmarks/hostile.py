"""Hostile text: tagging time must stay linear in a statement's length, whatever the statement holds.

    python benchmarks/hostile.py                 # both parts
    python benchmarks/hostile.py --uploads 0     # the tokenizer part only

spaCy's tokenizer strips prefix and suffix punctuation off a whitespace-free string one mark at a
time, each time over the rest of the string: a goal followed by 20,000 quotes took 36 s to tag (and
under `serve` held every other upload behind it). aligner cuts such runs before the tokenizer sees
them (aligner.text.bounded_tokens). This prints, per pathological run, the tagging time at growing
lengths, the time per 1,000 characters (flat when linear), and the bare tokenizer on the raw text
for the shorter lengths (quadratic: it is not run on the long ones).

Second part: `serve`'s memory over many uploads that each bring 2,000 words never seen before
(a Tagger learns every word it sees; the pool replaces a Tagger whose vocabulary passes
aligner.run.pool.MAX_STRINGS). Printed: the resident set after every 20 uploads, and the same run with
the cap lifted, as it was.
"""

from __future__ import annotations

import argparse
import io
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

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


def _new_words_plan(rng: random.Random) -> bytes:
    rows = ["Mål;Aktivitet"]
    for _ in range(40):
        words = " ".join("".join(rng.choice("abcdefghijklmnoprstuvyåäö") for _ in range(rng.randrange(6, 14)))
                         for _ in range(25))
        rows.append(f"Öka tryggheten {words};Genomföra {words[::-1]}")
    return "\n".join(rows).encode("utf-8")


def serve_memory(uploads: int, cap: int | None) -> None:
    """In this process: `uploads` uploads through the app, the resident set every 20."""
    import aligner.run.pool
    import aligner.web
    from aligner.tagging.tagger import Tagger

    if cap is not None:
        aligner.run.pool.MAX_STRINGS = cap
    app = aligner.web.create_app(Tagger(), taggers=1, drafts=Path(tempfile.mkdtemp(prefix="aligner-bench-")))
    client = app.test_client()
    rng = random.Random(15)

    def rss_mb() -> float:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * 4096 / 1024**2

    line = [f"{rss_mb():.0f}"]
    for n in range(1, uploads + 1):
        response = client.post("/", data={"plan": (io.BytesIO(_new_words_plan(rng)), f"plan-{n}.csv")})
        assert response.status_code == 200, response.status_code
        if n % 20 == 0:
            line.append(f"{rss_mb():.0f}")
    print(" -> ".join(line) + " MB")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--uploads", type=int, default=120)
    parser.add_argument("--serve-only", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--cap", type=int, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve_only:
        serve_memory(args.uploads, args.cap)
        sys.exit(0)
    main()
    if args.uploads:
        print(f"\nserve, resident set at start and after every 20 of {args.uploads} uploads of 2,000 new words:")
        for label, cap in (("with the vocabulary cap", None), ("cap lifted (as before)", 10**12)):
            print(f"  {label}: ", end="", flush=True)
            subprocess.run([sys.executable, __file__, "--serve-only", "--uploads", str(args.uploads)]
                           + (["--cap", str(cap)] if cap else []), check=True)
