"""A run written without spaces is split only where the reading is certain of the boundary
(issue 18): an unreadable character inside a word (mojibake, a control or private-use code) is
removed without leaving a boundary, and the checker names a split there."""

from __future__ import annotations

import pytest

import titlekit
from titlekit.linting.linter import Linter
from titlekit.rewrite.check import check, removable
from titlekit.rewrite.rewriter import Rewriter

# Real titles of ../shared/data/taobao_titles_ner_train.jsonl (rows 3149, 109, 166 and 15): each
# holds unreadable characters between two characters of one run.
RUNS = [
    ("卡地\uf880\x86手\uf881l蓝气球系列中号w6900456瑞士自动机械18k玫瑰金女表,v6",
     "卡地手l蓝气球系列中号w6900456瑞士自动机械18k玫瑰金女表"),
    ("本色丽人金\x95\x91气垫cc霜遮瑕带替换装白色,,自然色商品规格其他颜色", "本色丽人金气垫cc霜遮瑕带替换装白色"),
    ("清凉爽口/火锅伴侣/台湾饮料/台\uf881\ufffd珍晶果/明列子风味饮料310ml", "台湾饮料/台珍晶果/明列子风味饮料310ml"),
    ("宝姬丝芯丝露发质美容原液修复发膜洗发乳营养\x9fh油膏护发素包邮", "洗发乳营养h油膏护发素包邮"),
]


def _spaced(title: str) -> str:
    """The title with each unreadable character replaced by a space (the damaged rewrite)."""
    out = "".join(" " if (c < " " or "\x7f" <= c <= "\x9f" or "\ue000" <= c <= "\uf8ff"
                          or c == "\ufffd") else c for c in title)
    return " ".join(out.split())


@pytest.mark.parametrize("old,run", RUNS)
def test_unreadable_characters_inside_a_run_leave_it_whole(old, run):
    row = Rewriter(Linter()).rewrite([(old, {})])[0]
    # the word there may miss a character (mojibake of one): the row is for a person
    assert row.status == "review", row.reason
    assert "乱码" in row.reason
    assert run in row.new, row.new
    assert not any(c in row.new for c in "\uf880\uf881\ufffd\x86\x95\x91\x9f")


@pytest.mark.parametrize("old,run", RUNS)
def test_checker_names_a_split_at_a_removed_unreadable_character(old, run):
    res = next(Linter().lint_many([(old, None)], keep_reading=True))
    gone = removable(res)
    assert gone
    assert "split" in {v.name for v in check(old, _spaced(old), res.reading, removed=gone)}
    joined = Rewriter(Linter()).rewrite([(old, {})])[0].new
    assert check(old, joined, res.reading, removed=gone) == []


def test_a_visible_symbol_or_bracket_inside_a_run_still_separates():
    rw = Rewriter(Linter())
    star, bracket = rw.rewrite([("耐克★运动鞋男款", {}), ("AOC一体机电脑【九代新品】蝙蝠侠系列", {})])
    assert star.new == "耐克 运动鞋男款"
    assert bracket.new == "AOC一体机电脑 九代新品 蝙蝠侠系列"


def test_every_character_the_rewrite_leaves_out_is_in_its_changes():
    # real titles of ../shared/data/taobao_titles_ner_train.jsonl
    rw = Rewriter(Linter())
    lead, commas, entity = rw.rewrite([("/hasat,双面电子点烟器,防风创意usb充电打火机定制刻字男女", {}),
                                       ("进口高端奢华品质,,,新款日韩格子,条纹款休闲亚麻居家拖鞋,木地", {}),
                                       ("pp通风弯头&phi", {})])
    assert lead.new == "hasat,双面电子点烟器,防风创意usb充电打火机定制刻字男女"
    assert [c.what for c in lead.changes] == ["删除分隔符 /"]
    assert commas.new == "进口高端奢华品质 新款日韩格子,条纹款休闲亚麻居家拖鞋,木地"
    assert [c.what for c in commas.changes] == ["删除分隔符 ,,,"]
    # the fix would write φ, the rewrite cannot: the change says what it did
    assert entity.new == "pp通风弯头"
    assert [c.what for c in entity.changes] == ["删除 &phi"]


def test_an_unreadable_character_at_a_brand_edge_between_latin_and_chinese_separates():
    # row 1926 of ../shared/data/taobao_titles_ner_train.jsonl: the reading is certain of the
    # boundary before the brand thinkpad, so the removed character parts the words there
    row = Rewriter(Linter()).rewrite([("皇冠信誉\ufffdthinkpad,l570,温10,中文系统恢复盘/u盘/16g", {})])[0]
    assert row.new == "皇冠信誉 thinkpad,l570,温10,中文系统恢复盘/u盘/16g", row.new


def test_a_repeat_keeps_the_copy_written_with_its_product_line():
    """荣耀 畅玩6 is one name: of two 畅玩6, the one after 荣耀 stays (not 荣耀 left alone)."""
    from titlekit.linting.linter import Linter
    from titlekit.rewrite.rewriter import Rewriter

    old = "华为（HUAWEI） 华为 畅玩6 荣耀 畅玩6 4G手机 双卡双待 金色 全网通2GB+16GB"
    row = Rewriter(Linter()).rewrite([(old, {})])[0]
    assert row.status == "changed"
    assert "荣耀 畅玩6" in row.new and row.new.count("畅玩6") == 1


def test_a_title_cut_to_the_limit_keeps_its_opening_subject():
    """A magazine's name opens its title: cutting to 60 bytes never takes it (row 4361)."""
    old = "英语街高考版,2017年4月期,全国高学生英语挑战赛,ieep官方指定读物,一本以高中生的视角来阅读世界的双语读物"
    row = Rewriter(Linter()).rewrite([(old, {})])[0]
    assert row.new.startswith("英语街高考版")


def test_a_counterfeit_word_is_not_deleted_to_make_a_replica_read_as_genuine():
    for old in ("复刻goro's绿松石十字架", "仿vivo x9 手机 全网通", "高仿 名牌 女包 单肩包 斜挎包 真皮"):
        row = Rewriter(Linter()).rewrite([(old, {})])[0]
        assert row.new == old and row.status == "kept", (old, row.new)
    row = Rewriter(Linter()).rewrite([("欧美大牌同款 连衣裙 女 夏季 碎花 雪纺", {})])[0]
    assert "大牌同款" not in row.new  # borrowing a brand's name is removed, as before


def test_an_invisible_format_character_is_removed_without_review():
    row = Rewriter(Linter()).rewrite([("耐克\u200b运动鞋 男 透气 跑步鞋 轻便 减震 2024新款", {})])[0]
    assert row.status == "changed", row.reason
    assert "\u200b" not in row.new


def test_a_removed_repeat_takes_the_hyphen_that_joined_it():
    rw = Rewriter(Linter())
    row = rw.rewrite([("紫砂壶 茶具 功夫茶杯 茶盘 宜兴原矿-紫砂壶", {})])[0]
    assert row.new == "紫砂壶 茶具 功夫茶杯 茶盘 宜兴原矿", row.new
    # a hyphen inside a code stays: only a Chinese word joined by it goes with it
    res = titlekit.lint("耐克 a55-c 运动鞋 a55-c 男")
    assert all(res.title[p.fix.start:p.fix.end].strip(" ,") in ("a55-c", "")
               for p in res.problems if p.rule == "repeated-keyword" and p.fix)


def test_a_count_in_chinese_numerals_with_a_promotion_does_not_open_the_title():
    row = Rewriter(Linter()).rewrite([("两件包邮 纯棉t恤 男 短袖 夏季 宽松 圆领", {})])[0]
    assert row.new == "纯棉t恤 男 短袖 夏季 宽松 圆领 两件包邮", row.new


def test_a_title_left_opening_with_a_single_character_is_for_review():
    row = Rewriter(Linter()).rewrite([("【x】nike,air,force,1,耐克空军一号板鞋 男女 情侣款", {})])[0]
    assert row.status == "review", row.status
    assert "单个字" in row.reason


def test_a_leading_model_code_is_not_moved_behind_the_product_word():
    # the chip or the printer the parts fit is what buyers search by, not a code of no weight
    rw = Rewriter(Linter())
    for title in ("全新原装lm2596s,降压稳压芯片,to-263", "hplaserjet1020,打印机定影组件,加热组件,搓纸轮"):
        row = rw.rewrite([(title, {})])[0]
        assert not any(c.what.startswith("把 ") and "移到后面" in c.what for c in row.changes), \
            (title, row.new)


def test_a_title_over_the_limit_keeps_the_words_of_a_latin_name_together():
    old = "mysql,数据库,从入门到精通,实战教程,附光盘,张三,编著,书店,清华出版,sql,server书籍,畅销书"
    row = Rewriter(Linter()).rewrite([(old, {})])[0]
    assert "sql,server书籍" in row.new, row.new  # not a lone server书籍


def test_a_latin_repeat_that_is_the_next_word_of_a_name_stays():
    # x5 after x3850 and after x3950 is the server generation; noguchi after isamu a surname
    rw = Rewriter(Linter())
    for old, kept in (("联想,sr650,x5,sr850,x5,服务器内存条,32g,ddr4", "sr850,x5"),
                      ("eames,chair/伊姆斯椅/charles,eames,休闲椅 单人 北欧", "charles,eames")):
        row = rw.rewrite([(old, {})])[0]
        assert kept in row.new, (old, row.status, row.new)
    # the same word written again right after itself is still a repeat
    row = rw.rewrite([("正版书blah,blah,blah：不讲废话", {})])[0]
    assert row.new.count("blah") == 1, row.new
