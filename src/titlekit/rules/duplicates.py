"""Duplicate rules (playbook T4, T5): they compare titles with each other, not one at a time.

They have no per-title ``check``; :func:`add_duplicate_problems` runs them over a batch of
lint results once every title is read. The similarity machinery (TF-IDF, the index file) is in
:mod:`titlekit.dedup` and is imported only when duplicates are asked for.

- ``duplicate-competitor`` (TK501): error when the title equals a competitor's title after
  normalisation (spaces, width, case, punctuation); otherwise the configured severity (warning)
  when the cosine similarity to the nearest competitor is at least ``threshold``.
  Fails: ``Apple iPhone 8 (A1863) 64GB 深空灰色`` against the same title with 【分期用】 in front.
  Passes: ``Apple iPhone 8 Plus (A1864) 64GB 深空灰色`` (another model of the brand).
- ``duplicate-in-catalog`` (TK502): the configured severity (warning) for every title in a group
  of near-identical titles among the linted ones (single linkage at ``threshold``); the problem
  names the other members of its group.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from .base import Rule

if TYPE_CHECKING:
    from ..dedup import Index
    from ..linter import Linter, Result

DEFAULT_THRESHOLD = 0.9
NEIGHBOURS = 5


RULES = (
    Rule(
        "duplicate-competitor", "TK501", "warning", False,
        "T4 避开与同类的宝贝标题完全相同 (seed 003)",
        "The title equals (error) or nearly equals (cosine >= threshold) a competitor's title; "
        "needs --competitors.",
        None, {"threshold": DEFAULT_THRESHOLD},
    ),
    Rule(
        "duplicate-in-catalog", "TK502", "warning", False,
        "T5 不要使用大量类似重复的标题 (seed 003)",
        "Near-identical titles among the linted ones (重复铺货); needs --duplicates.",
        None, {"threshold": DEFAULT_THRESHOLD},
    ),
)


def _pct(sim: float) -> str:
    """Similarity for a message, rounded down so 0.996 never reads as an exact 1.00."""
    return f"{math.floor(sim * 100) / 100:.2f}"


def _short(title: str, n: int = 40) -> str:
    return title if len(title) <= n else title[: n - 1] + "…"


def add_duplicate_problems(linter: Linter, results: Sequence[Result], *,
                           competitors: Index | None = None, catalog: bool = False,
                           progress: Callable[[int], None] | None = None) -> None:
    """Add duplicate problems to ``results`` in place and rescore them."""
    from ..linter import Problem, score

    active = {rule.name: (severity, opts) for rule, severity, opts in linter.active}
    touched: set[int] = set()
    titles = [r.title for r in results]
    if competitors is not None and "duplicate-competitor" in active and results:
        severity, opts = active["duplicate-competitor"]
        threshold = float(opts.get("threshold", DEFAULT_THRESHOLD))
        nb = competitors.nearest(titles, k=1, progress=progress)
        for i, res in enumerate(results):
            same = competitors.identical(res.title)
            j, sim = (same, 1.0) if same >= 0 else (int(nb.index[i, 0]), float(nb.similarity[i, 0]))
            if j < 0 or sim < threshold:
                continue
            other = competitors.title(j)
            where = competitors.where(j)
            if same >= 0:
                sev, msg = "error", f"与竞品标题完全相同（忽略空格、全半角、大小写和标点）：“{_short(other)}”"
            else:
                sev, msg = severity, f"与竞品标题高度相似（相似度 {_pct(sim)}）：“{_short(other)}”"
            res.problems.append(Problem(
                "duplicate-competitor", "TK501", sev, 0, len(res.title),
                msg + "；换用自己的词序、属性和卖点（运营规则 T4：避开与同类宝贝标题完全相同）。",
                None, {"nearest": other, "similarity": round(sim, 4), "identical": same >= 0,
                       **where}))
            touched.add(i)
    if catalog and "duplicate-in-catalog" in active and len(results) > 1:
        severity, opts = active["duplicate-in-catalog"]
        threshold = float(opts.get("threshold", DEFAULT_THRESHOLD))
        for group, sims in catalog_groups(titles, threshold):
            for i in group:
                res = results[i]
                others = [_member(results[j], sims.get((min(i, j), max(i, j))))
                          for j in group if j != i]
                named = "；".join(
                    f"{o['path'] + ':' if o['path'] else ''}{o['line'] or ''} “{_short(o['title'], 24)}”"
                    for o in others[:3])
                more = f" 等 {len(others)} 个" if len(others) > 3 else ""
                best = max((o["similarity"] or 0.0) for o in others)
                res.problems.append(Problem(
                    "duplicate-in-catalog", "TK502", severity, 0, len(res.title),
                    f"与本批另外 {len(others)} 个标题几乎相同（最高相似度 {_pct(best)}）：{named}{more}"
                    "；同一商品只发布一次，或写出各自的区别（运营规则 T5：不要大量类似重复的标题）。",
                    None, {"group": others, "similarity": round(best, 4)}))
                touched.add(i)
    for i in touched:
        res = results[i]
        res.problems.sort(key=lambda p: (p.start, p.end, p.code))
        res.score = score(res.problems)


def _member(res: Result, sim: float | None) -> dict[str, Any]:
    return {"path": res.path, "line": res.line, "title": res.title,
            "similarity": round(sim, 4) if sim is not None else None}


def catalog_groups(titles: Sequence[str], threshold: float
                   ) -> list[tuple[list[int], dict[tuple[int, int], float]]]:
    """Groups (sorted row lists) of titles linked by similarity >= ``threshold`` or equal keys.

    Returns each group with the similarities of the linked pairs that formed it.
    """
    import numpy as np

    from ..dedup import Index, key

    n = len(titles)
    parent = list(range(n))

    def find(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    sims: dict[tuple[int, int], float] = {}

    def link(a: int, b: int, s: float) -> None:
        pair = (min(a, b), max(a, b))
        sims[pair] = max(sims.get(pair, 0.0), s)
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    first: dict[str, int] = {}
    for i, t in enumerate(titles):
        k = key(t)
        if k in first:
            link(first[k], i, 1.0)
        else:
            first[k] = i
    index = Index.build(titles)
    nb = index.nearest(titles, k=NEIGHBOURS, exclude=np.arange(n))
    for i in range(n):
        for j, s in zip(nb.index[i], nb.similarity[i]):
            if j >= 0 and s >= threshold:
                link(i, int(j), float(s))
    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(find(i), []).append(i)
    return [(g, sims) for g in groups.values() if len(g) > 1]
