"""Title keys and n-gram texts for near-duplicate search.

A title's *key* is its folded text (NFKC, lower case) with only letters, digits and CJK
characters: equal keys are identical titles. :func:`prepare` gives the text its n-grams are
taken from and a class per character (normal, model number, variant such as a colour or a
【…】 prefix), which weighs the n-grams.
"""

from __future__ import annotations

import hashlib
import re

from ..reading.text import fold

NORMAL, MODEL, VARIANT = 0, 1, 2

_KEEP_RE = re.compile(r"[^\W_]+")
# A run of letters and digits with at least one digit, e.g. e105, a1864, v10, 5x.
_MODEL_RE = re.compile(r"[a-z0-9]*[0-9][a-z0-9]*")
# ...that is a spec or a year rather than a model number.
_SPEC_RE = re.compile(
    r"(?:\d+(?:\.\d+)?(?:gb|g|tb|t|mb|m|mah|ma|w|kw|v|hz|ml|l|kg|mm|cm|k|p|ram|rom)"
    r"|(?:19|20)\d\d)$"
)
_UNIT_AFTER_RE = re.compile(
    r"(?:英寸|寸|厘米|毫米|公分|米|千克|公斤|克|斤|毫升|升|码|号|片|粒|个|只|件|套|支|瓶|袋|盒|箱|条|"
    r"双|张|层|度|瓦|伏|代|周岁|岁|月|年|天|人|位|期|核|色|款|寸|台|部|匹|斤|g|倍)"
)
# Words that make another model of a product line (P10 / P10 Plus, 荣耀9 / 荣耀9青春版).
_MODEL_WORD_RE = re.compile(r"(?<![a-z])(?:plus|pro|max|mini|lite|ultra|se|青春版)(?![a-z])")
_BRACKET_RE = re.compile(r"【[^】]*】|〖[^〗]*〗|\[[^\]]*\]")
_COLOUR_CHARS = "黑白金银蓝红灰粉绿紫橙黄青棕"
# A colour word standing on its own: 1-4 Chinese characters ending in a colour character
# (optionally 色), bounded by a space, punctuation or an end of the title.
_COLOUR_RE = re.compile(
    r"(?:(?<=^)|(?<=[\s,，/、;；+()（）]))[\u4e00-\u9fff]{0,3}[" + _COLOUR_CHARS + r"]色?"
    r"(?=$|[\s,，/、;；+()（）])"
)




def key(title: str) -> str:
    """The comparison key: NFKC, lower case, only letters, digits and CJK characters."""
    return "".join(_KEEP_RE.findall(fold(title)))


def prepare(title: str) -> tuple[str, bytes]:
    """The n-gram text of ``title`` and one class byte per character (normal, model, variant).

    The n-gram text is the key's pieces (runs of letters, digits, CJK between spaces and
    punctuation), each padded with a space on both sides and joined by NUL: n-grams never span
    two pieces, so reordering space-separated words changes nothing, and the padding marks where
    a piece starts and ends (``iphone 8`` and ``iphone 7`` differ in `` 8 ``/`` 7 ``).
    """
    t = fold(title)
    cls = bytearray(len(t))
    for m in _MODEL_RE.finditer(t):
        s, e = m.span()
        if _SPEC_RE.match(m.group()) or _UNIT_AFTER_RE.match(t, e):
            continue
        cls[s:e] = b"\x01" * (e - s)
    for m in _MODEL_WORD_RE.finditer(t):
        s, e = m.span()
        cls[s:e] = b"\x01" * (e - s)
    for rx in (_BRACKET_RE, _COLOUR_RE):
        for m in rx.finditer(t):
            s, e = m.span()
            cls[s:e] = b"\x02" * (e - s)
    texts, classes = [], []
    for m in _KEEP_RE.finditer(t):
        s, e = m.span()
        texts.append(" " + m.group() + " ")
        classes.append(cls[s:s + 1] + cls[s:e] + cls[e - 1:e])
    return "\x00".join(texts), b"\x00".join(classes)


def _key_of(ngram_text: str) -> str:
    """The key of a title from its :func:`prepare` text (drop the padding and joins)."""
    return ngram_text.replace(" ", "").replace("\x00", "")


def key_hash(k: str) -> int:
    return int.from_bytes(hashlib.blake2b(k.encode("utf-8"), digest_size=8).digest(), "little")
