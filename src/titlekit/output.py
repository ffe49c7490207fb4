"""Formatters: one list of results rendered as text, JSON, GitHub annotations or SARIF 2.1.0.

JSON schema (version 1)::

    {"version": 1, "tool": "titlekit", "tool_version": "...", "platform": "taobao",
     "results": [{"path", "line", "title", "score", "bytes", "limit", "unit",
                  "slots": [{"type", "text", "start", "end", "confidence"}],
                  "problems": [{"rule", "code", "severity", "start", "end", "message",
                                "fix": {"start", "end", "replacement"} | null}],
                  "fixed"?: "..."}],
     "summary": {"titles", "problems", "errors", "warnings", "infos", "mean_score"}}

Offsets are character offsets (Unicode code points, end exclusive) in the title as written.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from . import __version__
from .linter import Result
from .rules import REGISTRY

FORMATS = ("text", "json", "github", "sarif")
JSON_VERSION = 1

_COLOURS = {"error": "red", "warning": "yellow", "info": "cyan"}


def summary(results: Sequence[Result]) -> dict:
    probs = [p for r in results for p in r.problems]
    return {
        "titles": len(results),
        "problems": len(probs),
        "errors": sum(p.severity == "error" for p in probs),
        "warnings": sum(p.severity == "warning" for p in probs),
        "infos": sum(p.severity == "info" for p in probs),
        "mean_score": round(sum(r.score for r in results) / len(results), 1) if results else None,
    }


def where(r: Result) -> str:
    if r.path is None:
        return "<title>"
    return f"{r.path}:{r.line}" if r.line is not None else r.path


def render_text(results: Sequence[Result], *, color: bool = False, verbose: bool = False) -> str:
    import click

    def style(s: str, **kw: object) -> str:
        return click.style(s, **kw) if color else s

    lines: list[str] = []
    for r in results:
        size = (f"  {r.bytes}/{r.limit} {'bytes' if r.unit == 'gbk' else 'chars'}"
                if r.limit else "")  # no title length for a page audited by outline --check
        head = (f"{style(where(r), bold=True)}  {r.title}\n"
                f"  score {style(str(r.score), bold=True)}/100{size}")
        lines.append(head)
        if verbose and r.slots:
            lines.append("  slots: " + ", ".join(f"{s.type}={s.text}@{s.start}" for s in r.slots))
        for p in r.problems:
            sev = style(f"{p.severity:<7}", fg=_COLOURS[p.severity])
            if p.line is not None:
                pos = f"line {p.line}"
            else:
                pos = f"{p.start + 1}" if p.end <= p.start + 1 else f"{p.start + 1}-{p.end}"
            lines.append(f"  {pos:>7}  {sev} {p.message}  [{p.rule} {p.code}]")
            if p.fix is not None:
                lines.append(f"           fix: replace {r.title[p.fix.start:p.fix.end]!r} "
                             f"with {p.fix.replacement!r}")
        if r.extra.get("original") is not None:
            lines.append(f"  fixed; was: {r.extra['original']}")
    s = summary(results)
    lines.append(f"{s['titles']} title(s), {s['errors']} error(s), {s['warnings']} warning(s), "
                 f"{s['infos']} info; mean score {s['mean_score']}")
    return "\n".join(lines) + "\n"


def render_json(results: Sequence[Result], *, platform: str = "taobao") -> str:
    doc = {
        "version": JSON_VERSION,
        "tool": "titlekit",
        "tool_version": __version__,
        "platform": platform,
        "results": [r.to_dict() for r in results],
        "summary": summary(results),
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def _gh_escape(s: str, prop: bool = False) -> str:
    s = s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        s = s.replace(":", "%3A").replace(",", "%2C")
    return s


def render_github(results: Sequence[Result]) -> str:
    out: list[str] = []
    level = {"error": "error", "warning": "warning", "info": "notice"}
    for r in results:
        for p in r.problems:
            props = [f"title={_gh_escape(f'{p.rule} ({p.code})', True)}"]
            if r.path:
                props.insert(0, f"file={_gh_escape(r.path, True)}")
                line = p.line if p.line is not None else r.line
                if line is not None:
                    props.insert(1, f"line={line}")
                if p.line is None:
                    props.append(f"col={p.start + 1}")
            out.append(f"::{level[p.severity]} {','.join(props)}::{_gh_escape(p.message)}")
    return "\n".join(out) + ("\n" if out else "")


def render_sarif(results: Sequence[Result]) -> str:
    rules = [
        {
            "id": r.code,
            "name": r.name,
            "shortDescription": {"text": r.summary},
            "properties": {"source": r.source, "fixable": r.fixable},
            "defaultConfiguration": {"level": {"info": "note"}.get(r.severity, r.severity)},
        }
        for r in REGISTRY
    ]
    index = {r.code: i for i, r in enumerate(REGISTRY)}
    out = []
    for r in results:
        for p in r.problems:
            region: dict = {"startLine": p.line or r.line or 1}
            if p.line is None:
                region.update(startColumn=p.start + 1, endColumn=max(p.end, p.start) + 1,
                              snippet={"text": r.title})
            loc: dict = {"physicalLocation": {
                "artifactLocation": {"uri": r.path or "stdin"}, "region": region}}
            item = {
                "ruleId": p.code,
                "level": {"info": "note"}.get(p.severity, p.severity),
                "message": {"text": p.message},
                "locations": [loc],
                "properties": {"rule": p.rule, "score": r.score},
            }
            if p.code in index:
                item["ruleIndex"] = index[p.code]
            out.append(item)
    doc = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "titlekit", "version": __version__,
                                "informationUri": "https://pypi.org/project/titlekit/",
                                "rules": rules}},
            "columnKind": "unicodeCodePoints",
            "results": out,
        }],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def render(fmt: str, results: Sequence[Result], *, color: bool = False, verbose: bool = False,
           platform: str = "taobao") -> str:
    if fmt == "json":
        return render_json(results, platform=platform)
    if fmt == "github":
        return render_github(results)
    if fmt == "sarif":
        return render_sarif(results)
    return render_text(results, color=color, verbose=verbose)
