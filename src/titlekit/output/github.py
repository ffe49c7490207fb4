"""GitHub Actions workflow annotations (``::error file=…,line=…::message``)."""

from __future__ import annotations

from collections.abc import Sequence

from ..problems import Result


def _gh_escape(s: str, prop: bool = False) -> str:
    s = s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        s = s.replace(":", "%3A").replace(",", "%2C")
    return s


def render_github(results: Sequence[Result]) -> str:
    return "".join(github_lines(r) for r in results)


_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def github_lines(r: Result) -> str:
    """One result's annotations, one a line (empty for a clean title)."""
    out: list[str] = []
    for p in r.problems:
        props = [f"title={_gh_escape(f'{p.rule} ({p.code})', True)}"]
        if r.path:
            props.insert(0, f"file={_gh_escape(r.path, True)}")
            line = p.line if p.line is not None else r.line
            if line is not None:
                props.insert(1, f"line={line}")
            if p.line is None:
                props.append(f"col={p.start + 1}")
        out.append(f"::{_LEVEL[p.severity]} {','.join(props)}::{_gh_escape(p.message)}\n")
    return "".join(out)
