"""Text safety for every workbook aligner writes: user text is never a formula, never an invalid character.

A plan's text goes into cells of the audit workbook, serve's Excel download and annotated copies.
openpyxl turns any string that starts with "=" into a formula (`=HYPERLINK(…)`, `=cmd|' /C calc'!A0`
would run when the workbook is opened), and refuses control characters such as U+0001 (it raised,
and no report was written for any plan). So:

- a cell that aligner fills with text gets the string data type, whatever its first character:
  Excel shows it as text and never evaluates it. That covers OWASP's list of leading characters
  (= + - @, tab, carriage return), which only act in a formula or a CSV file;
- control characters (U+0000-U+001F but tab, line feed and carriage return; U+007F-U+009F; lone
  surrogates; U+FFFE, U+FFFF) are removed and counted, so the writer can warn.
"""

from __future__ import annotations

import re
from typing import Any

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


class CellText:
    """Cleans text for cells and counts the characters it removed."""

    def __init__(self) -> None:
        self.removed = 0

    def __call__(self, value: Any) -> Any:
        """`value` with control characters removed if it is text; anything else as it is."""
        if type(value) is str and _CONTROL.search(value):
            cleaned = _CONTROL.sub("", value)
            self.removed += len(value) - len(cleaned)
            return cleaned
        return value

    def put(self, sheet: Any, row: int, column: int, value: Any) -> Any:
        """Write `value` to a cell as text (never a formula), cleaned."""
        cell = sheet.cell(row=row, column=column, value=self(value))
        if cell.data_type == "f":
            cell.data_type = "s"
        return cell

    def warning(self, where: str) -> str | None:
        """The Swedish warning for what was removed, or None."""
        if not self.removed:
            return None
        return (f"{where}: {self.removed} osynliga styrtecken (till exempel U+0001) i planernas text togs bort, "
                "eftersom Excel inte tål dem")


def no_formulas(workbook: Any) -> None:
    """Every cell of a workbook that aligner wrote itself holds a value, never a formula: a text
    that starts with "=" stays text. (Not for annotated copies: they keep the plan's own formulas.)"""
    for sheet in workbook.worksheets:
        for cell in sheet._cells.values():
            if cell.data_type == "f":
                cell.data_type = "s"
