"""Competitor corpora: an index file, or one built from title files on the fly."""

from __future__ import annotations

import os
from array import array
from collections.abc import Callable, Sequence

import numpy as np

from ..formats.dispatch import read_path
from . import index_file, sharded
from .index import Index

AUTO_JOBS_FROM = 100_000  # titles from which an index is built by every core


def is_index_file(path: str) -> bool:
    """An index by its suffix, or by the zip signature an index file starts with, or the
    manifest of a sharded index."""
    if path.lower().endswith(index_file.SUFFIX) or sharded.is_manifest(path):
        return True
    if path.lower().endswith(".xlsx"):  # a zip file too, but a workbook of titles
        return False
    try:
        with open(path, "rb") as fh:
            return fh.read(4) == b"PK\x03\x04"
    except OSError:
        return False


def titles(paths: Sequence[str], *, column: str | None = None,
           columns: dict[str, str] | None = None
           ) -> tuple[list[str], np.ndarray, np.ndarray]:
    """The titles of ``paths`` with the line (int64) and the number of the file (uint16) of
    each. A .txt file's records are made one at a time and not kept (only title and line)."""
    out: list[str] = []
    lines = array("q")
    source_ids = array("q")
    for sid, p in enumerate(paths):
        doc = read_path(p, column=column, columns=columns, lazy=True)
        fast = getattr(doc.records, "titles_and_lines", None)  # a .txt file's
        if fast is not None:
            found, numbers = fast()
            out += found
            lines.extend(numbers)
            source_ids.extend([sid] * len(found))
            del doc
            continue
        for rec in doc.records:
            out.append(rec.title)
            lines.append(rec.line)
            source_ids.append(sid)
        del doc
    return (out, np.frombuffer(lines, dtype=np.int64).copy(),
            np.frombuffer(source_ids, dtype=np.int64).astype(np.uint16))


def build(paths: Sequence[str], *, column: str | None = None,
          columns: dict[str, str] | None = None,
          progress: Callable[[int], None] | None = None,
          on_count: Callable[[int], None] | None = None, jobs: int | None = None) -> Index:
    """An index of every title in ``paths`` (each title remembers its file and line).
    ``on_count(n)`` is told the number of titles before the work starts. ``jobs``: worker
    processes [default: every core above :data:`AUTO_JOBS_FROM` titles, else 1]; the index
    is the same whatever the number."""
    found, lines, source_ids = titles(paths, column=column, columns=columns)
    if on_count is not None:
        on_count(len(found))
    if jobs is None:
        jobs = (os.cpu_count() or 1) if len(found) > AUTO_JOBS_FROM else 1
    return Index.build(found, lines=lines, sources=list(paths), source_ids=source_ids,
                       progress=progress, jobs=jobs)


def competitors(path: str, *, column: str | None = None, columns: dict[str, str] | None = None,
                search: bool = True, progress: Callable[[int], None] | None = None
                ) -> Index | sharded.ShardedIndex:
    """The competitor index in ``path`` (one file or a sharded index's manifest), or one built
    from the titles of ``path``."""
    if sharded.is_manifest(path):
        return sharded.load(path, search=search)
    if is_index_file(path):
        return index_file.load(path, search=search)
    return build([path], column=column, columns=columns, progress=progress)
