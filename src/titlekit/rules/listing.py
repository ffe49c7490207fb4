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

from .base import Rule

if TYPE_CHECKING:
    from ..linter import Problem
    from ..listing import Listing

MIN_DISCOUNT = 0.01  # 0.1折
MIN_PRICE = 1.00
MAX_BUNDLE_ITEMS = 5
SUBTITLE_MAX = 150  # Taobao item API: 宝贝卖点 at most 150 characters


RULES = (
    Rule("integer-price", "TK601", "info", False, "P2 非整数 (seed 000)",
         "A price is a round integer (99.9 reads better than 100); listing files only.",
         None),
    Rule("discount-too-deep", "TK602", "error", False,
         "P3 折扣不能低于0.1折, 折后价格不能低于1.00元 (seed 000)",
         "The promotion price is below 0.1折 (1 %) of the price or below 1.00 元.",
         None),
    Rule("bundle-invalid", "TK603", "error", False,
         "P4 最多搭配5个商品, 总价低于单品原价总和 (seed 000)",
         "A bundle has more than 5 items or costs at least the sum of its items.",
         None),
    Rule("selling-point-too-long", "TK604", "error", False,
         "淘宝宝贝卖点 (subtitle): at most 150 characters",
         "The 宝贝卖点 (subtitle) is longer than 150 characters.", None),
    Rule("schema-error", "TK605", "error", False, "titlekit listing schema (`titlekit schema`)",
         "The listing file does not follow the listing schema.", None),
)

# Page-outline rules, reported by `titlekit outline --check` (see titlekit.outline).
OUTLINE_RULES = (
    Rule("outline-missing-section", "TK701", "warning", False,
         "playbook section 4 (seeds 000, 002, 003)",
         "A recommended detail-page section is missing; outline --check only.", None),
    Rule("outline-order", "TK702", "warning", False, "playbook section 4 (seed 003 page order)",
         "A detail-page section comes before one it should follow; outline --check only.",
         None),
)


def _price(v: object) -> float | None:
    if isinstance(v, (int, float)) and not isinstance(v, bool) and v > 0:
        return float(v)
    return None


def _yuan(v: float) -> str:
    return f"{v:.2f}".rstrip("0").rstrip(".") if v != int(v) else f"{int(v)}"


def listing_problems(listing: Listing, schema_errors: list[tuple[str, str]]) -> list[Problem]:
    """The whole-listing problems of ``listing`` (all rules; the linter filters and rates)."""
    from ..linter import Problem

    out: list[Problem] = []

    def add(name: str, code: str, severity: str, fld: str, msg: str, data: dict | None = None
            ) -> None:
        out.append(Problem(name, code, severity, 0, 0, msg, None,
                           {"field": fld, **(data or {})}, line=listing.line_of(fld)))

    for fld, msg in schema_errors:
        add("schema-error", "TK605", "error", fld or "(listing)",
            f"字段 {fld or '(整个文件)'}：{msg}（见 `titlekit schema`）")
    bad = {f.split(".")[0] for f, _ in schema_errors}
    d = listing.data
    price = _price(d.get("price")) if "price" not in bad else None
    promo = _price(d.get("promotion_price")) if "promotion_price" not in bad else None
    for fld, v in (("price", price), ("promotion_price", promo)):
        if v is not None and v == int(v):
            add("integer-price", "TK601", "info", fld,
                f"{fld} 是整数 {_yuan(v)} 元：用非整数价格（如 {_yuan(v - 0.1)}）更有吸引力"
                "（运营规则 P2：非整数）。", {"value": v})
    if promo is not None:
        if promo < MIN_PRICE:
            add("discount-too-deep", "TK602", "error", "promotion_price",
                f"促销价 {_yuan(promo)} 元低于 1.00 元（运营规则 P3：折后价格不能低于 1.00 元）。",
                {"value": promo})
        elif price is not None and promo < price * MIN_DISCOUNT:
            add("discount-too-deep", "TK602", "error", "promotion_price",
                f"促销价 {_yuan(promo)} 元不到原价 {_yuan(price)} 元的 1%（0.1折）"
                "（运营规则 P3：折扣不能低于 0.1 折）。", {"value": promo, "price": price})
    subtitle = d.get("subtitle")
    if isinstance(subtitle, str) and len(subtitle) > SUBTITLE_MAX:
        add("selling-point-too-long", "TK604", "error", "subtitle",
            f"宝贝卖点有 {len(subtitle)} 个字符，超过淘宝的上限 {SUBTITLE_MAX}。",
            {"length": len(subtitle)})
    bundle = d.get("bundle")
    if isinstance(bundle, dict) and "bundle" not in bad:
        items = bundle.get("items") or []
        if len(items) > MAX_BUNDLE_ITEMS:
            add("bundle-invalid", "TK603", "error", "bundle.items",
                f"搭配套餐有 {len(items)} 个商品，最多 {MAX_BUNDLE_ITEMS} 个（运营规则 P4）。",
                {"items": len(items)})
        prices = [_price(i.get("price")) for i in items if isinstance(i, dict)]
        total = _price(bundle.get("price"))
        if items and total is not None and all(p is not None for p in prices):
            s = sum(p for p in prices if p is not None)
            if total >= s:
                add("bundle-invalid", "TK603", "error", "bundle.price",
                    f"套餐价 {_yuan(total)} 元不低于单品原价总和 {_yuan(s)} 元"
                    "（运营规则 P4：总价低于单品原价总和）。", {"price": total, "sum": s})
    return out
