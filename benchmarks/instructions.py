"""Instructions, not seconds: each step of `check` beside its floor, counted by valgrind.

    python benchmarks/instructions.py            # plans of 10, 100 and 1,000 statements
    python benchmarks/instructions.py --sizes 10 # only these sizes

On a shared machine one timing moves by tens of percent; an instruction count does not (it is
the same from run to run within a fraction of a percent). Use it to compare two versions of a
step: a change that does not lower the count did not make the step cheaper. It is no substitute
for run.py's seconds: Python code runs fewer instructions per cycle than spaCy's and openpyxl's
compiled parts, so the wall-clock ratios stand above these. Needs valgrind (callgrind); each
measurement is a fresh process set up as in run.py (set-up runs uninstrumented); the default
sizes take about five minutes on 2 cores.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run  # noqa: E402  (the plans and the set-up are run.py's)

STEPS = {"read": "read_plan", "bare_read": "the library's read", "tag": "tag_plan", "tokenize": "tokenizer"}


def _child(step: str, path: str) -> None:
    """In a process under callgrind: set up uninstrumented (faster), then count one step and dump."""
    from aligner.readers import read_plan

    tagger = run._setup()
    if step == "tag":
        plan = read_plan(path)
        work = lambda: tagger.tag_plan(plan)  # noqa: E731
    elif step == "tokenize":
        import spacy

        texts = [s.text for s in read_plan(path).statements]
        bare = spacy.blank("sv")
        bare.tokenizer(run.WARM_UP)
        work = lambda: [None for _ in bare.pipe(texts, batch_size=256)]  # noqa: E731
    elif step == "read":
        work = lambda: read_plan(path)  # noqa: E731
    else:
        work = lambda: run._bare_read(path)  # noqa: E731
    pid = str(os.getpid())
    subprocess.run(["callgrind_control", "--instr=on", pid], check=True, capture_output=True)
    subprocess.run(["callgrind_control", "-z", pid], check=True, capture_output=True)
    work()
    subprocess.run(["callgrind_control", "-d", pid], check=True, capture_output=True)


def count(step: str, path: Path) -> float:
    """Millions of instructions the step runs on the plan at `path`."""
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["valgrind", "--tool=callgrind", "--cache-sim=no", "--instr-atstart=no",
                        f"--callgrind-out-file={tmp}/cg.out",
                        sys.executable, __file__, "--child", step, str(path)],
                       check=True, capture_output=True, env={**run.ENV, "PYTHONHASHSEED": "0"})
        dump = next(p for p in Path(tmp).iterdir() if p.name != "cg.out")  # the dump after the step
        for line in dump.read_text().splitlines():
            if line.startswith("summary:"):
                return int(line.split()[1]) / 1e6
    raise RuntimeError(f"no summary in {dump}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000])
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(*args.child)
        return
    if not shutil.which("valgrind") or not shutil.which("callgrind_control"):
        sys.exit("valgrind (with callgrind_control) is not installed; run.py measures seconds without it")
    pool = run.statement_pool()
    print("| plan | statements | read M (bare lib) | ratio | tag M (bare tokenizer) | ratio |")
    print("|---|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp, ThreadPoolExecutor(max(1, (os.cpu_count() or 2))) as workers:
        for fmt in ("docx", "xlsx"):
            for n in args.sizes:
                path = run.make_plan(Path(tmp), n, fmt, pool)
                read, bare, tag, tok = workers.map(lambda step, p=path: count(step, p), STEPS)
                print(f"| {fmt} | {n} | {read:.1f} ({bare:.1f}) | {read / bare:.2f}x | {tag:.1f} ({tok:.1f}) "
                      f"| {tag / tok:.2f}x |", flush=True)


if __name__ == "__main__":
    main()
