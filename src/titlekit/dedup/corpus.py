"""Competitor corpora: an index file, or one built from title files on the fly."""

from __future__ import annotations

import os
from array import array
from collections.abc import Callable, Sequence

import numpy as np

from ..formats.dispatch import read_path
from . import index_file
from .index import Index

AUTO_JOBS_FROM = 100_000  # titles from which an index is built by every core


def is_index_file(path: str) -> bool:
    """An index by its suffix, or by the zip signature an index file starts with."""
    if path.lower().endswith(index_file.SUFFIX):
        return True
    if path.lower().endswith(".xlsx"):  # a zip file too, but a workbook of titles
        return False
    try:
        with open(path, "rb") as fh:
            return fh.read(4) == b"PK\x03\x04"
    except OSError:
        return False


def build(paths: Sequence[str], *, column: str | None = None,
          columns: dict[str, str] | None = None,
          progress: Callable[[int], None] | None = None,
          on_count: Callable[[int], None] | None = None, jobs: int | None = None) -> Index:
    """An index of every title in ``paths`` (each title remembers its file and line).
    ``on_count(n)`` is told the number of titles before the work starts. ``jobs``: worker
    processes [default: every core above :data:`AUTO_JOBS_FROM` titles, else 1]; the index
    is the same whatever the number."""
    titles: list[str] = []
    lines = array("q")
    source_ids = array("q")
    for sid, p in enumerate(paths):
        # a .txt file's records are made one at a time and not kept (only title and line are)
        doc = read_path(p, column=column, columns=columns, lazy=True)
        for rec in doc.records:
            titles.append(rec.title)
            lines.append(rec.line)
            source_ids.append(sid)
        del doc
    if on_count is not None:
        on_count(len(titles))
    if jobs is None:
        jobs = (os.cpu_count() or 1) if len(titles) > AUTO_JOBS_FROM else 1
    return Index.build(titles, lines=np.frombuffer(lines, dtype=np.int64).copy(),
                       sources=list(paths),
                       source_ids=np.frombuffer(source_ids, dtype=np.int64).astype(np.uint16),
                       progress=progress, jobs=jobs)


def competitors(path: str, *, column: str | None = None, columns: dict[str, str] | None = None,
                search: bool = True, progress: Callable[[int], None] | None = None) -> Index:
    """The competitor index in ``path``, or one built from the titles of ``path``."""
    if is_index_file(path):
        return index_file.load(path, search=search)
    return build([path], column=column, columns=columns, progress=progress)
