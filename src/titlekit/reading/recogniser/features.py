"""The recogniser's input: per-character hashed features of normalised titles.

Each character gets the characters around it (one to three wide), their classes (Chinese,
Latin, digit, space, other), its position from the start and the end, plain-dictionary jieba
words, and what a longest-match lookup of the lexicons says about it and its neighbours. The
labelling scheme (:data:`LABELS`) is shared with training and decoding.
"""

from __future__ import annotations

import zlib
from itertools import chain

import numpy as np

LABELS = ("O", "B-brand", "I-brand", "B-product", "I-product", "B-model", "I-model")
TYPES = ("brand", "product", "model")

# lexicon tags: what the longest-match lookup says about a character
LEX_NONE, LEX_B_BRAND, LEX_I_BRAND, LEX_B_PRODUCT, LEX_I_PRODUCT, LEX_B_OTHER, LEX_I_OTHER = range(7)
_LEX_CODE = {"brand": (LEX_B_BRAND, LEX_I_BRAND), "product": (LEX_B_PRODUCT, LEX_I_PRODUCT)}

_M1 = np.uint64(0x9E3779B97F4A7C15)
_M2 = np.uint64(0xBF58476D1CE4E5B9)
_SH21 = np.uint64(21)
_SH42 = np.uint64(42)


# The labelled titles the model learns from have commas where their sellers wrote spaces (the
# corpus's format uses spaces between columns), so the model reads both the same way: as a space.
_AS_SPACE = str.maketrans({",": " "})


def model_text(text: str) -> str:
    """The normalised title as the recogniser reads it (same length, same offsets)."""
    return text.translate(_AS_SPACE)


def places(lens: np.ndarray) -> np.ndarray:
    """For the characters (or words) of texts of lengths ``lens`` laid end to end, each one's
    place in its own text."""
    return np.arange(int(lens.sum()), dtype=np.int64) - np.repeat(np.cumsum(lens) - lens, lens)



class LexiconTagger:
    """Longest-match lookup of lexicon words (word -> slot type) over a text."""

    def __init__(self, word_slot: dict[str, str]) -> None:
        self.words = {w: s for w, s in word_slot.items() if len(w) >= 2}
        # the lengths of the words that start with each pair of characters, longest first
        # (every word is at least two characters; one lookup rules out most positions)
        by_start: dict[str, set[int]] = {}
        for w in self.words:
            by_start.setdefault(w[:2], set()).add(len(w))
        self.lengths = {p: tuple(sorted(ls, reverse=True)) for p, ls in by_start.items()}
        self._codes = {s: _LEX_CODE.get(s, (LEX_B_OTHER, LEX_I_OTHER))
                       for s in set(self.words.values())}

    def tags(self, text: str) -> bytes:
        out = bytearray(len(text))
        i, n = 0, len(text)
        words, lengths_of, codes = self.words, self.lengths.get, self._codes
        while i < n:
            lengths = lengths_of(text[i:i + 2])
            if lengths is None:
                i += 1
                continue
            for length in lengths:
                if i + length <= n:
                    slot = words.get(text[i:i + length])
                    if slot is not None:
                        b, inside = codes[slot]
                        out[i] = b
                        out[i + 1:i + length] = bytes((inside,)) * (length - 1)
                        i += length
                        break
            else:
                i += 1
        return bytes(out)


def token_info(words: list[str]) -> tuple[list[int], list[int], list[int], list[int]]:
    """Per character of the joined ``words``: word, previous word, next word and shape codes.

    Words come from the plain jieba dictionary (no titlekit lexicon words), so what the model
    learns from them does not depend on which brands the lexicons happen to know. The shape is
    the character's place in its word (begin, middle, end, single) and the word's length.
    """
    codes = [zlib.crc32(w.encode("utf-8")) for w in words]
    word: list[int] = []
    before: list[int] = []
    after: list[int] = []
    shape: list[int] = []
    prev = 1
    last = len(codes) - 1
    for j, w in enumerate(words):
        m = len(w)
        code = codes[j]
        word += [code] * m
        before += [prev] * m
        after += [codes[j + 1] if j < last else 2] * m
        n = min(m, 6)
        shape += [24 + n] if m == 1 else [n] + [8 + n] * (m - 2) + [16 + n]
        prev = code
    return word, before, after, shape


_CODES: dict[str, int] = {}


def token_arrays(word_lists: list[list[str]]) -> np.ndarray:
    """:func:`token_info` of many texts at once, as one (characters, 4) array (NumPy instead
    of a Python loop over characters; the values are the same)."""
    codes_of = _CODES
    words = [w for ws in word_lists for w in ws]
    found = list(map(codes_of.get, words))
    if None in found:  # words not seen before: hash them (and remember up to a limit)
        for i, c in enumerate(found):
            if c is None:
                w = words[i]
                c = found[i] = zlib.crc32(w.encode("utf-8"))
                if len(codes_of) < 500_000:
                    codes_of[w] = c
    codes = np.array(found, dtype=np.uint64)
    lens = np.fromiter(map(len, words), dtype=np.int64, count=len(words))
    counts = np.fromiter(map(len, word_lists), dtype=np.int64, count=len(word_lists))
    first = np.zeros(len(words), dtype=bool)  # first word of its text
    last = np.zeros(len(words), dtype=bool)
    ends = np.cumsum(counts)
    nonempty = counts > 0
    first[(ends - counts)[nonempty]] = True
    last[(ends - 1)[nonempty]] = True
    before = np.empty_like(codes)
    before[1:] = codes[:-1]
    before[first] = 1
    after = np.empty_like(codes)
    after[:-1] = codes[1:]
    after[last] = 2
    total = int(lens.sum())
    pos = places(lens)
    m = np.repeat(lens, lens)
    n = np.minimum(m, 6)
    shape = np.where(m == 1, 24 + n, np.where(pos == 0, n, np.where(pos == m - 1, 16 + n, 8 + n)))
    out = np.empty((total, 4), dtype=np.uint64)
    out[:, 0] = np.repeat(codes, lens)
    out[:, 1] = np.repeat(before, lens)
    out[:, 2] = np.repeat(after, lens)
    out[:, 3] = shape
    return out


def _classes(cp: np.ndarray) -> np.ndarray:
    cls = np.full(cp.shape, 5, dtype=np.uint64)  # other
    cls[cp == 0] = 0  # padding
    cls[((cp >= 0x4E00) & (cp <= 0x9FFF)) | ((cp >= 0x3400) & (cp <= 0x4DBF))] = 1
    cls[((cp >= 97) & (cp <= 122)) | ((cp >= 65) & (cp <= 90))] = 2
    cls[(cp >= 48) & (cp <= 57)] = 3
    cls[cp == 32] = 4
    return cls


def features(texts: list[str], tags: list[bytes], bits: int,
             tokens: list[tuple[list[int], ...]] | np.ndarray) -> np.ndarray:
    """Hashed feature ids, shape (total characters, templates), for ``texts`` in order.

    ``tags`` are the lexicon tags and ``tokens`` the :func:`token_info` of each text (or the
    :func:`token_arrays` of all of them).
    """
    pad = 2
    joined = ("\x00" * pad).join(texts)
    cp = np.frombuffer(("\x00" * pad + joined + "\x00" * pad).encode("utf-32-le"),
                       dtype="<u4").astype(np.uint64)
    lex = np.frombuffer(bytes(pad) + bytes(pad).join(tags) + bytes(pad),
                        dtype=np.uint8).astype(np.uint64)
    lens = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    starts = pad + np.concatenate(([0], np.cumsum(lens + pad)[:-1])) if len(texts) else lens
    pos = places(lens)
    idx = pos + np.repeat(starts, lens).astype(np.int64)  # place in the padded, joined array
    n_total = len(idx)
    rest = np.repeat(lens, lens) - 1 - pos
    cls = _classes(cp)

    def at(a: np.ndarray, k: int) -> np.ndarray:
        return a[idx + k]

    c = {k: at(cp, k) for k in (-2, -1, 0, 1, 2)}
    k_ = {k: at(cls, k) for k in (-1, 0, 1)}
    t = {k: at(lex, k) for k in (-1, 0, 1)}
    if isinstance(tokens, np.ndarray):  # from token_arrays()
        tok = tokens
    else:
        tok = np.array([list(chain.from_iterable(t[j] for t in tokens)) for j in range(4)],
                       dtype=np.uint64).T.reshape(-1, 4)
    posb = np.minimum(pos, 8).astype(np.uint64)
    restb = np.minimum(rest, 4).astype(np.uint64)
    values = [
        c[-2], c[-1], c[0], c[1], c[2],
        (c[-1] << _SH21) | c[0],
        (c[0] << _SH21) | c[1],
        (c[-2] << _SH21) | c[-1],
        (c[1] << _SH21) | c[2],
        (c[-1] << _SH42) | (c[0] << _SH21) | c[1],
        k_[-1] * np.uint64(64) + k_[0] * np.uint64(8) + k_[1],
        posb,
        restb,
        t[0],
        t[-1] * np.uint64(16) + t[0],
        t[0] * np.uint64(16) + t[1],
        (c[0] << np.uint64(4)) | np.minimum(posb, np.uint64(3)),
        t[0] * np.uint64(64) + k_[0] * np.uint64(8) + np.minimum(posb, np.uint64(3)),
        tok[:, 0],
        tok[:, 1],
        tok[:, 2],
        tok[:, 3],
        (tok[:, 3] << np.uint64(32)) | tok[:, 0],
        (tok[:, 3] << np.uint64(8)) | t[0],
        np.zeros(n_total, dtype=np.uint64),  # bias
    ]
    # one row per template, hashed in one pass, returned transposed: (characters, templates)
    # as callers expect, with each template's column contiguous for the scoring's gathers
    h = np.stack(values)
    h += np.arange(1, len(values) + 1, dtype=np.uint64)[:, None]
    with np.errstate(over="ignore"):
        h *= _M1
        h ^= h >> np.uint64(29)
        h *= _M2
    h >>= np.uint64(64 - bits)
    return h.view(np.int64).T
