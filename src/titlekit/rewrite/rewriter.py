"""Catalog rewrite: rule-clean, full, unique titles an operator can publish unread.

One row goes through these steps, all computed from one reading of its title:

1. **clean**: delete what the rules' fixes remove (bracket characters, decorative symbols,
   spam and absolute terms, IP-risk phrases, product words of another category, promotion words
   past the allowance, repeats); a removed character separates like a space.
2. **split** the title into segments (the runs between spaces, punctuation and removed
   characters); a segment written again whole goes.
3. **order**: only whole segments move, and only two kinds of move: a segment that is the brand
   (with its alias) goes first, and a leading run of pack sizes, numbers, single characters,
   selling points or promotion words goes to the end. Everything else keeps the seller's order.
4. **fill** toward the limit: the declared brand and model when missing, the row's own columns
   (attributes, style, selling points, promotion), then keyword-file terms that are synonyms of
   a product word the title names (nothing that states something new; ``allow_claims`` lets
   other words of relevant terms in, and the row goes to review).
5. **trim** a title over the limit by whole segments from the end; brand, model and product
   word stay.

The steps are repeated on their own output until nothing changes (at most :data:`MAX_ROUNDS`
rounds), so rewriting a rewritten catalog changes nothing. The result is then checked against
the old title by :func:`titlekit.rewrite.check.check`; a row that breaks an invariant falls back
to the old title with only the forbidden parts removed (checked too). A result that still has
an error-level problem, loses a brand, model or product word, or scores lower than the original
is not used: the row keeps its title and the report says why. A change the reading is unsure of
(a brand of low confidence moved, a word it read as a brand or product word deleted, a word
added with ``allow_claims``) gets status ``review``: it is in the report, and written only with
``apply_review``. Titles identical to a competitor's (after normalisation) or to an earlier
row's are made distinct by moving one segment, never by adding words.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..dedup.index import Index
from ..linting.duplicates import competitor_problem
from ..linting.linter import Linter, batch_gc
from ..problems import Result, score
from ..reading.types import Reading
from ..rules.duplicates import COMPETITOR
from . import check as ck
from . import pieces as pc
from . import segments as sg
from .keywords import Keywords
from .parallel import blocks
from .report import Change, RowResult, new_errors
from .steps import Editor
from .unique import make_unique

MAX_ROUNDS = 4
BLOCK = 2048  # rows rewritten together: the recogniser's batch, a worker's share


# -- the rewriter --------------------------------------------------------------------------

class Rewriter:
    """Rewrites titles with one configuration; reuse one instance for a whole catalog."""

    def __init__(self, linter: Linter, *, keywords: Keywords | None = None,
                 competitors: Index | None = None, allow_claims: bool = False) -> None:
        self.linter = linter
        self.cfg = linter.config
        self.reader = linter.reader
        self.keywords = keywords
        self.competitors = competitors
        self.editor = Editor(linter, keywords, allow_claims=allow_claims)
        self.active = {rule.name for rule, _s, _o in linter.active}
        self.expendable = {rule.name for rule, _s, _o in linter.active if rule.expendable}
        self._ident: dict[str, int] = {}
        if keywords is not None and keywords.volume is None:
            keywords.index(self.reader)

    # -- the public entry point --------------------------------------------------------------
    def rewrite(self, items: Sequence[tuple[str, dict | None]], *,
                lines: Sequence[int | None] | None = None,
                progress: Callable[[int], None] | None = None,
                block: int | None = None, jobs: int = 1) -> list[RowResult]:
        """Rewrite every (title, context) row; results are in input order. ``progress`` is
        called with the number of rows done since the last call; ``jobs`` worker processes
        rewrite blocks of ``block`` rows (default :data:`BLOCK`): the same titles, statuses,
        changes and problems, the results' ``slots`` empty (see :mod:`.parallel`)."""
        contexts = [dict(c or {}) for _, c in items]
        rows: list[RowResult] = []
        with batch_gc():
            for done in blocks(self, items, contexts, lines, block or BLOCK, jobs, progress):
                rows.extend(done)
        make_unique(self, rows, contexts)
        return rows

    def rewrite_block(self, items: Sequence[tuple[str, dict | None]], contexts: list[dict],
                      lines: Sequence[int | None] | None, start: int, stop: int
                      ) -> list[RowResult]:
        """The results of rows ``start`` to ``stop``: each row on its own (and against the
        competitors), nothing else read."""
        rows = self._rewrite_block(items[start:stop], contexts[start:stop], start,
                                   lines[start:stop] if lines else None)
        if self.competitors is not None:
            self._competitor_problems(rows)
        return rows

    def _rewrite_block(self, items: Sequence[tuple[str, dict | None]], contexts: list[dict],
                       offset: int, lines: Sequence[int | None] | None) -> list[RowResult]:
        n = len(items)
        before = list(self.linter.lint_many(items, keep_reading=True))
        readings = [self._reading_of(res) for res in before]
        final: list[Result | None] = [None] * n
        changes: list[list[Change]] = [[] for _ in range(n)]
        added: list[set[str]] = [set() for _ in range(n)]
        unsure: list[list[str]] = [[] for _ in range(n)]
        removed: list[bytearray] = [bytearray()] * n  # what the first round removes
        current: dict[int, Result] = dict(enumerate(before))
        reasons: dict[int, str] = {}
        for rnd in range(MAX_ROUNDS + 1):
            proposals: dict[int, str] = {}
            for i, res in current.items():
                reading = readings[i] if rnd == 0 else self._reading_of(res)
                new, ch, deleted = self._step(res, contexts[i], reading, added[i], unsure[i])
                if rnd == 0:
                    removed[i] = deleted
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
        # the invariants, checked on every changed row; a row that breaks one falls back to
        # the old title with only the forbidden parts removed
        fallback: dict[int, str] = {}
        notes: dict[int, str] = {}
        for i in range(n):
            after = final[i]
            if after is None or reasons.get(i) or after.title == items[i][0]:
                continue
            viol = self.violations(items[i][0], after.title, readings[i], removed[i],
                                   added[i] | self.editor.row_words(contexts[i]))
            if viol:
                notes[i] = "；".join(sorted({v.message for v in viol}))
                fb = sg.join(items[i][0], sg.split(readings[i], removed[i]))
                fallback[i] = fb
        if fallback:
            keys = sorted(fallback)
            for i, res in zip(keys, self.linter.lint_many(
                    (fallback[i], contexts[i]) for i in keys)):
                old = items[i][0]
                if res.title == old or self.violations(old, res.title, readings[i],
                                                       removed[i], ()):
                    final[i] = before[i]
                    changes[i] = []
                else:
                    final[i] = res
                    changes[i] = [c for c in changes[i] if c.what.startswith(("删除", "去掉"))
                                  and "上限" not in c.why]
                unsure[i] = []
        rows: list[RowResult] = []
        for i in range(n):
            old = items[i][0]
            after = final[i]
            line = lines[i] if lines else None
            reason = reasons.get(i, "")
            if after is not None and not reason:
                reason = self._refuse(before[i], after)
            # an error of the old title that no rewrite can mend (no product word to write,
            # an item the title says is a copy) is left for a person
            left = [p for p in after.problems if p.severity == "error"] if after else []
            if after is not None and not reason and left and after.title == old:
                reason = "改写后仍有错误（{}）：{}".format(
                    "、".join(sorted({p.rule for p in left})), left[0].message)
            if after is None or reason:
                rows.append(RowResult(offset + i, line, old, old, "kept", before[i], before[i],
                                      [], reason))
                continue
            status = "unchanged" if after.title == old else "changed"
            why = ""
            if status == "changed" and i in notes:
                why = f"改写未通过检查（{notes[i]}），只删除了违规部分"
            if status == "changed" and left:
                unsure[i].append("原标题的错误改写后仍在（{}）：{}".format(
                    "、".join(sorted({p.rule for p in left})), left[0].message))
            if status == "changed" and unsure[i]:
                status = "review"
                why = "；".join(dict.fromkeys(unsure[i]))
            rows.append(RowResult(offset + i, line, old, after.title, status, before[i], after,
                                  changes[i] if status != "unchanged" else [], why))
        return rows

    def violations(self, old: str, new: str, reading: Reading, removed: bytearray,
                   added) -> list[ck.Violation]:
        """:func:`check.check` with this rewrite's limit and unit."""
        return ck.check(old, new, reading, removed=ck.gone(removed), added=added,
                        limit=self.cfg.limit, measure=self.cfg.spec.measure)

    def _competitor_problems(self, rows: list[RowResult]) -> None:
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
        errors = new_errors(before, after)
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
    def _step(self, res: Result, ctx: dict, reading: Reading, added: set[str] | None = None,
              unsure: list[str] | None = None) -> tuple[str, list[Change], bytearray]:
        """One round: the new title, its changes and what it removed from ``res.title``."""
        raw = res.title
        added = set() if added is None else added
        unsure = [] if unsure is None else unsure
        if not raw.strip():
            return raw, [], bytearray(len(raw))
        changes: list[Change] = []
        ed = self.editor
        deleted = ed.deletions(res, reading, changes)
        segs = first = sg.split(reading, deleted)
        segs = sg.dedupe(segs, deleted, changes, reading)
        segs = sg.order(segs, reading, changes, unsure)
        new = sg.join(raw, segs)
        filled = ed.fill(segs, ctx, reading, changes, added, unsure, new)
        if filled is not segs:
            segs, new = filled, sg.join(raw, filled)
        if ed.measure(new) > self.cfg.limit:
            segs = ed.trim(segs, reading, changes)
            new = sg.join(raw, segs)
        if new != raw:
            unsure.extend(sg.doubts(reading, deleted, segs))
        if new != raw:
            text = ck.norm(new)
            for s in ck.core_slots(reading):
                if any(deleted[s.start:s.end]) and ck.norm(s.text) not in text:
                    unsure.append(f"删除了读作{_KIND.get(s.type, s.type)}的“{s.text}”")
        if self.competitors is not None and self._identical(new) >= 0:
            moved = next(iter(sg.rotations(segs)), None)
            if moved is not None:
                new, segs = sg.join(raw, moved), moved
                changes.append(Change("移动一个词段", "与竞品标题完全相同（T4）"))
        if new != raw:
            gone = sg.dropped_separators(raw, first, segs, deleted)
            if gone:
                changes.append(Change(f"删除分隔符 {gone}", "词段之间只留一个分隔符或空格，"
                                      "开头和结尾不留"))
        return new, changes, deleted


_KIND = {"brand": "品牌", "line": "产品系列", "model": "型号", "product": "产品词"}

