"""Titles identical to an earlier row's (playbook T5) are reported, not moved around.

Moving a word only to make two titles differ makes neither better, and a segment the reading
does not know the extent of (``force,gauge``) may be a name: the report's note names the
earlier row, and the seller adds an attribute that tells the two apart.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..dedup.keys import key
from .report import RowResult

if TYPE_CHECKING:
    from .rewriter import Rewriter


def make_unique(rw: Rewriter, rows: list[RowResult], contexts: list[dict]) -> None:
    """Note every title identical (after normalisation) to an earlier row's."""
    seen: dict[str, int] = {}
    for row in rows:
        k = key(row.new)
        if not k:
            continue
        if k not in seen:
            seen[k] = row.index
            continue
        row.note = (f"与第 {seen[k] + 1} 行的标题相同：请补充能区分两者的属性（T5）")
