"""``lint_frame``: the titles of one DataFrame (a partition) through the lint engine of
``titlekit lint``, results as columns (see :mod:`titlekit.output.table`).

The frame's rows are linted exactly as the records of one document are in
:func:`titlekit.linting.session.lint_inputs`: the same pieces, batches, context columns,
``titlekit-ignore`` column and fix loop, so each row's ``problems`` and ``slots`` are the JSON
that ``titlekit lint --format json`` gives for that title.

Catalog-level knowledge: brand discovery (``discover-brands``) looks at a whole catalog. With
``brands="discover"`` (the default) the frame is that catalog, as a file is for
``titlekit lint``; when a catalog is cut into partitions, find the brands once over the whole
title column (:func:`discover_brands`; :func:`titlekit.dask.lint_dataframe` does) and pass
them as ``brands=`` to every partition, or pass ``brands=()`` for none. The duplicate rules
(``duplicate-competitor``, ``duplicate-in-catalog``) need the whole run and are not run here.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..config import Config
from ..extras import require
from ..formats.columns import IGNORE_COLUMNS, Columns, find_column, parse_ignore
from ..formats.document import Document, Record
from ..formats.parquet import text_of
from ..linting.linter import Linter
from ..linting.stream import catalog_brands, lint_piece, pieces
from ..output.table import RESULT_COLUMNS, result_columns
from ..problems import Result
from ..reading.discovery import DEFAULT_MIN_CATALOG, discover

pd = require("pandas", "extra.frame")

FRAME_PATH = "<frame>"
_LINTERS: dict[str, Linter] = {}  # per process: one linter (lexicons, model) per config
_INTS = ("score", "bytes", "errors", "warnings", "infos")


def linter_for(config: Config | None = None) -> Linter:
    """The linter of ``config`` in this process, built once (a Dask worker keeps it)."""
    cfg = config or Config()
    key = repr(cfg)
    linter = _LINTERS.get(key)
    if linter is None:
        linter = _LINTERS[key] = Linter(cfg)
    return linter


def discover_brands(titles: Iterable[str], config: Config | None = None) -> frozenset[str]:
    """The brands catalog discovery finds in ``titles`` (a whole catalog's column), as
    ``titlekit lint`` finds them in one file: none when ``discover-brands`` is off or the
    catalog is smaller than the discovery minimum."""
    linter = linter_for(config)
    titles = [text_of(t) for t in titles]
    if not linter.config.discover_brands or len(titles) < DEFAULT_MIN_CATALOG:
        return frozenset()
    return discover(titles, linter.reader)


def context_columns(columns: Iterable[object], given: dict[str, str | None]) -> dict[str, Any]:
    """Context key (brand, model, category …) -> column: the columns named by the aliases a
    CSV header is read with, then ``given`` (a column name, or None for none)."""
    names = list(columns)
    found = Columns().context([[str(n) for n in names]])
    out: dict[str, Any] = {k: names[c] for k, c in found.items()}
    out.update(given)
    return {k: v for k, v in out.items() if v is not None}


def frame_document(df, column: str, context: dict[str, Any]) -> Document:
    """The frame's rows as the records of one document (row ``i`` is line ``i + 1``)."""
    if column not in df.columns:
        raise KeyError(f"no column {column!r} in the frame (columns: {list(df.columns)[:12]})")
    titles = df[column].tolist()
    ctx_values = {k: df[c].tolist() for k, c in context.items()}
    ignore_col = find_column([str(c) for c in df.columns], IGNORE_COLUMNS)
    ignores = df[df.columns[ignore_col]].tolist() if ignore_col is not None else None
    records = []
    for i, title in enumerate(titles):
        ctx = {k: v for k, vals in ctx_values.items() if (v := text_of(vals[i]).strip())}
        rec = Record(FRAME_PATH, i + 1, text_of(title), ctx)
        if ignores is not None and text_of(ignores[i]):
            rec.ignore = parse_ignore(text_of(ignores[i]))
        records.append(rec)
    return Document(FRAME_PATH, "frame", "", "utf-8", b"", records, column=column)


def lint_results(df, column: str = "title", *, config: Config | None = None, fix: bool = False,
                 brands: str | Iterable[str] = "discover", context: dict | None = None,
                 **columns: str | None) -> list[Result]:
    """The :class:`~titlekit.problems.Result` of every row of ``df``, in row order."""
    linter = linter_for(config)
    doc = frame_document(df, column, context_columns(df.columns, columns))
    found = (catalog_brands(linter, doc) if brands == "discover"
             else frozenset(brands or ()))
    given = {k: v for k, v in (context or {}).items() if v}
    results: list[Result] = []
    for piece in pieces([doc], catalog=lambda d: found):
        results += lint_piece(linter, piece, fix, given)[0]
    return results


def typed(cols: dict[str, list], index=None):
    """A frame of result columns with fixed dtypes (int64 counts, text columns as strings),
    the same for an empty partition (Dask's ``meta``) as for a full one."""
    frame = pd.DataFrame(cols, index=index)
    types = {c: ("int64" if c in _INTS else "string") for c in cols}
    return frame.astype(types)


def result_meta(fix: bool = False):
    """An empty frame with the columns and dtypes :func:`lint_frame` returns."""
    return typed({c: [] for c in (*RESULT_COLUMNS, *(("fixed",) if fix else ()))})


def lint_frame(df, column: str = "title", *, config: Config | None = None, fix: bool = False,
               brands: str | Iterable[str] = "discover", context: dict | None = None,
               **context_cols: str | None):
    """Lint the titles in ``df[column]``; a frame with ``df``'s index and the columns
    ``score``, ``bytes``, ``errors``, ``warnings``, ``infos``, ``problems`` and ``slots``
    (JSON strings), and with ``fix`` also ``fixed`` (the fixed title, or None).

    ``context_cols`` name a row's context columns (``brand="品牌"``, ``model="货号"``,
    ``category=…``; None for none); columns named as titlekit reads them from a CSV header
    (brand, 品牌, model, 货号 …) are found without it. ``context`` applies to every row (as
    ``--brand`` does). ``brands``: see the module docstring."""
    results = lint_results(df, column, config=config, fix=fix, brands=brands, context=context,
                           **context_cols)
    return typed(result_columns(results, fixed=fix), index=df.index)
