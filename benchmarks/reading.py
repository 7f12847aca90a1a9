"""Reading benchmark: how completely the readers read generated plans, and what a large plan costs in memory.

    python benchmarks/reading.py                 # 2,000 generated plans (half Word, half Excel), the figures
    python benchmarks/reading.py --plans 200     # fewer
    python benchmarks/reading.py --memory        # also: peak memory of `aligner check` per statement
                                                 # on Excel plans of 1,000 / 10,000 / 25,000 statements
                                                 # and of 25,000 rows

The plans come from tests/plan_generator.py (the layouts of ../shared/PLANS.md and sample_plans/,
with Word's automatic numbering, merged cells, text boxes, title rows and second tables). The
figures are the issue's done-when measures: statements found, kinds right, parents right (among
those found), goals read under a goal, extra statements, and blocks the ledger left unaccounted;
the same ledger and goal checks on every fixture and sample plan.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from aligner.readers import read_plan  # noqa: E402
from aligner.readers.builder import UNACCOUNTED  # noqa: E402
from tests.plan_generator import RandomChooser, Score, generate, score  # noqa: E402


def generated(plans: int, seed: int) -> Score:
    """Read `plans` generated plans (alternately Word and Excel) and add up their scores."""
    total = Score()
    with tempfile.TemporaryDirectory() as folder:
        for n in range(plans):
            fmt = "docx" if n % 2 == 0 else "xlsx"
            source = generate(RandomChooser(seed + n), fmt)
            path = source.save(Path(folder) / f"plan{n}.{fmt}")
            total.add(score(read_plan(path), source.expected))
            path.unlink()
    return total


def files() -> tuple[int, int, int, int]:
    """(files, statements, goals under a goal, unaccounted blocks) over the fixtures and sample plans."""
    paths = sorted((ROOT / "tests" / "fixtures").glob("lo_plan.*")) + sorted(
        p for p in (ROOT / "sample_plans").iterdir() if p.suffix in (".docx", ".xlsx"))
    statements = goal_under_goal = unaccounted = 0
    for path in paths:
        plan = read_plan(path)
        by_id = {s.id: s for s in plan.statements}
        statements += len(plan.statements)
        goal_under_goal += sum(1 for s in plan.statements
                               if s.kind == "goal" and s.parent in by_id and by_id[s.parent].kind == "goal")
        unaccounted += sum(1 for r in plan.reading if r.reason == UNACCOUNTED)
    return len(paths), statements, goal_under_goal, unaccounted


def pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.2f} %" if whole else "-"


def big_excel(path: Path, statements: int) -> tuple[Path, int]:
    """An Excel export of `statements` statements, and its number of rows: a goal (merged down over its
    rows) per 9 rows of activities and indicators, each row with Ansvarig, Klart senast and Status."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=False)
    sheet = workbook.active
    sheet.title = "Export"
    sheet.append(["Verksamhetsplan 2025 för Stadsbyggnadsförvaltningen"])
    sheet.append(["Mål", "Aktivitet", "Indikator", "Ansvarig", "Klart senast", "Status"])
    row, made, goal = 3, 0, 0
    while made < statements:
        goal += 1
        first = row
        sheet.cell(row, 1, f"Fler invånare i område {goal} ska känna sig trygga och delaktiga i staden")
        made += 1
        for n in range(9):
            if made >= statements:
                break
            column = 2 if n % 3 else 3
            text = (f"Genomföra trygghetsvandringar i kvarter {goal}.{n} tillsammans med föreningarna" if column == 2
                    else f"Andel invånare i kvarter {goal}.{n} som känner sig trygga på kvällen")
            sheet.cell(row, column, text)
            sheet.cell(row, 4, "Enhetschef")
            sheet.cell(row, 5, "2025-12-31")
            sheet.cell(row, 6, "Pågår")
            made += 1
            row += 1
        if row - 1 > first:
            sheet.merge_cells(start_row=first, start_column=1, end_row=row - 1, end_column=1)
        row = max(row, first + 1)
    workbook.save(str(path))
    return path, sheet.max_row


def peak_memory(path: Path) -> tuple[float, float]:
    """(seconds, peak resident MB) of `aligner check PATH --format json` in a fresh process."""
    code = ("import resource, subprocess, sys, time; t = time.perf_counter();"
            "subprocess.run([sys.executable, '-m', 'aligner.cli', 'check', sys.argv[1], '--format', 'json',"
            " '--exit-zero'], stdout=subprocess.DEVNULL, check=True);"
            "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)")
    out = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=True,
                         cwd=ROOT).stdout.split()
    return float(out[0]), float(out[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--plans", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--memory", action="store_true")
    args = parser.parse_args()

    start = time.perf_counter()
    total = generated(args.plans, args.seed)
    print(f"Generated plans: {args.plans} (half Word, half Excel), {total.expected} statements, "
          f"{time.perf_counter() - start:.0f} s")
    print(f"  statements found   {total.found:>7} / {total.expected:<7} {pct(total.found, total.expected)}")
    print(f"  kinds right        {total.kind_right:>7} / {total.found:<7} {pct(total.kind_right, total.found)}")
    print(f"  parents right      {total.parent_right:>7} / {total.found:<7} {pct(total.parent_right, total.found)}")
    print(f"  goal under a goal  {total.goal_under_goal:>7}")
    print(f"  extra statements   {total.extra:>7}")
    print(f"  blocks unaccounted {total.unaccounted:>7}")
    for problem in total.problems[:10]:
        print(f"    {problem}")
    count, statements, goal_under_goal, unaccounted = files()
    print(f"Fixtures and sample plans: {count} files, {statements} statements, goal under a goal "
          f"{goal_under_goal}, blocks unaccounted {unaccounted}")
    if args.memory:
        print("Peak memory of `aligner check PLAN --format json` (Excel, fresh process):")
        print(f"  {'statements':>10} {'rows':>7} {'seconds':>8} {'peak MB':>8} {'kB/statement':>13}")
        with tempfile.TemporaryDirectory() as folder:
            # 27,778 statements make the 25,000-row export the issue measured (642 MB before).
            for size in (1_000, 10_000, 25_000, 27_778):
                path, rows = big_excel(Path(folder) / f"plan{size}.xlsx", size)
                seconds, peak = peak_memory(path)
                print(f"  {size:>10,} {rows:>7,} {seconds:>8.1f} {peak:>8.0f} {1024 * peak / size:>13.1f}")


if __name__ == "__main__":
    main()
