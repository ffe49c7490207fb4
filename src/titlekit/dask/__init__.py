"""titlekit on a Dask cluster (the optional extra ``titlekit[dask]``).

- :func:`lint_dataframe`: lint a Dask DataFrame's title column partition by partition
  (:func:`titlekit.frame.lint_frame` on every partition, one linter per worker process);
  :func:`lint_parquet` does it for a Parquet dataset and writes a Parquet report
  (``titlekit lint data.parquet --dask ADDRESS --format parquet -o out.parquet``).
- :func:`build_index`: a sharded competitor index built on the cluster (two passes over the
  corpus's partitions, one task per shard), :func:`nearest`: a query run against every shard
  in parallel, the best hits merged.
- :func:`connect`: a client for a scheduler address, or ``"local"`` for a LocalCluster.

::

    from titlekit.dask import connect, lint_dataframe
    import dask.dataframe as dd

    with connect("local") as client:           # or connect("tcp://scheduler:8786")
        ddf = dd.read_parquet("titles.parquet")
        results = lint_dataframe(ddf).compute()
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lazy import lazy_exports

__all__ = ["build_index", "connect", "lint_dataframe", "lint_parquet", "nearest"]

if TYPE_CHECKING:  # pragma: no cover
    from .cluster import connect
    from .index import build_index, nearest
    from .lint import lint_dataframe, lint_parquet

_LAZY = {"connect": "cluster", "lint_dataframe": "lint", "lint_parquet": "lint",
         "build_index": "index", "nearest": "index"}


__getattr__ = lazy_exports(__name__, _LAZY)
