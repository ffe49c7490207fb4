"""Length rules: the platform limit and the fill target (playbook T1)."""

from __future__ import annotations

from collections.abc import Iterator

from ..slots import Reading
from ..text import gbk_len
from .base import Env, Hit, Rule


def measure(text: str, unit: str) -> int:
    return gbk_len(text) if unit == "gbk" else len(text)


def _cut_point(raw: str, limit: int, unit: str) -> int:
    """Offset of the first character that no longer fits in ``limit``."""
    used = 0
    for i, ch in enumerate(raw):
        used += measure(ch, unit)
        if used > limit:
            return i
    return len(raw)


def check_too_long(r: Reading, opts: dict, env: Env) -> Iterator[Hit]:
    limit, unit = opts["limit"], opts["unit"]
    n = measure(r.raw, unit)
    if n > limit:
        start = _cut_point(r.raw, limit, unit)
        what = "字节（GBK：汉字与全角字符计 2 字节）" if unit == "gbk" else "个字符"
        yield Hit(
            start,
            len(r.raw),
            f"标题长 {n} {what}，超过平台上限 {limit}；超出部分会被平台拒绝或截断"
            f"（淘宝/天猫宝贝标题最多 30 个汉字即 60 字节）。",
        )


def check_underfilled(r: Reading, opts: dict, env: Env) -> Iterator[Hit]:
    limit, unit = opts["limit"], opts["unit"]
    target = int(limit * float(opts.get("fill-ratio", 0.9)))
    n = measure(r.raw, unit)
    if n < target:
        yield Hit(
            0,
            len(r.raw),
            f"标题只用了 {n}/{limit}，低于填充目标 {target}：少了 {limit - n} 可用来覆盖搜索词"
            f"（运营规则 T1：充分利用 30 个宝贝标题关键字）。",
        )


RULES = (
    Rule(
        "title-too-long", "TK101", "error", False,
        "T1; 淘宝商品发布规范: 标题最多 30 个汉字 (60 字节)",
        "The title is longer than the platform limit (Taobao/Tmall: 60 GBK bytes).",
        check_too_long,
    ),
    Rule(
        "title-underfilled", "TK102", "warning", False, "T1 (seed 000, 003)",
        "The title uses less than the fill target (default 90 % of the limit).",
        check_underfilled, {"fill-ratio": 0.9},
    ),
)
