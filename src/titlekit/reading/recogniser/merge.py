"""Merging the recogniser's spans into a reading's lexicon and pattern slots.

For brand, product word and model the recogniser corrects the lexicons' extents and the
patterns: where one of its spans overlaps a lexicon slot of the same type (a different extent)
or a pattern slot, its span stands and the other goes. A span overlapping a lexicon word of
another type, a declared slot or a slot of another kind (attribute, style, ...) is left out,
and so is a span that is exactly a lexicon slot (that stays the lexicon's), or a one-character
brand or product word.
"""

from __future__ import annotations

from bisect import bisect_left
from itertools import accumulate

from ..slots import after_compat_word
from ..types import Reading, Slot
from .decode import Span

EDGE = frozenset(" ,\t")  # what a recogniser span is trimmed of (commas read as spaces)
RECOGNISED = frozenset(("brand", "product", "model"))  # the types the recogniser labels


SMALL = 24  # up to this many intervals a question walks them all (quicker than bisecting)


class _Intervals:
    """Half-open intervals, asked which of them overlap a span. Many of them are sorted by
    start with the running maximum of the ends, so a question costs a bisection plus the
    overlaps found (no walk over every interval for each span, which made long titles
    quadratic); a few are simply walked."""

    def __init__(self, items: list, span=lambda x: x) -> None:
        if len(items) <= SMALL:
            self.few = [(span(x), x) for x in items]
            return
        self.few = None
        self.items = sorted(items, key=lambda x: span(x)[0])
        self.starts = [span(x)[0] for x in self.items]
        self.ends = [span(x)[1] for x in self.items]
        self.reach = list(accumulate(self.ends, max))

    def overlapping(self, start: int, end: int) -> list:
        if self.few is not None:
            return [x for (s, e), x in self.few if s < end and start < e]
        out = []
        j = bisect_left(self.starts, end) - 1  # every interval starting before ``end``
        while j >= 0 and self.reach[j] > start:
            if self.ends[j] > start:
                out.append(self.items[j])
            j -= 1
        return out


def merge_spans(reading: Reading, taken: list[tuple[int, int]], spans: list[Span],
                brand_canon: dict[str, str]) -> None:
    """Add the recogniser's ``spans`` (offsets in the normalised text) to ``reading.slots``."""
    if not spans:
        return
    text, raw, norm = reading.text, reading.raw, reading.norm
    fixed = _Intervals([(s.start, s.end) for s in reading.slots if s.type not in RECOGNISED])
    held = _Intervals(taken) if taken else None  # the declared slots' spans
    slots = reading.slots
    mine = _Intervals([x for x in slots if x.type in RECOGNISED], lambda x: (x.start, x.end))
    gone: set[int] = set()
    added: list[Slot] = []
    index = norm.index
    for sp in spans:
        typ, start, end, confidence = sp
        while start < end and text[start] in EDGE:  # a span never starts or ends with
            start += 1                              # a space or a comma
        while end > start and text[end - 1] in EDGE:
            end -= 1
        if end - start < 2 and typ != "model" or start == end:
            continue
        if held is not None and held.overlapping(start, end):
            continue
        rs, re_ = (start, end) if index is None else norm.raw_span(start, end)
        if fixed.overlapping(rs, re_):
            continue
        near = mine.overlapping(rs, re_)
        if gone:
            near = [x for x in near if id(x) not in gone]
        # slots added for earlier spans (in order along the title) may touch this one
        near += [x for x in reversed(added[-4:]) if x.start < re_ and rs < x.end]
        skip = False
        overlapping = []
        for slot in near:
            if slot.source == "lexicon" and (slot.type != typ or confidence < 0.5):
                skip = True  # a lexicon word stands against another type or a weak guess
            elif slot.type == typ and slot.start == rs and slot.end == re_ \
                    and slot.source != "model":
                skip = True
            else:
                overlapping.append(slot)
        if skip:
            continue
        if overlapping:
            gone.update(id(x) for x in overlapping)
            if any(x.source == "model" for x in overlapping):
                added = [x for x in added if id(x) not in gone]
        word = text[start:end]
        compat = typ == "brand" and after_compat_word(text, start)
        key = brand_canon.get(word, word) if typ == "brand" else word
        added.append(Slot(typ, raw[rs:re_], rs, re_, round(confidence, 3),
                          key, compat, "model"))
    if gone or added:
        slots[:] = [x for x in slots if id(x) not in gone] + added
