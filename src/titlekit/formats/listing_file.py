"""Listing files: one product in YAML (``*.listing.yaml``) or JSON (``*.listing.json``), read
with the line of every field and the span and style of the title scalar for write-back."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import yaml

from ..errors import InputError
from ..listing import Listing, validate
from .columns import parse_ignore
from .document import Document, Record

LISTING_SUFFIXES = (".yaml", ".yml", ".json")


def read_listing(path: str, text: str) -> tuple[Listing, tuple[int, int, str] | None]:
    """A YAML or JSON listing and the span and style of its title scalar (for write-back)."""
    if Path(path).suffix.lower() == ".json":
        try:
            json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(path, exc.lineno, f"invalid JSON: {exc.msg} (column {exc.colno})"
                             ) from None
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
        raise InputError(path, line, f"invalid YAML: {what}") from None
    except yaml.YAMLError as exc:
        raise InputError(path, None, f"invalid YAML: {exc}") from None
    if node is None:
        raise InputError(path, None, "empty file: no listing to read")
    lines: dict[str, int] = {}
    title_span = None
    if isinstance(node, yaml.MappingNode):
        _record_lines(node, "", lines)
        for k, v in node.value:
            if k.value == "title" and isinstance(v, yaml.ScalarNode):
                title_span = (v.start_mark.index, v.end_mark.index, v.style or "")
    line = lines.get("title", node.start_mark.line + 1)
    if data is None:
        data = {}
    return Listing(path, line, data if isinstance(data, dict) else {"": data}, lines), title_span


def _record_lines(node: Any, prefix: str, out: dict[str, int]) -> None:
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            name = f"{prefix}.{k.value}" if prefix else str(k.value)
            out[name] = k.start_mark.line + 1
            _record_lines(v, name, out)
    elif isinstance(node, yaml.SequenceNode):
        for i, v in enumerate(node.value):
            name = f"{prefix}.{i}"
            out[name] = v.start_mark.line + 1
            _record_lines(v, name, out)


_PLAIN_OK = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`][^\n]*")


def encode_title(new: str, style: str, path: str) -> str:
    """The scalar to write for a fixed title, in the style of the one it replaces."""
    if path.lower().endswith(".json") or style == '"':
        return json.dumps(new, ensure_ascii=False)
    if style == "'":
        return "'" + new.replace("'", "''") + "'"
    if (_PLAIN_OK.fullmatch(new) and ": " not in new and " #" not in new
            and not new.endswith((" ", ":"))):
        return new
    return json.dumps(new, ensure_ascii=False)


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
    return encode_title(title, rec.style, doc.path)
