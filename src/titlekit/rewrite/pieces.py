"""Small helpers of the rewrite: the slots it must keep, word costs and comparison forms."""

from __future__ import annotations

import re
from functools import lru_cache

from ..platform import measure
from ..problems import Result
from ..reading.text import fold, is_cjk
from ..reading.types import Reading, Slot

MIN_CONFIDENCE = 0.5  # slots below this are words like any other: they are not moved
CORE = ("brand", "model", "product")


def core_slots(res: Result, expendable: set[str]) -> list[Slot]:
    """Brand, model and product slots a rewrite must keep (not the ones flagged by a rule in
    ``expendable``, the names of the rules whose findings need not survive)."""
    flagged = [(p.start, p.end) for p in res.problems if p.rule in expendable]
    return [s for s in res.slots
            if s.type in CORE and s.confidence >= 0.8 and not s.compat and s.source != "model"
            and not any(a < s.end and s.start < b for a, b in flagged)]


def inside_word(r: Reading, start: int, end: int) -> bool:
    """Is the raw span next to a lone Chinese character (石膏板|材): a longer word that the
    segmenter split, which deleting the span would leave in pieces?"""
    for t in r.tokens:
        rs, re_ = r.raw_span(t.start, t.end)
        if (re_ == start or rs == end) and len(t.text) == 1 and is_cjk(t.text):
            return True
    return False


def split_words(value: str) -> list[str]:
    return [w for w in re.split(r"[\s,，;；/、|]+", value) if w]


@lru_cache(maxsize=1 << 16)
def word_cost(word: str, unit: str) -> int:
    return measure(word, unit)


@lru_cache(maxsize=1 << 16)
def norm(text: str) -> str:
    """A piece's comparison form: folded, without spaces."""
    return fold(text).replace(" ", "")
