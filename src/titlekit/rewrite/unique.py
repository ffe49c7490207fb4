"""Titles identical to an earlier row's: made distinct by moving one whole segment when the moved
title is still clean, stable and keeps every invariant (playbook T5)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..dedup.keys import key
from . import segments as sg
from .report import Change, RowResult

if TYPE_CHECKING:
    from .rewriter import Rewriter


def make_unique(rw: Rewriter, rows: list[RowResult], contexts: list[dict]) -> None:
    """A title identical (after normalisation) to an earlier row's: move one segment so the
    two differ, when the moved title is still clean, stable and checked."""
    seen: dict[str, int] = {}
    for row in rows:
        k = key(row.new)
        if not k:
            continue
        if k not in seen:
            seen[k] = row.index
            continue
        first = seen[k]
        if row.status in ("kept", "review"):
            row.note = f"与第 {first + 1} 行的标题相同（T5）"
            continue
        reading = rw.reader.read(row.new, contexts[row.index])
        segs = sg.split(reading, bytearray(len(row.new)))
        old_reading = None
        for variant in sg.rotations(segs):
            cand = sg.join(row.new, variant)
            ck_ = key(cand)
            if ck_ in seen:
                continue
            res = next(rw.linter.lint_many([(cand, contexts[row.index])],
                                             keep_reading=True))
            again, _, _ = rw._step(res, contexts[row.index], rw._reading_of(res))
            if again != cand or rw._refuse(row.before, res):
                continue
            if old_reading is None:
                old_reading = rw.reader.read(row.old, contexts[row.index])
            if rw.violations(row.old, cand, old_reading, bytearray(len(row.old)),
                             {c.what[3:] for c in row.changes if c.what.startswith("补充 ")}):
                continue
            # moving a segment only to differ is no better title: a person decides
            row.new, row.after, row.status = cand, res, "review"
            row.changes.append(Change("调整一个词段的位置",
                                      f"与第 {first + 1} 行的标题完全相同（T5）"))
            row.reason = f"只为与第 {first + 1} 行区分而移动了一个词段，请确认"
            k = ck_
            break
        else:
            row.note = (f"与第 {first + 1} 行的标题相同：没有可以换位置的词段，"
                        "请补充能区分两者的属性（T5）")
        seen.setdefault(k, row.index)
