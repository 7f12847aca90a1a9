"""A chart of coverage per concept and organisation for presentations: an SVG heat-map grid, written as text.

Rows are the plans, columns the rule set's concepts; a cell shows the number of goals serving the
concept (darker green for more), LUCKA in red for a gap, "acc." in amber for an accepted gap. The
bottom row counts the organisations that serve each concept. No plotting library is needed, and
the SVG opens in a browser, PowerPoint and Word.
"""

from __future__ import annotations

from html import escape

from aligner.analysis.tables import concept_frame, matrix_frame
from aligner.errors import ReportError
from aligner.model import AuditResult

CELL_W, CELL_H = 106, 30
CHAR_W = 7.2  # average width of a 12 px sans-serif character, for the label column
LOW, HIGH = (0xF1, 0xF8, 0xF1), (0x2E, 0x7D, 0x32)
GAP_BG, ACCEPTED_BG = "#f4b6b6", "#ffe8a3"


def _color(value: int, top: int) -> tuple[str, str]:
    share = value / top if top else 0.0
    rgb = tuple(round(lo + (hi - lo) * share) for lo, hi in zip(LOW, HIGH, strict=True))
    return "#" + "".join(f"{v:02x}" for v in rgb), "#ffffff" if share > 0.55 else "#1b1b1b"


def _wrap(title: str, width: int = 13) -> list[str]:
    """A concept title on at most two lines."""
    words, lines = title.split(), [""]
    for w in words:
        if lines[-1] and len(lines[-1]) + 1 + len(w) > width and len(lines) < 2:
            lines.append(w)
        else:
            lines[-1] = f"{lines[-1]} {w}".strip()
    return lines


def render_svg(result: AuditResult) -> str:
    """The SVG text of the coverage chart."""
    counts = matrix_frame(result, "goals")
    status = matrix_frame(result, "status")
    per_concept = concept_frame(result)
    titles = result.titles()
    concepts = list(titles)
    labels = list(counts.index)
    label_w = int(max([24] + [len(x) for x in labels + ["Organisationer som tjänar"]]) * CHAR_W) + 16
    total = int(per_concept["organisations"].iloc[0]) if len(per_concept) else 0
    several = total != len(labels)  # some organisation has more than one plan: rows and organisations differ
    top_h, pad = 78 + 16 * several, 12
    width = label_w + CELL_W * len(concepts) + pad
    height = top_h + CELL_H * (len(labels) + 1) + 40
    covered = counts.where(status == "covered")
    top = int(covered.max().max()) if len(labels) and covered.notna().any().any() else 0
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="Segoe UI, Arial, sans-serif" font-size="12">',
        '<title>Täckning per koncept och organisation</title>',
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
        '<text x="8" y="22" font-size="16" font-weight="bold">Täckning per koncept och organisation</text>',
        '<text x="8" y="40" fill="#5a6270">Antal mål som tjänar konceptet, direkt eller via aktiviteter</text>',
    ]
    if several:  # say why the last row counts fewer than the rows above it
        out.append(f'<text x="8" y="56" fill="#5a6270">{len(labels)} planer från {total} organisationer; '
                   'sista raden räknar organisationer</text>')
    for j, cid in enumerate(concepts):
        x = label_w + j * CELL_W + CELL_W / 2
        for k, line in enumerate(_wrap(titles[cid])):
            out.append(f'<text x="{x:.0f}" y="{top_h - 20 + k * 14}" text-anchor="middle" '
                       f'font-weight="bold">{escape(line)}</text>')
    for i, label in enumerate(labels):
        y = top_h + i * CELL_H
        out.append(f'<text x="8" y="{y + CELL_H / 2 + 4:.0f}">{escape(label)}</text>')
        for j, cid in enumerate(concepts):
            x = label_w + j * CELL_W
            state = status.at[label, cid]
            if state == "covered":
                n = int(counts.at[label, cid])
                bg, fg = _color(n, top)
                text, weight = str(n), "normal"
            elif state == "accepted":
                bg, fg, text, weight = ACCEPTED_BG, "#5c4400", "acc.", "normal"
            else:
                bg, fg, text, weight = GAP_BG, "#7a0c0c", "LUCKA", "bold"
            tip = escape(f"{label} – {titles[cid]}: {text}")
            out.append(f'<rect x="{x}" y="{y}" width="{CELL_W}" height="{CELL_H}" fill="{bg}" '
                       f'stroke="#c9d0db"><title>{tip}</title></rect>')
            out.append(f'<text x="{x + CELL_W / 2:.0f}" y="{y + CELL_H / 2 + 4:.0f}" text-anchor="middle" '
                       f'fill="{fg}" font-weight="{weight}">{escape(text)}</text>')
    y = top_h + len(labels) * CELL_H
    out.append(f'<text x="8" y="{y + CELL_H / 2 + 4:.0f}" font-weight="bold">Organisationer som tjänar</text>')
    for j, cid in enumerate(concepts):
        x = label_w + j * CELL_W
        n = int(per_concept.at[cid, "organisations_serving"])
        out.append(f'<rect x="{x}" y="{y}" width="{CELL_W}" height="{CELL_H}" fill="#f5f7fa" stroke="#c9d0db"/>')
        out.append(f'<text x="{x + CELL_W / 2:.0f}" y="{y + CELL_H / 2 + 4:.0f}" text-anchor="middle" '
                   f'font-weight="bold">{n} av {total}</text>')
    out.append(f'<text x="8" y="{height - 12}" fill="#5a6270">LUCKA: inget mål tjänar konceptet · '
               'acc.: accepterad lucka</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def write(result: AuditResult, path) -> None:
    """Write the SVG chart to `path`."""
    from pathlib import Path

    out = Path(path)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(render_svg(result), encoding="utf-8")
    except OSError as exc:
        raise ReportError(str(out), f"kan inte skrivas ({exc.strerror or exc})") from exc
