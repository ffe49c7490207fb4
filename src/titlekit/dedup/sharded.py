"""A sharded index on disk and in use: a manifest naming N ordinary index files.

The manifest is a small JSON file (``format: titlekit-index-shards``) at the path the user
names, written last and atomically; the shards are ordinary ``.tkidx`` files beside it
(``NAME-00000-of-00004.tkidx`` …), each written atomically by :func:`.index_file.save`.
:func:`load` reads them into a :class:`ShardedIndex`, which answers what an
:class:`~titlekit.dedup.index.Index` answers (``nearest``, ``identical``, ``title``, ``where``),
so ``--competitors`` takes either. A query runs against every shard (:func:`shard_hits`, one
task per shard on Dask) and :func:`merge_hits` keeps the best: higher similarity first, then
the corpus order (source, line), which is how a single index breaks ties.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..errors import IndexFileError
from ..formats.document import atomic_write
from ..version import __version__
from . import index_file
from .index import Index, Neighbours
from .keys import key, key_hash
from .shards import shard_of

FORMAT = "titlekit-index-shards"
FORMAT_VERSION = 1
HASH = "blake2b-64 of the title key (NFKC, lower case, letters/digits/CJK), modulo shards"


def shard_names(path: str | os.PathLike, n_shards: int) -> list[str]:
    """File names (beside the manifest) of the shards of the index at ``path``."""
    stem = Path(path).name
    if stem.lower().endswith(index_file.SUFFIX):
        stem = stem[: -len(index_file.SUFFIX)]
    return [f"{stem}-{k:05d}-of-{n_shards:05d}{index_file.SUFFIX}" for k in range(n_shards)]


def manifest(shards: Sequence[Index], names: Sequence[str]) -> dict:
    first = shards[0]
    return manifest_doc(first.params.to_dict(), len(first.vocab), first.meta.get("sources", []),
                        names, [len(s) for s in shards])


def manifest_doc(params: dict, features: int, sources: Sequence[str], names: Sequence[str],
                 sizes: Sequence[int]) -> dict:
    """The manifest of shards ``names`` holding ``sizes`` titles."""
    return {"format": FORMAT, "format_version": FORMAT_VERSION, "titlekit_version": __version__,
            "hash": HASH, "params": params, "titles": int(sum(sizes)), "features": int(features),
            "sources": list(sources),
            "shards": [{"file": f, "titles": int(n)} for f, n in zip(names, sizes)]}


def write_manifest(path: str | os.PathLike, doc: dict) -> None:
    data = json.dumps(doc, ensure_ascii=False, indent=2).encode("utf-8") + b"\n"
    atomic_write(path, data)


def save(shards: Sequence[Index], path: str | os.PathLike) -> list[str]:
    """Write every shard, then the manifest at ``path``; the shard paths written."""
    names = shard_names(path, len(shards))
    folder = Path(path).parent
    for shard, name in zip(shards, names):
        index_file.save(shard, folder / name)
    write_manifest(path, manifest(shards, names))
    return [str(folder / n) for n in names]


def is_manifest(path: str | os.PathLike) -> bool:
    """Does ``path`` hold a sharded index's manifest (JSON naming its format)?"""
    try:
        with open(path, "rb") as fh:
            head = fh.read(4096)
    except OSError:
        return False
    return head.lstrip()[:1] == b"{" and FORMAT.encode() in head


def read_manifest(path: str | os.PathLike) -> dict:
    name = str(path)
    try:
        doc = json.loads(Path(path).read_bytes().decode("utf-8"))
    except OSError as exc:
        raise IndexFileError(f"{name}: cannot read: {exc.strerror}") from None
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise IndexFileError(f"{name}: corrupt sharded index manifest (not JSON)") from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise IndexFileError(f"{name}: not a titlekit sharded index manifest")
    if doc.get("format_version") != FORMAT_VERSION:
        raise IndexFileError(f"{name}: sharded index format {doc.get('format_version')}; this "
                             f"titlekit reads format {FORMAT_VERSION}: build it again with "
                             "`titlekit index build --shards N`")
    shards = doc.get("shards")
    if (not isinstance(shards, list) or not shards
            or not all(isinstance(s, dict) and isinstance(s.get("file"), str)
                       and "/" not in s["file"] and "\\" not in s["file"] for s in shards)):
        raise IndexFileError(f"{name}: corrupt sharded index manifest (bad shard list)")
    return doc


def shard_paths(path: str | os.PathLike) -> list[str]:
    folder = Path(path).parent
    return [str(folder / s["file"]) for s in read_manifest(path)["shards"]]


def load(path: str | os.PathLike, *, search: bool = True) -> ShardedIndex:
    """The sharded index whose manifest is ``path``; each shard checked as an index file is."""
    doc = read_manifest(path)
    shards = [index_file.load(p, search=search) for p in shard_paths(path)]
    for entry, shard in zip(doc["shards"], shards):
        if entry.get("titles") != len(shard):
            raise IndexFileError(f"{path}: shard {entry['file']} holds {len(shard)} titles, "
                                 f"the manifest says {entry.get('titles')}")
    return ShardedIndex(shards, doc)


@dataclass
class Hits:
    """One shard's best hits for a batch of queries, in whole-index rows."""

    index: np.ndarray  # (queries, k) rows of the whole index, -1 for none
    similarity: np.ndarray
    order: np.ndarray  # corpus order of each hit (source << 40 | line): the tie-break


def corpus_order(shard: Index, rows: np.ndarray) -> np.ndarray:
    sid = shard.source_ids[rows].astype(np.int64) if len(shard.source_ids) else 0
    return (sid << 40) | shard.lines[rows].astype(np.int64)


def shard_hits(shard: Index, offset: int, titles: Sequence[str], k: int = 1, **kw) -> Hits:
    """The ``k`` best hits of ``titles`` in one shard (rows counted from ``offset``)."""
    nb = shard.nearest(titles, k=k, **kw)
    found = nb.index >= 0
    order = np.full(nb.index.shape, np.iinfo(np.int64).max, dtype=np.int64)
    order[found] = corpus_order(shard, nb.index[found])
    rows = np.where(found, nb.index + offset, -1)
    return Hits(rows, nb.similarity, order)


def merge_pick(hits: Sequence[Hits], k: int = 1) -> np.ndarray:
    """Which of the shards' hits (columns of the shards' hits side by side) are the best
    ``k``: higher similarity, then earlier in the corpus."""
    idx = np.concatenate([h.index for h in hits], axis=1)
    sim = np.concatenate([h.similarity for h in hits], axis=1)
    order = np.concatenate([h.order for h in hits], axis=1)
    rank = np.where(idx >= 0, -sim.astype(np.float64), np.inf)
    return np.lexsort((order, rank), axis=1)[:, :k]


def merge_hits(hits: Sequence[Hits], k: int = 1) -> Neighbours:
    """The best ``k`` of every shard's hits (see :func:`merge_pick`)."""
    pick = merge_pick(hits, k)
    out_i = np.take_along_axis(np.concatenate([h.index for h in hits], axis=1), pick, axis=1)
    out_s = np.take_along_axis(np.concatenate([h.similarity for h in hits], axis=1), pick,
                               axis=1)
    out_s[out_i < 0] = 0
    return Neighbours(out_i.astype(np.int64), out_s.astype(np.float32))


class ShardedIndex:
    """The shards of one index, answering as that index does (rows are numbered shard by
    shard: shard 0's rows first)."""

    def __init__(self, shards: Sequence[Index], meta: dict | None = None) -> None:
        self.shards = list(shards)
        self.offsets = np.zeros(len(self.shards) + 1, dtype=np.int64)
        np.cumsum([len(s) for s in self.shards], out=self.offsets[1:])
        self.meta = meta or {}
        self.params = self.shards[0].params
        self.vocab = self.shards[0].vocab

    def __len__(self) -> int:
        return int(self.offsets[-1])

    def _locate(self, i: int) -> tuple[Index, int]:
        s = int(np.searchsorted(self.offsets, i, side="right")) - 1
        return self.shards[s], i - int(self.offsets[s])

    def title(self, i: int) -> str:
        shard, j = self._locate(i)
        return shard.title(j)

    def where(self, i: int) -> dict:
        shard, j = self._locate(i)
        return shard.where(j)

    def identical(self, title: str) -> int:
        s = int(shard_of(np.array([key_hash(key(title))], dtype=np.uint64),
                         len(self.shards))[0])
        j = self.shards[s].identical(title)
        return j + int(self.offsets[s]) if j >= 0 else -1

    def nearest(self, titles: Sequence[str], *, k: int = 1,
                progress: Callable[[int], None] | None = None, **kw) -> Neighbours:
        """The ``k`` most similar corpus titles of each query, over every shard."""
        hits = [shard_hits(s, int(o), titles, k, **kw)
                for s, o in zip(self.shards, self.offsets)]
        if progress is not None:
            progress(len(titles))
        return merge_hits(hits, k)
