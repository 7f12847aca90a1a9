"""The spaCy pipeline: blank Swedish, lookup lemmas, and the rules as a PhraseMatcher.

    tokenizer -> aligner_rules

Every rule compiles to phrases: sequences of positions, each position a set of terms (see
terms.py). Matching runs on NORM, which aligner sets on every word of the vocabulary to its
folded form (lower case, å/ä/ö -> a/a/o, no hyphens), so "Koldioxid-utsläppen" and
"koldioxidutslappen" are one word to the matcher.

Why a PhraseMatcher and not token patterns: Swedish compounds make most terms "a stem inside a
word", which a token pattern can only say with a Python predicate that spaCy's Matcher runs for
every pattern on every token (hundreds of times slower than tokenizing). Instead, the first time a
word is seen the component asks the term index which terms it matches (one walk, which also
serves the tagger's contexts, see collect), and adds the concrete phrases it completes to the
PhraseMatcher ("i samverkan med" once "samverkan" is seen). Each word's work is done once per
run; matching itself stays hash look-ups in spaCy's C code. A one-word rule needs no pattern: the
index has already said which words it matches ("trygghetsvandringar" for the stem `trygg`), so
those matches are read from a dict per word id.

Lemmas come from spacy-lookups-data's Swedish lookup table, like spaCy's lookup lemmatizer, but
are applied once per distinct word, and only the rows whose lemma a rule uses are loaded (see
lemmas.py): a lemmatizer component would look up every token of every statement for nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import product
from typing import cast

from aligner.model import Rule, RuleSet
from aligner.tagging.hyphens import broken_tail, dangling_head
from aligner.tagging.lemmas import lemma_table, lemma_terms
from aligner.tagging.terms import NAME_TERM, Term, TermIndex, is_name, match_form
from aligner.text import bounded_tokens

MATCHES_KEY = "aligner_matches"  # [(rule id's hash in the vocab's strings, start token, end token)]
WORDS_KEY = "aligner_words"  # the statement's word ids (ORTH): (in order, as a set)
DANGLING_KEY = "aligner_dangling"  # True when the statement has a word ending in a hyphen ("brotts-")
# Phrases of whole words with at most this many word sequences are expanded when the rules load;
# the few with hundreds (alternatives in every position) wait for a document that has their words.
EAGER_COMBINATIONS = 16
COMPONENT = "aligner_rules"
# A phrase ending in a name ("övning med {namn}") is matched under its rule id with this prefix, so its
# matches can be checked for the name's capital letter (matching runs on folded words) and renamed.
NAMED_PREFIX = "namn:"


@dataclass(frozen=True, slots=True, eq=False)  # compared and hashed by identity: it is looked up per document
class Phrase:
    """One phrase of a rule: positions of alternative terms, each optional or not."""

    rule: Rule
    number: int
    positions: tuple[tuple[tuple[Term, ...], bool], ...]
    # Per position, the words it matches that are known without seeing text (whole-word terms).
    fixed_words: tuple[tuple[str, ...], ...]

    def key(self, position: int) -> str:
        """The term-index key of one position."""
        return f"{self.rule.id}#{self.number}.{position}"

    @property
    def named(self) -> bool:
        """Does the phrase end in a name (the rules allow {namn} only there)?"""
        return NAME_TERM in self.positions[-1][0]

    @property
    def match_key(self) -> str:
        """The id its patterns are added to the PhraseMatcher under."""
        return NAMED_PREFIX + self.rule.id if self.named else self.rule.id


def _phrase(rule: Rule, number: int, positions) -> Phrase:
    fixed = tuple(tuple(t.value for t in terms if t.kind == "word") for terms, _ in positions)
    return Phrase(rule, number, positions, fixed)


def rule_phrases(rule: Rule) -> list[Phrase]:
    """A rule as phrases: its one-word terms are a phrase of one position."""
    phrases = []
    if rule.single:
        phrases.append(_phrase(rule, 0, ((rule.single, False),)))
    for i, positions in enumerate(rule.phrases, start=1):
        phrases.append(_phrase(rule, i, positions))
    return phrases


class RuleMatcher:
    """Pipeline component: matches the rule set and writes doc.user_data["aligner_matches"].

    Each match is (rule id hash, start token, end token); `vocab.strings[hash]` is the rule id.
    Plain tuples, not doc.spans: a SpanGroup and Span objects per statement cost more than
    tokenizing it, and the tagger is their only reader. The statement's word ids go beside them
    (doc.user_data["aligner_words"]) for the tagger's contexts.
    """

    def __init__(self, nlp):
        from spacy.attrs import ORTH
        from spacy.matcher import PhraseMatcher
        from spacy.tokens import Doc

        self._doc = Doc
        self._orth_attr = ORTH
        self.vocab = nlp.vocab
        self.matcher = PhraseMatcher(nlp.vocab, attr="NORM")
        self.index = TermIndex()
        self.lemmas: dict[str, str] = {}
        self._phrases: dict[str, tuple[Phrase, int]] = {}  # key -> (phrase, position)
        self._known: dict[Phrase, list[set[str]]] = {}  # per position: its whole words and the words seen matching it
        self._union: dict[Phrase, set[int]] = {}  # ids of the words seen in any of a phrase's positions
        self._expanded: set[tuple[Phrase, frozenset[int]]] = set()
        self._crossing: dict[tuple[str, str], set[str]] = {}  # (dangling part, next word) -> term keys
        self._added: set[tuple[str, tuple[str, ...]]] = set()
        self._seen_orths: set[int] = set()
        # One-word phrases need no PhraseMatcher pattern: the index says, per word, which they are.
        self._single_keys: dict[str, tuple[int, int]] = {}  # key -> (rule's rank, rule id's hash)
        self._single: dict[int, tuple[int, ...]] = {}  # word id -> hashes of the one-word rules it matches
        self._singles: set[int] = set()  # the keys of _single, as a set
        self._collectors: dict[str, list[set[int]]] = {}  # other keys -> the word-id sets to add matches to
        self._dangling_orths: set[int] = set()  # words that can be a dangling compound part ("brotts-")
        self._forms: dict[int, str] = {}  # word id -> folded form
        self._spelling: dict[str, str] = {}  # folded form -> a word with that form, in the vocabulary
        self._eager: set[Phrase] = set()  # phrases fully expanded when the rules were loaded
        self._anchor: dict[Phrase, int] = {}  # the position whose words decide that a document may hold the phrase
        self._anchored: dict[int, tuple[Phrase, ...]] = {}  # word id -> multi-word phrases it anchors
        self._anchors: set[int] = set()  # the keys of _anchored, as a set (a dict's keys & a set copies the dict)
        self._named: dict[int, int] = {}  # match id of a phrase ending in a name -> its rule id's hash

    def load(self, ruleset: RuleSet, lemmas: dict[str, str]) -> None:
        """Compile a rule set (once, before the first document). Phrases of whole words with few
        combinations get their patterns now; the others the first time a document has the words."""
        self.lemmas = lemmas
        strings = self.vocab.strings
        for rank, rule in enumerate(ruleset.rules):
            for phrase in rule_phrases(rule):
                for pos, (terms, _optional) in enumerate(phrase.positions):
                    key = phrase.key(pos)
                    self.index.add(key, terms)
                    self._phrases[key] = (phrase, pos)
                if len(phrase.positions) == 1:
                    self._single_keys[phrase.key(0)] = (rank, strings.add(rule.id))
                    continue
                if phrase.named:
                    self._named[strings.add(phrase.match_key)] = strings.add(rule.id)
                self._known[phrase] = [set(words) for words in phrase.fixed_words]
                self._union[phrase] = set()
                self._anchor[phrase] = _anchor(phrase)
                if _combinations(phrase) <= EAGER_COMBINATIONS:
                    self._eager.add(phrase)
                    self._expand(phrase)
        for lex in list(self.vocab):
            self._fold(lex)

    def collect(self, key: str, terms: tuple[Term, ...], word_sets: tuple[set[int], ...]) -> None:
        """Index more terms under a key of the caller's: the id of every word seen that matches one
        is added to each of `word_sets` (the tagger's contexts use this; one index walk per word
        serves both). Call before the first document."""
        if self._seen_orths:
            raise RuntimeError("collect() after the first document: the words seen would be missed")
        self.index.add(key, terms)
        self._collectors.setdefault(key, []).extend(word_sets)

    def _fold(self, lex) -> str:
        form = match_form(lex.orth_)
        if lex.norm_ != form:
            lex.norm_ = form
        return form

    def _expand(self, phrase: Phrase, forms: set[str] | None = None) -> None:
        """Add the concrete word sequences of a phrase, using only words in `forms` when given.

        Phrases are expanded per document, from the words the document has: expanding them over
        every word they allow would add thousands of patterns nobody uses, and cost start-up time.
        """
        options = []
        for pos, (_terms, optional) in enumerate(phrase.positions):
            known = self._known[phrase][pos]
            forms_here: list[str | None] = list(known if forms is None else known & forms)
            options.append(forms_here + [None] if optional else forms_here)
        patterns = []
        for combo in product(*options):
            words = tuple(w for w in combo if w is not None)
            if words and (phrase.match_key, words) not in self._added:
                self._added.add((phrase.match_key, words))
                patterns.append(self._pattern(words))
        if patterns:  # one call: each add() has its own fixed cost in spaCy
            self.matcher.add(phrase.match_key, patterns)

    def _pattern(self, words: tuple[str, ...]):
        # Spelled as a word already seen, whose NORM is folded: a form ("tryggheten" for
        # "Tryggheten") would be a new entry in the vocabulary, made and folded for the pattern only.
        spelling = self._spelling
        texts = []
        for form in words:
            text = spelling.get(form)
            if text is None:
                self._fold(self.vocab[form])
                text = spelling[form] = form
            texts.append(text)
        return self._doc(self.vocab, words=texts)

    def _learn(self, orth: int) -> None:
        """First sight of a word: fold its NORM, note the one-word rules it matches and the phrases
        it anchors (expanded per document in __call__), and add it to the collectors' sets."""
        lex = self.vocab[orth]
        form = self._forms[orth] = self._fold(lex)
        if form not in self._spelling:
            self._spelling[form] = lex.orth_
        lemma = self.lemmas.get(lex.orth_) or self.lemmas.get(lex.orth_.lower(), "")
        keys = self.index.keys_for(form, match_form(lemma) if lemma else "")
        if self.index.name_keys and is_name(lex.orth_):
            keys = keys | self.index.name_keys
        anchored = []
        singles = []
        for key in keys:
            single = self._single_keys.get(key)
            if single is not None:
                singles.append(single)
                continue
            entry = self._phrases.get(key)
            if entry is None:
                for word_set in self._collectors[key]:
                    word_set.add(orth)
                continue
            phrase, pos = entry
            self._known[phrase][pos].add(form)
            self._union[phrase].add(orth)
            if pos == self._anchor[phrase] and phrase not in self._eager:
                anchored.append(phrase)
        if singles:
            self._single[orth] = tuple(dict.fromkeys(rule_hash for _rank, rule_hash in sorted(singles)))
            self._singles.add(orth)
        if anchored:
            self._anchored[orth] = tuple(anchored)
            self._anchors.add(orth)
        self._seen_orths.add(orth)
        if lex.orth_.endswith("-"):
            self._dangling_orths.add(orth)

    def __call__(self, doc):
        """Match the rules in one document; the matches, word ids and dangling flag go to doc.user_data."""
        words = doc.to_array(self._orth_attr).tolist()
        orths = set(words)
        new = orths - self._seen_orths
        if new:
            for orth in new:
                self._learn(orth)
        anchors = orths & self._anchors
        if anchors:
            for phrase in {p for orth in anchors for p in self._anchored[orth]}:
                # The same words in a phrase's positions add the same patterns: expand once per set.
                relevant = frozenset(orths & self._union[phrase])
                if (phrase, relevant) not in self._expanded:
                    self._expanded.add((phrase, relevant))
                    self._expand(phrase, {self._forms[o] for o in relevant})
        matches = self.matcher(doc)
        if matches and self._named:
            matches = self._check_names(doc, matches)
        singles = orths & self._singles
        if singles:
            single = self._single
            found = [(rule_hash, i, i + 1) for i, orth in enumerate(words) if orth in singles
                     for rule_hash in single[orth]]
            matches = sorted(matches + found, key=_span) if matches else found
        dangling = not orths.isdisjoint(self._dangling_orths)
        if dangling:
            matches += self._dangling_matches(doc)
        user_data = doc.user_data
        user_data[MATCHES_KEY] = matches
        user_data[WORDS_KEY] = (words, orths)
        user_data[DANGLING_KEY] = dangling
        return doc

    def _check_names(self, doc, matches: list) -> list:
        """Matches of phrases ending in a name keep only those whose last word is written as a name,
        in a statement not written in capitals. (A required word stands before the name, so it is
        never the statement's first word, which has its capital anyway.)"""
        named = self._named
        out = []
        shouting = None
        for match_id, start, end in matches:
            rule_hash = named.get(match_id)
            if rule_hash is None:
                out.append((match_id, start, end))
                continue
            if shouting is None:
                letters = [ch for ch in doc.text if ch.isalpha()]
                shouting = sum(ch.isupper() for ch in letters) * 2 > len(letters)
            if not shouting and is_name(doc[end - 1].text):
                out.append((rule_hash, start, end))
        return out

    def _dangling_matches(self, doc) -> list[tuple[str, int, int]]:
        """One-word rules across a hyphen: a word broken at a line break ("Arbets-\nlösheten") or a
        dangling compound part completed by the next word ("klimat- och energiplanen")."""
        out = []
        tokens = list(doc)
        for i, token in enumerate(tokens):
            if not token.text.endswith("-"):
                continue
            broken = broken_tail(tokens, i)
            if broken is not None:
                end = broken
                keys = self.index.keys_for(match_form(token.text + tokens[broken].text))
            else:
                head = dangling_head(tokens, i)
                if head is None:
                    continue
                end = head
                pair = (match_form(token.text), match_form(tokens[end].text))
                keys = self._crossing.get(pair)
                if keys is None:
                    keys = self._crossing[pair] = self.index.infix_hits_crossing(*pair)
            for key in keys:
                phrase, _ = self._phrases.get(key, _NO_PHRASE)  # a collector's key is no rule's
                if phrase is not None and phrase.number == 0:
                    out.append((self.vocab.strings.add(phrase.rule.id), i, end + 1))
        return out


_NO_PHRASE = (None, 0)


def _span(match: tuple[int, int, int]) -> tuple[int, int]:
    return match[1], match[2]


def _combinations(phrase: Phrase) -> float:
    """How many word sequences a phrase stands for; infinite when a position is a stem or lemma."""
    n = 1.0
    for pos, (terms, optional) in enumerate(phrase.positions):
        if any(t.kind != "word" for t in terms):
            return float("inf")
        n *= len(phrase.fixed_words[pos]) + optional
    return n


def _anchor(phrase: Phrase) -> int:
    """The required position a document must have a word for: the one with the rarest-looking
    words (the longest shortest term), so "i samverkan med" is anchored on "samverkan", not "i"."""
    required = [pos for pos, (terms, optional) in enumerate(phrase.positions)
                if not optional and NAME_TERM not in terms]  # not on every capitalised word
    return max(required, key=lambda pos: min(len(t.value) for t in phrase.positions[pos][0]))


class BoundedTokenizer:
    """spaCy's tokenizer fed `bounded_tokens(text)`: time linear in the text's length, offsets kept."""

    def __init__(self, tokenizer):
        self.tokenizer = tokenizer

    def __call__(self, text: str):
        """Tokenize `text` as `bounded_tokens` gives it: long runs broken up, offsets kept."""
        return self.tokenizer(bounded_tokens(text))

    def __getattr__(self, name: str):
        return getattr(self.tokenizer, name)


def build_nlp(ruleset: RuleSet):
    """A blank Swedish pipeline with lookup lemmas and the rule matcher, ready for nlp.pipe."""
    import spacy
    from spacy.language import Language

    nlp = spacy.blank("sv")
    nlp.tokenizer = BoundedTokenizer(nlp.tokenizer)
    lemmas = lemma_table(lemma_terms(ruleset))
    if COMPONENT not in Language.factories:
        Language.factory(COMPONENT, func=lambda nlp, name: RuleMatcher(nlp))
    # spaCy's config system cannot carry a RuleSet, so the component is loaded after it is added.
    matcher = cast(RuleMatcher, nlp.add_pipe(COMPONENT))
    matcher.load(ruleset, lemmas)
    return nlp
