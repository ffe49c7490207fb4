"""Formatters: one list of results rendered by pure functions as text, JSON, GitHub
annotations, SARIF 2.1.0, CSV or xlsx for Excel (:mod:`.sheet`) or an HTML catalog audit report (see :mod:`.json_doc` for the JSON
schema, :mod:`.report_html` for the report)."""

from __future__ import annotations

from collections.abc import Sequence

from ..problems import Result
from .common import summary, where
from .github import render_github
from .json_doc import JSON_VERSION, document, render_json
from .sarif import render_sarif
from .stream import encode_jsonl
from .text import render_text

FORMATS = ("text", "json", "jsonl", "github", "sarif", "html", "csv", "xlsx")


def render(fmt: str, results: Sequence[Result], *, color: bool = False, verbose: bool = False,
           platform: str = "taobao", pretty: bool = True) -> str:
    if fmt == "jsonl":
        return "".join(encode_jsonl(r) for r in results)
    if fmt == "json":
        return render_json(results, platform=platform, pretty=pretty)
    if fmt == "github":
        return render_github(results)
    if fmt == "sarif":
        return render_sarif(results, pretty=pretty)
    if fmt == "csv":  # for Excel: one row per title
        from .sheet import render_csv

        return render_csv(results)
    if fmt == "html":  # the catalog audit report: one self-contained page
        from .report_html import render_report

        return render_report(document(results, platform=platform))
    return render_text(results, color=color, verbose=verbose)


__all__ = ["FORMATS", "JSON_VERSION", "render", "render_github", "render_json", "render_sarif",
           "render_text", "summary", "where"]
