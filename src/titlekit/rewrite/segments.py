"""A title as segments: the runs between its spaces, punctuation and removed characters.

A rewrite moves only whole segments, so the seller's words stay intact and in their order; a
removed bracket, symbol or word separates like a space. Segments that stood side by side keep
what stood between them (a comma stays a comma); moved and added ones are joined by a space.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from ..reading.types import Reading
from ..rules.repeats import in_latin_name
from . import check as ck
from .report import Change

MIN_BRAND = 0.8


@dataclass(slots=True)
class Seg:
    text: str
    start: int  # in the raw title; -1 for an added word
    end: int
    kind: str  # name | product | promotion | weak | other; or the kind of an added word
    source: str = ""  # where an added word comes from (a column, the keyword file)
    after: str = ""  # what followed it in the raw title up to the next segment, less removed


def split(r: Reading, deleted: bytearray) -> list[Seg]:
    """The segments of the title less the ``deleted`` characters; a deleted character
    separates like a space, except unreadable ones inside a run (:func:`check.joining`),
    which are dropped from the run's text."""
    raw = r.raw
    gone = {i for i, d in enumerate(deleted) if d} if any(deleted) else set()
    joins = ck.joining(raw, gone, r)
    out = []
    # a lone "." or "-" separates like a space
    spans = [(s, e) for s, e in ck.segments(raw, gone - joins if joins else gone)
             if ck.ALNUM_RE.search(raw, s, e)]
    slots = [sl for sl in r.slots if sl.confidence >= 0.5 and sl.end > sl.start]
    for k, (s, e) in enumerate(spans):
        nxt = spans[k + 1][0] if k + 1 < len(spans) else len(raw)
        inside = [sl for sl in slots if s <= sl.start and sl.end <= e]
        out.append(Seg(ck.without(raw, s, e, joins), s, e, kind_of(r, s, e, inside),
                       after=ck.without(raw, e, nxt, gone)))
    return out


def kind_of(r: Reading, s: int, e: int, inside: list | None = None) -> str:
    """name | promotion | weak | product | other; ``inside``: :func:`check.slots_in` of the
    segment, when the caller has it."""
    if inside is None:
        inside = ck.slots_in(r, s, e)
    if ck.covered_by(r, s, e, ck.NAME_TYPES, MIN_BRAND, inside):
        return "name"
    if ck.covered_by(r, s, e, ("promotion", "search"), ck.MIN_CORE, inside):
        return "promotion"
    if ck.weak_opening(r.raw[s:e], r, (s, e), inside):
        return "weak"
    if any(sl.type == "product" and sl.confidence >= ck.MIN_CORE and not sl.compat
           for sl in inside):
        return "product"
    return "other"


def leads_with_brand(r: Reading, seg: Seg) -> bool:
    return any(sl.start == seg.start and sl.type in ck.NAME_TYPES and not sl.compat
               and sl.confidence >= MIN_BRAND for sl in r.slots)


def dedupe(segs: list[Seg], deleted: bytearray, changes: list[Change],
           r: Reading | None = None) -> list[Seg]:
    """A whole segment written again (the same words, two characters or more) goes; its
    characters count as removed. The copy kept is the first, unless a later one is written
    right after a product line (荣耀 畅玩6) and the first is not: that copy is with its head."""
    def after_line(i: int) -> bool:
        prev = segs[i - 1] if i else None
        return r is not None and prev is not None and any(
            sl.type == "line" and not sl.compat and prev.start <= sl.start and sl.end <= prev.end
            for sl in r.slots)

    kept: dict[str, int] = {}  # normalised text -> index in segs of the copy kept
    drop: set[int] = set()
    for i, s in enumerate(segs):
        k = ck.norm(s.text)
        if len(k) < 2 or k.isdigit() or (r is not None and in_latin_name(r.raw, s.start, s.end)):
            continue  # x3950,x5 / isamu,noguchi: the next word of a Latin name or model
        j = kept.get(k)
        if j is None:
            kept[k] = i
        elif after_line(i) and not after_line(j):
            drop.add(j)
            kept[k] = i
        else:
            drop.add(i)
    for i in sorted(drop):
        s = segs[i]
        deleted[s.start:s.end] = b"\x01" * (s.end - s.start)
        changes.append(Change(f"删除重复的 {s.text}", "关键词重复（T9）"))
    return [s for i, s in enumerate(segs) if i not in drop]


def order(segs: list[Seg], r: Reading, changes: list[Change], unsure: list[str]) -> list[Seg]:
    """The brand's segment first when a whole segment is the title's first brand (with its
    alias, line and model); then a run of pack sizes, codes, numbers, single characters,
    selling points or promotion words that opens the title (or follows its brand) moved to the
    end, when a brand or product word then leads. Nothing else moves."""
    if not segs:
        return segs
    if not segs:
        return segs
    if not leads_with_brand(r, segs[0]) and segs[0].kind != "name":
        at = next((i for i, s in enumerate(segs) if s.kind == "name"), None)
        first = min((sl.start for sl in r.slots if sl.type == "brand" and not sl.compat
                     and sl.confidence >= MIN_BRAND), default=None)
        block: list[Seg] = []
        if at is not None and (first is None or first >= segs[at].start) \
                and whole(r, segs[at]):  # the title's first brand, a whole segment
            stop = at + 1  # the brand moves with its alias, line and model right after it
            while stop < len(segs) and (segs[stop].kind == "name" or _name_part(r, segs[stop])):
                stop += 1
            block = segs[at:stop]
            nxt = segs[stop].text[:1] if stop < len(segs) else ""
            if nxt.isascii() and nxt.isalnum() and segs[stop - 1].text[-1:].isascii():
                block = []  # eos,80d套机: the name may go on in the next segment
        if at is not None and block:
            segs = block + segs[:at] + segs[stop:]
            changes.append(Change(f"把品牌 {' '.join(s.text for s in block)} 移到开头",
                                  "品牌 + 货号 + 属性 + 产品词（T2）"))
            for s in block:
                if any(sl.confidence < 0.9 or sl.source not in ("lexicon", "declared")
                       for sl in ck.slots_in(r, s.start, s.end) if sl.type in ck.NAME_TYPES):
                    unsure.append(f"品牌“{s.text}”不确定")
    base = 0  # after a brand that leads, with its alias, line and model
    while base < len(segs) and (segs[base].kind == "name" or (
            base == 0 and leads_with_brand(r, segs[0])) or (base and _name_part(r, segs[base]))):
        base += 1
    # after the brand only promotion and search words move (a model stays by its brand)
    movable = ("promotion",) if base else ("weak", "promotion")
    lead = base
    while lead < len(segs) and segs[lead].kind in movable and whole(r, segs[lead]) \
            and len(segs[lead].text) > 1:  # a lone character is a fragment: it stays
        lead += 1
    # the run moves only when what then leads is the brand or a product word, and the run
    # is no list that goes on in the next segment (mp3,mp4扬声器; 1,1.5,2,10-60mm)
    if base < lead < len(segs) and (base > 0 or segs[lead].kind in ("name", "product")
                                    or leads_with_brand(r, segs[lead])) \
            and not (segs[lead].text[:1].isascii() and segs[lead].text[:1].isalnum()
                     and segs[lead - 1].text[-1:].isascii()):
        moved = segs[base:lead]
        segs = segs[:base] + segs[lead:] + moved
        changes.append(Change(f"把 {' '.join(s.text for s in moved)} 移到后面",
                              "标题以品牌、产品词或主体开头"))
    return segs


def whole(r: Reading, seg: Seg) -> bool:
    """Did the seller write ``seg`` as a segment of its own: separators, removed brackets or
    symbols (not removed letters, nor an unreadable character) on both sides?"""
    raw = r.raw
    for i in (seg.start - 1, seg.end):
        if 0 <= i < len(raw) and not ck.is_separator(raw, i) and raw[i] not in _MARKS:
            return False
    return True


# Brackets and symbols a seller puts between words (removed, they still part two words).
_MARKS = "【】[]()（）《》「」『』{}<>〈〉〔〕★☆●○◆◇■□▲△♥❤#~～*＊&＆;；-—_+＋=|"


def _name_part(r: Reading, seg: Seg) -> bool:
    """Does ``seg`` continue the name before it: a model, or a short Latin or number word
    (note 3, mate 20, 8 plus)?"""
    t = seg.text
    return (ck.covered_by(r, seg.start, seg.end, (*ck.NAME_TYPES, "model"))
            or (len(t) <= 4 and t.isascii() and t.isalnum()))


def doubts(r: Reading, deleted: bytearray, segs: list[Seg]) -> list[str]:
    """Why a person should look at a rewrite before it is published: mojibake removed from
    inside a word (it may now miss a character: 清水寺�园 was 祇园), or a title that now
    opens with a single character (【o】nike -> o nike: what the bracket held is no word)."""
    out = []
    lost = ck.lost_characters(r.raw, ck.joining(r.raw, ck.gone(deleted), r))
    if lost:
        out.append("删除了词中的乱码字符，原词可能缺字（{}）".format("、".join(lost)))
    if segs and len(ck.norm(segs[0].text)) == 1:
        out.append(f"标题以单个字“{segs[0].text}”开头")
    return out


def goes_on(segs: list[Seg], i: int) -> bool:
    """Does segment ``i`` go on in the next one, Latin to Latin (sql,server书籍; the exports
    write the seller's spaces as commas): then it is one word of a name, not to be cut alone."""
    if i + 1 >= len(segs):
        return False
    a, b = segs[i].text[-1:], segs[i + 1].text[:1]
    return a.isascii() and a.isalpha() and b.isascii() and b.isalpha()


def join(raw: str, segs: list[Seg]) -> str:
    """The segments as a title: what stood between two segments that stood side by side is
    kept (without removed characters); anything else is joined by a space."""
    out: list[str] = []
    prev: Seg | None = None
    for s in segs:
        if prev is not None:
            out.append(_between(raw, prev, s))
        out.append(s.text)
        prev = s
    return "".join(out)


def _between(raw: str, a: Seg, b: Seg) -> str:
    if a.start < 0 or b.start < 0 or a.end > b.start:
        return " "
    gap = raw[a.end:b.start]
    if not gap or ck.ALNUM_RE.search(gap):
        return " "
    # a removed separator (a decorative "|" or "!") does not come back
    kept = "".join(c for c in a.after if c in ck.SEPARATORS or c == "/").strip()
    if not kept or len(kept) > 2:
        return " "
    if any(c in gap for c in " \u3000") and kept not in ("/",):
        return " "
    return kept


def dropped_separators(raw: str, first: list[Seg], segs: list[Seg],
                       deleted: bytearray) -> str:
    """The separators and lone marks of the title (what stood between the segments ``first``
    of :func:`split`, not removed and not a space) that joining ``segs`` leaves out: those
    before the first segment and after the last, runs that become one space, and what stood
    next to a moved, removed or trimmed segment."""
    inside = bytearray(len(raw))
    for s in first:
        inside[s.start:s.end] = b"\x01" * (s.end - s.start)
    had = [c for i, c in enumerate(raw) if not inside[i] and not deleted[i] and not c.isspace()]
    if not had:
        return ""
    kept = list("".join(_between(raw, a, b) for a, b in pairwise(segs)).replace(" ", ""))
    out = []
    for c in had:
        if c in kept:
            kept.remove(c)
        else:
            out.append(c)
    return "".join(out)


def rotations(segs: list[Seg]) -> list[list[Seg]]:
    """Variants that move one segment holding no brand or product word (the last first) to
    the end of the title: a title made distinct without adding a word."""
    out = []
    for i in range(len(segs) - 2, 0, -1):
        if segs[i].kind in ("other", "weak"):
            out.append(segs[:i] + segs[i + 1:] + [segs[i]])
    return out
