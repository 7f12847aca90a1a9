"""Lookup lemmas for the matcher: the lemmas the rules ask for (`<lemma>` terms), and only those rows
of spacy-lookups-data's Swedish lemma table, cached on disk."""

from __future__ import annotations

import gzip
import json
from importlib import resources

from aligner.model import RuleSet
from aligner.tagging.terms import match_form


def lemma_terms(ruleset: RuleSet) -> frozenset[str]:
    """Every lemma (match form) that a rule or a context of the rule set asks for."""
    terms = [t for r in ruleset.rules for t in r.single]
    terms += [t for r in ruleset.rules for phrase in r.phrases for ts, _ in phrase for t in ts]
    terms += [t for r in ruleset.rules for c in r.contexts for t in c.terms]
    return frozenset(t.value for t in terms if t.kind == "lemma")


def lemma_table(needed: frozenset[str]) -> dict[str, str]:
    """The rows of spacy-lookups-data's Swedish lemma table whose lemma a rule asks for.

    The full table has 660,000 rows and takes seconds to load into spaCy; the rules need a few
    hundred. The filtered rows are cached on disk, keyed by the lookups version and the lemmas.
    """
    if not needed:
        return {}
    from importlib.metadata import version

    from aligner import cache

    name = f"sv-lemmas-{cache.key(version('spacy-lookups-data'), *sorted(needed))}.json"
    data = cache.read(name)
    if data is not None:
        try:
            return json.loads(data)
        except ValueError:
            pass
    source = resources.files("spacy_lookups_data") / "data" / "sv_lemma_lookup.json.gz"
    with source.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as f:
        table = {form: lemma for form, lemma in json.load(f).items() if match_form(lemma) in needed}
    cache.write(name, json.dumps(table, ensure_ascii=False).encode("utf-8"))
    return table
