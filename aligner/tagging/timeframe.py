"""Time frames: find the years a statement sets as target or deadline, and tell them from the rest.

Swedish plans write a deadline as "senast 2026", "till 2027", "under 2025", "år 2027",
"fram till och med 2027", "senast den 31 december 2026", "i slutet av 2025", and years that
are no time frame as "jämfört med 2019", "sedan 2018", "2019 års nivå", "lag (2018:218)",
"Verksamhetsplan 2024–2027". The years and cue words live in the time-horizon concept's rule
file (its `timeframe:` block), this module only applies them: walk back from each year over filler words (months, "den",
"slutet av", "år") to the nearest cue, and let the longest cue decide.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fnmatch import fnmatchcase
from functools import lru_cache

from aligner.model import Evidence, Horizon
from aligner.tagging.rules import Timeframe
from aligner.tagging.terms import match_form

_YEAR = re.compile(r"^(?:19|20)\d\d$")
_RANGE = re.compile(r"^((?:19|20)\d\d)\s*[-–—/]\s*((?:19|20)?\d\d)$")
# Year first, a real month after it (so "2025-26" stays a range): 2025-12-31, 2026–06–30, 2026/06/30, 2026-01.
_DATE = re.compile(r"^((?:19|20)\d\d)[-–/.](?:0[1-9]|1[0-2])(?:[-–/.]\d\d)?$")
# Day first: 31.12.2025, 31/12-2025, 31/12/2025.
_DAY_FIRST = re.compile(r"^\d{1,2}[-./]\d{1,2}[-./]((?:19|20)\d\d)$")
# A year joined to a quarter, tertial, school term or month, as plans and Excel's "mmm-yy" write them:
# Q3-2026, kv3/2026, T2-2026, HT-25, VT26, okt-2026, jan-26, 2026-Q3, 2026Q3. Such a token is a point in
# time like "hösten 2025": a deadline unless a reference or name cue stands before it.
PERIODS = "q[1-4]|kv[1-4]|t[1-3]|ht|vt|jan|feb|mar|apr|maj|jun|jul|aug|sep|sept|okt|nov|dec"
_PERIOD_YEAR = re.compile(rf"^(?:{PERIODS})(?:[-–/.:]?((?:19|20)\d\d)|[-–/.:](\d\d))$", re.IGNORECASE)
_TERM_SHORT = re.compile(r"^(?:ht|vt)(\d\d)$", re.IGNORECASE)
_YEAR_PERIOD = re.compile(r"^((?:19|20)\d\d)[-–/.:]?(?:q[1-4]|kv[1-4]|t[1-3]|ht|vt)$", re.IGNORECASE)
# A school year in two digits after "läsår": "läsår 25/26".
SCHOOL_YEAR = re.compile(r"^(\d\d)/(\d\d)$")
SHORT_YEAR = re.compile(r"^\d\d(?:/\d\d)?$")  # what short_year reads: "25/26" or "25"
# Tokens that are a point in time on their own between a cue and a year: a day and month ("31/12 2025"),
# a week ("v.40 2025", "v40").
_TIME_TOKEN = re.compile(r"^(?:\d{1,2}/\d{1,2}|v\.?\d{1,2}|w\d{1,2})$")
# What may hold a year, for the tagger's quick test before a statement's words are walked: a year, or a
# two-digit year joined to a school term, quarter or month ("VT26", "HT-25", "Q3-26", "jan-26", "läsår 25/26").
_YEARISH = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_SHORT_YEARISH = re.compile(rf"(?i:\b(?:ht|vt)[-\s]?\d\d\b|\b(?:{PERIODS})[-–/.:]\d\d\b|\b\d\d/\d\d\b)")
_MAX_STEPS = 8
_CENTURIES = ("19", "20")  # every year, range and date this module reads starts with one of them
_norm = lru_cache(maxsize=65536)(match_form)  # a statement with a year has its words folded again
# Filler words that make a bare year a point in time ("i december 2025", "år 2027").
_TIME_WORDS = {"ar", "aret", "halvaret", "halvar", "kvartal", "kvartalet", "tertial", "tertialet", "hosten",
               "varen", "sommaren", "vintern", "slutet", "utgangen", "borjan", "mitten", "januari", "februari",
               "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november",
               "december", "q1", "q2", "q3", "q4", "kv1", "kv2", "kv3", "kv4", "t1", "t2", "t3", "vecka",
               "ht", "vt", "lasar", "lasaret",
               # month abbreviations ("dec 2026", "jan. 2026")
               "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "okt", "nov", "dec",
               "jan.", "feb.", "mar.", "apr.", "jun.", "jul.", "aug.", "sep.", "sept.", "okt.", "nov.", "dec."}
# Words between a target value and the bare number: "minst 75 procent", "högst 2 %".
_VALUE_HEDGES = {"minst", "hogst", "max", "maximalt", "minimum", "over", "under", "cirka", "ca", "c:a",
                 "omkring", "runt", "drygt", "knappt", "nara", "nastan", "pa"}  # not "till": a deadline cue
_NUMBER_WORDS = {"noll", "en", "ett", "tva", "tre", "fyra", "fem", "sex", "sju", "atta", "nio", "tio", "hundra",
                 "halften", "alla"}

RULE_TEXT = "tid-artal"
RULE_CELL = "tid-kolumn"
RULE_HEADER = "tid-kolumnrubrik"


@dataclass(frozen=True, slots=True)
class Frame:
    """A year found in a text and what it is: 'deadline', 'reference', 'name' or 'none'."""

    year: int
    role: str
    start: int
    end: int
    cue: str


def may_hold_year(text: str) -> bool:
    """A quick test whether a text may hold a year in any written form (most statements hold none)."""
    return bool(("20" in text or "19" in text) and _YEARISH.search(text) or _SHORT_YEARISH.search(text))


def year_of(token_text: str) -> int | None:
    """The year a token stands for: 2027, 2024–2027 (its end), 2025-12-31, 31.12.2025, Q3-2026, VT26; else None."""
    found = token_year(token_text)
    return found[0] if found else None


def token_year(text: str) -> tuple[int, bool] | None:
    """The year a token stands for and whether the token is itself a point in time (Q3-2026, HT-25)."""
    if text[:2] in _CENTURIES:
        if _YEAR.match(text):
            return int(text), False
        m = _DATE.match(text)
        # (but "2011/12" with a slash and the next year's digits is a school year, as "2025/26" is)
        if m and not (text[4:5] == "/" and len(text) == 7 and int(text[5:]) == (int(text[:4]) + 1) % 100):
            return int(m.group(1)), False
        m = _RANGE.match(text)
        if m:
            end = m.group(2)
            return (int(end) if len(end) == 4 else int(m.group(1)[:2] + end)), False
        m = _YEAR_PERIOD.match(text)
        return (int(m.group(1)), True) if m else None
    if not text[-1:].isdigit():
        return None
    m = _DAY_FIRST.match(text)
    if m:
        return int(m.group(1)), False
    m = _PERIOD_YEAR.match(text) or _TERM_SHORT.match(text)
    if m:
        year = next(g for g in m.groups() if g)
        return (int(year) if len(year) == 4 else int(_CENTURIES[-1] + year)), True
    return None


@lru_cache(maxsize=65536)
def word_is(word: str, pattern: str) -> bool:
    """A word against a cue word, where '*' stands for any letters ("*plan" = any plan)."""
    if "*" not in pattern:
        return word == pattern
    head, star, tail = pattern.partition("*")
    if "*" not in tail:  # "slutdat*", "*plan": no pattern to compile, for the one star cues have
        return word.startswith(head) and word.endswith(tail) and len(word) >= len(head) + len(tail)
    return fnmatchcase(word, pattern)


@lru_cache(maxsize=8)
def _cue_index(tf: Timeframe) -> tuple[dict[str, list[tuple[tuple[str, ...], str]]], list[tuple[tuple[str, ...], str]]]:
    """The cues by their last word (and the few whose last word is a wildcard), with their role."""
    by_last: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    wild: list[tuple[tuple[str, ...], str]] = []
    for role, cues in (("reference", tf.reference_cues), ("name", tf.name_cues), ("deadline", tf.deadline_cues)):
        for cue in cues:
            if "*" in cue[-1]:
                wild.append((cue, role))
            else:
                by_last.setdefault(cue[-1], []).append((cue, role))
    return by_last, wild


def _cue_at(norms: list[str], k: int, tf: Timeframe) -> tuple[tuple[str, ...], str] | None:
    """The longest cue phrase (and its role) that ends just before position k."""
    if k == 0:
        return None
    by_last, wild = _cue_index(tf)
    best = None
    for cue, role in [*by_last.get(norms[k - 1], ()), *wild]:
        n = len(cue)
        if n <= k and all(word_is(norms[k - n + j], cue[j]) for j in range(n)):
            if best is None or n > len(best[0]):
                best = (cue, role)
    return best


def classify_year(norms: list[str], i: int, tf: Timeframe, point_in_time: bool = False) -> tuple[str, str, int]:
    """Role of the year at token i ('deadline', 'reference', 'name', 'none'), its cue, where the cue starts.

    `point_in_time`: the token itself names a quarter, term or month (Q3-2026), like "hösten" before a year."""
    if i + 1 < len(norms) and norms[i + 1] in {"ars", "arsniva", "arets"}:
        return "reference", f"{norms[i]} {norms[i + 1]}", i
    k, skipped_time_word = i, point_in_time
    for _ in range(_MAX_STEPS):
        found = _cue_at(norms, k, tf)
        if found:
            cue, role = found
            return role, " ".join(cue), k - len(cue)
        prev = norms[k - 1] if k > 0 else ""
        if prev and (prev in tf.fillers or prev.isdigit() and len(prev) <= 2 or _TIME_TOKEN.match(prev)):
            skipped_time_word |= prev in _TIME_WORDS or bool(_TIME_TOKEN.match(prev))
            k -= 1
            continue
        # "i juni, 2026", "kvartal 4, 2025": a comma right after a time word or a number.
        before = norms[k - 2] if k >= 2 else ""
        if prev == "," and (before in _TIME_WORDS or before.isdigit() and len(before) <= 2):
            k -= 1
            continue
        break
    # A value before the year decides first: "var 80 procent hösten 2023" is a result, not a deadline.
    value = _target_value(norms, k, tf)
    if value and value[0] != "deadline":
        return value
    if skipped_time_word:
        return "deadline", "", k
    return value or ("none", "", i)


def short_year(before: str, text: str) -> tuple[int, bool] | None:
    """A year written in two digits after the word that says what it is: "läsår 25/26" and "årsskiftet
    25/26" end in 2026, "VT 26" and "HT 25" (the term apart from its year) are points in 2026 and 2025."""
    folded = _norm(before)
    if len(text) == 2 and text.isdigit():
        return (int(_CENTURIES[-1] + text), True) if folded in ("ht", "vt") else None
    m = SCHOOL_YEAR.match(text)
    if m and folded.startswith(("lasar", "arsskifte")) and int(m.group(2)) == int(m.group(1)) + 1:
        return int(_CENTURIES[-1] + m.group(2)), True
    return None


def _is_number(word: str) -> bool:
    return word.replace(",", "").replace(".", "").replace(" ", "").isdigit() or word in _NUMBER_WORDS


def _target_value(norms: list[str], k: int, tf: Timeframe) -> tuple[str, str, int] | None:
    """A year right after a target value ("minst 75 procent 2027", "noll procent för 2023") is the
    value's target year, unless a reference cue stands before the value ("utfall 80 procent 2023")."""
    j = k
    if j > 0 and norms[j - 1] == "for":
        j -= 1
    if j < 2 or norms[j - 1] not in tf.value_units or not _is_number(norms[j - 2]):
        return None
    start = j - 2
    while start > 0 and norms[start - 1] in _VALUE_HEDGES:
        start -= 1
    found = _cue_at(norms, start, tf)
    if found and found[1] != "deadline":
        return found[1], " ".join(found[0]), start - len(found[0])
    return "deadline", " ".join(norms[j - 2:k]), j - 2


def find_frames(doc, tf: Timeframe) -> list[Frame]:
    """Every year in a tagged spaCy Doc with its role."""
    texts = [t.text for t in doc]
    frames: list[Frame] = []
    norms: list[str] | None = None
    starts: list[int] = []
    named_until = -2  # the last token of the previous year when it belonged to a name ("gäller från 2024")
    for i, text in enumerate(texts):
        found = token_year(text) if text[:1].isdigit() or text[-1:].isdigit() else None
        if found is None and i > 0 and SHORT_YEAR.match(text):
            found = short_year(texts[i - 1], text)
        if found is None:
            continue
        if norms is None:
            norms = [_norm(t) for t in texts]
            starts = doc.to_array("IDX").tolist()
        year, point_in_time = found
        role, cue, cue_start = classify_year(norms, i, tf, point_in_time)
        end = starts[i] + len(text)
        # A period written in words ("2025 – 2030", "2025 till 2030", "mellan 2025 och 2030") ends with its
        # last year, like "2025–2030": the cue before the first year speaks for the whole period.
        later = _period_end(texts, norms, i)
        if later:
            year, end = max(year, later[0]), starts[later[1]] + len(texts[later[1]])
        # A period without a cue is the statement's own ("Genomföra kompetenssatsningen 2024–2026") unless it
        # belongs to a name a few words back ("Handlingsplan för trygghet 2024–2026") or tells what was.
        if role == "none" and (later or _RANGE.match(text)) and not _named_or_past(norms, i, later, tf):
            role = "deadline"
        # A year that opens the statement before a modal is its target: "2026 ska alla förskolor …"; so is a
        # start ahead ("Från den 1 juli 2026 ska kommunerna …"), where "från" is otherwise what was.
        elif i + 1 < len(norms) and norms[i + 1] in _MODALS and (
                role == "none" and _opens(texts, i) or role == "reference" and cue == "fran"):
            role = "deadline"
        # The end of a period whose start belongs to a name is the name's too: "gäller från 2024 till 2027".
        elif role == "deadline" and cue in _JOIN_CUES and cue_start - 1 == named_until:
            role = "name"
        # A deadline told in the past tense is what was, not a time frame: "Hösten 2024 infördes …",
        # "Antalet ökade under 2024".
        elif role == "deadline" and (past := _told_in_past(norms, cue, cue_start, i, later[1] if later else i)):
            role, cue = "reference", past
        named_until = (later[1] if later else i) if role == "name" else -2  # -2: never the token before a cue
        # Evidence covers the cue words too: "senast den 31 december 2026".
        frames.append(Frame(year, role, starts[min(cue_start, i)], end, cue))
    return frames


_PERIOD_JOINS = {"-", "–", "—", "till", "t.o.m.", "t.o.m", "tom", "/"}
_NAME_REACH = 5  # words back a document's name may stand before its period ("Plan för ungas inflytande 2024–2026")
# A verb in the preterite, folded: irregular forms, and the endings of the weak conjugations, active and
# passive ("ökade", "startades", "genomförde", "infördes", "byggdes"). Present participles ("-ande", "-ende")
# and the nouns and adverbs that share an ending ("område", "skede", "värde", "både") are not.
_PAST_WORDS = {"var", "varit", "hade", "blev", "fick", "gick", "kom", "tog", "gav", "lag", "lade", "fanns",
               "gjorde", "gjordes", "skedde", "sjonk", "steg", "holls", "sattes", "togs", "gavs", "uppgick"}
_PAST_ENDINGS = ("ade", "ades", "dde", "ddes", "rde", "rdes", "des", "tes")
_NOT_PAST_ENDINGS = ("ande", "ende", "andes", "endes", "omrade", "skede", "trade", "varde", "fjarde", "bade",
                     "kudde", "herde", "ledes", "sides", "hypotes", "protes", "parentes")
# Cues after which a finite verb may follow the year ("Under 2025 genomfördes …"); after "senast" or "till"
# a participle is a goal's noun phrase ("Senast 2027 halverade utsläpp").
_OPEN_CUES = {"", "under", "under hela", "i", "redan"}
# Cues that name a time without saying it is ahead: the clause's own verb tells whether it was ("Kommunen
# hade tre mål för 2024", "För perioden 2022–2025 har fullmäktige antagit fem mål").
_WEAK_CUES = _OPEN_CUES | {"mal", "malet", "mal for", "malet for", "perioden"}
_MODALS = {"ska", "skall", "bor", "maste"}
_JOIN_CUES = {"till", "till och med", "t.o.m.", "t.o.m", "tom", "fram till", "fram till och med"}
# Past forms that are no adjective in a goal's noun phrase ("minskade utsläpp" is): irregular preterites and
# the passive ("infördes", "antogs"); a supine after "har"/"hade" is the perfect ("har antagit").
_CLEAR_PAST = {"hade", "blev", "fick", "gjorde", "gjordes", "skedde", "antog", "antogs", "tog", "togs", "gavs",
               "sattes", "holls", "fanns"}
# Words that open an object: after a past form they make it the verb, not an adjective ("minskade utsläpp").
_DETERMINERS = {"en", "ett", "den", "det", "de", "var", "vart", "vara", "sin", "sitt", "sina", "deras"}
_SUPINE_ENDINGS = ("at", "it", "tt", "rt", "gt", "pt", "ft", "ats", "its", "tts")  # ökat, antagit, infört, byggt
# Adjectives, adverbs and nouns that end like a supine ("har stort fokus", "har tydligt ansvar", "har bra resultat").
_NOT_SUPINE = ("igt", "stort", "kort", "gott", "nytt", "fritt", "ratt", "latt", "resultat", "klimat", "mandat")
# Words that end the clause a time belongs to, read backwards from its cue: a modal or "att" starts what is
# ahead, a conjunction or a relative another predicate, a parenthesis an aside ("… har fått (mål 2026: 90 %)").
_CLAUSE_ENDS = {".", ",", ";", ":", "!", "?", "(", ")", "ska", "skall", "kommer", "bor", "maste", "kan", "att", "och",
                "men", "samt", "som", "eller", "sa", "dar", "nar", "om", "innan", "medan", "sedan"}


def _opens(texts: list[str], i: int) -> bool:
    """Does token i open the statement (only numbering or bullets before it)?"""
    return not any(ch.isalpha() for t in texts[:i] for ch in t)


def _is_perfect(words: list[str], k: int) -> bool:
    """Is words[k] a supine after "har"/"hade" a few words back ("har kommunfullmäktige antagit")?"""
    w = words[k]
    return (len(w) >= 5 and w.endswith(_SUPINE_ENDINGS) and not w.endswith(_NOT_SUPINE)
            and any(x in ("har", "hade") for x in words[max(0, k - 3):k]))


def _past_in_clause(norms: list[str], cue_start: int) -> str:
    """A clear past form in the clause before a time's cue, read back to where the clause ends: "", or the word."""
    for k in range(cue_start - 1, max(-1, cue_start - 9), -1):
        w = norms[k]
        if w in _CLAUSE_ENDS or any(ch.isdigit() for ch in w):
            return ""
        if w in _CLEAR_PAST or (w.endswith("s") and _is_past(w)) or _is_perfect(norms, k):
            return w
        if _is_past(w) and norms[k + 1] in _DETERMINERS:  # a verb with its object ("behandlade vår rapport")
            return w
    return ""


def _is_past(word: str) -> bool:
    """Is the folded word a verb in the preterite?"""
    if word in _PAST_WORDS:
        return True
    return len(word) >= 5 and word.endswith(_PAST_ENDINGS) and not word.endswith(_NOT_PAST_ENDINGS)


def _told_in_past(norms: list[str], cue: str, cue_start: int, first: int, last: int) -> str:
    """The past form that makes a deadline a past event, or "": the finite verb right after a fronted time
    ("Under 2025 genomfördes …"), the perfect after "under" or a period ("Under 2024 har vi infört …"), the
    verb right before the cue ("… ökade under 2024"), or a clear past form in the clause before a weak cue
    ("Kommunen hade tre mål för 2024")."""
    period = cue.endswith("perioden")
    after = norms[last + 1:last + 5]
    if after and (cue in _OPEN_CUES or period) and _is_past(after[0]):
        return after[0]
    if after and (cue.startswith("under") or period) and after[0] in ("har", "hade") \
            and any(_is_perfect(after, k) for k in range(1, len(after))):
        return after[0]
    if cue_start > 0 and _is_past(norms[cue_start - 1]) and norms[cue_start - 1] not in {"steg", "lag"}:
        return norms[cue_start - 1]
    return _past_in_clause(norms, min(cue_start, first)) if cue in _WEAK_CUES or period else ""


def _named_or_past(norms: list[str], i: int, later: tuple[int, int] | None, tf: Timeframe) -> bool:
    """Does a name or reference cue stand a few words before the period at token i, or a past verb after it?"""
    for k in range(max(1, i - _NAME_REACH + 1), i + 1):
        found = _cue_at(norms, k, tf)
        if found and found[1] in ("name", "reference"):
            return True
    after = (later[1] if later else i) + 1
    return any(_is_past(w) for w in norms[after:after + 2])


def _period_end(texts: list[str], norms: list[str], i: int) -> tuple[int, int] | None:
    """The year that closes a period opened by the year at token i, and its token: "2025 – 2030"."""
    if i + 2 >= len(texts):
        return None
    join = texts[i + 1].lower()
    if join not in _PERIOD_JOINS and not (join == "och" and i > 0 and norms[i - 1] == "mellan"):
        return None
    found = token_year(texts[i + 2]) if texts[i + 2][:1].isdigit() else None
    return (found[0], i + 2) if found else None


def horizon_from_frames(text: str, frames: list[Frame], tf: Timeframe) -> Horizon:
    """The statement's horizon from the frames in its text: within 2023–2027 wins over beyond."""
    within = [f for f in frames if f.role == "deadline" and tf.first_year <= f.year <= tf.last_year]
    if within:
        f = max(within, key=lambda f: f.year)
        return Horizon("within", f.year, Evidence(RULE_TEXT, text[f.start:f.end], f.start, f.end))
    beyond = [f for f in frames if f.role in ("deadline", "none") and f.year > tf.last_year]
    if beyond:
        f = min(beyond, key=lambda f: f.year)
        return Horizon("beyond", f.year, Evidence(RULE_TEXT, text[f.start:f.end], f.start, f.end))
    return Horizon()
