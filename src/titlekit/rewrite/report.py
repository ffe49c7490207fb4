"""What a rewrite reports: the changes made to each row, why a row was kept, and the summary;
written as JSON or as CSV that Excel opens."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..formats.document import atomic_write
from ..problems import Result


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
    status: str  # changed | review (written only when asked) | unchanged | kept
    before: Result
    after: Result
    changes: list[Change] = field(default_factory=list)
    reason: str = ""  # why a row was kept as it was, or why its change is for review
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
            "errors_before": sorted({p.rule for p in self.before.problems
                                     if p.severity == "error"}),
            "errors_after": sorted({p.rule for p in self.after.problems
                                    if p.severity == "error"}),
        }


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
        "review": sum(r.status == "review" for r in rows),
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


def write_report(path: str, rows: Sequence[RowResult]) -> None:
    """The per-row report: JSON for a ``.json`` path, else CSV (UTF-8 with BOM)."""
    atomic_write(Path(path), report_bytes(path, rows))


def report_bytes(path: str, rows: Sequence[RowResult]) -> bytes:
    """The bytes :func:`write_report` writes to ``path``."""
    if path.lower().endswith(".json"):
        data = {"summary": summary(rows), "rows": [r.to_dict() for r in rows]}
        # no indent: the C encoder is several times faster on a big catalog
        return (json.dumps(data, ensure_ascii=False) + "\n").encode("utf-8", "surrogateescape")
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(["row", "line", "status", "old_title", "new_title", "score_before",
                "score_after", "bytes_before", "bytes_after", "changes", "reason", "note"])
    for r in rows:
        w.writerow([r.index + 1, r.line or "", r.status, r.old, r.new, r.before.score,
                    r.after.score, r.before.bytes, r.after.bytes,
                    "；".join(str(c) for c in r.changes), r.reason, r.note])
    return buf.getvalue().encode("utf-8-sig", "surrogateescape")  # Excel opens it as UTF-8


def new_errors(before: Result, after: Result) -> list:
    """The errors of ``after`` that ``before`` did not have (by rule, counted): a rewrite may
    leave an error of the old title it cannot mend, never add one."""
    had: dict[str, int] = {}
    for p in before.problems:
        if p.severity == "error":
            had[p.rule] = had.get(p.rule, 0) + 1
    out = []
    for p in after.problems:
        if p.severity == "error":
            if had.get(p.rule, 0) > 0:
                had[p.rule] -= 1
            else:
                out.append(p)
    return out
