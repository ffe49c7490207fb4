"""Normalisation keeps a map back to the title as written; GBK length is the platform's."""

from __future__ import annotations

from helpers import hits

from titlekit.linting.linter import lint
from titlekit.platform import gbk_len
from titlekit.reading.text import normalize


def test_full_width_and_spaces_are_normalised_with_offsets_kept():
    raw = "  ＮＩＫＥ\u3000\u3000运动鞋！"
    n = normalize(raw)
    assert n.text == "nike 运动鞋!"
    start = n.text.index("运动鞋")
    assert raw[slice(*n.raw_span(start, start + 3))] == "运动鞋"
    assert n.raw_span(0, 4) == (2, 6)


def test_traditional_is_judged_as_simplified_but_reported_as_written():
    raw = "最佳 運動鞋 寶貝"
    assert normalize(raw).text == "最佳 运动鞋 宝贝"
    result = lint(raw)
    # the product word as the seller wrote it (a guess weaker than even odds is no slot rules use)
    assert [s.text for s in result.slots if s.type == "product" and s.confidence >= 0.5] == ["運動鞋"]
    assert hits(raw, "absolute-term") == [(0, 2)]


def test_gbk_length_counts_ascii_one_and_han_two():
    assert gbk_len("nike") == 4
    assert gbk_len("耐克") == 4
    assert gbk_len("ＡＢ") == 4  # full-width letters are two bytes each
    assert gbk_len("耐克 a") == 6


def test_symbol_offsets_point_into_the_raw_title():
    raw = "李宁　运动鞋　★透气"  # ideographic spaces collapse in the normalised text
    (start, end), = hits(raw, "special-symbol")
    assert raw[start:end] == "★"
