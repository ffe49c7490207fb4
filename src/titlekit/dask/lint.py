"""Lint on Dask: :func:`lint_frame` on every partition of a Dask DataFrame.

Each worker process builds its linter once (:func:`titlekit.frame.linter_for`; warmed on every
worker before the first task when a distributed client is in use) and keeps it for every
partition it gets. Results are those of the one-process lint, title by title:

- brand discovery (``discover-brands``) sees the whole title column, as ``titlekit lint`` sees
  a whole file: with ``brands="discover"`` the column's brands are found once, before the
  partitions are linted (the titles are brought to the client for that: a marketplace-sized
  column should pass ``brands=()``, or brands found once by other means), and every partition
  gets the same set;
- the duplicate rules need the whole run and are not run here (use the sharded index:
  :func:`titlekit.dask.nearest`).
"""

from __future__ import annotations

from collections.abc import Iterable

from ..config import Config
from ..errors import InputError
from ..extras import require
from ..formats.columns import Columns
from ..formats.parquet import text_of
from ..frame.lint import discover_brands, lint_frame, linter_for, result_meta
from ..output.table import REPORT_COLUMNS
from ..problems import SEVERITY_RANK
from .cluster import current_client

dask = require("dask", "extra.dask")
dd = require("dask.dataframe", "extra.dask")
pd = require("pandas", "extra.dask")


def whole_column_brands(ddf, column: str, config: Config | None) -> frozenset[str]:
    """The brands discovery finds in the whole of ``ddf[column]`` (none when it is off)."""
    if not linter_for(config).config.discover_brands:
        return frozenset()
    return discover_brands(ddf[column].compute().tolist(), config)


def warm(config: Config | None) -> None:
    """Build the linter (lexicons, segmenter, model) once in every worker process."""
    client = current_client()
    if client is not None:
        client.run(_warm, config)


def _warm(config: Config | None) -> None:
    for _ in linter_for(config).lint_many([("耐克 运动鞋", None)]):
        pass


def lint_dataframe(ddf, column: str = "title", *, config: Config | None = None,
                   fix: bool = False, brands: str | Iterable[str] = "discover",
                   context: dict | None = None, **context_cols: str | None):
    """A lazy Dask DataFrame of the lint results of ``ddf[column]`` (the columns of
    :func:`titlekit.frame.lint_frame`, ``ddf``'s index and partitions). ``brands``:
    ``"discover"`` (found once over the whole column), an iterable of brands, or ``()``."""
    found = (whole_column_brands(ddf, column, config) if brands == "discover"
             else frozenset(brands or ()))
    warm(config)
    return ddf.map_partitions(lint_frame, column, config=config, fix=fix, brands=found,
                              context=context, meta=result_meta(fix), **context_cols)


def _report(part, column: str, source: str, offsets: list[int], partition_info=None, **kw):
    """A partition's report rows: path, line (row number in the dataset), title, results."""
    number = partition_info["number"] if partition_info else 0
    res = lint_frame(part, column, **kw)
    head = pd.DataFrame({"path": source, "line": range(offsets[number] + 1,
                                                       offsets[number] + 1 + len(part)),
                         "title": [text_of(t) for t in part[column].tolist()]},
                        index=part.index)
    out = pd.concat([head, res], axis=1)
    return out.astype({"path": "string", "line": "int64", "title": "string"})


def lint_parquet(source: str, output: str, *, column: str | None = None,
                 config: Config | None = None, fix: bool = False,
                 brands: str | Iterable[str] = "discover", context: dict | None = None,
                 **context_cols: str | None) -> dict:
    """Lint the Parquet dataset ``source`` (a file, a folder or a glob; the title column
    ``column``, else found by name as in a CSV header) on the current client and write the
    report as the Parquet dataset ``output`` (a folder of part files; the columns of
    ``titlekit lint --format parquet``). Returns the summary: titles,
    errors, warnings, infos and ``status`` (1 when a problem is at or above ``fail-on``)."""
    ddf = dd.read_parquet(source)
    if column is None:  # the title column by the names a CSV header is read with
        found_col = Columns().title([[str(c) for c in ddf.columns]])
        column = str(ddf.columns[found_col]) if found_col is not None else "title"
    if column not in ddf.columns:
        raise InputError(source, None, f"no title column {column!r} (columns: "
                         f"{', '.join(map(str, list(ddf.columns)[:12]))}); name it with --column")
    found = (whole_column_brands(ddf, column, config) if brands == "discover"
             else frozenset(brands or ()))
    warm(config)
    sizes = ddf[column].map_partitions(len).compute().tolist()
    offsets = [0]
    for n in sizes:
        offsets.append(offsets[-1] + n)
    meta = pd.concat([pd.DataFrame({"path": pd.Series([], dtype="string"),
                                    "line": pd.Series([], dtype="int64"),
                                    "title": pd.Series([], dtype="string")}),
                      result_meta(fix)], axis=1)
    out = ddf.map_partitions(_report, column, source, offsets, config=config, fix=fix,
                             brands=found, context=context, meta=meta, **context_cols)
    write = out.to_parquet(output, write_index=False, compute=False)
    counts = out[["errors", "warnings", "infos"]].sum()
    _, totals = dask.compute(write, counts)
    fail_on = linter_for(config).config.fail_on
    worst = max((SEVERITY_RANK[s] for s, c in (("error", totals["errors"]),
                                               ("warning", totals["warnings"]),
                                               ("info", totals["infos"])) if c), default=-1)
    return {"titles": offsets[-1], "errors": int(totals["errors"]),
            "warnings": int(totals["warnings"]), "infos": int(totals["infos"]),
            "status": 1 if worst >= SEVERITY_RANK[fail_on] else 0,
            "columns": list(REPORT_COLUMNS) + (["fixed"] if fix else [])}
