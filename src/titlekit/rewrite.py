"""Catalog rewrite: rule-clean, full, unique titles that keep their brand, model and product word.

One row goes through five steps, all computed from one reading of its title:

1. **clean**: delete what an error or a word rule flags (bracket characters, decorative symbols,
   spam and absolute terms, IP-risk phrases, product words of another category, promotion words
   past the allowance) and repeats that stand alone. The spam, absolute and promotion rules never
   delete a brand, model or product word; an IP-risk phrase or another category's product word
   goes even when the reader took it for one.
2. **split** the title into pieces (the slots the reader found and the words between them) and
   the pieces into units: brand, model and promotion pieces stand alone; the other pieces of a
   run written without spaces or punctuation form one unit, so compound words stay whole.
3. **order** the units as playbook T2 says: brand + model + attributes and product word + style
   + selling point + promotion, keeping each unit's wording and, within a group, their order.
4. **fill** toward the limit with words not yet present, best first: the declared brand and
   model when missing, then the row's own columns (attributes, style, selling points,
   promotion), then a keyword file (search terms with a volume) by relevance to the title's
   product words and by volume. Never a word a rule would flag, a brand, another product word
   or a number from someone else's search.
5. **trim** a title over the limit: promotion, selling-point, style and attribute words go from
   the end; brand, model and product word stay.

The step is repeated on its own output until nothing changes (at most :data:`MAX_ROUNDS`
rounds), so rewriting a rewritten catalog changes nothing. A result that still has an
error-level problem, loses a brand, model or product word, or scores lower than the original is
not used: the row keeps its title and the report says why. Titles identical to a competitor's
(after normalisation) or to an earlier row's are made distinct by moving an attribute, style or
selling-point unit, never by adding words; when there is nothing to move the report notes it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .linter import Linter, Result, batch_gc
from .rules.form import BRACKETS, CLOSERS, DECORATIVE
from .rules.words import category_of
from .slots import Reading, Slot
from .text import gbk_encodable, gbk_len, is_cjk

if TYPE_CHECKING:
    from .dedup import Index

MAX_ROUNDS = 4
MIN_CONFIDENCE = 0.5  # slots below this are words like any other: they are not moved
CORE = ("brand", "model", "product")
# Group of each piece kind, in title order (T2); words the reader could not type are attributes.
GROUP = {"brand": 0, "model": 1, "attribute": 2, "other": 2, "product": 3, "style": 4,
         "selling_point": 5, "promotion": 6}
# Which pieces a too-long title loses first.
TRIM_ORDER = ("promotion", "selling_point", "style", "other", "attribute")
DELETE_RULES = {
    "spam-word": "垃圾词", "absolute-term": "绝对化用语", "ip-risk": "侵权风险词",
    "irrelevant-keyword": "无关类目词", "promo-overload": "多余的促销词",
}
# Characters that separate words in a title (a "/" only where it does not join two Latin
# letters or digits: 8gb/256gb stays one word).
_SEPARATORS = "\t，,、;；|。！？：!?:"


@dataclass(slots=True)
class Piece:
    text: str
    kind: str  # a slot type, or "other"
    chunk: int = 0  # pieces of one chunk stood together in the title (no space, no punctuation)
    parts: list[Piece] | None = None  # the pieces a chunk unit is made of


@dataclass
class Change:
    what: str
    why: str

    def __str__(self) -> str:
        return f"{self.what}（{self.why}）"


@dataclass
class RowResult:
    """What happened to one row."""

    index: int
    line: int | None
    old: str
    new: str
    status: str  # changed | unchanged | kept
    before: Result
    after: Result
    changes: list[Change] = field(default_factory=list)
    reason: str = ""  # why a row was kept as it was
    note: str = ""  # what is still wrong with the row's title (identical to another row's)

    def to_dict(self) -> dict[str, Any]:
        return {
            "row": self.index + 1,
            "line": self.line,
            "status": self.status,
            "old_title": self.old,
            "new_title": self.new,
            "score_before": self.before.score,
            "score_after": self.after.score,
            "bytes_before": self.before.bytes,
            "bytes_after": self.after.bytes,
            "changes": [{"what": c.what, "why": c.why} for c in self.changes],
            "reason": self.reason,
            "note": self.note,
            "errors_after": sorted({p.rule for p in self.after.problems
                                    if p.severity == "error"}),
        }


# -- keyword files -------------------------------------------------------------------------

KEYWORD_COLUMNS = ("搜索词", "关键词", "keyword", "keywords", "search term", "search_term",
                   "query", "词", "热搜词", "搜索关键词", "term")
VOLUME_COLUMNS = ("搜索人气", "搜索热度", "搜索量", "volume", "search volume", "search_volume",
                  "人气", "热度", "搜索指数", "搜索次数", "popularity", "点击人气", "searches")


@dataclass
class Keywords:
    """Search terms with a volume; words of relevant terms are offered to titles by value."""

    terms: list[tuple[str, float]]
    by_product: dict[str, list[tuple[str, float]]] | None = None  # set by index()

    @classmethod
    def load(cls, path: str | Path, columns: dict[str, str] | None = None) -> Keywords:
        """Read a CSV/TSV keyword file (any encoding titlekit reads); a header row names the
        term column (搜索词/关键词/keyword …) and optionally a volume column (搜索人气/搜索热度/
        搜索量/volume …). Lines before the header (report titles) are skipped."""
        from .io import InputError, decode, field_value, scan_csv

        p = str(path)
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            raise InputError(p, None, f"cannot read keyword file: {exc.strerror}") from None
        text, _, _ = decode(p, data)
        first = text.split("\n", 1)[0]
        delim = "\t" if first.count("\t") > first.count(",") else ","
        rows = scan_csv(p, text, delim)
        columns = columns or {}
        kw_names = (columns["keyword"],) if "keyword" in columns else KEYWORD_COLUMNS
        vol_names = (columns["volume"],) if "volume" in columns else VOLUME_COLUMNS
        header_at = kcol = vcol = None
        for r, (_, fields) in enumerate(rows[:20]):
            cells = [field_value(text, f).strip().lower() for f in fields]
            kcol = next((cells.index(n.lower()) for n in kw_names if n.lower() in cells), None)
            if kcol is not None:
                header_at = r
                vcol = next((cells.index(n.lower()) for n in vol_names if n.lower() in cells),
                            None)
                break
        if header_at is None:
            raise InputError(p, 1, "no keyword column: the header needs one of "
                             f"{', '.join(kw_names[:6])} … (or set columns.keyword)")
        terms: list[tuple[str, float]] = []
        for ln, fields in rows[header_at + 1:]:
            if len(fields) <= kcol or not field_value(text, fields[kcol]).strip():
                continue
            term = field_value(text, fields[kcol]).strip()
            vol = 1.0
            if vcol is not None and vcol < len(fields):
                raw = field_value(text, fields[vcol]).strip().replace(",", "").replace("，", "")
                if raw:
                    try:
                        vol = float(raw.rstrip("%"))
                    except ValueError:
                        raise InputError(p, ln, f"volume {raw!r} of {term!r} is not a number"
                                         ) from None
            terms.append((term, vol))
        if not terms:
            raise InputError(p, None, "no keywords below the header")
        return cls(terms)

    def index(self, reader, per_key: int = 40) -> None:
        """Group the terms' words under the product words they go with."""
        prod: dict[str, dict[str, float]] = {}
        for (_term, vol), r in zip(self.terms, reader.read_many([(t, None) for t, _ in self.terms])):
            products = [s.key for s in r.slots if s.type == "product" and s.confidence >= 0.8]
            words = _term_words(r) if products else ()
            for pw in products:
                bucket = prod.setdefault(pw, {})
                for w, _kind in words:
                    if w != pw:
                        bucket[w] = bucket.get(w, 0.0) + vol
        self.by_product = {k: _best(v, per_key) for k, v in prod.items()}


def _best(values: dict[str, float], n: int) -> list[tuple[str, float]]:
    return sorted(values.items(), key=lambda kv: (-kv[1], kv[0]))[:n]


def _term_words(r: Reading) -> list[tuple[str, str]]:
    """(word, slot type or "other") for the words of a search term worth adding to a title."""
    out: list[tuple[str, str]] = []
    typed = {(s.start, s.end): s for s in r.slots}
    for tok in r.tokens:
        if tok.kind in ("space", "punct"):
            continue
        rs, re_ = r.raw_span(tok.start, tok.end)
        s = typed.get((rs, re_))
        kind = s.type if s is not None and s.confidence >= 0.8 else "other"
        if kind in ("brand", "model"):
            continue
        w = tok.text
        if len(w) < 2 or w.isdigit():
            continue
        out.append((w, kind))
    return out


# -- the rewriter --------------------------------------------------------------------------

class Rewriter:
    """Rewrites titles with one configuration; reuse one instance for a whole catalog."""

    def __init__(self, linter: Linter, *, keywords: Keywords | None = None,
                 competitors: Index | None = None) -> None:
        self.linter = linter
        self.cfg = linter.config
        self.reader = linter.reader
        self.lex = self.reader.lex
        self.keywords = keywords
        self.competitors = competitors
        self.categories = self.lex.categories()
        self.promo_max = 2
        for rule, _sev, opts in linter.active:
            if rule.name == "promo-overload":
                self.promo_max = int(opts.get("max", 2))
        self.active = {rule.name for rule, _s, _o in linter.active}
        from .rules.base import literal_pattern

        self._banned = literal_pattern(self.lex.words("spam") + self.lex.words("absolute")
                                       + self.lex.words("ip-risk"))
        self._word_ok: dict[str, bool] = {}
        self._kw_cache: dict[tuple[str, ...], list[tuple[str, str, str]]] = {}
        self._ident: dict[str, int] = {}
        if keywords is not None and keywords.by_product is None:
            keywords.index(self.reader)

    # -- the public entry point --------------------------------------------------------------
    def rewrite(self, items: Sequence[tuple[str, dict | None]], *,
                lines: Sequence[int | None] | None = None,
                progress: Callable[[int], None] | None = None,
                block: int = 2048) -> list[RowResult]:
        """Rewrite every (title, context) row; results are in input order. ``progress`` is
        called with the number of rows done since the last call."""
        with batch_gc():
            return self._rewrite(items, lines, progress, block)

    def _rewrite(self, items: Sequence[tuple[str, dict | None]],
                 lines: Sequence[int | None] | None,
                 progress: Callable[[int], None] | None, block: int) -> list[RowResult]:
        rows: list[RowResult] = []
        contexts = [dict(c or {}) for _, c in items]
        for start in range(0, len(items), block):
            stop = min(start + block, len(items))
            rows.extend(self._rewrite_block(items[start:stop], contexts[start:stop], start,
                                            lines[start:stop] if lines else None))
            if progress is not None:
                progress(stop - start)
        self._make_unique(rows, contexts)
        if self.competitors is not None:
            self._competitor_problems(rows, contexts)
        return rows

    def _rewrite_block(self, items: Sequence[tuple[str, dict | None]], contexts: list[dict],
                       offset: int, lines: Sequence[int | None] | None) -> list[RowResult]:
        n = len(items)
        before = list(self.linter.lint_many(items, keep_reading=True))
        final: list[Result | None] = [None] * n
        changes: list[list[Change]] = [[] for _ in range(n)]
        current: dict[int, Result] = dict(enumerate(before))
        reasons: dict[int, str] = {}
        for rnd in range(MAX_ROUNDS + 1):
            proposals: dict[int, str] = {}
            for i, res in current.items():
                new, ch = self._step(res, contexts[i], self._reading_of(res))
                if new == res.title:
                    final[i] = res
                else:
                    proposals[i] = new
                    changes[i].extend(ch)
            if not proposals:
                break
            if rnd == MAX_ROUNDS:
                for i in proposals:
                    reasons[i] = "改写结果不稳定（再次改写仍会变化），保留原标题"
                break
            keys = sorted(proposals)
            results = self.linter.lint_many(((proposals[i], contexts[i]) for i in keys),
                                            keep_reading=True)
            current = dict(zip(keys, results))
        rows: list[RowResult] = []
        for i in range(n):
            old = items[i][0]
            after = final[i]
            line = lines[i] if lines else None
            reason = reasons.get(i, "")
            if after is not None and not reason:
                reason = self._refuse(before[i], after)
            if after is None or reason:
                rows.append(RowResult(offset + i, line, old, old, "kept", before[i], before[i],
                                      [], reason))
                continue
            status = "unchanged" if after.title == old else "changed"
            rows.append(RowResult(offset + i, line, old, after.title, status, before[i], after,
                                  changes[i] if status == "changed" else []))
        return rows

    def _competitor_problems(self, rows: list[RowResult], contexts: list[dict]) -> None:
        """A title identical to a competitor's after normalisation is an error (TK501) on
        either side of the report; a rewritten title still identical to one is not used.
        (Near-duplicates are found by ``titlekit lint --competitors``, which scores every
        title against the index; the rewrite only checks identity, a hash lookup.)"""
        from .linter import Problem, score
        from .rules.duplicates import _short

        if "duplicate-competitor" not in self.active:
            return
        index = self.competitors
        for r in rows:
            for res in (r.before, r.after) if r.status == "changed" else (r.before,):
                j = self._identical(res.title)
                if j < 0:
                    continue
                other = index.title(j)
                res.problems.append(Problem(
                    "duplicate-competitor", "TK501", "error", 0, len(res.title),
                    f"与竞品标题完全相同（忽略空格、全半角、大小写和标点）：“{_short(other)}”"
                    "；换用自己的词序、属性和卖点（运营规则 T4：避开与同类宝贝标题完全相同）。",
                    None, {"nearest": other, "similarity": 1.0, "identical": True,
                           **index.where(j)}))
                res.score = score(res.problems)
            if r.status == "changed" and any(p.rule == "duplicate-competitor"
                                             for p in r.after.problems):
                msg = next(p.message for p in r.after.problems
                           if p.rule == "duplicate-competitor")
                r.new, r.after, r.status, r.changes = r.old, r.before, "kept", []
                r.reason = f"改写后仍有错误（duplicate-competitor）：{msg}"
            elif r.status == "unchanged":
                r.after = r.before

    def _identical(self, title: str) -> int:
        """:meth:`Index.identical`, remembered: the steps ask again for the same titles."""
        j = self._ident.get(title)
        if j is None:
            j = self._ident[title] = self.competitors.identical(title)
        return j

    def _reading_of(self, res: Result) -> Reading:
        reading, res.reading = res.reading, None  # the reading is not needed any more
        return reading if reading is not None else self.reader.read(res.title, None)

    def _refuse(self, before: Result, after: Result) -> str:
        """Why ``after`` may not replace ``before`` ("" when it may)."""
        errors = [p for p in after.problems if p.severity == "error"]
        if errors:
            names = "、".join(sorted({p.rule for p in errors}))
            return f"改写后仍有错误（{names}）：{errors[0].message}"
        if after.score < before.score:
            new_rules = sorted({p.rule for p in after.problems}
                               - {p.rule for p in before.problems})
            return (f"改写后分数更低，保留原标题：{before.score} → {after.score}，新出现的问题 "
                    f"{'、'.join(new_rules) or '（同类问题更多）'}")
        text = _norm(after.title)
        for s in _core_slots(before):
            if _norm(s.text) not in text:
                kind = {"brand": "品牌", "model": "型号", "product": "产品词"}[s.type]
                return f"改写会丢失{kind}“{s.text}”，保留原标题"
        return ""

    # -- one step ---------------------------------------------------------------------------
    def _step(self, res: Result, ctx: dict, reading: Reading) -> tuple[str, list[Change]]:
        raw = res.title
        if not raw.strip():
            return raw, []
        changes: list[Change] = []
        deleted = self._deletions(res, reading, changes)
        pieces = _dedupe(_pieces(reading, deleted), changes)
        units = _units(pieces)
        ordered = sorted(units, key=lambda p: GROUP[p.kind])
        if [p.text for p in ordered] != [p.text for p in units]:
            changes.append(Change("调整词序", "品牌 + 货号 + 属性与产品词 + 风格 + 卖点 + 活动（T2）"))
        spaced = _spaced(raw) or _PUNCT_SEPARATOR_RE.search(raw) is not None
        ordered = self._fill(ordered, ctx, reading, spaced, changes)
        ordered = self._trim(ordered, spaced, changes)
        new = _join(ordered, spaced)
        if self.competitors is not None and new != raw and self._identical(new) >= 0:
            moved = next(iter(_rotations(ordered)), None)
            if moved is not None:
                new = _join(moved, spaced)
                changes.append(Change("移动一个属性词", "与竞品标题完全相同（T4）"))
        return new, changes

    def _deletions(self, res: Result, r: Reading, changes: list[Change]) -> bytearray:
        raw = res.title
        deleted = bytearray(len(raw))
        core = [(s.start, s.end) for s in r.slots
                if s.type in CORE and s.confidence >= MIN_CONFIDENCE and not s.compat]
        for p in res.problems:
            s, e = p.start, p.end
            if p.rule == "bracket-highlight":
                hit = [i for i in range(s, e) if raw[i] in BRACKETS or raw[i] in CLOSERS]
                for i in hit:
                    deleted[i] = 1
                if hit:
                    changes.append(Change(f"去掉括号 {raw[s:e]}", "括号突出关键词（T7）"))
            elif p.rule == "special-symbol":
                deleted[s:e] = b"\x01" * (e - s)
                changes.append(Change(f"删除符号 {raw[s:e]}", "特殊符号（T8）"))
            elif p.rule == "repeated-keyword":
                if p.fix is None or _inside_word(r, p.start, p.end):
                    continue  # a repeat inside a longer word (钻石画…钻石绣) stays
                s, e = p.fix.start, p.fix.end
                deleted[s:e] = b"\x01" * (e - s)
                changes.append(Change(f"删除重复的 {raw[s:e].strip()}", "关键词重复（T9）"))
            elif p.rule in DELETE_RULES:
                overlaps = any(a < e and s < b for a, b in core)
                if overlaps and p.rule not in ("ip-risk", "irrelevant-keyword"):
                    continue
                if e < len(raw) and raw[e] == "的":  # 最好的耳机 -> 耳机, not 的耳机
                    e += 1
                deleted[s:e] = b"\x01" * (e - s)
                changes.append(Change(f"删除 {raw[s:e]}", f"{DELETE_RULES[p.rule]}（{p.rule}）"))
        seen: set[str] = set()
        for s in r.slots:  # the same brand written twice alike: keep the first (T11); a
            # second spelling (canon/佳能) is what buyers search too, so it stays
            if s.type != "brand" or s.compat or s.confidence < MIN_CONFIDENCE:
                continue
            k = _norm(s.text)
            if k in seen and not any(deleted[s.start:s.end]):
                deleted[s.start:s.end] = b"\x01" * (s.end - s.start)
                changes.append(Change(f"删除重复的品牌 {s.text}", "品牌只写一次（T11）"))
            seen.add(k)
        return deleted

    # -- filling ----------------------------------------------------------------------------
    def _fill(self, pieces: list[Piece], ctx: dict, r: Reading, spaced: bool,
              changes: list[Change]) -> list[Piece]:
        limit = self.cfg.limit
        used = self._measure(_join(pieces, spaced))
        if used >= limit - 1:
            return pieces
        norms = [_norm(p.text) for p in pieces]
        present = " ".join(norms)
        longer = [n for n in norms if len(n) >= 2]
        promos = sum(p.kind == "promotion" for p in pieces)
        products = [s.key for s in r.slots if s.type == "product" and s.confidence >= 0.8
                    and not s.compat]
        main_cat = next((self.categories[p] for p in products if p in self.categories), None)
        if main_cat is None and ctx.get("category"):
            main_cat = category_of(ctx["category"], self.categories)
        for word, kind, source in self._candidates(ctx, products, main_cat):
            w = _norm(word)
            cost = _word_cost(word, self.cfg.unit) + (1 if spaced else 0)
            if used + cost > limit or not w or w in present or any(n in w for n in longer):
                continue
            if kind == "promotion" and promos >= self.promo_max:
                continue
            if not self._acceptable(w, kind, ctx, main_cat):
                continue
            trial = _insert(pieces, Piece(word, kind))
            size = self._measure(_join(trial, spaced)) if not spaced else used + cost
            if size > limit:
                continue
            pieces, used = trial, size
            present += " " + w
            if len(w) >= 2:
                longer.append(w)
            promos += kind == "promotion"
            changes.append(Change(f"补充 {word}", f"来自{_SOURCE_NAMES.get(source, source)}，"
                                  "用满标题字数（T1）"))
            if used >= limit - 1:
                break
        return pieces

    def _candidates(self, ctx: dict, products: list[str], main_cat: str | None
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
            values = value if isinstance(value, list) else _split_words(str(value))
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
                      for w, _v in _best(merged, 60)
                      if any(ord(c) > 0x2e7f for c in w) and not any(c.isdigit() for c in w)
                      and self.reader.word_slot.get(w) != "product"]
            if len(self._kw_cache) < 100_000:
                self._kw_cache[key] = ranked
        yield from ranked

    def _acceptable(self, w: str, kind: str, ctx: dict, main_cat: str | None) -> bool:
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
    def _trim(self, pieces: list[Piece], spaced: bool, changes: list[Change]) -> list[Piece]:
        limit = self.cfg.limit
        if self._measure(_join(pieces, spaced)) <= limit:
            return pieces
        pieces = list(pieces)
        for kind in TRIM_ORDER:
            for i in range(len(pieces) - 1, -1, -1):
                if pieces[i].kind != kind:
                    continue
                gone = pieces.pop(i)
                changes.append(Change(f"删除 {gone.text}", f"标题超过 {limit} 的上限（T1）"))
                if self._measure(_join(pieces, spaced)) <= limit:
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
                    unit = pieces[i] = Piece(_join(parts, False), unit.kind, unit.chunk,
                                             parts)
                    changes.append(Change(f"删除 {gone.text}", f"标题超过 {limit} 的上限（T1）"))
                    if self._measure(_join(pieces, spaced)) <= limit:
                        return pieces
        return pieces

    def _measure(self, text: str) -> int:
        return gbk_len(text) if self.cfg.unit == "gbk" else len(text)

    # -- uniqueness -------------------------------------------------------------------------
    def _make_unique(self, rows: list[RowResult], contexts: list[dict]) -> None:
        """A title identical (after normalisation) to an earlier row's: move one attribute
        piece so the two differ, when the moved title is still clean and stable."""
        from .dedup import key

        seen: dict[str, int] = {}
        for row in rows:
            k = key(row.new)
            if not k:
                continue
            if k not in seen:
                seen[k] = row.index
                continue
            first = seen[k]
            if row.status == "kept":
                row.note = f"与第 {first + 1} 行的标题相同（T5）"
                continue
            reading = self.reader.read(row.new, contexts[row.index])
            units = _units(_pieces(reading, bytearray(len(row.new))))
            spaced = _spaced(row.new)
            for variant in _rotations(units):
                cand = _join(variant, spaced)
                ck = key(cand)
                if ck in seen:
                    continue
                res = next(self.linter.lint_many([(cand, contexts[row.index])],
                                                 keep_reading=True))
                again, _ = self._step(res, contexts[row.index], self._reading_of(res))
                if again != cand or self._refuse(row.before, res):
                    continue
                row.new, row.after, row.status = cand, res, "changed"
                row.changes.append(Change("调整一个属性词的位置",
                                          f"与第 {first + 1} 行的标题完全相同（T5）"))
                k = ck
                break
            else:
                row.note = (f"与第 {first + 1} 行的标题相同：没有可以换位置的属性、风格或卖点词，"
                            "请补充能区分两者的属性（T5）")
            seen.setdefault(k, row.index)


_SOURCE_NAMES = {"brand": "品牌列", "model": "货号列", "attributes": "属性列", "style": "风格列",
                 "selling_points": "卖点列", "promotion": "活动列", "keywords": "关键词文件"}


# -- pieces ----------------------------------------------------------------------------------

def _core_slots(res: Result) -> list[Slot]:
    """Brand, model and product slots a rewrite must keep (not the ones a rule flags)."""
    flagged = [(p.start, p.end) for p in res.problems
               if p.rule in ("ip-risk", "irrelevant-keyword", "repeated-keyword",
                             "brand-overuse")]
    return [s for s in res.slots
            if s.type in CORE and s.confidence >= 0.8 and not s.compat and s.source != "model"
            and not any(a < s.end and s.start < b for a, b in flagged)]


def _pieces(r: Reading, deleted: bytearray) -> list[Piece]:
    """The title's slots and the words between them, in title order, with chunk numbers."""
    raw = r.raw
    pieces: list[Piece] = []
    bounds = None
    if any(s.source == "model" for s in r.slots):
        bounds = {0, len(raw)}
        for t in r.tokens:
            bounds.update(r.raw_span(t.start, t.end))
    # a recogniser span that cuts a word (bjor|g, 荷贝|克) is not moved: it stays in its words
    slots = sorted((s for s in r.slots if s.confidence >= MIN_CONFIDENCE and (
        s.source != "model" or (s.start in bounds and s.end in bounds))),
        key=lambda s: (s.start, -s.end))
    pos = 0
    chunk = [0]
    last_compat_end = -1
    for s in slots:
        if s.start < pos:
            continue
        if pos < s.start:
            _gap_pieces(raw, pos, s.start, deleted, pieces, chunk)
        if deleted.find(1, s.start, s.end) == -1:
            text = raw[s.start:s.end].strip()
        else:
            text = "".join(c for i, c in enumerate(raw[s.start:s.end], s.start)
                           if not deleted[i]).strip()
        if text:
            kind = s.type
            gap = raw[last_compat_end:s.start] if last_compat_end >= 0 else None
            if s.compat or (kind == "model" and gap is not None and not gap.strip()):
                kind = "other"  # 适用于华为 mate60: the phone named is not this item's brand
            if s.compat:
                last_compat_end = s.end
            pieces.append(Piece(text, kind, chunk[0]))
        elif s.end > s.start:
            chunk[0] += 1
        pos = s.end
    _gap_pieces(raw, pos, len(raw), deleted, pieces, chunk)
    return pieces


_SEPARATOR_RE = re.compile("[ \x00" + _SEPARATORS + r"]|(?<![a-z0-9])/|/(?![a-z0-9])",
                           re.IGNORECASE)
_PUNCT_SEPARATOR_RE = re.compile("[" + _SEPARATORS + "]")


def _gap_pieces(raw: str, start: int, end: int, deleted: bytearray, out: list[Piece],
                chunk: list[int]) -> None:
    """The words of ``raw[start:end]`` as pieces; separators and deleted characters end a
    chunk."""
    if deleted.find(1, start, end) != -1:  # a deleted character separates like a space
        raw = "".join("\x00" if deleted[i] else c for i, c in enumerate(raw))
    pos = start
    for m in _SEPARATOR_RE.finditer(raw, start):  # no endpos: lookarounds see past it
        if m.start() >= end:
            break
        if m.start() > pos:
            out.append(Piece(raw[pos:m.start()], "other", chunk[0]))
        chunk[0] += 1
        pos = m.end()
    if pos < end:
        out.append(Piece(raw[pos:end], "other", chunk[0]))


_MOVED = ("brand", "model", "promotion")


def _units(pieces: list[Piece]) -> list[Piece]:
    """Brand, model and promotion pieces stand alone; the other pieces of one chunk form one
    unit (a product unit when it holds a product word), so words written together stay
    together and in their order."""
    units: list[Piece] = []
    chunks: dict[int, list[Piece]] = {}
    for p in pieces:
        if p.kind in _MOVED:
            units.append(p)
        else:
            group = chunks.get(p.chunk)
            if group is None:
                group = chunks[p.chunk] = []
                units.append(Piece("", "chunk", p.chunk))
            group.append(p)
    out: list[Piece] = []
    for u in units:
        if u.kind != "chunk":
            out.append(u)
            continue
        group = chunks[u.chunk]
        kinds = {p.kind for p in group}
        if "product" in kinds:
            kind = "product"
        elif len(kinds) == 1 and kinds <= {"style", "selling_point"}:
            kind = kinds.pop()
        else:
            kind = "attribute"
        out.append(Piece(_join(group, False), kind, u.chunk, group))
    return out


def _inside_word(r: Reading, start: int, end: int) -> bool:
    """Is the raw span next to a lone Chinese character (石膏板|材): a longer word that the
    segmenter split, which deleting the span would leave in pieces?"""
    for t in r.tokens:
        rs, re_ = r.raw_span(t.start, t.end)
        if (re_ == start or rs == end) and len(t.text) == 1 and is_cjk(t.text):
            return True
    return False


def _dedupe(pieces: list[Piece], changes: list[Change]) -> list[Piece]:
    out: list[Piece] = []
    seen: set[str] = set()
    size: dict[int, int] = {}
    chunk_text: dict[int, str] = {}
    for p in pieces:
        size[p.chunk] = size.get(p.chunk, 0) + 1
        chunk_text[p.chunk] = chunk_text.get(p.chunk, "") + _norm(p.text)
    for p in pieces:
        k = _norm(p.text)
        # a repeat goes when it stands alone (or is moved anyway); inside a run of words it
        # may be part of a longer one (蜡烛彩色粗蜡烛盒装)
        alone = p.kind in _MOVED or size[p.chunk] == 1
        if k in seen and alone and (p.kind == "model" or (len(k) >= 2 and not k.isdigit())):
            changes.append(Change(f"删除重复的 {p.text}", "关键词重复（T9）"))
            continue
        # a word standing alone that another group of words already holds (耳机 next to
        # 蓝牙耳机) repeats it too; brand and model stay where they lead the title
        if (alone and p.kind not in ("brand", "model") and len(k) >= 2 and not k.isdigit()
                and any(c != p.chunk and k in t and k != t for c, t in chunk_text.items())):
            changes.append(Change(f"删除重复的 {p.text}", "关键词重复（T9）"))
            continue
        seen.add(k)
        out.append(p)
    return out


def _insert(pieces: list[Piece], new: Piece) -> list[Piece]:
    """``pieces`` with ``new`` at the end of its group."""
    g = GROUP[new.kind]
    at = len(pieces)
    for i, p in enumerate(pieces):
        if GROUP[p.kind] > g:
            at = i
            break
    return pieces[:at] + [new] + pieces[at:]


def _rotations(pieces: list[Piece]) -> Iterable[list[Piece]]:
    """Variants that move the first piece of a group to the group's end (attributes first)."""
    for g in (2, 5, 4):
        at = [i for i, p in enumerate(pieces) if GROUP[p.kind] == g]
        if len(at) < 2:
            continue
        for shift in range(1, len(at)):
            moved = [pieces[at[(k + shift) % len(at)]] for k in range(len(at))]
            out = list(pieces)
            for i, p in zip(at, moved):
                out[i] = p
            yield out


_SPACED_RE = re.compile(r"(?<=[^\x00-\x7f]) (?=.)|(?<=.) (?=[^\x00-\x7f])", re.DOTALL)
_PUNCT_SEPARATOR_RE = re.compile(r"[\t，,、;；|。！？：!?:]")


def _spaced(raw: str) -> bool:
    """Does the title separate its words with spaces (next to a Chinese character)?"""
    return _SPACED_RE.search(raw) is not None


def _join(pieces: list[Piece], spaced: bool) -> str:
    out: list[str] = []
    prev = ""
    for p in pieces:
        t = p.text
        if out and (spaced or (_word_end(prev) and _word_end(t[0]))):
            out.append(" ")
        out.append(t)
        prev = t[-1]
    return "".join(out)


def _word_end(c: str) -> bool:
    return c.isascii() and c.isalnum()


def _split_words(value: str) -> list[str]:
    return [w for w in re.split(r"[\s,，;；/、|]+", value) if w]


@lru_cache(maxsize=1 << 16)
def _word_cost(word: str, unit: str) -> int:
    return gbk_len(word) if unit == "gbk" else len(word)


@lru_cache(maxsize=1 << 16)
def _norm(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower().replace(" ", "")


def summary(rows: Sequence[RowResult]) -> dict[str, Any]:
    """Counts and means of a rewrite, as printed at the end and stored in JSON reports."""
    n = len(rows)
    kept = [r for r in rows if r.status == "kept"]
    reasons: dict[str, int] = {}
    for r in kept:
        if r.reason:
            head = r.reason.split("：", 1)[0]
            reasons[head] = reasons.get(head, 0) + 1
    mean = (lambda xs: round(sum(xs) / n, 2) if n else 0.0)
    return {
        "rows": n,
        "changed": sum(r.status == "changed" for r in rows),
        "unchanged": sum(r.status == "unchanged" for r in rows),
        "kept": len(kept),
        "kept_reasons": dict(sorted(reasons.items(), key=lambda kv: -kv[1])),
        "mean_score_before": mean([r.before.score for r in rows]),
        "mean_score_after": mean([r.after.score for r in rows]),
        "mean_bytes_before": mean([r.before.bytes for r in rows]),
        "mean_bytes_after": mean([r.after.bytes for r in rows]),
        "identical_to_earlier_row": sum(bool(r.note) for r in rows),
        "with_error_before": sum(_has_error(r.before) for r in rows),
        "with_error_after": sum(_has_error(r.after) for r in rows),
    }


def _has_error(res: Result) -> bool:
    return res.worst == "error"

