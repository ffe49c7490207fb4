"""A Chinese summary of every rule, keyed by rule name (``titlekit rules``, ``titlekit rule``).

Kept here rather than on the rule objects so that the English ``Rule.summary`` and the rule
modules stay as they are; ``tests/test_i18n.py`` checks that every registered rule has one.
"""

from __future__ import annotations

SUMMARY_ZH: dict[str, str] = {
    "title-too-long": "标题超过平台上限（淘宝/天猫：60 字节，即 30 个汉字）。",
    "title-underfilled": "标题没有写满：低于填充目标（默认上限的 90%）。",
    "missing-product-word": "找不到产品词（主要类目词）。",
    "missing-brand": "找不到品牌（或不是声明的品牌）；声明为无品牌的店铺不检查。",
    "missing-model": "找不到货号/型号（或不是声明的货号）。",
    "missing-selling-point": "找不到卖点词。",
    "structure-order": "品牌不在标题开头，或活动词不在结尾。",
    "bracket-highlight": "用【】[]()（）《》「」等括号包住关键词。",
    "special-symbol": "装饰符号（★ ♥ ! ~ # 等）或 GBK 以外的字符（表情、™ ® ©）。",
    "repeated-keyword": "同一个两字以上的词出现不止一次，无论词库里有没有（只有重复的是整词时才自动修复）。",
    "keyword-stuffing": "同一个词出现三次或更多：关键词堆砌。",
    "empty-title": "标题是空的。",
    "scrambled-title": "标题的字被打乱（几组词的字互相穿插），读不通。",
    "spam-word": "垃圾词库中的词。",
    "promo-overload": "活动热词超过允许的个数（选项 max，默认 2 个）。",
    "brand-overuse": "品牌重复，或一个标题里有多个品牌。",
    "ip-risk": "仿冒或他人品牌的信号词（高仿、仿+品牌、A货、<品牌>同款）。",
    "irrelevant-keyword": "无关类目的产品词。",
    "absolute-term": "广告法禁止的绝对化用语（最佳、第一、国家级、顶级等），可设允许列表。",
    "duplicate-competitor": "与竞品标题相同（错误）或几乎相同（余弦相似度达到阈值）；需要 --competitors。",
    "duplicate-in-catalog": "所检查的标题之间几乎相同（重复铺货）；需要 --duplicates。",
    "integer-price": "价格是整数（99.9 比 100 更好）；只检查商品资料文件。",
    "discount-too-deep": "促销价低于原价的 0.1 折（1%）或低于 1.00 元。",
    "bundle-invalid": "搭配套餐超过 5 个商品，或套餐价不低于单品价格之和。",
    "selling-point-too-long": "宝贝卖点（subtitle）超过 150 个字。",
    "schema-error": "商品资料文件不符合字段规范（`titlekit schema`）。",
    "outline-missing-section": "缺少推荐的详情页部分；只用于 outline --check。",
    "outline-order": "详情页某部分出现在应排在它前面的部分之前；只用于 outline --check。",
}


def summary(rule) -> str:
    """The rule's summary in the current language."""
    from . import language

    if language() == "zh":
        return SUMMARY_ZH.get(rule.name, rule.summary)
    return rule.summary
