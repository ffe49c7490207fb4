"""Junk titles (playbook T10): an empty title, and one whose characters are scrambled so that
it no longer reads (two phrases interleaved character by character, a trick to match searches
that no buyer can read).

A scrambled title segments into single characters that are no word of their own (not a unit,
a gender, a classifier …), and its neighbouring characters are pairs that no dictionary word
contains. Both must hold, and strongly, so normal titles written without spaces never fire: on
the 11,474 shared real titles it fires on 3, each a character salad. The pair check reads the
plain jieba dictionary once, and only for the rare title that passes the first check.
"""

from __future__ import annotations

import importlib.util
import os
import re
from collections.abc import Iterator
from functools import lru_cache

from ..reading.text import CJK_CLASS, is_cjk
from ..reading.types import Reading
from .base import Env, Hit, Rule, examples

MIN_CJK = 16
SINGLE_SHARE = 0.6  # of the Chinese characters, those in single-character non-words
UNKNOWN_PAIRS = 0.84  # of neighbouring Chinese pairs, those in no dictionary word
# single characters that stand as words in normal titles (units, classifiers, genders, heads)
STANDALONE = frozenset(
    "的女男款色片盒袋包装米个只寸斤克件套双条张瓶支粒枚对大小中长短新老童宝纯真鞋衣裤裙帽杯壶碗"
    "盘灯车机器箱柜桌椅床垫枕被毯帘膜壳线笔本卡贴油水茶酒奶粉霜膏乳液药材板管阀丝布纸网棒绳刀剪"
    "铲勺筷梳刷巾表链环镯戒坠镜伞球拍")


# two neighbouring Chinese characters (the is_cjk ranges), overlapping matches
_CJK_PAIR_RE = re.compile("(?=(" + CJK_CLASS + "{2}))")
_CJK_RUN_RE = re.compile(CJK_CLASS + "+")


@lru_cache(maxsize=1)
def _dictionary_pairs() -> frozenset[str]:
    """Every pair of Chinese characters that stands inside a word of jieba's dictionary (only
    such pairs are looked up; a pair never spans two lines' words, a space lies between)."""
    spec = importlib.util.find_spec("jieba")  # its folder, without importing jieba
    folder = (list(spec.submodule_search_locations or ()) or [""])[0] if spec else ""
    with open(os.path.join(folder, "dict.txt"), encoding="utf-8") as fh:
        return frozenset(_CJK_PAIR_RE.findall(fh.read()))


def scrambled(r: Reading, cut) -> bool:
    text = r.text
    if len(text) < MIN_CJK:
        return False
    cjk = sum(map(len, _CJK_RUN_RE.findall(text)))
    if cjk < MIN_CJK:
        return False
    words = r.plain if r.plain is not None else cut(text.replace(",", " "))
    ones = [w for w in words if len(w) == 1]
    if len(ones) / cjk < SINGLE_SHARE:  # too few single characters of any kind
        return False
    singles = sum(1 for w in ones if is_cjk(w) and w not in STANDALONE)
    if singles / cjk < SINGLE_SHARE:
        return False
    pairs = [text[i:i + 2] for i in range(len(text) - 1)
             if is_cjk(text[i]) and is_cjk(text[i + 1])]
    known = _dictionary_pairs()
    return bool(pairs) and 1 - sum(p in known for p in pairs) / len(pairs) >= UNKNOWN_PAIRS


def check_scrambled(r: Reading, opts: dict, env: Env) -> Iterator[Hit]:
    if scrambled(r, env.reader.plain_cut):
        yield Hit(0, len(r.raw), "标题的字被打乱了（几组词的字互相穿插），买家和搜索都读不懂："
                  "这是垃圾标题（运营规则 T10）。")


def check_empty(r: Reading, opts: dict, env: Env) -> Iterator[Hit]:
    if not r.raw.strip():
        yield Hit(0, len(r.raw), "标题是空的：宝贝必须有标题（运营规则 T1）。")


RULES = (
    Rule("empty-title", "TK103", "error", False, "T1",
         "The title is empty or only whitespace.", check_empty, cost=100, on_empty=True,
         label="空标题",
         why="A listing without a title cannot be found or published.",
         fails=examples("   "), passes=examples("耐克 运动鞋")),
    Rule("scrambled-title", "TK305", "error", False, "T10",
         "The title's characters are scrambled (phrases interleaved) so that it no longer "
         "reads.", check_scrambled, cost=40, label="乱序标题",
         why="A title no buyer can read is junk, however many search words it holds.",
         fails=examples("刷置套刷杯牙壁架架创壁意卫架杯漱室物牙挂盒浴膏间牙吸装生式口"),
         passes=examples("韩版遮肚大码女装胖mm200斤显瘦加绒加厚外套百搭中长款连帽风衣")),
)
