"""Merging the recogniser's spans into a reading's lexicon and pattern slots.

For brand, product word and model the recogniser corrects the lexicons' extents and the
patterns: where one of its spans overlaps a lexicon slot of the same type (a different extent)
or a pattern slot, its span stands and the other goes. A span overlapping a lexicon word of
another type, a declared slot or a slot of another kind (attribute, style, ...) is left out,
and so is a span that is exactly a lexicon slot (that stays the lexicon's), or a one-character
brand or product word.
"""

from __future__ import annotations

from ..slots import after_compat_word
from ..types import Reading, Slot
from .decode import Span

EDGE = frozenset(" ,\t")  # what a recogniser span is trimmed of (commas read as spaces)
RECOGNISED = frozenset(("brand", "product", "model"))  # the types the recogniser labels


def merge_spans(reading: Reading, taken: list[tuple[int, int]], spans: list[Span],
                brand_canon: dict[str, str]) -> None:
    """Add the recogniser's ``spans`` (offsets in the normalised text) to ``reading.slots``."""
    if not spans:
        return
    text, raw, norm = reading.text, reading.raw, reading.norm
    fixed = [(s.start, s.end) for s in reading.slots if s.type not in RECOGNISED]
    slots = reading.slots
    for sp in spans:
        start, end = sp.start, sp.end
        while start < end and text[start] in EDGE:  # a span never starts or ends with
            start += 1                              # a space or a comma
        while end > start and text[end - 1] in EDGE:
            end -= 1
        if end - start < 2 and sp.type != "model" or start == end:
            continue
        if taken and any(s < end and start < e for s, e in taken):
            continue
        rs, re_ = norm.raw_span(start, end)
        if any(s < re_ and rs < e for s, e in fixed):
            continue
        skip = False
        overlapping = []
        for slot in slots:
            if slot.start < re_ and rs < slot.end and slot.type in RECOGNISED:
                if slot.source == "lexicon" and slot.type != sp.type:
                    skip = True  # a lexicon word of another type stands
                elif slot.type == sp.type and slot.start == rs and slot.end == re_ \
                        and slot.source != "model":
                    skip = True
                else:
                    overlapping.append(slot)
        if skip:
            continue
        if overlapping:
            gone = {id(x) for x in overlapping}
            slots[:] = [x for x in slots if id(x) not in gone]
        word = text[start:end]
        compat = sp.type == "brand" and after_compat_word(text, start)
        key = brand_canon.get(word, word) if sp.type == "brand" else word
        slots.append(Slot(sp.type, raw[rs:re_], rs, re_, round(sp.confidence, 3),
                          key, compat, "model"))
