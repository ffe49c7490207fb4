"""Lexicon and pattern slots: what the word lists and a few patterns say a title's tokens are.

A token that is a lexicon word fills that word's slot (confidence 0.9); an ASCII token that
looks like a spec is an attribute and one that mixes letters and digits a model (0.8, or 0.5
when short); a Chinese word ending in a product head character (鞋, 裙, 机 …) that no lexicon
knows is a product word with low confidence (0.5). A declared brand or model is found first
and wins (1.0). A brand named after 适用/兼容/for, and the list of brands that follows it,
names the device an item fits (``compat``).
"""

from __future__ import annotations

import re

from . import lexicons as lexmod
from .text import Normalized, is_cjk
from .types import Slot, Token

# Kinds of lexicon that name a slot type, in priority order when a word is in several.
KIND_SLOT = (
    ("brands", "brand"),
    ("products", "product"),
    ("promotions", "promotion"),
    ("search-words", "search"),
    ("selling-points", "selling_point"),
    ("styles", "style"),
    ("attributes", "attribute"),
)

# Last characters of Chinese product words: a word ending in one of them that no lexicon knows
# is taken as a product word with low confidence.
PRODUCT_HEADS = frozenset(
    "鞋裙裤衣衫袜帽包箱袋杯壶锅碗盘瓶罐盒架柜桌椅凳床垫枕被毯帘灯扇机器仪表笔本贴膜壳套线"
    "卡链环镯戒坠镜伞刀剪铲勺筷梳刷巾霜乳液露膏粉油水茶酒奶糖饼米面肉干果车球拍绳具件品玩偶服"
    "菇票药片鞭参酱醋蛋菜花草苗籽丸胶囊管阀泵扣钉锁模板砖漆布纸网棒杆针夹钩块罩篮桶盆缸台币证书画册"
)

_SPEC_RE = re.compile(
    r"^(?:\d+(?:\.\d+)?(?:[a-z]{2,4}|[gvwmltakpdhsxun]|英寸|寸|厘米|毫米|公分|米|千克|公斤|克|斤|毫升|升|码|号|片|粒|个|"
    r"只|件|套|支|瓶|袋|盒|箱|条|双|张|层|度|瓦|伏|代|周岁|岁|月|年|天|人|位|门|档|挡|色|孔|头|格|"
    r"卷|包|本|台|部)|\d+(?:\.\d+)?[*x×]\d+(?:\.\d+)?(?:[*x×]\d+(?:\.\d+)?)?(?:[a-z]{1,2})?|"
    r"\d+(?:gb|g|tb|t)\+\d+(?:gb|g|tb|t)?|\d+/\d+)$"
)
_MODEL_RE = re.compile(r"^(?=.*[a-z])(?=.*\d)[a-z0-9][a-z0-9\-+./_]*$")
COMPAT_BEFORE = ("适用于", "适用", "适配", "兼容", "适合", "for", "专用于", "用于")


def slot_words(lex: lexmod.Lexicons) -> dict[str, str]:
    """Every lexicon word mapped to the slot type it fills (brands win over other kinds)."""
    out: dict[str, str] = {}
    for kind, slot in reversed(KIND_SLOT):
        if kind == "brands":
            continue
        for w in lex.words(kind):
            out[w] = slot
    for name in lex.brand_groups():
        out[name] = "brand"
    return out


def classify(tok: Token, word_slot: dict[str, str]) -> tuple[str, float] | None:
    """The slot type and confidence of one token, or None."""
    hit = word_slot.get(tok.text)
    if hit is not None:
        return hit, 0.9
    return pattern_slot(tok.text, tok.kind)


def pattern_slot(t: str, kind: str) -> tuple[str, float] | None:
    """The slot type and confidence the patterns give a token no lexicon knows, or None."""
    if kind == "ascii":
        if _SPEC_RE.match(t):
            return "attribute", 0.8
        if _MODEL_RE.match(t):
            return "model", 0.8 if len(t) >= 3 else 0.5
        return None
    if len(t) >= 2 and t[-1] in PRODUCT_HEADS and all(is_cjk(c) for c in t):
        return "product", 0.5
    return None


def after_compat_word(text: str, start: int) -> bool:
    """Does a compatibility word (适用, 兼容, for …) stand right before ``start``?"""
    return text[max(0, start - 4):start].rstrip().endswith(COMPAT_BEFORE)


class BrandNames:
    """Every brand name and alias with its canonical name, and the aliases of each brand."""

    def __init__(self, lex: lexmod.Lexicons) -> None:
        self.canon: dict[str, str] = lex.brand_groups()
        self.names: dict[str, set[str]] = {}  # canonical name -> every alias
        for name, canon in self.canon.items():
            self.names.setdefault(canon, set()).add(name)


def declared_slots(norm: Normalized, ctx: dict, brands: BrandNames
                   ) -> tuple[list[Slot], list[tuple[int, int]]]:
    """Slots of the declared brand (with its aliases) and model, and the spans they take."""
    text, raw = norm.text, norm.raw
    slots: list[Slot] = []
    taken: list[tuple[int, int]] = []
    declared_brand = (ctx.get("brand") or "").strip().lower()
    declared_model = (ctx.get("model") or "").strip().lower()
    if declared_brand:
        canon = brands.canon.get(declared_brand, declared_brand)
        names = {declared_brand} | brands.names.get(canon, set())
        for name in names:
            for m in re.finditer(re.escape(name), text):
                taken.append(m.span())
                rs, re_ = norm.raw_span(*m.span())
                slots.append(Slot("brand", raw[rs:re_], rs, re_, 1.0, canon, source="declared"))
    if declared_model:
        for m in re.finditer(re.escape(declared_model), text):
            taken.append(m.span())
            rs, re_ = norm.raw_span(*m.span())
            slots.append(Slot("model", raw[rs:re_], rs, re_, 1.0, declared_model,
                              source="declared"))
    return slots, taken


def lexicon_slots(norm: Normalized, tokens: list[Token], taken: list[tuple[int, int]],
                  word_slot: dict[str, str], brands: BrandNames) -> list[Slot]:
    """Slots of the tokens outside ``taken`` (the declared slots' spans)."""
    text, raw, index = norm.text, norm.raw, norm.index
    slots: list[Slot] = []
    compat_end = -1  # end of the last brand named after 适用/兼容 (a list of them follows)
    lexicon = word_slot.get
    for tok in tokens:
        word, start, end, kind = tok
        if kind == "space" or kind == "punct":
            continue
        if taken and any(s < end and start < e for s, e in taken):
            continue
        stype = lexicon(word)  # as classify(tok, word_slot), the lexicon looked up once
        if stype is not None:
            conf = 0.9
        else:
            slot = pattern_slot(word, kind)
            if slot is None:
                continue
            stype, conf = slot
        key = word
        compat = False
        if stype == "brand":
            key = brands.canon.get(word, word)
            gap = text[compat_end:start]
            if after_compat_word(text, start) or (
                compat_end >= 0 and all(c in " /、,，+和及" for c in gap)
            ):
                compat = True
                compat_end = end
        rs, re_ = (start, end) if index is None else norm.raw_span(start, end)
        source = "lexicon" if conf == 0.9 else "pattern"
        slots.append(Slot(stype, raw[rs:re_], rs, re_, conf, key, compat, source))
    return slots
