"""An index build in chunks: each chunk of titles vectorised on its own (in this process or in
worker processes), then the chunks stacked into one matrix over the whole vocabulary.

A chunk's columns are its own sorted n-gram codes; mapping them into the sorted vocabulary keeps
their order, so the stacked matrix is the one a single pass over the vocabulary would give. The
chunks come back in input order whatever the number of processes."""

from __future__ import annotations

import multiprocessing as mp
from collections.abc import Callable, Sequence

import numpy as np
import scipy.sparse as sp

from .vectors import Params, Part, vectorise_part

CHUNK = 20_000  # titles per chunk (small enough to reuse memory between chunks)


def _work(args: tuple[list[str], Params]) -> Part:
    return vectorise_part(*args)


def vectorise_parts(titles: Sequence[str], params: Params, jobs: int = 1,
                    progress: Callable[[int], None] | None = None) -> list[Part]:
    chunks = [(list(titles[s:s + CHUNK]), params) for s in range(0, len(titles), CHUNK)]
    parts: list[Part] = []
    if jobs > 1 and len(chunks) > 1 and "fork" in mp.get_all_start_methods():
        with mp.get_context("fork").Pool(min(jobs, len(chunks))) as pool:
            for part in pool.imap(_work, chunks):
                parts.append(part)
                if progress:
                    progress(len(part.hashes))
        return parts
    for chunk in chunks:
        parts.append(_work(chunk))
        if progress:
            progress(len(chunk[0]))
    return parts


def stack_parts(parts: list[Part], vocab: np.ndarray) -> sp.csr_matrix:
    """The parts one under the other, columns in ``vocab`` (each part freed once copied)."""
    rows = sum(len(p.indptr) - 1 for p in parts)
    nnz = sum(len(p.data) for p in parts)
    data = np.empty(nnz, dtype=np.float32)
    indices = np.empty(nnz, dtype=np.int32)
    indptr = np.zeros(rows + 1, dtype=np.int64)
    at, row = 0, 0
    for i, p in enumerate(parts):
        cols = np.searchsorted(vocab, p.codes).astype(np.int32)
        k, r = len(p.data), len(p.indptr) - 1
        data[at:at + k] = p.data
        indices[at:at + k] = cols[p.indices]
        indptr[row + 1:row + r + 1] = p.indptr[1:] + at
        at, row = at + k, row + r
        parts[i] = None  # type: ignore[call-overload]
    return sp.csr_matrix((data, indices, indptr), shape=(rows, len(vocab)))
