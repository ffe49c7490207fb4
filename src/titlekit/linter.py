"""Linting: run the active rules over a title's reading, score it, apply safe fixes.

Score: a title starts at 100 and each problem costs by severity (error 20, warning 8, info 2);
one rule costs at most twice its single cost however often it fires, and the score never goes
below 0. A missing slot costs what its ``missing-*`` problem costs. Fixes follow the autocorrect
model: a fix is a replacement of a span; the fixed title is linted again until nothing changes
(at most ``fix-passes`` passes).
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from .config import Config, rule_matches
from .rules import REGISTRY, Env, Fix, Rule
from .slots import Reader, Slot, get_reader
from .text import gbk_len

COSTS = {"error": 20, "warning": 8, "info": 2}
MAX_HITS_COSTED = 2
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


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
    slots: list[Slot]
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
    per_rule: dict[str, int] = {}
    for p in problems:
        cost = COSTS[p.severity]
        per_rule[p.rule] = min(per_rule.get(p.rule, 0) + cost, cost * MAX_HITS_COSTED)
    return max(0, 100 - sum(per_rule.values()))


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


class Linter:
    """Lints titles with one configuration; reuse one instance for many titles."""

    def __init__(self, config: Config | None = None) -> None:
        self.config = config or Config()
        self.reader: Reader = get_reader(self.config.extra_lexicons, self.config.segmenter,
                                        self.config.recogniser)
        self.env = Env(self.reader, self.config.allow)
        self.active: list[tuple[Rule, str, dict]] = []
        for rule in REGISTRY:
            if not self.enabled(rule.name, rule.code):
                continue
            opts = dict(rule.options)
            user = self.config.rule_options.get(rule.name, {})
            opts.update({k: v for k, v in user.items() if k != "severity"})
            opts["limit"], opts["unit"] = self.config.limit, self.config.unit
            self.active.append((rule, user.get("severity", rule.severity), opts))
        self.per_title = [a for a in self.active if a[0].per_title]
        self._checks = [(rule.check, rule.name, rule.code, severity, opts)
                        for rule, severity, opts in self.per_title]

    def enabled(self, name: str, code: str) -> bool:
        cfg = self.config
        if not any(rule_matches(s, name, code) for s in cfg.select):
            return False
        return not any(rule_matches(s, name, code) for s in cfg.ignore)

    def _context(self, context: dict | None) -> dict:
        ctx = dict(context or {})
        if self.config.unbranded and "unbranded" not in ctx:
            ctx["unbranded"] = True
        return ctx

    def lint(self, title: str, context: dict | None = None, *, path: str | None = None,
             line: int | None = None) -> Result:
        return self._lint_reading(self.reader.read(title, self._context(context)), path, line)

    def _lint_reading(self, reading, path: str | None = None, line: int | None = None) -> Result:
        title = reading.raw
        problems: list[Problem] = []
        env = self.env
        for check, name, code, severity, opts in self._checks:
            for hit in check(reading, opts, env):
                problems.append(Problem(name, code, severity, hit.start, hit.end,
                                        hit.message, hit.fix, hit.data))
        problems.sort(key=lambda p: (p.start, p.end, p.code))
        n = gbk_len(title) if self.config.unit == "gbk" else len(title)
        return Result(title, score(problems), n, self.config.limit, self.config.unit,
                      reading.slots, problems, path, line)

    def fix(self, title: str, context: dict | None = None) -> tuple[str, Result]:
        """Apply safe fixes until stable; returns the new title and its lint result."""
        result = self.lint(title, context)
        current = title
        for _ in range(max(1, self.config.fix_passes)):
            fixes = [p.fix for p in result.problems if p.fix is not None]
            if not fixes:
                break
            new = apply_fixes(current, fixes)
            if new == current:
                break
            current = new
            result = self.lint(current, context)
        return current, result

    def add_listing_problems(self, result: Result, listing, schema_errors=()) -> Result:
        """Add the whole-listing problems of ``listing`` (a :class:`titlekit.listing.Listing`)
        to ``result``, at the configured severities, and rescore it."""
        from .rules.listing import listing_problems

        active = {rule.name: severity for rule, severity, _ in self.active}
        for p in listing_problems(listing, list(schema_errors)):
            if p.rule in active:
                p.severity = active[p.rule]
                result.problems.append(p)
        result.problems.sort(key=lambda p: (p.line or result.line or 0, p.start, p.end, p.code))
        result.score = score(result.problems)
        return result

    def lint_listing(self, listing, schema_errors=()) -> Result:
        """Lint a listing: its title (if it has a valid one) and its whole-listing rules."""
        title = listing.data.get("title")
        has_title = isinstance(title, str) and title.strip()
        res = self.lint(title if has_title else "", listing.context(), path=listing.path,
                        line=listing.line)
        if not has_title:
            res.problems = []
        return self.add_listing_problems(res, listing, schema_errors)

    def lint_many(self, items: Iterable[tuple[str, dict | None]], batch: int = 512, *,
                  keep_reading: bool = False) -> Iterator[Result]:
        """Lint many titles; much faster than :meth:`lint` one by one (the recogniser scores
        a batch of titles at once). ``keep_reading`` keeps each title's reading on its result
        (``Result.reading``) for callers that work on it further."""
        chunk: list[tuple[str, dict | None]] = []
        with batch_gc():
            for title, ctx in items:
                chunk.append((title, self._context(ctx)))
                if len(chunk) >= batch:
                    yield from self._lint_chunk(chunk, keep_reading)
                    chunk = []
            if chunk:
                yield from self._lint_chunk(chunk, keep_reading)

    def _lint_chunk(self, chunk: list[tuple[str, dict | None]], keep: bool) -> Iterator[Result]:
        for reading in self.reader.read_many(chunk):
            res = self._lint_reading(reading)
            if keep:
                res.reading = reading
            yield res


@contextmanager
def batch_gc() -> Iterator[None]:
    """Run the cyclic garbage collector less often while many titles are read.

    Reading a title allocates many small objects and keeps few; with CPython's default
    thresholds the collector then walks every live object (all results so far) again and again,
    which costs about a third of the time of a large batch. Reference counting still frees
    everything at once; only the search for reference cycles runs less often. The previous
    thresholds come back afterwards.
    """
    old = gc.get_threshold()
    gc.set_threshold(max(old[0], 50_000), max(old[1], 50), max(old[2], 100))
    try:
        yield
    finally:
        gc.set_threshold(*old)


@lru_cache(maxsize=4)
def _default_linter() -> Linter:
    return Linter()


def lint(title: str, config: Config | None = None, **context: object) -> Result:
    """Lint one title. ``context`` may give ``brand``, ``model``, ``category``, ``unbranded``."""
    linter = _default_linter() if config is None else Linter(config)
    return linter.lint(title, {k: v for k, v in context.items() if v is not None})


def fix(title: str, config: Config | None = None, **context: object) -> str:
    """The title with every safe fix applied."""
    linter = _default_linter() if config is None else Linter(config)
    return linter.fix(title, {k: v for k, v in context.items() if v is not None})[0]
