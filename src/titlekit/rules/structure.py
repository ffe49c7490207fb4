"""Structure rules: brand + 货号 + attributes + style + selling point + promotion (T2, T3)."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator

from ..reading.types import Reading, Slot
from .base import Env, Hit, Rule, examples, find_all, literal_pattern
from .form import BIBLIOGRAPHIC


def _brands(r: Reading) -> list:
    return [s for s in r.slots if s.type == "brand" and not s.compat]


def check_missing_product(r: Reading, opts: dict, env: Env) -> Iterator[Hit]:
    if not r.of("product"):
        yield Hit(0, len(r.raw), "标题中找不到产品词（主要类目），买家搜索类目词时无法命中"
                  "（运营规则 T3）。")


def _found(r: Reading, env: Env, kind: str) -> list[str]:
    """The words of a lexicon kind in the title or its declared category (looked for once
    per reading: missing-brand, missing-model and missing-selling-point all ask)."""
    key = "found:" + kind
    if key not in r.memo:
        pat = env.get(kind, lambda: literal_pattern(env.lex.words(kind)))
        where = r.text + " " + (r.context.get("category") or "").lower()
        r.memo[key] = [m.group() for m in find_all(pat, where)]
    return r.memo[key]


# a translated author's nationality or an ancient author's dynasty in brackets, as book
# listings write them before the name ([美]斯蒂芬, （明）杜文燮); not 中, which is also a size
_AUTHOR_MARK_RE = re.compile(
    r"[\[【(（〔]\s*[" + "".join(sorted(BIBLIOGRAPHIC - {"中"})) + r"]\s*[\]】)）〕]")


# kinds of goods that are sold without a brand (decoration, furniture, building materials)
# but are named by words that also stand inside other products' names (地板 in 地板袜): such a
# word counts only as the head of a product word the reading found
HEAD_KINDS = frozenset(("decor", "furniture", "building"))


def item_kinds(r: Reading, env: Env) -> set[str]:
    """The kinds of item without brand or model the title names (``unbranded-categories``
    notes: service, book, fresh …); an author mark makes a book."""
    key = "kinds"
    if key not in r.memo:
        notes = env.get("unbranded-notes", lambda: env.lex.notes("unbranded-categories"))
        kinds = {(notes.get(w) or ("",))[0] for w in _found(r, env, "unbranded-categories")}
        kinds -= HEAD_KINDS
        item = next((s.key for s in r.of("product") if not s.compat), "")
        kinds.update(notes[item[i:]][0] for i in range(len(item) - 1)
                     if (notes.get(item[i:]) or ("",))[0] in HEAD_KINDS)
        if _AUTHOR_MARK_RE.search(r.raw):
            kinds.add("book")
        r.memo[key] = kinds
    return r.memo[key]


def unbranded_item(r: Reading, env: Env) -> bool:
    """Is the item of a kind that normally has no brand or model: a service, a top-up or
    other virtual good, a book, fresh produce, a handmade or second-hand single item?"""
    return bool(item_kinds(r, env))


# kinds whose titles name the thing itself (a service, a top-up, a book's title and author, a
# used or antique single item as it is): there is no product benefit to put in them
NO_SELLING_POINT_KINDS = frozenset(("service", "virtual", "book", "antique", "second-hand"))

# a medicine's pack as pharmacy listings write it (0.5g*24片/盒, 30mg*12片*3板/盒,
# 100ml#67g*1瓶/盒): such a title names the registered drug (brand, name, pack), and claims
# of effect are not allowed in it, so it is not asked for a selling point
_DRUG_PACK_RE = re.compile(
    r"\d+(?:\.\d+)?(?:mg|g|ml|μg|ug|iu|克|毫克|毫升)(?:#\d+(?:\.\d+)?(?:mg|g|ml|μg|ug))?"
    r"\s*[*x×]\s*\d+\s*(?:片|粒|袋|支|瓶|丸|贴|板|枚|包)(?:\s*[*x×]\s*\d+\s*板)?"
    r"\s*/\s*(?:盒|瓶|袋|支|板|罐)")


def selling_point_expected(r: Reading, env: Env) -> bool:
    """Does an operator ask this title for a selling point? Not of the kinds above, nor of
    a medicine listed by its pack."""
    return not item_kinds(r, env) & NO_SELLING_POINT_KINDS and not _DRUG_PACK_RE.search(r.text)


# consumer devices, bought by their model; parts and components are bought by spec or by the
# device they fit, so their titles are not asked for a model
MODEL_KINDS = frozenset(("phone", "computer", "electronics", "camera", "printer", "game",
                         "appliance", "watch", "power-tool"))
# bought by 货号 when a brand makes them (a big brand's sports shoes), not otherwise
BRANDED_MODEL_KINDS = frozenset(("branded-shoes",))


def model_expected(r: Reading, env: Env) -> bool:
    """Is the item a consumer device bought by its model (phones, appliances, cameras …)?"""
    notes = env.get("model-notes", lambda: env.lex.notes("model-categories"))
    know = env.reader.knowledge
    if know.has_accessory(r.text):
        return False  # an accessory or part names the device it fits, not its own model
    kinds = {(notes.get(s.key) or ("",))[0] for s in r.of("product") if not s.compat}
    branded = any(s.type == "brand" and not s.compat for s in r.slots)
    return bool(kinds & MODEL_KINDS or (branded and kinds & BRANDED_MODEL_KINDS))


def _line_with_number(r: Reading) -> bool:
    """A product line written with its number (荣耀9, nova2s, 红米5) names the model."""
    raw = r.raw
    return any(s.type == "line" and raw[s.end:s.end + 2].strip()[:1].isascii()
               and raw[s.end:s.end + 2].strip()[:1].isalnum() for s in r.slots)


def check_missing_brand(r: Reading, opts: dict, env: Env) -> Iterator[Hit]:
    if r.context.get("unbranded") or (not r.context.get("brand") and unbranded_item(r, env)):
        return
    declared = r.context.get("brand")
    if declared and not any(s.confidence >= 1.0 for s in _brands(r)):
        yield Hit(0, 0, f"标题中没有本商品的品牌“{declared}”（运营规则 T2）。")
    elif not declared and not _brands(r):
        yield Hit(0, 0, "标题中找不到品牌；品牌应放在标题开头（运营规则 T2）。"
                  "无品牌商品请在配置中声明 unbranded = true。")


def check_missing_model(r: Reading, opts: dict, env: Env) -> Iterator[Hit]:
    declared = r.context.get("model")
    if declared and not any(s.type == "model" and s.confidence >= 1.0 for s in r.slots):
        yield Hit(0, 0, f"标题中没有本商品的货号/型号“{declared}”（运营规则 T2）。")
    elif (not declared and not r.of("model") and not _line_with_number(r)
          and model_expected(r, env) and not unbranded_item(r, env)):
        yield Hit(0, 0, "标题中找不到货号/型号：这类商品买家常按型号搜索（运营规则 T2）。")


# Benefit phrases made from a productive prefix: 防水, 抗菌, 免安装, 耐磨, 速干, 超薄, 可折叠,
# 三合一: a selling point whether or not the lexicon lists the phrase.
_BENEFIT_RE = re.compile(
    r"防(?:水|滑|晒|摔|尘|风|雨|蚊|蛀|霉|潮|锈|爆|盗|蓝光|辐射|紫外线|静电|过敏|掉|脱|皱|刮|震|漏|烫|寒)"
    r"|抗(?:菌|皱|氧化|寒|压|摔|老|过敏|紫外线|静电|污|油|冲击)"
    r"|免(?:安装|打孔|洗|熨|烫|胶|钉|拆)"
    r"|耐(?:磨|用|脏|寒|热|高温|腐蚀|摔|压|候|洗|晒|穿|刮|折)"
    r"|速(?:干|热|冻|溶|效|开)"
    r"|超(?:薄|轻|强|长|软|柔|静|亮|清|细|宽|厚)"
    r"|可(?:折叠|水洗|拆|调|伸缩|移|开|充|重复|旋转|升降|定制|刻字)"
    r"|[一二三四五六七八九十两\d]+合一")


def has_selling_point(r: Reading, env: Env) -> bool:
    """A selling point slot or a claim buyers search (正品, 原装), a lexicon selling point
    inside a longer word (防水 in 防水袋), or a benefit phrase (:data:`_BENEFIT_RE`)."""
    if r.of("selling_point") or r.of("search") or _BENEFIT_RE.search(r.text):
        return True
    return next(find_all(env.get("selling", lambda: literal_pattern(
        w for w in env.lex.words("selling-points") if len(w) >= 2)), r.text), None) is not None


def check_missing_selling_point(r: Reading, opts: dict, env: Env) -> Iterator[Hit]:
    # Asked only of a title with room for one. In a title that fills its bytes the words no
    # lexicon knows mostly carry the benefits (印花, 大号, 4GB+64GB, 同城速递): the judged sets
    # show operators seeing no selling point missing in most such titles, and adding one there
    # means dropping another word, which is the repeated-keyword rule's advice, not this one's.
    p = env.platform
    room = p.fill_target() - p.measure(r.raw)
    if room > 0 and not has_selling_point(r, env) and selling_point_expected(r, env):
        yield Hit(len(r.raw), len(r.raw), f"标题中没有卖点词（如 防水、加厚、透气），还有 {room} "
                  f"{p.unit_word}可写卖点（运营规则 T2）。")


_CORE = ("brand", "model", "product", "line")


def _origins(env: Env):
    """Places and words of origin or state (日本代购, 原装进口, 全新): an operator writes them
    before the brand without breaking the order."""
    def build():
        places = [w for w, n in env.lex.notes("not-brands").items() if n and n[0] == "place"]
        return literal_pattern([*env.lex.words("origins"), *places])
    return env.get("origins", build)


def _anywhere(env: Env) -> frozenset[str]:
    """Promotion words buyers search that may stand anywhere in a title (包邮)."""
    return env.get("promo-anywhere", lambda: frozenset(
        w for w, n in env.lex.notes("promotions").items() if n and n[0] == "anywhere"))


_ALIAS_JOINS = ("/", "(", "（", "|")  # 誉品（YEPEN）, nike/耐克: one brand's two names


def _leading(r: Reading, first: Slot, env: Env) -> str:
    """What stands before the brand ``first`` that is a word of the title: not a separator or
    bracket, not a search word (正品, 现货, 包邮 may stand anywhere), not a device the item fits, not
    a product line (thinkpad 联想: the line goes with its brand), not the brand's other name
    (誉品（YEPEN）), not a place or a word of origin or state."""
    end = first.start
    skip = [(s.start, s.end) for s in r.slots if s.end <= end and (
        s.type in ("search", "compatible", "line") or s.type == "brand" and s.key == first.key
        and r.raw[s.end:end].strip() in _ALIAS_JOINS
        or s.type == "promotion" and s.text.lower() in _anywhere(env))]
    skip += [m.span() for m in find_all(_origins(env), r.text[:end])]
    return "".join(c for i, c in enumerate(r.raw[:end])
                   if c.isalnum() and not any(a <= i < b for a, b in skip))


def check_structure_order(r: Reading, opts: dict, env: Env) -> Iterator[Hit]:
    brands = [s for s in _brands(r) if s.confidence >= 0.8]
    if brands:
        first = brands[0]
        before = _leading(r, first, env)
        if len(before) >= 2:
            lead = len(r.raw[:first.start]) - len(r.raw[:first.start].lstrip(" ,，、"))
            end = len(r.raw[:first.start].rstrip(" ,，、/"))
            yield Hit(lead, end,
                      f"品牌“{first.text}”没有放在标题开头（前面有“{r.raw[:first.start].strip()}”）"
                      f"（运营规则 T2）。")
    core = [s for s in r.slots if s.type in _CORE and s.confidence >= 0.5
            and not s.compat]  # in order of start, as the slots are
    starts = [s.start for s in core]
    # a promotion word that opens the title, before its brand, model and product: buyers and
    # search read the title's start first (one further inside does no such harm)
    for promo in r.of("promotion"):
        if promo.text.lower() in _anywhere(env) or bisect_left(starts, promo.start):
            continue
        later = core[bisect_left(starts, promo.end):]  # core slots from the promotion's end
        if later:
            yield Hit(promo.start, promo.end,
                      f"促销词“{promo.text}”放在了标题开头，排在“{later[0].text}”前面：标题应以品牌或"
                      f"产品词开头，活动力度放在最后（运营规则 T2）。")


RULES = (
    Rule("missing-product-word", "TK201", "error", False, "T2, T3",
         "No product word (the core category word) was found.", check_missing_product,
         cost=20, label="缺少产品词",
         why="Buyers search by the category word; without it the title is not found.",
         fails=examples("耐克 2024 新款 透气"), passes=examples("耐克 运动鞋 2024 新款 透气")),
    Rule("missing-brand", "TK202", "warning", False, "T2",
         "No brand was found (or not the declared one); off for shops declared unbranded.",
         check_missing_brand, cost=6, label="缺少品牌",
         why="The title starts with the brand (品牌 + 货号 + 属性 + 风格 + 卖点 + 活动力度).",
         fails=examples("男鞋 运动鞋 透气"),
         passes=examples("耐克 男鞋 运动鞋 透气", "王者荣耀 代充 点券 自动充值")),
    Rule("missing-model", "TK203", "warning", False, "T2",
         "No model / 货号 in a title of an item bought by model (phones, appliances, parts), "
         "or not the declared one.",
         check_missing_model, cost=4, label="缺少货号",
         why="Buyers who know the item search by its model or 货号.",
         fails=examples("格力 空调 变频 冷暖 挂机"),
         passes=examples("格力 kfr-35gw 空调 变频 冷暖 挂机", "茵曼 连衣裙 女 夏季 雪纺")),
    Rule("missing-selling-point", "TK204", "info", False, "T2",
         "No selling-point word was found.", check_missing_selling_point, cost=3, label="缺少卖点",
         why="A selling point (商品优势) tells buyers why this item.",
         fails=examples("耐克 男鞋 运动鞋"),
         passes=examples("耐克 男鞋 运动鞋 透气", "批判性思维教与学 图书 正版 作者签名版")),
    Rule("structure-order", "TK205", "info", False, "T2",
         "The brand does not lead the title, or a promotion word is not at the end.",
         check_structure_order, cost=4, label="词序",
         why="The playbook order is brand + model + attributes + style + selling point + "
             "promotion.",
         fails=examples("运动鞋 耐克 男"), passes=examples("耐克 运动鞋 男")),
)
