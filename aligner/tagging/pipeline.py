"""The spaCy pipeline: blank Swedish, lookup lemmas, term annotation, and a SpanRuler from the rules.

    tokenizer -> lemmatizer (lookup, spacy-lookups-data) -> aligner_terms -> span_ruler

The lemmatizer gets only the rows of the lookup table whose lemma a rule uses (see lemma_table).

`aligner_terms` writes on every token the keys of the rule terms the word matches
(Token._.aligner_keys), so the SpanRuler's patterns stay plain spaCy token patterns:
[{"_": {"aligner_keys": {"INTERSECTS": ["trygghet-trygg"]}}}]. Build it once per run.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
from importlib import resources
from pathlib import Path

from aligner.tagging.rules import Rule, RuleSet
from aligner.tagging.terms import TermIndex, match_form

SPANS_KEY = "aligner"
KEYS_ATTR = "aligner_keys"
# A compound part left hanging before these words is finished by the next word:
# "brotts- och olycksförebyggande", "klimat- och energiplanen".
_LIST_WORDS = {"och", "eller", "samt", "respektive", "resp", ",", "&", "/"}


def single_key(rule: Rule) -> str:
    """The term key of a rule's one-word terms."""
    return rule.id


def phrase_key(rule: Rule, p: int, t: int) -> str:
    """The term key of word t of phrase p of a rule."""
    return f"{rule.id}#{p}.{t}"


def compile_rules(ruleset: RuleSet) -> tuple[TermIndex, list[dict]]:
    """The term index and the SpanRuler patterns (label = concept id, id = rule id) for a rule set."""
    index = TermIndex()
    patterns: list[dict] = []
    for rule in ruleset.rules:
        if rule.single:
            index.add(single_key(rule), rule.single)
            patterns.append(_pattern(rule, [{"_": {KEYS_ATTR: {"INTERSECTS": [single_key(rule)]}}}]))
        for p, phrase in enumerate(rule.phrases):
            tokens = []
            for t, (terms, optional) in enumerate(phrase):
                key = phrase_key(rule, p, t)
                index.add(key, terms)
                spec: dict = {"_": {KEYS_ATTR: {"INTERSECTS": [key]}}}
                if optional:
                    spec["OP"] = "?"
                tokens.append(spec)
            patterns.append(_pattern(rule, tokens))
    return index, patterns


def _pattern(rule: Rule, tokens: list[dict]) -> dict:
    return {"label": rule.concept, "id": rule.id, "pattern": tokens}


class TermAnnotator:
    """Pipeline component: sets Token._.aligner_keys from the term index (see module doc)."""

    def __init__(self, index: TermIndex):
        self.index = index

    def __call__(self, doc):
        tokens = list(doc)
        for i, token in enumerate(tokens):
            form = match_form(token.text)
            lemma = match_form(token.lemma_) if token.lemma_ else ""
            keys = self.index.keys_for(form, lemma)
            head = dangling_head(tokens, i)
            if head is not None:
                tail = tokens[head]
                keys = keys | self.index.infix_hits_crossing(form, match_form(tail.text))
            token._.set(KEYS_ATTR, keys)
        return doc


def dangling_head(tokens: list, i: int) -> int | None:
    """For a dangling compound part at i ("brotts-"), the index of the word that completes it."""
    text = tokens[i].text
    if len(text) < 3 or not text.endswith("-") or not text[-2].isalpha():
        return None
    j = i + 1
    while j < len(tokens) and (tokens[j].lower_ in _LIST_WORDS or tokens[j].text.endswith("-")):
        j += 1
    if j == i + 1 or j >= len(tokens) or not tokens[j].is_alpha:
        return None
    return j


def lemma_terms(ruleset: RuleSet) -> frozenset[str]:
    """Every lemma (match form) that a rule or a context of the rule set asks for."""
    terms = [t for r in ruleset.rules for t in r.single]
    terms += [t for r in ruleset.rules for phrase in r.phrases for ts, _ in phrase for t in ts]
    terms += [t for r in ruleset.rules for _, ts in r.contexts for t in ts]
    return frozenset(t.value for t in terms if t.kind == "lemma")


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "aligner"


def lemma_table(needed: frozenset[str]) -> dict[str, str]:
    """The rows of spacy-lookups-data's Swedish lemma table whose lemma a rule asks for.

    The full table has 660,000 rows and takes seconds to load into spaCy; the rules need a few
    hundred. The filtered rows are cached on disk, keyed by the lookups version and the lemmas.
    """
    if not needed:
        return {}
    from importlib.metadata import version

    key = hashlib.sha1(("\n".join([version("spacy-lookups-data"), *sorted(needed)])).encode()).hexdigest()[:16]
    cached = _cache_dir() / f"sv-lemmas-{key}.json"
    try:
        return json.loads(cached.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pass
    source = resources.files("spacy_lookups_data") / "data" / "sv_lemma_lookup.json.gz"
    with source.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as f:
        table = {form: lemma for form, lemma in json.load(f).items() if match_form(lemma) in needed}
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(table, ensure_ascii=False), encoding="utf-8")
        tmp.replace(cached)
    except OSError:
        pass  # a read-only home only costs speed
    return table


def build_nlp(ruleset: RuleSet):
    """A blank Swedish pipeline with lookup lemmas and the rule set's SpanRuler, ready for nlp.pipe."""
    import spacy
    from spacy.language import Language
    from spacy.lookups import Lookups
    from spacy.tokens import Token

    if not Token.has_extension(KEYS_ATTR):
        Token.set_extension(KEYS_ATTR, default=frozenset())
    index, patterns = compile_rules(ruleset)
    nlp = spacy.blank("sv")
    lookups = Lookups()
    lookups.add_table("lemma_lookup", lemma_table(lemma_terms(ruleset)))
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"}).initialize(lookups=lookups)
    name = "aligner_terms"
    if name not in Language.factories:
        Language.factory(name, func=lambda nlp, name: TermAnnotator(TermIndex()))
    nlp.add_pipe(name).index = index
    ruler = nlp.add_pipe("span_ruler", config={"spans_key": SPANS_KEY, "validate": True})
    ruler.add_patterns(patterns)
    return nlp
