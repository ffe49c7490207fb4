"""SARIF 2.1.0, for code-scanning tools."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from ..problems import Result
from ..version import __version__
from .json_doc import exact_json


@lru_cache(maxsize=1)
def _rules() -> tuple[list[dict], dict[str, int]]:
    from ..rules import REGISTRY

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
    return rules, {r.code: i for i, r in enumerate(REGISTRY)}


def sarif_items(r: Result) -> list[dict]:
    """The SARIF results of one lint result (one per problem)."""
    index = _rules()[1]
    out = []
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
    return out


def sarif_document(results: list) -> dict:
    """The SARIF log around ``results`` (SARIF result objects)."""
    return {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "titlekit", "version": __version__,
                                "informationUri": "https://pypi.org/project/titlekit/",
                                "rules": _rules()[0]}},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }


def render_sarif(results: Sequence[Result], *, pretty: bool = True) -> str:
    doc = sarif_document([item for r in results for item in sarif_items(r)])
    return exact_json(doc, indent=2 if pretty else None) + "\n"
