"""Text output for people: each title, its score and problems, and a summary line, in the
language of :mod:`titlekit.i18n` (Chinese by default). A run streams as one block per result
(:func:`text_block`) and the summary line at the end (:func:`summary_line`)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..i18n import pad, quoted, t
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


def render_text(results: Sequence[Result], *, color: bool = False, verbose: bool = False,
                quiet: bool = False) -> str:
    """The text report; ``quiet`` leaves out the summary line."""
    blocks = [text_block(r, color=color, verbose=verbose) for r in results]
    return "".join(blocks) + ("" if quiet else summary_line(summary(results)))


def text_block(r: Result, *, color: bool = False, verbose: bool = False) -> str:
    """One result's lines, each ending in a newline."""
    import click

    def style(s: str, **kw: object) -> str:
        return click.style(s, **kw) if color else s

    size = (f"  {r.bytes}/{r.limit} {t('unit.' + r.unit)}"
            if r.limit else "")  # no title length for a page audited by outline --check
    place = where(r) if r.path is not None else t("no_title")
    lines = [f"{style(visible(place), bold=True)}  {visible(r.title)}\n"
             f"  {t('score', score=style(str(r.score), bold=True))}{size}"]
    if verbose and r.slots:  # offsets 1-based, like the problems' columns
        lines.append(f"  {t('slots')}: "
                     + ", ".join(f"{s.type}={visible(s.text)}@{s.start + 1}" for s in r.slots))
    for p in r.problems:
        sev = style(pad(t(f"severity.{p.severity}"), 7), fg=_COLOURS[p.severity])
        if p.line is not None:
            pos = t("line", n=p.line)
        else:
            pos = f"{p.start + 1}" if p.end <= p.start + 1 else f"{p.start + 1}-{p.end}"
        lines.append(f"  {pos:>7}  {sev} {visible(p.message)}  [{p.rule} {p.code}]")
        if p.fix is not None and p.fix.safe:  # unsafe fixes are for the rewrite
            lines.append("           " + t("fix", old=visible(quoted(r.title[p.fix.start:p.fix.end])),
                                           new=visible(quoted(p.fix.replacement))))
    if r.extra.get("original") is not None:
        lines.append("  " + t("fixed_was", title=visible(r.extra["original"])))
    return "\n".join(lines) + "\n"


def summary_line(s: dict) -> str:
    """The last line of the text output, from a run's summary."""
    return t("summary", titles=s["titles"], errors=s["errors"], warnings=s["warnings"],
             infos=s["infos"], mean=s["mean_score"]) + "\n"
