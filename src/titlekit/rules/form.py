"""Form rules: brackets, decorative symbols, repeated keywords (T7, T8, T9)."""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterator

from ..platform import gbk_encodable
from ..problems import Fix
from ..reading.types import Reading
from .base import Env, Hit, Option, Rule, examples, quote
from .repeats import WORD_GAP, brand_repeats, repeat_removal, repeated_words

BRACKETS = {
    "【": "】", "[": "]", "(": ")", "（": "）", "《": "》", "「": "」", "『": "』", "〔": "〕",
    "〖": "〗", "{": "}", "｛": "｝", "<": ">", "＜": "＞", "“": "”", "‘": "’", "［": "］",
    "〈": "〉", "﹝": "﹞",
}
CLOSERS = {v: k for k, v in BRACKETS.items()}
# a round bracket typed in the other width still closes the pair (sellers mix （ and ) )
OTHER_WIDTH = {"(": "（", "（": "(", ")": "）", "）": ")"}

# Decorative symbols (T8). Model numbers and specs keep - + . * / % & and the like.
DECORATIVE = frozenset(
    "★☆♥❤♡!！~～#＃@＠|｜$＄^＾?？♪♫●○◆◇■□▲△▼▽※→←↑↓√✓✔✚✿❀♣♠♦✨✪✰❥❣丨☞☛✈☀☁♀♂＆¤§〓"
)


def _is_word_char(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def _joiner(raw: str, start: int, end: int, inner: str = "") -> str:
    """Replacement for raw[start:end] that keeps two ASCII words from running together."""
    left = raw[start - 1] if start > 0 else ""
    right = raw[end] if end < len(raw) else ""
    first = inner[:1] or right
    last = inner[-1:] or left
    pad_left = " " if inner and left and _is_word_char(left) and _is_word_char(first) else ""
    pad_right = " " if right and _is_word_char(right) and _is_word_char(last) else ""
    if not inner:
        return " " if left and right and _is_word_char(left) and _is_word_char(right) else ""
    if " " in raw:  # the title separates words with spaces: a bracket was a separator too
        pad_left = " " if left and not left.isspace() else pad_left
        pad_right = " " if right and not right.isspace() else pad_right
    return pad_left + inner + pad_right


_BRACKET_ANY = re.compile("[" + re.escape("".join(BRACKETS) + "".join(CLOSERS)) + "]")
# Characters that are never symbols: a title made only of these needs no per-character check
# (丨, a CJK character the platform treats as a decorative bar, is checked).
_PLAIN = re.compile(r"[\u4e00-\u4e27\u4e29-\u9fffa-zA-Z0-9 \-+.*/%,，、:;_'°·×\u3001\u3002]*")
# a translated author's nationality or a dynasty, bracketed before the name ([美] 斯蒂芬)
BIBLIOGRAPHIC = frozenset("美英法德日俄意韩澳中明清宋唐元汉晋秦隋梁魏")
# the resale marketplace's own marker, put before a resold item's title ([转卖]): not the
# seller's highlighting
MARKETPLACE_MARKS = frozenset(("转卖",))
# Brackets that hold notes by default: an alias, a colour, a spec, a model code, a quantity.
NOTE_BRACKETS = frozenset("(（{｛")
# HTML character references left in exported titles (&hellip; &times; &#8226;)
_ENTITY_RE = re.compile(r"&(?:[a-z]{2,8}|#\d{2,6}|#x[0-9a-f]{2,5});?", re.IGNORECASE)
_TRAILING_JUNK = ".·&"


def _in_code(raw: str, i: int) -> bool:
    """Is the bracket at ``i`` part of a model code or spec (a Latin letter or digit right
    before it, as in kfr-35gw(e), or a stray closer right after one)?"""
    before = raw[i - 1] if i > 0 else ""
    return before.isascii() and before.isalnum()


def _highlights(r: Reading, env: Env, opener: str, inner: str) -> bool:
    """Does a bracket pair make its words stand out (the playbook's T7), rather than hold a
    note, an alias, a spec, or a bibliographic mark?"""
    text = inner.strip().lower()
    if not text:
        return False
    if opener in NOTE_BRACKETS:  # a note, unless what it holds is a promotion or selling point
        kind = env.reader.word_slot.get(text)
        return kind in ("promotion", "selling_point") or text in env.get(
            "spam-set", lambda: set(env.lex.words("spam")))
    if text.isdigit() or text in MARKETPLACE_MARKS:  # a size or code ([39]), [转卖]
        return False
    return text not in BIBLIOGRAPHIC  # [美] before a translated author's name


def check_brackets(r: Reading, opts: dict, env: Env) -> Iterator[Hit]:
    raw = r.raw
    if _BRACKET_ANY.search(raw) is None:
        return
    i = 0
    while i < len(raw):
        ch = raw[i]
        if ch in BRACKETS:
            close = raw.find(BRACKETS[ch], i + 1)
            other = OTHER_WIDTH.get(BRACKETS[ch])
            if other is not None and (alt := raw.find(other, i + 1)) != -1 and (
                    close == -1 or alt < close):
                close = alt
            if close != -1:
                inner = raw[i + 1 : close]
                if inner.strip() and _highlights(r, env, ch, inner) and not (
                        ch in NOTE_BRACKETS and _in_code(raw, i)):
                    words = "".join(c for c in inner.strip()
                                    if c not in BRACKETS and c not in CLOSERS)
                    yield Hit(
                        i, close + 1,
                        f"用括号突出关键词 {quote(r, i, close + 1)}：平台不允许为突出关键词加括号，"
                        "去掉括号保留词语（运营规则 T7）。",
                        Fix(i, close + 1, _joiner(raw, i, close + 1, words),
                            note=f"去掉括号 {raw[i:close + 1]}"),
                    )
                i = close + 1
                continue
        i += 1
    for start, end, why in _stray_brackets(raw):
        if why == "不成对的括号":
            yield Hit(start, end, f"不成对的括号 {quote(r, start, end)}（运营规则 T7）。",
                      Fix(start, end, _joiner(raw, start, end), note=f"去掉括号 {raw[start]}"))


def _stray_brackets(raw: str) -> list[tuple[int, int, str]]:
    """Unpaired brackets outside model codes, and empty pairs: junk characters."""
    out: list[tuple[int, int, str]] = []
    stack: list[int] = []
    for i, ch in enumerate(raw):
        if ch in BRACKETS and BRACKETS[ch] != ch:
            stack.append(i)
        elif ch in CLOSERS:
            opens = (CLOSERS[ch], OTHER_WIDTH.get(CLOSERS[ch]))
            j = next((k for k in range(len(stack) - 1, -1, -1) if raw[stack[k]] in opens), None)
            if j is None:
                if not _in_code(raw, i):
                    out.append((i, i + 1, "不成对的括号"))
                continue
            start = stack[j]
            del stack[j:]
            if not raw[start + 1:i].strip():
                out.append((start, i + 1, "空括号"))
    for i in stack:
        if not _in_code(raw, i) and not (i + 1 < len(raw) and raw[i + 1].isascii()
                                          and raw[i + 1].isalnum() and i > 0
                                          and raw[i - 1].isalnum()):
            out.append((i, i + 1, "不成对的括号"))
    return out


def _symbol(ch: str) -> str | None:
    if ch.isspace():
        return None
    if ch in DECORATIVE or unicodedata.normalize("NFKC", ch) in DECORATIVE:
        return "decorative"
    if not gbk_encodable(ch) or unicodedata.category(ch) in ("Cc", "Cf"):
        return "gbk"
    return None


def _mark(raw: str, i: int) -> bool:
    """Symbols that belong to a spec or a name: ~ between numbers (1~3月), # after a number
    (2.5#), # after a single Latin letter (c#, f# : a programming language, a musical key)."""
    ch = raw[i]
    before = raw[i - 1] if i > 0 else ""
    after = raw[i + 1] if i + 1 < len(raw) else ""
    if ch in "~～" and before.isdigit() and after.isdigit():
        return True
    if ch not in "#＃":
        return False
    if before.isdigit():
        return True
    letter = before.isascii() and before.isalpha()
    alone = i < 2 or not (raw[i - 2].isascii() and raw[i - 2].isalnum())
    return letter and alone and not (after.isascii() and after.isalnum())


def _symbol_spans(raw: str) -> list[tuple[int, int, str, str]]:
    """(start, end, what, letter) of the symbols of ``raw``; ``letter`` is the letter an HTML
    entity stands for (&alpha; in sony &alpha;6000), which its fix puts back."""
    spans: list[tuple[int, int, str, str]] = []
    i = 0
    while i < len(raw):
        kind = _symbol(raw[i])
        if kind is None or raw[i] in BRACKETS or raw[i] in CLOSERS or _mark(raw, i):
            i += 1
            continue
        j = i + 1
        while j < len(raw) and _symbol(raw[j]) is not None and raw[j] not in BRACKETS \
                and not _mark(raw, j):
            j += 1
        spans.append((i, j, "装饰性特殊符号" if kind == "decorative"
                      else "平台无法保存的字符（GBK 无法编码，如表情符号、™ ® ©）", ""))
        i = j
    for m in _ENTITY_RE.finditer(raw):
        char = html.unescape(m.group() if m.group().endswith(";") else m.group() + ";")
        letter = len(char) == 1 and unicodedata.category(char).startswith("L")
        spans.append((m.start(), m.end(), "导出时留下的网页字符代码", char if letter else ""))
    end = len(raw.rstrip())
    start = end
    while start > 0 and raw[start - 1] in _TRAILING_JUNK:
        start -= 1
    if start < end and not (raw[start - 1:start].isdigit() and raw[start] == "."):
        spans.append((start, end, "标题末尾多余的符号", ""))
    return spans


def check_symbols(r: Reading, opts: dict, env: Env) -> Iterator[Hit]:
    raw = r.raw
    spans = [] if _PLAIN.fullmatch(raw) and "&" not in raw else _symbol_spans(raw)
    if _BRACKET_ANY.search(raw) is not None:
        spans += [(*s, "") for s in _stray_brackets(raw) if s[2] == "空括号"]
    taken: list[tuple[int, int]] = []
    for i, j, why, letter in sorted(spans):
        if any(a < j and i < b for a, b in taken):
            continue
        taken.append((i, j))
        if letter:  # part of a name: the fix puts the letter back
            yield Hit(i, j, f"{why} {quote(r, i, j)}：它代表字母“{letter}”，请写成这个字"
                      "（运营规则 T8）。", Fix(i, j, letter, note=f"把 {raw[i:j]} 改回 {letter}"))
            continue
        yield Hit(i, j, f"{why} {quote(r, i, j)}：不要刻意使用特殊符号（运营规则 T8）。",
                  Fix(i, j, _joiner(raw, i, j), note=f"删除符号 {raw[i:j]}"))


def _repeats(r: Reading, env: Env) -> list[tuple[str, list[tuple[int, int]]]]:
    """The repeated words of ``r`` (found once: repeated-keyword and keyword-stuffing read
    them)."""
    found = r.memo.get("repeats")
    if found is None:
        found = r.memo["repeats"] = repeated_words(r, env.reader.is_word)
    return found


def check_repeated(r: Reading, opts: dict, env: Env) -> Iterator[Hit]:
    """Every repeat of a word but a brand written again as before, which is brand-overuse's
    (one problem, one report)."""
    text = r.text
    brands = brand_repeats(r, env.reader.brand_canon)
    for word, spans in _repeats(r, env):
        prev_end = spans[0][1]
        for start, end in spans[1:]:
            if brands:
                rs, re_ = r.raw_span(start, end)
                if any(a < re_ and rs < b for a, b in brands):
                    prev_end = end
                    continue
            fix = repeat_removal(text, start, end, prev_end)  # in the normalised text
            if fix is not None:
                fs, fe = r.raw_span(fix.start, fix.end)
                fix = Fix(fs, fe, "", note=f"删除重复的 {r.raw[fs:fe].strip(WORD_GAP + '-/')}")
            prev_end = end
            rs, re_ = r.raw_span(start, end)
            yield Hit(rs, re_, f"关键词 {quote(r, rs, re_)} 重复出现：重复不会增加搜索权重，"
                      "反而浪费标题字数（运营规则 T9）。", fix)


def check_stuffing(r: Reading, opts: dict, env: Env) -> Iterator[Hit]:
    least = int(opts.get("times", 3))
    for word, spans in _repeats(r, env):
        if len(spans) < least:
            continue
        for start, end in spans[least - 1:]:
            rs, re_ = r.raw_span(start, end)
            yield Hit(rs, re_, f"关键词堆砌：{quote(r, rs, re_)} 在标题里出现了 {len(spans)} 次。"
                      "同一个词写三遍以上是最常见的标题作弊，会被当作滥发信息降权"
                      "（运营规则 T9、T10）。")


RULES = (
    Rule("bracket-highlight", "TK301", "error", True, "T7",
         "Keywords wrapped in brackets 【】[]()（）《》「」 and similar.", check_brackets,
         cost=6, label="括号突出关键词", fix_reason="括号突出关键词（T7）",
         why="The platform does not allow brackets that make keywords stand out; the words "
             "stay, the brackets go.",
         fails=examples("【爆款】耐克 男鞋 运动鞋"), passes=examples("耐克 男鞋 运动鞋 爆款")),
    Rule("special-symbol", "TK302", "error", True, "T8",
         "Decorative symbols (★ ♥ ! ~ # ...) or characters outside GBK (emoji, ™ ® ©).",
         check_symbols, cost=6, label="特殊符号", fix_reason="特殊符号（T8）",
         why="Decorative symbols are 刻意使用特殊符号; characters outside GBK are refused by the "
             "platform.",
         fails=examples("耐克 男鞋 ★包邮★"), passes=examples("耐克 男鞋 包邮")),
    Rule("repeated-keyword", "TK303", "warning", True, "T9",
         "The same keyword more than once (fixed only where the repeat is a whole word; a "
         "brand written again is brand-overuse's).",
         check_repeated, expendable=True, cost=5, label="关键词重复", fix_reason="关键词重复（T9）",
         why="A repeat adds no search weight and wastes the title's bytes.",
         fails=examples("耐克 运动鞋 运动鞋 男", "防辐射服孕妇装 孕妇 防辐射上衣"),
         passes=examples("耐克 运动鞋 跑步鞋 男")),
    Rule("keyword-stuffing", "TK304", "error", False, "T9, T10",
         "The same word three or more times (keyword stuffing).", check_stuffing,
         {"times": Option(3, "occurrences from which a repeated word is stuffing", 3)},
         expendable=True, cost=15, label="关键词堆砌",
         why="Stuffing one word is the commonest title spam: it buys no search weight and the "
             "platform demotes it as 滥发信息.",
         fails=examples("收纳盒 桌面 收纳盒 抽屉式 收纳盒"),
         passes=examples("收纳盒 桌面 抽屉式 塑料 大号")),
)
