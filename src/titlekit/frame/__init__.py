"""The dataframe API (the optional extra ``titlekit[dask]``): lint and rewrite the titles of a
pandas DataFrame, one partition at a time.

:func:`lint_frame` and :func:`rewrite_frame` are pure functions of one frame (no state but a
linter cached per process, so lexicons and the model load once per worker), which is what
``dask.dataframe.map_partitions`` and Spark's ``mapInPandas`` call::

    import pandas as pd
    from titlekit.frame import lint_frame

    df = pd.DataFrame({"title": ["【爆款】耐克 男鞋 运动鞋 运动鞋 ★包邮★"], "brand": ["耐克"]})
    lint_frame(df, column="title", brand="brand")  # score, bytes, errors, …, problems, slots

    # Spark: every batch of a partition, with the brands found once over the whole column
    brands = discover_brands(all_titles)
    sdf.mapInPandas(lambda it: (lint_frame(b, brands=brands) for b in it), schema)

Names are imported lazily, so ``import titlekit.frame`` alone needs nothing; using a name
without pandas installed raises :class:`titlekit.errors.ExtraError`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lazy import lazy_exports

__all__ = ["discover_brands", "lint_frame", "linter_for", "result_meta", "rewrite_frame",
           "rewrite_meta"]

if TYPE_CHECKING:  # pragma: no cover
    from .lint import discover_brands, lint_frame, linter_for, result_meta
    from .rewrite import rewrite_frame, rewrite_meta

_LAZY = {"lint_frame": "lint", "discover_brands": "lint", "linter_for": "lint",
         "result_meta": "lint", "rewrite_frame": "rewrite", "rewrite_meta": "rewrite"}


__getattr__ = lazy_exports(__name__, _LAZY)
