"""Whole-listing rules (playbook P2–P4, Taobao's 宝贝卖点 limit, the listing schema).

They judge a listing file's fields rather than the title's text, so they have no per-title
``check``; :func:`listing_problems` runs them on a :class:`~titlekit.listing.Listing`.
Each problem carries the line of the field it is about.

- ``integer-price`` (TK601, info, P2 非整数): ``price: 100`` fails, ``price: 99.9`` passes.
- ``discount-too-deep`` (TK602, error, P3): ``price: 300, promotion_price: 2`` fails (below
  0.1折 = 1 %); ``promotion_price: 0.9`` fails (below 1.00 元); ``price: 300, promotion_price: 3``
  passes.
- ``bundle-invalid`` (TK603, error, P4): a bundle of six items, or one priced at or above the sum
  of its items' prices, fails; two items of 50 and 60 for 99 pass.
- ``selling-point-too-long`` (TK604, error): a 宝贝卖点 (``subtitle``) of 151 characters fails.
- ``schema-error`` (TK605, error): a field of the wrong type, an unknown field, no title.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .base import Rule, examples

if TYPE_CHECKING:
    from ..listing import Listing
    from ..problems import Problem

MIN_DISCOUNT = 0.01  # 0.1折
MIN_PRICE = 1.00
MAX_BUNDLE_ITEMS = 5
SUBTITLE_MAX = 150  # Taobao item API: 宝贝卖点 at most 150 characters

_TITLE = "title: 耐克 男鞋 运动鞋 跑步鞋 透气 减震 轻便 防滑\n"

INTEGER_PRICE = Rule(
    "integer-price", "TK601", "info", False, "P2",
    "A price is a round integer (99.9 reads better than 100); listing files only.",
    None, kind="listing", label="整数价格",
    why="A price just under a round number reads as cheaper.",
    fails=examples(_TITLE + "price: 100\n"), passes=examples(_TITLE + "price: 99.9\n"))
DISCOUNT_TOO_DEEP = Rule(
    "discount-too-deep", "TK602", "error", False,
    "P3",
    "The promotion price is below 0.1折 (1 %) of the price or below 1.00 元.",
    None, kind="listing", label="折扣过低",
    why="Taobao refuses a discount below 0.1折 or a discounted price below 1.00 元.",
    fails=examples(_TITLE + "price: 300\npromotion_price: 2\n"),
    passes=examples(_TITLE + "price: 300\npromotion_price: 3\n"))
BUNDLE_INVALID = Rule(
    "bundle-invalid", "TK603", "error", False,
    "P4",
    "A bundle has more than 5 items or costs at least the sum of its items.",
    None, kind="listing", label="搭配套餐不合规",
    why="A 搭配套餐 holds at most 5 items and must cost less than its items bought alone.",
    fails=examples(_TITLE + "bundle:\n  price: 120\n  items:\n    - {name: a, price: 50}\n"
                   "    - {name: b, price: 60}\n"),
    passes=examples(_TITLE + "bundle:\n  price: 99\n  items:\n    - {name: a, price: 50}\n"
                    "    - {name: b, price: 60}\n"))
SELLING_POINT_TOO_LONG = Rule(
    "selling-point-too-long", "TK604", "error", False,
    "淘宝宝贝卖点 (subtitle): at most 150 characters",
    "The 宝贝卖点 (subtitle) is longer than 150 characters.", None, kind="listing",
    label="宝贝卖点过长",
    why="Taobao's item form keeps at most 150 characters of 宝贝卖点.",
    fails=examples(_TITLE + "subtitle: " + "透气" * 76 + "\n"),
    passes=examples(_TITLE + "subtitle: 透气 减震 轻便\n"))
SCHEMA_ERROR = Rule(
    "schema-error", "TK605", "error", False, "titlekit listing schema (`titlekit schema`)",
    "The listing file does not follow the listing schema.", None, kind="listing",
    label="字段不符合格式",
    why="A field titlekit cannot read is a field no rule can check.",
    fails=examples(_TITLE + "price: cheap\n"), passes=examples(_TITLE + "price: 299.9\n"))

RULES = (INTEGER_PRICE, DISCOUNT_TOO_DEEP, BUNDLE_INVALID, SELLING_POINT_TOO_LONG, SCHEMA_ERROR)


def _price(v: object) -> float | None:
    if isinstance(v, (int, float)) and not isinstance(v, bool) and v > 0:
        return float(v)
    return None


def _yuan(v: float) -> str:
    return f"{v:.2f}".rstrip("0").rstrip(".") if v != int(v) else f"{int(v)}"


def listing_problems(listing: Listing, schema_errors: list[tuple[str, str]]) -> list[Problem]:
    """The whole-listing problems of ``listing`` (all rules; the linter filters and rates)."""
    out: list[Problem] = []

    def add(rule: Rule, fld: str, msg: str, data: dict | None = None) -> None:
        out.append(rule.problem(0, 0, msg, data={"field": fld, **(data or {})},
                                line=listing.line_of(fld)))

    for fld, msg in schema_errors:
        add(SCHEMA_ERROR, fld or "(listing)",
            f"字段 {fld or '(整个文件)'}：{msg}（见 `titlekit schema`）")
    bad = {f.split(".")[0] for f, _ in schema_errors}
    d = listing.data
    price = _price(d.get("price")) if "price" not in bad else None
    promo = _price(d.get("promotion_price")) if "promotion_price" not in bad else None
    for fld, v in (("price", price), ("promotion_price", promo)):
        if v is not None and v == int(v):
            add(INTEGER_PRICE, fld,
                f"{fld} 是整数 {_yuan(v)} 元：用非整数价格（如 {_yuan(v - 0.1)}）更有吸引力"
                "（运营规则 P2）。", {"value": v})
    if promo is not None:
        if promo < MIN_PRICE:
            add(DISCOUNT_TOO_DEEP, "promotion_price",
                f"促销价 {_yuan(promo)} 元低于 1.00 元（运营规则 P3：折后价格不能低于 1.00 元）。",
                {"value": promo})
        elif price is not None and promo < price * MIN_DISCOUNT:
            add(DISCOUNT_TOO_DEEP, "promotion_price",
                f"促销价 {_yuan(promo)} 元不到原价 {_yuan(price)} 元的 1%（0.1折）"
                "（运营规则 P3：折扣不能低于 0.1 折）。", {"value": promo, "price": price})
    subtitle = d.get("subtitle")
    if isinstance(subtitle, str) and len(subtitle) > SUBTITLE_MAX:
        add(SELLING_POINT_TOO_LONG, "subtitle",
            f"宝贝卖点有 {len(subtitle)} 个字符，超过淘宝的上限 {SUBTITLE_MAX}。",
            {"length": len(subtitle)})
    bundle = d.get("bundle")
    if isinstance(bundle, dict) and "bundle" not in bad:
        items = bundle.get("items") or []
        if len(items) > MAX_BUNDLE_ITEMS:
            add(BUNDLE_INVALID, "bundle.items",
                f"搭配套餐有 {len(items)} 个商品，最多 {MAX_BUNDLE_ITEMS} 个（运营规则 P4）。",
                {"items": len(items)})
        prices = [_price(i.get("price")) for i in items if isinstance(i, dict)]
        total = _price(bundle.get("price"))
        if items and total is not None and all(p is not None for p in prices):
            s = sum(p for p in prices if p is not None)
            if total >= s:
                add(BUNDLE_INVALID, "bundle.price",
                    f"套餐价 {_yuan(total)} 元不低于单品原价总和 {_yuan(s)} 元"
                    "（运营规则 P4：总价低于单品原价总和）。", {"price": total, "sum": s})
    return out
