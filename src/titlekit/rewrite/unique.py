"""Titles identical to an earlier row's: made distinct by moving one attribute, style or
selling-point unit when the moved title is still clean and stable (playbook T5)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..dedup.keys import key
from . import pieces as pc
from .report import Change, RowResult

if TYPE_CHECKING:
    from .rewriter import Rewriter


def make_unique(rw: Rewriter, rows: list[RowResult], contexts: list[dict]) -> None:
    """A title identical (after normalisation) to an earlier row's: move one attribute
    piece so the two differ, when the moved title is still clean and stable."""
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
        reading = rw.reader.read(row.new, contexts[row.index])
        units = pc.units(pc.pieces(reading, bytearray(len(row.new))))
        spaced = pc.spaced(row.new)
        for variant in pc.rotations(units):
            cand = pc.join(variant, spaced)
            ck = key(cand)
            if ck in seen:
                continue
            res = next(rw.linter.lint_many([(cand, contexts[row.index])],
                                             keep_reading=True))
            again, _ = rw._step(res, contexts[row.index], rw._reading_of(res))
            if again != cand or rw._refuse(row.before, res):
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
