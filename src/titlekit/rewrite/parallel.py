"""A catalog's rows rewritten in worker processes, block by block, results in input order.

Each block of rows is rewritten exactly as :class:`~titlekit.rewrite.rewriter.Rewriter` does
it in one process (a row's rewrite depends on its own title and columns only), so the output
is the same whatever the number of processes; what depends on the whole catalog (titles
identical to an earlier row's, the competitor check) is done afterwards in the parent. Workers
are forked: they inherit the loaded lexicons, segmenter, recogniser, keyword file and index, and
read their block of rows from the parent's memory; only the results travel, without their
readings' slots (the catalog and the report do not use them; a caller of the Python API who
needs them rewrites in one process). Where the platform has no ``fork`` (Windows, and macOS,
where forking a process that has loaded NumPy is unsafe), the rows are rewritten in one
process.
"""

from __future__ import annotations

import gc
import sys
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING

from .report import RowResult

if TYPE_CHECKING:
    from .rewriter import Rewriter

WINDOW = 3  # blocks in flight per worker

_STATE: dict = {}  # what a forked worker inherits: the rewriter and the rows


def can_fork() -> bool:
    import multiprocessing as mp

    return sys.platform.startswith("linux") and "fork" in mp.get_all_start_methods()


def blocks(rw: Rewriter, items: Sequence[tuple[str, dict | None]], contexts: list[dict],
           lines: Sequence[int | None] | None, block: int, jobs: int,
           progress: Callable[[int], None] | None = None) -> Iterator[list[RowResult]]:
    """The rows' results, one block at a time, in input order."""
    spans = [(a, min(a + block, len(items))) for a in range(0, len(items), block)]
    if jobs <= 1 or len(spans) <= 1 or not can_fork():
        for a, b in spans:
            yield rw.rewrite_block(items, contexts, lines, a, b)
            if progress is not None:
                progress(b - a)
        return
    import multiprocessing as mp

    _STATE.update(rw=rw, items=items, contexts=contexts, lines=lines)
    gc.freeze()  # what is loaded lives as long as the workers: their collectors skip it
    try:
        with mp.get_context("fork").Pool(min(jobs, len(spans))) as pool:
            pending: deque = deque()
            for span in spans:
                pending.append((span, pool.apply_async(_work, span)))
                if len(pending) >= WINDOW * jobs:
                    yield _done(pending, progress)
            while pending:
                yield _done(pending, progress)
    finally:
        _STATE.clear()
        gc.unfreeze()


def _done(pending: deque, progress: Callable[[int], None] | None) -> list[RowResult]:
    (a, b), job = pending.popleft()
    rows = job.get()
    if progress is not None:
        progress(b - a)
    return rows


def _work(a: int, b: int) -> list[RowResult]:
    s = _STATE
    rows = s["rw"].rewrite_block(s["items"], s["contexts"], s["lines"], a, b)
    for r in rows:  # a dozen slots a row would cost more to send than the rewrite itself
        r.before.slots = r.after.slots = []
    return rows
