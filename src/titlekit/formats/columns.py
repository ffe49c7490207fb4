"""Column names: where titles and their context are found in CSV headers, JSONL keys and
xlsx header rows. Every alias lives here, and :class:`Columns` finds them in one place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

TITLE_COLUMNS = (
    "title", "宝贝名称", "商品标题", "标题", "宝贝标题", "商品名称", "name", "product_title",
    "item_title", "product name", "产品名称",
)
CONTEXT_COLUMNS = {
    "brand": ("brand", "品牌", "品牌名称"),
    "model": ("model", "货号", "型号", "款号", "article", "article_number"),
    "category": ("category", "类目", "分类", "category_name"),
    # read by `titlekit rewrite` to fill titles from the row's own data
    "attributes": ("attributes", "属性", "关键属性", "attribute"),
    "style": ("style", "风格"),
    "selling_points": ("selling_points", "卖点词", "卖点关键词", "selling points"),
    "promotion": ("promotion", "活动", "促销活动", "活动力度"),
}

# CSV columns (and JSONL keys) for the listing fields, by common names
LISTING_COLUMNS: dict[str, tuple[str, ...]] = {
    "subtitle": ("subtitle", "宝贝卖点", "卖点"),
    "price": ("price", "一口价", "价格", "原价"),
    "promotion_price": ("promotion_price", "促销价", "活动价", "折后价"),
    "style": CONTEXT_COLUMNS["style"],
    "attributes": CONTEXT_COLUMNS["attributes"],
}

# keyword files of `titlekit rewrite --keywords`: the term and its search volume
KEYWORD_COLUMNS = ("搜索词", "关键词", "keyword", "keywords", "search term", "search_term",
                   "query", "词", "热搜词", "搜索关键词", "term")
VOLUME_COLUMNS = ("搜索人气", "搜索热度", "搜索量", "volume", "search volume", "search_volume",
                  "人气", "热度", "搜索指数", "搜索次数", "popularity", "点击人气", "searches")


# a row's suppressions: rule names, codes or prefixes not run on that row (CSV/xlsx column,
# JSONL key or listing field)
IGNORE_COLUMNS = ("titlekit-ignore", "titlekit_ignore")
_IGNORE_SPLIT = re.compile(r"[\s,，;；、]+")


def parse_ignore(value) -> tuple[str, ...]:
    """The rule selectors of a suppression cell or field (a string or a list of strings)."""
    if value is None:
        return ()
    items = value if isinstance(value, (list, tuple)) else [value]
    return tuple(s for v in items for s in _IGNORE_SPLIT.split(str(v)) if s)


def find_column(header: list[str], wanted: tuple[str, ...]) -> int | None:
    """Index of the first of ``wanted`` in ``header`` (case and surrounding spaces ignored)."""
    lowered = [h.strip().lower() for h in header]
    for w in wanted:
        if w.lower() in lowered:
            return lowered.index(w.lower())
    return None


@dataclass(frozen=True)
class Columns:
    """Which names to look for: ``--column`` for the title, else the config's ``[columns]``,
    else the aliases above."""

    column: str | None = None  # --column: the title column
    names: tuple[tuple[str, str], ...] = ()  # config [columns]: key -> header name

    @classmethod
    def of(cls, column: str | None = None, columns: dict[str, str] | None = None) -> Columns:
        return cls(column, tuple(sorted((columns or {}).items())))

    def wanted(self, key: str) -> tuple[str, ...]:
        given = dict(self.names)
        if key == "title":
            if self.column:
                return (self.column,)
            return (given["title"],) if "title" in given else TITLE_COLUMNS
        if key in given:
            return (given[key],)
        return CONTEXT_COLUMNS.get(key, ())

    def title(self, headers: list[list[str]]) -> int | None:
        """The title column in the first of ``headers`` that has one."""
        return self._first(headers, self.wanted("title"))

    def context(self, headers: list[list[str]]) -> dict[str, int]:
        """Columns of the row's brand, model, category and rewrite data."""
        out = {}
        for key in CONTEXT_COLUMNS:
            c = self._first(headers, self.wanted(key))
            if c is not None:
                out[key] = c
        return out

    @staticmethod
    def listing(headers: list[list[str]]) -> dict[str, int]:
        """Columns of the listing fields (prices, 宝贝卖点 …)."""
        out = {}
        for key, names in LISTING_COLUMNS.items():
            c = Columns._first(headers, names)
            if c is not None:
                out[key] = c
        return out

    @staticmethod
    def _first(headers: list[list[str]], wanted: tuple[str, ...]) -> int | None:
        for h in headers:
            c = find_column(h, wanted)
            if c is not None:
                return c
        return None
