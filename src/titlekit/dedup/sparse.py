"""Sparse-matrix steps of the near-duplicate search: the rare n-grams' postings and the top-k
entries of each row of a score matrix."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp


def rare_ngrams(df: np.ndarray, n: int, max_df_ratio: float) -> np.ndarray:
    """Which n-grams are rare: in at most ``max_df_ratio`` of ``n`` titles (and at least
    those in one title)."""
    return df <= max(1, int(max_df_ratio * n))


def rare_postings(matrix: sp.csr_matrix, max_df_ratio: float,
                  rare: np.ndarray | None = None) -> sp.csr_matrix:
    """The transpose of ``matrix`` keeping only n-grams in at most ``max_df_ratio`` of rows
    (or those where ``rare`` is true: a shard of a sharded index uses the whole corpus's)."""
    n, v = matrix.shape
    if rare is None:
        rare = rare_ngrams(np.bincount(matrix.indices, minlength=v), n, max_df_ratio)
    kept = np.flatnonzero(rare[matrix.indices])  # positions of the rare entries
    indptr = np.searchsorted(kept, matrix.indptr)  # rare entries before each row's start
    rare_part = sp.csr_matrix((matrix.data[kept], matrix.indices[kept], indptr), shape=(n, v))
    del kept
    out = rare_part.T.tocsr()
    out.sort_indices()
    return out


def top_k_rows(scores: sp.csr_matrix, k: int, exclude, out_i: np.ndarray,
                out_s: np.ndarray) -> None:
    """Per row of ``scores`` the ``k`` largest entries (ties: lower column first)."""
    indptr, indices, data = scores.indptr, scores.indices, scores.data
    for r in range(scores.shape[0]):
        s, e = indptr[r], indptr[r + 1]
        if s == e:
            continue
        cols = indices[s:e]
        vals = data[s:e]
        if exclude is not None and exclude[r] >= 0:
            mask = cols != exclude[r]
            cols, vals = cols[mask], vals[mask]
            if not len(cols):
                continue
        if len(cols) > k:  # every entry tied with the k-th stays, so ties go by column
            kth = np.partition(vals, len(vals) - k)[len(vals) - k]
            keep = vals >= kth
            cols, vals = cols[keep], vals[keep]
        order = np.lexsort((cols, -vals))[:k]
        out_i[r, : len(order)] = cols[order]
        out_s[r, : len(order)] = vals[order]
