"""Benchmarks: what every step of aligner costs, beside the floor of the libraries it stands on.

    python benchmarks/run.py            # the full table (about seven minutes on 2 cores)
    python benchmarks/run.py --quick    # sizes up to 1,000 statements, audit up to 10 plans
    python benchmarks/run.py --repeat 5 # steps as the median of 5 fresh-process runs (default 3;
                                        # three times as many for plans of up to 100 statements)

Plans of growing size are generated from the statements of sample_plans/ (so the text is
realistic Swedish plan language), in both formats. Every measurement of `check` runs in a fresh
process, as a user's would. Targets (issue 7), checked here and never in unit tests:
tagging <= 3x the bare tokenizer, reading <= 1.5x the bare library read, `check` on a small
plan <= 1.3x the bare spaCy start, 100 plans x 50 statements audited with every report in < 20 s,
10,000 statements under 500 MB peak memory, time growing linearly with statements.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
WARM_UP = "Mål 1: Fler barn- och ungdomar (7–20 år) ska nå 90 %, senast 2026-12-31; jfr. t.o.m. e-tjänst."
# Measure aligner as users run it: with compiled bytecode cached (some sandboxes turn that off).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


# ---------------------------------------------------------------------------------------------
# Plans
# ---------------------------------------------------------------------------------------------

def statement_pool() -> dict[str, list[str]]:
    """Goal, activity and indicator texts from the sample plans."""
    from aligner.readers import read_plan

    pool: dict[str, list[str]] = {"goal": [], "activity": [], "indicator": []}
    for path in sorted((ROOT / "sample_plans").glob("*.*")):
        if path.suffix in (".docx", ".xlsx"):
            for s in read_plan(path).statements:
                pool[s.kind].append(s.text)
    return pool


def _layout(n: int, pool: dict[str, list[str]]) -> list[tuple[str, list[str], list[str]]]:
    """n statements as goals with 3 activities and 1 indicator each (n counts all statements)."""
    goals, i, count = [], 0, 0
    # Every text is numbered: the readers rightly read one goal text twice in a plan as one goal,
    # and a real plan seldom repeats a statement (repeats would flatter every cache on the way).
    while count < n:
        left = n - count
        acts = [f"{pool['activity'][(i * 3 + k) % len(pool['activity'])]} (aktivitet {i + 1}.{k + 1})"
                for k in range(min(3, max(left - 1, 0)))]
        inds = [f"{pool['indicator'][i % len(pool['indicator'])]} (indikator {i + 1})"] if left > 4 else []
        goals.append((f"{pool['goal'][i % len(pool['goal'])]} (delmål {i + 1})", acts, inds))
        count += 1 + len(acts) + len(inds)
        i += 1
    return goals


def write_docx(path: Path, n: int, pool: dict[str, list[str]]) -> None:
    """A Word plan in Helsingborg's layout: goals under "Vad vill vi uppnå", lists below each."""
    from docx import Document

    doc = Document()
    doc.add_heading(f"Verksamhetsplan 2025 – Benchmarkförvaltningen ({n})", 0)
    doc.add_paragraph("Förvaltning: Benchmarkförvaltningen")
    doc.add_heading("Vad vill vi uppnå", 1)
    for g, (goal, acts, inds) in enumerate(_layout(n, pool), 1):
        doc.add_heading(f"Mål {g}: {goal}", 2)
        if acts:
            doc.add_heading("Aktiviteter", 3)
            for a in acts:
                doc.add_paragraph(a, style="List Bullet")
        if inds:
            doc.add_heading("Indikatorer", 3)
            for x in inds:
                doc.add_paragraph(x, style="List Bullet")
    doc.save(path)


def write_xlsx(path: Path, n: int, pool: dict[str, list[str]]) -> None:
    """An Excel plan: title rows, then Mål | Aktivitet | Indikator | Målvärde | Klart senast."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Verksamhetsplan"
    ws.append([f"Verksamhetsplan 2025 – Benchmarkförvaltningen ({n})"])
    ws.append([])
    ws.append(["Mål", "Aktivitet", "Indikator", "Målvärde", "Klart senast"])
    for goal, acts, inds in _layout(n, pool):
        rows = max(len(acts), len(inds), 1)
        for r in range(rows):
            ws.append([goal if r == 0 else None, acts[r] if r < len(acts) else None,
                       inds[r] if r < len(inds) else None, "Minst 90 %" if r < len(inds) else None,
                       "2026-12-31" if r < len(acts) else None])
    wb.save(path)


def make_plan(folder: Path, n: int, fmt: str, pool, name: str | None = None) -> Path:
    """Write one plan of n statements."""
    path = folder / f"{name or f'plan-{n}'}.{fmt}"
    (write_docx if fmt == "docx" else write_xlsx)(path, n, pool)
    return path


# ---------------------------------------------------------------------------------------------
# Measurements (each in a fresh process)
# ---------------------------------------------------------------------------------------------

def _run(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(args, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV)
    return time.perf_counter() - start


def _setup():
    """What both sides of a ratio start from, in a fresh process: the libraries and aligner
    imported and the pipeline built (the cold-start table measures that part)."""
    import docx  # noqa: F401  (import time is in neither side of the read ratio)
    import openpyxl  # noqa: F401

    import aligner.readers.docx  # noqa: F401
    import aligner.readers.xlsx  # noqa: F401
    from aligner.tagging.tagger import Tagger

    tagger = Tagger()
    # spaCy compiles its tokenizer's regular expressions on first use; warm them on both sides.
    tagger.nlp.tokenizer(WARM_UP)
    return tagger


def phases(path: str) -> dict:
    """In this process: time each step of `check`; peak memory (RSS)."""
    from aligner.analysis.coverage import compute_coverage
    from aligner.model import CheckResult
    from aligner.readers import read_plan
    from aligner.reports import render

    t0 = time.perf_counter()
    tagger = _setup()
    t_setup = time.perf_counter() - t0
    t = time.perf_counter()
    plan = read_plan(path)
    t_read = time.perf_counter() - t
    t = time.perf_counter()
    tagged = tagger.tag_plan(plan)
    t_tag = time.perf_counter() - t
    t = time.perf_counter()
    coverage = compute_coverage(tagged, tagger.ruleset)
    t_cover = time.perf_counter() - t
    t = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        for fmt in ("json", "terminal"):
            Path(tmp, f"r.{fmt}").write_text(render(fmt, CheckResult(tagged, coverage, tagger.ruleset)),
                                             encoding="utf-8")
    t_write = time.perf_counter() - t
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"statements": len(plan.statements), "setup": t_setup, "read": t_read, "tag": t_tag,
            "cover": t_cover, "write": t_write, "rss_mb": rss_mb}


def floors(path: str) -> dict:
    """In a process set up like phases()'s, at the same points: the library only reading the
    file where aligner reads it, then a fresh tokenizer only tokenizing the texts where aligner
    tags them (so neither side gets memory or caches the other side warmed)."""
    import spacy

    from aligner.readers import read_plan

    _setup()
    t = time.perf_counter()
    _bare_read(path)
    t_bare = time.perf_counter() - t
    texts = [s.text for s in read_plan(path).statements]
    bare = spacy.blank("sv")  # a fresh tokenizer: its cache is as cold as the tagger's was
    bare.tokenizer(WARM_UP)
    t = time.perf_counter()
    for _ in bare.pipe(texts, batch_size=256):
        pass
    t_tok = time.perf_counter() - t
    return {"tokenize": t_tok, "bare_read": t_bare}


def _bare_read(path: str) -> None:
    """The floor of reading: the library opens the file and every text is touched once."""
    if path.endswith(".docx"):
        from docx import Document

        doc = Document(path)
        for p in doc.paragraphs:
            _ = p.text, p.style.name
        for table in doc.tables:
            for row in table.rows:
                for cell in row.cells:
                    _ = cell.text
    else:
        from openpyxl import load_workbook

        wb = load_workbook(path, data_only=True)
        for ws in wb.worksheets:
            for _row in ws.iter_rows(values_only=True):
                pass


def _phases_in_child(path: Path, repeat: int) -> dict:
    """Medians over `repeat` pairs of fresh processes (aligner's steps, then the floors), and
    the median of each run's ratios: on a shared machine one run moves by tens of percent."""
    runs = []
    for _ in range(repeat):
        result = {}
        for flag in ("--phases", "--floors"):
            out = subprocess.run([PY, __file__, flag, str(path)], check=True, capture_output=True, text=True,
                                 env=ENV)
            result.update(json.loads(out.stdout))
        result["read_ratio"] = result["read"] / result["bare_read"]
        result["tag_ratio"] = result["tag"] / max(result["tokenize"], 1e-9)
        runs.append(result)
    return {key: statistics.median(r[key] for r in runs) for key in runs[0]}


# ---------------------------------------------------------------------------------------------
# The table
# ---------------------------------------------------------------------------------------------

def machine() -> str:
    """One line about the machine the numbers come from."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{cpu}, {os.cpu_count()} cores, {mem:.0f} GiB, Python {platform.python_version()}"


def main() -> None:
    """Run everything and print the tables (Markdown)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes")
    parser.add_argument("--repeat", type=int, default=3, help="fresh-process runs per plan (the median is shown)")
    parser.add_argument("--phases", help=argparse.SUPPRESS)
    parser.add_argument("--floors", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phases:
        print(json.dumps(phases(args.phases)))
        return
    if args.floors:
        print(json.dumps(floors(args.floors)))
        return
    sizes = [10, 100, 1000] if args.quick else [10, 100, 1000, 10000]
    plan_counts = [1, 10] if args.quick else [1, 10, 100]
    pool = statement_pool()
    print(f"Machine: {machine()}\n")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        print(f"### One plan: `aligner check`, by step (steps: median of {args.repeat} runs, "
              f"{args.repeat * 3} up to 100 statements)\n")
        print("| plan | statements | check wall s | statements/s | read s (bare lib) | tag s (bare tokenizer) "
              "| cover s | write s | peak RSS MB |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
        for fmt in ("docx", "xlsx"):
            for n in sizes:
                path = make_plan(folder, n, fmt, pool)
                wall = _run(["aligner", "check", str(path), "--format", "json", "--output", str(folder / "o.json")])
                # Steps of a few milliseconds are where the machine's noise is widest.
                p = _phases_in_child(path, args.repeat * 3 if n <= 100 else args.repeat)
                print(f"| {fmt} | {p['statements']:.0f} | {wall:.2f} | {p['statements'] / wall:.0f} "
                      f"| {p['read']:.3f} ({p['bare_read']:.3f}, {p['read_ratio']:.2f}x) "
                      f"| {p['tag']:.3f} ({p['tokenize']:.3f}, {p['tag_ratio']:.2f}x) "
                      f"| {p['cover']:.3f} | {p['write']:.3f} | {p['rss_mb']:.0f} |")
        print("\n### Cold start (median of 9 runs)\n")
        one = make_plan(folder, 2, "docx", pool, name="one-goal")
        # Interleaved, so a machine that slows down mid-run slows every command alike.
        commands = ([PY, "-c", "import spacy; spacy.blank('sv')"], ["aligner", "--version"],
                    ["aligner", "check", str(one), "--exit-zero"])
        runs = [[_run(args) for args in commands] for _ in range(9)]
        spacy_start, version, check = (statistics.median(r[i] for r in runs) for i in range(3))
        print("| command | s | ratio to bare spaCy start |")
        print("|---|---:|---:|")
        print(f"| `python -c \"import spacy; spacy.blank('sv')\"` | {spacy_start:.2f} | 1.00x |")
        print(f"| `aligner --version` | {version:.2f} | {version / spacy_start:.2f}x |")
        print(f"| `aligner check` one-goal plan | {check:.2f} | {check / spacy_start:.2f}x |")
        print("\n### `aligner audit`: plans of 50 statements, every report written\n")
        print("| plans | statements | wall s | statements/s |")
        print("|---:|---:|---:|---:|")
        for count in plan_counts:
            sub = folder / f"audit-{count}"
            sub.mkdir()
            for i in range(count):
                make_plan(sub, 50, "docx" if i % 2 else "xlsx", pool, name=f"forvaltning-{i:03d}")
            wall = _run(["aligner", "audit", str(sub), "--output-dir", str(folder / f"out-{count}"), "--quiet",
                         "--fail-on", "none"])
            print(f"| {count} | {count * 50} | {wall:.2f} | {count * 50 / wall:.0f} |")


if __name__ == "__main__":
    main()
