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
import math
import os
from functools import lru_cache
from pathlib import Path

import numpy as np

from ...errors import ModelError
from ...npzfile import ArrayFileError, read_arrays
from ...resources import MODEL_DIR
from .decode import PREV_OK, Layout, Span, marginals, spans_many, viterbi
from .features import LABELS, TYPES, features

FORMAT_VERSION = 2
MODEL_NAME = "slots"
MAX_BITS = 24  # feature hashing width a card may ask for (the table has 2**bits rows)


def _unusable(ids: np.ndarray, w: np.ndarray, trans: np.ndarray, bits: int) -> str | None:
    """Why the model's arrays cannot be used, or None."""
    k = len(LABELS)
    if ids.ndim != 1 or ids.dtype.kind not in "iu":
        return "feature ids are not a vector of integers"
    if w.dtype.kind != "f" or trans.dtype.kind != "f":
        return "weights are not floating-point numbers"
    if trans.shape != (k, k) or w.shape != (len(ids), k):
        return f"arrays of the wrong shape for {k} labels"
    if not len(ids):
        return "the model has no weights"
    if ids.min() < 0 or ids.max() >= 1 << bits:
        return f"feature ids outside the {bits}-bit range of its card"
    ordered = np.sort(ids)  # np.unique would import numpy.ma (20 ms) on every start
    if np.any(ordered[1:] == ordered[:-1]):
        return "a feature id appears more than once"
    if not (np.all(np.isfinite(w)) and np.all(np.isfinite(trans))):
        return "weights that are not finite numbers (NaN or infinity)"
    return None


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
        self.transitions = np.where(PREV_OK, learned.astype(np.float64), -np.inf)
        self.bias = np.zeros(len(LABELS), dtype=np.float32)  # added to scores before decoding
        for typ, value in (card.get("decode_bias") or {}).items():
            if typ in TYPES:
                self.bias[LABELS.index(f"B-{typ}")] = value
                self.bias[LABELS.index(f"I-{typ}")] = value

    @classmethod
    def load(cls, directory: Path = MODEL_DIR, name: str = MODEL_NAME) -> SlotModel:
        """The model in ``directory``; a card or arrays that cannot be used (wrong types,
        sizes or dtypes, no weights, values that are not finite, repeated feature ids) are
        refused with a :class:`ModelError` naming the file, before anything is used."""
        card_path, npz_path = directory / f"{name}.json", directory / f"{name}.npz"
        try:
            card = json.loads(card_path.read_text(encoding="utf-8"))
        except (OSError, ValueError, RecursionError) as exc:
            raise ModelError(f"{card_path}: cannot read the slot model's card ({exc})") from None
        if not isinstance(card, dict):
            raise ModelError(f"{card_path}: the card is not a JSON object")
        if card.get("format_version") != FORMAT_VERSION or card.get("labels") != list(LABELS):
            raise ModelError(f"{card_path}: slot model format {card.get('format_version')} "
                             f"with labels {card.get('labels')}; this titlekit reads format "
                             f"{FORMAT_VERSION}: rebuild it with `python -m titlekit.train`")
        bits = card.get("bits")
        if not isinstance(bits, int) or isinstance(bits, bool) or not 1 <= bits <= MAX_BITS:
            raise ModelError(f"{card_path}: the card has no valid 'bits' (an integer from 1 to "
                             f"{MAX_BITS})")
        bias = card.get("decode_bias") or {}
        if not isinstance(bias, dict) or not all(
                isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)
                for v in bias.values()):
            raise ModelError(f"{card_path}: 'decode_bias' must map types to finite numbers")
        k = len(LABELS)
        try:
            arrays = read_arrays(str(npz_path), ["ids", "weights", "transitions"], max_bytes={
                "ids": 8 << bits, "weights": (8 * k) << bits, "transitions": 8 * k * k})
        except (OSError, ArrayFileError) as exc:
            raise ModelError(f"{npz_path}: cannot load the slot model "
                             f"({exc or type(exc).__name__})") from None
        ids, w, trans = arrays["ids"], arrays["weights"], arrays["transitions"]
        why = _unusable(ids, w, trans, bits)
        if why:
            raise ModelError(f"{npz_path}: {why}")
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
        layout = Layout(lens) if len(texts) > 1 and lens.max() > 0 else None
        labels = viterbi(s, lens, self.transitions, layout)
        prob = marginals(s, lens, self.transitions, layout)[np.arange(len(labels)), labels]
        return spans_many(labels, prob, lens)



@lru_cache(maxsize=2)
def load_model(directory: str | None = None) -> SlotModel:
    """The shipped model, or the one in ``directory`` or ``$TITLEKIT_MODEL_DIR``."""
    chosen = directory or os.environ.get("TITLEKIT_MODEL_DIR")
    return SlotModel.load(Path(chosen) if chosen else MODEL_DIR)
