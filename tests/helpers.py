"""A tiny helper in the yamllint manner: compare (rule, start, end), never message text."""

from __future__ import annotations

from titlekit.config import Config
from titlekit.linting.linter import Linter

_LINTERS: dict = {}


def linter_for(**cfg) -> Linter:
    key = tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in cfg.items()))
    if key not in _LINTERS:
        _LINTERS[key] = Linter(Config().override(**cfg) if cfg else Config())
    return _LINTERS[key]


def hits(title: str, rule: str, context: dict | None = None, **cfg) -> list[tuple[int, int]]:
    result = linter_for(**cfg).lint(title, context)
    return [(p.start, p.end) for p in result.problems if p.rule == rule]


def fires(title: str, rule: str, context: dict | None = None, **cfg) -> bool:
    return bool(hits(title, rule, context, **cfg))
