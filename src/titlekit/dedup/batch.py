"""Many titles prepared at once: the arrays n-gram codes are taken from.

:func:`prepare_all` gives exactly what :func:`.keys.prepare` gives title by title (the n-gram
text of every title, each followed by NUL, as code points; one class byte per code point; the
title of each), but folds and scans the titles as one string joined by line breaks, and builds
the padded pieces with array operations instead of one Python string per piece. Nothing in a
key or a class looks across a line break (the regular expressions of :mod:`.keys` never match
one, and a line break bounds a colour word as the start or end of a title does), so the two are
the same; titles that hold a line break themselves are prepared one by one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..reading.text import fold_all
from .keys import (
    _BRACKET_RE,
    _COLOUR_RE,
    _KEEP_RE,
    _MODEL_RE,
    _MODEL_WORD_RE,
    _SPEC_RE,
    _UNIT_AFTER_RE,
    MODEL,
    VARIANT,
    _key_of,
    key_hash,
    prepare,
)

# the bracket pattern of .keys, never running on past the end of a line
_BRACKET_LINE_RE = re.compile(_BRACKET_RE.pattern.replace("[^】]", "[^】\n]")
                              .replace("[^〗]", "[^〗\n]").replace(r"[^\]]", "[^\\]\n]"))
assert _BRACKET_LINE_RE.pattern.count("\n") == 3, "keep _BRACKET_LINE_RE in step with keys"


@dataclass
class Batch:
    """Prepared titles: ``cp`` (uint64 code points of every title's n-gram text followed by
    NUL), ``cl`` (uint8 class of each), ``doc`` (int64 title of each) and the titles' keys."""

    cp: np.ndarray
    cl: np.ndarray
    doc: np.ndarray
    keys: list[str]

    def __len__(self) -> int:
        return len(self.keys)

    def hashes(self) -> np.ndarray:
        return np.fromiter((key_hash(k) for k in self.keys), dtype=np.uint64,
                           count=len(self.keys))


def from_prepared(prepared: Sequence[tuple[str, bytes]]) -> Batch:
    """The batch of :func:`.keys.prepare`'s output, title by title."""
    texts = [p[0] for p in prepared]
    lens = np.fromiter((len(k) for k in texts), dtype=np.int64, count=len(texts))
    cp = np.frombuffer(("\x00".join(texts) + "\x00").encode("utf-32-le"), dtype="<u4")
    cl = np.frombuffer(b"\x00".join(p[1] for p in prepared) + b"\x00", dtype=np.uint8)
    doc = np.repeat(np.arange(len(texts), dtype=np.int64), lens + 1)
    return Batch(cp.astype(np.uint64), cl, doc, [_key_of(t) for t in texts])


def sorted_unique(x: np.ndarray) -> np.ndarray:
    """``np.unique(x)`` of a 1-d array by one sort (faster than NumPy's hash table here)."""
    s = np.sort(x)
    if len(s) < 2:
        return s
    keep = np.empty(len(s), bool)
    keep[0] = True
    np.not_equal(s[1:], s[:-1], out=keep[1:])
    return s[keep]


def _mask(spans: list[tuple[int, int]], size: int) -> np.ndarray:
    """True inside any of ``spans`` (half-open) of a text of ``size`` characters."""
    if not spans:
        return np.zeros(size, bool)
    s = np.array(spans, dtype=np.int64).reshape(-1, 2)
    depth = (np.bincount(s[:, 0], minlength=size + 1)
             - np.bincount(s[:, 1], minlength=size + 1))
    return np.cumsum(depth[:size]) > 0


def prepare_all(titles: Sequence[str]) -> Batch:
    """The :class:`Batch` of ``titles`` (see the module docs)."""
    titles = list(titles)
    if not titles or any("\n" in t for t in titles):
        return from_prepared([prepare(t) for t in titles])
    text = "\n".join(fold_all(titles))
    size = len(text)
    cp = np.frombuffer(text.encode("utf-32-le"), dtype="<u4")
    # _SPEC_RE.match(text, s, e) is _SPEC_RE.match(text[s:e]): it has no ^ or look-behind
    model = [(s, e) for m in _MODEL_RE.finditer(text)
             if not (_SPEC_RE.match(text, s := m.start(), e := m.end())
                     or _UNIT_AFTER_RE.match(text, e))]
    model += [m.span() for m in _MODEL_WORD_RE.finditer(text)]
    variant = [m.span() for rx in (_BRACKET_LINE_RE, _COLOUR_RE) for m in rx.finditer(text)]
    cls = np.where(_mask(variant, size), VARIANT,
                   np.where(_mask(model, size), MODEL, 0)).astype(np.uint8)
    # characters of the key: what _KEEP_RE matches, asked of each distinct character
    chars = sorted_unique(cp)
    kept = np.zeros(int(chars[-1]) + 1 if len(chars) else 1, bool)
    kept[chars] = [_KEEP_RE.fullmatch(chr(c)) is not None for c in chars.tolist()]
    keep = kept[cp]
    newline = cp == 10
    keys = cp[keep | newline].tobytes().decode("utf-32-le").split("\n")
    title_of = np.cumsum(newline) - newline  # the title of each character
    # pieces: runs of key characters; each becomes " piece " and a NUL
    edge = np.diff(np.concatenate([[False], keep, [False]]).astype(np.int8))
    starts, ends = np.flatnonzero(edge == 1), np.flatnonzero(edge == -1)
    owner = title_of[starts]
    # a title without pieces is a lone NUL, in its place among the pieces
    empty = np.setdiff1d(np.arange(len(titles)), owner)
    at = np.searchsorted(owner, empty)
    starts, ends, owner = (np.insert(starts, at, 0), np.insert(ends, at, 0),
                           np.insert(owner, at, empty))
    length = ends - starts
    width = np.where(length > 0, length + 3, 1)  # " piece " and NUL, or NUL alone
    first = np.cumsum(width) - width
    rel = np.arange(int(width.sum()), dtype=np.int64) - np.repeat(first, width)
    r_start, r_len = np.repeat(starts, width), np.repeat(length, width)
    src = r_start + rel - 1  # inside the piece
    src_cls = src.copy()
    lead, trail, nul = rel == 0, rel == r_len + 1, (rel == r_len + 2) | (r_len == 0)
    src[lead | trail] = size  # a space
    src_cls[lead] = r_start[lead]  # the padding takes the class of the piece's end beside it
    src_cls[trail] = r_start[trail] + r_len[trail] - 1
    src[nul] = src_cls[nul] = size + 1  # NUL, class 0
    cp_ext = np.concatenate([cp, np.array([32, 0], dtype=cp.dtype)])
    cl_ext = np.concatenate([cls, np.zeros(2, np.uint8)])
    return Batch(cp_ext[src].astype(np.uint64), cl_ext[src_cls], np.repeat(owner, width), keys)
