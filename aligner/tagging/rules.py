"""Load and validate the rule files in rules/: frameworks.yaml and one <concept>.yaml per concept.

A broken file stops the run with one RuleError naming the file, the rule and the field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from aligner.errors import RuleError
from aligner.tagging.terms import Term, parse_term

CONCEPT_IDS = (
    "innovation",
    "samspel",
    "livskvalitet",
    "tidshorisont_2027",
    "trygghet",
    "sysselsattning",
    "klimatneutralitet_2030",
)

# Term lists a rule may carry. Single-word lists match one word; `phrases` match word sequences.
_WORD_FIELDS = {
    "words": "",  # whole words
    "prefixes": "*",  # start of a word: suffix '*' added
    "suffixes": "*",  # end of a word: prefix '*' added
    "stems": "*",  # anywhere in a word
    "lemmas": "",
}
_CONTEXT_FIELDS = (
    "unless_words",  # a term the matched words themselves must not be (säkerställ*)
    "unless_preceded_by",  # a term within `window` words before the match
    "unless_followed_by",  # a term within `window` words after the match
    "unless_near",  # a term within `window` words on either side
    "unless_with",  # a term anywhere in the statement
    "only_near",  # the match counts only with one of these within `window` words
    "only_with",  # the match counts only with one of these anywhere in the statement
)
_RULE_KEYS = {"id", "description", "phrases", "window", *_WORD_FIELDS, *_CONTEXT_FIELDS}
_CONCEPT_KEYS = {"concept", "title", "description", "rules", "examples", "timeframe", "related"}
_TIMEFRAME_KEYS = {
    "first_year",
    "last_year",
    "deadline_cues",
    "reference_cues",
    "name_cues",
    "fillers",
    "deadline_headers",
    "reference_headers",
}
_RULE_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
DEFAULT_WINDOW = 3


@dataclass(frozen=True, slots=True)
class Context:
    """A context of a rule (unless_* / only_*): words, or word sequences, looked for near a match."""

    name: str  # the field, e.g. "unless_followed_by"
    # Each entry is a sequence of word positions (a single word: one position), and each position
    # its alternative terms ("a|b").
    words: tuple[tuple[tuple[Term, ...], ...], ...]
    window: int

    @property
    def terms(self) -> tuple[Term, ...]:
        """Every term of the context."""
        return tuple(t for seq in self.words for position in seq for t in position)


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule: terms or phrases that tag a concept, and the contexts that cancel a match."""

    id: str
    concept: str
    description: str
    single: tuple[Term, ...] = ()  # any of these on one word
    phrases: tuple[tuple[tuple[tuple[Term, ...], bool], ...], ...] = ()  # ((terms, optional), ...)
    contexts: tuple[Context, ...] = ()
    window: int = DEFAULT_WINDOW


@dataclass(frozen=True, slots=True)
class Example:
    """A sentence from a rule file that must (or must not) tag its concept."""

    concept: str
    text: str
    should_match: bool
    rules: tuple[str, ...] = ()  # for a match example: rules that must fire (optional)
    index: int = 0


@dataclass(frozen=True, slots=True)
class Timeframe:
    """Configuration of the time-frame component (tidshorisont_2027)."""

    first_year: int = 2023
    last_year: int = 2027
    deadline_cues: tuple[tuple[str, ...], ...] = ()
    reference_cues: tuple[tuple[str, ...], ...] = ()
    name_cues: tuple[tuple[str, ...], ...] = ()
    fillers: frozenset[str] = frozenset()
    deadline_headers: tuple[str, ...] = ()
    reference_headers: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Concept:
    """A concept of CONCEPTS.md with its rules and examples."""

    id: str
    title: str
    description: str
    path: str
    rules: tuple[Rule, ...]
    examples: tuple[Example, ...]
    # Words that point towards the concept without earning a tag ("miljö" for klimatneutralitet):
    # used only to suggest which goals come closest to a concept no goal serves.
    related: tuple[Term, ...] = ()


@dataclass(frozen=True, slots=True)
class Framework:
    """Målbild 2027 or inriktningar 2023–2026: a title and its concepts."""

    id: str
    title: str
    concepts: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class RuleSet:
    """Everything in rules/: frameworks, concepts (in CONCEPTS.md order) and time-frame settings."""

    frameworks: tuple[Framework, ...]
    concepts: tuple[Concept, ...]
    timeframe: Timeframe = field(default_factory=Timeframe)
    source: str = ""

    def concept(self, concept_id: str) -> Concept:
        """The concept with this id."""
        for c in self.concepts:
            if c.id == concept_id:
                return c
        raise KeyError(concept_id)

    @property
    def rules(self) -> tuple[Rule, ...]:
        """Every rule of every concept."""
        return tuple(r for c in self.concepts for r in c.rules)

    def title(self, concept_id: str) -> str:
        """The concept's Swedish title."""
        return self.concept(concept_id).title


def default_rules_dir() -> Path:
    """The rule folder shipped with the package (the repository's rules/ in an editable install)."""
    return Path(str(resources.files("aligner.rules")))


def load_rules(rules_dir: str | Path | None = None) -> RuleSet:
    """Read and validate every rule file in a folder (default: the shipped rules).

    A validated rule set is cached on disk as JSON (data only: a cache folder someone else can
    write to cannot make aligner run code, as a pickle could), under a hash of everything that
    shapes it: aligner's version, the code that parses rules, the folder and each file's name and
    bytes. Parsing the YAML is a tenth of `aligner check`'s start-up.
    """
    from aligner import __version__, cache

    folder = Path(rules_dir) if rules_dir else default_rules_dir()
    if not folder.is_dir():
        raise RuleError(str(folder), "mappen med regler finns inte")
    files = sorted(f for f in folder.glob("*.yaml") if f.is_file())
    parser = (Path(__file__).read_bytes(), (Path(__file__).parent / "terms.py").read_bytes())
    name = "rules-" + cache.key(__version__, *parser, str(folder.resolve()),
                                *(part for f in files for part in (f.name, f.read_bytes()))) + ".json"
    data = cache.read(name)
    if data is not None:
        try:
            ruleset = cache.from_json(data, _cached_types())
            if isinstance(ruleset, RuleSet):
                return ruleset
        except Exception:  # a stale, broken or foreign entry is simply rebuilt
            pass
    ruleset = _load_rules(folder)
    try:
        cache.write(name, cache.to_json(ruleset))
    except TypeError:  # a field the JSON form does not know: no cache, the rules still load
        pass
    return ruleset


def _cached_types() -> dict[str, type]:
    return {cls.__name__: cls for cls in (RuleSet, Framework, Concept, Rule, Context, Example, Timeframe, Term)}


def _load_rules(folder: Path) -> RuleSet:
    frameworks = _load_frameworks(folder / "frameworks.yaml")
    wanted = [cid for fw in frameworks for cid in fw.concepts]
    concepts: list[Concept] = []
    timeframe = Timeframe()
    seen_rules: dict[str, str] = {}
    for cid in CONCEPT_IDS:
        if cid not in wanted:
            continue
        path = folder / f"{cid}.yaml"
        data = _read_yaml(path)
        concept, tf = _parse_concept(path, data, cid)
        for rule in concept.rules:
            if rule.id in seen_rules:
                raise RuleError(_show(path), f"regel-id finns redan i {seen_rules[rule.id]}", rule.id, "id")
            seen_rules[rule.id] = path.name
        concepts.append(concept)
        if tf is not None:
            timeframe = tf
    for extra in sorted(folder.glob("*.yaml")):
        if extra.stem not in CONCEPT_IDS and extra.name != "frameworks.yaml":
            raise RuleError(_show(extra), "okänt koncept; filnamnet ska vara ett koncept-id ur CONCEPTS.md")
    return RuleSet(tuple(frameworks), tuple(concepts), timeframe, str(folder))


def _show(path: Path) -> str:
    return f"{path.parent.name}/{path.name}"


def _read_yaml(path: Path) -> dict:
    import yaml

    if path.is_dir():
        raise RuleError(_show(path), "är en mapp, inte en regelfil")
    if not path.is_file():
        raise RuleError(_show(path), "filen saknas")
    try:
        # The C loader, where PyYAML has it, reads the rule files several times faster.
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (rad {mark.line + 1})" if mark else ""
        raise RuleError(_show(path), f"ogiltig YAML{where}: {getattr(exc, 'problem', exc)}") from exc
    except UnicodeDecodeError as exc:
        raise RuleError(_show(path), "filen är inte UTF-8") from exc
    if not isinstance(data, dict):
        raise RuleError(_show(path), "filen ska innehålla en YAML-mappning")
    return data


def _load_frameworks(path: Path) -> list[Framework]:
    data = _read_yaml(path)
    items = data.get("frameworks")
    if not isinstance(items, list) or not items:
        raise RuleError(_show(path), "saknar en lista 'frameworks'", field="frameworks")
    out = []
    for item in items:
        if not isinstance(item, dict) or not {"id", "title", "concepts"} <= set(item):
            raise RuleError(_show(path), "varje styrmodell behöver id, title och concepts", field="frameworks")
        for cid in item["concepts"]:
            if cid not in CONCEPT_IDS:
                raise RuleError(_show(path), f"okänt koncept '{cid}'", item["id"], "concepts")
        out.append(Framework(str(item["id"]), str(item["title"]), tuple(item["concepts"])))
    return out


def _parse_concept(path: Path, data: dict, cid: str) -> tuple[Concept, Timeframe | None]:
    where = _show(path)
    unknown = set(data) - _CONCEPT_KEYS
    if unknown:
        raise RuleError(where, f"okänd nyckel '{sorted(unknown)[0]}'", field=sorted(unknown)[0])
    if data.get("concept") != cid:
        raise RuleError(where, f"'concept' ska vara '{cid}'", field="concept")
    raw_rules = data.get("rules") or []
    if not isinstance(raw_rules, list):
        raise RuleError(where, "'rules' ska vara en lista", field="rules")
    rules = tuple(_parse_rule(where, cid, raw) for raw in raw_rules)
    timeframe = _parse_timeframe(where, data["timeframe"]) if "timeframe" in data else None
    if not rules and timeframe is None:
        raise RuleError(where, "konceptet har inga regler", field="rules")
    examples = _parse_examples(where, cid, data.get("examples") or {}, {r.id for r in rules})
    related = _terms(where, None, "related", data["related"]) if "related" in data else ()
    concept = Concept(
        id=cid,
        title=str(data.get("title") or cid),
        description=str(data.get("description") or "").strip(),
        path=where,
        rules=rules,
        examples=examples,
        related=related,
    )
    return concept, timeframe


def _terms(where: str, rule_id: str | None, field_name: str, value: object, decorate: str = "") -> tuple[Term, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise RuleError(where, "ska vara en lista med ord", rule_id, field_name)
    out: list[Term] = []
    for spec in value:
        if field_name == "lemmas":
            spec = f"<{spec}>"
        elif field_name == "stems":
            spec = f"*{spec.strip('*')}*"
        elif field_name == "prefixes":
            spec = f"{spec.rstrip('*')}*"
        elif field_name == "suffixes":
            spec = f"*{spec.lstrip('*')}"
        try:
            out.extend(parse_term(spec))
        except ValueError as exc:
            raise RuleError(where, str(exc), rule_id, field_name) from exc
    return tuple(out)


def _parse_phrase(where: str, rule_id: str, phrase: object) -> tuple[tuple[tuple[Term, ...], bool], ...]:
    if not isinstance(phrase, str) or not phrase.split():
        raise RuleError(where, "en fras ska vara en icke-tom text", rule_id, "phrases")
    out = []
    for token in phrase.split():
        optional = token.endswith("?") and len(token) > 1
        spec = token[:-1] if optional else token
        try:
            out.append((parse_term(spec), optional))
        except ValueError as exc:
            raise RuleError(where, str(exc), rule_id, "phrases") from exc
    if all(opt for _, opt in out):
        raise RuleError(where, f"frasen '{phrase}' har bara valfria ord", rule_id, "phrases")
    return tuple(out)


def _parse_rule(where: str, cid: str, raw: object) -> Rule:
    if not isinstance(raw, dict):
        raise RuleError(where, "varje regel ska vara en mappning med id", field="rules")
    rule_id = raw.get("id")
    if not isinstance(rule_id, str) or not _RULE_ID.match(rule_id):
        raise RuleError(where, "id saknas eller är ogiltigt (a-z, 0-9, - och _)", str(rule_id or "?"), "id")
    unknown = set(raw) - _RULE_KEYS
    if unknown:
        key = sorted(unknown)[0]
        raise RuleError(where, f"okänd nyckel '{key}'", rule_id, key)
    if not isinstance(raw.get("description"), str) or not raw["description"].strip():
        raise RuleError(where, "beskrivning saknas", rule_id, "description")
    single: list[Term] = []
    for name in _WORD_FIELDS:
        if name in raw:
            single.extend(_terms(where, rule_id, name, raw[name]))
    phrases_raw = raw.get("phrases") or []
    if isinstance(phrases_raw, str):
        phrases_raw = [phrases_raw]
    if not isinstance(phrases_raw, list):
        raise RuleError(where, "ska vara en lista med fraser", rule_id, "phrases")
    phrases = tuple(_parse_phrase(where, rule_id, p) for p in phrases_raw)
    if not single and not phrases:
        raise RuleError(where, "regeln har varken ord eller fraser", rule_id, "words")
    window = _window(where, rule_id, "window", raw.get("window", DEFAULT_WINDOW))
    contexts = tuple(_context(where, rule_id, name, raw[name], window) for name in _CONTEXT_FIELDS if name in raw)
    return Rule(rule_id, cid, raw["description"].strip(), tuple(single), phrases, contexts, window)


def _window(where: str, rule_id: str, field_name: str, value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 30:
        raise RuleError(where, "ska vara ett heltal 1–30", rule_id, field_name)
    return value


def _context(where: str, rule_id: str, name: str, value: object, window: int) -> Context:
    """A context field: a list of words (a text with spaces is a word sequence, "byta ut"), or a
    mapping {words: [...], window: N} when this context needs its own window."""
    if isinstance(value, dict):
        unknown = set(value) - {"words", "window"}
        if unknown or "words" not in value:
            raise RuleError(where, "ska vara en lista med ord, eller {words: [...], window: N}", rule_id, name)
        window = _window(where, rule_id, f"{name}.window", value.get("window", window))
        value = value["words"]
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v.split() for v in value):
        raise RuleError(where, "ska vara en lista med ord", rule_id, name)
    try:
        sequences = tuple(tuple(parse_term(word) for word in entry.split()) for entry in value)
    except ValueError as exc:
        raise RuleError(where, str(exc), rule_id, name) from exc
    return Context(name, sequences, window)


def _parse_examples(where: str, cid: str, raw: object, rule_ids: set[str]) -> tuple[Example, ...]:
    if not isinstance(raw, dict) or set(raw) - {"match", "no_match"}:
        raise RuleError(where, "'examples' ska ha listorna match och no_match", field="examples")
    out: list[Example] = []
    for should, key in ((True, "match"), (False, "no_match")):
        for i, item in enumerate(raw.get(key) or []):
            if isinstance(item, str):
                text, rules = item, ()
            elif isinstance(item, dict) and isinstance(item.get("text"), str):
                text, rules = item["text"], tuple(item.get("rules") or ())
            else:
                raise RuleError(where, f"exempel {i + 1} ska vara en text eller {{text, rules}}", field=key)
            for rid in rules:
                if rid not in rule_ids:
                    raise RuleError(where, f"exemplet nämner okänd regel '{rid}'", rid, key)
            out.append(Example(cid, text, should, rules, i))
    return tuple(out)


def _cue_list(where: str, name: str, value: object) -> tuple[tuple[str, ...], ...]:
    from aligner.tagging.terms import match_form

    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise RuleError(where, "ska vara en lista med ord eller fraser", "timeframe", name)
    return tuple(tuple(match_form(w) for w in v.split()) for v in value)


def _parse_timeframe(where: str, raw: object) -> Timeframe:
    if not isinstance(raw, dict):
        raise RuleError(where, "'timeframe' ska vara en mappning", field="timeframe")
    unknown = set(raw) - _TIMEFRAME_KEYS
    if unknown:
        raise RuleError(where, f"okänd nyckel '{sorted(unknown)[0]}'", "timeframe", sorted(unknown)[0])
    first, last = raw.get("first_year", 2023), raw.get("last_year", 2027)
    if not (isinstance(first, int) and isinstance(last, int) and first <= last):
        raise RuleError(where, "first_year och last_year ska vara årtal i ordning", "timeframe", "last_year")
    cues = {name: _cue_list(where, name, raw.get(name, [])) for name in
            ("deadline_cues", "reference_cues", "name_cues", "fillers", "deadline_headers",
             "reference_headers")}
    return Timeframe(
        first_year=first,
        last_year=last,
        deadline_cues=cues["deadline_cues"],
        reference_cues=cues["reference_cues"],
        name_cues=cues["name_cues"],
        fillers=frozenset(w for phrase in cues["fillers"] for w in phrase),
        deadline_headers=tuple(" ".join(p) for p in cues["deadline_headers"]),
        reference_headers=tuple(" ".join(p) for p in cues["reference_headers"]),
    )
