"""Linting: run the active rules over a title's reading, score it, apply safe fixes.

Fixes follow the autocorrect model: a fix is a replacement of a span; the fixed title is linted
again until nothing changes (at most ``fix-passes`` passes). Only safe fixes are applied here;
the rewrite applies unsafe ones too. Scores are computed by :func:`titlekit.problems.score`.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache

from ..config import Config
from ..problems import Problem, Result, apply_fixes, keep_slots, score
from ..reading.reader import Reader, get_reader
from ..rules import REGISTRY, Env, Rule, rule_matches
from ..rules.listing import listing_problems


class Linter:
    """Lints titles with one configuration; reuse one instance for many titles."""

    def __init__(self, config: Config | None = None) -> None:
        self.config = config or Config()
        self.reader: Reader = get_reader(self.config.extra_lexicons, self.config.segmenter,
                                        self.config.recogniser)
        self.env = Env(self.reader, self.config.allow, self.config.spec)
        self.active: list[tuple[Rule, str, dict]] = []
        for rule in REGISTRY:
            if not self.enabled(rule.name, rule.code):
                continue
            opts = rule.defaults()
            user = self.config.rule_options.get(rule.name, {})
            opts.update({k: v for k, v in user.items() if k != "severity"})
            self.active.append((rule, user.get("severity", rule.severity), opts))
        self.per_title = [a for a in self.active if a[0].per_title]
        self._active_by_name = {a[0].name: a for a in self.active}
        self._checks = [(rule, rule.check, severity, opts)
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
        checks = self._checks
        if not title.strip():  # an empty title has one problem: it is empty
            checks = [c for c in checks if c[0].on_empty]
        add = problems.append
        for rule, check, severity, opts in checks:
            for hit in check(reading, opts, env):
                add(rule.problem(hit.start, hit.end, hit.message, severity=severity,
                                 fix=hit.fix, data=hit.data, cost=hit.cost))
        problems.sort(key=lambda p: (p.start, p.end, p.code))
        spec = self.config.spec
        return Result(title, score(problems), spec.measure(title), spec.limit, spec.unit,
                      reading.slots, problems, path, line)

    def active_rule(self, name: str) -> tuple[Rule, str, dict] | None:
        """The active rule of this name with its configured severity and options."""
        return self._active_by_name.get(name)

    def fix(self, title: str, context: dict | None = None) -> tuple[str, Result]:
        """Apply safe fixes until stable; returns the new title and its lint result.

        A fix that would delete a character of a brand, model or product word the reading
        found (a symbol the recogniser took into a brand, say) is not applied: fixing never
        costs the title a slot it had."""
        result = self.lint(title, context)
        current = title
        passes = 0
        while True:
            fixes = [p.fix for p in result.problems if p.fix is not None and p.fix.safe]
            fixes = keep_slots(current, result.slots, fixes)
            if not fixes:
                break
            new = apply_fixes(current, fixes)
            passes += 1
            # past fix-passes, go on only while the title gets shorter (so it ends): a title
            # of a word repeated a hundred times loses its repeats a few at a time
            if new == current or (passes > max(1, self.config.fix_passes)
                                  and len(new) >= len(current)):
                break
            current = new
            result = self.lint(current, context)
        return current, result

    def add_listing_problems(self, result: Result, listing, schema_errors=()) -> Result:
        """Add the whole-listing problems of ``listing`` (a :class:`titlekit.listing.Listing`)
        to ``result``, at the configured severities, and rescore it."""
        active = {rule.name: severity for rule, severity, _ in self.active}
        for p in listing_problems(listing, list(schema_errors)):
            if p.rule in active:
                p.severity = active[p.rule]
                result.problems.append(p)
        result.rescore()
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
