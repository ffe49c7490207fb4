"""Auditing an existing detail page: missing and out-of-order sections (``outline --check``)."""

from __future__ import annotations

from ..problems import Problem
from ..rules.page import MISSING_SECTION
from ..rules.page import ORDER as ORDER_RULE
from .sections import ORDER, SECTIONS, headings, match_section


def check(text: str, kind: str, category: str) -> list[Problem]:
    """Problems of missing and out-of-order sections of a page (Markdown or HTML), each at
    the line of the heading it is about, in line order."""
    order = ORDER[category]
    found: list[tuple[int, str, str]] = []  # (line, key, heading)
    heads = headings(text, kind)
    top = min((lv for _, lv, _ in heads), default=1)
    if sum(lv == top for _, lv, _ in heads) == 1 and len(heads) > 1:
        heads = [h for h in heads if h[1] != top]  # one page title above the sections
    for line, _level, head in heads:
        key = match_section(head)
        if key in order and key not in [k for _, k, _ in found]:
            found.append((line, key, head))
    problems = []
    rank = {k: i for i, k in enumerate(order)}
    best = -1
    best_head = ""
    for line, key, head in found:
        if rank[key] < best:
            problems.append(ORDER_RULE.problem(
                0, 0, f"“{head}”（{SECTIONS[key][0]}）应在“{best_head}”之前：推荐顺序是 "
                + " → ".join(SECTIONS[k][0] for k in order) + "。",
                data={"section": key, "expected_before": best_head}, line=line))
        else:
            best, best_head = rank[key], head
    present = {k for _, k, _ in found}
    for key in order:
        if key not in present:
            title, stage, _ = SECTIONS[key]
            nxt = next((ln for ln, k, _ in found if rank[k] > rank[key]),
                       text.count("\n") + 1)
            problems.append(MISSING_SECTION.problem(
                0, 0, f"缺少“{title}”部分（{stage}）：推荐顺序是 "
                + " → ".join(SECTIONS[k][0] for k in order) + "。",
                data={"section": key}, line=nxt))
    problems.sort(key=lambda p: (p.line or 0, p.code))
    return problems
