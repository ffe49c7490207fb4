"""Detail-page rules (the playbooks' detail-page order), reported by ``titlekit outline --check``.

They judge the sections of an existing page (Markdown or HTML headings), so they have no
per-title ``check``; :mod:`titlekit.outline.check` runs them. Their examples are pages.
"""

from __future__ import annotations

from .base import Rule, examples

_ALL = ("# 页面\n## 店铺活动\n## 焦点图与品牌介绍\n## 场景图与文案\n## 产品总体图与推荐理由\n"
        "## 细节图\n## 售后说明\n## 相关推荐与店铺说明\n## 关联营销\n")

MISSING_SECTION = Rule(
    "outline-missing-section", "TK701", "warning", False,
    "detail-page order",
    "A recommended detail-page section is missing; outline --check only.", None, kind="page",
    label="缺少详情页模块",
    why="Each section moves the buyer one step (引发兴趣 → 激发潜在需求 → 从信任到信赖 → "
        "替客户做决定); a missing one leaves a gap.",
    fails=examples("# 页面\n## 店铺活动\n## 细节图\n"), passes=examples(_ALL))
ORDER = Rule(
    "outline-order", "TK702", "warning", False, "detail-page order",
    "A detail-page section comes before one it should follow; outline --check only.", None,
    kind="page", label="详情页模块顺序",
    why="The playbooks' order follows the buyer's path from interest to decision.",
    fails=examples(_ALL.replace("## 店铺活动\n", "") + "## 店铺活动\n"), passes=examples(_ALL))
RULES = (MISSING_SECTION, ORDER)
