"""Form rules: brackets, decorative symbols, repeated keywords (T7, T8, T9)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from ..platform import gbk_encodable
from ..problems import Fix
from ..reading.types import Reading
from .base import Env, Hit, Rule, examples, quote

BRACKETS = {
    "【": "】", "[": "]", "(": ")", "（": "）", "《": "》", "「": "」", "『": "』", "〔": "〕",
    "〖": "〗", "{": "}", "｛": "｝", "<": ">", "＜": "＞", "“": "”", "‘": "’", "［": "］",
    "〈": "〉", "﹝": "﹞",
}
CLOSERS = {v: k for k, v in BRACKETS.items()}

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
# Characters that are never symbols: a title made only of these needs no per-character check.
_PLAIN = re.compile(r"[\u4e00-\u9fffa-zA-Z0-9 \-+.*/%&,，、:;_'°·×\u3001\u3002]*")


def check_brackets(r: Reading, opts: dict, env: Env) -> Iterator[Hit]:
    raw = r.raw
    if _BRACKET_ANY.search(raw) is None:
        return
    i = 0
    while i < len(raw):
        ch = raw[i]
        if ch in BRACKETS:
            close = raw.find(BRACKETS[ch], i + 1)
            if close != -1:
                inner = raw[i + 1 : close].strip()
                inner = "".join(c for c in inner if c not in BRACKETS and c not in CLOSERS)
                yield Hit(
                    i, close + 1,
                    f"用括号突出关键词 {quote(r, i, close + 1)}：平台不允许为突出关键词加括号，"
                    "去掉括号保留词语（运营规则 T7）。",
                    Fix(i, close + 1, _joiner(raw, i, close + 1, inner),
                        note=f"去掉括号 {raw[i:close + 1]}"),
                )
                i = close + 1
                continue
            yield Hit(i, i + 1, f"不成对的括号 {quote(r, i, i + 1)}（运营规则 T7）。",
                      Fix(i, i + 1, _joiner(raw, i, i + 1), note=f"去掉括号 {ch}"))
        elif ch in CLOSERS:
            yield Hit(i, i + 1, f"不成对的括号 {quote(r, i, i + 1)}（运营规则 T7）。",
                      Fix(i, i + 1, _joiner(raw, i, i + 1), note=f"去掉括号 {ch}"))
        i += 1


def _symbol(ch: str) -> str | None:
    if ch.isspace():
        return None
    if ch in DECORATIVE or unicodedata.normalize("NFKC", ch) in DECORATIVE:
        return "decorative"
    if not gbk_encodable(ch):
        return "gbk"
    return None


def check_symbols(r: Reading, opts: dict, env: Env) -> Iterator[Hit]:
    raw = r.raw
    if _PLAIN.fullmatch(raw):
        return
    i = 0
    while i < len(raw):
        kind = _symbol(raw[i])
        if kind is None or raw[i] in BRACKETS or raw[i] in CLOSERS:
            i += 1
            continue
        j = i + 1
        while j < len(raw) and _symbol(raw[j]) is not None and raw[j] not in BRACKETS:
            j += 1
        why = ("装饰性特殊符号" if kind == "decorative"
               else "平台无法保存的字符（GBK 无法编码，如表情符号、™ ® ©）")
        yield Hit(i, j, f"{why} {quote(r, i, j)}：不要刻意使用特殊符号（运营规则 T8）。",
                  Fix(i, j, _joiner(raw, i, j), note=f"删除符号 {raw[i:j]}"))
        i = j


_REPEAT_TYPES = ("product", "attribute", "style", "selling_point", "promotion", "model")


def check_repeated(r: Reading, opts: dict, env: Env) -> Iterator[Hit]:
    text = r.text
    keyed = {(s.start, s.end): s for s in r.slots if s.type in _REPEAT_TYPES and s.confidence >= 0.8}
    keys = [s.key for s in keyed.values()]
    if len(set(keys)) == len(keys):  # a repeat needs two keyed slots with the same text
        return
    seen: dict[str, tuple[int, int]] = {}
    for tok in r.tokens:
        if len(tok.text) < 2 or tok.text.isdigit():
            continue
        rs, re_ = r.raw_span(tok.start, tok.end)
        if (rs, re_) not in keyed:
            continue
        prev = seen.get(tok.text)
        if prev is None:
            seen[tok.text] = (tok.start, tok.end)
            continue
        fix = None
        left_ok = tok.start == 0 or not text[tok.start - 1].isalnum()
        right_ok = tok.end == len(text) or not text[tok.end].isalnum()
        if tok.start == prev[1] or (left_ok and right_ok):
            s, e = tok.start, tok.end
            if s > 0 and text[s - 1] == " ":
                s -= 1
            elif e < len(text) and text[e] == " ":
                e += 1
            fs, fe = r.raw_span(s, e)
            fix = Fix(fs, fe, "", note=f"删除重复的 {r.raw[fs:fe].strip()}")
        yield Hit(rs, re_, f"关键词 {quote(r, rs, re_)} 重复出现：重复不会增加搜索权重，"
                  "反而浪费标题字数（运营规则 T9）。", fix)


RULES = (
    Rule("bracket-highlight", "TK301", "error", True, "T7 (seed 003)",
         "Keywords wrapped in brackets 【】[]()（）《》「」 and similar.", check_brackets,
         label="括号突出关键词", fix_reason="括号突出关键词（T7）",
         why="The platform does not allow brackets that make keywords stand out; the words "
             "stay, the brackets go.",
         fails=examples("【爆款】耐克 男鞋 运动鞋"), passes=examples("耐克 男鞋 运动鞋 爆款")),
    Rule("special-symbol", "TK302", "error", True, "T8 (seed 003)",
         "Decorative symbols (★ ♥ ! ~ # ...) or characters outside GBK (emoji, ™ ® ©).",
         check_symbols, label="特殊符号", fix_reason="特殊符号（T8）",
         why="Decorative symbols are 刻意使用特殊符号; characters outside GBK are refused by the "
             "platform.",
         fails=examples("耐克 男鞋 ★包邮★"), passes=examples("耐克 男鞋 包邮")),
    Rule("repeated-keyword", "TK303", "warning", True, "T9 (seed 003)",
         "The same keyword more than once (fixed only where the repeat is a whole word).",
         check_repeated, expendable=True, label="关键词重复", fix_reason="关键词重复（T9）",
         why="A repeat adds no search weight and wastes the title's bytes.",
         fails=examples("耐克 运动鞋 运动鞋 男"), passes=examples("耐克 运动鞋 跑步鞋 男")),
)
