"""Text output for people: each title, its score and problems, and a summary line."""

from __future__ import annotations

from collections.abc import Sequence

from ..problems import Result
from .common import summary, where

_COLOURS = {"error": "red", "warning": "yellow", "info": "cyan"}


def render_text(results: Sequence[Result], *, color: bool = False, verbose: bool = False) -> str:
    blocks = [text_block(r, color=color, verbose=verbose) for r in results]
    return "".join(blocks) + summary_line(summary(results))


def text_block(r: Result, *, color: bool = False, verbose: bool = False) -> str:
    """One result's lines, each ending in a newline."""
    import click

    def style(s: str, **kw: object) -> str:
        return click.style(s, **kw) if color else s

    size = (f"  {r.bytes}/{r.limit} {'bytes' if r.unit == 'gbk' else 'chars'}"
            if r.limit else "")  # no title length for a page audited by outline --check
    lines = [(f"{style(where(r), bold=True)}  {r.title}\n"
              f"  score {style(str(r.score), bold=True)}/100{size}")]
    if verbose and r.slots:
        lines.append("  slots: " + ", ".join(f"{s.type}={s.text}@{s.start}" for s in r.slots))
    for p in r.problems:
        sev = style(f"{p.severity:<7}", fg=_COLOURS[p.severity])
        if p.line is not None:
            pos = f"line {p.line}"
        else:
            pos = f"{p.start + 1}" if p.end <= p.start + 1 else f"{p.start + 1}-{p.end}"
        lines.append(f"  {pos:>7}  {sev} {p.message}  [{p.rule} {p.code}]")
        if p.fix is not None and p.fix.safe:  # unsafe fixes are for the rewrite
            lines.append(f"           fix: replace {r.title[p.fix.start:p.fix.end]!r} "
                         f"with {p.fix.replacement!r}")
    if r.extra.get("original") is not None:
        lines.append(f"  fixed; was: {r.extra['original']}")
    return "\n".join(lines) + "\n"


def summary_line(s: dict) -> str:
    """The last line of the text output, from a run's summary."""
    return (f"{s['titles']} title(s), {s['errors']} error(s), {s['warnings']} warning(s), "
            f"{s['infos']} info; mean score {s['mean_score']}\n")
