"""Length rules: the platform limit and the fill target (playbook T1)."""

from __future__ import annotations

from collections.abc import Iterator

from ..reading.types import Reading
from .base import Env, Hit, Option, Rule, examples

# what an empty title would lose to under-fill; a title costs in proportion to its unused room
UNDERFILL_COST = 45


def check_too_long(r: Reading, opts: dict, env: Env) -> Iterator[Hit]:
    p = env.platform
    n = p.measure(r.raw)
    if n > p.limit:
        yield Hit(
            p.cut_point(r.raw),
            len(r.raw),
            f"标题长 {n} {p.unit_note}，超过平台上限 {p.limit}；超出部分会被平台拒绝或截断"
            f"（{p.limit_phrase}）。",
        )


def check_underfilled(r: Reading, opts: dict, env: Env) -> Iterator[Hit]:
    p = env.platform
    target = p.fill_target(opts.get("fill-ratio"))
    n = p.measure(r.raw)
    if n < target:
        yield Hit(
            0,
            len(r.raw),
            f"标题只用了 {n}/{p.limit} {p.unit_word}，低于填充目标 {target}：还有 {p.limit - n} "
            f"{p.unit_word}可用来覆盖搜索词"
            f"（运营规则 T1）。",
            cost=UNDERFILL_COST * (p.limit - max(n, 0)) / p.limit,
        )


RULES = (
    Rule(
        "title-too-long", "TK101", "error", False,
        "T1; 淘宝商品发布规范: 标题最多 30 个汉字 (60 字节)",
        "The title is longer than the platform limit (Taobao/Tmall: 60 GBK bytes).",
        check_too_long,
        cost=25, label="标题超长",
        why="The platform refuses or cuts a title over its limit; what is cut is lost for "
            "search.",
        fails=examples("夏季新款韩版宽松显瘦雪纺连衣裙女中长款气质收腰碎花裙子学生仙女裙超仙森系"),
        passes=examples("夏季新款韩版宽松显瘦雪纺连衣裙女中长款气质收腰碎花裙子"),
    ),
    Rule(
        "title-underfilled", "TK102", "warning", False, "T1",
        "The title uses less than the fill target (default 90 % of the limit).",
        check_underfilled, {"fill-ratio": Option(None, "share of the limit to fill "
                                                 "(default: the platform's, 0.9)", 0.0, 1.0)},
        label="标题未写满",
        why="Every unused byte is a search word the title could have matched.",
        fails=examples("耐克 男鞋 运动鞋"),
        passes=examples("耐克 男鞋 运动鞋 跑步鞋 透气 减震 轻便 防滑 耐磨 2024 新款"),
    ),
)
