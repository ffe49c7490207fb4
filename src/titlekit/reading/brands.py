"""What a title's brand names are: the item's brand, a product line of it, or the devices an
accessory fits (judging-titles.md, "Reading the title").

After the lexicons, patterns and the recogniser have found brand slots, this step
- drops words that look like brands and are not (carriers, platforms, places, colours);
- reads a product line (iPhone, 红米, ThinkPad) as part of the product when its brand is
  named or declared: slot type ``line``;
- reads a bilingual or alternative pair written side by side (``haier/海尔``, ``戈博（gerber）``,
  ``华为 HUAWEI``) as one brand: the second name gets the first one's key;
- reads device brands (and the model right after one) in accessory, part and service titles
  as what the item fits: slot type ``compatible``, like a brand named after 适用/兼容/for;
- gives a title that starts with a brand discovered in its catalog (``catalog_brands`` in the
  context, see :mod:`titlekit.reading.discovery`) that brand's slot.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import lexicons as lexmod
from .models import PAIR_GAP as _PAIR_GAP
from .models import number_models
from .types import Reading, Slot


@dataclass
class BrandKnowledge:
    canon: dict[str, str]
    lines: dict[str, str] = field(default_factory=dict)  # line -> brand's canonical name
    not_brands: set[str] = field(default_factory=set)
    devices: set[str] = field(default_factory=set)  # canonical names of device brands
    accessories: tuple[str, ...] = ()
    # brand's canonical name -> its lines, longest first (ASCII ones of 3 letters or more)
    lines_of: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # brands' names that are also produce (苹果, 小米), and the words of a fresh-produce title
    produce: frozenset[str] = frozenset()
    # makers of parts and design partners (徕卡, 高通, 英特尔): named in another maker's device
    components: frozenset[str] = frozenset()
    fresh: re.Pattern[str] | None = None
    _accessory_re: re.Pattern[str] | None = field(default=None, init=False, repr=False,
                                                  compare=False)

    def has_accessory(self, text: str) -> bool:
        """Does ``text`` hold an accessory word (one pattern: as ``any(w in text ...)``)?"""
        if not self.accessories:
            return False
        if self._accessory_re is None:
            self._accessory_re = re.compile("|".join(map(re.escape, self.accessories)))
        return self._accessory_re.search(text) is not None

    @classmethod
    def of(cls, lex: lexmod.Lexicons, canon: dict[str, str]) -> BrandKnowledge:
        devices = {canon.get(n, n) for n in lex.names("device-brands")}
        acc = tuple(sorted({w for w in lex.words("accessory-words") if len(w) >= 2},
                           key=len, reverse=True))
        lines = lex.brand_lines()
        lines_of: dict[str, list[str]] = {}
        for line, parent in lines.items():
            if len(line) >= (3 if _is_ascii(line) else 2):
                lines_of.setdefault(parent, []).append(line)
        kinds = lex.notes("not-brands")
        produce = frozenset(w for w, n in kinds.items() if n[:1] == ("produce",))
        parts = frozenset(canon.get(w, w) for w, n in kinds.items() if n[:1] == ("component",))
        fresh = sorted((w for w, n in lex.notes("unbranded-categories").items()
                        if n[:1] == ("fresh",)), key=len, reverse=True)
        fresh_re = re.compile("|".join(map(re.escape, fresh))) if fresh else None
        return cls(canon, lines, {w for w, n in kinds.items() if n[:1] not in (
                       ("produce",), ("component",))}, devices, acc,
                   {b: tuple(sorted(ls, key=len, reverse=True)) for b, ls in lines_of.items()},
                   produce, parts, fresh_re)


def _gap(raw: str, a: Slot, b: Slot) -> str:
    return raw[a.end:b.start]


def _is_ascii(s: str) -> bool:
    return all(c.isascii() for c in s)


def _catalog_brand(reading: Reading, brands: frozenset[str]) -> None:
    """A title that starts with a brand discovered in its catalog gets that brand's slot,
    unless a brand is found there already (it replaces the guesses it overlaps)."""
    text = reading.text
    lead = len(text) - len(text.lstrip(" ,，、/[]【】()（）"))
    word = next((b for b in sorted(brands, key=len, reverse=True)
                 if text.startswith(b, lead)), None)
    if word is None:
        return
    rs, re_ = reading.norm.raw_span(lead, lead + len(word))
    if any(s.type == "brand" and s.start < re_ and rs < s.end for s in reading.slots):
        return
    reading.slots[:] = [s for s in reading.slots if not (s.start < re_ and rs < s.end)
                        or s.source == "declared"]
    reading.slots.append(Slot("brand", reading.raw[rs:re_], rs, re_, 0.85, word,
                              source="catalog"))
    reading.slots.sort(key=lambda s: (s.start, s.end))


def _named_lines(reading: Reading, know: BrandKnowledge, named: set[str]) -> None:
    """The product lines of the brands the title names (nova, 畅玩 with 华为) that no slot
    holds yet become ``line`` slots: a line is part of the product (and ``nova 2s`` its
    model), not a word the reading leaves out. An ASCII line must stand as a whole word."""
    text, slots = reading.text, reading.slots
    added = False
    for brand in named:
        for line in know.lines_of.get(brand, ()):
            start = text.find(line)
            while start >= 0:
                end = start + len(line)
                whole = not _is_ascii(line) or (
                    (start == 0 or not text[start - 1].isascii() or not text[start - 1].isalpha())
                    and (end == len(text) or not text[end].isascii() or not text[end].isalpha()))
                rs, re_ = reading.norm.raw_span(start, end)
                if whole and not any(s.start < re_ and rs < s.end for s in slots):
                    slots.append(Slot("line", reading.raw[rs:re_], rs, re_, 0.9, brand))
                    added = True
                start = text.find(line, end)
    if added:
        slots.sort(key=lambda s: (s.start, s.end))


def _is_accessory(reading: Reading, know: BrandKnowledge) -> bool:
    """Is the item an accessory or part (手机壳, 钢化膜, 替换刀头 …)? An accessory word must be
    (in) one of the title's product words: 边框 in 无边框手机 is a feature of a phone. A title
    with no product word read is judged by its text."""
    products = [s.text.lower() for s in reading.slots if s.type == "product"]
    if not products:
        return know.has_accessory(reading.text)
    return any(know.has_accessory(p) for p in products)


# a title that opens with a name and its other-script name in brackets (尼凯恩（neken）,
# 小米（MI）, BiRD（波导）) opens with the item's brand, as marketplaces write their brand field
_LEAD_PAIR_RE = re.compile(
    r"[\s【\[]*(?:([\u4e00-\u9fff]{2,8})\s*[（(]\s*([a-z][a-z0-9&.' -]{0,23}[a-z0-9])\s*[)）]"
    r"|([a-z][a-z0-9&.' -]{0,23}[a-z0-9])\s*[（(]\s*([\u4e00-\u9fff]{2,8})\s*[)）])", re.IGNORECASE)


def _leading_pair(reading: Reading, know: BrandKnowledge) -> list[Slot]:
    """The brand slots of a bracketed pair that opens the title (made when neither name is
    read as anything yet): the item's brand, never what an accessory fits."""
    m = _LEAD_PAIR_RE.match(reading.raw)
    if m is None:
        return []
    spans = (m.span(1), m.span(2)) if m.group(1) else (m.span(3), m.span(4))
    names = [reading.raw[a:b].lower() for a, b in spans]
    if any(n in know.not_brands for n in names):
        return []
    inside = [s for s in reading.slots if s.start < m.end() and m.start() < s.end]
    latin = spans[1] if m.group(1) else spans[0]
    if inside and (any(s.type in ("brand", "line", "compatible", "model") for s in inside)
                   or any(s.start < latin[1] and latin[0] < s.end for s in inside)
                   or reading.raw[m.end():m.end() + 1] not in ("", " ")):
        return [s for s in inside
                if s.type == "brand" and s.source != "declared" and not s.compat]
    # JD's brand format 中文名（English） and a space: the pair is the brand even where the
    # Chinese name is also a word of another kind (橄榄树（Olive tree）: a phone maker), as long
    # as the title names its product elsewhere (蒜苗（cd） is garlic sprouts)
    rest = [s for s in reading.slots if not any(s is i for i in inside)]
    if inside and not any(s.type == "product" for s in rest):
        return []
    reading.slots[:] = rest
    key = know.canon.get(names[0], names[0])
    made = [Slot("brand", reading.raw[a:b], a, b, 0.7, key, source="pattern") for a, b in spans]
    reading.slots.extend(made)
    reading.slots.sort(key=lambda s: (s.start, s.end))
    return made


_ORIGINAL_RE = re.compile(r"(?:原装|原厂)[ ,，]*$")


def _original_maker(reading: Reading, know: BrandKnowledge) -> set[int]:
    """The brand (and its other name) right after 原装/原厂 in an accessory title: the part is
    the device maker's own (原装 东芝 碳粉盒), not one made to fit it."""
    raw, found = reading.raw, set()
    if any(s.type == "brand" and not s.compat and s.key not in know.devices
           for s in reading.slots):
        return found  # the item has a brand of its own (先锋 … 原装日产: made in Japan)
    prev: Slot | None = None
    for s in reading.slots:
        if s.type == "brand" and s.source != "declared" and (
                _ORIGINAL_RE.search(raw, 0, s.start) or prev is not None and id(prev) in found
                and all(c in _PAIR_GAP for c in raw[prev.end:s.start])):
            found.add(id(s))
        prev = s
    return found


# what the devices listed together are named for: 苹果华为手机镜头, 三星苹果通用, 苹果安卓手机
_PLATFORM_AFTER = ("手机", "平板", "电脑", "笔记本", "通用", "安卓", "系统")
_RUN_GAP = re.compile(r"[ /,，、|&和及与]*(?:安卓|android)?[ /,，、|&和及与]*")


def _device_runs(reading: Reading, know: BrandKnowledge) -> None:
    """Device brands of different owners written together (or one with 安卓) and followed by
    手机, 通用, 安卓 … name the platforms an item works with, not its maker (an item is not
    made by both Apple and Samsung): they are ``compatible``, whatever the item."""
    raw = reading.raw.lower()
    brands = [s for s in reading.slots if s.type == "brand" and s.source != "declared"]
    run: list[Slot] = []
    for s in brands + [None]:
        if s is not None and run and _RUN_GAP.fullmatch(raw[run[-1].end:s.start]):
            run.append(s)
            continue
        if run and all(b.key in know.devices for b in run):
            after = raw[run[-1].end:].lstrip(" /,，、|&")
            several = len({b.key for b in run}) >= 2 or after.startswith(("安卓", "android"))
            if several and after.startswith(_PLATFORM_AFTER + ("android",)):
                for b in run:
                    b.type, b.compat = "compatible", True
        run = [s] if s is not None else []


def _components(reading: Reading, know: BrandKnowledge) -> None:
    """A maker of a part or a design partner named in a title of another brand's device
    (华为 … 徕卡双摄, 小米 … 高通骁龙845) describes the device: an attribute, not a brand."""
    first = next((s for s in reading.slots if s.type == "brand" and not s.compat
                  and s.key not in know.components), None)
    if first is None:
        return  # 英特尔（Intel） i5 处理器: the part maker's own item
    for s in reading.slots:
        if (s.type == "brand" and not s.compat and s.key in know.components
                and s.source != "declared" and s.start > first.start):
            s.type = "attribute"


def refine(reading: Reading, know: BrandKnowledge) -> None:
    """Re-read the brand slots of ``reading`` in place (see the module docstring)."""
    catalog = reading.context.get("catalog_brands")
    if catalog:
        _catalog_brand(reading, catalog)
    slots = reading.slots
    lead = {id(s) for s in _leading_pair(reading, know)}
    if not any(s.type in ("brand", "model") for s in slots):
        return
    raw = reading.raw
    declared = (reading.context.get("brand") or "").strip().lower()
    declared = know.canon.get(declared, declared)
    keep: list[Slot] = []
    fresh: bool | None = None  # is it a fresh-produce title? looked up for a produce name only
    for s in slots:
        if s.type == "brand" and s.source != "declared":
            if s.text.lower() in know.not_brands:
                continue
            if s.text.lower() in know.produce:  # 红富士苹果 新鲜水果: the fruit
                if fresh is None:
                    fresh = know.fresh is not None and know.fresh.search(reading.text) is not None
                if fresh:
                    s.type, s.key = "product", s.text.lower()
        keep.append(s)
    slots[:] = keep
    _components(reading, know)
    brands = [s for s in slots if s.type == "brand" and not s.compat]
    named = {s.key for s in brands} | ({declared} if declared else set())
    for s in brands:
        parent = know.lines.get(s.text.lower())
        if parent is not None and s.source != "declared" and (
                parent in named - {s.key} or parent == declared):
            s.type, s.key = "line", parent
    _named_lines(reading, know, named)
    brands = [s for s in slots if s.type == "brand" and not s.compat]
    for a, b in zip(brands, brands[1:]):
        if _gap(raw, a, b).strip() in ("旗下", "出品"):  # 毕加索旗下优尚: a sub-brand
            b.type, b.key = "line", a.key
    brands = [s for s in slots if s.type == "brand" and not s.compat]
    for a, b in zip(brands, brands[1:]):
        if a.key != b.key and _is_ascii(a.text) != _is_ascii(b.text) and all(
                c in _PAIR_GAP for c in _gap(raw, a, b)):
            b.key = a.key  # one brand in two scripts, written side by side
    number_models(reading, brands)
    accessory = _is_accessory(reading, know)
    lead |= _original_maker(reading, know) if accessory else set()
    last_compat: Slot | None = None
    for s in slots:
        if id(s) in lead:
            last_compat = None
            continue
        device = s.key in know.devices or know.lines.get(s.text.lower()) in know.devices
        follows = last_compat is not None  # right after a device name: its line or model
        if (s.type == "brand" and (s.compat or (accessory and device
                                                and s.source != "declared"))
                or s.type == "line" and follows and s.key == last_compat.key
                or s.type == "model" and follows and s.source != "declared"
                and all(c in " /,，、" for c in raw[last_compat.end:s.start])):
            s.type, s.compat = "compatible", True
            last_compat = s
        elif s.type in ("brand", "product"):
            last_compat = None
    _device_runs(reading, know)
