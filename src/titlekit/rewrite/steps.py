"""The edits of one rewrite step: what to delete, what to add to fill the title, what to trim.

Deletions come from the rules' fixes (safe and unsafe), never from matching rule names; filling
adds the row's own columns and, from the keyword file, synonyms of the title's product words
(nothing that states something new); trimming drops whole segments (promotion words, numbers,
words without a brand, model or product word) from the end of a title over the limit.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..linting.linter import Linter
from ..platform import gbk_encodable
from ..problems import Result
from ..reading.types import Reading
from ..rules.base import literal_pattern
from ..rules.form import BRACKETS, CLOSERS, DECORATIVE
from ..rules.repeats import in_latin_name
from ..rules.words import PROMO_OVERLOAD, category_of
from . import check as ck
from . import pieces as pc
from . import segments as sg
from .fit import fit
from .keywords import Keywords, best
from .report import Change
from .segments import Seg
from .synonyms import synonyms

SOURCE_NAMES = {"brand": "品牌列", "model": "货号列", "attributes": "属性列", "style": "风格列",
                "selling_points": "卖点列", "promotion": "活动列",
                "keywords": "关键词文件（产品词的同义词）",
                "claims": "关键词文件（--allow-claims，需人工审核）"}


def _has_word(text: str) -> bool:
    return any(c.isalnum() for c in text)


def _dropped(raw: str, start: int, end: int, kept: str) -> list[int]:
    """Offsets of ``raw[start:end]`` that a fix replacing it with ``kept`` (its words, without
    the brackets or symbols around them) removes."""
    out = []
    j = 0
    for i in range(start, end):
        if j < len(kept) and raw[i] == kept[j]:
            j += 1
        else:
            out.append(i)
    return out


def insert(segs: list[Seg], new: Seg) -> list[Seg]:
    """``segs`` with ``new`` in its place: a brand first, a model after the leading brand,
    a promotion word last, any other word before the promotion words that end the title."""
    if new.kind == "brand":
        return [new, *segs]
    if new.kind == "model":
        at = 0
        while at < len(segs) and segs[at].kind in ("name", "brand"):
            at += 1
        return segs[:at] + [new] + segs[at:]
    at = len(segs)
    if new.kind != "promotion":
        while at > 1 and segs[at - 1].kind == "promotion":
            at -= 1
    return segs[:at] + [new] + segs[at:]


class Editor:
    """The edits of a rewrite with one linter, keyword file and configuration."""

    def __init__(self, linter: Linter, keywords: Keywords | None, *,
                 allow_claims: bool = False) -> None:
        self.linter = linter
        self.allow_claims = allow_claims
        self.synonyms = synonyms()
        self.cfg = linter.config
        self.reader = linter.reader
        self.lex = self.reader.lex
        self.keywords = keywords
        self.categories = self.lex.categories()
        promo = linter.active_rule(PROMO_OVERLOAD.name)
        self.promo_max = int(promo[2].get("max", 2)) if promo else 2
        self._banned = literal_pattern(self.lex.words("spam") + self.lex.words("absolute")
                                       + self.lex.words("ip-risk"))
        self._word_ok: dict[str, bool] = {}
        self._kw_cache: dict[tuple[str, ...], list[tuple[str, str, str]]] = {}

    def deletions(self, res: Result, r: Reading, changes: list[Change]) -> bytearray:
        """The characters to delete: what the rules' fixes remove (safe and unsafe), and a
        brand written twice alike."""
        raw = res.title
        deleted = bytearray(len(raw))
        for p in res.problems:
            f = p.fix
            if f is None:
                continue
            kept = f.replacement.strip()
            if f.safe and not kept and _has_word(raw[f.start:f.end]) \
                    and pc.inside_word(r, p.start, p.end):
                continue  # a repeat inside a longer word (钻石画…钻石绣) stays
            drop = _dropped(raw, f.start, f.end, kept)
            if not drop:
                continue
            if _has_word("".join(raw[i] for i in drop)) and (
                    ck.inside_run(raw, drop, deleted) or ck.in_pair(r, min(drop), max(drop) + 1)):
                continue  # 测水平水平仪 -> 测水平 仪: a word inside a longer run stays
            for i in drop:
                deleted[i] = 1
            active = self.linter.active_rule(p.rule)
            why, note = (active[0].fix_reason if active else p.rule), f.note
            if kept and len(drop) == f.end - f.start:  # what the fix writes instead is not
                note = ""                              # written: the change is a deletion
            changes.append(Change(note or f"删除 {raw[f.start:f.end]}", why))
        seen: set[str] = set()
        for s in r.slots:  # the same brand written twice alike: keep the first (T11); a
            # second spelling (canon/佳能) is what buyers search too, so it stays
            if s.type != "brand" or s.compat or s.confidence < pc.MIN_CONFIDENCE:
                continue
            k = pc.norm(s.text)
            alone = ((s.start == 0 or ck.is_separator(raw, s.start - 1))
                     and (s.end == len(raw) or ck.is_separator(raw, s.end))
                     and not in_latin_name(raw, s.start, s.end))  # isamu noguchi
            paired = ck.in_pair(r, s.start, s.end)  # panasonic/松下: the pair stays whole
            if k in seen and alone and not paired and not any(deleted[s.start:s.end]):
                deleted[s.start:s.end] = b"\x01" * (s.end - s.start)
                changes.append(Change(f"删除重复的品牌 {s.text}", "品牌只写一次（T11）"))
            seen.add(k)
        return deleted

    # -- filling ----------------------------------------------------------------------------
    def fill(self, segs: list[Seg], ctx: dict, r: Reading, changes: list[Change],
             added: set[str], unsure: list[str], title: str | None = None) -> list[Seg]:
        """Add the row's own words (its columns) and the keyword file's synonyms of the
        title's product words, best first, while they fit; with ``allow_claims`` also the
        other words of keyword terms that go with the product word (the row is then for
        review). ``title``: the segments joined, when the caller has it; ``segs`` itself is
        returned when nothing is added."""
        raw = r.raw
        limit = self.cfg.limit
        if title is None:
            title = sg.join(raw, segs)
        used = self.measure(title)
        if used >= limit - 1:
            return segs
        products = [s.key for s in r.slots if s.type == "product" and s.confidence >= 0.8
                    and not s.compat]
        main_cat = next((self.categories[p] for p in products if p in self.categories), None)
        if main_cat is None and ctx.get("category"):
            main_cat = category_of(ctx["category"], self.categories)
        words = list(self.candidates(ctx, products, main_cat))
        if not words:
            return segs
        present = ck.norm(title)
        longer = [ck.norm(s.text) for s in segs if len(ck.norm(s.text)) >= 2]
        promos = sum(s.kind == "promotion" for s in segs)
        longer += [p for p in products if len(p) >= 2]
        offered: list[tuple[str, str, str, str, int]] = []
        for word, kind, source in words:
            w = ck.norm(word)
            cost = pc.word_cost(word, self.cfg.unit) + 1
            if used + cost > limit or not w or w in present or any(n in w for n in longer):
                continue
            if not self.acceptable(w, kind, ctx, main_cat):
                continue
            offered.append((word, kind, source, w, cost))
        # the declared brand and model (offered first) whenever they fit
        names = sum(o[1] in ("brand", "model") and o[2] in ("brand", "model") for o in offered)

        def allowed(chosen: list[int], i: int) -> bool:
            """Word ``i`` neither repeats nor holds a word taken before it, and the
            promotion words stay within their allowance."""
            w = offered[i][3]
            taken = [offered[j][3] for j in chosen]
            if any(w in t or (len(t) >= 2 and t in w) for t in taken):
                return False
            return offered[i][1] != "promotion" or promos + sum(
                offered[j][1] == "promotion" for j in chosen) < self.promo_max

        # brand and model first; then the words that fill the title best, earliest first
        picked: list[int] = []
        budget = limit - used
        for j in range(names):
            if offered[j][4] <= budget and allowed(picked, j):
                picked.append(j)
                budget -= offered[j][4]
        rest = fit([o[4] for o in offered[names:]], budget,
                   lambda chosen, i: allowed(picked + [names + j for j in chosen], names + i))
        for j in picked + [names + i for i in rest]:
            word, kind, source, _w, _cost = offered[j]
            segs = insert(segs, Seg(word, -1, -1, kind, source))
            added.add(word)
            if source == "claims":
                unsure.append(f"补充的“{word}”来自关键词文件，可能写出卖家没说的内容")
            changes.append(Change(f"补充 {word}", f"来自{SOURCE_NAMES.get(source, source)}，"
                                  "用满标题字数（T1）"))
        return segs

    def row_words(self, ctx: dict) -> set[str]:
        """The words the row's own columns hold (what a rewrite may add without a claim)."""
        return {w for w, _k, source in self.candidates(ctx, [], None, keywords=False)}

    def candidates(self, ctx: dict, products: list[str], main_cat: str | None,
                   keywords: bool = True) -> Iterable[tuple[str, str, str]]:
        if ctx.get("brand"):
            yield ctx["brand"].strip(), "brand", "brand"
        if ctx.get("model"):
            yield ctx["model"].strip(), "model", "model"
        for key, kind in (("attributes", "attribute"), ("style", "style"),
                          ("selling_points", "selling_point"), ("promotion", "promotion")):
            value = ctx.get(key)
            if not value:
                continue
            values = value if isinstance(value, list) else pc.split_words(str(value))
            for v in values:
                v = str(v).strip()
                if ":" in v or "：" in v:  # 属性 written as name:value
                    v = re.split("[:：]", v, maxsplit=1)[1].strip()
                if 2 <= len(v) <= 12:
                    yield v, kind, key
        kw = self.keywords
        if kw is None or kw.volume is None or not keywords:
            return
        key = tuple(products)
        ranked = self._kw_cache.get(key)
        if ranked is None:
            # a synonym of a product word the title names states nothing new (手表 → 腕表)
            found: dict[str, float] = {}
            for pw in products:
                for syn in self.synonyms.get(pw, ()):
                    v = kw.volume.get(syn)
                    if v is not None:
                        found[syn] = max(found.get(syn, 0.0), v)
            ranked = [(w, "keyword", "keywords") for w, _v in best(found, 10)]
            if self.allow_claims and kw.by_product is not None:
                merged: dict[str, float] = {}
                for pw in products:
                    for w, v in kw.by_product.get(pw, ()):
                        merged[w] = merged.get(w, 0.0) + v
                ranked += [(w, self.reader.word_slot.get(w, "other"), "claims")
                           for w, _v in best(merged, 60)
                           if any(ord(c) > 0x2e7f for c in w) and not any(c.isdigit() for c in w)
                           and self.reader.word_slot.get(w) not in ("product", "brand")]
            if len(self._kw_cache) < 100_000:
                self._kw_cache[key] = ranked
        yield from ranked

    def acceptable(self, w: str, kind: str, ctx: dict, main_cat: str | None) -> bool:
        """Can ``w`` go into a title without a rule flagging it?"""
        ok = self._word_ok.get(w)
        if ok is None:
            ok = bool(w) and all(gbk_encodable(c) and c not in DECORATIVE and c not in BRACKETS
                                 and c not in CLOSERS for c in w)
            ok = ok and (self._banned is None or self._banned.search(w) is None)
            self._word_ok[w] = ok
        if not ok:
            return False
        slot = self.reader.word_slot.get(w)
        if slot == "brand" and kind != "brand":
            return False
        if slot == "product" or kind == "product":
            cat = self.categories.get(w)
            if cat is not None and main_cat is not None and cat != main_cat:
                return False
        return True

    # -- trimming ---------------------------------------------------------------------------
    def trim(self, segs: list[Seg], r: Reading, changes: list[Change]) -> list[Seg]:
        """A title over the limit loses whole segments from its end: promotion words first,
        then numbers and selling points, then words that hold no brand, line, model or
        product word. The brand, model, product word, subject (the opening segment) and a
        word going on in the next (sql,server) stay; a second 读物 may go."""
        limit, raw = self.cfg.limit, r.raw
        if self.measure(sg.join(raw, segs)) <= limit:
            return segs
        segs = list(segs)
        cores = ck.core_slots(r)

        def needed(i: int) -> bool:
            others = " ".join(ck.norm(x.text) for j, x in enumerate(segs) if j != i)
            return i == 0 or sg.goes_on(segs, i) or any(
                ck.norm(c.text) not in others for c in cores
                if segs[i].start <= c.start < segs[i].end)

        for kinds in (("promotion",), ("weak",), ("other",)):
            for i in range(len(segs) - 1, -1, -1):
                s = segs[i]
                if s.kind not in kinds or needed(i):
                    continue
                segs.pop(i)
                changes.append(Change(f"删除 {s.text}", f"标题超过 {limit} 的上限（T1）"))
                if self.measure(sg.join(raw, segs)) <= limit:
                    return segs
        return segs

    def measure(self, text: str) -> int:
        return self.cfg.spec.measure(text)

