"""Duplicate rules (playbook T4, T5): they compare titles with each other, not one at a time.

They have no per-title ``check``; :mod:`titlekit.linting.duplicates` runs them over a batch of
lint results once every title is read, with the similarity machinery of :mod:`titlekit.dedup`.

- ``duplicate-competitor`` (TK501): error when the title equals a competitor's title after
  normalisation (spaces, width, case, punctuation); otherwise the configured severity (warning)
  when the cosine similarity to the nearest competitor is at least ``threshold``.
- ``duplicate-in-catalog`` (TK502): the configured severity (warning) for every title in a group
  of near-identical titles among the linted ones (single linkage at ``threshold``); the problem
  names the other members of its group.

Their examples are batches: the first title is linted against the others (as competitors for
TK501, as the rest of the catalog for TK502).
"""

from __future__ import annotations

from .base import Option, Rule, examples

DEFAULT_THRESHOLD = 0.9
_THRESHOLD = Option(DEFAULT_THRESHOLD, "cosine similarity from which titles are near-identical",
                    0.0, 1.0)

COMPETITOR = Rule(
    "duplicate-competitor", "TK501", "warning", False,
    "T4",
    "The title equals (error) or nearly equals (cosine >= threshold) a competitor's title; "
    "needs --competitors.",
    None, {"threshold": _THRESHOLD}, kind="batch", label="与竞品标题相同",
    why="A title identical to a same-category competitor's competes for the same searches and "
        "reads as copied.",
    fails=examples("Apple iPhone 8 (A1863) 64GB 深空灰色\n【分期用】Apple iPhone 8 (A1863) 64GB 深空灰色"),
    passes=examples("Apple iPhone 8 Plus (A1864) 64GB 深空灰色\nApple iPhone 8 (A1863) 64GB 深空灰色"),
)
CATALOG = Rule(
    "duplicate-in-catalog", "TK502", "warning", False,
    "T5",
    "Near-identical titles among the linted ones (重复铺货); needs --duplicates.",
    None, {"threshold": _THRESHOLD}, kind="batch", label="本店标题重复",
    why="Many near-identical listings are 重复铺货, which the platform demotes.",
    fails=examples("华为 mate60 pro 手机 12+512g 雅川青\n华为 mate60 pro 手机 12+512g 白沙银"),
    passes=examples("华为 mate60 pro 手机 12+512g 雅川青\n小米 14 ultra 手机 16+512g 黑色"),
)
RULES = (COMPETITOR, CATALOG)
