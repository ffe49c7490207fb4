"""Listing files: the product data around a title, read with the line of every field.

A listing describes one product in YAML (``*.listing.yaml``) or JSON (``*.listing.json``), or many
in CSV (``*.listings.csv``) or JSONL (``*.listings.jsonl``); reading those files is the job of
:mod:`titlekit.formats`. :data:`FIELDS` is the schema (also
published as JSON Schema, ``titlekit schema``); :func:`validate` reports every departure from it
as ``(field, message)`` pairs, which the linter turns into ``schema-error`` problems at the
field's line. Syntax errors are input errors (``file:line: cause``, exit code 2).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

from .i18n import t

# field -> (JSON Schema, one-line description); the order is the documented order
FIELDS: dict[str, tuple[dict, str]] = {
    "title": ({"type": "string", "minLength": 1}, "宝贝标题, linted by every title rule"),
    "brand": ({"type": "string"}, "品牌; makes missing-brand exact and other brands ip-risk"),
    "model": ({"type": "string"}, "货号/型号"),
    "category": ({"type": "string"}, "类目, e.g. 女装/连衣裙 or apparel"),
    "attributes": ({"oneOf": [{"type": "array", "items": {"type": "string"}},
                              {"type": "object", "additionalProperties": {"type": "string"}}]},
                   "属性: a list of words or a mapping such as {颜色: 黑色}"),
    "style": ({"oneOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]},
              "风格"),
    "selling_points": ({"type": "array", "items": {"type": "string"}}, "卖点 phrases"),
    "subtitle": ({"type": "string"}, "宝贝卖点 shown under the title (at most 150 characters)"),
    "price": ({"type": "number", "exclusiveMinimum": 0}, "一口价 in 元"),
    "promotion_price": ({"type": "number", "exclusiveMinimum": 0}, "促销价 in 元"),
    "brand_story": ({"type": "string"}, "品牌介绍 for the detail page"),
    "audience": ({"type": "string"}, "目标客户群: who buys it, for whom"),
    "scenes": ({"type": "array", "items": {"type": "string"}}, "使用场景"),
    "details": ({"type": "array", "items": {"type": "string"}}, "细节 worth a close-up"),
    "specs": ({"type": "object", "additionalProperties": {"type": "string"}},
              "参数 (electronics): name -> value"),
    "sizes": ({"type": "array", "items": {"type": "object",
                                          "additionalProperties": {"type": "string"}}},
              "尺码表 (apparel): one mapping per size, e.g. {尺码: M, 胸围: 96}"),
    "origin": ({"type": "string"}, "产地 (food)"),
    "shelf_life": ({"type": "string"}, "保质期 (food)"),
    "usage": ({"type": "string"}, "食用方法 / 使用方法"),
    "warranty": ({"type": "string"}, "保修 (electronics)"),
    "after_sales": ({"type": "array", "items": {"type": "string"}}, "售后承诺"),
    "related": ({"type": "array", "items": {"type": "string"}}, "关联营销: related products"),
    "promotions": ({"type": "array", "items": {"type": "string"}},
                   "the shop's standing promotions"),
    "bundle": ({
        "type": "object",
        "required": ["price", "items"],
        "additionalProperties": False,
        "properties": {
            "price": {"type": "number", "exclusiveMinimum": 0},
            "items": {"type": "array", "items": {
                "type": "object", "required": ["name"], "additionalProperties": False,
                "properties": {"name": {"type": "string"},
                               "price": {"type": "number", "exclusiveMinimum": 0}}}},
        },
    }, "搭配套餐: price and items (name, price)"),
    "titlekit_ignore": ({"oneOf": [{"type": "string"},
                                   {"type": "array", "items": {"type": "string"}}]},
                        ("rules not checked on this listing: names, codes or code prefixes, "
                         "e.g. integer-price, TK205")),
}


def json_schema() -> dict:
    """The listing schema as JSON Schema (draft 2020-12)."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://pypi.org/project/titlekit/listing.schema.json",
        "title": "titlekit listing",
        "description": "One product listing: its title and the product data around it.",
        "type": "object",
        "required": ["title"],
        "additionalProperties": False,
        "properties": {k: {**schema, "description": desc} for k, (schema, desc) in FIELDS.items()},
    }


@dataclass
class Listing:
    """One product: its data and the file line of every field (dotted paths for nested ones)."""

    path: str
    line: int
    data: dict[str, Any]
    lines: dict[str, int] = field(default_factory=dict)

    def line_of(self, name: str) -> int:
        while name:
            if name in self.lines:
                return self.lines[name]
            name = name.rpartition(".")[0]
        return self.line

    def context(self) -> dict[str, str]:
        return {k: v.strip() for k in ("brand", "model", "category")
                if isinstance(v := self.data.get(k), str) and v.strip()}


# -- validation ------------------------------------------------------------------------------

def _is_number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)


def _check(value: Any, schema: dict, name: str, out: list[tuple[str, str]]) -> None:
    if "oneOf" in schema:
        for option in schema["oneOf"]:
            trial: list[tuple[str, str]] = []
            _check(value, option, name, trial)
            if not trial:
                return
        kinds = t("schema.or").join(_kind(o) for o in schema["oneOf"])
        out.append((name, t("schema.must_be", kinds=kinds, what=_what(value))))
        return
    kind = schema.get("type")
    if kind == "string":
        if not isinstance(value, str):
            out.append((name, _must_be("string", value)))
        elif schema.get("minLength") and not value.strip():
            out.append((name, t("schema.not_empty")))
    elif kind == "number":
        if not _is_number(value):
            out.append((name, _must_be("number", value)))
        elif "exclusiveMinimum" in schema and value <= schema["exclusiveMinimum"]:
            out.append((name, t("schema.greater", minimum=schema["exclusiveMinimum"],
                                value=value)))
    elif kind == "array":
        if not isinstance(value, list):
            out.append((name, _must_be("array", value)))
        else:
            for i, item in enumerate(value):
                _check(item, schema["items"], f"{name}.{i}", out)
    elif kind == "object":
        if not isinstance(value, dict):
            out.append((name, _must_be("object", value)))
            return
        props = schema.get("properties", {})
        for req in schema.get("required", []):
            if req not in value:
                out.append((name, t("schema.required", name=req)))
        for k, v in value.items():
            sub = f"{name}.{k}" if name else str(k)
            if k in props:
                _check(v, props[k], sub, out)
            elif schema.get("additionalProperties") is False:
                known = ", ".join(props)
                out.append((sub, t("schema.unknown", name=k, known=known)))
            elif isinstance(schema.get("additionalProperties"), dict):
                _check(v, schema["additionalProperties"], sub, out)


def _kind(schema: dict) -> str:
    kind = schema.get("type", "")
    return t(f"kind.{kind}") if kind in ("string", "array", "object", "number") else t("kind.valid")


def _must_be(kind: str, value: Any) -> str:
    return t("schema.must_be", kinds=t(f"kind.{kind}"), what=_what(value))


def _what(value: Any) -> str:
    if value is None:
        return t("what.empty")
    if isinstance(value, bool):
        return t("what.bool", v=str(value).lower())
    if isinstance(value, str):
        return t("what.text", v=repr(value[:20]))
    if isinstance(value, dict):
        return t("what.mapping")
    if isinstance(value, list):
        return t("what.list")
    return repr(value)


def validate(data: Any) -> list[tuple[str, str]]:
    """Every departure of ``data`` from the listing schema as (field path, message)."""
    out: list[tuple[str, str]] = []
    _check(data, json_schema(), "", out)
    return out


def from_fields(path: str, line: int, values: dict[str, Any]
                ) -> tuple[Listing, list[tuple[str, str]]]:
    """A listing from a CSV row or JSONL object (fields already found by column name), with the
    departures from the schema. Prices written as text (``"99.9"``, ``"¥1,299"``) are numbers."""
    data: dict[str, Any] = {}
    for name, v in values.items():
        if v in (None, ""):
            continue
        if name in ("price", "promotion_price") and isinstance(v, str):
            try:
                v = float(v.replace(",", "").replace("¥", "").replace("￥", "").strip())
            except ValueError:
                pass  # left as text: validate() reports it
        if name == "attributes" and isinstance(v, str):
            v = [a for a in re.split(r"[\s,，;；/、]+", v) if a]
        data[name] = v
    errors = [(f, m) for f, m in validate({"title": "-", **data}) if f != "title"]
    return Listing(path, line, data, {}), errors
