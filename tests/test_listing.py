"""Listing files: the schema, every whole-listing rule, field lines, malformed files, --fix."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from titlekit.cli import main
from titlekit.formats.dispatch import read_path
from titlekit.linting.linter import Linter
from titlekit.listing import Listing, json_schema, validate

GOOD_TITLE = "李宁 韩版 男士 运动鞋 透气 防滑 跑步鞋 2026新款 ln2026 包邮"
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def problems(data: dict, lines: dict | None = None) -> list:
    linter = Linter()
    listing = Listing("p.listing.yaml", 1, {"title": GOOD_TITLE, **data}, lines or {})
    return linter.lint_listing(listing, validate(listing.data)).problems


def rules_of(data: dict) -> list[str]:
    return [p.rule for p in problems(data) if p.line is not None]


# -- integer-price ------------------------------------------------------------------------------
def test_integer_price():
    assert rules_of({"price": 100}) == ["integer-price"]
    assert rules_of({"price": 100.0}) == ["integer-price"]
    assert rules_of({"price": 99.9}) == []
    assert rules_of({"price": 99.9, "promotion_price": 80}) == ["integer-price"]


# -- discount-too-deep --------------------------------------------------------------------------
def test_discount_too_deep():
    assert "discount-too-deep" in rules_of({"price": 299.9, "promotion_price": 2.5})  # < 1 %
    assert "discount-too-deep" in rules_of({"promotion_price": 0.9})  # below 1.00 元
    assert "discount-too-deep" not in rules_of({"price": 299.9, "promotion_price": 3.5})
    assert "discount-too-deep" not in rules_of({"price": 2.5, "promotion_price": 1.0})


# -- bundle-invalid -----------------------------------------------------------------------------
def test_bundle_invalid():
    items = [{"name": f"件{i}", "price": 10.5} for i in range(6)]
    assert "bundle-invalid" in rules_of({"bundle": {"price": 50.5, "items": items}})
    two = [{"name": "上衣", "price": 50.5}, {"name": "裤子", "price": 60.5}]
    assert "bundle-invalid" in rules_of({"bundle": {"price": 111.0, "items": two}})  # = sum
    assert "bundle-invalid" in rules_of({"bundle": {"price": 120.5, "items": two}})
    assert "bundle-invalid" not in rules_of({"bundle": {"price": 99.9, "items": two}})
    # an item without a price: the sum is unknown, so only the item count is judged
    partial = [{"name": "上衣", "price": 50.5}, {"name": "赠品"}]
    assert "bundle-invalid" not in rules_of({"bundle": {"price": 99.9, "items": partial}})


# -- selling-point-too-long ---------------------------------------------------------------------
def test_selling_point_too_long():
    assert "selling-point-too-long" in rules_of({"subtitle": "透" * 151})
    assert "selling-point-too-long" not in rules_of({"subtitle": "透" * 150})


# -- schema-error -------------------------------------------------------------------------------
@pytest.mark.parametrize("data,field", [
    ({"price": "cheap"}, "price"),
    ({"price": -1}, "price"),
    ({"price": True}, "price"),
    ({"colour": "黑"}, "colour"),
    ({"attributes": 5}, "attributes"),
    ({"bundle": {"items": []}}, "bundle"),
    ({"bundle": {"price": 9.9, "items": [{"price": 1.5}]}}, "bundle.items.0"),
    ({"selling_points": ["透气", 3]}, "selling_points.1"),
])
def test_schema_error_names_the_field(data, field):
    found = [p for p in problems(data) if p.rule == "schema-error"]
    assert found and found[0].data["field"] == field
    assert field in found[0].message


def test_valid_listing_has_no_schema_error():
    data = {"title": GOOD_TITLE, "brand": "李宁", "model": "ln2026", "category": "运动鞋",
            "attributes": {"颜色": "黑色"}, "style": ["韩版"], "selling_points": ["透气"],
            "subtitle": "透气防滑", "price": 299.9, "promotion_price": 199.9,
            "bundle": {"price": 329.9, "items": [{"name": "鞋", "price": 299.9},
                                                 {"name": "袜", "price": 39.9}]}}
    assert validate(data) == []


def test_published_json_schema_agrees_with_the_validator():
    jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is in the [test] extra")
    schema = json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    v = jsonschema.Draft202012Validator(schema)
    cases = [{"title": "x", "price": 9.9}, {"title": "x", "price": "9"}, {"price": 9.9},
             {"title": "x", "colour": "黑"}, {"title": "x", "attributes": ["a"]},
             {"title": "x", "attributes": {"颜色": "黑"}}, {"title": "x", "style": 3},
             {"title": "x", "bundle": {"price": 5.5, "items": [{"name": "a", "price": 2.5}]}},
             {"title": "x", "bundle": {"price": 5.5}}]
    for case in cases:
        assert v.is_valid(case) == (validate(case) == []), case


def test_examples_follow_the_schema():
    files = sorted(EXAMPLES.glob("*.listing.yaml")) + sorted(EXAMPLES.glob("*.listing.json"))
    assert files
    for f in files:
        doc = read_path(f)
        assert doc.records[0].schema_errors == [], f


# -- files: lines, formats, errors --------------------------------------------------------------
LISTING = """\
# 一个商品
title: 【爆款】耐克 男鞋 运动鞋 ★包邮★
brand: 耐克
price: 300
promotion_price: 2
bundle:
  price: 500
  items:
    - {name: 鞋, price: 300}
    - {name: 袜子, price: 20}
"""


def test_problems_point_at_the_field_line(tmp_path):
    f = tmp_path / "shoe.listing.yaml"
    f.write_text(LISTING, encoding="utf-8")
    data = json.loads(run("lint", str(f), "--format", "json").output)
    res = data["results"][0]
    assert res["line"] == 2
    lines = {(p["rule"], p["line"]) for p in res["problems"] if "line" in p}
    assert ("integer-price", 4) in lines
    assert ("discount-too-deep", 5) in lines
    assert ("bundle-invalid", 7) in lines
    title_rules = [p for p in res["problems"] if p["rule"] == "bracket-highlight"]
    assert title_rules and "line" not in title_rules[0]
    gh = run("lint", str(f), "--format", "github").output
    assert f"file={f},line=5,title=discount-too-deep" in gh.replace("%3A", ":").replace(
        "%2C", ",")
    sarif = json.loads(run("lint", str(f), "--format", "sarif").output)
    regions = [r["locations"][0]["physicalLocation"]["region"]["startLine"]
               for r in sarif["runs"][0]["results"] if r["ruleId"] == "TK603"]
    assert regions == [7]


def test_json_listing_and_fix_keeps_the_rest(tmp_path):
    f = tmp_path / "shoe.listing.json"
    body = {"title": "【爆款】耐克 男鞋 运动鞋 运动鞋", "brand": "耐克", "price": 299.9}
    text = json.dumps(body, ensure_ascii=False, indent=2) + "\n"
    f.write_text(text, encoding="utf-8")
    r = run("lint", str(f), "--fix")
    assert r.exit_code in (0, 1)
    new = f.read_text(encoding="utf-8")
    after = json.loads(new)
    assert after["title"] == "爆款 耐克 男鞋 运动鞋"
    assert new.replace(json.dumps(after["title"], ensure_ascii=False),
                       json.dumps(body["title"], ensure_ascii=False)) == text


def test_yaml_fix_keeps_comments_and_other_fields(tmp_path):
    f = tmp_path / "shoe.listing.yaml"
    f.write_text(LISTING, encoding="utf-8")
    run("lint", str(f), "--fix")
    new = f.read_text(encoding="utf-8")
    assert new.splitlines()[1] == "title: 爆款 耐克 男鞋 运动鞋 包邮"
    assert new.splitlines()[0] == "# 一个商品"
    assert new.splitlines()[2:] == LISTING.splitlines()[2:]


@pytest.mark.parametrize("name,content,line", [
    ("bad.listing.yaml", "title: a\nprice: [1, 2\nbrand: b\n", 3),
    ("bad.listing.yaml", "title: a\n  brand: b\n", 2),
    ("bad.listing.json", '{"title": "a",\n "price": 1,,\n}', 2),
    ("bad.listings.csv", 'title,price\n"a,1\n', 2),
])
def test_malformed_files_fail_with_file_and_line(tmp_path, name, content, line):
    f = tmp_path / name
    f.write_text(content, encoding="utf-8")
    before = f.read_bytes()
    r = run("lint", str(f), "--fix")
    assert r.exit_code == 2
    assert f"{name}:{line}:" in r.output, r.output
    assert "Traceback" not in r.output
    assert f.read_bytes() == before


def test_missing_title_is_a_schema_error_not_a_crash(tmp_path):
    f = tmp_path / "x.listing.yaml"
    f.write_text("brand: 耐克\nprice: 9.9\n", encoding="utf-8")
    r = run("lint", str(f), "--format", "json")
    assert r.exit_code == 1
    probs = json.loads(r.output)["results"][0]["problems"]
    assert [p["rule"] for p in probs] == ["schema-error"]
    assert "title" in probs[0]["message"]


def test_csv_listings_with_prices(tmp_path):
    f = tmp_path / "shop.listings.csv"
    f.write_text(f"title,品牌,一口价,促销价,宝贝卖点\n{GOOD_TITLE},李宁,299.9,2.5,透气\n"
                 f"{GOOD_TITLE},李宁,abc,,{'好' * 151}\n", encoding="utf-8")
    data = json.loads(run("lint", str(f), "--format", "json").output)
    r1 = {(p["rule"], p.get("line")) for p in data["results"][0]["problems"]}
    r2 = {(p["rule"], p.get("line")) for p in data["results"][1]["problems"]}
    assert ("discount-too-deep", 2) in r1
    assert ("schema-error", 3) in r2 and ("selling-point-too-long", 3) in r2


def test_jsonl_listings(tmp_path):
    f = tmp_path / "shop.listings.jsonl"
    rows = [{"title": GOOD_TITLE, "price": 100}, {"title": GOOD_TITLE, "price": 99.9}]
    f.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n",
                 encoding="utf-8")
    data = json.loads(run("lint", str(f), "--format", "json").output)
    assert [any(p["rule"] == "integer-price" for p in r["problems"])
            for r in data["results"]] == [True, False]


def test_declared_brand_makes_other_brands_ip_risk(tmp_path):
    f = tmp_path / "x.listing.yaml"
    f.write_text("title: 耐克 阿迪达斯 男鞋 运动鞋 透气\nbrand: 耐克\nprice: 299.9\n",
                 encoding="utf-8")
    data = json.loads(run("lint", str(f), "--format", "json").output)
    rules = {p["rule"] for p in data["results"][0]["problems"]}
    assert "ip-risk" in rules and "missing-brand" not in rules


def test_select_and_ignore_cover_listing_rules(tmp_path):
    f = tmp_path / "x.listing.yaml"
    f.write_text(LISTING, encoding="utf-8")
    data = json.loads(run("lint", str(f), "--format", "json", "--ignore", "integer-price,TK603"
                          ).output)
    rules = {p["rule"] for p in data["results"][0]["problems"]}
    assert "integer-price" not in rules and "bundle-invalid" not in rules
    assert "discount-too-deep" in rules


def test_schema_command_prints_json_schema():
    schema = json.loads(run("schema").output)
    assert schema["required"] == ["title"] and "price" in schema["properties"]


def test_published_schema_file_is_current():
    path = Path(__file__).resolve().parents[1] / "docs" / "listing.schema.json"
    assert json.loads(path.read_text(encoding="utf-8")) == json_schema(), (
        "regenerate with: titlekit schema > docs/listing.schema.json")
