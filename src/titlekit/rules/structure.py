"""Structure rules: brand + 货号 + attributes + style + selling point + promotion (T2, T3)."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator

from ..reading.types import Reading
from .base import Env, Hit, Rule, examples

STRUCTURE = "品牌 + 货号 + 重要属性 + 风格 + 卖点 + 活动力度"


def _brands(r: Reading) -> list:
    return [s for s in r.slots if s.type == "brand" and not s.compat]


def check_missing_product(r: Reading, opts: dict, env: Env) -> Iterator[Hit]:
    if not r.of("product"):
        yield Hit(0, len(r.raw), "标题中找不到产品词（主要类目），买家搜索类目词时无法命中"
                  "（运营规则 T3：写出主要类目及属性）。")


def check_missing_brand(r: Reading, opts: dict, env: Env) -> Iterator[Hit]:
    if r.context.get("unbranded"):
        return
    declared = r.context.get("brand")
    if declared and not any(s.confidence >= 1.0 for s in _brands(r)):
        yield Hit(0, 0, f"标题中没有本商品的品牌“{declared}”（运营规则 T2：{STRUCTURE}）。")
    elif not declared and not _brands(r):
        yield Hit(0, 0, f"标题中找不到品牌；品牌应放在标题开头（运营规则 T2：{STRUCTURE}）。"
                  "无品牌商品请在配置中声明 unbranded = true。")


def check_missing_model(r: Reading, opts: dict, env: Env) -> Iterator[Hit]:
    declared = r.context.get("model")
    if declared and not any(s.type == "model" and s.confidence >= 1.0 for s in r.slots):
        yield Hit(0, 0, f"标题中没有本商品的货号/型号“{declared}”（运营规则 T2：{STRUCTURE}）。")
    elif not declared and not r.of("model"):
        yield Hit(0, 0, f"标题中找不到货号/型号（运营规则 T2：{STRUCTURE}）。")


def check_missing_selling_point(r: Reading, opts: dict, env: Env) -> Iterator[Hit]:
    if not r.of("selling_point"):
        yield Hit(len(r.raw), len(r.raw), "标题中没有卖点词（如 防水、加厚、透气）"
                  f"（运营规则 T2：{STRUCTURE}）。")


_CORE = ("brand", "model", "product")


def check_structure_order(r: Reading, opts: dict, env: Env) -> Iterator[Hit]:
    brands = _brands(r)
    sure = [s for s in r.slots if s.confidence >= 0.8 and not s.compat]
    if brands:
        first = brands[0]
        before = [s for s in sure if s.start < first.start and s.type != "brand"]
        if before:
            yield Hit(first.start, first.end,
                      f"品牌“{first.text}”没有放在标题开头（前面有“{before[0].text}”）"
                      f"（运营规则 T2：{STRUCTURE}）。")
    core = [s for s in sure if s.type in _CORE]  # in order of start, as the slots are
    starts = [s.start for s in core]
    for promo in r.of("promotion"):
        later = core[bisect_left(starts, promo.end):]  # core slots from the promotion's end
        if later:
            yield Hit(promo.start, promo.end,
                      f"促销词“{promo.text}”应放在标题末尾，它后面还有“{later[0].text}”"
                      f"（运营规则 T2：活动力度放在最后）。")


RULES = (
    Rule("missing-product-word", "TK201", "error", False, "T2, T3 (seed 000, 003)",
         "No product word (the core category word) was found.", check_missing_product,
         label="缺少产品词",
         why="Buyers search by the category word; without it the title is not found.",
         fails=examples("耐克 2024 新款 透气"), passes=examples("耐克 运动鞋 2024 新款 透气")),
    Rule("missing-brand", "TK202", "warning", False, "T2 (seed 000)",
         "No brand was found (or not the declared one); off for shops declared unbranded.",
         check_missing_brand, label="缺少品牌",
         why="The title starts with the brand (品牌 + 货号 + 属性 + 风格 + 卖点 + 活动力度).",
         fails=examples("男鞋 运动鞋 透气"), passes=examples("耐克 男鞋 运动鞋 透气")),
    Rule("missing-model", "TK203", "warning", False, "T2 (seed 000)",
         "No model / article number (货号) was found (or not the declared one).",
         check_missing_model, label="缺少货号",
         why="Buyers who know the item search by its model or 货号.",
         fails=examples("耐克 男鞋 运动鞋"), passes=examples("耐克 aj1 男鞋 运动鞋")),
    Rule("missing-selling-point", "TK204", "info", False, "T2 (seed 000)",
         "No selling-point word was found.", check_missing_selling_point, label="缺少卖点",
         why="A selling point (商品优势) tells buyers why this item.",
         fails=examples("耐克 男鞋 运动鞋"), passes=examples("耐克 男鞋 运动鞋 透气")),
    Rule("structure-order", "TK205", "info", False, "T2 (seed 000)",
         "The brand does not lead the title, or a promotion word is not at the end.",
         check_structure_order, label="词序",
         why="The playbook order is brand + model + attributes + style + selling point + "
             "promotion.",
         fails=examples("运动鞋 耐克 男"), passes=examples("耐克 运动鞋 男")),
)
