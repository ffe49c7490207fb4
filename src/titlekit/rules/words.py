"""Word rules: spam, promotion overload, brands, IP risk, unrelated keywords, absolute terms
(T6, T10, T11, T12, T14; Advertising Law art. 9(3))."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from itertools import accumulate

from ..problems import Fix
from ..reading.types import Reading
from .base import Env, Hit, Option, Rule, examples, find_all, literal_pattern, quote
from .repeats import brand_repeats, brand_slots, in_products_name, own_brand, repeat_removal
from .rights import licensed_work_spans, other_origin_spans

_CORE = ("brand", "model", "product")


def removal(r: Reading, start: int, end: int, *, even_core: bool = False) -> Fix | None:
    """An unsafe fix that deletes ``raw[start:end]`` (and a 的 right after it: 最好的耳机 ->
    耳机). It is offered only where the span does not touch the title's brand, model or
    product word, unless ``even_core`` (an IP-risk phrase or another category's product word
    goes even when the reading took it for one)."""
    if not even_core and _touches_core(r, start, end):
        return None
    raw = r.raw
    if end < len(raw) and raw[end] == "的":
        end += 1
    return Fix(start, end, "", "unsafe", f"删除 {raw[start:end]}")


def _touches_core(r: Reading, start: int, end: int) -> bool:
    """Whether ``[start, end)`` overlaps a brand, model or product slot of the reading: a
    bisection over the slots sorted by start with the running maximum of their ends (kept on
    the reading), not a walk over every slot for each removal (quadratic on long titles)."""
    cached = r.__dict__.get("_core_reach")
    if cached is None or cached[0] is not r.slots or cached[1] != len(r.slots):
        spans = sorted((s.start, s.end) for s in r.slots
                       if s.type in _CORE and s.confidence >= 0.5 and not s.compat)
        cached = (r.slots, len(r.slots), [a for a, _ in spans],
                  list(accumulate((b for _, b in spans), max)))
        r.__dict__["_core_reach"] = cached
    starts, reach = cached[2], cached[3]
    j = bisect_left(starts, end) - 1
    return j >= 0 and reach[j] > start


def _allowed_spans(r: Reading, env: Env) -> list[tuple[int, int]]:
    pat = env.get("allow", lambda: literal_pattern(env.lex.words("allow") + list(env.extra_allow)))
    return [m.span() for m in find_all(pat, r.text)]


def _covered(span: tuple[int, int], allowed: list[tuple[int, int]]) -> bool:
    return any(s <= span[0] and span[1] <= e for s, e in allowed)


# a mainland mobile number (11 digits from 13… to 19…) not inside a code: contact details lead
# buyers off the platform, which Taobao bans (导购信息)
_PHONE_RE = re.compile(r"(?<![0-9a-z.\-])1[3-9][0-9]{9}(?![0-9a-z])")


def check_spam(r: Reading, opts: dict, env: Env) -> Iterator[Hit]:
    for m in _PHONE_RE.finditer(r.text):
        rs, re_ = r.raw_span(*m.span())
        yield Hit(rs, re_, f"标题中有电话号码 {quote(r, rs, re_)}（站外联系方式属于导购信息，平台禁止）："
                  "不要使用垃圾信息（运营规则 T10）。", removal(r, rs, re_))
    pat = env.get("spam", lambda: literal_pattern(env.lex.words("spam")))
    notes = env.get("spam-notes", lambda: env.lex.notes("spam"))
    allowed = None
    for m in find_all(pat, r.text):
        allowed = allowed if allowed is not None else _allowed_spans(r, env)
        if _covered(m.span(), allowed):
            continue
        rs, re_ = r.raw_span(*m.span())
        why = notes.get(m.group(), ())
        reason = f"（{why[0]}）" if why else ""
        yield Hit(rs, re_, f"垃圾词 {quote(r, rs, re_)}{reason}：不要使用大量的垃圾词语"
                  "（运营规则 T10）。", removal(r, rs, re_))


def check_promo_overload(r: Reading, opts: dict, env: Env) -> Iterator[Hit]:
    limit = int(opts.get("max", 2))
    promos = r.of("promotion")
    if len(promos) > limit:
        for s in promos[limit:]:
            yield Hit(s.start, s.end, f"促销热词过多（{len(promos)} 个，最多 {limit} 个）："
                      f"{quote(r, s.start, s.end)} 多余；少量活动词有助搜索，堆砌就是垃圾信息"
                      "（运营规则 T10、T12）。", removal(r, s.start, s.end))


def _own_brand(r: Reading, env: Env) -> str | None:
    return own_brand(r, env.reader.brand_canon)


def check_brand_overuse(r: Reading, opts: dict, env: Env) -> Iterator[Hit]:
    """The same brand written twice alike, or brands of several owners. Two names of one brand
    (Nike/耐克, 华为 HUAWEI) are the brand's own format, a product line (iPhone, 红米) is part
    of the product, and the devices an accessory fits are compatibility, not brands."""
    mentions = brand_slots(r, env.reader.brand_canon)
    again = {sp for sp in brand_repeats(r, env.reader.brand_canon)
             if not in_products_name(r, mentions, *sp)}
    keys: set[str] = set()
    prev_end = 0
    for s in mentions:
        if (s.start, s.end) in again:
            yield Hit(s.start, s.end, f"品牌 {quote(r, s.start, s.end)} 重复出现：品牌写一次即可"
                      "（运营规则 T11）。", repeat_removal(r.raw, s.start, s.end, prev_end))
        elif s.key not in keys and keys and s.source != "model":
            # a brand only the recogniser guessed never makes this warning
            yield Hit(s.start, s.end, f"一个标题里出现多个品牌（另有 {quote(r, s.start, s.end)}）："
                      "只写本商品的品牌（运营规则 T11）。")
        keys.add(s.key)
        prev_end = s.end


def _ip_words(env: Env) -> tuple:
    def build() -> tuple:
        names = set(env.reader.brand_canon) | {"大牌", "名牌"}
        # a brand's product line of four letters or more names its owner as well (switch同款)
        names |= {w for w in env.reader.knowledge.lines if len(w) >= 4 and w.isascii()}
        people = {w.lower() for w in env.lex.words("celebrities")}
        names |= people
        lengths = sorted({len(n) for n in names}, reverse=True)
        return (literal_pattern(env.lex.words("ip-risk")), names, lengths,
                env.lex.notes("ip-risk"), people)

    return env.get("ip", build)


def _brand_after(text: str, pos: int, names: set[str], lengths: list[int]) -> str | None:
    for n in lengths:
        if text[pos : pos + n] in names:
            return text[pos : pos + n]
    return None


def _brand_before(text: str, pos: int, names: set[str], lengths: list[int]) -> str | None:
    for n in lengths:
        if n <= pos and text[pos - n : pos] in names:
            return text[pos - n : pos]
    return None


def check_ip_risk(r: Reading, opts: dict, env: Env) -> Iterator[Hit]:
    words, names, lengths, notes, people = _ip_words(env)
    text = r.text
    # (start, end, message, whether deleting the words would be a fix): a word saying the
    # item is a counterfeit (复刻, 高仿, 仿+brand) is not fixed by deleting it, which would only
    # make a replica read as the real thing; the listing itself is the problem
    spans: list[tuple[int, int, str, bool]] = []
    for m in find_all(words, text):
        basis = notes.get(m.group(), ("淘宝规则: 出售假冒商品",))[0]
        spans.append((*m.span(), f"仿冒用语 “{m.group()}”（{basis}）", "假冒" not in basis))
    i = text.find("仿")
    while i != -1:
        name = _brand_after(text, i + 1, names, lengths)
        if name:
            spans.append((i, i + 1 + len(name),
                          f"“仿”+品牌 “仿{name}” 表示仿制他人品牌（淘宝规则: 出售假冒商品）", False))
        i = text.find("仿", i + 1)
    own = _own_brand(r, env)
    j = text.find("同款")
    lines = env.reader.knowledge.lines
    while j != -1:
        k = j - 2 if text[j - 2:j] == "明星" else j  # 杨幂明星同款
        name = _brand_before(text, k, names, lengths)
        owner = env.reader.brand_canon.get(name, name)
        if name and name not in env.reader.brand_canon and name in lines:
            owner = lines[name]  # a line: fine where the title names its owner's brand
            if any(s.type == "brand" and not s.compat and s.key == owner for s in r.slots):
                name = None
        if name and (own is None or owner != own):
            whose = "他人姓名" if name in people else "他人品牌"
            msg = f"“{text[k - len(name):j + 2]}” 借{whose}引流（淘宝规则: 不当使用他人权利）"
            spans.append((k - len(name), j + 2, msg, True))
        j = text.find("同款", j + 2)
    spans += licensed_work_spans(r, env) + other_origin_spans(r, env)
    reported: list[tuple[int, int]] = []
    for s, e, msg, fixable in sorted(spans):
        if any(a <= s and e <= b for a, b in reported):
            continue
        reported.append((s, e))
        rs, re_ = r.raw_span(s, e)
        if fixable is None:  # the message says it all, and there is no safe fix
            yield Hit(rs, re_, msg)
        elif fixable:
            yield Hit(rs, re_, msg + "：属于平台违规，会被扣分甚至屏蔽（运营规则 T14）。",
                      removal(r, rs, re_, even_core=True))
        else:
            yield Hit(rs, re_, msg + "：属于平台违规，会被扣分甚至屏蔽；删掉这个词不会让仿品变成"
                      "正品，要处理的是商品本身（运营规则 T14）。")
    if own is not None:
        declared = r.context.get("brand")
        for b in r.slots:
            # a brand only the recogniser guessed never makes this error
            if (b.type == "brand" and not b.compat and b.confidence >= 0.8 and b.key != own
                    and b.source != "model"):
                yield Hit(b.start, b.end, f"出现了其他品牌 {quote(r, b.start, b.end)}，本商品声明的"
                          f"品牌是“{declared}”：侵犯知识产权属于平台违规（运营规则 T14）。",
                          removal(r, b.start, b.end, even_core=True))


def category_of(declared: str, cats: dict[str, str]) -> str | None:
    """The lexicon category of a declared category (``apparel``, ``女装/连衣裙``), or None."""
    declared = declared.strip().lower()
    if not declared:
        return None
    if declared in set(cats.values()):
        return declared
    for word, c in sorted(cats.items(), key=lambda kv: -len(kv[0])):
        if word in declared:
            return c
    return None


def check_irrelevant(r: Reading, opts: dict, env: Env) -> Iterator[Hit]:
    cats: dict[str, str] = env.get("cats", env.lex.categories)
    related: set = env.get("related", env.lex.related_categories)
    found = [(s, cats[s.text.lower()]) for s in r.of("product") if s.text.lower() in cats
             and not s.compat]
    main = category_of(r.context.get("category") or "", cats)
    if main is None:
        if len({c for _, c in found}) < 2:
            return
        counts: dict[str, int] = {}
        for _, c in found:
            counts[c] = counts.get(c, 0) + 1
        best = max(counts.values())
        main = next(c for _, c in found if counts[c] == best)
    for s, c in found:
        if c != main and frozenset((c, main)) not in related:
            yield Hit(s.start, s.end, f"“{s.text}” 属于其他类目（{c}），与本商品类目（{main}）无关："
                      "不能写与宝贝无关的关键词（运营规则 T6）。", removal(r, s.start, s.end, even_core=True))


def check_absolute(r: Reading, opts: dict, env: Env) -> Iterator[Hit]:
    pat = env.get("absolute", lambda: literal_pattern(env.lex.words("absolute")))
    notes = env.get("absolute-notes", lambda: env.lex.notes("absolute"))
    allowed = None
    for m in find_all(pat, r.text):
        allowed = allowed if allowed is not None else _allowed_spans(r, env)
        if _covered(m.span(), allowed):
            continue
        rs, re_ = r.raw_span(*m.span())
        basis = notes.get(m.group(), ("广告法第九条第(三)项",))[0]
        yield Hit(rs, re_, f"绝对化用语 {quote(r, rs, re_)}：{basis}。若是注册商标或可证实的事实，"
                  "请加入允许列表（allow）。", removal(r, rs, re_))


RULES = (
    Rule("spam-word", "TK401", "warning", False, "T10",
         "A junk word from the spam lexicon.", check_spam, cost=12, label="垃圾词", fix_reason="垃圾词（spam-word）",
         why="Junk words waste the title and can be treated as 滥发信息 (spam listing).",
         fails=examples("连衣裙 女 夏季 淘宝网 雪纺"), passes=examples("连衣裙 女 夏季 雪纺")),
    Rule("promo-overload", "TK402", "warning", False, "T10, T12",
         "More promotion hot words than allowed (option max, default 2).", check_promo_overload,
         {"max": Option(2, "promotion words allowed in one title", 0)}, cost=6, label="多余的促销词", fix_reason="多余的促销词（promo-overload）",
         why="A little 活动力度 helps search; a pile of promotion words is spam.",
         fails=examples("连衣裙 包邮 特价 清仓 秒杀"), passes=examples("连衣裙 雪纺 包邮 特价")),
    Rule("brand-overuse", "TK403", "warning", True, "T11",
         "The brand repeated, or several brands in one title.", check_brand_overuse,
         expendable=True, cost=6, label="品牌重复", fix_reason="品牌只写一次（T11）",
         why="One brand, once: more brands confuse buyers and search.",
         fails=examples("耐克 运动鞋 耐克 跑步鞋"), passes=examples("耐克 运动鞋 跑步鞋")),
    Rule("ip-risk", "TK404", "error", False, "T14",
         "Words that signal imitation or another owner's brand (高仿, 仿+brand, A货, <brand>同款, "
         "another owner's character on goods not said to be licensed).",
         check_ip_risk, expendable=True, cost=30, label="侵权风险词", fix_reason="侵权风险词（ip-risk）",
         why="Imitation and other owners' brands are 侵犯知识产权, a platform violation.",
         fails=examples("高仿 运动鞋 男"), passes=examples("运动鞋 男 透气")),
    Rule("irrelevant-keyword", "TK405", "warning", False, "T6",
         "A product word of an unrelated category.", check_irrelevant, expendable=True, cost=10, label="无关类目词", fix_reason="无关类目词（irrelevant-keyword）",
         why="Words unrelated to the item are 滥发信息 and mislead buyers.",
         fails=examples(("连衣裙 手机壳", {"category": "女装/连衣裙"})),
         passes=examples(("连衣裙 雪纺 碎花", {"category": "女装/连衣裙"}))),
    Rule("absolute-term", "TK406", "error", False, "广告法第九条第(三)项",
         "Advertising Law absolute terms (最佳, 第一, 国家级, 顶级 ...), with an allow-list.",
         check_absolute, cost=30, label="绝对化用语", fix_reason="绝对化用语（absolute-term）",
         why="The Advertising Law bans absolute claims; a listing with them can be fined or "
             "removed.",
         fails=examples("最好的 蓝牙耳机"), passes=examples("最新款 蓝牙耳机")),
)

SPAM, PROMO_OVERLOAD, BRAND_OVERUSE, IP_RISK, IRRELEVANT, ABSOLUTE = RULES
