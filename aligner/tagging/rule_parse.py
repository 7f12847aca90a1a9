"""One rule of a concept file, parsed and validated: its terms, its phrases (groups of several-word
alternatives expanded) and its contexts. Part of aligner.tagging.rules' parser; a broken rule is one
RuleError naming the file, the rule and the field.
"""

from __future__ import annotations

import re

from aligner.errors import RuleError
from aligner.model import DEFAULT_WINDOW, Context, Rule
from aligner.tagging.terms import NAME, NAME_TERM, Term, parse_term

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
_RULE_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


def parse_terms(where: str, rule_id: str | None, field_name: str, value: object) -> tuple[Term, ...]:
    """A list of terms of one field (`words`, `stems`, …, `related`), each written as the field says."""
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
    if NAME_TERM in out:
        raise RuleError(where, f"{NAME} kan bara stå sist i en fras", rule_id, field_name)
    return tuple(out)


_GROUP = re.compile(r"\(([^()]*)\)")
MAX_GROUP_PHRASES = 64  # a phrase's groups may stand for at most this many phrases


def _expand_groups(where: str, rule_id: str, phrase: object) -> list[object]:
    """A phrase with groups of alternatives of several words, as the phrases it stands for:
    "(tar hand om|hjälper) äldre" is "tar hand om äldre" and "hjälper äldre"."""
    if not isinstance(phrase, str) or "(" not in phrase and ")" not in phrase:
        return [phrase]
    out = [phrase]
    while any(_GROUP.search(p) for p in out):
        done = []
        for p in out:
            m = _GROUP.search(p)
            if m is None:
                done.append(p)
                continue
            alternatives = [a.strip() for a in m.group(1).split("|")]
            if len(alternatives) < 2 or not all(alternatives) or p[m.end():m.end() + 1] == "?":
                raise RuleError(where, f"frasen '{phrase}': en parentes ska ha minst två alternativ, inget tomt, "
                                "och kan inte vara valfri", rule_id, "phrases")
            done.extend(f"{p[:m.start()]} {a} {p[m.end():]}" for a in alternatives)
        out = done
        if len(out) > MAX_GROUP_PHRASES:
            raise RuleError(where, f"frasen '{phrase}' står för fler än {MAX_GROUP_PHRASES} fraser: dela upp den",
                            rule_id, "phrases")
    if any("(" in p or ")" in p for p in out):
        raise RuleError(where, f"frasen '{phrase}': en parentes saknar sin motsvarighet (eller står i en annan)",
                        rule_id, "phrases")
    return [" ".join(p.split()) for p in out]


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
    for n, (terms, optional) in enumerate(out):
        # Last, so the matcher knows which word to check; after a required word, so never a statement's first.
        if NAME_TERM in terms and (n != len(out) - 1 or optional or len(terms) > 1 or not any(
                not opt for _, opt in out[:n])):
            raise RuleError(where, f"frasen '{phrase}': {NAME} kan bara stå sist i en fras, ensam, efter ett ord "
                            "som inte är valfritt", rule_id, "phrases")
    return tuple(out)


def parse_rule(where: str, cid: str, raw: object) -> Rule:
    """One entry of a concept file's `rules` list."""
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
            single.extend(parse_terms(where, rule_id, name, raw[name]))
    phrases_raw = raw.get("phrases") or []
    if isinstance(phrases_raw, str):
        phrases_raw = [phrases_raw]
    if not isinstance(phrases_raw, list):
        raise RuleError(where, "ska vara en lista med fraser", rule_id, "phrases")
    phrases = tuple(_parse_phrase(where, rule_id, p) for raw_phrase in phrases_raw
                    for p in _expand_groups(where, rule_id, raw_phrase))
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
    if isinstance(value, list):
        # A shared list from the file's `guards:` ("unless_with: [*upkeep, "budget*"]") stands for its words.
        value = [w for v in value for w in (v if isinstance(v, list) else [v])]
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v.split() for v in value):
        raise RuleError(where, "ska vara en lista med ord", rule_id, name)
    try:
        sequences = tuple(tuple(parse_term(word) for word in entry.split()) for entry in value)
    except ValueError as exc:
        raise RuleError(where, str(exc), rule_id, name) from exc
    if any(NAME_TERM in terms for sequence in sequences for terms in sequence):
        raise RuleError(where, f"{NAME} kan bara stå sist i en fras", rule_id, name)
    return Context(name, sequences, window)
