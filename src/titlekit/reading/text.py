"""Text primitives: normalisation with an offset map, case and width folding, protected spans.

Every rule judges the *normalised* title (NFKC full-width to half-width, lower case, collapsed
spaces, traditional to simplified Chinese) but reports offsets in the title as the user wrote
it. :class:`Normalized` carries both strings and the map between them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["PROTECTED_RE", "Normalized", "fold", "fold_all", "is_cjk", "normalize"]


@dataclass(frozen=True, slots=True)
class Normalized:
    """A title as written (``raw``) and as judged (``text``).

    ``index[i]`` is the offset in ``raw`` of the character that produced ``text[i]``;
    ``index`` is ``None`` when the two strings align one to one.
    """

    raw: str
    text: str
    index: tuple[int, ...] | None

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a half-open span of ``text`` to the covering span of ``raw``."""
        if self.index is None:
            return start, end
        if start >= end:
            pos = self.index[start] if start < len(self.index) else len(self.raw)
            return pos, pos
        return self.index[start], self.index[end - 1] + 1


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """NFKC (full-width to half-width, compatibility forms) and lower case: the one folding
    that titlekit compares words with."""
    return unicodedata.normalize("NFKC", text).lower()


def fold_all(texts: list[str]) -> list[str]:
    """:func:`fold` of each text, folded as one string (neither NFKC nor lower case looks
    across a line break; texts holding one are folded one by one)."""
    if any("\n" in t for t in texts):
        return [fold(t) for t in texts]
    out = unicodedata.normalize("NFKC", "\n".join(texts)).lower().split("\n")
    return out if len(out) == len(texts) else [fold(t) for t in texts]


@lru_cache(maxsize=8192)
def _norm_char(ch: str) -> str:
    out = fold(ch)
    if out.isspace():
        return " "
    return out


_T2S = None


def _t2s(text: str) -> str:
    """Convert traditional characters to simplified, keeping the length (char by char)."""
    global _T2S
    if _T2S is None:
        import opencc

        _T2S = opencc.OpenCC("t2s")
    converted = _T2S.convert(text)
    if len(converted) == len(text):
        return converted
    # A phrase conversion changed the length: fall back to single characters so the offset
    # map stays one to one.
    return "".join(c if len(c := _T2S.convert(ch)) == 1 else ch for ch in text)


def _needs_t2s(text: str) -> bool:
    try:
        text.encode("gb2312")
        return False
    except UnicodeEncodeError:
        return any("\u4e00" <= ch <= "\u9fff" for ch in text)


# A lone surrogate (from a JSON ``\\udcff`` escape, or argv bytes that are not UTF-8) cannot be
# encoded; the judged text carries U+FFFD in its place (one for one, so offsets stay), and the
# special-symbol rule reports the character of the raw title, which the platform cannot store.
_SURROGATE = re.compile("[\ud800-\udfff]")
_ODD_SPACE = re.compile("[\t\r\n\u3000\xa0]")  # spaces the quick path cannot keep


def normalize(raw: str) -> Normalized:
    """Normalise a title for judging; see the module docstring."""
    if _SURROGATE.search(raw):
        n = normalize(_SURROGATE.sub("\ufffd", raw))
        return Normalized(raw, n.text, n.index)
    if (
        unicodedata.is_normalized("NFKC", raw)
        and "  " not in raw
        and raw == raw.strip()
        and _ODD_SPACE.search(raw) is None
    ):
        text = raw.lower()
        index = None
        if len(text) != len(raw):  # a few characters change length when lower-cased
            text, index = _slow_normalize(raw)
    else:
        text, index = _slow_normalize(raw)
    if _needs_t2s(text):
        text = _t2s(text)
    return Normalized(raw, text, index)


def _slow_normalize(raw: str) -> tuple[str, tuple[int, ...]]:
    parts: list[str] = []
    index: list[int] = []
    last_space = True  # drops leading spaces
    for i, ch in enumerate(raw):
        out = _norm_char(ch)
        if out == " ":
            if last_space:
                continue
            last_space = True
        elif out:
            last_space = False
        for c in out:
            parts.append(c)
            index.append(i)
    while parts and parts[-1] == " ":
        parts.pop()
        index.pop()
    return "".join(parts), tuple(index)


def is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


CJK_CLASS = "[\u3400-\u4dbf\u4e00-\u9fff]"  # the characters of is_cjk, as a regex class


# Units that follow a number in a spec: the number and its unit stay one token.
_UNITS = (
    "英寸|寸|厘米|毫米|公分|米|千克|公斤|克|斤|毫升|升|码|号|片|粒|个|只|件|套|支|瓶|袋|盒|箱|"
    "条|双|张|层|匹|匹|度|瓦|伏|安|代|寸|周岁|岁|月|年|天|人|位|门|档|挡|色|孔|头|格|卷|包|本|台|部"
)

# Model numbers, sizes and specs: ASCII alphanumeric runs joined by - + . * / and an optional
# Chinese unit after a number (``kfr-35gw``, ``8gb+256gb``, ``15.6寸``, ``xl``, ``a3/a4``).
PROTECTED_RE = re.compile(
    r"[a-z0-9]+(?:[-+.*/_:][a-z0-9]+)*(?:(?<=[0-9])(?:" + _UNITS + r"))?",
)
