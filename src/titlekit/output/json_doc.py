"""JSON output (schema version 1).

Schema::

    {"version": 1, "tool": "titlekit", "tool_version": "...", "platform": "taobao",
     "results": [{"path", "line", "title", "score", "bytes", "limit", "unit",
                  "slots": [{"type", "text", "start", "end", "confidence"}],
                  "problems": [{"rule", "code", "severity", "start", "end", "message",
                                "fix": {"start", "end", "replacement",
                                        "applicability"} | null}],
                  "fixed"?: "..."}],
     "summary": {"titles", "problems", "errors", "warnings", "infos", "mean_score"}}

Offsets are character offsets (Unicode code points, end exclusive) in the title as written.
``applicability`` is ``safe`` (``--fix`` applies it) or ``unsafe`` (only the rewrite does).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

from ..problems import Result
from ..version import __version__
from .common import summary

JSON_VERSION = 1


def document(results: Sequence[Result], *, platform: str = "taobao") -> dict:
    """The JSON document of a run, as a dict (also what the HTML report is built from)."""
    return {
        "version": JSON_VERSION,
        "tool": "titlekit",
        "tool_version": __version__,
        "platform": platform,
        "results": [r.to_dict() for r in results],
        "summary": summary(results),
    }


_SURROGATE = re.compile("[\ud800-\udfff]")
_COMPACT = json.JSONEncoder(ensure_ascii=False)


def exact_json(data: object, **kw: object) -> str:
    """``json.dumps`` with non-ASCII characters as they are, except lone surrogates (which no
    encoding can write): those stay ``\\udcff`` escapes, so the string is still exact."""
    # the encoder json.dumps would build for these arguments, built once (the C encoder)
    text = _COMPACT.encode(data) if not kw else json.dumps(data, ensure_ascii=False, **kw)
    if _SURROGATE.search(text):
        text = _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    return text


def render_json(results: Sequence[Result], *, platform: str = "taobao", pretty: bool = True) -> str:
    """The whole document; ``pretty=False``: compact (the C encoder, no indentation)."""
    return exact_json(document(results, platform=platform), indent=2 if pretty else None) + "\n"
