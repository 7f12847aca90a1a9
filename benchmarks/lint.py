"""Benchmark of `aligner rules lint`: expanding the hunspell-sv dictionary and matching the rules.

    python benchmarks/lint.py              # median of 3 runs of each step
    python benchmarks/lint.py --repeat 5

Steps, each timed in this process (CPU seconds, process_time, beside wall-clock seconds):
  expand   read sv_SE.dic + sv_SE_expanded.dic and apply the .aff rules (what the cache saves)
  index    fold the forms the matcher's way and index them by entry (also what the cache saves)
  load     read the word index from aligner's cache (what a lint run does after the first)
  lint     match every glob term of the shipped rules against every form
  missing  `aligner rules missing hemtjänst omsorgs trygghets klimat`
The target (issue 14): seconds, not minutes, for expansion and matching together.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time


def _timed(fn, repeat: int):
    walls, cpus = [], []
    result = None
    for _ in range(repeat):
        w, c = time.perf_counter(), time.process_time()
        result = fn()
        walls.append(time.perf_counter() - w)
        cpus.append(time.process_time() - c)
    return result, statistics.median(walls), statistics.median(cpus)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    import os

    from aligner.hunspell import DictionaryMissing, Lexicon, expand_files, find_dictionary
    from aligner.lint import WordIndex, lint, missing
    from aligner.tagging.rules import load_rules

    try:
        pairs = find_dictionary()
    except DictionaryMissing as err:
        print(err, file=sys.stderr)
        return 2
    os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="aligner-lint-bench-")  # a cold cache
    ruleset = load_rules()
    rows = []
    entries, wall, cpu = _timed(lambda: expand_files(pairs), args.repeat)
    rows.append(("expand", wall, cpu, f"{len(entries):,} entries, {sum(map(len, entries.values())):,} forms"))
    words, wall, cpu = _timed(lambda: WordIndex(Lexicon(entries)), args.repeat)
    rows.append(("index", wall, cpu, f"{len(words.owner):,} distinct folded forms"))
    WordIndex.load()  # fills the cache
    _, wall, cpu = _timed(WordIndex.load, args.repeat)
    rows.append(("load", wall, cpu, "from the cache"))
    report, wall, cpu = _timed(lambda: lint(ruleset, words), args.repeat)
    rows.append(("lint", wall, cpu, f"{len(report.terms)} terms of {len(ruleset.rules)} rules, "
                                    f"{sum(len(t.words) for t in report.terms):,} matches"))
    parts = ["hemtjänst", "omsorgs", "trygghets", "klimat"]
    _, wall, cpu = _timed(lambda: missing(ruleset, words, parts), args.repeat)
    rows.append(("missing", wall, cpu, " ".join(parts)))
    print(f"{'step':<8} {'wall s':>7} {'cpu s':>7}  what")
    for name, w, c, what in rows:
        print(f"{name:<8} {w:7.2f} {c:7.2f}  {what}")
    first = rows[0][2] + rows[1][2] + rows[3][2]
    again = rows[2][2] + rows[3][2]
    print(f"\nfirst lint (expand + index + lint): {first:.1f} s cpu; later runs (load + lint): {again:.1f} s cpu")
    return 0


if __name__ == "__main__":
    sys.exit(main())
