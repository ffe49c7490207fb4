"""Spans of a title a rewrite reasons about: segments, specs, slots of one kind, what may open
a title, what the rules remove."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterable
from functools import lru_cache

from ..reading.text import fold, is_cjk
from ..reading.types import Reading, Slot

# Characters that separate the words of a title ("/" only outside specs and Latin runs).
SEPARATORS = " \t\u3000，,、;；|。！？：!?:"
CORE_TYPES = ("brand", "line", "model", "product")
NAME_TYPES = ("brand", "line")
# Units a number is written with (a pack size, a weight, a count).
UNIT_CHARS = "个只件套张条双瓶盒支片袋包克斤两升寸米度份罐粒箱桶卷对枚台根块码层岁匹尺杯本颗粒听提"
_ATOM1 = rf"[a-z]*\d[\da-z.%℃°]*[{UNIT_CHARS}]?"
SPEC_RE = re.compile(rf"{_ATOM1}(?:[*×/+~\-](?:{_ATOM1}|[{UNIT_CHARS}]))*", re.IGNORECASE)
_NUMBERISH_RE = re.compile(rf"[\d.]+[{UNIT_CHARS}装]*|\d{{8,}}|[a-z]?\d[\da-z]*", re.IGNORECASE)
# search words buyers use that a title keeps (T12); 包邮 is read as a promotion, searched alike
ALLOWED_SEARCH = ("正品", "现货", "包邮", "正版", "原装", "全新", "国行", "行货")
WEAK_KINDS = ("selling_point", "promotion", "search")
# a model code (tb6560ahq, deskjet1000, x3950), not a spec or size (usb3.0, 128gb, 180x200cm)
MODEL_CODE_RE = re.compile(r"(?<![a-z\d])[a-z]+\d{3,}[a-z\d]*", re.IGNORECASE)
MIN_CORE = 0.8


# -- segments ---------------------------------------------------------------------------------

def spec_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the numbers with units and specs of ``text`` (a bare number is none)."""
    return [m.span() for m in SPEC_RE.finditer(text)
            if not m.group().isdigit() and len(m.group()) >= 2]


def is_separator(text: str, i: int, specs: Iterable[tuple[int, int]] = ()) -> bool:
    """Does ``text[i]`` separate words? A "/" does only outside a spec and between two
    characters that are not both Latin letters or digits (8gb/256gb is one word)."""
    c = text[i]
    if c in SEPARATORS:
        return True
    if c != "/":
        return False
    if any(a < i < b - 1 for a, b in specs):
        return False
    prev = text[i - 1] if i else ""
    nxt = text[i + 1] if i + 1 < len(text) else ""
    return not (latin(prev) and latin(nxt))


def latin(c: str) -> bool:
    return bool(c) and c.isascii() and c.isalnum()


# A character for which str.isalnum() holds (\w is those and "_").
ALNUM_RE = re.compile(r"[^\W_]")
_SEPARATOR_RE = re.compile("[" + re.escape(SEPARATORS) + "/]")


def segments(text: str, gone: Collection[int] = ()) -> list[tuple[int, int]]:
    """Spans of the segments of ``text``: what separators and the offsets in ``gone`` (removed
    characters, which separate like a space) leave."""
    cuts = set(gone)
    specs = None
    for m in _SEPARATOR_RE.finditer(text):
        i = m.start()
        if text[i] == "/":
            if specs is None:
                specs = spec_spans(text)
            if not is_separator(text, i, specs):
                continue
        cuts.add(i)
    out: list[tuple[int, int]] = []
    start = 0
    for i in sorted(cuts):
        if i >= len(text):
            break
        if i > start:
            out.append((start, i))
        start = i + 1
    if start < len(text):
        out.append((start, len(text)))
    return out


@lru_cache(maxsize=1 << 16)
def norm(text: str) -> str:
    return fold(text).replace(" ", "")


_UNREADABLE = ("Cc", "Cf", "Co", "Cn", "Cs")


def unreadable(c: str) -> bool:
    """Is ``c`` a character no buyer can read: a control or format character (a zero-width
    space), a private-use or unassigned code point, a replacement character (U+FFFD)?"""
    return c == "\ufffd" or unicodedata.category(c) in _UNREADABLE


def joining(text: str, gone: Collection[int], reading: Reading | None = None) -> set[int]:
    """The removed offsets that do not separate: a run of removed unreadable characters with
    a word character on both sides (``卡地\\uf880\\x86手``, mojibake of a character or an
    invisible code inside a word). The seller marked no boundary there and the reading cannot
    be certain of one, so the run stays one piece (its unreadable characters dropped). Where
    the reading is certain (the edge of a brand, line or model between Latin letters and
    Chinese: ``皇冠信誉\\ufffdthinkpad``), the removed run separates like any other."""
    out: set[int] = set()
    if not gone:
        return out
    n = len(text)
    edges = name_edges(reading) if reading is not None else set()
    for i in sorted(gone):
        if i in out or (i > 0 and i - 1 in gone):
            continue  # not the start of a run of removed characters
        j = i
        while j < n and j in gone:
            j += 1
        if 0 < i and j < n and text[i - 1].isalnum() and text[j].isalnum() \
                and all(unreadable(c) for c in text[i:j]) \
                and not ((i in edges or j in edges) and latin(text[i - 1]) != latin(text[j])):
            out.update(range(i, j))
    return out


def lost_characters(text: str, joins: Collection[int]) -> list[str]:
    """The runs around removed characters of ``joins`` (see :func:`joining`) that stood for a
    lost character (a replacement character, mojibake, a private-use code), not an invisible
    format character: the word may miss one (``清水寺�园`` was 祇园)."""
    out: list[str] = []
    for i in sorted(joins):
        c = text[i]
        if i - 1 in joins or not (c == "\ufffd" or "\x80" <= c <= "\x9f"
                                   or unicodedata.category(c) in ("Co", "Cn", "Cs")):
            continue
        a, b = max(0, i - 3), min(len(text), i + 4)
        out.append("“{}”".format("".join(ch for ch in text[a:b] if not unreadable(ch))))
    return out


def gone(deleted: bytearray) -> list[int]:  # the offsets a step deletes
    return [i for i, d in enumerate(deleted) if d]


def name_edges(reading: Reading) -> set[int]:
    """The offsets where a brand, product line or model the reading is sure of starts or
    ends."""
    return {edge for s in reading.slots
            if s.type in ("brand", "line", "model") and s.confidence >= MIN_CORE and not s.compat
            for edge in (s.start, s.end)}


def without(text: str, a: int, b: int, drop: Collection[int]) -> str:
    """``text[a:b]`` without the offsets in ``drop``."""
    if not drop:
        return text[a:b]
    return "".join(c for i, c in enumerate(text[a:b], a) if i not in drop)


# -- what a segment is ------------------------------------------------------------------------

def slots_in(reading: Reading, start: int, end: int, min_conf: float = 0.5) -> list[Slot]:
    return [s for s in reading.slots
            if s.confidence >= min_conf and start <= s.start and s.end <= end and s.end > s.start]


def covered_by(reading: Reading, start: int, end: int, types: Collection[str],
               min_conf: float = MIN_CORE, inside: list[Slot] | None = None) -> bool:
    """Is every word character of ``raw[start:end]`` inside a slot of one of ``types``?
    ``inside``: :func:`slots_in` of the span, when the caller has it already."""
    if inside is None:
        inside = slots_in(reading, start, end, min_conf)
    spans = sorted((s.start, s.end) for s in inside
                   if s.type in types and not s.compat and s.confidence >= min_conf)
    return bool(spans) and _covered(reading.raw, start, end, spans)


def _covered(raw: str, start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    """Do the sorted ``spans`` cover every word character of ``raw[start:end]``?"""
    pos = start
    for a, b in spans:
        if a > pos and ALNUM_RE.search(raw, pos, a) is not None:
            return False
        pos = max(pos, b)
    return pos >= end or ALNUM_RE.search(raw, pos, end) is None


def weak_opening(text: str, reading: Reading | None = None,
                 span: tuple[int, int] | None = None, inside: list[Slot] | None = None) -> str:
    """Why ``text`` (a segment; ``span`` its place in ``reading``'s title) may not open a title,
    or "" when it may. ``inside``: :func:`slots_in` of the span, when the caller has it."""
    t = norm(text)
    if not t:
        return ""
    why = _weak_text(t)
    if why:
        return why
    if reading is not None and span is not None and _weak_cover(reading, *span, inside):
        return "卖点、活动词或数量"
    return ""


@lru_cache(maxsize=1 << 16)
def _weak_text(t: str) -> str:
    """Why the words ``t`` (a folded segment) may not open a title, whatever they are read as."""
    if len(t) == 1:
        return "单个字"
    if MODEL_CODE_RE.search(t):
        return ""  # a model code (tb6560ahq, deskjet1000, x3950): what buyers search by
    if _NUMBERISH_RE.fullmatch(t) or (SPEC_RE.fullmatch(t) and any(c.isdigit() for c in t)):
        if re.fullmatch(r"\d{8,}", t):
            return "条码"
        return "数量或规格"
    if t in ALLOWED_SEARCH:
        return "搜索词"
    return ""


def _weak_cover(reading: Reading, start: int, end: int, inside: list[Slot] | None = None) -> bool:
    """Is ``raw[start:end]`` made only of selling points, promotion and search words, numbers
    and specs (1瓶包邮, 加厚防水)?"""
    raw = reading.raw
    if inside is None:
        inside = slots_in(reading, start, end, MIN_CORE)
    spans = [(s.start, s.end) for s in inside
             if s.type in WEAK_KINDS and not s.compat and s.confidence >= MIN_CORE]
    spans += [(a + start, b + start) for a, b in spec_spans(raw[start:end])
              if not MODEL_CODE_RE.search(raw, a + start, b + start)]
    spans += [(m.start() + start, m.end() + start)
              for m in _CN_COUNT_RE.finditer(raw[start:end])]
    spans.sort()
    return _covered(raw, start, end, spans)


# a count in Chinese numerals with its measure word (五十套, 两瓶, 十片): a pack size like 50套
_CN_COUNT_RE = re.compile("[一二两三四五六七八九十百千]+[个件套只瓶盒包袋支条张本册双对片粒箱桶罐]")


def core_slots(reading: Reading) -> list[Slot]:
    return [s for s in reading.slots if s.type in CORE_TYPES and s.confidence >= MIN_CORE
            and not s.compat and s.end > s.start and s.text.strip()]


def removable(result) -> list[int]:
    """Offsets of a linted title that the rules' fixes remove (safe and unsafe): the
    forbidden parts a rewrite may drop."""
    raw = result.title
    out: list[int] = []
    for p in result.problems:
        f = p.fix
        if f is None:
            continue
        kept = f.replacement.strip()
        j = 0
        for i in range(f.start, f.end):
            if j < len(kept) and raw[i] == kept[j]:
                j += 1
            else:
                out.append(i)
    return out


def in_pair(r: Reading, a: int, b: int) -> bool:
    """Is ``raw[a:b]`` a brand written next to its alias (panasonic/松下), only separators
    between them?"""
    raw = r.raw
    seps = SEPARATORS + "/"
    brands = [s for s in r.slots if s.type == "brand" and not s.compat]
    for s in brands:
        if s.start != a or s.end != b:
            continue
        for o in brands:
            if o is s:
                continue
            gap = raw[o.end:s.start] if o.end <= s.start else raw[s.end:o.start]
            if (o.end <= s.start or s.end <= o.start) and not gap.strip(seps) \
                    and len(gap) <= 2:
                return True
    return False


def inside_run(raw: str, drop: list[int], deleted: bytearray) -> bool:
    """Would deleting ``drop`` cut a run written without spaces on both sides, or leave a
    lone Chinese character (测水平水平仪 -> 测水平 仪, 领带领带夹 -> 领带 夹)?"""
    a, b = min(drop), max(drop) + 1
    specs = spec_spans(raw)

    def run(i: int, step: int) -> int:
        n = 0
        while 0 <= i < len(raw) and not deleted[i] and not is_separator(raw, i, specs):
            n += 1
            i += step
        return n

    left = run(a - 1, -1)
    right = run(b, 1)
    return (left > 0 and right > 0) or (left == 1 and is_cjk(raw[a - 1])) \
        or (right == 1 and is_cjk(raw[b]))
