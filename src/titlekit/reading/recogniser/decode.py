"""Decoding the recogniser's label scores: Viterbi, forward-backward marginals and spans.

All titles of a batch are decoded at once on a (step, title, label) grid; for one title plain
Python is quicker and gives the same labels.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from .features import LABELS, TYPES, places


class Span(NamedTuple):
    """A recognised span: its type, offsets in the normalised text and confidence."""

    type: str
    start: int
    end: int
    confidence: float



PREV_OK = np.zeros((len(LABELS), len(LABELS)), dtype=bool)  # [previous, current]
for _cur in range(len(LABELS)):
    for _prev in range(len(LABELS)):
        _inside = _cur > 0 and (_cur - 1) % 2 == 1
        PREV_OK[_prev, _cur] = not _inside or _prev in (_cur - 1, _cur)
_START_OK = np.array([0.0 if (c == 0 or (c - 1) % 2 == 0) else -np.inf
                      for c in range(len(LABELS))])
_CONSTRAINT = np.where(PREV_OK, 0.0, -np.inf)


class Layout:
    """Where each character of a batch goes in a (step, text, label) grid whose texts are
    sorted longest first, so that the texts still running at any step are a prefix."""

    def __init__(self, lens: np.ndarray) -> None:
        order = np.argsort(-lens, kind="stable")
        sorted_lens = lens[order]
        self.width = int(sorted_lens[0])
        self.n_texts = len(lens)
        rank = np.empty_like(order)
        rank[order] = np.arange(len(order))
        self.steps = places(lens)
        self.slots = np.repeat(rank, lens)
        # texts with more than t characters
        self.running = (len(lens) - np.searchsorted(sorted_lens[::-1], np.arange(self.width),
                                                    side="right")).tolist()

    def grid(self, rows: np.ndarray, fill: float = 0.0) -> np.ndarray:
        out = np.full((self.width, self.n_texts, rows.shape[1]), fill, dtype=rows.dtype)
        out[self.steps, self.slots] = rows
        return out


def viterbi(scores: np.ndarray, lens: np.ndarray, transitions: np.ndarray | None = None,
            layout: Layout | None = None) -> np.ndarray:
    """Best label sequence per text; ``scores`` rows are the texts' characters (one column per
    label), ``transitions[previous, current]`` is added for each step (-inf: forbidden; by
    default only the BIO constraint). No text starts inside a span. Ties go to the lowest
    label."""
    trans = _CONSTRAINT if transitions is None else transitions
    if not len(lens) or int(lens.max()) == 0:
        return np.zeros(0, dtype=np.int64)
    if len(lens) == 1:
        return np.array(_viterbi_one(scores.tolist(), trans.tolist()), dtype=np.int64)
    lay = layout or Layout(lens)
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
              layout: Layout | None = None) -> np.ndarray:
    """Per character and label, the probability of that label under the chain model (the
    forward-backward algorithm, scaled at every step; all texts of the batch at once)."""
    trans = _CONSTRAINT if transitions is None else transitions
    if not len(lens) or int(lens.max()) == 0:
        return np.zeros((0, scores.shape[1]))
    lay = layout or Layout(lens)
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


def spans_many(labels: np.ndarray, prob: np.ndarray, lens: np.ndarray) -> list[list[Span]]:
    """Spans of every text of a batch (``labels`` of all characters in a row), each with the
    lowest probability of its characters' labels as its confidence.

    Viterbi lets an I- label follow only a B- or I- label of its type and never start a
    text, so a span is a B- label and the I- labels right after it.
    """
    if len(lens) == 1:  # plain Python is quicker for one title
        return [spans_one(labels.tolist(), prob.tolist())]
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


def spans_one(labels: list[int], prob: list[float]) -> list[Span]:
    """:func:`spans_many` for one title."""
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
