"""Text output for people: each title, its score and problems, and a summary line."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..problems import Result
from .common import summary, where

_COLOURS = {"error": "red", "warning": "yellow", "info": "cyan"}

# What a terminal would act on rather than show: C0 and C1 controls (ESC starts colour and
# window-title sequences), DEL, bidirectional overrides and isolates, line and paragraph
# separators, and lone surrogates. Text output shows them escaped (\x1b, \u202e), as other
# linters do; JSON and SARIF keep titles exact.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069"
                     "\ud800-\udfff]")


def _escape(m: re.Match) -> str:
    c = ord(m.group())
    return f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}"


def visible(s: str) -> str:
    """``s`` with every character a terminal would act on written as an escape."""
    return _UNSAFE.sub(_escape, s)


def render_text(results: Sequence[Result], *, color: bool = False, verbose: bool = False) -> str:
    import click

    def style(s: str, **kw: object) -> str:
        return click.style(s, **kw) if color else s

    lines: list[str] = []
    for r in results:
        size = (f"  {r.bytes}/{r.limit} {'bytes' if r.unit == 'gbk' else 'chars'}"
                if r.limit else "")  # no title length for a page audited by outline --check
        head = (f"{style(visible(where(r)), bold=True)}  {visible(r.title)}\n"
                f"  score {style(str(r.score), bold=True)}/100{size}")
        lines.append(head)
        if verbose and r.slots:
            lines.append("  slots: " + ", ".join(f"{s.type}={visible(s.text)}@{s.start}"
                                               for s in r.slots))
        for p in r.problems:
            sev = style(f"{p.severity:<7}", fg=_COLOURS[p.severity])
            if p.line is not None:
                pos = f"line {p.line}"
            else:
                pos = f"{p.start + 1}" if p.end <= p.start + 1 else f"{p.start + 1}-{p.end}"
            lines.append(f"  {pos:>7}  {sev} {visible(p.message)}  [{p.rule} {p.code}]")
            if p.fix is not None and p.fix.safe:  # unsafe fixes are for the rewrite
                lines.append(f"           fix: replace "
                             f"{visible(repr(r.title[p.fix.start:p.fix.end]))} "
                             f"with {visible(repr(p.fix.replacement))}")
        if r.extra.get("original") is not None:
            lines.append(f"  fixed; was: {visible(r.extra['original'])}")
    s = summary(results)
    lines.append(f"{s['titles']} title(s), {s['errors']} error(s), {s['warnings']} warning(s), "
                 f"{s['infos']} info; mean score {s['mean_score']}")
    return "\n".join(lines) + "\n"
