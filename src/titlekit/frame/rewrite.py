"""``rewrite_frame``: the titles of one DataFrame (a partition) through the catalog rewrite of
``titlekit rewrite`` (:class:`titlekit.rewrite.rewriter.Rewriter`), one row of its report per
title.

The rewrite makes titles unique among the rows it is given: across partitions, two rows can
end with the same title. Run it on a frame that holds a whole shop (``groupby("shop")`` then
``apply``), or check the rewritten column for duplicates afterwards.
"""

from __future__ import annotations

import json

from ..config import Config
from ..rewrite.keywords import Keywords
from ..rewrite.rewriter import Rewriter
from .lint import context_columns, frame_document, linter_for, pd

REWRITE_COLUMNS = ("new_title", "status", "score_before", "score_after", "bytes_before",
                   "bytes_after", "changes", "reason", "note")
_INTS = ("score_before", "score_after", "bytes_before", "bytes_after")


def rewrite_meta():
    """An empty frame with the columns and dtypes :func:`rewrite_frame` returns."""
    return _typed({c: [] for c in REWRITE_COLUMNS})


def _typed(cols: dict[str, list], index=None):
    return pd.DataFrame(cols, index=index).astype(
        {c: ("int64" if c in _INTS else "string") for c in cols})


def rewrite_frame(df, column: str = "title", *, config: Config | None = None,
                  keywords: Keywords | None = None, allow_claims: bool = False,
                  context: dict | None = None, **context_cols: str | None):
    """Rewrite the titles in ``df[column]``; a frame with ``df``'s index and the columns of
    the rewrite report: ``new_title``, ``status`` (changed, review, unchanged, kept), scores
    and lengths before and after, ``changes`` (JSON list of {what, why}), ``reason``,
    ``note``. Context columns as for :func:`titlekit.frame.lint_frame` (the rewrite also reads
    attributes, style, selling_points and promotion columns)."""
    linter = linter_for(config)
    doc = frame_document(df, column, context_columns(df.columns, context_cols))
    given = {k: v for k, v in (context or {}).items() if v}
    items = [(rec.title, {**given, **rec.context}) for rec in doc.records]
    rows = Rewriter(linter, keywords=keywords, allow_claims=allow_claims).rewrite(items)
    cols: dict[str, list] = {c: [] for c in REWRITE_COLUMNS}
    for r in rows:
        d = r.to_dict()
        d["changes"] = json.dumps(d["changes"], ensure_ascii=False)
        for c in REWRITE_COLUMNS:
            cols[c].append(d[c])
    return _typed(cols, index=df.index)
