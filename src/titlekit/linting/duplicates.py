"""Duplicate problems over a batch of lint results (playbook T4, T5).

``duplicate-competitor`` compares every title with a competitor index; ``duplicate-in-catalog``
groups near-identical titles among the linted ones. The rules themselves (names, codes, options,
documentation) are in :mod:`titlekit.rules.duplicates`; the similarity machinery in
:mod:`titlekit.dedup`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from ..dedup.index import Index
from ..dedup.keys import key
from ..problems import Result, score
from ..rules.duplicates import CATALOG, COMPETITOR, DEFAULT_THRESHOLD
from .linter import Linter

NEIGHBOURS = 5


def _pct(sim: float) -> str:
    """Similarity for a message, rounded down so 0.996 never reads as an exact 1.00."""
    return f"{math.floor(sim * 100) / 100:.2f}"


def short(title: str, n: int = 40) -> str:
    return title if len(title) <= n else title[: n - 1] + "…"


def add_duplicate_problems(linter: Linter, results: Sequence[Result], *,
                           competitors: Index | None = None, catalog: bool = False,
                           progress: Callable[[int], None] | None = None) -> None:
    """Add duplicate problems to ``results`` in place and rescore them."""
    active = {rule.name: (severity, opts) for rule, severity, opts in linter.active}
    touched: set[int] = set()
    titles = [r.title for r in results]
    if competitors is not None and COMPETITOR.name in active and results:
        severity, opts = active[COMPETITOR.name]
        threshold = float(opts.get("threshold", DEFAULT_THRESHOLD))
        identical = [competitors.identical(t) for t in titles]
        # only titles without an identical competitor need their nearest one
        ask = [i for i, same in enumerate(identical) if same < 0]
        nearest = {}
        if ask:
            nb = competitors.nearest([titles[i] for i in ask], k=1, progress=progress)
            nearest = dict(zip(ask, zip(nb.index[:, 0].tolist(),
                                        nb.similarity[:, 0].tolist())))
        if progress is not None and len(ask) < len(titles):
            progress(len(titles) - len(ask))
        for i, res in enumerate(results):
            same = identical[i]
            j, sim = (same, 1.0) if same >= 0 else nearest[i]
            if j < 0 or sim < threshold:
                continue
            other = competitors.title(j)
            where = competitors.where(j)
            sev = "error" if same >= 0 else severity
            res.problems.append(competitor_problem(res.title, other, sim, same >= 0, where,
                                                   sev))
            touched.add(i)
    if catalog and CATALOG.name in active and len(results) > 1:
        severity, opts = active[CATALOG.name]
        threshold = float(opts.get("threshold", DEFAULT_THRESHOLD))
        for group, sims in catalog_groups(titles, threshold):
            for i in group:
                res = results[i]
                others = [_member(results[j], sims.get((min(i, j), max(i, j))))
                          for j in group if j != i]
                named = "；".join(
                    f"{o['path'] + ':' if o['path'] else ''}{o['line'] or ''} “{short(o['title'], 24)}”"
                    for o in others[:3])
                more = f" 等 {len(others)} 个" if len(others) > 3 else ""
                best = max((o["similarity"] or 0.0) for o in others)
                res.problems.append(CATALOG.problem(
                    0, len(res.title),
                    f"与本批另外 {len(others)} 个标题几乎相同（最高相似度 {_pct(best)}）：{named}{more}"
                    "；同一商品只发布一次，或写出各自的区别（运营规则 T5：不要大量类似重复的标题）。",
                    severity=severity, data={"group": others, "similarity": round(best, 4)}))
                touched.add(i)
    for i in touched:
        res = results[i]
        res.problems.sort(key=lambda p: (p.start, p.end, p.code))
        res.score = score(res.problems)


def competitor_problem(title: str, other: str, sim: float, identical: bool, where: dict,
                       severity: str):
    """The duplicate-competitor problem of ``title`` against competitor title ``other``."""
    if identical:
        msg = f"与竞品标题完全相同（忽略空格、全半角、大小写和标点）：“{short(other)}”"
    else:
        msg = f"与竞品标题高度相似（相似度 {_pct(sim)}）：“{short(other)}”"
    return COMPETITOR.problem(
        0, len(title), msg + "；换用自己的词序、属性和卖点（运营规则 T4：避开与同类宝贝标题完全相同）。",
        severity=severity, data={"nearest": other, "similarity": round(sim, 4),
                                 "identical": identical, **where})


def _member(res: Result, sim: float | None) -> dict[str, Any]:
    return {"path": res.path, "line": res.line, "title": res.title,
            "similarity": round(sim, 4) if sim is not None else None}


def catalog_groups(titles: Sequence[str], threshold: float
                   ) -> list[tuple[list[int], dict[tuple[int, int], float]]]:
    """Groups (sorted row lists) of titles linked by similarity >= ``threshold`` or equal keys.

    Returns each group with the similarities of the linked pairs that formed it.
    """
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
