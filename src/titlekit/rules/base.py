"""What a rule is: its identity, documentation, options and a ``check`` that yields hits.

A rule object owns everything about itself: its public name and code, default severity,
options (with defaults and types; the config validates users' values against them), the
playbook rule it implements, its documentation (what it does, why) and examples of titles that
fail and pass. Problems are made by the rule (:meth:`Rule.problem`), at the severity the
config gives it, never by writing its name and code out again elsewhere.

A hit's offsets are in the title as the user wrote it; a fix is a replacement of that span.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ..i18n import t
from ..i18n.playbook import PLAYBOOK
from ..platform import BUILTIN, Platform
from ..problems import Fix, Problem
from ..reading.reader import Reader
from ..reading.types import Reading

KINDS = ("title", "listing", "batch", "page")


@dataclass(slots=True)
class Hit:
    start: int
    end: int
    message: str
    fix: Fix | None = None
    data: dict | None = None
    cost: float | None = None  # this hit's cost when it depends on the hit (unused bytes)


@dataclass(frozen=True)
class Option:
    """A rule option: its default, the types a value may have and its allowed range."""

    default: Any
    doc: str = ""
    minimum: float | None = None
    maximum: float | None = None

    @property
    def types(self) -> tuple[type, ...]:
        # a number option whose default is None (the platform's value) takes a number
        if self.default is None or isinstance(self.default, float):
            return (int, float)
        return (type(self.default),)

    def check(self, value: Any) -> str | None:
        """Why ``value`` is not allowed, or None."""
        if isinstance(value, bool) or not isinstance(value, self.types):
            want = " or ".join(k.__name__ for k in self.types)
            return t("opt.type", want=want, value=repr(value))
        if isinstance(value, float) and not math.isfinite(value):
            return t("opt.finite", value=repr(value))
        if self.minimum is not None and value < self.minimum:
            return t("opt.min", bound=self.minimum, value=repr(value))
        if self.maximum is not None and value > self.maximum:
            return t("opt.max", bound=self.maximum, value=repr(value))
        return None


@dataclass(frozen=True)
class Example:
    """A documented example: a title (or listing/page text) and the context it is read with."""

    text: str
    context: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Rule:
    name: str
    code: str
    severity: str
    fixable: bool
    source: str
    summary: str
    check: Callable[[Reading, dict, Env], Iterable[Hit]] | None
    options: dict[str, Option] = field(default_factory=dict)
    kind: str = "title"  # title | listing | batch | page
    label: str = ""  # a short Chinese name, for reports (垃圾词, 绝对化用语 …)
    fix_reason: str = ""  # why a rewrite applied this rule's fix (its list of changes)
    # what this rule flags need not survive a rewrite: a repeat, another owner's brand, a word
    # of another category (a rewrite otherwise keeps every brand, model and product word)
    expendable: bool = False
    cost: float | None = None  # score points one problem costs (None: by severity)
    on_empty: bool = False  # judges empty titles too (all other rules skip them)
    why: str = ""  # why the playbook asks for it (the documentation's second part)
    fails: tuple[Example, ...] = ()
    passes: tuple[Example, ...] = ()

    @property
    def per_title(self) -> bool:
        """False for rules that judge batches, listing fields or pages (``check`` is None):
        they are run by their own module, never once per title."""
        return self.check is not None

    def defaults(self) -> dict[str, Any]:
        return {k: o.default for k, o in self.options.items()}

    def problem(self, start: int, end: int, message: str, *, severity: str | None = None,
                fix: Fix | None = None, data: dict | None = None,
                line: int | None = None, cost: float | None = None) -> Problem:
        """A problem of this rule (at ``severity``, by default the rule's own)."""
        return Problem(self.name, self.code, severity or self.severity, start, end,
                       cite_rules(message), fix, data, line, self.cost if cost is None else cost)

    def doc(self) -> str:
        """The rule's documentation: what it does, why, and its examples."""
        parts = [f"{self.code} {self.name} ({self.severity}"
                 + (", fixable" if self.fixable else "") + ")",
                 "", self.summary]
        if self.why:
            parts += ["", self.why]
        parts += ["", f"Source: {self.source}"]
        if self.options:
            parts += ["", "Options:"] + [f"  {k} = {o.default!r}  {o.doc}".rstrip()
                                         for k, o in self.options.items()]
        for head, examples in (("Fails:", self.fails), ("Passes:", self.passes)):
            if examples:
                parts += ["", head] + [f"  {e.text}" + (f"   ({_ctx(e.context)})"
                                                        if e.context else "")
                                       for e in examples]
        return "\n".join(parts) + "\n"


_BARE_CITE = re.compile(r"运营规则 ((?:[TP]\d+)(?:、[TP]\d+)*)(?=[）：])")


@lru_cache(maxsize=1 << 12)  # most messages are the same for many titles
def cite_rules(message: str) -> str:
    """A message's bare playbook citation (运营规则 T7) with the rules' short names, so that a
    user can look it up: 运营规则 T7「不能为了突出关键词用括号」."""
    def named(m: re.Match) -> str:
        return "运营规则 " + "、".join(f"{n}「{PLAYBOOK[n][0]}」" if n in PLAYBOOK else n
                                   for n in m.group(1).split("、"))

    return _BARE_CITE.sub(named, message) if "运营规则 " in message else message


def _ctx(context: dict) -> str:
    return ", ".join(f"{k}={v}" for k, v in context.items())


def examples(*texts: str | tuple[str, dict]) -> tuple[Example, ...]:
    """Examples from titles, or (title, context) pairs."""
    return tuple(Example(x) if isinstance(x, str) else Example(x[0], dict(x[1])) for x in texts)


class Env:
    """Per-lexicon-set helpers shared by rules (compiled patterns, sets), built lazily."""

    def __init__(self, reader: Reader, allow: tuple[str, ...] = (),
                 platform: Platform | None = None) -> None:
        self.reader = reader
        self.platform = platform or BUILTIN["taobao"]
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
