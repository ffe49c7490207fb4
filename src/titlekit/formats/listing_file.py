"""Listing files: one product in YAML (``*.listing.yaml``) or JSON (``*.listing.json``), read
with the line of every field and the span and style of the title scalar for write-back."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import InputError
from ..i18n import t
from ..listing import Listing, validate
from .columns import parse_ignore
from .document import Document, Record
from .json_text import Scan, json_string

if TYPE_CHECKING:
    import yaml  # imported where used: a lint of plain titles never needs it

LISTING_SUFFIXES = (".yaml", ".yml", ".json")


def read_listing(path: str, text: str) -> tuple[Listing, tuple[int, int, str] | None]:
    """A YAML or JSON listing and the span and style of its title scalar (for write-back)."""
    if Path(path).suffix.lower() == ".json":
        return _read_json(path, text)
    import yaml

    span, shared = None, None
    try:
        loader = yaml.SafeLoader(text)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        what = exc.problem or exc.context or "invalid YAML"
        raise InputError(path, line, t("in.yaml", what=what)) from None
    except yaml.YAMLError as exc:
        raise InputError(path, None, t("in.yaml", what=exc)) from None
    except RecursionError:
        raise InputError(path, None, t("in.yaml_deep")) from None
    if node is None:
        raise InputError(path, None, t("in.empty_listing"))
    lines: dict[str, int] = {}
    if isinstance(node, yaml.MappingNode):
        _record_lines(node, "", lines, set())
        for k, v in node.value:
            if k.value == "title" and isinstance(v, yaml.ScalarNode):
                span = _scalar_span(text, v)
                shared = _uses(node, v) > 1
    line = lines.get("title", node.start_mark.line + 1)
    if data is None:
        data = {}
    listing = Listing(path, line, data if isinstance(data, dict) else {"": data}, lines)
    if span is not None and shared:
        span = (*span[:2], "alias")
    return listing, span


def _read_json(path: str, text: str) -> tuple[Listing, tuple[int, int, str] | None]:
    """A JSON listing, parsed as JSON (tabs, escapes and all), lines found by a scan."""
    try:
        data = json.loads(text)
        where = Scan(text)
    except json.JSONDecodeError as exc:
        raise InputError(path, exc.lineno, t("in.json", what=exc.msg, col=exc.colno)) from None
    except RecursionError:
        raise InputError(path, None, t("in.json_deep")) from None
    if data is None:
        data = {}
    title = where.strings.get("title") if isinstance(data, dict) else None
    span = (*title, '"') if title else None
    line = where.lines.get("title", where.top_line)
    return Listing(path, line, data if isinstance(data, dict) else {"": data},
                   where.lines), span


def _scalar_span(text: str, v: yaml.ScalarNode) -> tuple[int, int, str]:
    """The span of a title scalar's own text: after its anchor or tag (``&a``, ``!!str``),
    and for a block scalar (``|``, ``>``) without the line break(s) that end it, so the next
    key keeps its line."""
    start, end = v.start_mark.index, v.end_mark.index
    while start < end and text[start] in "&!":
        while start < end and not text[start].isspace():
            start += 1
        while start < end and text[start].isspace():
            start += 1
    if v.style in ("|", ">"):
        end = start + len(text[start:end].rstrip())
    return start, end, v.style or ""


def _uses(root: Any, target: Any) -> int:
    """How many places of the document hold the node ``target`` (more than one: an alias)."""
    import yaml

    count, seen, stack = 0, set(), [root]
    while stack:
        node = stack.pop()
        if node is target:
            count += 1
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                stack += [k, v]
        elif isinstance(node, yaml.SequenceNode):
            stack += node.value
    return count


def _record_lines(node: Any, prefix: str, out: dict[str, int], seen: set[int]) -> None:
    import yaml

    if id(node) in seen:  # a recursive alias (a: &a [*a])
        return
    seen = seen | {id(node)}
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            name = f"{prefix}.{k.value}" if prefix else str(k.value)
            out[name] = k.start_mark.line + 1
            _record_lines(v, name, out, seen)
    elif isinstance(node, yaml.SequenceNode):
        for i, v in enumerate(node.value):
            name = f"{prefix}.{i}"
            out[name] = v.start_mark.line + 1
            _record_lines(v, name, out, seen)


_PLAIN_OK = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`][^\n]*")


def encode_title(new: str, style: str, path: str, old: str = "") -> str:
    """The scalar to write for a fixed title, in the style of the one it replaces (a block
    scalar becomes a double-quoted one on the same key)."""
    if path.lower().endswith(".json") or style == '"':
        return json_string(new, old)
    if style == "'":
        return "'" + new.replace("'", "''") + "'"
    if (_PLAIN_OK.fullmatch(new) and ": " not in new and " #" not in new
            and not new.endswith((" ", ":"))):
        return new
    return json_string(new)


def read_listing_doc(path: str, text: str, encoding: str, bom: bytes) -> Document:
    """A YAML/JSON listing file as a one-record document (see :mod:`titlekit.listing`)."""
    listing, title_span = read_listing(path, text)
    errors = validate(listing.data)
    title = listing.data.get("title")
    ok = isinstance(title, str) and title.strip() and title_span is not None
    rec = Record(path, listing.line, title if ok else "", listing.context(),
                 title_span[:2] if ok else (0, 0), listing=listing, schema_errors=errors,
                 style=title_span[2] if ok else "",
                 ignore=parse_ignore(listing.data.get("titlekit_ignore")))
    return Document(path, "listing", text, encoding, bom, [rec], encode=_encode_field)


def _encode_field(doc: Document, rec: Record, title: str) -> str:
    if rec.style == "alias":
        raise InputError(doc.path, rec.line, t("in.yaml_alias"))
    return encode_title(title, rec.style, doc.path, doc.text[rec.span[0]:rec.span[1]])
