"""Vectorising titles: weighted character n-gram codes and the parameters that shape them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass

import numpy as np

from .batch import Batch, prepare_all, sorted_unique
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




def ngram_codes(batch: Batch, params: Params) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(doc, code, weight) for every n-gram occurrence of every prepared title."""
    cp, cl, doc = batch.cp, batch.cl, batch.doc
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


def unique_codes(codes: np.ndarray, cp: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``np.unique(codes, return_inverse=True)`` of the n-gram codes of the code points ``cp``,
    by one sort of plain integers: each code's characters are replaced by their rank among
    ``cp``'s distinct ones (which keeps the codes' order), and the short code so made is packed
    with the code's position."""
    chars = sorted_unique(cp)
    bits = max(1, (len(chars) - 1).bit_length())
    pos_bits = max(1, len(codes).bit_length())
    if 3 * bits + 1 + pos_bits > 64 or not len(codes):
        local, cols = np.unique(codes, return_inverse=True)
        return local, cols.ravel()
    rank = np.zeros(int(chars[-1]) + 1, dtype=np.uint64)
    rank[chars] = np.arange(len(chars), dtype=np.uint64)
    m, b = np.uint64((1 << _BITS) - 1), np.uint64(bits)
    two = codes >> np.uint64(63) == 1
    short = ((rank[(codes >> np.uint64(2 * _BITS)) & m] << (b + b))
             | (rank[(codes >> np.uint64(_BITS)) & m] << b) | rank[codes & m])
    short[two] |= np.uint64(1 << (3 * bits))
    packed = (short << np.uint64(pos_bits)) | np.arange(len(codes), dtype=np.uint64)
    packed.sort()
    order = (packed & np.uint64((1 << pos_bits) - 1)).astype(np.int64)
    packed >>= np.uint64(pos_bits)
    new = np.ones(len(packed), bool)
    new[1:] = packed[1:] != packed[:-1]
    cols = np.empty(len(codes), dtype=np.int64)
    cols[order] = np.cumsum(new) - 1
    return codes[order[new]], cols


def smooth_idf(df: np.ndarray, n_docs: int) -> np.ndarray:
    """The idf of n-grams found in ``df`` of ``n_docs`` titles, as scikit-learn's
    ``TfidfTransformer(smooth_idf=True).fit`` computes it on a float32 matrix."""
    dff = df.astype(np.float32) + np.float32(1.0)
    idf = np.full_like(dff, fill_value=n_docs + 1, dtype=np.float32)
    idf /= dff
    np.log(idf, out=idf)
    idf += np.float32(1.0)
    return idf


def weigh_rows(counts, idf: np.ndarray):
    """``TfidfTransformer.transform`` of a float32 CSR matrix of weighted counts, in place:
    scaled by ``idf``, each row L2-normalised (scikit-learn's own row normalisation)."""
    from sklearn.preprocessing import normalize

    counts.data *= idf[counts.indices]
    matrix = normalize(counts, norm="l2", copy=False).tocsr()
    return matrix if matrix.dtype == np.float32 else matrix.astype(np.float32)


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

    batch = prepare_all(titles)
    hashes = batch.hashes()
    docs, codes, weights = ngram_codes(batch, params)
    local, cols = unique_codes(codes, batch.cp)
    part = sp.csr_matrix((weights, (docs.astype(np.int32), cols.astype(np.int32))),
                         shape=(len(titles), len(local)), dtype=np.float32)
    del batch
    part.sum_duplicates()
    return Part(hashes, local, part.data, part.indices.astype(np.int32, copy=False),
                part.indptr.astype(np.int64, copy=False))
