"""Fuzz aligner check with thousands of mutated plan files and print what happened.

    python benchmarks/fuzz.py                   # 10,000 files, 2 worker processes
    python benchmarks/fuzz.py --count 500 --jobs 1 --seed 7

The files are mutations of tests/fixtures (see tests/fuzzing.py: bytes flipped, files cut short,
XML members rewritten with hostile attribute values, deep nesting, repeated elements, broken
relationships, removed members; CSV lines repeated, huge fields, other encodings), the same for
the same seed. Each is run through `aligner check --format json` in a worker process (in-process
there, so spaCy loads once per worker; workers are replaced every 500 files). A run past 20 s is
stopped by an alarm and counted; a worker's address space is capped at 6 GB so a runaway cannot
take the machine. Printed: files, exit codes, tracebacks (exceptions that escaped the command, or
a traceback in its output), runs past 20 s, the slowest runs, and peak memory (the largest resident
set of any worker, which read its files one after another: an upper bound for any one file).
Targets (issue 15): 0 tracebacks, 0 runs past 20 s, peak memory under 1.5 GB.
"""

from __future__ import annotations

import argparse
import os
import resource
import signal
import sys
import tempfile
import time
from multiprocessing import Pool
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TIME_LIMIT = 20
CHUNK = 100
FILES_PER_WORKER = 500
ADDRESS_SPACE = 6 * 1024**3


class _Alarm(Exception):
    pass


def _on_alarm(signum, frame):
    raise _Alarm


def _init_worker() -> None:
    try:
        resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))
    except (ValueError, OSError):
        pass
    signal.signal(signal.SIGALRM, _on_alarm)
    from tests.fuzzing import FIXTURES, check_file

    check_file(FIXTURES / "lo_plan.csv")  # spaCy and the rules load here, not in the first file's time


def _run_chunk(seed: int, numbers: list[int]) -> dict:
    from tests.fuzzing import check_file, mutant_at

    out = {"codes": {}, "tracebacks": [], "slow": [], "times": []}
    with tempfile.TemporaryDirectory(prefix="aligner-fuzz-") as tmp:
        for n in numbers:
            what, suffix, data = mutant_at(seed, n)
            path = Path(tmp) / f"{n:05d}{suffix}"
            path.write_bytes(data)
            started = time.perf_counter()
            signal.alarm(TIME_LIMIT)
            try:
                code, crashed, output = check_file(path)
            except _Alarm:
                code, crashed, output = "timeout", False, ""
            finally:
                signal.alarm(0)
            seconds = time.perf_counter() - started
            out["codes"][code] = out["codes"].get(code, 0) + 1
            out["times"].append((seconds, n, what))
            if crashed or code not in (0, 1, 2, "timeout"):
                out["tracebacks"].append((n, what, str(code), output[-400:]))
            if code == "timeout" or seconds > TIME_LIMIT:
                out["slow"].append((n, what, seconds))
            path.unlink()
    out["times"] = sorted(out["times"], reverse=True)[:5]
    out["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return out


def _run_chunk_of(job: tuple[int, list[int]]) -> dict:
    return _run_chunk(*job)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    os.environ.setdefault("XDG_CACHE_HOME", tempfile.mkdtemp(prefix="aligner-fuzz-cache-"))

    started = time.perf_counter()
    chunks = [list(range(i, min(i + CHUNK, args.count))) for i in range(0, args.count, CHUNK)]
    codes: dict = {}
    tracebacks, slow, slowest = [], [], []
    peak = 0.0
    done = 0
    # multiprocessing.Pool, not ProcessPoolExecutor: its max_tasks_per_child hangs on Python 3.11
    with Pool(args.jobs, initializer=_init_worker, maxtasksperchild=max(1, FILES_PER_WORKER // CHUNK)) as pool:
        for result in pool.imap_unordered(_run_chunk_of, [(args.seed, chunk) for chunk in chunks]):
            done += sum(result["codes"].values())
            for code, n in result["codes"].items():
                codes[code] = codes.get(code, 0) + n
            tracebacks += result["tracebacks"]
            slow += result["slow"]
            slowest = sorted(slowest + result["times"], reverse=True)[:5]
            peak = max(peak, result["peak_mb"])
            print(f"\r{done}/{args.count} files, {len(tracebacks)} tracebacks, {len(slow)} past {TIME_LIMIT} s",
                  end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    wall = time.perf_counter() - started

    print(f"aligner fuzz: {done} mutated files (seed {args.seed}, {args.jobs} workers) in {wall:.0f} s")
    print("exit codes: " + ", ".join(f"{code}: {n}" for code, n in sorted(codes.items(), key=str)))
    print(f"tracebacks: {len(tracebacks)}")
    for n, what, code, output in tracebacks[:10]:
        print(f"  #{n} ({what}): exit {code}: {output.strip()[-300:]}")
    print(f"runs past {TIME_LIMIT} s: {len(slow)}")
    for n, what, seconds in slow[:10]:
        print(f"  #{n} ({what}): {seconds:.1f} s")
    print("slowest: " + "; ".join(f"#{n} {seconds:.2f} s ({what})" for seconds, n, what in slowest))
    print(f"peak memory: {peak:.0f} MB (largest worker resident set)")


if __name__ == "__main__":
    main()
