"""Building a sharded competitor index: N ordinary indexes that together answer as one.

A title goes to shard ``key_hash(key(title)) % N`` (blake2b of the normalised title, the hash
the index already keeps; never Python's salted ``hash()``), so identical titles share a shard
and a title's shard is the same on every machine and every run. All shards share one
vocabulary and one idf, fitted on the whole corpus, and one set of rare n-grams: a title's
vector in its shard is the very vector it has in a single index of the whole corpus, so
similarities are the same number and the merged best hit of the shards is the single index's
(exactly so when every shard is scored exactly; through rare-n-gram candidates, each shard
keeps its own best candidates, which can only add hits).

The build is two passes that parallelise over parts of the corpus (:mod:`titlekit.dask` runs
them on a cluster; :func:`build_sharded` in one process):

1. :func:`count_part` per part: its n-gram codes and their document frequencies;
   :func:`merge_counts` adds them up into the vocabulary and the idf.
2. :func:`vector_part` per part: its rows' n-gram counts in that vocabulary, split by shard;
   :func:`shard_index` per shard: its rows from every part, in corpus order, weighted and
   normalised into an :class:`~titlekit.dedup.index.Index`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from ..version import __version__
from .batch import prepare_all
from .index import Index
from .sparse import rare_ngrams, rare_postings
from .vectors import Params, ngram_codes, smooth_idf, weigh_rows


def shard_of(hashes: np.ndarray, n_shards: int) -> np.ndarray:
    """The shard of each title from its key hash (uint64)."""
    return (np.asarray(hashes, dtype=np.uint64) % np.uint64(n_shards)).astype(np.int64)


@dataclass
class Counts:
    """Pass 1 over a part of the corpus: its titles, n-gram codes and document frequencies."""

    n: int
    codes: np.ndarray  # sorted unique uint64 codes
    df: np.ndarray  # titles of the part with each code


@dataclass
class Vocabulary:
    """What every shard shares: the codes, their idf and which are rare."""

    n: int  # titles in the whole corpus
    codes: np.ndarray
    idf: np.ndarray  # float32, as scikit-learn's smooth idf computes it
    rare: np.ndarray  # bool per code: in at most max_df_ratio of the corpus


@dataclass
class ShardPart:
    """Pass 2 over a part of the corpus: the rows of one shard, not yet weighted."""

    counts: sp.csr_matrix  # weighted n-gram counts in the vocabulary's columns
    titles: list[str]
    lines: np.ndarray
    source_ids: np.ndarray
    hashes: np.ndarray


def count_part(titles: Sequence[str], params: Params | None = None) -> Counts:
    params = params or Params()
    docs, codes, _ = ngram_codes(prepare_all(titles), params)
    if len(codes):
        order = np.lexsort((codes, docs))
        docs, codes = docs[order], codes[order]
        first = np.ones(len(codes), bool)
        first[1:] = (docs[1:] != docs[:-1]) | (codes[1:] != codes[:-1])
        codes = codes[first]
    uniq, df = np.unique(codes, return_counts=True)
    return Counts(len(titles), uniq.astype(np.uint64), df.astype(np.int64))


def merge_counts(parts: Sequence[Counts], params: Params | None = None) -> Vocabulary:
    """The vocabulary of the whole corpus from the counts of its parts."""
    params = params or Params()
    n = sum(p.n for p in parts)
    codes = np.concatenate([p.codes for p in parts] or [np.zeros(0, np.uint64)])
    df_all = np.concatenate([p.df for p in parts] or [np.zeros(0, np.int64)])
    vocab, inverse = np.unique(codes, return_inverse=True)
    df = np.bincount(inverse.ravel(), weights=df_all, minlength=len(vocab)).astype(np.int64)
    idf = smooth_idf(df, n)
    rare = rare_ngrams(df, n, params.max_df_ratio)
    return Vocabulary(n, vocab.astype(np.uint64), idf, rare)


def vector_part(titles: Sequence[str], vocab: Vocabulary, n_shards: int, *,
                lines: Sequence[int] | None = None, source_ids: Sequence[int] | None = None,
                first_line: int = 1, params: Params | None = None) -> list[ShardPart]:
    """The rows of a part of the corpus, one :class:`ShardPart` per shard."""
    params = params or Params()
    titles = list(titles)
    n = len(titles)
    batch = prepare_all(titles)
    hashes = batch.hashes()
    docs, codes, weights = ngram_codes(batch, params)
    del batch
    cols = np.searchsorted(vocab.codes, codes).astype(np.int32)
    counts = sp.csr_matrix((weights, (docs.astype(np.int32), cols)),
                           shape=(n, len(vocab.codes)), dtype=np.float32)
    counts.sum_duplicates()
    line_arr = np.asarray(lines if lines is not None else range(first_line, first_line + n),
                          dtype=np.int64)
    sid = np.asarray(source_ids if source_ids is not None else np.zeros(n), dtype=np.uint16)
    shard = shard_of(hashes, n_shards)
    out = []
    for s in range(n_shards):
        rows = np.nonzero(shard == s)[0]
        out.append(ShardPart(counts[rows], [titles[i] for i in rows], line_arr[rows],
                             sid[rows], hashes[rows]))
    return out


def shard_index(parts: Sequence[ShardPart], vocab: Vocabulary, *,
                sources: Sequence[str] = (), params: Params | None = None) -> Index:
    """One shard from its rows of every part (in corpus order)."""
    params = params or Params()
    v = len(vocab.codes)
    matrix = (sp.vstack([p.counts for p in parts], format="csr", dtype=np.float32) if parts
              else sp.csr_matrix((0, v), dtype=np.float32))
    matrix = weigh_rows(matrix, vocab.idf)
    matrix.sort_indices()
    postings = rare_postings(matrix, params.max_df_ratio, rare=vocab.rare)
    titles = [t for p in parts for t in p.titles]

    def cat(name: str, dtype) -> np.ndarray:
        return np.concatenate([getattr(p, name) for p in parts] or [np.zeros(0, dtype)])

    meta = {"sources": list(sources), "created_with": __version__, "corpus_titles": vocab.n}
    return Index(params=params, vocab=vocab.codes, idf=vocab.idf, matrix=matrix,
                 postings=postings, titles=titles, lines=cat("lines", np.int64),
                 key_hashes=cat("hashes", np.uint64), meta=meta,
                 source_ids=cat("source_ids", np.uint16).astype(np.uint16))


def build_sharded(titles: Sequence[str], n_shards: int, *, lines: Sequence[int] | None = None,
                  sources: Sequence[str] = (), source_ids: Sequence[int] | None = None,
                  params: Params | None = None, part: int = 200_000) -> list[Index]:
    """The ``n_shards`` shards of an index of ``titles``, in one process."""
    if n_shards < 1:
        raise ValueError("n_shards must be at least 1")
    params = params or Params()
    titles = list(titles)
    steps = range(0, len(titles), part)
    vocab = merge_counts([count_part(titles[s:s + part], params) for s in steps], params)
    by_part = [vector_part(titles[s:s + part], vocab, n_shards, params=params, first_line=s + 1,
                           lines=lines[s:s + part] if lines is not None else None,
                           source_ids=source_ids[s:s + part] if source_ids is not None
                           else None) for s in steps]
    return [shard_index([p[k] for p in by_part], vocab, sources=sources, params=params)
            for k in range(n_shards)]
