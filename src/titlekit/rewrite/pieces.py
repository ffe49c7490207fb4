"""A title as pieces and units: the slots the reading found and the words between them.

Brand, model and promotion pieces stand alone; the other pieces of a run written without spaces
or punctuation form one unit, so compound words stay whole and in their order. Units are what a
rewrite moves, removes as repeats and joins back into a title.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from ..platform import measure
from ..problems import Result
from ..reading.text import fold, is_cjk
from ..reading.types import Reading, Slot
from .report import Change

MIN_CONFIDENCE = 0.5  # slots below this are words like any other: they are not moved
CORE = ("brand", "model", "product")
# Group of each piece kind, in title order (T2); words the reader could not type are attributes.
GROUP = {"brand": 0, "line": 0, "model": 1, "compatible": 2, "attribute": 2, "other": 2,
         "product": 3, "style": 4, "selling_point": 5, "search": 6, "promotion": 6}
# Characters that separate words in a title (a "/" only where it does not join two Latin
# letters or digits: 8gb/256gb stays one word).
_SEPARATORS = "\t，,、;；|。！？：!?:"


@dataclass(slots=True)
class Piece:
    text: str
    kind: str  # a slot type, or "other"
    chunk: int = 0  # pieces of one chunk stood together in the title (no space, no punctuation)
    parts: list[Piece] | None = None  # the pieces a chunk unit is made of


# -- pieces ----------------------------------------------------------------------------------

def core_slots(res: Result, expendable: set[str]) -> list[Slot]:
    """Brand, model and product slots a rewrite must keep (not the ones flagged by a rule in
    ``expendable``, the names of the rules whose findings need not survive)."""
    flagged = [(p.start, p.end) for p in res.problems if p.rule in expendable]
    return [s for s in res.slots
            if s.type in CORE and s.confidence >= 0.8 and not s.compat and s.source != "model"
            and not any(a < s.end and s.start < b for a, b in flagged)]


def pieces(r: Reading, deleted: bytearray) -> list[Piece]:
    """The title's slots and the words between them, in title order, with chunk numbers."""
    raw = r.raw
    pieces: list[Piece] = []
    bounds = None
    if any(s.source == "model" for s in r.slots):
        bounds = {0, len(raw)}
        for t in r.tokens:
            bounds.update(r.raw_span(t.start, t.end))
    # a recogniser span that cuts a word (bjor|g, 荷贝|克) is not moved: it stays in its words
    slots = sorted((s for s in r.slots if s.confidence >= MIN_CONFIDENCE and (
        s.source != "model" or (s.start in bounds and s.end in bounds))),
        key=lambda s: (s.start, -s.end))
    pos = 0
    chunk = [0]
    last_compat_end = -1
    for s in slots:
        if s.start < pos:
            continue
        if pos < s.start:
            gap_pieces(raw, pos, s.start, deleted, pieces, chunk)
        if deleted.find(1, s.start, s.end) == -1:
            text = raw[s.start:s.end].strip()
        else:
            text = "".join(c for i, c in enumerate(raw[s.start:s.end], s.start)
                           if not deleted[i]).strip()
        if text:
            kind = s.type
            gap = raw[last_compat_end:s.start] if last_compat_end >= 0 else None
            if s.compat or (kind == "model" and gap is not None and not gap.strip()):
                kind = "other"  # 适用于华为 mate60: the phone named is not this item's brand
            if s.compat:
                last_compat_end = s.end
            pieces.append(Piece(text, kind, chunk[0]))
        elif s.end > s.start:
            chunk[0] += 1
        pos = s.end
    gap_pieces(raw, pos, len(raw), deleted, pieces, chunk)
    return pieces


_SEPARATOR_RE = re.compile("[ \x00" + _SEPARATORS + r"]|(?<![a-z0-9])/|/(?![a-z0-9])",
                           re.IGNORECASE)
PUNCT_SEPARATOR_RE = re.compile("[" + _SEPARATORS + "]")


def gap_pieces(raw: str, start: int, end: int, deleted: bytearray, out: list[Piece],
                chunk: list[int]) -> None:
    """The words of ``raw[start:end]`` as pieces; separators and deleted characters end a
    chunk."""
    if deleted.find(1, start, end) != -1:  # a deleted character separates like a space
        raw = "".join("\x00" if deleted[i] else c for i, c in enumerate(raw))
    pos = start
    for m in _SEPARATOR_RE.finditer(raw, start):  # no endpos: lookarounds see past it
        if m.start() >= end:
            break
        if m.start() > pos:
            out.append(Piece(raw[pos:m.start()], "other", chunk[0]))
        chunk[0] += 1
        pos = m.end()
    if pos < end:
        out.append(Piece(raw[pos:end], "other", chunk[0]))


MOVED = ("brand", "line", "model", "promotion")


def units(pieces: list[Piece]) -> list[Piece]:
    """Brand, model and promotion pieces stand alone; the other pieces of one chunk form one
    unit (a product unit when it holds a product word), so words written together stay
    together and in their order."""
    units: list[Piece] = []
    chunks: dict[int, list[Piece]] = {}
    for p in pieces:
        if p.kind in MOVED:
            units.append(p)
        else:
            group = chunks.get(p.chunk)
            if group is None:
                group = chunks[p.chunk] = []
                units.append(Piece("", "chunk", p.chunk))
            group.append(p)
    out: list[Piece] = []
    for u in units:
        if u.kind != "chunk":
            out.append(u)
            continue
        group = chunks[u.chunk]
        kinds = {p.kind for p in group}
        if "product" in kinds:
            kind = "product"
        elif len(kinds) == 1 and kinds <= {"style", "selling_point"}:
            kind = kinds.pop()
        else:
            kind = "attribute"
        out.append(Piece(join(group, False), kind, u.chunk, group))
    return out


def inside_word(r: Reading, start: int, end: int) -> bool:
    """Is the raw span next to a lone Chinese character (石膏板|材): a longer word that the
    segmenter split, which deleting the span would leave in pieces?"""
    for t in r.tokens:
        rs, re_ = r.raw_span(t.start, t.end)
        if (re_ == start or rs == end) and len(t.text) == 1 and is_cjk(t.text):
            return True
    return False


def dedupe(pieces: list[Piece], changes: list[Change]) -> list[Piece]:
    out: list[Piece] = []
    seen: set[str] = set()
    size: dict[int, int] = {}
    chunk_text: dict[int, str] = {}
    for p in pieces:
        size[p.chunk] = size.get(p.chunk, 0) + 1
        chunk_text[p.chunk] = chunk_text.get(p.chunk, "") + norm(p.text)
    for p in pieces:
        k = norm(p.text)
        # a repeat goes when it stands alone (or is moved anyway); inside a run of words it
        # may be part of a longer one (蜡烛彩色粗蜡烛盒装)
        alone = p.kind in MOVED or size[p.chunk] == 1
        if k in seen and alone and (p.kind == "model" or (len(k) >= 2 and not k.isdigit())):
            changes.append(Change(f"删除重复的 {p.text}", "关键词重复（T9）"))
            continue
        # a word standing alone that another group of words already holds (耳机 next to
        # 蓝牙耳机) repeats it too; brand and model stay where they lead the title
        if (alone and p.kind not in ("brand", "model") and len(k) >= 2 and not k.isdigit()
                and any(c != p.chunk and k in t and k != t for c, t in chunk_text.items())):
            changes.append(Change(f"删除重复的 {p.text}", "关键词重复（T9）"))
            continue
        seen.add(k)
        out.append(p)
    return out


def insert(pieces: list[Piece], new: Piece) -> list[Piece]:
    """``pieces`` with ``new`` at the end of its group."""
    g = GROUP[new.kind]
    at = len(pieces)
    for i, p in enumerate(pieces):
        if GROUP[p.kind] > g:
            at = i
            break
    return pieces[:at] + [new] + pieces[at:]


def rotations(pieces: list[Piece]) -> Iterable[list[Piece]]:
    """Variants that move the first piece of a group to the group's end (attributes first)."""
    for g in (2, 5, 4):
        at = [i for i, p in enumerate(pieces) if GROUP[p.kind] == g]
        if len(at) < 2:
            continue
        for shift in range(1, len(at)):
            moved = [pieces[at[(k + shift) % len(at)]] for k in range(len(at))]
            out = list(pieces)
            for i, p in zip(at, moved):
                out[i] = p
            yield out


_SPACED_RE = re.compile(r"(?<=[^\x00-\x7f]) (?=.)|(?<=.) (?=[^\x00-\x7f])", re.DOTALL)


def spaced(raw: str) -> bool:
    """Does the title separate its words with spaces (next to a Chinese character)?"""
    return _SPACED_RE.search(raw) is not None


def join(pieces: list[Piece], spaced: bool) -> str:
    out: list[str] = []
    prev = ""
    for p in pieces:
        t = p.text
        if out and (spaced or (word_end(prev) and word_end(t[0]))):
            out.append(" ")
        out.append(t)
        prev = t[-1]
    return "".join(out)


def word_end(c: str) -> bool:
    return c.isascii() and c.isalnum()


def split_words(value: str) -> list[str]:
    return [w for w in re.split(r"[\s,，;；/、|]+", value) if w]


@lru_cache(maxsize=1 << 16)
def word_cost(word: str, unit: str) -> int:
    return measure(word, unit)


@lru_cache(maxsize=1 << 16)
def norm(text: str) -> str:
    """A piece's comparison form: folded, without spaces."""
    return fold(text).replace(" ", "")
