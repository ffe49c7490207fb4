"""A trained recogniser of brand, product word and model spans, for titles never seen before.

Each character of the normalised title gets one of seven labels (O, B-/I-brand, B-/I-product,
B-/I-model) from a linear-chain conditional random field over hashed features: the characters
around it (one to three wide), their classes (Chinese, Latin, digit, space, other), the position
from the start and the end, plain-dictionary jieba words, and what a longest-match lookup of the
lexicons says about it and its neighbours. The weights (a score per feature and label, and a
score per pair of successive labels) come from CRFsuite (``python -m titlekit.train``) and ship
in ``titlekit/models/slots.npz`` (arrays only, loaded without pickle) with a JSON card (format
version, feature bits, training data digest). Scoring and decoding are NumPy: all titles of a
batch are scored, decoded (Viterbi) and given confidences (forward-backward marginals) in one
pass, so the cost per title is small.
"""

from __future__ import annotations

import json
import os
import zlib
from functools import lru_cache
from itertools import chain
from pathlib import Path
from typing import NamedTuple

import numpy as np

LABELS = ("O", "B-brand", "I-brand", "B-product", "I-product", "B-model", "I-model")
TYPES = ("brand", "product", "model")
FORMAT_VERSION = 2
MODEL_DIR = Path(__file__).resolve().parent / "models"
MODEL_NAME = "slots"

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


def _places(lens: np.ndarray) -> np.ndarray:
    """For the characters (or words) of texts of lengths ``lens`` laid end to end, each one's
    place in its own text."""
    return np.arange(int(lens.sum()), dtype=np.int64) - np.repeat(np.cumsum(lens) - lens, lens)


class ModelError(ValueError):
    """The shipped or given model cannot be used; the message says why."""


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
    pos = _places(lens)
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
    pos = _places(lens)
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


class Span(NamedTuple):
    """A recognised span: its type, offsets in the normalised text and confidence."""

    type: str
    start: int
    end: int
    confidence: float


class SlotModel:
    """Weights of the linear-chain model and the scoring of batches of titles.

    ``weights`` give each feature's score for each label, ``transitions[previous, current]``
    the score of a label following another; forbidden moves (an I- label after anything but
    its own B- or I- label) are -inf whatever the trained values say.

    ``weights`` is either the whole (2**bits, labels) matrix, or with ``ids`` the rows of the
    features the model has a score for (as shipped). Either way the model keeps those rows in
    a small matrix (row 0 is all zeros, for features it never saw) and a table from feature id
    to row: both fit in the processor's cache, where the whole matrix (7 MB) does not.
    """

    def __init__(self, weights: np.ndarray, bits: int, card: dict,
                 transitions: np.ndarray | None = None, ids: np.ndarray | None = None) -> None:
        if ids is None:
            ids = np.flatnonzero(np.any(weights != 0, axis=1))
            weights = weights[ids]
        self.ids = np.asarray(ids)
        self.weights = np.zeros((len(ids) + 1, len(LABELS)), dtype=np.float32)
        self.weights[1:] = weights
        self.rows = np.zeros(1 << bits, dtype=np.uint16 if len(ids) < (1 << 16) else np.uint32)
        self.rows[self.ids] = np.arange(1, len(ids) + 1)
        self.bits = bits
        self.card = card
        learned = np.zeros((len(LABELS), len(LABELS))) if transitions is None else transitions
        self.transitions = np.where(_PREV_OK, learned.astype(np.float64), -np.inf)
        self.bias = np.zeros(len(LABELS), dtype=np.float32)  # added to scores before decoding
        for typ, value in (card.get("decode_bias") or {}).items():
            if typ in TYPES:
                self.bias[LABELS.index(f"B-{typ}")] = value
                self.bias[LABELS.index(f"I-{typ}")] = value

    @classmethod
    def load(cls, directory: Path = MODEL_DIR, name: str = MODEL_NAME) -> SlotModel:
        card_path, npz_path = directory / f"{name}.json", directory / f"{name}.npz"
        try:
            card = json.loads(card_path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ModelError(f"{card_path}: cannot read the slot model's card ({exc})") from None
        if card.get("format_version") != FORMAT_VERSION or card.get("labels") != list(LABELS):
            raise ModelError(f"{card_path}: slot model format {card.get('format_version')} "
                             f"with labels {card.get('labels')}; this titlekit reads format "
                             f"{FORMAT_VERSION}: rebuild it with `python -m titlekit.train`")
        try:
            with np.load(npz_path, allow_pickle=False) as npz:
                ids, w, trans = npz["ids"], npz["weights"], npz["transitions"]
        except (OSError, ValueError, KeyError) as exc:
            raise ModelError(f"{npz_path}: cannot load the slot model ({exc})") from None
        bits = int(card["bits"])
        if trans.shape != (len(LABELS), len(LABELS)) or w.shape != (len(ids), len(LABELS)):
            raise ModelError(f"{npz_path}: arrays of the wrong shape for {len(LABELS)} labels")
        if len(ids) and (ids.min() < 0 or ids.max() >= 1 << bits):
            raise ModelError(f"{npz_path}: feature ids outside the {bits}-bit range of its card")
        return cls(w, bits, card, trans, ids=ids)

    def scores(self, texts: list[str], tags: list[bytes], tokens: list[tuple]) -> np.ndarray:
        rows = self.rows.take(features(texts, tags, self.bits, tokens))
        # one template at a time into a reused buffer: about four times as fast as gathering
        # the whole (characters, templates, labels) block and summing it
        take = self.weights.take
        out = take(rows[:, 0], axis=0)
        tmp = np.empty_like(out)
        for j in range(1, rows.shape[1]):
            take(rows[:, j], axis=0, out=tmp)
            out += tmp
        return out

    def predict(self, texts: list[str], tags: list[bytes], tokens: list[tuple]
                ) -> list[list[Span]]:
        """Spans of brand, product and model per text, with a confidence each.

        Labels are decoded with Viterbi over the characters' label scores and the transition
        scores, all texts of the batch at once. A span's confidence is the lowest marginal
        probability (forward-backward) among its characters' labels.
        """
        if not texts:
            return []
        s = self.scores(texts, tags, tokens)
        if self.bias.any():
            s += self.bias
        lens = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
        layout = _Layout(lens) if len(texts) > 1 and lens.max() > 0 else None
        labels = viterbi(s, lens, self.transitions, layout)
        prob = marginals(s, lens, self.transitions, layout)[np.arange(len(labels)), labels]
        return _spans_many(labels, prob, lens)


_PREV_OK = np.zeros((len(LABELS), len(LABELS)), dtype=bool)  # [previous, current]
for _cur in range(len(LABELS)):
    for _prev in range(len(LABELS)):
        _inside = _cur > 0 and (_cur - 1) % 2 == 1
        _PREV_OK[_prev, _cur] = not _inside or _prev in (_cur - 1, _cur)
_START_OK = np.array([0.0 if (c == 0 or (c - 1) % 2 == 0) else -np.inf
                      for c in range(len(LABELS))])
_CONSTRAINT = np.where(_PREV_OK, 0.0, -np.inf)


class _Layout:
    """Where each character of a batch goes in a (step, text, label) grid whose texts are
    sorted longest first, so that the texts still running at any step are a prefix."""

    def __init__(self, lens: np.ndarray) -> None:
        order = np.argsort(-lens, kind="stable")
        sorted_lens = lens[order]
        self.width = int(sorted_lens[0])
        self.n_texts = len(lens)
        rank = np.empty_like(order)
        rank[order] = np.arange(len(order))
        self.steps = _places(lens)
        self.slots = np.repeat(rank, lens)
        # texts with more than t characters
        self.running = (len(lens) - np.searchsorted(sorted_lens[::-1], np.arange(self.width),
                                                    side="right")).tolist()

    def grid(self, rows: np.ndarray, fill: float = 0.0) -> np.ndarray:
        out = np.full((self.width, self.n_texts, rows.shape[1]), fill, dtype=rows.dtype)
        out[self.steps, self.slots] = rows
        return out


def viterbi(scores: np.ndarray, lens: np.ndarray, transitions: np.ndarray | None = None,
            layout: _Layout | None = None) -> np.ndarray:
    """Best label sequence per text; ``scores`` rows are the texts' characters (one column per
    label), ``transitions[previous, current]`` is added for each step (-inf: forbidden; by
    default only the BIO constraint). No text starts inside a span. Ties go to the lowest
    label."""
    trans = _CONSTRAINT if transitions is None else transitions
    if not len(lens) or int(lens.max()) == 0:
        return np.zeros(0, dtype=np.int64)
    if len(lens) == 1:
        return np.array(_viterbi_one(scores.tolist(), trans.tolist()), dtype=np.int64)
    lay = layout or _Layout(lens)
    grid = lay.grid(scores)
    trans = trans.astype(scores.dtype)
    along = trans[:, None, :]  # (previous, 1, current)
    into = np.ascontiguousarray(trans.T)  # [current, previous]
    # forward: best score of each label at each step, kept for the walk back (which redoes
    # one step's sums for the chosen label only instead of keeping pointers for all labels)
    best = np.empty_like(grid)
    best[0] = grid[0] + _START_OK.astype(scores.dtype)
    running = lay.running
    for t in range(1, lay.width):
        m = running[t]
        # (previous, texts still running, current): the max over the first axis is
        # element-wise, much faster than a max over a short last axis
        cand = np.ascontiguousarray(best[t - 1, :m].T)[:, :, None] + along
        best[t, :m] = cand.max(axis=0) + grid[t, :m]
    labels = np.zeros((lay.width, lay.n_texts), dtype=np.int64)
    lab = np.zeros(lay.n_texts, dtype=np.int64)
    for t in range(lay.width - 1, -1, -1):
        m = running[t]
        ends = running[t + 1] if t + 1 < lay.width else 0  # texts whose last step is t
        if ends < m:
            lab[ends:m] = best[t, ends:m].argmax(axis=1)
        labels[t, :m] = lab[:m]
        if t:
            # ties go to the lowest previous label, as the forward max would
            lab[:m] = (best[t - 1, :m] + into[lab[:m]]).argmax(axis=1)
    return labels[lay.steps, lay.slots]


def _viterbi_one(rows: list[list[float]], trans: list[list[float]]) -> list[int]:
    """:func:`viterbi` for one text in plain Python (faster than NumPy at this size)."""
    k = len(LABELS)
    neg = float("-inf")
    froms = [[i for i in range(k) if trans[i][j] != neg] for j in range(k)]
    score = [r if (c == 0 or c % 2 == 1) else neg for c, r in enumerate(rows[0])]
    back: list[list[int]] = []
    for row in rows[1:]:
        new = []
        ptr = []
        for j in range(k):
            best_i, best = -1, neg
            for i in froms[j]:
                v = score[i] + trans[i][j]
                if v > best or best_i < 0:
                    best_i, best = i, v
            new.append(best + row[j])
            ptr.append(best_i)
        score = new
        back.append(ptr)
    lab = max(range(k), key=score.__getitem__)
    out = [lab]
    for ptr in reversed(back):
        lab = ptr[lab]
        out.append(lab)
    return out[::-1]


def marginals(scores: np.ndarray, lens: np.ndarray, transitions: np.ndarray | None = None,
              layout: _Layout | None = None) -> np.ndarray:
    """Per character and label, the probability of that label under the chain model (the
    forward-backward algorithm, scaled at every step; all texts of the batch at once)."""
    trans = _CONSTRAINT if transitions is None else transitions
    if not len(lens) or int(lens.max()) == 0:
        return np.zeros((0, scores.shape[1]))
    lay = layout or _Layout(lens)
    e = np.exp(scores - scores.max(axis=1, keepdims=True))
    grid = lay.grid(e, 1.0)
    step = np.exp(trans).astype(e.dtype)  # forbidden moves: 0
    running = lay.running
    ones = np.ones(scores.shape[1], dtype=e.dtype)  # row sums as a product: faster than .sum
    alpha = np.empty_like(grid)
    a = grid[0] * np.exp(_START_OK).astype(e.dtype)
    a /= (a @ ones)[:, None]
    alpha[0] = a
    for t in range(1, lay.width):
        m = running[t]
        a = (a[:m] @ step) * grid[t, :m]
        a /= (a @ ones)[:, None]
        alpha[t, :m] = a
    beta = np.ones_like(grid)  # a text's last character: 1 for every label
    back_step = np.ascontiguousarray(step.T)
    for t in range(lay.width - 2, -1, -1):
        m = running[t + 1]  # texts that go on after t
        b = (grid[t + 1, :m] * beta[t + 1, :m]) @ back_step
        b /= (b @ ones)[:, None]
        beta[t, :m] = b
    out = alpha[lay.steps, lay.slots] * beta[lay.steps, lay.slots]
    out /= out.sum(axis=1, keepdims=True)
    return out


def _spans_many(labels: np.ndarray, prob: np.ndarray, lens: np.ndarray) -> list[list[Span]]:
    """Spans of every text of a batch (``labels`` of all characters in a row), each with the
    lowest probability of its characters' labels as its confidence.

    Viterbi lets an I- label follow only a B- or I- label of its type and never start a
    text, so a span is a B- label and the I- labels right after it.
    """
    if len(lens) == 1:  # plain Python is quicker for one title
        return [_spans_one(labels.tolist(), prob.tolist())]
    out: list[list[Span]] = [[] for _ in range(len(lens))]
    total = len(labels)
    is_b = (labels % 2 == 1)
    starts = np.flatnonzero(is_b)
    if not len(starts):
        return out
    breaks = np.flatnonzero((labels == 0) | is_b)
    nxt = np.searchsorted(breaks, starts, side="right")
    ends = np.where(nxt < len(breaks), breaks[np.minimum(nxt, len(breaks) - 1)], total)
    text_starts = np.cumsum(lens) - lens
    text_ends = text_starts + lens
    which = np.searchsorted(text_starts, starts, side="right") - 1
    ends = np.minimum(ends, text_ends[which])  # a span never runs into the next text
    padded = np.append(prob, np.float64(np.inf)).astype(prob.dtype)
    bounds = np.empty(2 * len(starts), dtype=np.int64)
    bounds[0::2], bounds[1::2] = starts, ends
    mins = np.minimum.reduceat(padded, bounds)[0::2]
    kinds = (labels[starts] - 1) // 2
    new = tuple.__new__  # Span(...) without NamedTuple's Python-level __new__
    types = TYPES
    for t, s, e, k, c in zip(which.tolist(), (starts - text_starts[which]).tolist(),
                             (ends - text_starts[which]).tolist(), kinds.tolist(),
                             mins.tolist()):
        out[t].append(new(Span, (types[k], s, e, c)))
    return out


def _spans_one(labels: list[int], prob: list[float]) -> list[Span]:
    """:func:`_spans_many` for one title."""
    spans: list[Span] = []
    i, n = 0, len(labels)
    while i < n:
        lab = labels[i]
        if lab % 2 == 0:  # O, or an I- label (never at a span's start after Viterbi)
            i += 1
            continue
        j = i + 1
        while j < n and labels[j] == lab + 1:
            j += 1
        spans.append(Span(TYPES[(lab - 1) // 2], i, j, float(min(prob[i:j]))))
        i = j
    return spans


@lru_cache(maxsize=2)
def load_model(directory: str | None = None) -> SlotModel:
    """The shipped model, or the one in ``directory`` or ``$TITLEKIT_MODEL_DIR``."""
    chosen = directory or os.environ.get("TITLEKIT_MODEL_DIR")
    return SlotModel.load(Path(chosen) if chosen else MODEL_DIR)
