"""Filling a title from the row's own columns: the words that fill it best under the limit,
in the seller's order where that is as good (issue 18, "fill where safe" (a))."""

from __future__ import annotations

from titlekit.linting.linter import Linter
from titlekit.platform import gbk_len
from titlekit.rewrite.fit import fit
from titlekit.rewrite.rewriter import Rewriter


def test_fit_takes_words_in_order_when_that_fills():
    assert fit([5, 5, 5], 16, lambda chosen, i: True) == [0, 1, 2]
    assert fit([5, 9, 5], 12, lambda chosen, i: True) == [0, 2]  # 10 of 12, not 9


def test_fit_fills_best_and_prefers_earlier_words():
    # taking words in order stops at 9 of 12; two later words make 10
    assert fit([9, 5, 5], 12, lambda chosen, i: True) == [1, 2]
    # equal fill: the earlier word
    assert fit([5, 5], 6, lambda chosen, i: True) == [0]
    # a word ``allowed`` refuses next to another is left out
    assert fit([5, 5, 4], 10, lambda chosen, i: not (i == 1 and 0 in chosen)) == [0, 2]


def test_a_long_column_word_is_added_in_place_of_a_shorter_one_when_that_fills_the_title():
    # a JD title of ../shared/data/jd_titles_ner_500.jsonl with its function words moved out:
    # in order, 无线 监控 高清 夜视 make 54 bytes and wifi网络 no longer fits; without 夜视 it does
    title = "摄像头家用室内套装 16GB 720p 3.6mm"
    row = Rewriter(Linter()).rewrite([(title, {"selling_points": "无线 监控 高清 夜视 wifi网络"})])[0]
    assert row.status == "changed"
    assert 56 <= gbk_len(row.new) <= 60, row.new
    assert row.new.startswith(title)
    added = [c.what[3:] for c in row.changes if c.what.startswith("补充 ")]
    assert added == ["无线", "监控", "高清", "wifi网络"]


def test_the_declared_brand_goes_in_before_the_words_that_fill_best():
    row = Rewriter(Linter()).rewrite([("纯棉短袖t恤 圆领 夏季", {
        "brand": "南极人", "attributes": "白色 宽松版型 莫代尔棉 条纹"})])[0]
    assert row.new.startswith("南极人 "), row.new
    assert gbk_len(row.new) <= 60


def test_a_removed_separator_does_not_come_back():
    # the "|" is a decorative symbol (T8): removed, it parts the words as a space
    rw = Rewriter(Linter())
    pen, shoe = rw.rewrite([("德国威迪EDDING 140 S F M B油性勾线笔|油性针管笔|", {}), ("耐克|运动鞋|男款", {})])
    assert pen.status == "changed" and pen.new == "德国威迪EDDING 140 S F M B油性勾线笔 油性针管笔"
    assert shoe.status == "changed" and shoe.new == "耐克 运动鞋 男款"


def test_what_stood_between_two_segments_stays_when_a_lone_mark_between_them_goes():
    # a real title of ../shared/data/taobao_titles_ner_train.jsonl (row 3551): the commas around
    # the lone ")" stay, the bracket pair goes
    old = "qq音速,表情,楚楚可怜,男、女,(30天0.5元/1年2元,),现货秒送"
    row = Rewriter(Linter()).rewrite([(old, {})])[0]
    assert row.new == "qq音速,表情,楚楚可怜,男、女,30天0.5元/1年2元,,现货秒送", (row.new, row.reason)
