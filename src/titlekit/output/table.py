"""Results as a table: one row per title, the columns of ``titlekit lint --format parquet`` and
of :func:`titlekit.frame.lint_frame`.

``problems`` and ``slots`` are JSON strings, exactly the ``problems`` and ``slots`` lists that
``titlekit lint --format json`` gives for the title (so a row decodes with ``json.loads`` to
what the JSON report has); ``errors``, ``warnings`` and ``infos`` count the title's problems by
severity. pyarrow is imported only by :func:`write_parquet` (the extra ``titlekit[dask]``).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence

from ..problems import Result
from .json_doc import exact_json

# the columns a frame gets for each title (the frame keeps its own title column and index)
RESULT_COLUMNS = ("score", "bytes", "errors", "warnings", "infos", "problems", "slots")
# the columns of a Parquet report: where each title came from, then the above
REPORT_COLUMNS = ("path", "line", "title", *RESULT_COLUMNS)


def result_row(r: Result) -> dict:
    """One title's values of :data:`RESULT_COLUMNS` (and ``fixed`` when a fix changed it)."""
    sev = [p.severity for p in r.problems]
    row = {"score": r.score, "bytes": r.bytes, "errors": sev.count("error"),
           "warnings": sev.count("warning"), "infos": sev.count("info"),
           "problems": exact_json([p.to_dict() for p in r.problems]),
           "slots": exact_json([s.to_dict() for s in r.slots])}
    if r.fixed is not None:
        row["fixed"] = r.fixed
    return row


def result_columns(results: Iterable[Result], *, fixed: bool = False,
                   report: bool = False) -> dict[str, list]:
    """Column name -> values of ``results``; ``fixed`` adds the fixed title (or None),
    ``report`` the path, line and title."""
    names = list(REPORT_COLUMNS if report else RESULT_COLUMNS) + (["fixed"] if fixed else [])
    cols: dict[str, list] = {n: [] for n in names}
    for r in results:
        row = result_row(r)
        if report:
            row.update(path=r.path, line=r.line, title=r.title)
        for n in names:
            cols[n].append(row.get(n))
    return cols


def write_parquet(path: str | os.PathLike, results: Sequence[Result], *,
                  fixed: bool = False) -> None:
    """A Parquet report of ``results`` at ``path``, written atomically."""
    from ..extras import require
    from ..formats.document import atomic_write

    pa = require("pyarrow", "extra.write_parquet", str(path))
    pq = require("pyarrow.parquet", "extra.write_parquet", str(path))
    cols = result_columns(results, fixed=fixed, report=True)
    types = {"path": pa.string(), "line": pa.int64(), "title": pa.string(),
             "score": pa.int64(), "bytes": pa.int64(), "errors": pa.int64(),
             "warnings": pa.int64(), "infos": pa.int64(), "problems": pa.string(),
             "slots": pa.string(), "fixed": pa.string()}
    table = pa.table({n: pa.array(v, type=types[n]) for n, v in cols.items()})
    atomic_write(path, lambda fh: pq.write_table(table, fh))
