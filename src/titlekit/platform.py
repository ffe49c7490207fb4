"""Platforms: a title's limit, the unit it is counted in, the fill target and the wording
their messages use. :func:`measure` is the one place a title's length is computed.

Taobao and Tmall count GBK bytes (ASCII 1, 汉字 and full-width characters 2) and allow 60;
users define other platforms in the config (``[platforms.NAME]``: ``limit``, ``unit``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

UNITS = ("gbk", "chars")


def gbk_len(text: str) -> int:
    """Length as Taobao counts it: GBK bytes (ASCII 1, 汉字 and full-width 2).

    Characters outside GBK (emoji, ™) are counted with their GB18030 length (4 bytes for most);
    the ``special-symbol`` rule reports them, since the platform refuses them.
    """
    return len(text.encode("gb18030", errors="replace"))


@lru_cache(maxsize=8192)
def gbk_encodable(ch: str) -> bool:
    try:
        ch.encode("gbk")
        return True
    except UnicodeEncodeError:
        return False


def measure(text: str, unit: str) -> int:
    """The length of ``text`` in ``unit`` (``gbk`` bytes or ``chars``)."""
    return gbk_len(text) if unit == "gbk" else len(text)


def cut_point(raw: str, limit: int, unit: str) -> int:
    """Offset of the first character of ``raw`` that no longer fits in ``limit``."""
    # the length of a prefix grows with it (each character adds its own length): bisect for
    # the shortest prefix that is too long; the cut is before its last character
    lo, hi = 0, len(raw)  # raw[:lo] fits; raw[:k] for some k <= hi may not
    if measure(raw, unit) <= limit:
        return hi
    while lo + 1 < hi:  # raw[:hi] does not fit
        mid = (lo + hi) // 2
        if measure(raw[:mid], unit) > limit:
            hi = mid
        else:
            lo = mid
    return lo if measure(raw[:hi], unit) > limit else hi


@dataclass(frozen=True)
class Platform:
    """A marketplace's title limit, its unit, the share of it a title should fill and the
    name its messages use."""

    name: str
    limit: int = 60
    unit: str = "gbk"
    fill_ratio: float = 0.9
    label: str = ""  # how messages name the platform (淘宝/天猫); the name when empty

    @property
    def unit_word(self) -> str:
        return "字节" if self.unit == "gbk" else "个字符"

    @property
    def unit_note(self) -> str:
        """The unit as a message explains it the first time."""
        return "字节（GBK：汉字与全角字符计 2 字节）" if self.unit == "gbk" else "个字符"

    @property
    def limit_phrase(self) -> str:
        """The limit in the platform's own words, for messages."""
        who = self.label or self.name
        if self.unit == "gbk":
            return f"{who}宝贝标题最多 {self.limit // 2} 个汉字即 {self.limit} 字节"
        return f"{who}标题最多 {self.limit} 个字符"

    def measure(self, text: str) -> int:
        return measure(text, self.unit)

    def fill_target(self, ratio: float | None = None) -> int:
        """The length a title should reach: ``ratio`` (default: the platform's) of the limit."""
        return int(self.limit * float(self.fill_ratio if ratio is None else ratio))

    def cut_point(self, raw: str) -> int:
        return cut_point(raw, self.limit, self.unit)


BUILTIN: dict[str, Platform] = {
    "taobao": Platform("taobao", 60, "gbk", label="淘宝/天猫"),
    "tmall": Platform("tmall", 60, "gbk", label="淘宝/天猫"),
}
