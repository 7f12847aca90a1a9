"""Generated plans: Word and Excel files assembled from the layouts of ../shared/PLANS.md and sample_plans/.

A generated plan is written with python-docx or openpyxl and comes with what a reader must find
in it: every statement's kind, text and parent goal (by text). The layouts:

Word
- labelled paragraphs ("Mål: …", "Aktivitet: …", "Indikator: …", the label bold or followed by a
  tab) under a heading of any wording, with intro prose between statements;
- numbered goals ("Mål 1: …" typed, or Word's automatic numbering in w:numPr, which is not in the
  text) followed by "Aktiviteter:" / "Indikatorer:" label lines and bulleted items;
- goals as headings under "Vad vill vi uppnå" / "Mål", their activities as bullets (sometimes
  after a plain "Aktiviteter" line), indicators after "Indikatorer:";
- bold goal lines with bullets under a goal section or a målområde heading;
- goal tables (Mål | Aktivitet | Indikator | Ansvarig | Klart senast), the goal cell merged down
  over its rows or repeated on each, or a goal on one row with its items as paragraphs of a cell;
- goals as headings two levels down, under a målområde heading;
- bold goal lines, each with a table of its indicators below ("Indikator | Utfall | Målvärde");
- labelled statements in a text box;
- around them: a title, "Förvaltning: …", intro prose, a risk section with prose, bullets and a
  risk table (none of it statements).
Excel
- title rows above the header, the goal cell merged down or repeated, a second table lower on
  the sheet ("Mål | Indikator | Målvärde 2027") under its own title row;
- goals on one sheet with an id ("M1", "1", "1."), activities and indicators on another naming it.

The statement texts are made here from word lists (Swedish goal, activity and indicator
sentences in the style PLANS.md describes), never taken from the labelled evaluation sets.

`Chooser` hides where the choices come from: Hypothesis's `draw` in the tests (so failures
shrink), `random.Random` in benchmarks/reading.py (thousands of plans).
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

# --- Statement texts ----------------------------------------------------------------------------

_GROUPS = ["invånare", "barn och unga", "äldre", "elever", "företag", "besökare", "medarbetare", "föreningar",
           "nyanlända", "hyresgäster", "vårdnadshavare", "studenter", "pensionärer", "familjer"]
_PLACES = ["i Drottninghög", "i Dalhem", "i Närlunda", "på Söder", "i Råå", "i Påarp", "i Ödåkra", "i centrum",
           "i Mariastaden", "i Gantofta", "i Väla", "i Kattarp", "i Rydebäck", "i Allerum", "på Norr", "i Fredriksdal"]
_GOAL_ENDS = ["ska känna sig trygga i sin vardag", "ska ha ett arbete att gå till", "ska uppleva en god livskvalitet",
              "ska få stöd i rätt tid", "ska kunna delta i föreningslivet", "ska ha tillgång till digitala tjänster",
              "ska kunna resa fossilfritt", "ska få en meningsfull fritid", "ska bo i en hållbar stadsdel",
              "ska nå sina mål i skolan"]
_GOAL_STARTS = ["Fler", "Alla", "Andelen", "Fler unga"]
_ACT_VERBS = ["Genomföra", "Ta fram", "Införa", "Utveckla", "Erbjuda", "Utöka", "Starta", "Följa upp"]
_ACT_OBJECTS = ["trygghetsvandringar", "en handlingsplan för integration", "digitala bokningar", "läxhjälp",
                "sommarjobb", "öppna mötesplatser", "laddplatser för elbilar", "språkcaféer",
                "samverkan med näringslivet", "hälsosamtal", "kvällsöppna bibliotek", "cykelbanor"]
_IND_STARTS = ["Andel", "Antal", "Genomsnittlig andel"]
_IND_ENDS = ["som är nöjda med stödet", "som har ett arbete efter ett år", "som känner sig trygga",
             "som deltar i en aktivitet varje vecka", "som använder e-tjänsterna", "som fullföljer utbildningen"]

_THEMES = ["Ett tryggt och självständigt liv", "3. Ekonomi i balans", "Hållbar stadsutveckling",
           "Attraktiv arbetsgivare", "Lärande och utveckling", "Målområde 2: Trygghet och delaktighet",
           "Kultur för alla", "2.4 Digital välfärd", "En stad för alla åldrar"]
_GOAL_SECTIONS = ["Vad vill vi uppnå", "Mål", "Nämndens mål", "Våra mål", "Förvaltningsmål 2025"]
_MALOMRADEN = ["Målområde 1: Livskvalitet", "Målområde 3: Innovation och samspel", "Målområde 4: Klimat"]
_PROSE = [
    "Förvaltningen arbetar under året vidare med de frågor som nämnden har pekat ut. Arbetet följs upp "
    "tre gånger per år.",
    "Här beskrivs hur vi tar oss an uppdraget och vilka förutsättningar som gäller. Resurserna är begränsade.",
    "Omvärlden förändras snabbt och kraven på verksamheten ökar. Vi behöver samarbeta mer.",
]
_RISKS = ["Att inköp inte görs enligt gällande ramavtal", "Att delegationsordningen inte följs",
          "Risken att kompetens går förlorad vid pensionsavgångar"]
_ORGS = ["Kulturförvaltningen", "Vård- och omsorgsförvaltningen", "Skol- och fritidsförvaltningen",
         "Stadsbyggnadsförvaltningen", "Arbetsmarknadsförvaltningen"]


class Chooser:
    """Where a generator's choices come from."""

    def choice(self, options: Sequence[T]) -> T:
        raise NotImplementedError

    def integer(self, low: int, high: int) -> int:
        raise NotImplementedError

    def boolean(self) -> bool:
        return self.integer(0, 1) == 1


class RandomChooser(Chooser):
    """Choices from a seeded random.Random (benchmarks)."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)

    def choice(self, options: Sequence[T]) -> T:
        return self.rng.choice(list(options))

    def integer(self, low: int, high: int) -> int:
        return self.rng.randint(low, high)


class DrawChooser(Chooser):
    """Choices from Hypothesis's draw (tests): failures shrink to the smallest plan."""

    def __init__(self, draw: Callable[[Any], Any]):
        self.draw = draw

    def choice(self, options: Sequence[T]) -> T:
        from hypothesis import strategies as st

        return self.draw(st.sampled_from(list(options)))

    def integer(self, low: int, high: int) -> int:
        from hypothesis import strategies as st

        return self.draw(st.integers(low, high))


class Texts:
    """Unique goal, activity and indicator sentences (a goal read twice is one goal, so none repeats)."""

    def __init__(self, chooser: Chooser):
        self.c = chooser
        self.used: set[str] = set()
        self.n = 0

    def _unique(self, make: Callable[[], str]) -> str:
        for _ in range(50):
            text = make()
            if text not in self.used:
                self.used.add(text)
                return text
        self.n += 1  # the lists ran out for this plan: a numbered place keeps the text unique
        text = f"{make()} i område {self.n}"
        self.used.add(text)
        return text

    def goal(self) -> str:
        c = self.c
        return self._unique(lambda: f"{c.choice(_GOAL_STARTS)} {c.choice(_GROUPS)} {c.choice(_PLACES)} "
                                    f"{c.choice(_GOAL_ENDS)}")

    def activity(self) -> str:
        c = self.c
        return self._unique(lambda: f"{c.choice(_ACT_VERBS)} {c.choice(_ACT_OBJECTS)} för {c.choice(_GROUPS)} "
                                    f"{c.choice(_PLACES)}")

    def indicator(self) -> str:
        c = self.c
        return self._unique(lambda: f"{c.choice(_IND_STARTS)} {c.choice(_GROUPS)} {c.choice(_PLACES)} "
                                    f"{c.choice(_IND_ENDS)}")


# --- Expected statements ------------------------------------------------------------------------


@dataclass(frozen=True)
class Expected:
    """A statement the reader must find: kind, text, and the text of its parent goal (or None)."""

    kind: str
    text: str
    parent: str | None


@dataclass
class Goal:
    text: str
    activities: list[str] = field(default_factory=list)
    indicators: list[str] = field(default_factory=list)


def _goals(texts: Texts, c: Chooser, most: int = 3, items: int = 3) -> list[Goal]:
    goals = []
    for _ in range(c.integer(1, most)):
        goal = Goal(texts.goal())
        goal.activities = [texts.activity() for _ in range(c.integer(0, items))]
        goal.indicators = [texts.indicator() for _ in range(c.integer(0, 2))]
        goals.append(goal)
    return goals


def _expect(goals: Sequence[Goal]) -> list[Expected]:
    out = []
    for goal in goals:
        out.append(Expected("goal", goal.text, None))
        out += [Expected("activity", a, goal.text) for a in goal.activities]
        out += [Expected("indicator", i, goal.text) for i in goal.indicators]
    return out


# --- Word ---------------------------------------------------------------------------------------

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_GOAL_NUM, _BULLET_NUM = 901, 902


def _add_numbering(document: Any) -> None:
    """Word's automatic numbering: numId 901 shows "Mål 1:", "Mål 2:" at level 0 and "•" at level 1;
    numId 902 is a plain bullet list."""
    from docx.oxml import parse_xml

    numbering = document.part.numbering_part.element
    w = f'xmlns:w="{W_NS}"'
    abstract = (f'<w:abstractNum {w} w:abstractNumId="{{id}}">'
                '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl>'
                '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl>'
                '</w:abstractNum>')
    numbering.insert(0, parse_xml(abstract.format(id=91, fmt="decimal", text="Mål %1:")))
    numbering.insert(0, parse_xml(abstract.format(id=92, fmt="bullet", text="•")))
    numbering.append(parse_xml(f'<w:num {w} w:numId="{_GOAL_NUM}"><w:abstractNumId w:val="91"/></w:num>'))
    numbering.append(parse_xml(f'<w:num {w} w:numId="{_BULLET_NUM}"><w:abstractNumId w:val="92"/></w:num>'))


class DocxPlan:
    """Builds a Word plan and the statements it holds."""

    def __init__(self, chooser: Chooser):
        import docx

        self.c = chooser
        self.texts = Texts(chooser)
        self.document = docx.Document()
        _add_numbering(self.document)
        self.expected: list[Expected] = []

    # paragraphs

    def heading(self, text: str, level: int = 1) -> None:
        self.document.add_heading(text, level)

    def para(self, text: str, *, bold: bool = False, style: str | None = None, num: tuple[int, int] | None = None,
             label: str | None = None, tab: bool = False) -> None:
        paragraph = self.document.add_paragraph(style=style)
        if label:
            run = paragraph.add_run(label + ("\t" if tab else " "))
            run.bold = self.c.boolean()
        run = paragraph.add_run(text)
        if bold:
            run.bold = True
        if num:
            from docx.oxml import parse_xml

            p_pr = paragraph._p.get_or_add_pPr()
            p_pr.append(parse_xml(f'<w:numPr xmlns:w="{W_NS}"><w:ilvl w:val="{num[1]}"/>'
                                  f'<w:numId w:val="{num[0]}"/></w:numPr>'))

    def bullet(self, text: str) -> None:
        if self.c.boolean():
            self.para(text, style="List Bullet")
        else:
            self.para(text, num=(_BULLET_NUM, 0))

    def prose(self) -> None:
        self.para(self.c.choice(_PROSE))

    # layouts

    def labelled(self) -> None:
        self.heading(self.c.choice(_THEMES), 1)
        for goal in _goals(self.texts, self.c):
            tab = self.c.boolean()
            self.para(goal.text, label="Mål:", tab=tab)
            if self.c.boolean():
                self.prose()
            for text in goal.activities:
                self.para(text, label="Aktivitet:", tab=tab)
            for text in goal.indicators:
                self.para(text, label="Indikator:", tab=tab)
            self.expected += _expect([goal])

    def numbered(self) -> None:
        self.heading(self.c.choice(_GOAL_SECTIONS + _THEMES), 1)
        automatic = self.c.boolean()
        for n, goal in enumerate(_goals(self.texts, self.c), start=1):
            if automatic:
                self.para(goal.text, num=(_GOAL_NUM, 0))
            else:
                self.para(goal.text, label=f"Mål {n}:", bold=self.c.boolean())
            if self.c.integer(0, 2) == 0:
                self.prose()
            if goal.activities:
                self.para("Aktiviteter:")
                for text in goal.activities:
                    if automatic and self.c.boolean():
                        self.para(text, num=(_GOAL_NUM, 1))
                    else:
                        self.bullet(text)
            if goal.indicators:
                self.para("Indikatorer:")
                for text in goal.indicators:
                    self.bullet(text)
            self.expected += _expect([goal])

    def goal_headings(self) -> None:
        # Under a goal section, or under a heading of any wording: there a goal heading is told from a
        # chapter heading by its wording ("… ska …") and the items right under it, so it has some.
        section = self.c.choice(_GOAL_SECTIONS + _THEMES[:3])
        themed = section in _THEMES
        self.heading(section, 1)
        level = 2
        if not themed and self.c.boolean():  # goals as Heading 3 under a målområde Heading 2
            self.heading(self.c.choice(_MALOMRADEN), 2)
            level = 3
        for goal in _goals(self.texts, self.c):
            self.heading(goal.text, level)
            if themed and not goal.activities:
                goal.activities = [self.texts.activity()]
            if goal.activities:
                if self.c.boolean():
                    self.para("Aktiviteter")
                for text in goal.activities:
                    self.bullet(text)
            if goal.indicators:
                self.para("Indikatorer:")
                for text in goal.indicators:
                    self.bullet(text)
            self.expected += _expect([goal])

    def bold_lines(self) -> None:
        if self.c.boolean():
            self.heading(self.c.choice(_GOAL_SECTIONS), 1)
            self.heading(self.c.choice(_MALOMRADEN), 2)
        else:
            self.heading(self.c.choice(_MALOMRADEN), 1)
        for goal in _goals(self.texts, self.c):
            goal.indicators = []
            self.para(goal.text, bold=True)
            for text in goal.activities:
                self.bullet(text)
            self.expected += _expect([goal])

    def table(self) -> None:
        from docx.enum.table import WD_TABLE_ALIGNMENT  # noqa: F401 - python-docx table support loaded

        self.heading(self.c.choice(_GOAL_SECTIONS + _THEMES), 1)
        goals = _goals(self.texts, self.c)
        merged = self.c.boolean()
        one_row = self.c.integer(0, 2) == 0  # each goal on one row, its items as paragraphs of a cell
        rows: list[tuple[str, str, str]] = []
        for goal in goals:
            items = [(a, "") for a in goal.activities] + [("", i) for i in goal.indicators] or [("", "")]
            if one_row:
                items = [("\n\n".join(goal.activities), "\n\n".join(goal.indicators))]
            for n, (act, ind) in enumerate(items):
                rows.append((goal.text if (n == 0 or not merged) else "", act, ind))
            self.expected += _expect([goal])
        table = self.document.add_table(rows=len(rows) + 1, cols=5)
        for c, header in enumerate(["Mål", "Aktivitet", "Indikator", "Ansvarig", "Klart senast"]):
            table.cell(0, c).text = header
        for r, (goal, act, ind) in enumerate(rows, start=1):
            table.cell(r, 0).text = goal
            for c, text in ((1, act), (2, ind)):
                first, *rest = text.split("\n\n")
                table.cell(r, c).text = first
                for paragraph in rest:
                    table.cell(r, c).add_paragraph(paragraph)
            if act or ind:
                table.cell(r, 3).text = self.c.choice(["Enhetschef", "Verksamhetsutvecklare", "Förvaltningschef"])
                table.cell(r, 4).text = self.c.choice(["2025-06-30", "2025-12-31", "2026-06-30"])
        if merged and not one_row:
            start = 1
            for goal in goals:
                size = max(len(goal.activities) + len(goal.indicators), 1)
                if size > 1:
                    table.cell(start, 0).merge(table.cell(start + size - 1, 0))
                start += size

    def indicator_tables(self) -> None:
        """Göteborg's layout: each goal a bold line, its indicators in a table "Indikator | 2023 | 2024" below."""
        self.heading(self.c.choice(_GOAL_SECTIONS), 1)
        for goal in _goals(self.texts, self.c):
            goal.activities = []
            self.para(goal.text, bold=True)
            if self.c.boolean():
                self.prose()
            if goal.indicators:
                table = self.document.add_table(rows=len(goal.indicators) + 1, cols=3)
                for c, header in enumerate(["Indikator", "Utfall 2023", "Målvärde 2025"]):
                    table.cell(0, c).text = header
                for r, text in enumerate(goal.indicators, start=1):
                    table.cell(r, 0).text = text
                    table.cell(r, 1).text = self.c.choice(["41 %", "12", "index 63"])
                    table.cell(r, 2).text = self.c.choice(["minst 50 %", "max 10", "minst index 65"])
            self.expected += _expect([goal])

    def text_box(self) -> None:
        from docx.oxml import parse_xml

        self.heading(self.c.choice(_THEMES), 1)
        goal = Goal(self.texts.goal(), [self.texts.activity()])
        inner = "".join(f'<w:p><w:r><w:t xml:space="preserve">{label} {text}</w:t></w:r></w:p>'
                        for label, text in (("Mål:", goal.text), ("Aktivitet:", goal.activities[0])))
        run = (f'<w:r xmlns:w="{W_NS}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
               ' xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"'
               ' xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
               ' xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
               ' xmlns:v="urn:schemas-microsoft-com:vml"><mc:AlternateContent><mc:Choice Requires="wps">'
               '<w:drawing><wp:anchor><a:graphic><a:graphicData><wps:wsp><wps:txbx>'
               f'<w:txbxContent>{inner}</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor>'
               '</w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>'
               f'<w:txbxContent>{inner}</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>'
               '</mc:AlternateContent></w:r>')
        paragraph = self.document.add_paragraph()
        paragraph._p.append(parse_xml(run))
        self.expected += _expect([goal])

    def risks(self) -> None:
        self.heading(self.c.choice(["Risker och internkontroll", "7 Risker och åtgärder – internkontroll",
                                    "Intern kontroll"]), 1)
        self.prose()
        for risk in _RISKS[: self.c.integer(1, 3)]:
            self.bullet(risk)
        if self.c.boolean():
            table = self.document.add_table(rows=2, cols=3)
            for c, (head, value) in enumerate([("Risk", _RISKS[0]), ("Åtgärd", "Stickprov på inköp varje kvartal"),
                                               ("Ansvarig", "Controller")]):
                table.cell(0, c).text = head
                table.cell(1, c).text = value

    def front(self) -> None:
        org = self.c.choice(_ORGS)
        self.para(f"Verksamhetsplan 2025 – {org}", style="Title")
        if self.c.boolean():
            self.para(f"Förvaltning: {org}")
        self.heading("Inledning", 1)
        self.prose()

    LAYOUTS = ("labelled", "numbered", "goal_headings", "bold_lines", "table", "text_box", "indicator_tables")

    def build(self) -> None:
        if self.c.boolean():
            self.front()
        for _ in range(self.c.integer(1, 4)):
            getattr(self, self.c.choice(self.LAYOUTS))()
            if self.c.integer(0, 3) == 0:
                self.heading("Uppföljning", 1)
                self.prose()
        if self.c.boolean():
            self.risks()

    def save(self, path: Path) -> Path:
        self.document.save(str(path))
        return path


# --- Excel --------------------------------------------------------------------------------------


class XlsxPlan:
    """Builds an Excel plan and the statements it holds."""

    def __init__(self, chooser: Chooser):
        import openpyxl

        self.c = chooser
        self.texts = Texts(chooser)
        self.workbook = openpyxl.Workbook()
        self.workbook.remove(self.workbook.active)
        self.expected: list[Expected] = []

    def sheet(self, name: str) -> None:
        c = self.c
        sheet = self.workbook.create_sheet(name)
        row = 1
        for _ in range(c.integer(0, 3)):  # title rows
            sheet.cell(row, 1, c.choice([f"Verksamhetsplan 2025 för {c.choice(_ORGS)}", "Beslutad av nämnden",
                                         "Version 2", f"Förvaltning: {c.choice(_ORGS)}"]))
            row += 1
        if c.boolean():
            row += 1
        headers = ["Mål", "Aktivitet", "Indikator", "Ansvarig", "Klart senast"]
        for col, header in enumerate(headers, start=1):
            sheet.cell(row, col, header)
        row += 1
        goals = _goals(self.texts, c, most=4)
        merged = c.boolean()
        for goal in goals:
            items = [(a, None) for a in goal.activities] + [(None, i) for i in goal.indicators] or [(None, None)]
            first = row
            for n, (act, ind) in enumerate(items):
                if n == 0 or not merged:
                    sheet.cell(row, 1, goal.text)
                sheet.cell(row, 2, act)
                sheet.cell(row, 3, ind)
                if act or ind:
                    sheet.cell(row, 4, c.choice(["Enhetschef", "Controller"]))
                    sheet.cell(row, 5, c.choice(["2025-06-30", "2025-12-31"]))
                row += 1
            if merged and row - first > 1:
                sheet.merge_cells(start_row=first, start_column=1, end_row=row - 1, end_column=1)
            if c.integer(0, 3) == 0:
                row += 1  # a blank row between goal groups
            self.expected += _expect([goal])
        if c.boolean():  # a second table lower on the sheet: indicators per goal with target values
            row += 1
            sheet.cell(row, 1, "Indikatorer och målvärden")
            row += 1
            for col, header in enumerate(["Mål", "Indikator", "Målvärde 2027"], start=1):
                sheet.cell(row, col, header)
            row += 1
            for goal in goals:
                for _ in range(c.integer(0, 2)):
                    text = self.texts.indicator()
                    sheet.cell(row, 1, goal.text)
                    sheet.cell(row, 2, text)
                    sheet.cell(row, 3, c.choice(["minst 90 %", "max 13,2 %", "minst index 41"]))
                    row += 1
                    self.expected.append(Expected("indicator", text, goal.text))

    def linked_sheets(self) -> None:
        """Goals on one sheet with an id, activities and indicators on another naming the goal's id."""
        c = self.c
        goals_sheet = self.workbook.create_sheet("Mål")
        items_sheet = self.workbook.create_sheet("Aktiviteter och indikatorer")
        goals_sheet.append(["Id", "Mål"])
        items_sheet.append(["Mål-id", "Aktivitet", "Indikator", "Ansvarig"])
        for n, goal in enumerate(_goals(self.texts, c, most=4), start=1):
            key = c.choice([f"M{n}", str(n), f"{n}."])
            goals_sheet.append([key, goal.text])
            for act in goal.activities:
                items_sheet.append([key.rstrip("."), act, None, "Enhetschef"])
            for ind in goal.indicators:
                items_sheet.append([key.rstrip("."), None, ind, "Controller"])
            self.expected += _expect([goal])

    def build(self) -> None:
        if self.c.integer(0, 3) == 0:
            self.linked_sheets()
            return
        for n in range(self.c.integer(1, 2)):
            self.sheet(self.c.choice(["Mål och aktiviteter", "Blad1", "Plan 2025"]) + (f" {n + 1}" if n else ""))

    def save(self, path: Path) -> Path:
        self.workbook.save(str(path))
        return path


def generate(chooser: Chooser, fmt: str) -> DocxPlan | XlsxPlan:
    """A generated plan of format "docx" or "xlsx", built and ready to save."""
    plan = DocxPlan(chooser) if fmt == "docx" else XlsxPlan(chooser)
    plan.build()
    return plan


# --- Comparison ---------------------------------------------------------------------------------


@dataclass
class Score:
    """How a read plan compares with what was generated."""

    expected: int = 0
    found: int = 0
    kind_right: int = 0
    parent_right: int = 0
    goal_under_goal: int = 0
    extra: int = 0
    unaccounted: int = 0
    problems: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for name in ("expected", "found", "kind_right", "parent_right", "goal_under_goal", "extra", "unaccounted"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.problems += other.problems[: max(0, 20 - len(self.problems))]


def score(plan: Any, expected: Sequence[Expected]) -> Score:
    """Compare the statements read with the expected ones, by text."""
    from aligner.readers.ledger import UNACCOUNTED

    by_text = {s.text: s for s in plan.statements}
    by_id = {s.id: s for s in plan.statements}
    result = Score(expected=len(expected))
    for want in expected:
        got = by_text.get(want.text)
        if got is None:
            result.problems.append(f"not found: {want}")
            continue
        result.found += 1
        if got.kind == want.kind:
            result.kind_right += 1
        else:
            result.problems.append(f"kind {got.kind} for {want}")
        parent = by_id[got.parent].text if got.parent in by_id else None
        if parent == want.parent:
            result.parent_right += 1
        else:
            result.problems.append(f"parent {parent!r} for {want}")
    wanted = {w.text for w in expected}
    result.extra = sum(1 for s in plan.statements if s.text not in wanted)
    result.problems += [f"extra: {s.kind} {s.text!r}" for s in plan.statements if s.text not in wanted]
    result.goal_under_goal = sum(1 for s in plan.statements
                                 if s.kind == "goal" and s.parent in by_id and by_id[s.parent].kind == "goal")
    result.unaccounted = sum(1 for r in getattr(plan, "reading", ()) if r.reason == UNACCOUNTED)
    return result
