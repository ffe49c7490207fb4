"""What a rule is: metadata plus a ``check`` that yields hits.

The linter, not the rule, stamps the rule name, code and (configured) severity on each hit. A
hit's offsets are in the title as the user wrote it; a fix is a replacement of that span.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ..slots import Reader, Reading


@dataclass(frozen=True, slots=True)
class Fix:
    start: int
    end: int
    replacement: str

    def to_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "replacement": self.replacement}


@dataclass(slots=True)
class Hit:
    start: int
    end: int
    message: str
    fix: Fix | None = None
    data: dict | None = None


@dataclass(frozen=True)
class Rule:
    name: str
    code: str
    severity: str
    fixable: bool
    source: str
    summary: str
    check: Callable[[Reading, dict, Env], Iterable[Hit]] | None
    options: dict[str, Any] = field(default_factory=dict)

    @property
    def per_title(self) -> bool:
        """False for rules that judge batches, listing fields or pages (``check`` is None):
        they are run by their own module, never once per title."""
        return self.check is not None


class Env:
    """Per-lexicon-set helpers shared by rules (compiled patterns, sets), built lazily."""

    def __init__(self, reader: Reader, allow: tuple[str, ...] = ()) -> None:
        self.reader = reader
        self.lex = reader.lex
        self.extra_allow = tuple(a.lower() for a in allow)
        self._cache: dict[str, Any] = {}

    def get(self, key: str, build: Callable[[], Any]) -> Any:
        try:
            return self._cache[key]
        except KeyError:
            value = self._cache[key] = build()
            return value


def literal_pattern(words: Iterable[str]) -> re.Pattern[str] | None:
    """One alternation of literals, longest first, or None when there is none."""
    ws = sorted({w for w in words if w}, key=len, reverse=True)
    if not ws:
        return None
    return re.compile("|".join(re.escape(w) for w in ws))


def find_all(pattern: re.Pattern[str] | None, text: str) -> Iterator[re.Match[str]]:
    if pattern is None:
        return iter(())
    return pattern.finditer(text)


def quote(reading: Reading, start: int, end: int) -> str:
    return "“" + reading.raw[start:end] + "”"
