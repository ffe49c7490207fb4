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

from collections.abc import Callable, Sequence

from ..dedup.index import Index
from ..linting.duplicates import competitor_problem
from ..linting.linter import Linter, batch_gc
from ..problems import Result, score
from ..reading.types import Reading
from ..rules.duplicates import COMPETITOR
from . import pieces as pc
from .keywords import Keywords
from .report import Change, RowResult
from .steps import Editor
from .unique import make_unique

MAX_ROUNDS = 4


# -- the rewriter --------------------------------------------------------------------------

class Rewriter:
    """Rewrites titles with one configuration; reuse one instance for a whole catalog."""

    def __init__(self, linter: Linter, *, keywords: Keywords | None = None,
                 competitors: Index | None = None) -> None:
        self.linter = linter
        self.cfg = linter.config
        self.reader = linter.reader
        self.keywords = keywords
        self.competitors = competitors
        self.editor = Editor(linter, keywords)
        self.active = {rule.name for rule, _s, _o in linter.active}
        self.expendable = {rule.name for rule, _s, _o in linter.active if rule.expendable}
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
        make_unique(self, rows, contexts)
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
        if COMPETITOR.name not in self.active:
            return
        index = self.competitors
        for r in rows:
            for res in (r.before, r.after) if r.status == "changed" else (r.before,):
                j = self._identical(res.title)
                if j < 0:
                    continue
                other = index.title(j)
                res.problems.append(competitor_problem(res.title, other, 1.0, True,
                                                       index.where(j), "error"))
                res.score = score(res.problems)
            if r.status == "changed" and any(p.rule == COMPETITOR.name
                                             for p in r.after.problems):
                msg = next(p.message for p in r.after.problems if p.rule == COMPETITOR.name)
                r.new, r.after, r.status, r.changes = r.old, r.before, "kept", []
                r.reason = f"改写后仍有错误（{COMPETITOR.name}）：{msg}"
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
        text = pc.norm(after.title)
        for s in pc.core_slots(before, self.expendable):
            if pc.norm(s.text) not in text:
                kind = {"brand": "品牌", "model": "型号", "product": "产品词"}[s.type]
                return f"改写会丢失{kind}“{s.text}”，保留原标题"
        return ""

    # -- one step ---------------------------------------------------------------------------
    def _step(self, res: Result, ctx: dict, reading: Reading) -> tuple[str, list[Change]]:
        raw = res.title
        if not raw.strip():
            return raw, []
        changes: list[Change] = []
        ed = self.editor
        deleted = ed.deletions(res, reading, changes)
        pieces = pc.dedupe(pc.pieces(reading, deleted), changes)
        units = pc.units(pieces)
        ordered = sorted(units, key=lambda p: pc.GROUP[p.kind])
        if [p.text for p in ordered] != [p.text for p in units]:
            changes.append(Change("调整词序", "品牌 + 货号 + 属性与产品词 + 风格 + 卖点 + 活动（T2）"))
        spaced = pc.spaced(raw) or pc.PUNCT_SEPARATOR_RE.search(raw) is not None
        ordered = ed.fill(ordered, ctx, reading, spaced, changes)
        ordered = ed.trim(ordered, spaced, changes)
        new = pc.join(ordered, spaced)
        if self.competitors is not None and new != raw and self._identical(new) >= 0:
            moved = next(iter(pc.rotations(ordered)), None)
            if moved is not None:
                new = pc.join(moved, spaced)
                changes.append(Change("移动一个属性词", "与竞品标题完全相同（T4）"))
        return new, changes

