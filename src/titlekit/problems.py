"""What a lint produces: fixes, problems, a title's result and its score.

A :class:`Fix` replaces one span of the title as written. Its applicability says who may
apply it: ``safe`` fixes (remove a bracket but keep its words, drop a decorative symbol or a
repeated whole word) are applied by ``titlekit lint --fix``; ``unsafe`` ones (delete a spam
word, an absolute term, an IP-risk phrase, a surplus promotion word) change what the title
says and are applied only by ``titlekit rewrite``, which checks the result as a whole.

Score: a title starts at 100 and each problem costs what its rule says (``Rule.cost``; by
severity, error 20, warning 8, info 2, where a rule says nothing); one rule costs at most twice
its single cost however often it fires, and the score never goes below 0.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import accumulate
from typing import Any

SEVERITIES = ("info", "warning", "error")
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}
COSTS = {"error": 20, "warning": 8, "info": 2}
MAX_HITS_COSTED = 2
APPLICABILITIES = ("safe", "unsafe")


@dataclass(frozen=True, slots=True)
class Fix:
    start: int
    end: int
    replacement: str
    applicability: str = "safe"
    note: str = ""  # what the edit does, for a rewrite's list of changes (去掉括号 【爆款】)

    def __reduce__(self):  # pickled as its fields: quicker to send to and from workers
        return (Fix, (self.start, self.end, self.replacement, self.applicability, self.note))

    @property
    def safe(self) -> bool:
        return self.applicability == "safe"

    def to_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "replacement": self.replacement,
                "applicability": self.applicability}


@dataclass(slots=True)
class Problem:
    rule: str
    code: str
    severity: str
    start: int
    end: int
    message: str
    fix: Fix | None = None
    data: dict | None = None
    line: int | None = None  # file line of a listing field; None: the title's line
    cost: float | None = None  # points it takes off the score (None: by severity)

    def __reduce__(self):  # pickled as its fields: quicker to send to and from workers
        return (Problem, (self.rule, self.code, self.severity, self.start, self.end,
                          self.message, self.fix, self.data, self.line, self.cost))

    def to_dict(self) -> dict:
        d = {
            "rule": self.rule,
            "code": self.code,
            "severity": self.severity,
            "start": self.start,
            "end": self.end,
            "message": self.message,
            "fix": self.fix.to_dict() if self.fix else None,
        }
        if self.line is not None:
            d["line"] = self.line
        if self.data:
            d["data"] = self.data
        return d


@dataclass
class Result:
    title: str
    score: int
    bytes: int
    limit: int
    unit: str
    slots: list[Any]
    problems: list[Problem]
    path: str | None = None
    line: int | None = None
    fixed: str | None = None
    extra: dict = field(default_factory=dict)
    reading: Any = field(default=None, repr=False, compare=False)  # kept on request only

    @property
    def worst(self) -> str | None:
        if not self.problems:
            return None
        return max((p.severity for p in self.problems), key=SEVERITY_RANK.__getitem__)

    def rescore(self) -> None:
        """Sort the problems (by line, then position and code) and score them again."""
        self.problems.sort(key=lambda p: (p.line or self.line or 0, p.start, p.end, p.code))
        self.score = score(self.problems)

    def to_dict(self) -> dict:
        d = {
            "path": self.path,
            "line": self.line,
            "title": self.title,
            "score": self.score,
            "bytes": self.bytes,
            "limit": self.limit,
            "unit": self.unit,
            "slots": [s.to_dict() for s in self.slots],
            "problems": [p.to_dict() for p in self.problems],
        }
        if self.fixed is not None:
            d["fixed"] = self.fixed
        d.update(self.extra)
        return d


def score(problems: Iterable[Problem]) -> int:
    """100 less what the problems cost: each costs its rule's cost (what gets a listing
    penalised most, cosmetic and optional things least), one rule at most twice its cost."""
    per_rule: dict[str, float] = {}
    for p in problems:
        cost = COSTS[p.severity] if p.cost is None else p.cost
        per_rule[p.rule] = min(per_rule.get(p.rule, 0) + cost, cost * MAX_HITS_COSTED)
    return max(0, round(100 - sum(per_rule.values())))


def worst_rank(problems: Iterable[Problem]) -> int:
    """The rank of the most severe problem (-1 for none)."""
    return max((SEVERITY_RANK[p.severity] for p in problems), default=-1)


def apply_fixes(title: str, fixes: Iterable[Fix]) -> str:
    """Apply non-overlapping fixes (earliest wins), then tidy spaces."""
    chosen: list[Fix] = []
    for f in sorted(fixes, key=lambda f: (f.start, f.end)):
        if chosen and f.start < chosen[-1].end:
            continue
        chosen.append(f)
    out = title
    for f in reversed(chosen):
        out = out[: f.start] + f.replacement + out[f.end :]
    return " ".join(out.split()) if out != title else out


_KEPT = ("brand", "model", "product")


def keep_slots(title: str, slots, fixes: list) -> list:
    """The ``fixes`` that keep the text of every brand, model and product slot in the title:
    a fix that deletes a character of such a slot is left out, unless its replacement keeps
    the slot's characters (removing the brackets around a word) or the same word stays
    elsewhere in the title (a repeated keyword)."""
    core = sorted((s for s in slots if s.type in _KEPT and s.start < s.end),
                  key=lambda s: s.start)
    if not core:
        return fixes
    starts = [s.start for s in core]
    reach = list(accumulate((s.end for s in core), max))  # bisect, not a walk per fix

    def near(f) -> list:
        out, j = [], bisect_left(starts, max(f.end, f.start + 1)) - 1
        while j >= 0 and reach[j] > f.start - (f.start == f.end):
            out.append(core[j])
            j -= 1
        return out

    touched = False
    out = []
    for f in fixes:
        hit = [s for s in near(f) if _cuts(title, s, f)]
        touched = touched or bool(hit)
        if any(s.text not in title[:f.start] + f.replacement + title[f.end:] for s in hit):
            continue
        out.append(f)
    if touched:  # several fixes together may still take the last copy of a word
        new = apply_fixes(title, out)
        texts = {s.text for s in core}
        gone = {t for t in texts if t not in new}
        lost = [s for s in core if s.text in gone]
        if lost:
            lost_ids = {id(s) for s in lost}
            out = [f for f in out if not any(id(s) in lost_ids and _cuts(title, s, f)
                                             for s in near(f))]
    return out


def _cuts(title: str, slot, fix) -> bool:
    """Whether ``fix`` deletes or splits characters of ``slot``."""
    if fix.start == fix.end:  # an insertion splits the slot when it falls inside it
        return slot.start < fix.start < slot.end
    if not (slot.start < fix.end and fix.start < slot.end):
        return False
    inside = title[max(slot.start, fix.start):min(slot.end, fix.end)]
    return inside not in fix.replacement
