"""Taggers shared by threads (`aligner serve`): a Tagger's matcher learns new words as it goes and is
not thread-safe, so each plan is tagged by a Tagger no other thread uses meanwhile, from a small
pool built from one rule set; a Tagger whose vocabulary has grown too large is replaced."""

from __future__ import annotations

import queue
import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from aligner.model import Plan, TaggedPlan
    from aligner.tagging.tagger import Tagger

DEFAULT_TAGGERS = 2  # Taggers in the pool (tagging is CPU-bound: about one per core)
DEFAULT_WAIT_SECONDS = 30.0  # how long a request waits for a free Tagger before "upptagen"
# Strings in a Tagger's vocabulary before it is replaced by a fresh one (a fresh one has about 1,600;
# each new word costs about 1.5 kB in spaCy's vocabulary and the matcher's tables). 120 uploads of
# 2,000 new words each: 106 -> 459 MB and growing without it, a plateau at about 240 MB with it.
MAX_STRINGS = 50_000


class Busy(Exception):
    """Every Tagger of the pool stayed busy for longer than the pool waits."""


class TaggerPool:
    """Taggers for request threads: each plan is tagged by one Tagger that no other thread uses
    meanwhile (the matcher learns words as it goes). Up to `size` Taggers, built from the first
    one's rule set when needed; a request waits at most `wait` seconds for one (then Busy). A
    Tagger whose vocabulary holds more than `max_strings` strings is replaced by a fresh one."""

    def __init__(self, tagger: Tagger, size: int = DEFAULT_TAGGERS, wait: float = DEFAULT_WAIT_SECONDS,
                 max_strings: int | None = None):
        self.ruleset = tagger.ruleset
        self.size = size
        self.wait = wait
        self.max_strings = max_strings or MAX_STRINGS
        self.renewed = 0  # Taggers replaced for their vocabulary's size
        self._free: queue.LifoQueue = queue.LifoQueue()  # the most recently used first: its words are known
        self._free.put(tagger)
        self._made = 1
        self._lock = threading.Lock()

    def _new(self) -> Tagger:
        from aligner.tagging.tagger import Tagger

        return Tagger(self.ruleset)

    def _take(self) -> Tagger:
        try:
            return self._free.get_nowait()
        except queue.Empty:
            pass
        with self._lock:
            make = self._made < self.size
            self._made += make
        if make:
            return self._new()
        try:
            return self._free.get(timeout=self.wait)
        except queue.Empty as exc:
            raise Busy from exc

    def _give(self, tagger: Tagger) -> None:
        if len(tagger.nlp.vocab.strings) > self.max_strings:
            tagger = self._new()
            self.renewed += 1
        self._free.put(tagger)

    def tag_plan(self, plan: Plan) -> TaggedPlan:
        """Tag every statement of a plan with a Tagger no other request uses meanwhile."""
        tagger = self._take()
        try:
            return tagger.tag_plan(plan)
        finally:
            self._give(tagger)


SerialTagger = TaggerPool  # its name when it was one Tagger behind one lock
