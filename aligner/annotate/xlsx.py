"""Annotate an Excel plan: columns Koncept, Belägg, Tidshorisont beside the statements, and a sheet "Täckning".

The workbook is loaded for writing on its own (formulas kept, not `data_only`; macros kept for
.xlsm) and saved under the new name. On every sheet with statements the three columns go right
after the last used column (the last column with a value or a merged range), so no existing cell
moves and merged ranges, formulas and references stay valid. Their header stands in the sheet's
header row: the nearest non-empty cell above the first statement, in that statement's column.

Several statements on one row (goal, activity and indicator columns side by side) share one
column triple: each cell has one line per statement, led by its id ("M1: Trygghet"), in the
order the reader found them. A goal repeated on every row of its group was read once, on its
first row, and is annotated there.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from aligner.annotate import concepts_text, evidence_text, horizon_text, summary_lines, titles_of, via_text
from aligner.model import TaggedStatement
from aligner.reports.cells import CellText
from aligner.wording import SUGGESTION_LABEL, statement_names, suggestion_lines

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

    from aligner.model import CheckResult

NEW_COLUMNS = ("Koncept", "Belägg", "Tidshorisont")
_WIDTHS = (40, 60, 22)
COVERAGE_SHEET = "Täckning"
_FILL = "FFF2CC"  # a pale yellow: aligner's cells stand out from the plan's own


_CLEAN = CellText()


def write(result: CheckResult, source: Path, target: Path) -> int:
    """Write `source` with aligner's columns and a "Täckning" sheet to `target`; returns the rows annotated."""
    from openpyxl import load_workbook

    # Formulas as formulas (not data_only), rich text within a cell kept, macros kept in .xlsm.
    workbook = load_workbook(source, keep_vba=source.suffix.lower() == ".xlsm", rich_text=True)
    by_sheet: dict[str, dict[int, list[TaggedStatement]]] = {}
    for ts in result.tagged.statements:
        ref = ts.statement.ref
        if ref.sheet is not None and ref.sheet in workbook.sheetnames and ref.row is not None:
            by_sheet.setdefault(ref.sheet, {}).setdefault(ref.row, []).append(ts)
    placed: list[tuple[str, str, str]] = []
    rows = 0
    for name, by_row in by_sheet.items():
        sheet = workbook[name]
        first = _last_used_column(sheet) + 1
        _write_header(sheet, _header_row(sheet, by_row), first)
        for row, statements in by_row.items():
            _write_row(sheet, row, first, _row_values(result, statements))
            rows += 1
        placed.append((name, _letter(first), _letter(first + len(NEW_COLUMNS) - 1)))
    _coverage_sheet(workbook, result, placed)
    workbook.save(target)
    return rows


def _letter(column: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(column)


def _existing(sheet: Worksheet) -> dict[tuple[int, int], Any]:
    # The sheet's stored cells. Worksheet.cell() and iter_rows() would create the empty cells they
    # visit, and a created cell drops the row's own formatting on save; this only reads.
    return sheet._cells


def _last_used_column(sheet: Worksheet) -> int:
    """The last column with a value, or covered by a merged range (0 for an empty sheet)."""
    used = [col for (_, col), cell in _existing(sheet).items() if cell.value is not None]
    used += [rng.max_col for rng in sheet.merged_cells.ranges]
    return max(used, default=0)


def _header_row(sheet: Worksheet, by_row: dict[int, list[TaggedStatement]]) -> int | None:
    """The nearest row above the first statement whose cell in that statement's column holds a value."""
    from openpyxl.utils import column_index_from_string

    first_row = min(by_row)
    ref = by_row[first_row][0].statement.ref
    column = column_index_from_string(ref.column) if ref.column else None
    cells = _existing(sheet)
    for row in range(first_row - 1, 0, -1):
        if column is not None:
            cell = cells.get((row, column))
            if cell is not None and cell.value is not None:
                return row
        elif any(c.value is not None for (r, _), c in cells.items() if r == row):
            return row
    return None


def _row_values(result: CheckResult, statements: list[TaggedStatement]) -> tuple[str, str, str]:
    """Koncept, Belägg and Tidshorisont for one row: a line per statement, led by its id."""
    titles = titles_of(result)
    concepts, evidence, horizons = [], [], []
    for ts in statements:
        sid = ts.statement.id
        line = f"{sid}: {concepts_text(ts, titles)}"
        if ts.statement.kind == "goal":
            via = via_text(result, sid, titles)
            line += f"; via aktivitet/indikator: {via}" if via else ""  # "; ", not nested brackets
        concepts.append(line)
        evidence.append(f"{sid}: {evidence_text(ts, titles)}")
        horizons.append(f"{sid}: {horizon_text(result, ts)}")
    return "\n".join(concepts), "\n".join(evidence), "\n".join(horizons)


def _write_header(sheet: Worksheet, row: int | None, first: int) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    for offset, (title, width) in enumerate(zip(NEW_COLUMNS, _WIDTHS, strict=True)):
        sheet.column_dimensions[_letter(first + offset)].width = width
        if row is None:
            continue
        cell = _put(sheet, row, first + offset, title)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor=_FILL)
        cell.alignment = Alignment(vertical="top", wrap_text=True)


def _put(sheet: Worksheet, row: int, column: int, value: str) -> Any:
    """Write text to a cell; text starting with "=" stays text, never a formula; control characters
    Excel cannot hold are removed (see aligner.reports.cells)."""
    return _CLEAN.put(sheet, row, column, value)


def _write_row(sheet: Worksheet, row: int, first: int, values: tuple[str, str, str]) -> None:
    from openpyxl.styles import Alignment, PatternFill

    for offset, value in enumerate(values):
        cell = _put(sheet, row, first + offset, value)
        cell.fill = PatternFill("solid", fgColor=_FILL)
        cell.alignment = Alignment(vertical="top", wrap_text=True)


def _sheet_name(workbook: Workbook) -> str:
    """ "Täckning", or a free variant when the workbook already has one (an annotated copy annotated again)."""
    names = {n.lower() for n in workbook.sheetnames}
    candidates = [COVERAGE_SHEET] + [f"{COVERAGE_SHEET} (aligner {i})" for i in range(2, 100)]
    return next(name for name in candidates if name.lower() not in names)


def coverage_rows(result: CheckResult, placed: list[tuple[str, str, str]]) -> list[list[str]]:
    """The rows of the "Täckning" sheet: summary, coverage per concept, suggestions, aligner's columns.

    Short cells avoid the words the plan reader takes for column headers (Mål, Aktivitet, …), so
    `aligner check` reads an annotated copy exactly as it reads the plan.
    """
    titles = titles_of(result)
    plan, cov = result.tagged.plan, result.coverage
    fw_titles = {fw.id: fw.title for fw in cov.frameworks}
    rows: list[list[str]] = [["aligner – täckning och luckor"], [f"Plan: {plan.title or plan.source}"]]
    rows += [[line] for line in summary_lines(result, with_suggestions=False)[1:]]
    rows += [[], ["Koncept", "Styrmodell", "Status", "Tjänas direkt av", "Tjänas via", "Utan överordnat"]]
    for c in cov.concepts:
        via_by_goal: dict[str, list[str]] = {}
        for goal, child in c.via:
            via_by_goal.setdefault(goal, []).append(child)
        via = ", ".join(f"{goal} ({', '.join(kids)})" for goal, kids in via_by_goal.items())
        rows.append([c.title, ", ".join(fw_titles.get(f, f) for f in c.frameworks),
                     "täckt" if c.covered else "LUCKA", ", ".join(c.goals), via, ", ".join(c.without_goal)])
    if result.suggestions:
        names = statement_names(result.tagged.plan)
        places = {s.id: str(s.ref) for s in result.tagged.plan.statements}
        rows += [[], [SUGGESTION_LABEL], ["Koncept", "Förslag", "Plats"]]
        for s in result.suggestions:
            goal_places = iter(places.get(g.goal, "") for g in s.goals)
            for line in suggestion_lines(s, names, result.ruleset):
                place = next(goal_places, "") if line.startswith("närmast: ") else ""
                rows.append([titles.get(s.concept, s.concept), line, place])
    rows += [[], ["Kolumnerna Koncept, Belägg och Tidshorisont är skrivna av aligner:"]]
    rows += [[f"blad '{name}', kolumn {start}–{end}"] for name, start, end in placed]
    return rows


def _coverage_sheet(workbook: Workbook, result: CheckResult, placed: list[tuple[str, str, str]]) -> None:
    from openpyxl.styles import Alignment, Font

    sheet = workbook.create_sheet(_sheet_name(workbook), 0)  # first: the answer before the plan's own sheets
    for other in workbook.worksheets[1:]:  # one selected tab, or Excel opens the sheets grouped
        other.sheet_view.tabSelected = False
    workbook.active = 0
    for number, values in enumerate(coverage_rows(result, placed), start=1):
        for column, value in enumerate(values, start=1):
            cell = _put(sheet, number, column, value)
            cell.alignment = Alignment(vertical="top", wrap_text=column > 1)
            if values[0] in ("Koncept", SUGGESTION_LABEL) or number == 1:
                cell.font = Font(bold=True, size=14 if number == 1 else 11)
    for letter, width in zip("ABCDEF", (28, 70, 40, 20, 20, 20), strict=True):
        sheet.column_dimensions[letter].width = width
