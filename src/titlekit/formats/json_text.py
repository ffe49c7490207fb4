"""JSON read with the place of every value, and JSON strings written the way the old ones were.

``json.loads`` gives values without positions; a write-back that keeps every other byte needs
the span of the one string it replaces (the title) and, for listing files, the line of every
key. :func:`scan` walks text that ``json.loads`` has accepted and returns both.
"""

from __future__ import annotations

import bisect
import json
import re
from json.decoder import scanstring

_DECODER = json.JSONDecoder()
_WS = re.compile(r"[ \t\n\r]*")
_SURROGATE = re.compile("[\ud800-\udfff]")


def json_string(value: str, like: str = "") -> str:
    """``value`` as a JSON string token, escaped like the token ``like`` it replaces: with
    ``\\u`` escapes for every non-ASCII character when ``like`` used them, else with the
    characters as they are. A lone surrogate (no encoding can write one) is always escaped."""
    if "\\u" in like:
        return json.dumps(value, ensure_ascii=True)
    out = json.dumps(value, ensure_ascii=False)
    if _SURROGATE.search(out):
        out = _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", out)
    return out


class Scan:
    """Where things are in a JSON text: the line of every key (``a.b``, ``list.0``) and the
    span of every top-level string value by key (the last one when a key repeats, as
    ``json.loads`` keeps the last)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._breaks = [m.start() for m in re.finditer("\n", text)]
        self.lines: dict[str, int] = {}
        self.strings: dict[str, tuple[int, int]] = {}
        self.top_line = 1
        pos = _WS.match(text, 0).end()
        self.top_line = self.line_of(pos)
        self._value(pos, "", top=True)

    def line_of(self, pos: int) -> int:
        return bisect.bisect_left(self._breaks, pos) + 1

    def _ws(self, pos: int) -> int:
        return _WS.match(self.text, pos).end()

    def _value(self, pos: int, prefix: str, top: bool = False) -> int:
        text = self.text
        c = text[pos]
        if c == "{":
            pos = self._ws(pos + 1)
            if text[pos] == "}":
                return pos + 1
            while True:
                key_start = pos
                key, pos = scanstring(text, pos + 1)
                name = f"{prefix}.{key}" if prefix else key
                self.lines[name] = self.line_of(key_start)
                pos = self._ws(self._ws(pos) + 1)  # the ':' and what follows it
                start = pos
                pos = self._value(pos, name)
                if top:
                    if text[start] == '"':
                        self.strings[key] = (start, pos)
                    else:
                        self.strings.pop(key, None)
                pos = self._ws(pos)
                if text[pos] == ",":
                    pos = self._ws(pos + 1)
                    continue
                return pos + 1
        if c == "[":
            pos = self._ws(pos + 1)
            if text[pos] == "]":
                return pos + 1
            i = 0
            while True:
                name = f"{prefix}.{i}"
                self.lines[name] = self.line_of(pos)
                pos = self._ws(self._value(pos, name))
                i += 1
                if text[pos] == ",":
                    pos = self._ws(pos + 1)
                    continue
                return pos + 1
        if c == '"':
            return scanstring(text, pos + 1)[1]
        return _DECODER.raw_decode(text, pos)[1]


def top_level_strings(text: str) -> dict[str, tuple[int, int]]:
    """Spans of the top-level string values of one JSON object (text ``json.loads`` accepted)."""
    return Scan(text).strings
