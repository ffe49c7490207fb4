"""SARIF 2.1.0, for code-scanning tools."""

from __future__ import annotations

from collections.abc import Sequence

from ..problems import Result
from ..rules import REGISTRY
from ..version import __version__
from .json_doc import exact_json


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
    return exact_json(doc, indent=2) + "\n"
