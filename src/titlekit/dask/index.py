"""The sharded competitor index on Dask: built in two passes over a corpus's partitions, one
task per shard; queried with one task per shard, the best hits merged on the client.

Build (:func:`build_index`): pass 1 counts each partition's n-grams (:func:`count_part`),
the client adds them up into the vocabulary, idf and rare n-grams (:func:`merge_counts`, a few
MB) and sends it to every worker; pass 2 vectorises each partition and cuts it by shard
(:func:`vector_part`), and the task of shard ``s`` takes its rows of every partition, makes the
shard (:func:`shard_index`) and writes it where the manifest will be. Workers and client must
see the same folder (a shared file system on a real cluster). The manifest is written last.

Query (:func:`nearest`): shard ``s`` goes to worker ``s % workers``, which loads it once and
keeps it; each task returns its shard's best ``k`` per query and the client keeps the best
(:func:`merge_pick`).
"""

from __future__ import annotations

import operator
import os
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from ..dedup import index_file
from ..dedup.index import Index, Neighbours
from ..dedup.sharded import (
    Hits,
    manifest_doc,
    merge_pick,
    read_manifest,
    shard_hits,
    shard_names,
    shard_paths,
    write_manifest,
)
from ..dedup.shards import Vocabulary, count_part, merge_counts, shard_index, vector_part
from ..dedup.vectors import Params
from ..extras import require
from ..formats.parquet import text_of
from .cluster import current_client

dask = require("dask", "extra.dask")
distributed = require("distributed", "extra.dask")


def _client(client):
    client = client or current_client()
    if client is None:
        raise ValueError("no Dask client: open one with titlekit.dask.connect(...)")
    return client


def _titles(series) -> list[str]:
    return [text_of(t) for t in series.tolist()]


def _count(series, params: Params):
    return count_part(_titles(series), params)


def _size(counts) -> int:
    return counts.n


def _vector(series, vocab: Vocabulary, n_shards: int, first_line: int, params: Params):
    return vector_part(_titles(series), vocab, n_shards, first_line=first_line, params=params)


def _write_shard(parts: list, vocab: Vocabulary, path: str, sources: list[str],
                 params: Params) -> int:
    shard = shard_index(parts, vocab, sources=sources, params=params)
    index_file.save(shard, path)
    return len(shard)


def build_index(ddf, output: str | os.PathLike, *, shards: int, column: str = "title",
                source: str | None = None, params: Params | None = None, client=None
                ) -> list[str]:
    """Build a sharded index of ``ddf[column]`` (a Dask DataFrame) on the cluster and write
    its ``shards`` files and manifest at ``output``; the shard paths. Title ``i`` of the
    corpus (counted over the partitions in order) has line ``i + 1``; ``source`` names the
    corpus in messages."""
    client = _client(client)
    params = params or Params()
    parts = ddf[column].to_delayed()
    counts = client.compute([dask.delayed(_count)(p, params) for p in parts])
    sizes = client.gather(client.map(_size, counts))
    vocab = client.submit(merge_counts, counts, params)
    first = np.concatenate([[1], 1 + np.cumsum(sizes)[:-1]]).astype(int).tolist()
    vectors = client.compute([dask.delayed(_vector)(p, vocab, shards, f, params)
                              for p, f in zip(parts, first)])
    names = shard_names(output, shards)
    folder = Path(output).parent
    sources = [source or str(output)]
    tasks = []
    for s, name in enumerate(names):
        pieces = [client.submit(operator.getitem, v, s) for v in vectors]
        tasks.append(client.submit(_write_shard, pieces, vocab, str(folder / name), sources,
                                   params, pure=False))
    lengths = client.gather(tasks)
    features = client.submit(lambda v: len(v.codes), vocab).result()
    write_manifest(output, manifest_doc(params.to_dict(), features, sources, names, lengths))
    return [str(folder / n) for n in names]


_SHARDS: dict[tuple, Index] = {}  # per worker: the shards it has loaded


def _load_shard(path: str) -> Index:
    st = os.stat(path)
    key = (os.path.abspath(path), st.st_mtime_ns, st.st_size)
    shard = _SHARDS.get(key)
    if shard is None:
        shard = _SHARDS[key] = index_file.load(path)
    return shard


def _query_shard(path: str, offset: int, titles: list[str], k: int) -> tuple[Hits, np.ndarray]:
    shard = _load_shard(path)
    hits = shard_hits(shard, offset, titles, k)
    names = np.empty(hits.index.shape, dtype=object)
    for (i, j), row in np.ndenumerate(hits.index):
        names[i, j] = shard.title(int(row - offset)) if row >= 0 else None
    return hits, names


def nearest(path: str | os.PathLike, titles: Sequence[str], *, k: int = 1, client=None
            ) -> tuple[Neighbours, list[list[str | None]]]:
    """The ``k`` nearest corpus titles of each of ``titles`` in the sharded index at
    ``path``, each shard searched by a task on the cluster; the neighbours (rows of the whole
    index, shard by shard) and the titles found."""
    client = _client(client)
    doc = read_manifest(path)
    offsets = np.concatenate([[0], np.cumsum([s["titles"] for s in doc["shards"]])])
    queries = client.scatter([list(titles)], broadcast=True)[0]
    # shard s always goes to the same worker, which keeps it loaded: each worker holds its
    # share of the shards, not every shard it was once given
    workers = sorted(client.scheduler_info()["workers"])
    futures = [client.submit(_query_shard, p, int(o), queries, k, pure=False,
                             workers=[workers[s % len(workers)]] if workers else None)
               for s, (p, o) in enumerate(zip(shard_paths(path), offsets))]
    found = client.gather(futures)
    hits = [h for h, _ in found]
    pick = merge_pick(hits, k)
    idx = np.take_along_axis(np.concatenate([h.index for h in hits], axis=1), pick, axis=1)
    sim = np.take_along_axis(np.concatenate([h.similarity for h in hits], axis=1), pick, axis=1)
    names = np.take_along_axis(np.concatenate([n for _, n in found], axis=1), pick, axis=1)
    sim[idx < 0] = 0
    return Neighbours(idx.astype(np.int64), sim.astype(np.float32)), names.tolist()
