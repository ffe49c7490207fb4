"""The lint engine behind ``titlekit lint``: inputs in pieces, results in input order, in one
process or in worker processes, keeping nothing of a piece once it is handed on.

A piece is up to :data:`PIECE` consecutive titles of one input (the recogniser's batch), sent to
a worker as plain tuples. With ``encode`` (a picklable function from a result to its text, see
:mod:`titlekit.output.stream`) a piece comes back as texts and a :class:`Tally`, so workers do
the encoding too and the parent only writes; without it, as results (for the duplicate rules
and the HTML report, which need the whole run). Workers: ``fork`` where the platform has it
(Linux: the loaded lexicons, segmenter and model are inherited, nothing is rebuilt), else
``spawn``, where each worker builds its own :class:`Linter` from the configuration. At most a
few pieces per worker are in flight, so memory does not grow with the input. The output is the
same whatever the number of processes: each piece is linted exactly as in one process.
"""

from __future__ import annotations

import gc
import os
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from ..errors import InputError
from ..formats.document import Document
from ..i18n import t
from ..output.common import Tally
from ..problems import Result
from ..reading.discovery import DEFAULT_MIN_CATALOG, discover
from .linter import Linter
from .suppress import linter_without

PIECE = 512  # titles per piece: lint_many's batch
AUTO_JOBS_FROM = 10_000  # --jobs by default: every core from this many titles on
WINDOW = 4  # pieces in flight per worker


@dataclass
class Piece:
    item: int  # which input
    path: str | None  # None: titles given as arguments (linted one by one)
    first: int  # number of the first record in its document
    rows: list[tuple]  # (title, context, line, listing, schema_errors, ignore) or (title,)
    last: bool = False  # the input's last piece


@dataclass
class Batch:
    """A linted piece: its results (no ``encode``) or their texts, and its tally."""

    item: int
    results: list[Result] | None
    texts: list[str] | None
    tally: Tally
    changed: dict[int, str] = field(default_factory=dict)
    last: bool = False


def count(inputs: Iterable[Document | str]) -> int:
    return sum(1 if isinstance(d, str) else len(d.records) for d in inputs)


def default_jobs(n_titles: int) -> int:
    return (os.cpu_count() or 1) if n_titles > AUTO_JOBS_FROM else 1


def catalog_brands(linter: Linter, doc: Document) -> frozenset[str]:
    """The brands discovered in a catalog (see :mod:`titlekit.reading.discovery`), when
    discovery is on and the catalog is big enough."""
    if not linter.config.discover_brands or len(doc.records) < DEFAULT_MIN_CATALOG:
        return frozenset()
    return discover((rec.title for rec in doc.records), linter.reader)


def pieces(inputs: Iterable[Document | str], size: int = PIECE,
           catalog: Callable[[Document], frozenset[str]] | None = None) -> Iterator[Piece]:
    """The inputs cut into pieces (string inputs next to each other share pieces); a
    document's titles carry the brands ``catalog`` discovers in it."""
    titles: list[tuple] = []
    start = -1
    for i, item in enumerate(inputs):
        if isinstance(item, str):
            if not titles:
                start = i
            titles.append((item,))
            if len(titles) >= size:
                yield Piece(start, None, 0, titles, True)
                titles = []
            continue
        if titles:
            yield Piece(start, None, 0, titles, True)
            titles = []
        rows: list[tuple] = []
        first = 0
        brands = catalog(item) if catalog is not None else frozenset()
        for n, rec in enumerate(item.records, 1):
            ctx = {**rec.context, "catalog_brands": brands} if brands else rec.context
            rows.append((rec.title, ctx, rec.line, rec.listing, rec.schema_errors,
                         rec.ignore))
            if len(rows) >= size:
                yield Piece(i, item.path, first, rows)
                rows, first = [], n
        yield Piece(i, item.path, first, rows, True)
    if titles:
        yield Piece(start, None, 0, titles, True)


def lint_one(linter: Linter, title: str, ctx: dict, fix: bool, path: str | None = None,
             line: int | None = None) -> Result:
    """One title's result; with ``fix`` the result of the fixed title, with ``fixed`` and
    the original title set when a fix changed it."""
    if fix:
        new, res = linter.fix(title, ctx)  # res describes the fixed title
        if new != title:
            res.fixed = new
            res.extra["original"] = title
    else:
        res = linter.lint(title, ctx)
    res.path, res.line = path, line
    return res


def _lint_suppressed(linter: Linter, path: str, row: tuple, fix: bool, given: dict
                     ) -> tuple[Result, str | None]:
    """A row with a titlekit-ignore column or field: linted without the rules it names."""
    title, ctx, line, listing, errors, ignore = row
    own = linter_without(linter, ignore, path, line)
    if listing is not None and not title:
        return own.lint_listing(listing, errors), None
    res = lint_one(own, title, {**ctx, **given}, fix, path, line)
    if listing is not None:
        own.add_listing_problems(res, listing, errors)
    new = res.fixed if fix and res.fixed is not None and res.fixed != title else None
    return res, new


def lint_piece(linter: Linter, piece: Piece, fix: bool, given: dict
               ) -> tuple[list[Result], dict[int, str]]:
    """A piece's results, as :func:`titlekit.linting.session.lint_document` makes them, and
    with ``fix`` its new titles by record number."""
    if piece.path is None:
        return [lint_one(linter, row[0], given, fix) for row in piece.rows], {}
    path = piece.path
    results: list[Result] = []
    changed: dict[int, str] = {}
    batched = linter.lint_many(
        (title, {**ctx, **given}) for title, ctx, _, listing, _, ignore in piece.rows
        if not (listing is not None and not title) and not ignore)
    for k, row in enumerate(piece.rows):
        title, ctx, line, listing, errors, ignore = row
        if ignore:  # titlekit-ignore: this row is linted without the rules it names
            res, new = _lint_suppressed(linter, path, row, fix, given)
            if new is not None:
                changed[piece.first + k] = new
            results.append(res)
            continue
        if listing is not None and not title:  # no usable title field
            results.append(linter.lint_listing(listing, errors))
            continue
        res = next(batched)
        res.path, res.line = path, line
        if fix and any(p.fix is not None and p.fix.safe for p in res.problems):
            res = lint_one(linter, title, {**ctx, **given}, fix, path, line)
        if listing is not None:
            linter.add_listing_problems(res, listing, errors)
        if fix and res.fixed is not None and res.fixed != title:
            changed[piece.first + k] = res.fixed
        results.append(res)
    return results, changed


_STATE: dict = {}  # in a worker: linter, fix, context, encode


def _setup(config, fix: bool, given: dict, encode) -> None:
    if _STATE.get("config") is not config or "linter" not in _STATE:
        _STATE["linter"] = Linter(config)  # spawn: built once per worker
    _STATE.update(config=config, fix=fix, given=given, encode=encode)


def _work(piece: Piece) -> Batch:
    return _batch(_STATE["linter"], piece, _STATE["fix"], _STATE["given"], _STATE["encode"])


def _batch(linter: Linter, piece: Piece, fix: bool, given: dict, encode) -> Batch:
    results, changed = lint_piece(linter, piece, fix, given)
    tally = Tally().add_all(results)
    if encode is None:
        return Batch(piece.item, results, None, tally, changed, piece.last)
    return Batch(piece.item, None, [encode(r) for r in results], tally, changed, piece.last)


def _context():
    import multiprocessing as mp  # only --jobs needs it

    if sys.platform.startswith("linux") and "fork" in mp.get_all_start_methods():
        return mp.get_context("fork")
    return mp.get_context("spawn")


def batches(inputs: list[Document | str], linter: Linter, *, fix: bool = False,
            context: dict | None = None, jobs: int = 1,
            encode: Callable[[Result], str] | None = None,
            on_written: Callable[[str, int], None] | None = None, write: bool = True,
            changes: list | None = None) -> Iterator[Batch]:
    """Every input's results (or texts), piece by piece, in input order. With ``fix``, a file
    whose titles changed is written back once its last piece is linted (``write=False``: not
    written); ``changes`` collects (document, new titles by record) of every changed input."""
    given = {k: v for k, v in (context or {}).items() if v}
    changed: dict[int, str] = {}
    for b in _run(inputs, linter, fix, given, jobs, encode):
        if fix:
            changed.update(b.changed)
            if b.last:
                if changed and changes is not None and not isinstance(inputs[b.item], str):
                    changes.append((inputs[b.item], changed))
                if write:
                    _write_back(inputs[b.item], changed, on_written)
                changed = {}
        yield b


def _run(inputs, linter, fix, given, jobs, encode) -> Iterator[Batch]:
    if jobs <= 1:
        for piece in pieces(inputs, catalog=lambda d: catalog_brands(linter, d)):
            yield _batch(linter, piece, fix, given, encode)
        return
    ctx = _context()
    if ctx.get_start_method() == "fork":
        # load the segmenter and the model once, here: every worker inherits them
        for _ in linter.lint_many([("耐克 运动鞋", None)]):
            pass
        _STATE.update(linter=linter, config=linter.config)
        # what is loaded by now lives as long as the workers: the collector of each worker
        # need not walk it (nor copy its pages by touching their reference counts)
        gc.freeze()
    with ctx.Pool(jobs, _setup, (linter.config, fix, given, encode)) as pool:
        pending: deque = deque()
        for piece in pieces(inputs, catalog=lambda d: catalog_brands(linter, d)):
            pending.append(pool.apply_async(_work, (piece,)))
            if len(pending) >= WINDOW * jobs:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()


def _write_back(item: Document | str, changed: dict[int, str],
                on_written: Callable[[str, int], None] | None) -> None:
    if isinstance(item, str) or not changed or item.path == "<stdin>":
        return
    try:
        item.write(changed)
    except OSError as exc:
        raise InputError(item.path, None, t("in.cannot_write_fixes", why=exc.strerror)) from None
    if on_written is not None:
        on_written(item.path, len(changed))
