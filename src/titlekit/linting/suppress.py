"""Suppressions for one row or listing: the rules named in its ``titlekit-ignore`` column
(CSV, TSV, xlsx, 淘宝助理 exports) or ``titlekit_ignore`` field (JSONL, listing files) are not
run on it, fixes included. Names are rule names, codes or code prefixes, separated by commas
or spaces; ``ALL`` silences the row."""

from __future__ import annotations

from ..errors import ConfigError, InputError
from ..i18n import t
from .linter import Linter


def linter_without(linter: Linter, ignore: tuple[str, ...], path: str,
                   line: int | None) -> Linter:
    """A linter like ``linter`` that also ignores ``ignore`` (one per set, kept on it)."""
    cache = linter.__dict__.setdefault("_suppressed", {})
    key = tuple(sorted(set(ignore)))
    if key not in cache:
        try:
            cfg = linter.config.override(ignore=linter.config.ignore + key)
        except ConfigError:
            bad = next(s for s in key if _unknown(s))
            raise InputError(path, line, t("in.ignore_rule", bad=bad)) from None
        other = Linter(cfg)  # the reader and its lexicons are shared (cached)
        cache[key] = other
    return cache[key]


def _unknown(selector: str) -> bool:
    from ..rules import REGISTRY, rule_matches

    return not any(rule_matches(selector, r.name, r.code) for r in REGISTRY)
