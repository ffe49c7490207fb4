"""The invariants of a rewrite, checked on any (old title, new title) pair.

:func:`check` compares a new title with the old one and the reading of the old one, and returns
what breaks the principles an operator rewrites by (docs: judging-titles.md, "Rewriting as an
operator would"):

- ``core-dropped`` / ``core-split``: a brand (with its alias), product line, model or product
  word is gone, or is no longer one piece of the new title;
- ``name-apart``: a multi-word name or a brand written with its alias (``nike/耐克``) is moved
  apart;
- ``split``: a run written without spaces is cut where the reading is not certain of the
  boundary (only whole segments move; a deleted part or the edge of a brand, line or model
  between Latin letters and Chinese is a boundary, a deleted unreadable character between two
  characters of a run is not: see :func:`joining`);
- ``spec-split``: a number is parted from its unit, or a spec (``180x200cm``, ``500ml/瓶``,
  ``usb3.0``) is broken;
- ``glued``: two words that stood apart (or around a removed bracket or symbol) are joined;
- ``repeat-created``: the same word now stands twice side by side;
- ``bad-opening``: the title now opens with a fragment, a single character, a pack size, a
  number, a barcode, a selling point or a promotion word;
- ``search-word-dropped``: an allowed search word (正品, 现货, 包邮, 正版, 原装 …) is gone although
  the old title was not over the limit;
- ``added-word``: a word the old title did not hold and that is not among the words the caller
  allows (the row's own columns, a synonym of its product word).

The new title is aligned with the old one segment by segment (segments are separated by spaces,
punctuation and removed characters); a segment found nowhere in the old title is an added word.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from dataclasses import dataclass
from itertools import pairwise

from ..platform import measure as _measure
from ..reading.text import fold
from ..reading.types import Reading
from .spans import (
    ALLOWED_SEARCH,
    ALNUM_RE,
    MIN_CORE,
    NAME_TYPES,
    SEPARATORS,
    core_slots,
    covered_by,
    gone,
    in_pair,
    inside_run,
    is_separator,
    joining,
    latin,
    lost_characters,
    name_edges,
    norm,
    removable,
    segments,
    slots_in,
    spec_spans,
    weak_opening,
    without,
)

__all__ = ["ALLOWED_SEARCH", "ALNUM_RE", "MIN_CORE", "NAME_TYPES", "SEPARATORS", "Violation",
           "align", "check", "core_slots", "covered_by", "gone", "in_pair", "inside_run",
           "is_separator", "joining", "lost_characters", "norm", "removable", "segments",
           "slots_in", "spec_spans", "weak_opening", "without"]


@dataclass(frozen=True, slots=True)
class Violation:
    name: str
    message: str
    span: tuple[int, int]  # where in the new title (in the old one for a dropped part)

    def to_dict(self) -> dict:
        return {"name": self.name, "message": self.message, "span": list(self.span)}


# -- the checker --------------------------------------------------------------------------------

def align(old: str, new: str, gone: Collection[int] = (),
          reading: Reading | None = None) -> list[tuple[int, int, int, int]]:
    """(new start, new end, old start, old end) of each segment of ``new``; old start is -1
    for a segment found nowhere in ``old`` (an added word). Each is matched to the first
    occurrence in ``old`` that no earlier segment took, preferring one that is a whole old
    segment. Removed unreadable characters inside a run (:func:`joining`) are read as
    absent."""
    gone = set(gone)
    joins = joining(old, gone, reading)
    lo, pos = _view(old, joins)
    whole = {(a, b) for a, b in segments(old, gone - joins)}
    used: list[tuple[int, int]] = []
    out = []
    for a, b in segments(new):
        seg = new[a:b].lower()
        hits = []
        at = lo.find(seg)
        while at != -1:
            span = (at, at + len(seg)) if pos is None else (pos[at], pos[at + len(seg) - 1] + 1)
            if not any(x < span[1] and span[0] < y for x, y in used):
                hits.append(span)
            at = lo.find(seg, at + 1)
        if not hits:
            out.append((a, b, -1, -1))
            continue
        span = next((h for h in hits if h in whole), hits[0])
        used.append(span)
        out.append((a, b, *span))
    return out


def check(old: str, new: str, reading: Reading, *, removed: Collection[int] = (),
          added: Collection[str] | None = None, limit: int | None = None, unit: str = "gbk",
          measure: Callable[[str], int] | None = None) -> list[Violation]:
    """What ``new`` breaks of the rewrite's invariants, given ``old`` and its ``reading``.

    ``removed``: offsets of ``old`` the rules remove (forbidden parts: brackets, symbols,
    banned words, repeats); what they held may be gone and they separate like a space.
    ``added``: words (in any case) the new title may add; any other word not in ``old`` is an
    ``added-word`` violation. ``limit``: the title limit, in ``unit`` (search words may go only
    when ``old`` is over it)."""
    measure = measure or (lambda t: _measure(t, unit))
    out: list[Violation] = []
    if old == new:
        return out
    gone = set(removed)
    joins = joining(old, gone, reading)  # removed, but no boundary: the run is one piece
    seps = gone - joins
    pairs = align(old, new, gone, reading)
    cover = [-1] * len(old)  # which new segment holds each old character
    for k, (_a, _b, s, e) in enumerate(pairs):
        for i in range(max(s, 0), max(e, 0)):
            cover[i] = k
    allowed = {norm(w) for w in added or ()}
    specs = spec_spans(old)
    # added words, and words glued together
    lo = _view(old, joins)[0]
    for a, b, s, _e in pairs:
        if s >= 0:
            continue
        seg = new[a:b]
        glued = any(seg[:j].lower() in lo and seg[j:].lower() in lo for j in range(1, len(seg)))
        if norm(seg) in allowed:
            continue
        if glued:
            out.append(Violation("glued", f"“{seg}”把原标题里分开的词连在了一起", (a, b)))
        else:
            out.append(Violation("added-word", f"新增的词“{seg}”：原标题和本行数据里都没有，"
                                 "请确认它没有写出卖家没说的内容", (a, b)))
    # runs cut where the reading is not certain of the boundary
    certain = _certain_cuts(reading)
    for k, (a, b, s, e) in enumerate(pairs):
        if s < 0:
            continue
        for edge, outside, side, step in ((s, s - 1, k - 1, -1), (e, e, k + 1, 1)):
            while outside in joins:  # what stands past a removed unreadable character
                outside += step
            if outside < 0 or outside >= len(old) or outside in gone:
                continue
            if is_separator(old, outside, specs) or cover[outside] == -1:
                continue  # a separator, or a neighbour deleted: not a cut inside a run
            if edge in certain and cover[outside] == side:
                continue  # a space at a boundary the reading is certain of
            out.append(Violation("split", f"“{old[max(0, edge - 4):edge + 4]}”在没有确定词界的地方"
                                 "被拆开（只能整段移动）", (a, b)))
            break
    # core units: kept, whole, and brand pairs together
    newnorm = norm(new)
    for sl in core_slots(reading):
        rng = range(sl.start, sl.end)
        if any(i in gone for i in rng):
            continue
        ks = {cover[i] for i in rng if old[i].strip()}
        if len(ks) == 1 and -1 not in ks:
            continue
        if norm(sl.text) in newnorm and (" " not in sl.text.strip()
                                         or fold(sl.text.strip()) in fold(new)):
            continue  # another copy of the word is kept
        name = "core-dropped" if ks == {-1} else "core-split"
        what = {"brand": "品牌", "line": "产品系列", "model": "型号", "product": "产品词"}[sl.type]
        out.append(Violation(name, f"{what}“{sl.text}”" + ("丢了" if ks == {-1} else "被拆开"),
                             (sl.start, sl.end)))
    out.extend(_names_apart(old, new, reading, gone))
    # specs and numbers with their units
    for s, e in specs:
        if any(i in gone for i in range(s, e)):
            continue
        ks = {cover[i] for i in range(s, e)}
        if len(ks) > 1 and ks != {-1}:
            if norm(old[s:e]) in newnorm:
                continue
            out.append(Violation("spec-split", f"规格“{old[s:e]}”被拆开（数字和单位要在一起）",
                                 (s, e)))
    # side-by-side repeats that were not there
    segs = [norm(new[a:b]) for a, b, _s, _e in pairs]
    old_pairs = {(norm(without(old, a, b, joins)), norm(without(old, c, d, joins)))
                 for (a, b), (c, d) in pairwise(segments(old, seps))}
    for (x, y), (a, b, _s, _e) in zip(pairwise(segs), pairs[1:]):
        if x == y and len(x) >= 2 and (x, y) not in old_pairs:
            out.append(Violation("repeat-created", f"“{x}”重复并排出现", (a, b)))
    # the opening
    if pairs:
        a, b, s, e = pairs[0]
        first_old = segments(old, seps)[:1]
        why = weak_opening(new[a:b], reading, (s, e) if s >= 0 else None)
        if why and not (first_old and norm(without(old, *first_old[0], joins))
                        == norm(new[a:b])):
            out.append(Violation("bad-opening", f"标题以“{new[a:b]}”开头（{why}），应以品牌、产品词"
                                 "或主体开头", (a, b)))
    # allowed search words
    if limit is None or measure(old) <= limit:
        for w in ALLOWED_SEARCH:
            if w in old and w not in new and not all(i in gone for i in _spans_of(old, w)):
                out.append(Violation("search-word-dropped", f"搜索词“{w}”被删掉了（标题没有超长）",
                                     (0, 0)))
    return out


def _view(old: str, joins: set[int]) -> tuple[str, list[int] | None]:
    """``old`` lower-cased without the offsets in ``joins``, and the old offset of each of its
    characters (None when nothing is left out)."""
    if not joins:
        return old.lower(), None
    pos = [i for i in range(len(old)) if i not in joins]
    return "".join(old[i] for i in pos).lower(), pos


def _spans_of(text: str, word: str) -> list[int]:
    out = []
    at = text.find(word)
    while at != -1:
        out.extend(range(at, at + len(word)))
        at = text.find(word, at + 1)
    return out


def _certain_cuts(reading: Reading) -> set[int]:
    """Offsets where a run may be cut: the edges of a brand, line or model between Latin
    letters and Chinese (``华为huawei``, ``thenorthface北面``)."""
    raw = reading.raw
    return {edge for edge in name_edges(reading)
            if 0 < edge < len(raw) and latin(raw[edge - 1]) != latin(raw[edge])}


def _names_apart(old: str, new: str, reading: Reading, gone: set[int]) -> list[Violation]:
    """A brand written with its alias (only separators between them), or a name of several
    words, must stay together."""
    out = []
    names = [s for s in reading.slots if s.type in NAME_TYPES and s.confidence >= MIN_CORE
             and not s.compat]
    fnew = fold(new)
    for x, y in pairwise(names):
        between = old[x.end:y.start]
        if y.start < x.end or any(c not in SEPARATORS + "/" for c in between):
            continue
        if any(i in gone for i in range(x.start, y.end)):
            continue
        a, b = fold(x.text.strip()), fold(y.text.strip())
        if a == b or a not in fnew or b not in fnew:
            continue
        if re.search(re.escape(a) + r"[\s/,，、]*" + re.escape(b), fnew) is None:
            out.append(Violation("name-apart", f"品牌“{x.text}{between}{y.text}”被分开", (0, 0)))
    for s in names:
        t = s.text.strip()
        if " " in t and norm(t) in norm(new) and fold(t) not in fnew:
            out.append(Violation("name-apart", f"多词名称“{t}”被分开", (0, 0)))
    return out

