"""A brand's model read from what follows it: a number (诺基亚 3310, 新105), a short code (6X,
7S, 130DS) with its variant word (15 Plus, 8 SE), or a code written onto a Chinese brand
(小米8); not a year, a quantity with its unit or a spec (8g, 4k)."""

from __future__ import annotations

import re

from .types import Reading, Slot

# what may stand between a brand's two names (haier/海尔, 戈博（gerber）, 华为 HUAWEI)
PAIR_GAP = frozenset(" /,，、()（）|·-")
# a number right after the brand is its model (诺基亚（NOKIA）230, 月上 3310): not a year, not a
# quantity (海尔 500升, 李宁 2018新款)
_NUMBER_MODEL_RE = re.compile(r"[ （）()]*(?:新款?)?(\d{2,5})(?![\d.%])[ ]*")
# a short code of digits and letters after the brand is its model too (小米 6X, 索野 7S,
# 诺基亚 新款130DS), not a size or a spec (6g, 4k, 1080p, 3d)
_CODE_MODEL_RE = re.compile(r"[ （）()]*(?:新款?)?(\d{1,4}[a-z]{1,3}|\d(?= ?(?:plus|pro|max|mini|"
                            r"lite|se|note)(?![a-z0-9])))(?![a-z0-9.%+])", re.IGNORECASE)
_UNIT_LETTERS = frozenset(("g", "gb", "kg", "mg", "ml", "l", "m", "mm", "cm", "km", "w", "kw", "v",
                           "mah", "t", "tb", "hz", "p", "k", "d", "a", "h", "mb"))
# the variant word a model may have after its number (魅族 15 Plus, 小米 8 SE)
_MODEL_SUFFIX_RE = re.compile(r" ?(?:plus|pro|max|mini|lite|se|note|youth)(?![a-z0-9])",
                              re.IGNORECASE)
# a code written onto a Chinese brand without a gap is its model too (小米8, 小米6X, 魅族16th)
_ATTACHED_MODEL_RE = re.compile(r"(\d{1,4}[a-z]{0,3})(?![a-z0-9.])", re.IGNORECASE)
_UNIT_AFTER = frozenset("年寸码号片粒个只件套支瓶袋盒箱条双张层度瓦伏代岁月天人位门档挡色孔头格卷包本台部克斤升米元匹款")


def number_models(reading: Reading, brands: list[Slot]) -> None:
    """Right after the item's brand (or the last name of its pair): a number of 2 to 5 digits,
    a short code (6X), a code written onto a Chinese brand (小米8), each with a variant word
    that follows (15 Plus), is the model."""
    raw, slots = reading.raw, reading.slots
    last = [a for a, b in zip(brands, brands[1:] + [None]) if b is None or b.key != a.key
            or not all(c in PAIR_GAP for c in raw[a.end:b.start])]
    for b in last:
        m = _NUMBER_MODEL_RE.match(raw, b.end)
        if m is None and not b.text.isascii():
            m = _ATTACHED_MODEL_RE.match(raw, b.end)
        if m is None:
            m = _CODE_MODEL_RE.match(raw, b.end)
            if m is None or m.group(1).lstrip("0123456789").lower() in _UNIT_LETTERS:
                continue
        num, after = m.group(1), raw[m.end():m.end() + 1]
        start, end = m.span(1)
        suffix = _MODEL_SUFFIX_RE.match(raw, end)
        if suffix is not None and raw[suffix.end():suffix.end() + 1] in ("", " ") and not any(
                s.start < suffix.end() and start < s.end for s in slots):
            end = suffix.end()
            num, after = raw[start:end], raw[end:end + 1]
        if (after and (after in _UNIT_AFTER or after.isascii() and after.isalnum())
                or len(num) == 4 and num[:2] in ("19", "20")):
            continue
        same = [s for s in slots if (s.start, s.end) == (start, end)
                and s.type == "attribute" and s.source == "pattern"]
        if same:  # a code the spec patterns took (6X): after the brand, it is the model
            same[0].type = "model"
            continue
        if any(s.start < end and start < s.end for s in slots):
            continue
        slots.append(Slot("model", num, start, end, 0.6, num, source="pattern"))
        slots.sort(key=lambda s: (s.start, s.end))
