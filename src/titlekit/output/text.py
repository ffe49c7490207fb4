"""Text output for people: each title, its score and problems, and a summary line, in the
language of :mod:`titlekit.i18n` (Chinese by default)."""

from __future__ import annotations

from collections.abc import Sequence

from ..i18n import pad, quoted, t
from ..problems import Result
from .common import summary, where

_COLOURS = {"error": "red", "warning": "yellow", "info": "cyan"}


def render_text(results: Sequence[Result], *, color: bool = False, verbose: bool = False,
                quiet: bool = False) -> str:
    """The text report; ``quiet`` leaves out the summary line."""
    import click

    def style(s: str, **kw: object) -> str:
        return click.style(s, **kw) if color else s

    lines: list[str] = []
    for r in results:
        size = (f"  {r.bytes}/{r.limit} {t('unit.' + r.unit)}"
                if r.limit else "")  # no title length for a page audited by outline --check
        place = where(r) if r.path is not None else t("no_title")
        head = (f"{style(place, bold=True)}  {r.title}\n"
                f"  {t('score', score=style(str(r.score), bold=True))}{size}")
        lines.append(head)
        if verbose and r.slots:  # offsets 1-based, like the problems' columns
            lines.append(f"  {t('slots')}: "
                         + ", ".join(f"{s.type}={s.text}@{s.start + 1}" for s in r.slots))
        for p in r.problems:
            sev = style(pad(t(f"severity.{p.severity}"), 7), fg=_COLOURS[p.severity])
            if p.line is not None:
                pos = t("line", n=p.line)
            else:
                pos = f"{p.start + 1}" if p.end <= p.start + 1 else f"{p.start + 1}-{p.end}"
            lines.append(f"  {pos:>7}  {sev} {p.message}  [{p.rule} {p.code}]")
            if p.fix is not None and p.fix.safe:  # unsafe fixes are for the rewrite
                lines.append("           " + t("fix", old=quoted(r.title[p.fix.start:p.fix.end]),
                                               new=quoted(p.fix.replacement)))
        if r.extra.get("original") is not None:
            lines.append("  " + t("fixed_was", title=r.extra["original"]))
    if not quiet:
        s = summary(results)
        lines.append(t("summary", titles=s["titles"], errors=s["errors"],
                       warnings=s["warnings"], infos=s["infos"], mean=s["mean_score"]))
    return "\n".join(lines) + ("\n" if lines else "")
