"""Write the sample verksamhetsplaner in sample_plans/.

Seven invented but realistic plans of Helsingborgs stad's förvaltningar and bolag, each in a different
Word or Excel layout, for the README and the end-to-end tests. The output is deterministic: fixed core
properties and fixed timestamps inside the zip containers, so re-running gives byte-identical files.

Every statement carries the concepts it is *meant* to serve (``serves``). That annotation is never written
to the files; it drives the summary printed at the end and the "deliberately missing" list in README.md.
``note`` marks traps from the Out lists of ../shared/CONCEPTS.md.

    python sample_plans/make_samples.py
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.shared import Pt
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

OUT_DIR = Path(__file__).resolve().parent
AUTHOR = "Helsingborgs stad"
FIXED_TIME = dt.datetime(2024, 12, 12, 9, 0, 0)
ZIP_TIME = (2024, 12, 12, 9, 0, 0)

INN = "innovation"
SAM = "samspel"
LIV = "livskvalitet"
TID = "tidshorisont_2027"
TRY = "trygghet"
SYS = "sysselsattning"
KLI = "klimatneutralitet_2030"
CONCEPTS = (INN, SAM, LIV, TID, TRY, SYS, KLI)

d = dt.date


# --------------------------------------------------------------------------------------------------------
# Data model
# --------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Item:
    """One activity or indicator, with the row data a layout may write next to it."""

    text: str
    serves: tuple[str, ...] = ()
    target: str | None = None  # målvärde; a string starting with "=" is written as an Excel formula
    baseline: str | None = None  # utfall of an earlier year
    owner: str = ""  # ansvarig
    due: dt.date | None = None  # klart senast / slutdatum
    status: str = ""
    comment: str = ""
    claim: str = ""  # "Koppling till målbild" as the plan writes it
    note: str = ""  # why this is a trap; never written to the file


@dataclass(frozen=True)
class Goal:
    text: str
    serves: tuple[str, ...]
    activities: tuple[Item, ...]
    indicators: tuple[Item, ...]
    claim: str = ""
    note: str = ""


@dataclass(frozen=True)
class Plan:
    filename: str
    layout: str  # key of WRITERS
    title: str
    organisation: str
    cover: tuple[tuple[str, str], ...]
    intro: tuple[tuple[str, tuple[str, ...]], ...]  # (heading, paragraphs): prose, not statements
    goals: tuple[Goal, ...]
    outro: tuple[tuple[str, tuple[str, ...]], ...] = ()
    header: str = ""
    footer: str = ""
    target_year: int | None = None  # year in the målvärde column header ("Målvärde 2027")


def act(text: str, *serves: str, **row: str | dt.date | None) -> Item:
    return Item(text, serves, **row)


def ind(text: str, *serves: str, **row: str | dt.date | None) -> Item:
    return Item(text, serves, **row)


def goal(text: str, *serves: str, acts: list[Item], inds: list[Item], **extra: str) -> Goal:
    return Goal(text, serves, tuple(acts), tuple(inds), **extra)


# --------------------------------------------------------------------------------------------------------
# 1. Skol- och fritidsförvaltningen: headings + bulleted lists (Word)
# --------------------------------------------------------------------------------------------------------

SKOL = Plan(
    filename="skol-och-fritidsforvaltningen-2025.docx",
    layout="docx-headings",
    title="Verksamhetsplan 2025 – Skol- och fritidsförvaltningen",
    organisation="Skol- och fritidsförvaltningen",
    header="Helsingborgs stad | Skol- och fritidsförvaltningen",
    footer="Verksamhetsplan 2025 | Skol- och fritidsnämnden | Diarienummer SFN 2024/1187",
    cover=(
        ("Beslutat av", "Skol- och fritidsnämnden"),
        ("Datum", "2024-12-12"),
        ("Dokumentets giltighet", "2025–2027"),
        ("Förvaltning", "Skol- och fritidsförvaltningen"),
        ("Dokumentansvarig", "Verksamhetsstrateg, förvaltningens ledningsstab"),
    ),
    intro=(
        ("Inledning", (
            "Verksamhetsplanen beskriver hur skol- och fritidsförvaltningen under 2025 omsätter nämndens mål "
            "i praktisk handling. Planen utgår från vision Helsingborg 2035, stadens målbild för 2027 och de "
            "inriktningar som kommunfullmäktige har beslutat för mandatperioden.",
            "Planen följs upp i delårsrapporterna per den 30 april och den 31 augusti samt i årsredovisningen.",
        )),
        ("Nämndens uppdrag", (
            "Skol- och fritidsnämnden ansvarar för förskola, grundskola, grundsärskola, fritidshem och "
            "fritidsgårdar. Förvaltningen har omkring 6 500 medarbetare och möter varje dag drygt 28 000 barn "
            "och elever.",
        )),
        ("Omvärldsanalys", (
            "Barnkullarna minskar i flera stadsdelar samtidigt som de ökar i nya bostadsområden, vilket "
            "kräver en flexibel lokalplanering. Arbetsmarknaden för legitimerade lärare är fortsatt ansträngd.",
            "Klimatomställningen och den snabba utvecklingen inom artificiell intelligens påverkar både "
            "undervisningens innehåll och skolans arbetssätt. Fler elever än tidigare uppger psykisk ohälsa, "
            "och otryggheten i vissa stadsdelar påverkar barns vardag även utanför skoltid.",
        )),
    ),
    goals=(
        goal(
            "Mål 1: Alla barn och elever ska utvecklas så långt som möjligt mot kunskapsmålen", LIV,
            acts=[
                act("Genomföra kartläggning av läs- och skrivförmågan hos alla elever i förskoleklass och "
                    "årskurs 1.", LIV),
                act("Utveckla studiehandledningen på modersmål för nyanlända elever i årskurs 7–9.", LIV),
                act("Införa AI-baserat stöd för återkoppling på elevtexter som pilot på fem skolor.", INN, LIV),
            ],
            inds=[
                ind("Andel elever i årskurs 9 som är behöriga till gymnasieskolans yrkesprogram, målvärde "
                    "minst 88 %", LIV),
                ind("Genomsnittligt meritvärde i årskurs 9, målvärde minst 235 poäng", LIV),
                ind("Andel elever som upplever studiero på lektionerna ska öka jämfört med 2019", LIV,
                    note="reference year, not a deadline"),
            ],
        ),
        goal(
            "Mål 2: Barn och elever ska känna sig trygga i förskolan, skolan och på fritiden", TRY, LIV,
            acts=[
                act("Genomföra trygghetsvandringar tillsammans med elevråd och fritidsledare på samtliga "
                    "grundskolor.", TRY, SAM),
                act("Ta fram en gemensam handlingsplan mot kränkande behandling, hot och våld.", TRY),
                act("Säkerställa att samtliga skolor har uppdaterade rutiner för arkivering av elevakter.",
                    note="'säkerställa' + arkiv"),
            ],
            inds=[
                ind("Andel elever i årskurs 5 och 8 som känner sig trygga i skolan, målvärde minst 92 %",
                    TRY, LIV),
                ind("Antal rapporterade händelser med hot eller våld mot elever per läsår", TRY),
            ],
        ),
        goal(
            "Mål 3: Fler barn och unga ska ha en meningsfull och aktiv fritid", LIV,
            acts=[
                act("Utöka fritidsgårdarnas öppettider under skollov i samarbete med idrottsföreningarna.",
                    LIV, SAM),
                act("Erbjuda avgiftsfria lovaktiviteter för alla elever i årskurs 4–9.", LIV),
                act("Utveckla en digital bokningstjänst där unga själva kan boka lokaler och aktiviteter.",
                    INN, LIV),
            ],
            inds=[
                ind("Andel unga i åldern 13–19 år som deltar i en organiserad fritidsaktivitet minst en gång "
                    "i veckan", LIV),
                ind("Antal unika besökare på fritidsgårdarna under sommarlovet", LIV),
            ],
        ),
        goal(
            "Mål 4: Vårdnadshavare och elever ska vara delaktiga och ha inflytande över verksamheten", SAM,
            acts=[
                act("Genomföra dialogmöten med vårdnadshavare på varje förskola och skola två gånger per "
                    "läsår.", SAM),
                act("Informera vårdnadshavare om skolvalet genom stadens webbplats och sociala medier.",
                    note="one-way information is not samspel"),
                act("Inrätta ett elevråd på förvaltningsnivå som nämnden samråder med inför större beslut.",
                    SAM),
            ],
            inds=[
                ind("Andel vårdnadshavare som anser att de kan påverka förskolans arbete, målvärde minst 80 %",
                    SAM),
                ind("Nöjd-Kund-Index för förskolan enligt den årliga vårdnadshavarenkäten, målvärde minst 75",
                    LIV),
            ],
        ),
        goal(
            "Mål 5: En ekonomi i balans och en hållbar arbetsmiljö för medarbetarna",
            acts=[
                act("Följa upp sjukfrånvaron månadsvis per skolområde och sätta in tidiga åtgärder."),
                act("Genomföra en översyn av lokalbehovet i förskolan utifrån den nya befolkningsprognosen."),
                act("Byta ut det nuvarande elevregistret mot ett nytt verksamhetssystem.",
                    note="replacing a system is not innovation"),
                act("Ta fram en klimatanpassningsplan för förskolegårdar med fokus på skugga och dagvatten.",
                    note="klimatanpassning on its own"),
            ],
            inds=[
                ind("Budgetavvikelse vid årets slut, högst 0,5 % av nettokostnaden"),
                ind("Sjukfrånvaro bland medarbetarna, målvärde högst 6,5 %"),
                ind("Andel medarbetare som kan rekommendera förvaltningen som arbetsgivare",
                    note="own HR, not sysselsättning"),
            ],
        ),
    ),
    outro=(
        ("Ekonomi", (
            "Nämndens driftbudget för 2025 uppgår till 3 480 miljoner kronor, varav drygt 60 procent avser "
            "personalkostnader. Investeringsramen omfattar främst nya förskolor i Mariastaden och Ödåkra samt "
            "ombyggnad av två grundskolor.",
            "Prognosen vid budgetarbetets start visar ett mindre underskott inom grundsärskolan, som "
            "förvaltningen hanterar genom omprioriteringar inom ramen.",
        )),
        ("Risker och åtgärder – internkontroll", (
            "Förvaltningen har genomfört en risk- och väsentlighetsanalys inför 2025. Tre risker bedöms som "
            "väsentliga och ingår i internkontrollplanen: att inköp görs utanför gällande ramavtal, att beslut "
            "om tilläggsbelopp inte dokumenteras enligt rutin och att behörigheter i elevdokumentationen inte "
            "tas bort när medarbetare slutar.",
            "Kontrollerna redovisas för nämnden i samband med delårsrapport 2.",
        )),
    ),
)

# --------------------------------------------------------------------------------------------------------
# 2. Socialförvaltningen: numbered goals + activity table with merged goal cells (Word)
# --------------------------------------------------------------------------------------------------------

CHEF_BOF = "Avdelningschef barn och familj"
CHEF_VUX = "Avdelningschef vuxen"
CHEF_FS = "Avdelningschef funktionsstöd"
CHEF_ADM = "Administrativ chef"

SOCIAL = Plan(
    filename="socialforvaltningen-2025.docx",
    layout="docx-numbered-merged-table",
    title="Verksamhetsplan 2025 – Socialförvaltningen",
    organisation="Socialförvaltningen",
    header="Socialförvaltningen – Helsingborgs stad",
    footer="Verksamhetsplan 2025 för socialnämnden",
    target_year=2026,
    cover=(
        ("Beslutat av", "Socialnämnden"),
        ("Datum", "2024-12-17"),
        ("Dokumentets giltighet", "2025–2026"),
        ("Nämnd", "Socialnämnden"),
        ("Förvaltning", "Socialförvaltningen"),
    ),
    intro=(
        ("Inledning", (
            "Socialförvaltningens verksamhetsplan visar hur förvaltningen bidrar till nämndens mål och till "
            "stadens målbild. Varje avdelning bryter ned planen i en egen handlingsplan.",
        )),
        ("Nämndens uppdrag", (
            "Socialnämnden ansvarar för stöd till barn, unga och familjer, för vuxna med missbruk eller "
            "psykisk ohälsa, för stöd enligt LSS samt för stadens arbete mot våld i nära relationer.",
        )),
        ("Omvärldsanalys", (
            "Behovet av stöd till barn och unga fortsätter att öka, och allt fler ärenden rör våld och "
            "kriminalitet. Kompetensförsörjningen är en av förvaltningens största utmaningar, särskilt "
            "när det gäller erfarna socialsekreterare.",
        )),
    ),
    goals=(
        goal(
            "Barn och unga i utsatta situationer ska få tidigt stöd i samverkan med skola och hälso- och "
            "sjukvård", LIV, SAM,
            acts=[
                act("Införa en gemensam modell för tidiga insatser tillsammans med skol- och "
                    "fritidsförvaltningen.", SAM, owner=CHEF_BOF, due=d(2025, 12, 31)),
                act("Genomföra samordnade individuella planer tillsammans med Region Skåne för fler barn.",
                    SAM, owner=CHEF_BOF, due=d(2026, 6, 30)),
                act("Utöka familjebehandlarnas närvaro på tre skolor i nordvästra Helsingborg.", LIV,
                    owner=CHEF_BOF, due=d(2025, 8, 31)),
            ],
            inds=[
                ind("Andel barn och unga som anser att de fått hjälp med det de behövde", LIV,
                    baseline="71 %", target="Minst 80 %"),
                ind("Andel barnavårdsutredningar som avslutas inom fyra månader", baseline="78 %",
                    target="Minst 90 %", note="handläggningstid"),
            ],
        ),
        goal(
            "Färre personer ska utsättas för våld i nära relationer", TRY,
            acts=[
                act("Erbjuda skyddat boende till våldsutsatta vuxna och barn utan väntetid.", TRY,
                    owner=CHEF_VUX, due=d(2025, 6, 30)),
                act("Genomföra utbildning om våld i nära relationer för all personal inom funktionsstöd.",
                    TRY, owner=CHEF_FS, due=d(2026, 12, 31)),
                act("Utveckla våldsförebyggande gruppverksamhet för unga män tillsammans med polisen.", TRY, SAM,
                    owner=CHEF_BOF, due=d(2027, 6, 30)),
            ],
            inds=[
                ind("Antal personer som fått stöd av kvinnofridsteamet", TRY, baseline="412",
                    target="Minst 450"),
                ind("Andel våldsutsatta som upplever ökad trygghet efter avslutad insats", TRY,
                    baseline="64 %", target="Minst 75 %"),
            ],
        ),
        goal(
            "Personer med funktionsnedsättning ska ha en meningsfull vardag och möjlighet till arbete", LIV, SYS,
            acts=[
                act("Erbjuda praktikplatser i stadens verksamheter för deltagare i daglig verksamhet.", SYS,
                    owner=CHEF_FS, due=d(2025, 12, 31)),
                act("Utveckla samarbetet med arbetsmarknadsförvaltningen kring anställningar med lönebidrag.",
                    SYS, SAM, owner=CHEF_FS, due=d(2026, 12, 31)),
                act("Genomföra en brukarundersökning inom LSS-boendena och följa upp resultatet i varje enhet.",
                    LIV, owner=CHEF_FS, due=d(2025, 11, 30)),
            ],
            inds=[
                ind("Antal deltagare i daglig verksamhet som gått vidare till anställning", SYS, baseline="9",
                    target="Minst 20"),
            ],
        ),
        goal(
            "Fler personer med missbruk eller psykisk ohälsa ska kunna leva ett självständigt liv i eget boende",
            LIV,
            acts=[
                act("Utöka antalet lägenheter inom Bostad först med tio platser.", LIV, owner=CHEF_VUX,
                    due=d(2026, 12, 31)),
                act("Erbjuda boendestöd även kvällar och helger senast 2026.", LIV, TID, owner=CHEF_VUX,
                    due=d(2026, 12, 31)),
            ],
            inds=[
                ind("Andel brukare inom socialpsykiatrin som upplever att de har inflytande över sin vardag",
                    LIV, baseline="79 %", target="Minst 85 %"),
                ind("Antal personer i Bostad först som har kvar sin bostad efter tolv månader", LIV,
                    baseline="24", target="Minst 30"),
            ],
        ),
        goal(
            "Verksamheten ska bedrivas inom given budgetram och med god intern kontroll",
            acts=[
                act("Följa upp ekonomin månadsvis på enhetsnivå.", owner=CHEF_ADM, due=d(2025, 12, 31)),
                act("Genomföra internkontroll av att beslut om bistånd dokumenteras enligt rutin.",
                    owner=CHEF_ADM, due=d(2025, 10, 31)),
                act("Säkerställa att handläggningstiden för ansökningar enligt LSS inte överstiger tre månader.",
                    owner=CHEF_FS, due=d(2025, 12, 31), note="'säkerställa' + handläggningstid"),
            ],
            inds=[
                ind("Budgetavvikelse i procent av nettokostnaden", baseline="-0,8 %", target="0 %"),
                ind("Sjukfrånvaro bland förvaltningens medarbetare", baseline="8,1 %", target="Högst 7 %"),
            ],
        ),
    ),
    outro=(
        ("Uppföljning", (
            "Aktiviteterna följs upp av respektive ansvarig chef och rapporteras till nämnden tre gånger per "
            "år. Nyckeltalen hämtas från verksamhetssystemet, brukarundersökningarna och Kolada.",
        )),
    ),
)

# --------------------------------------------------------------------------------------------------------
# 3. Miljöförvaltningen: goal/indicator table with blank continuation cells + "Koppling till målbild" (Word)
# --------------------------------------------------------------------------------------------------------

MILJO = Plan(
    filename="miljoforvaltningen-2025.docx",
    layout="docx-goal-table-claims",
    title="Verksamhetsplan 2025 – Miljöförvaltningen",
    organisation="Miljöförvaltningen",
    header="Helsingborgs stad – Miljöförvaltningen",
    footer="Miljönämndens verksamhetsplan 2025",
    target_year=2027,
    cover=(
        ("Beslutat av", "Miljönämnden"),
        ("Datum", "2024-11-28"),
        ("Dokumentets giltighet", "2025–2027"),
        ("Nämnd", "Miljönämnden"),
        ("Förvaltning", "Miljöförvaltningen"),
    ),
    intro=(
        ("Inledning", (
            "Miljönämnden har det lokala ansvaret för tillsyn och kontroll enligt miljöbalken och "
            "livsmedelslagstiftningen samt för stadens miljöstrategiska arbete.",
        )),
        ("Omvärldsanalys", (
            "Stadens klimatmål för 2030 och de nationella miljökvalitetsmålen ställer höga krav på "
            "omställning i både näringsliv och offentlig sektor. Samtidigt ökar antalet ärenden om "
            "värmepumpar och enskilda avlopp, och allt fler invånare vill sköta sina ärenden digitalt.",
        )),
    ),
    goals=(
        goal(
            "1. Helsingborgs utsläpp av växthusgaser ska minska i takt med målet om klimatneutralitet 2030", KLI,
            claim="Klimatneutralitet 2030", note="2030 is beyond the period",
            acts=[
                act("Genomföra tillsyn av energihushållningen hos de 50 största energianvändarna i kommunen.",
                    KLI, due=d(2026, 12, 31)),
                act("Erbjuda klimatrådgivning till små och medelstora företag tillsammans med Öresundskraft.",
                    KLI, SAM, due=d(2025, 12, 31)),
                act("Ta fram en färdplan för fossilfria arbetsmaskiner i stadens bygg- och anläggningsprojekt.",
                    KLI, due=d(2025, 9, 30)),
            ],
            inds=[
                ind("Utsläpp av växthusgaser inom Helsingborgs geografiska område, minskning jämfört med 1990",
                    KLI, target="Minst 70 %", claim="Klimatneutralitet 2030", note="reference year"),
                ind("Koldioxidutsläpp från vägtrafiken per invånare", KLI, target="Högst 1,1 ton",
                    claim="Klimatneutralitet 2030"),
                ind("Andel resor med cykel, gång eller kollektivtrafik", KLI, target="Minst 55 %",
                    claim="Klimatneutralitet 2030; Livskvalitet"),
            ],
        ),
        goal(
            "2. Företag och invånare ska uppleva en rättssäker och serviceinriktad myndighetsutövning", LIV,
            claim="Livskvalitet; Sysselsättning", note="'rättssäker' is not trygghet; claim of sysselsättning "
            "is not supported by the text",
            acts=[
                act("Införa servicedeklarationer som beskriver vad företag kan förvänta sig vid tillsynsbesök.",
                    LIV, due=d(2025, 6, 30)),
                act("Följa upp handläggningstiden för anmälningsärenden varje månad.", due=d(2025, 12, 31)),
            ],
            inds=[
                ind("Nöjd-Kund-Index för miljö- och hälsoskyddstillsynen enligt SKR:s Insikt", LIV,
                    target="Minst 78", claim="Livskvalitet"),
                ind("Andel ärenden om enskilda avlopp som beslutas inom sex veckor", target="Minst 90 %",
                    claim="Innovation", note="unsupported claim"),
            ],
        ),
        goal(
            "3. Arbetet för en giftfri och hälsosam livsmiljö ska bedrivas tillsammans med näringsliv, akademi "
            "och invånare", SAM, LIV, claim="Samspel; Livskvalitet",
            acts=[
                act("Genomföra dialogmöten med boende i Drottninghög om buller och luftkvalitet.", SAM, LIV,
                    due=d(2025, 10, 31)),
                act("Utveckla samarbetet med Lunds universitet kring mätning av mikroplaster i Öresund.", SAM,
                    due=d(2026, 12, 31)),
                act("Kartlägga översvämningsrisker vid skyfall i samarbete med NSVA.", SAM, due=d(2026, 6, 30),
                    note="klimatanpassning on its own"),
            ],
            inds=[
                ind("Antal samverkansprojekt med akademi och näringsliv", SAM, target="Minst 4",
                    claim="Samspel"),
                ind("Antal fastigheter som fått rådgivning om klimatanpassning vid skyfall", target="Minst 200",
                    claim="Klimatneutralitet 2030", note="klimatanpassning; unsupported claim"),
            ],
        ),
        goal(
            "4. Nya digitala arbetssätt ska göra tillsynen mer effektiv och tillgänglig", INN,
            claim="Innovation",
            acts=[
                act("Införa en e-tjänst för anmälan av enskilda avlopp med automatiserad registrering.", INN,
                    due=d(2025, 12, 31)),
                act("Genomföra en pilot med drönare vid tillsyn av deponier och större byggarbetsplatser.", INN,
                    due=d(2026, 6, 30)),
                act("Utveckla ett datadrivet och riskbaserat urval av tillsynsobjekt.", INN, due=d(2027, 3, 31)),
            ],
            inds=[
                ind("Andel ansökningar och anmälningar som kommer in via e-tjänst", INN, target="Minst 80 %",
                    claim="Innovation"),
                ind("Antal tillsynsbesök där sensordata eller drönare har använts", INN, target="Minst 30",
                    claim="Innovation; Samspel", note="samspel claim unsupported"),
            ],
        ),
        goal(
            "5. Miljönämnden ska ha en budget i balans och en hög kostnadstäckning i tillsynen",
            acts=[
                act("Genomföra en översyn av timavgiften för tillsyn senast under 2025.", TID,
                    due=d(2025, 12, 31)),
                act("Säkerställa att alla handlingar diarieförs och arkiveras enligt dokumenthanteringsplanen.",
                    due=d(2025, 12, 31), note="'säkerställa' + arkiv"),
                act("Genomföra en kontroll av IT-säkerheten i förvaltningens ärendehanteringssystem.",
                    due=d(2025, 11, 30), note="internal IT security is not trygghet"),
            ],
            inds=[
                ind("Kostnadstäckningsgrad för avgiftsfinansierad tillsyn", target="Minst 70 %"),
                ind("Budgetavvikelse vid årets slut", target="0 tkr"),
            ],
        ),
    ),
    outro=(
        ("Risker och åtgärder – internkontroll", (
            "Internkontrollplanen för 2025 omfattar debitering av tillsynsavgifter, jäv vid handläggning och "
            "hantering av allmänna handlingar.",
        )),
    ),
)

# --------------------------------------------------------------------------------------------------------
# 4. Arbetsmarknadsförvaltningen: one sheet, title rows, merged goal cells, a formula (Excel)
# --------------------------------------------------------------------------------------------------------

JOBB = "Avdelningschef Jobbcenter"
VUX = "Rektor vuxenutbildningen"
UNGA = "Enhetschef unga"
ETAB = "Enhetschef etablering"
ADM = "Administrativ chef"

ARBETSMARKNAD = Plan(
    filename="arbetsmarknadsforvaltningen-2025.xlsx",
    layout="xlsx-merged-goals",
    title="Verksamhetsplan 2025",
    organisation="Arbetsmarknadsförvaltningen",
    cover=(("Beslutat av", "Arbetsmarknadsnämnden 2024-12-11"),),
    intro=(),
    goals=(
        goal(
            "Fler Helsingborgare ska gå från försörjningsstöd till arbete eller studier", SYS,
            acts=[
                act("Erbjuda alla nya sökande av försörjningsstöd en individuell plan mot arbete inom två "
                    "veckor.", SYS, owner=JOBB, due=d(2025, 3, 31)),
                act("Utveckla matchningen mot lediga jobb med hjälp av en digital kompetensprofil.", SYS, INN,
                    owner=JOBB, due=d(2025, 12, 31)),
                act("Genomföra jobbspår inom vård, bygg och lager tillsammans med arbetsgivare i regionen.", SYS,
                    SAM, owner=JOBB, due=d(2026, 12, 31)),
            ],
            inds=[
                ind("Andel hushåll med försörjningsstöd som blivit självförsörjande inom tolv månader", SYS,
                    target="Minst 40 %"),
                ind("Antal deltagare som fått anställning via jobbspår", SYS, target="250"),
            ],
        ),
        goal(
            "Ungdomsarbetslösheten i Helsingborg ska minska", SYS,
            acts=[
                act("Erbjuda feriejobb till minst 1 200 ungdomar i åldern 16–18 år under sommaren 2025.", SYS,
                    TID, owner=UNGA, due=d(2025, 8, 31)),
                act("Genomföra uppsökande arbete mot unga som varken arbetar eller studerar tillsammans med "
                    "skol- och fritidsförvaltningen.", SYS, SAM, owner=UNGA, due=d(2026, 12, 31)),
                act("Utöka antalet sommarjobb hos privata arbetsgivare genom överenskommelser med "
                    "näringslivet.", SYS, SAM, owner=UNGA, due=d(2026, 5, 31)),
            ],
            inds=[
                ind("Andel unga 18–24 år som är öppet arbetslösa eller i program med aktivitetsstöd", SYS,
                    target="Högst 8 %"),
            ],
        ),
        goal(
            "Nyanlända ska snabbare etablera sig på arbetsmarknaden", SYS,
            acts=[
                act("Erbjuda språkpraktik på arbetsplatser parallellt med sfi.", SYS, owner=ETAB,
                    due=d(2025, 12, 31)),
                act("Genomföra en pilot med AI-baserad träning i yrkessvenska.", INN, SYS, owner=VUX,
                    due=d(2026, 6, 30)),
                act("Utveckla samverkan med Arbetsförmedlingen i ett gemensamt etableringsteam.", SAM, SYS,
                    owner=ETAB, due=d(2025, 9, 30)),
            ],
            inds=[
                ind("Andel nyanlända som har arbete eller studerar 90 dagar efter avslutat etableringsprogram",
                    SYS, target="Minst 45 %"),
            ],
        ),
        goal(
            "Vuxenutbildningen ska ge fler invånare den kompetens som efterfrågas på arbetsmarknaden", SYS,
            acts=[
                act("Utöka antalet platser inom yrkesvux för bristyrken inom vård och omsorg.", SYS, owner=VUX,
                    due=d(2025, 8, 15)),
                act("Ta fram utbildningar för installation av solceller och laddinfrastruktur tillsammans med "
                    "branschen.", KLI, SYS, SAM, owner=VUX, due=d(2026, 1, 31)),
                act("Erbjuda praktik i stadens återbruksverksamhet, som minskar klimatpåverkan från nyinköp.",
                    SYS, KLI, owner=JOBB, due=d(2027, 12, 31)),
            ],
            inds=[
                ind("Andel elever på yrkesvux som har arbete ett år efter avslutad utbildning", SYS,
                    target="=0.7*100"),
                ind("Antal studerande på yrkesvux inom bristyrken", SYS, target="Minst 600"),
            ],
        ),
        goal(
            "Förvaltningen ska ha en trygg ekonomi och en effektiv handläggning", note="'trygg ekonomi'",
            acts=[
                act("Följa upp handläggningstiden för ansökningar om försörjningsstöd varje vecka.", owner=ADM,
                    due=d(2025, 12, 31), note="försörjningsstöd as case handling, not a route to work"),
                act("Genomföra internkontroll av utbetalningar av försörjningsstöd.", owner=ADM,
                    due=d(2025, 10, 31)),
                act("Säkerställa att handlingar gallras enligt dokumenthanteringsplanen.", owner=ADM,
                    due=d(2025, 12, 31)),
            ],
            inds=[
                ind("Genomsnittlig handläggningstid för nyansökan om försörjningsstöd, dagar", target="Högst 10"),
                ind("Sjukfrånvaro i procent av ordinarie arbetstid", target="Högst 6 %"),
            ],
        ),
    ),
)

# --------------------------------------------------------------------------------------------------------
# 5. Öresundskraft AB: sheets "Mål" and "Aktiviteter" linked by Mål-id, plus "Instruktioner" (Excel)
# --------------------------------------------------------------------------------------------------------

ORESUNDSKRAFT = Plan(
    filename="oresundskraft-ab-2025.xlsx",
    layout="xlsx-linked-sheets",
    title="Verksamhetsplan 2025–2027 – Öresundskraft AB",
    organisation="Öresundskraft AB",
    target_year=2027,
    cover=(
        ("Bolag", "Öresundskraft AB"),
        ("Beslutat av", "Styrelsen för Öresundskraft AB"),
        ("Datum", "2024-12-05"),
        ("Dokumentets giltighet", "2025–2027"),
    ),
    intro=(
        ("Så fyller du i planen", (
            "Fliken Mål innehåller bolagets mål utifrån ägardirektivet. Varje mål har ett Mål-id (M1, M2 och "
            "så vidare) som aktiviteterna på fliken Aktiviteter hänvisar till i kolumnen Tillhör mål.",
            "Ändra inte kolumnrubrikerna, eftersom planen läses in i stadens uppföljningssystem.",
            "Status och kommentar rapporteras per tertial till ägaren via Helsingborgs Stadshus AB.",
        )),
    ),
    goals=(
        goal(
            "All värme i fjärrvärmenätet ska produceras utan fossila bränslen senast 2027", KLI, TID,
            acts=[
                act("Ersätta den oljeeldade spetslasten i Västhamnsverket med en elpanna.", KLI,
                    owner="Affärsområde Värme", due=d(2026, 10, 31)),
                act("Ta fram en plan för avskiljning av koldioxid vid Filbornaverket.", KLI,
                    owner="Affärsområde Värme", due=d(2025, 12, 31)),
                act("Genomföra energikartläggning av bolagets egna fastigheter.", KLI,
                    owner="Fastighetsförvaltare", due=d(2025, 6, 30)),
            ],
            inds=[
                ind("Andel av den tillförda bränsleenergin i fjärrvärmenätet som är fossil", KLI, target="0 %"),
                ind("Utsläpp av koldioxid från bolagets produktionsanläggningar, ton", KLI, target="Högst 15 000"),
            ],
        ),
        goal(
            "Laddinfrastrukturen i Helsingborg ska byggas ut i takt med att elbilarna blir fler", KLI,
            acts=[
                act("Etablera snabbladdning vid tre av stadens infartsparkeringar.", KLI,
                    owner="Affärsområde Elmobilitet", due=d(2026, 6, 30)),
                act("Utveckla en app där kunden kan styra laddningen efter elpris och tillgång på förnybar el.",
                    INN, KLI, owner="Affärsområde Elmobilitet", due=d(2025, 11, 30)),
            ],
            inds=[
                ind("Antal publika laddpunkter i Helsingborg", KLI, target="Minst 1 500"),
            ],
        ),
        goal(
            "Kunderna ska vara nöjda med bolagets service och bemötande", LIV,
            acts=[
                act("Införa en AI-baserad chattfunktion i kundtjänsten.", INN, owner="Kundservice",
                    due=d(2025, 9, 30)),
                act("Förenkla fakturan så att kunden lättare förstår sin energianvändning.", LIV,
                    owner="Kundservice", due=d(2025, 12, 31)),
            ],
            inds=[
                ind("Nöjd-Kund-Index i bolagets årliga kundundersökning för hushåll", LIV, target="Minst 75"),
                ind("Andel kundärenden som löses vid första kontakten", target="Minst 80 %"),
            ],
        ),
        goal(
            "Bolaget ska ha en trygg och stabil ekonomi som ger utrymme för investeringar",
            note="'trygg ekonomi'",
            acts=[
                act("Genomföra en översyn av bolagets investeringsplan för 2028–2032.", owner="Ekonomichef",
                    due=d(2025, 4, 30), note="the years name a document's period, beyond 2027"),
                act("Följa upp kostnaderna för underhåll av elnätet varje kvartal.", owner="Affärsområde Elnät",
                    due=d(2025, 12, 31)),
            ],
            inds=[
                ind("Soliditet", target="Minst 35 %"),
                ind("Avkastning på justerat eget kapital", target="Minst 6 %"),
            ],
        ),
        goal(
            "Hög informationssäkerhet i bolagets interna system", note="internal IT security",
            acts=[
                act("Genomföra penetrationstester av bolagets interna affärssystem.", owner="IT-chef",
                    due=d(2025, 5, 31)),
                act("Byta ut brandväggarna i driftnätet enligt livscykelplanen.", owner="IT-chef",
                    due=d(2026, 3, 31), note="'brand' is not brandsäkerhet; replacement is not innovation"),
            ],
            inds=[
                ind("Andel medarbetare som genomfört utbildning i informationssäkerhet", target="100 %"),
            ],
        ),
    ),
)

# --------------------------------------------------------------------------------------------------------
# 6. Kulturförvaltningen: flat sheet, header on row 1, goal repeated on every row (Excel)
# --------------------------------------------------------------------------------------------------------

KULTUR = Plan(
    filename="kulturforvaltningen-2025.xlsx",
    layout="xlsx-flat-repeated",
    title="Verksamhetsplan 2025 – Kulturförvaltningen",
    organisation="Kulturförvaltningen",
    target_year=2026,
    cover=(),
    intro=(),
    goals=(
        goal(
            "Fler invånare ska ta del av stadens kulturutbud", LIV,
            acts=[
                act("Erbjuda fri entré till Dunkers kulturhus för barn och unga under 20 år.", LIV,
                    status="Klar", comment="Beslut i kulturnämnden i februari."),
                act("Utveckla programverksamheten på biblioteken i Drottninghög och Dalhem tillsammans med "
                    "lokala föreningar.", LIV, SAM, status="Pågår"),
                act("Genomföra en pilot med digitala visningar av Kärnan med förstärkt verklighet.", INN, LIV,
                    status="Ej påbörjad"),
            ],
            inds=[
                ind("Antal besök på stadens kulturinstitutioner", LIV, target="Minst 1 100 000"),
                ind("Andel invånare som besökt ett bibliotek det senaste året enligt SCB:s "
                    "medborgarundersökning", LIV, target="Minst 55 %"),
            ],
        ),
        goal(
            "Stadens bibliotek ska vara trygga platser där alla kan vistas, läsa och mötas", TRY, LIV,
            acts=[
                act("Införa meröppna bibliotek med kameraövervakning och trygghetsvärdar kvällstid.", INN, TRY,
                    status="Pågår", comment="Två filialer öppnar i meröppet läge under hösten."),
                act("Genomföra utbildning i konflikthantering och hantering av ordningsstörningar för all "
                    "bibliotekspersonal.", TRY, status="Pågår"),
                act("Ta fram en gemensam rutin med polisen och socialtjänsten för att hantera ungdomsgrupper "
                    "som stör ordningen.", TRY, SAM, status="Pågår – försenad"),
            ],
            inds=[
                ind("Antal rapporterade ordningsstörningar på stadsbiblioteket", TRY, target="Högst 40"),
                ind("Andel besökare som känner sig trygga på biblioteket", TRY, LIV, target="Minst 90 %"),
            ],
        ),
        goal(
            "Föreningslivet och det fria kulturlivet ska ha goda förutsättningar att verka i Helsingborg", LIV,
            acts=[
                act("Inleda ett idéburet offentligt partnerskap med studieförbunden kring kulturskapande för unga.",
                    SAM, status="Pågår"),
                act("Erbjuda en digital ansökan om kulturstöd med automatisk avisering om beslut.", INN,
                    status="Klar"),
                act("Genomföra en medborgardialog om framtidens kulturhus i Helsingborg.", SAM,
                    status="Ej påbörjad", comment="Planeras tillsammans med stadsbyggnadsförvaltningen."),
            ],
            inds=[
                ind("Antal föreningar som fått kulturstöd", LIV, target="Minst 120"),
                ind("Nöjd-Kund-Index för förvaltningens stöd till föreningar", LIV, target="Minst 70"),
            ],
        ),
        goal(
            "Kulturarvet ska bevaras och göras tillgängligt digitalt under mandatperioden", INN, TID,
            acts=[
                act("Digitalisera 20 000 föremål ur Helsingborgs museers samlingar.", INN, status="Pågår"),
                act("Genomföra en klimatanpassningsutredning för Fredriksdals friluftsmuseum inför skyfall.",
                    status="Ej påbörjad", note="klimatanpassning on its own"),
                act("Införa en ny samlingsdatabas som ersätter den nuvarande.", status="Pågår",
                    note="replacing a system is not innovation"),
            ],
            inds=[
                ind("Antal föremål som är sökbara i den digitala samlingsdatabasen", INN, target="Minst 60 000"),
            ],
        ),
        goal(
            "Kulturförvaltningen ska ha en budget i balans och en god arbetsmiljö",
            acts=[
                act("Följa upp sjukfrånvaron per avdelning varje månad.", status="Pågår"),
                act("Genomföra en inventering av museernas arkiv och gallra enligt dokumenthanteringsplanen.",
                    status="Ej påbörjad"),
                act("Säkerställa att hyresavtalen för externa lokaler omförhandlas i tid.", status="Pågår"),
                act("Genomföra en rekryteringskampanj för att stärka bilden av förvaltningen som attraktiv "
                    "arbetsgivare.", status="Klar", note="own HR, not sysselsättning"),
            ],
            inds=[
                ind("Budgetavvikelse mot nämndens ram vid årets slut", target="0 tkr"),
                ind("Sjukfrånvaro, andel av tillgänglig arbetstid", target="Högst 5 %"),
            ],
        ),
    ),
)
# A row with text only in "Kommentar", written after the rows of this goal (0-based index).
KULTUR_COMMENT_AFTER = 1
KULTUR_COMMENT = (
    "Besöksstatistiken för 2025 påverkas av att stadsbiblioteket hålls stängt under ombyggnaden i mars–april."
)

# --------------------------------------------------------------------------------------------------------
# 7. Helsingborgshem AB: one table row per goal, lists inside cells, diacritics partly lost (Word)
# --------------------------------------------------------------------------------------------------------

HEM = Plan(
    filename="helsingborgshem-ab-2025.docx",
    layout="docx-cell-lists-ascii",
    title="Verksamhetsplan 2025 - Helsingborgshem AB",
    organisation="Helsingborgshem AB",
    header="Helsingborgshem AB - Verksamhetsplan 2025",
    footer="Kopia exporterad fran affarssystemet - diakritiska tecken kan saknas",
    cover=(
        ("Beslutat av", "Styrelsen"),
        ("Datum", "2024-12-09"),
        ("Dokumentets giltighet", "2025-2026"),
        ("Bolag", "Helsingborgshem AB"),
    ),
    intro=(
        ("Inledning", (
            "Helsingborgshem ar stadens allmannyttiga bostadsbolag med drygt 11 000 lagenheter. Agardirektivet "
            "anger att bolaget ska bidra till stadens malbild och till en god bostadsforsorjning.",
        )),
        ("Omvarldsanalys", (
            "Hogre rantor och byggkostnader paverkar bolagets mojligheter att bygga nytt. I flera omraden ar "
            "otryggheten fortsatt hog, och manga unga saknar sitt forsta jobb.",
        )),
    ),
    goals=(
        goal(
            "Mal 1 - Hyresgasterna ska kanna trygghet i sitt bostadsomrade", TRY, LIV,
            acts=[
                act("Genomfora trygghetsvandringar tillsammans med Hyresgastforeningen och polisen.", TRY, SAM),
                act("Utöka belysningen på gårdar och i gångstråk i Drottninghög för att minska otryggheten.",
                    TRY),
            ],
            inds=[
                ind("Andel hyresgaster som kanner sig trygga i sitt omrade kvallstid", TRY, LIV,
                    target="Minst 75 %"),
            ],
        ),
        goal(
            "Mal 2 - Fler unga i vara bostadsomraden ska fa sitt forsta jobb", SYS,
            acts=[
                act("Erbjuda sommarjobb till ungdomar som bor i bolagets omraden.", SYS),
                act("Stalla krav pa lokala praktikplatser vid upphandling av renoveringsentreprenader.", SYS),
            ],
            inds=[
                ind("Antal unga hyresgaster som haft sommarjobb i bolagets fastighetsskotsel", SYS, target="Minst 150"),
            ],
        ),
        goal(
            "Mal 3 - Energianvandningen i bestandet ska minska", KLI,
            acts=[
                act("Installera solceller pa taken vid nyproduktion och storre renoveringar.", KLI),
                act("Genomfora injustering av varmesystemen i 40 fastigheter for lagre energianvandning.", KLI),
            ],
            inds=[
                ind("Energianvandning per kvadratmeter, minskning jamfort med 2021", KLI, target="Minst 15 %",
                    note="reference year, not a deadline"),
            ],
        ),
        goal(
            "Mal 4 - Hyresgasterna ska vara delaktiga och nojda med sitt boende", SAM, LIV,
            acts=[
                act("Genomföra boendedialoger inför varje större renovering.", SAM),
                act("Utveckla samarbetet med foreningar som driver aktiviteter for barn pa gardarna.", SAM, LIV),
            ],
            inds=[
                ind("Nöjd-Kund-Index enligt AktivBo-undersokningen", LIV, target="Minst 80"),
            ],
        ),
        goal(
            "Mal 5 - En langsiktigt trygg ekonomi med ett underhall i balans", note="'trygg ekonomi'",
            acts=[
                act("Folja upp underhallsplanen for varje fastighet arligen."),
                act("Sakerstalla att felanmalningar atgardas inom avtalad tid.", note="'sakerstalla'"),
            ],
            inds=[
                ind("Belaningsgrad", target="Hogst 60 %"),
                ind("Andel felanmalningar som atgardas inom fem arbetsdagar", target="Minst 90 %"),
            ],
        ),
    ),
    outro=(
        ("Koppling till malbild", (
            "Malen bidrar till stadens malbild 2027 och till inriktningarna om trygghet, sysselsattning och "
            "klimatneutralitet 2030. Uppfoljning sker i bolagets tertialrapporter till Helsingborgs Stadshus AB.",
        )),
    ),
)

PLANS = (SKOL, SOCIAL, MILJO, ARBETSMARKNAD, ORESUNDSKRAFT, KULTUR, HEM)


# --------------------------------------------------------------------------------------------------------
# Shared helpers
# --------------------------------------------------------------------------------------------------------


def _freeze_zip(path: Path) -> None:
    """Rewrite a .docx/.xlsx container with fixed entry timestamps so the bytes do not change per run."""
    with zipfile.ZipFile(path) as src:
        entries = [(info.filename, src.read(info)) for info in src.infolist()]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(info, data)
    path.write_bytes(buf.getvalue())


def _pairs(g: Goal) -> list[tuple[Item | None, Item | None]]:
    """Rows of a goal when activities and indicators stand side by side in one table."""
    n = max(len(g.activities), len(g.indicators))
    pad = [None] * n
    return list(zip((list(g.activities) + pad)[:n], (list(g.indicators) + pad)[:n], strict=True))


# --------------------------------------------------------------------------------------------------------
# Word writers
# --------------------------------------------------------------------------------------------------------


def _new_docx(plan: Plan) -> DocxDocument:
    doc = Document()
    props = doc.core_properties
    props.author = AUTHOR
    props.last_modified_by = AUTHOR
    props.title = plan.title
    props.subject = plan.organisation
    props.keywords = "verksamhetsplan; Helsingborgs stad"
    props.language = "sv-SE"
    props.comments = ""
    props.category = "Plan"
    props.created = FIXED_TIME
    props.modified = FIXED_TIME
    props.last_printed = FIXED_TIME
    props.revision = 1

    doc.styles["Normal"].font.name = "Arial"
    doc.styles["Normal"].font.size = Pt(10)
    section = doc.sections[0]
    section.header.paragraphs[0].text = plan.header
    section.footer.paragraphs[0].text = plan.footer

    doc.add_paragraph(plan.title, style="Title")
    for label, value in plan.cover:
        para = doc.add_paragraph()
        para.add_run(f"{label}: ").bold = True
        para.add_run(value)
    _add_prose(doc, plan.intro)
    return doc


def _add_prose(doc: DocxDocument, sections: tuple[tuple[str, tuple[str, ...]], ...]) -> None:
    for heading, paragraphs in sections:
        doc.add_heading(heading, level=1)
        for text in paragraphs:
            doc.add_paragraph(text)


def _table(doc: DocxDocument, header: list[str], rows: int):
    table = doc.add_table(rows=rows + 1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(text).bold = True
    return table


def _save_docx(doc: DocxDocument, plan: Plan) -> Path:
    path = OUT_DIR / plan.filename
    doc.save(str(path))
    _freeze_zip(path)
    return path


def write_docx_headings(plan: Plan) -> Path:
    """Goals as Heading 2 under "Vad vill vi uppnå"; activities and indicators as bulleted lists.

    The first goals use a Heading 3 for "Aktiviteter"/"Indikatorer", the later ones a bold line, as plans
    edited by several hands do.
    """
    doc = _new_docx(plan)
    doc.add_heading("Vad vill vi uppnå", level=1)
    doc.add_paragraph(
        "Nämndens mål för perioden beskrivs nedan tillsammans med förvaltningens aktiviteter och de "
        "indikatorer som används för att följa upp måluppfyllelsen."
    )
    for number, g in enumerate(plan.goals, start=1):
        doc.add_heading(g.text, level=2)
        for label, items in (("Aktiviteter", g.activities), ("Indikatorer", g.indicators)):
            if number <= 3:
                doc.add_heading(label, level=3)
            else:
                doc.add_paragraph().add_run(label).bold = True
            for item in items:
                doc.add_paragraph(item.text, style="List Bullet")
    _add_prose(doc, plan.outro)
    return _save_docx(doc, plan)


def _suppress_list_numbering(paragraph) -> None:
    """Keep the "List Number" style but switch its automatic number off (numId 0), as Word does when a
    user types the number by hand; the typed "1." then is the only number shown."""
    paragraph._p.get_or_add_pPr().get_or_add_numPr().get_or_add_numId().val = 0


def write_docx_numbered_merged_table(plan: Plan) -> Path:
    """Numbered goals (style "List Number"), then an activity table whose Mål cell is merged vertically
    over the goal's rows, then an indicator table referring to goals by number."""
    doc = _new_docx(plan)
    doc.add_heading("Nämndens mål", level=1)
    doc.add_paragraph("Socialnämnden har beslutat om följande mål för 2025–2026.")
    numbered = [f"{i}. {g.text}." for i, g in enumerate(plan.goals, start=1)]
    for text in numbered:
        _suppress_list_numbering(doc.add_paragraph(text, style="List Number"))

    doc.add_heading("Aktiviteter", level=1)
    n_rows = sum(len(g.activities) for g in plan.goals)
    table = _table(doc, ["Mål", "Aktivitet", "Ansvarig", "Klart senast"], n_rows)
    row = 1
    for text, g in zip(numbered, plan.goals, strict=True):
        first = row
        for item in g.activities:
            cells = table.rows[row].cells
            cells[1].text = item.text
            cells[2].text = item.owner
            cells[3].text = item.due.isoformat() if item.due else ""
            row += 1
        top = table.cell(first, 0)
        top.text = text
        merged = top.merge(table.cell(row - 1, 0))
        merged.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP

    doc.add_heading("Indikatorer", level=1)
    n_rows = sum(len(g.indicators) for g in plan.goals)
    table = _table(doc, ["Mål", "Indikator", "Utfall 2023", f"Målvärde {plan.target_year}"], n_rows)
    row = 1
    for number, g in enumerate(plan.goals, start=1):
        for item in g.indicators:
            cells = table.rows[row].cells
            cells[0].text = str(number)
            cells[1].text = item.text
            cells[2].text = item.baseline or ""
            cells[3].text = item.target or ""
            row += 1
    _add_prose(doc, plan.outro)
    return _save_docx(doc, plan)


def write_docx_goal_table_claims(plan: Plan) -> Path:
    """Goal/indicator table with the Nämndmål cell left blank on continuation rows and a
    "Koppling till målbild" column; activities in a second table that refers to the goal number."""
    doc = _new_docx(plan)
    doc.add_heading("Vad vill vi uppnå", level=1)
    doc.add_paragraph(
        "Tabellen visar nämndens mål, de indikatorer som följs upp och hur målen enligt nämnden bidrar "
        "till stadens målbild."
    )
    n_rows = sum(len(g.indicators) for g in plan.goals)
    header = ["Nämndmål", "Indikator", f"Målvärde {plan.target_year}", "Koppling till målbild"]
    table = _table(doc, header, n_rows)
    row = 1
    for g in plan.goals:
        for i, item in enumerate(g.indicators):
            cells = table.rows[row].cells
            cells[0].text = g.text if i == 0 else ""
            cells[1].text = item.text
            cells[2].text = item.target or ""
            cells[3].text = (g.claim if i == 0 and g.claim else item.claim) or ""
            row += 1

    doc.add_heading("Aktiviteter 2025–2027", level=1)
    n_rows = sum(len(g.activities) for g in plan.goals)
    table = _table(doc, ["Aktivitet", "Nämndmål", "Slutdatum"], n_rows)
    row = 1
    for number, g in enumerate(plan.goals, start=1):
        for item in g.activities:
            cells = table.rows[row].cells
            cells[0].text = item.text
            cells[1].text = str(number)
            cells[2].text = item.due.isoformat() if item.due else ""
            row += 1
    _add_prose(doc, plan.outro)
    return _save_docx(doc, plan)


def write_docx_cell_lists(plan: Plan) -> Path:
    """One table row per goal; the activities and indicators stand as several paragraphs in one cell."""
    doc = _new_docx(plan)
    doc.add_heading("Vad vill vi uppna", level=1)
    table = _table(doc, ["Mal", "Aktiviteter", "Indikator", "Malvarde"], len(plan.goals))
    for row, g in enumerate(plan.goals, start=1):
        cells = table.rows[row].cells
        cells[0].text = g.text
        columns = (
            [f"• {a.text}" for a in g.activities],
            [i.text for i in g.indicators],
            [i.target or "" for i in g.indicators],
        )
        for cell, lines in zip(cells[1:], columns, strict=True):
            cell.text = lines[0]
            for line in lines[1:]:
                cell.add_paragraph(line)
    _add_prose(doc, plan.outro)
    return _save_docx(doc, plan)


# --------------------------------------------------------------------------------------------------------
# Excel writers
# --------------------------------------------------------------------------------------------------------

BOLD = Font(bold=True)
WRAP_TOP = Alignment(wrap_text=True, vertical="top")
DATE_FORMAT = "yyyy-mm-dd"


def _new_xlsx(plan: Plan) -> Workbook:
    wb = Workbook()
    props = wb.properties
    props.creator = AUTHOR
    props.lastModifiedBy = AUTHOR
    props.title = plan.title
    props.subject = plan.organisation
    props.keywords = "verksamhetsplan; Helsingborgs stad"
    props.language = "sv-SE"
    props.created = FIXED_TIME
    props.modified = FIXED_TIME
    return wb


def _save_xlsx(wb: Workbook, plan: Plan) -> Path:
    """Save without openpyxl's save_workbook, which stamps the current time into docProps/core.xml."""
    path = OUT_DIR / plan.filename
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(wb, archive).save()
    _freeze_zip(path)
    return path


def _header_row(ws: Worksheet, row: int, header: list[str], widths: list[int]) -> None:
    for col, (text, width) in enumerate(zip(header, widths, strict=True), start=1):
        ws.cell(row=row, column=col, value=text).font = BOLD
        ws.column_dimensions[get_column_letter(col)].width = width


def _write_target(ws: Worksheet, row: int, col: int, target: str | None) -> None:
    value: str | int | None = int(target) if target and target.isdigit() else target
    cell = ws.cell(row=row, column=col, value=value)
    if target and target.startswith("="):
        cell.number_format = '"Minst "0" %"'


def _write_date(ws: Worksheet, row: int, col: int, value: dt.date | None) -> None:
    if value is not None:
        ws.cell(row=row, column=col, value=value).number_format = DATE_FORMAT


def write_xlsx_merged_goals(plan: Plan) -> Path:
    """Title rows, then one table; each goal cell is merged over its rows; a blank row between goals."""
    wb = _new_xlsx(plan)
    ws = wb.active
    ws.title = "Verksamhetsplan"
    ws.cell(row=1, column=1, value=plan.title).font = Font(bold=True, size=14)
    ws.cell(row=2, column=1, value=plan.organisation).font = Font(bold=True, size=12)
    ws.cell(row=3, column=1, value=f"{plan.cover[0][0]}: {plan.cover[0][1]}")
    header = ["Förvaltningsmål", "Aktivitet", "Indikator", "Målvärde", "Ansvarig", "Slutdatum"]
    _header_row(ws, 5, header, [45, 60, 55, 14, 28, 12])
    ws.freeze_panes = "A6"
    row = 6
    for number, g in enumerate(plan.goals):
        if number:
            row += 1  # blank row between goal groups
        first = row
        for activity, indicator in _pairs(g):
            if activity:
                ws.cell(row=row, column=2, value=activity.text).alignment = WRAP_TOP
                ws.cell(row=row, column=5, value=activity.owner)
                _write_date(ws, row, 6, activity.due)
            if indicator:
                ws.cell(row=row, column=3, value=indicator.text).alignment = WRAP_TOP
                _write_target(ws, row, 4, indicator.target)
            row += 1
        ws.cell(row=first, column=1, value=g.text).alignment = WRAP_TOP
        ws.merge_cells(start_row=first, start_column=1, end_row=row - 1, end_column=1)
    return _save_xlsx(wb, plan)


def write_xlsx_linked_sheets(plan: Plan) -> Path:
    """Sheets "Instruktioner" (prose), "Mål" (Mål-id, goal, indicators) and "Aktiviteter" (by Mål-id)."""
    wb = _new_xlsx(plan)
    info = wb.active
    info.title = "Instruktioner"
    info.column_dimensions["A"].width = 100
    info.cell(row=1, column=1, value=plan.title).font = Font(bold=True, size=14)
    row = 3
    for label, value in plan.cover:
        info.cell(row=row, column=1, value=f"{label}: {value}")
        row += 1
    for heading, paragraphs in plan.intro:
        row += 1
        info.cell(row=row, column=1, value=heading).font = BOLD
        for text in paragraphs:
            row += 1
            info.cell(row=row, column=1, value=text).alignment = Alignment(wrap_text=True)

    goals = wb.create_sheet("Mål")
    _header_row(goals, 1, ["Mål-id", "Mål", "Indikator", f"Målvärde {plan.target_year}"], [8, 60, 60, 18])
    activities = wb.create_sheet("Aktiviteter")
    _header_row(activities, 1, ["Aktivitet", "Tillhör mål", "Ansvarig", "Klart senast"], [70, 12, 26, 14])
    g_row = a_row = 2
    for number, g in enumerate(plan.goals, start=1):
        goal_id = f"M{number}"
        for i, item in enumerate(g.indicators):
            goals.cell(row=g_row, column=1, value=goal_id)
            if i == 0:
                goals.cell(row=g_row, column=2, value=g.text).alignment = WRAP_TOP
            goals.cell(row=g_row, column=3, value=item.text).alignment = WRAP_TOP
            _write_target(goals, g_row, 4, item.target)
            g_row += 1
        for item in g.activities:
            activities.cell(row=a_row, column=1, value=item.text).alignment = WRAP_TOP
            activities.cell(row=a_row, column=2, value=goal_id)
            activities.cell(row=a_row, column=3, value=item.owner)
            _write_date(activities, a_row, 4, item.due)
            a_row += 1
    return _save_xlsx(wb, plan)


def write_xlsx_flat_repeated(plan: Plan) -> Path:
    """Header on row 1; the goal repeated on each of its rows; one row with only a comment."""
    wb = _new_xlsx(plan)
    ws = wb.active
    ws.title = "Mål och aktiviteter"
    header = ["Nämndens mål", "Aktiviteter", "Nyckeltal", f"Mål {plan.target_year}", "Status", "Kommentar"]
    _header_row(ws, 1, header, [50, 60, 55, 16, 16, 50])
    ws.freeze_panes = "A2"
    row = 2
    for number, g in enumerate(plan.goals):
        for activity, indicator in _pairs(g):
            ws.cell(row=row, column=1, value=g.text).alignment = WRAP_TOP
            if activity:
                ws.cell(row=row, column=2, value=activity.text).alignment = WRAP_TOP
                ws.cell(row=row, column=5, value=activity.status)
                ws.cell(row=row, column=6, value=activity.comment or None)
            if indicator:
                ws.cell(row=row, column=3, value=indicator.text).alignment = WRAP_TOP
                _write_target(ws, row, 4, indicator.target)
            row += 1
        if number == KULTUR_COMMENT_AFTER:
            ws.cell(row=row, column=6, value=KULTUR_COMMENT).alignment = WRAP_TOP
            row += 1
    return _save_xlsx(wb, plan)


WRITERS: dict[str, Callable[[Plan], Path]] = {
    "docx-headings": write_docx_headings,
    "docx-numbered-merged-table": write_docx_numbered_merged_table,
    "docx-goal-table-claims": write_docx_goal_table_claims,
    "xlsx-merged-goals": write_xlsx_merged_goals,
    "xlsx-linked-sheets": write_xlsx_linked_sheets,
    "xlsx-flat-repeated": write_xlsx_flat_repeated,
    "docx-cell-lists-ascii": write_docx_cell_lists,
}


# --------------------------------------------------------------------------------------------------------
# Checks and summary
# --------------------------------------------------------------------------------------------------------


def _file_text(path: Path) -> str:
    """All text of a written file, reopened with python-docx or openpyxl."""
    if path.suffix == ".docx":
        doc = Document(str(path))
        parts = [p.text for p in doc.paragraphs]
        parts += [c.text for t in doc.tables for r in t.rows for c in r.cells]
        parts += [p.text for s in doc.sections for p in (*s.header.paragraphs, *s.footer.paragraphs)]
        return "\n".join(parts)
    wb = load_workbook(path)
    return "\n".join(str(c.value) for ws in wb for r in ws.iter_rows() for c in r if c.value is not None)


def _horizon_by_column(plan: Plan, item: Item, kind: str) -> bool:
    """A 2023-2027 date or target-year column next to the statement (not in its own text)."""
    if item.due is not None and 2023 <= item.due.year <= 2027:
        return True
    return kind == "indicator" and item.target is not None and plan.target_year in range(2023, 2028)


def _served(plan: Plan) -> dict[str, dict[str, int]]:
    """Concept -> kind -> number of statements meant to serve it (by text or, for the horizon, column)."""
    served = {c: {"goal": 0, "activity": 0, "indicator": 0} for c in CONCEPTS}
    for g in plan.goals:
        for c in g.serves:
            served[c]["goal"] += 1
        for kind, items in (("activity", g.activities), ("indicator", g.indicators)):
            for item in items:
                concepts = set(item.serves)
                if _horizon_by_column(plan, item, kind):
                    concepts.add(TID)
                for c in concepts:
                    served[c][kind] += 1
    return served


def _check(plan: Plan) -> None:
    assert 3 <= len(plan.goals) <= 6, plan.filename
    for g in plan.goals:
        assert 2 <= len(g.activities) <= 4 and 1 <= len(g.indicators) <= 3, g.text
        for c in (*g.serves, *(c for i in (*g.activities, *g.indicators) for c in i.serves)):
            assert c in CONCEPTS, c


def write_labels(path: Path) -> None:
    """The intended concepts of every statement as JSON Lines (id, text, labels), for `aligner eval`.

    Written before any rule was tuned on them, so they are a check the rules were not fitted to.
    Tidshorisont 2027 is left out: in these plans it mostly comes from a date column, not the text.
    """
    import json

    rows = []
    for plan in PLANS:
        stem = Path(plan.filename).stem
        for g_no, g in enumerate(plan.goals, 1):
            items = [("m", g.text, g.serves)]
            items += [(f"a{n}", i.text, i.serves) for n, i in enumerate(g.activities, 1)]
            items += [(f"i{n}", i.text, i.serves) for n, i in enumerate(g.indicators, 1)]
            for tag, text, serves in items:
                labels = [c for c in serves if c != TID]
                rows.append({"id": f"{stem}:{g_no}{tag}", "text": text, "labels": labels})
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


def main() -> None:
    write_labels(OUT_DIR / "sample_labels.jsonl")
    seen: set[str] = set()
    print(f"{'file':40} {'layout':27} {'G':>2} {'A':>3} {'I':>3}  no statement / no goal-level statement")
    for plan in PLANS:
        _check(plan)
        path = WRITERS[plan.layout](plan)
        text = _file_text(path)
        statements = [g.text for g in plan.goals]
        statements += [i.text for g in plan.goals for i in (*g.activities, *g.indicators)]
        for s in statements:
            assert s not in seen, f"duplicate statement: {s}"
            seen.add(s)
            assert s in text, f"{path.name}: not found after reopening: {s}"
        served = _served(plan)
        missing = [c for c in CONCEPTS if not any(served[c].values())]
        no_goal = [c for c in CONCEPTS if c not in missing and not served[c]["goal"]]
        n_act = sum(len(g.activities) for g in plan.goals)
        n_ind = sum(len(g.indicators) for g in plan.goals)
        print(
            f"{path.name:40} {plan.layout:27} {len(plan.goals):>2} {n_act:>3} {n_ind:>3}  "
            f"{', '.join(missing) or '-'} / {', '.join(no_goal) or '-'}"
        )


if __name__ == "__main__":
    main()
