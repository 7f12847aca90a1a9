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

    python benchmarks/lint.py --unmunch   # also compare the expander with Hunspell's own `unmunch`
                                          # (Debian: apt-get install hunspell-tools)

unmunch expands a .dic file with its .aff file in C. It knows neither ONLYINCOMPOUND nor
FORBIDDENWORD (it prints "trygghets/WXZ|" forms and forbidden words) and writes an empty add with
continuation flags ("0/WXZ") as a literal "0"; the comparison switches those flags off in aligner's
expander and reads unmunch's "0" as empty, and then counts the forms only one side makes.
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
    parser.add_argument("--unmunch", action="store_true", help="compare the expander with Hunspell's unmunch")
    args = parser.parse_args()

    import os

    from aligner.lint.hunspell import DictionaryMissing, Lexicon, expand_files, find_dictionary
    from aligner.lint.matches import WordIndex, lint
    from aligner.lint.missing import missing
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
    if args.unmunch:
        return compare_with_unmunch(pairs[0])
    return 0


def compare_with_unmunch(pair) -> int:
    """Forms of sv_SE.dic made by aligner's expander and by Hunspell's unmunch, side by side."""
    import shutil
    import subprocess

    from aligner.lint.hunspell import parse_aff, read_dic

    if shutil.which("unmunch") is None:
        print("unmunch is not installed (apt-get install hunspell-tools)", file=sys.stderr)
        return 2
    dic, aff_path = pair
    out = subprocess.run(["unmunch", str(dic), str(aff_path)], capture_output=True, check=True).stdout
    theirs = {line.split("/")[0].strip() for line in out.decode("utf-8", errors="replace").splitlines()}
    aff = parse_aff(aff_path.read_text(encoding="utf-8"))
    aff.forbidden = aff.only_in_compound = None
    aff.not_alone = frozenset(aff.need_affix or "")
    ours: set[str] = set()
    for word, flags in read_dic(dic.read_text(encoding="utf-8"), aff):
        ours.update(f.strip() for f in aff.expand(word, flags))
    # unmunch's literal "0" for an empty add with flags: "ackord0" is "ackord".
    theirs = {w[:-1] if w.endswith("0") and w[:-1] in ours else w for w in theirs} - {""}
    print(f"\nunmunch: {len(theirs):,} forms; aligner: {len(ours):,}; only unmunch: {len(theirs - ours):,}, "
          f"only aligner: {len(ours - theirs):,}")
    for name, diff in (("only unmunch", theirs - ours), ("only aligner", ours - theirs)):
        if diff:
            print(f"  {name}: {', '.join(sorted(diff)[:12])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
