"""The audit workbook that styrning staff hand on as it is (openpyxl).

Sheets: Matris (plans x concepts grouped by framework, heat map by conditional formatting, gaps in
red as LUCKA, accepted gaps as "accepterad", the goals behind every number in a cell comment),
Påståenden (every statement with tags, evidence and location), Luckor (per plan), Överhoppat
(unreadable and skipped files, items skipped inside plans). Every sheet has a frozen header, a
filter and column widths that fit its content.
"""

from __future__ import annotations

from pathlib import Path

from aligner.analysis.tables import (
    concept_frame,
    gaps_frame,
    grouped_matrix,
    horizon_column,
    problems_frame,
    statements_frame,
    summary_frame,
)
from aligner.errors import ReportError
from aligner.model import AuditResult, PlanAudit
from aligner.reports.cells import CellText, no_formulas

GAP_TEXT = "LUCKA"
ACCEPTED_TEXT = "accepterad"
_RED = "F4B6B6"
_AMBER = "FFE8A3"
_HEADER = "DDE4EE"
MAX_WIDTH = 60
WIDE_TEXT_WIDTH = 80


def write_plan(plan: PlanAudit, path: str | Path, notes: list[str] | None = None) -> Path:
    """The audit workbook of one checked plan (`check --format xlsx`, the web page's Excel report): its
    accepted gaps, and no stale entries (a one-plan audit does not know the other organisations)."""
    return write(AuditResult((plan,), (), plan.check.ruleset, plan.accepted), path, notes)


def write(result: AuditResult, path: str | Path, notes: list[str] | None = None) -> Path:
    """Write the workbook to `path`; raises ReportError when it cannot be saved (e.g. open in Excel).

    No text from a plan becomes a formula, and control characters Excel cannot hold are removed
    (see aligner.reports.cells); a Swedish warning about them is added to `notes`.
    """
    from openpyxl import Workbook

    wb = Workbook()
    clean = CellText()
    _matrix_sheet(wb.active, result, clean)
    _frame_sheet(wb.create_sheet("Påståenden"), statements_frame(result), clean, wrap=("Text", "Belägg"))
    _frame_sheet(wb.create_sheet("Luckor"), gaps_frame(result), clean, wrap=("Text", "Motivering"))
    _frame_sheet(wb.create_sheet("Överhoppat"), problems_frame(result), clean, wrap=("Text", "Orsak"))
    no_formulas(wb)
    if notes is not None and (warning := clean.warning(Path(path).name)):
        notes.append(warning)
    for ws in wb.worksheets:
        _print_setup(ws, title_rows="1:2" if ws.title == "Matris" else "1:1", fit_width=ws.title == "Matris")
    out = Path(path)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        wb.save(out)
    except OSError as exc:
        raise ReportError(str(out), f"kan inte skrivas ({exc.strerror or exc}; är filen öppen i Excel?)") from exc
    return out


def _print_setup(ws, title_rows: str, fit_width: bool) -> None:
    """Landscape A4 with the header rows on every page (the matrix one page wide): it prints as it is."""
    from openpyxl.worksheet.properties import PageSetupProperties

    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.print_title_rows = title_rows
    if fit_width:
        ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0


def _styles():
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    thin = Side(style="thin", color="B0B7C3")
    return {
        "bold": Font(bold=True),
        "header": PatternFill("solid", start_color=_HEADER, end_color=_HEADER),
        "red": PatternFill("solid", start_color=_RED, end_color=_RED),
        "amber": PatternFill("solid", start_color=_AMBER, end_color=_AMBER),
        "center": Alignment(horizontal="center", vertical="center", wrap_text=True),
        "wrap": Alignment(vertical="top", wrap_text=True),
        "border": Border(left=thin, right=thin, top=thin, bottom=thin),
    }


def _matrix_sheet(ws, result: AuditResult, clean: CellText) -> None:
    """Two header rows (framework, concept), one row per plan, a per-plan summary, a per-concept footer."""
    from openpyxl.comments import Comment
    from openpyxl.formatting.rule import ColorScaleRule
    from openpyxl.utils import get_column_letter

    st = _styles()
    ws.title = "Matris"
    counts = grouped_matrix(result, "goals")
    status = grouped_matrix(result, "status")
    summary = summary_frame(result).set_index("Plan")
    per_concept = concept_frame(result)
    titles = result.titles()
    by_label = {p.label: p for p in result.plans}
    first = 3  # first concept column (A: plan, B: file)
    ncon = len(counts.columns)
    summary_columns = ("Mål", "Luckor", "Mål utan koncept", horizon_column(result.ruleset),
                       "Indikatorer utan målvärde", "Mål utan indikator")

    ws.cell(1, 1, "Organisation")
    ws.cell(1, 2, "Fil")
    ws.cell(2, 1, "(antal mål som tjänar konceptet, direkt eller via aktiviteter)")
    col = first
    for fw in result.ruleset.frameworks:
        ws.cell(1, col, fw.title)
        if len(fw.concepts) > 1:
            ws.merge_cells(start_row=1, start_column=col, end_row=1, end_column=col + len(fw.concepts) - 1)
        col += len(fw.concepts)
    for j, (_fw, cid) in enumerate(counts.columns):
        ws.cell(2, first + j, titles[cid])
    for k, name in enumerate(summary_columns):
        ws.cell(1, first + ncon + k, "Per organisation" if k == 0 else None)
        ws.cell(2, first + ncon + k, name)
    if summary_columns:
        ws.merge_cells(start_row=1, start_column=first + ncon, end_row=1,
                       end_column=first + ncon + len(summary_columns) - 1)
    for row in ws.iter_rows(min_row=1, max_row=2, max_col=first + ncon + len(summary_columns) - 1):
        for cell in row:
            cell.font, cell.fill, cell.alignment, cell.border = st["bold"], st["header"], st["center"], st["border"]

    r = 3
    for label in counts.index:
        plan = by_label[label]
        ws.cell(r, 1, clean(label))
        ws.cell(r, 2, clean(plan.file_name))
        for j, (_fw, cid) in enumerate(counts.columns):
            cell = ws.cell(r, first + j)
            state = status.at[label, (_fw, cid)]
            if state == "covered":
                cell.value = int(counts.at[label, (_fw, cid)])
                cell.comment = Comment(clean(_trace(plan, cid)), "aligner", width=320, height=110)
            elif state == "accepted":
                entry = next(a for a in plan.accepted if a.concept == cid)
                cell.value, cell.fill = ACCEPTED_TEXT, st["amber"]
                cell.comment = Comment(clean(f"Accepterad lucka: {entry.reason} ({entry.decided_by}, {entry.date})"),
                                       "aligner", width=320, height=110)
            else:
                cell.value, cell.fill = GAP_TEXT, st["red"]
                cell.font = st["bold"]
            cell.alignment, cell.border = st["center"], st["border"]
        values = summary.loc[label]
        for k, name in enumerate(summary_columns):
            value = values[name]
            cell = ws.cell(r, first + ncon + k, None if value is None or value != value else value)
            if name.startswith("Andel"):
                cell.number_format = "0%"
            cell.border = st["border"]
        r += 1
    last_plan_row = r - 1

    # Footer: per concept, how many organisations serve it.
    ws.cell(r, 1, FOOTER_LABEL).font = st["bold"]
    ws.cell(r, 2, f"av {int(per_concept['organisations'].iloc[0]) if len(per_concept) else 0}")
    for j, (_fw, cid) in enumerate(counts.columns):
        cell = ws.cell(r, first + j, int(per_concept.at[cid, "organisations_serving"]))
        cell.font, cell.alignment, cell.border = st["bold"], st["center"], st["border"]

    if last_plan_row >= 3:
        area = f"{get_column_letter(first)}3:{get_column_letter(first + ncon - 1)}{last_plan_row}"
        # Text cells (LUCKA, accepterad) are ignored by a colour scale, so their own fills show.
        ws.conditional_formatting.add(area, ColorScaleRule(
            start_type="num", start_value=0, start_color="FFFFFF",
            end_type="max", end_color="3F8F4F"))
    ws.freeze_panes = ws.cell(3, first)
    ws.auto_filter.ref = f"A2:{get_column_letter(first + ncon + len(summary_columns) - 1)}{max(last_plan_row, 2)}"
    # wide enough for the footer's label too, which was cut off by the next column
    ws.column_dimensions["A"].width = min(MAX_WIDTH, max([14, len(FOOTER_LABEL) + 2]
                                                         + [len(str(x)) + 2 for x in counts.index]))
    ws.column_dimensions["B"].width = min(MAX_WIDTH, max([8] + [len(p.file_name) + 2 for p in result.plans]))
    for j in range(ncon + len(summary_columns)):
        ws.column_dimensions[get_column_letter(first + j)].width = 14
    ws.row_dimensions[2].height = 45


FOOTER_LABEL = "Organisationer som tjänar konceptet"


def _trace(plan, concept: str) -> str:
    """The goals behind a matrix number, each with its place in the file."""
    c = plan.check.coverage.concept(concept)
    by_id = {ts.statement.id: ts.statement for ts in plan.check.tagged.statements}
    lines = [f"{g}: {by_id[g].text[:80]} ({by_id[g].ref})" for g in c.goals]
    lines += [f"{g} via {s}: {by_id[g].text[:60]} ({by_id[s].ref})" for g, s in c.via]
    return "\n".join(lines)


def _frame_sheet(ws, frame, clean: CellText, wrap: tuple[str, ...] = ()) -> None:
    """A DataFrame as a sheet: bold frozen header, filter, widths from the content."""
    from openpyxl.utils import get_column_letter

    st = _styles()
    ws.append(list(frame.columns))
    for row in frame.itertuples(index=False):
        ws.append(["" if v is None else clean(v) for v in row])
    for cell in ws[1]:
        cell.font, cell.fill, cell.border = st["bold"], st["header"], st["border"]
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(max(1, len(frame.columns)))}{max(1, len(frame) + 1)}"
    for j, name in enumerate(frame.columns, 1):
        letter = get_column_letter(j)
        longest = max([len(str(name))] + [len(str(v)) for v in frame[name]]) + 2
        ws.column_dimensions[letter].width = min(WIDE_TEXT_WIDTH if name in wrap else MAX_WIDTH, max(8, longest))
        if name in wrap:
            for cell in ws[letter][1:]:
                cell.alignment = st["wrap"]
