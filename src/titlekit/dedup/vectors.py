"""Vectorising titles: weighted character n-gram codes and the parameters that shape them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass

import numpy as np

from .keys import MODEL, VARIANT

_BITS = 21  # every Unicode code point fits in 21 bits; a 3-gram packs into 63


@dataclass(frozen=True)
class Params:
    """How titles become vectors; recorded in the index and checked on load."""

    ngrams: tuple[int, ...] = (2, 3)
    model_weight: float = 3.0
    variant_weight: float = 0.3
    max_df_ratio: float = 0.002
    key_version: int = 1

    def to_dict(self) -> dict:
        d = asdict(self)
        d["ngrams"] = list(self.ngrams)
        return d

    @classmethod
    def from_dict(cls, d: dict) -> Params:
        return cls(ngrams=tuple(d["ngrams"]), model_weight=float(d["model_weight"]),
                   variant_weight=float(d["variant_weight"]),
                   max_df_ratio=float(d["max_df_ratio"]), key_version=int(d["key_version"]))




def ngram_codes(prepared: Sequence[tuple[str, bytes]], params: Params
                ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(doc, code, weight) for every n-gram occurrence of every prepared title."""
    keys = [p[0] for p in prepared]
    lens = np.fromiter((len(k) for k in keys), dtype=np.int64, count=len(keys))
    cp = np.frombuffer(("\x00".join(keys) + "\x00").encode("utf-32-le"), dtype="<u4")
    cp = cp.astype(np.uint64)
    cl = np.frombuffer(b"\x00".join(p[1] for p in prepared) + b"\x00", dtype=np.uint8)
    doc = np.repeat(np.arange(len(keys), dtype=np.int64), lens + 1)
    sep = cp == 0
    docs, codes, weights = [], [], []
    for n in params.ngrams:
        size = len(cp) - n + 1
        if size <= 0:
            continue
        bad = sep[:size].copy()
        code = cp[:size].copy()
        var = cl[:size] == VARIANT
        mod = cl[:size] == MODEL
        for k in range(1, n):
            bad |= sep[k:k + size]
            code = (code << np.uint64(_BITS)) | cp[k:k + size]
            var |= cl[k:k + size] == VARIANT
            mod |= cl[k:k + size] == MODEL
        if n == 2:
            code |= np.uint64(1 << 63)
        w = np.where(var, params.variant_weight, np.where(mod, params.model_weight, 1.0))
        keep = ~bad
        docs.append(doc[:size][keep])
        codes.append(code[keep])
        weights.append(w[keep].astype(np.float32))
    if not docs:
        return (np.zeros(0, np.int64), np.zeros(0, np.uint64), np.zeros(0, np.float32))
    return np.concatenate(docs), np.concatenate(codes), np.concatenate(weights)


def idf_unknown(n_docs: int) -> float:
    """The idf scikit-learn's smooth formula gives an n-gram no corpus title has."""
    return float(np.log((1 + n_docs) / 1.0) + 1.0)


@dataclass
class Part:
    """The vectors of one chunk of titles, over the chunk's own sorted n-gram codes."""

    hashes: np.ndarray  # key hash of each title
    codes: np.ndarray  # the chunk's distinct n-gram codes, sorted
    data: np.ndarray  # weighted counts (CSR, columns into ``codes``, sorted within a row)
    indices: np.ndarray
    indptr: np.ndarray


def vectorise_part(titles: Sequence[str], params: Params) -> Part:
    """One chunk of an index build (also run in worker processes: plain arrays out)."""
    import scipy.sparse as sp

    from .keys import _key_of, key_hash, prepare

    prepared = [prepare(t) for t in titles]
    hashes = np.fromiter((key_hash(_key_of(p[0])) for p in prepared), dtype=np.uint64,
                         count=len(prepared))
    docs, codes, weights = ngram_codes(prepared, params)
    del prepared
    local, cols = np.unique(codes, return_inverse=True)
    part = sp.csr_matrix((weights, (docs.astype(np.int32), cols.astype(np.int32))),
                         shape=(len(titles), len(local)), dtype=np.float32)
    part.sum_duplicates()
    return Part(hashes, local, part.data, part.indices.astype(np.int32, copy=False),
                part.indptr.astype(np.int64, copy=False))
