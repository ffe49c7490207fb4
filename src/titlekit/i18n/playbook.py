"""The playbook rules titlekit enforces, by number, with a short name in Chinese and English.

The numbers (T1–T15 for the title, P1–P5 for prices) are the ones the README lists; a rule's
``source`` names them, and :func:`cite` turns a source into what a user can look up:
``运营规则 T7「不能为了突出关键词用括号」``.
"""

from __future__ import annotations

import re

from . import language

# number -> (short Chinese name, what it says in English)
PLAYBOOK: dict[str, tuple[str, str]] = {
    "T1": ("写满 30 个汉字", "fill the title: 60 bytes = 30 汉字 on Taobao"),
    "T2": ("品牌 + 货号 + 属性 + 风格 + 卖点 + 活动力度",
           "the structure and its order: brand, model, attributes, style, selling point, promotion"),
    "T3": ("写出主要类目及属性", "name the core product word and its attributes"),
    "T4": ("避开与同类宝贝标题完全相同", "never identical to a competitor's title"),
    "T5": ("不要大量类似重复的标题", "no mass of near-identical titles in one catalog"),
    "T6": ("不能写与宝贝无关的关键词", "no keywords unrelated to the item"),
    "T7": ("不能为了突出关键词用括号", "no brackets to highlight keywords"),
    "T8": ("不要刻意使用特殊符号", "no decorative special symbols"),
    "T9": ("重要关键词没必要完全重复", "no needless repetition of a keyword"),
    "T10": ("不要使用大量垃圾词语", "no junk or spam words"),
    "T11": ("不要过多描写品牌", "one brand, once"),
    "T12": ("搜索热点功能词适量", "a little promotion belongs in a title, a pile is spam"),
    "T13": ("关键词覆盖长尾词", "cover long-tail search terms"),
    "T14": ("不侵权、不发违禁信息、不滥发信息", "no other owners' brands, banned words or spam"),
    "T15": ("多版本对比测试", "titles are A/B tested and every version must stay clean"),
    "P1": ("价格与店铺定位相匹配", "the price fits the shop's positioning"),
    "P2": ("价格用非整数", "prices are not round integers (99.9 rather than 100)"),
    "P3": ("折扣不低于 0.1 折、折后价不低于 1.00 元",
           "a discount of at least 0.1折 and a discounted price of at least 1.00 元"),
    "P4": ("搭配套餐最多 5 个商品、总价低于单品原价总和",
           "bundles of at most 5 items, priced below the sum of their items"),
    "P5": ("满就送额度高于客单价 10%–30%", "spend-and-get thresholds 10–30 % above the order value"),
}
# other sources, in Chinese
_OTHER_ZH = {
    "淘宝宝贝卖点 (subtitle): at most 150 characters": "淘宝宝贝卖点（subtitle）最多 150 个字",
    "titlekit listing schema (`titlekit schema`)": "titlekit 商品资料字段规范（`titlekit schema`）",
    "淘宝商品发布规范: 标题最多 30 个汉字 (60 字节)": "淘宝商品发布规范：标题最多 30 个汉字（60 字节）",
}
_NUMBER = re.compile(r"\b([TP]\d{1,2})\b")
_PAGE = "detail-page order"


def name(number: str) -> str:
    zh, en = PLAYBOOK[number]
    return zh if language() == "zh" else en


def cite(number: str) -> str:
    """``运营规则 T7「不能为了突出关键词用括号」`` (or the English form)."""
    if language() == "zh":
        return f"运营规则 {number}「{PLAYBOOK[number][0]}」"
    return f"playbook {number} ({PLAYBOOK[number][1]})"


def source(text: str) -> str:
    """A rule's ``source`` as people should read it: every playbook number cited by name,
    the detail-page order named as such."""
    sep = "、" if language() == "zh" else "; "
    out = []
    for part in text.split(";"):
        numbers = [n for n in _NUMBER.findall(part) if n in PLAYBOOK]
        if numbers:
            out += [cite(n) for n in dict.fromkeys(numbers)]
        elif part.strip() == _PAGE:
            out.append("运营规则·详情页推荐顺序（见 `titlekit outline`）" if language() == "zh"
                       else "the playbooks' detail-page order (see `titlekit outline`)")
        elif rest := part.strip():
            out.append(_OTHER_ZH.get(rest, rest) if language() == "zh" else rest)
    return sep.join(out)
