"""The edits of one rewrite step: what to delete, what to add to fill the title, what to trim.

Deletions come from the rules' fixes (safe and unsafe), never from matching rule names; filling
adds the row's own columns and the keyword file's words that no rule would flag; trimming drops
promotion, selling-point, style and attribute words from the end of a title over the limit.
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
from ..rules.words import PROMO_OVERLOAD, category_of
from . import pieces as pc
from .keywords import Keywords, best
from .pieces import Piece
from .report import Change

# Which pieces a too-long title loses first.
TRIM_ORDER = ("promotion", "selling_point", "style", "other", "attribute")
SOURCE_NAMES = {"brand": "品牌列", "model": "货号列", "attributes": "属性列", "style": "风格列",
                 "selling_points": "卖点列", "promotion": "活动列", "keywords": "关键词文件"}




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


class Editor:
    """The edits of a rewrite with one linter, keyword file and configuration."""

    def __init__(self, linter: Linter, keywords: Keywords | None) -> None:
        self.linter = linter
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
            for i in drop:
                deleted[i] = 1
            active = self.linter.active_rule(p.rule)
            why = active[0].fix_reason if active else p.rule
            changes.append(Change(f.note or f"删除 {raw[f.start:f.end]}", why))
        seen: set[str] = set()
        for s in r.slots:  # the same brand written twice alike: keep the first (T11); a
            # second spelling (canon/佳能) is what buyers search too, so it stays
            if s.type != "brand" or s.compat or s.confidence < pc.MIN_CONFIDENCE:
                continue
            k = pc.norm(s.text)
            if k in seen and not any(deleted[s.start:s.end]):
                deleted[s.start:s.end] = b"\x01" * (s.end - s.start)
                changes.append(Change(f"删除重复的品牌 {s.text}", "品牌只写一次（T11）"))
            seen.add(k)
        return deleted

    # -- filling ----------------------------------------------------------------------------
    def fill(self, pieces: list[Piece], ctx: dict, r: Reading, spaced: bool,
              changes: list[Change]) -> list[Piece]:
        limit = self.cfg.limit
        used = self.measure(pc.join(pieces, spaced))
        if used >= limit - 1:
            return pieces
        norms = [pc.norm(p.text) for p in pieces]
        present = " ".join(norms)
        longer = [n for n in norms if len(n) >= 2]
        promos = sum(p.kind == "promotion" for p in pieces)
        products = [s.key for s in r.slots if s.type == "product" and s.confidence >= 0.8
                    and not s.compat]
        main_cat = next((self.categories[p] for p in products if p in self.categories), None)
        if main_cat is None and ctx.get("category"):
            main_cat = category_of(ctx["category"], self.categories)
        for word, kind, source in self.candidates(ctx, products, main_cat):
            w = pc.norm(word)
            cost = pc.word_cost(word, self.cfg.unit) + (1 if spaced else 0)
            if used + cost > limit or not w or w in present or any(n in w for n in longer):
                continue
            if kind == "promotion" and promos >= self.promo_max:
                continue
            if not self.acceptable(w, kind, ctx, main_cat):
                continue
            trial = pc.insert(pieces, Piece(word, kind))
            size = self.measure(pc.join(trial, spaced)) if not spaced else used + cost
            if size > limit:
                continue
            pieces, used = trial, size
            present += " " + w
            if len(w) >= 2:
                longer.append(w)
            promos += kind == "promotion"
            changes.append(Change(f"补充 {word}", f"来自{SOURCE_NAMES.get(source, source)}，"
                                  "用满标题字数（T1）"))
            if used >= limit - 1:
                break
        return pieces

    def candidates(self, ctx: dict, products: list[str], main_cat: str | None
                    ) -> Iterable[tuple[str, str, str]]:
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
        if kw is None:
            return
        key = tuple(products)
        ranked = self._kw_cache.get(key)
        if ranked is None:
            merged: dict[str, float] = {}
            for pw in products:
                if len(pw) < 2:
                    continue
                for w, v in kw.by_product.get(pw, ()):
                    merged[w] = merged.get(w, 0.0) + v
            # words in Latin letters are mostly other models and brands, and a size or spec
            # from someone else's search (100mg, 5寸) may be false for this item
            # and another product word (老爹鞋 for 运动鞋) names another product
            ranked = [(w, self.reader.word_slot.get(w, "other"), "keywords")
                      for w, _v in best(merged, 60)
                      if any(ord(c) > 0x2e7f for c in w) and not any(c.isdigit() for c in w)
                      and self.reader.word_slot.get(w) != "product"]
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
    def trim(self, pieces: list[Piece], spaced: bool, changes: list[Change]) -> list[Piece]:
        limit = self.cfg.limit
        if self.measure(pc.join(pieces, spaced)) <= limit:
            return pieces
        pieces = list(pieces)
        for kind in TRIM_ORDER:
            for i in range(len(pieces) - 1, -1, -1):
                if pieces[i].kind != kind:
                    continue
                gone = pieces.pop(i)
                changes.append(Change(f"删除 {gone.text}", f"标题超过 {limit} 的上限（T1）"))
                if self.measure(pc.join(pieces, spaced)) <= limit:
                    return pieces
        # still too long: drop words inside the remaining chunks, last first
        for kind in TRIM_ORDER:
            for i in range(len(pieces) - 1, -1, -1):
                unit = pieces[i]
                parts = list(unit.parts or ())
                for j in range(len(parts) - 1, -1, -1):
                    if parts[j].kind != kind or len(parts) < 2:
                        continue
                    gone = parts.pop(j)
                    unit = pieces[i] = Piece(pc.join(parts, False), unit.kind, unit.chunk,
                                             parts)
                    changes.append(Change(f"删除 {gone.text}", f"标题超过 {limit} 的上限（T1）"))
                    if self.measure(pc.join(pieces, spaced)) <= limit:
                        return pieces
        return pieces

    def measure(self, text: str) -> int:
        return self.cfg.spec.measure(text)

