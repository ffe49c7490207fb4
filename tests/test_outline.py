"""titlekit outline: section order per category, fields, TODOs, user templates, --check, HTML."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from titlekit.cli import main
from titlekit.errors import OutlineError
from titlekit.outline.campaign import campaign_phase
from titlekit.outline.check import check
from titlekit.outline.render import render_markdown
from titlekit.outline.sections import ORDER, match_section, tree

ROOT = Path(__file__).resolve().parents[1]
FULL = {
    "title": "秋水伊人 2026秋季新款 法式 碎花 收腰 显瘦 长袖 连衣裙 qs2026",
    "brand": "秋水伊人", "model": "qs2026", "category": "女装/连衣裙",
    "attributes": {"颜色": "碎花蓝"}, "style": "法式", "selling_points": ["收腰显瘦", "垂感雪纺"],
    "subtitle": "法式碎花收腰设计", "brand_story": "二十年女装品牌", "audience": "上班族女性",
    "scenes": ["通勤上班", "周末约会"], "details": ["领口包边", "隐形拉链"],
    "specs": {"续航": "49 小时"}, "sizes": [{"尺码": "M", "胸围": "88"}],
    "origin": "西湖产区", "shelf_life": "18 个月", "usage": "80℃ 水冲泡", "warranty": "一年换新",
    "after_sales": ["7 天无理由退换"], "related": ["针织开衫"], "promotions": ["满 300 减 30"],
    "price": 299.9, "promotion_price": 239.9,
    "bundle": {"price": 319.9, "items": [{"name": "连衣裙", "price": 299.9},
                                         {"name": "腰带", "price": 39.9}]},
}
COMMON = ("brand", "model", "selling_points", "subtitle", "brand_story", "audience", "scenes",
          "details", "after_sales", "related", "promotions", "price", "promotion_price", "style",
          "attributes", "bundle")
PER_CATEGORY = {"apparel": ("sizes",), "electronics": ("specs", "warranty"),
                "food": ("origin", "shelf_life", "usage"), "default": ()}


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def section_keys(md: str) -> list[str]:
    return [match_section(c.title) for root in tree(md) for c in root.children]


@pytest.mark.parametrize("category", list(ORDER))
def test_sections_follow_the_playbook_order(category):
    md = render_markdown({"title": "某商品"}, category=category)
    assert section_keys(md) == ORDER[category]
    assert check(md, "md", category) == []


def _strings(value) -> list[str]:
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in (_strings(k) + _strings(v))]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return [str(value)]


@pytest.mark.parametrize("category", list(ORDER))
def test_every_product_field_reaches_the_page(category):
    md = render_markdown(FULL, category=category)
    for name in COMMON + PER_CATEGORY[category]:
        for text in _strings(FULL[name]):
            if name == "bundle" and text in ("name", "price", "items", "299.9", "39.9"):
                continue
            assert text in md, (name, text)
    assert "TODO" not in md


def test_missing_fields_become_todos():
    md = render_markdown({"title": "某商品 连衣裙"}, category="apparel")
    todos = re.findall(r"TODO：.*?商品资料的 `(\w+)` 字段", md)
    for name in ("promotions", "brand_story", "audience", "scenes", "selling_points", "details",
                 "sizes", "after_sales", "related"):
        assert name in todos, name
    assert "尺码描述" in md


def test_title_slots_fill_selling_points_when_the_listing_has_none():
    md = render_markdown({"title": "某商品"}, category="default",
                         slots={"selling_point": ["透气", "防滑"]})
    assert "卖点：透气" in md and "卖点：防滑" in md


def test_category_comes_from_the_listing():
    assert section_keys(render_markdown({"title": "x", "category": "食品/茶叶"}))[5] == "food"
    assert "specs" in section_keys(render_markdown({"title": "漫步者 蓝牙耳机"}))


def test_user_templates_override_shipped_ones(tmp_path):
    (tmp_path / "default.md.jinja").write_text(
        '{% extends "base.md.jinja" %}{% block recommend %}## 相关推荐与店铺说明\n\n- 本店自定义\n'
        '{% endblock %}', encoding="utf-8")
    md = render_markdown({"title": "某商品"}, category="default", user_dir=tmp_path)
    assert "本店自定义" in md
    assert section_keys(md) == ORDER["default"]


def test_strict_undefined_names_template_line_and_field(tmp_path):
    (tmp_path / "default.md.jinja").write_text("# {{ p.title }}\n\n买给：{{ p.audience }}\n",
                                               encoding="utf-8")
    with pytest.raises(OutlineError) as err:
        render_markdown({"title": "某商品"}, category="default", user_dir=tmp_path)
    msg = str(err.value)
    assert "default.md.jinja:3" in msg and "'audience'" in msg and "is defined" in msg


def test_template_syntax_errors_are_reported(tmp_path):
    (tmp_path / "default.md.jinja").write_text("{% if p.title %}\n", encoding="utf-8")
    r = run("outline", str(ROOT / "examples" / "tea.listing.yaml"), "--templates",
            str(tmp_path), "--category", "default")
    assert r.exit_code == 2 and "default.md.jinja" in r.output and "Traceback" not in r.output


def test_check_finds_order_problems_and_a_removed_section():
    md = render_markdown({"title": "某商品"}, category="apparel")
    parts = re.split(r"(?m)^(?=## )", md)
    head, sections = parts[0], parts[1:]
    by_key = {match_section(s.splitlines()[0][3:]): s for s in sections}
    del by_key["details"]
    keys = list(by_key)
    keys[0], keys[3] = keys[3], keys[0]  # overview first, promotion fourth
    page = head + "".join(by_key[k] for k in keys)
    found = check(page, "md", "apparel")
    rules = [(p.rule, p.data["section"]) for p in found]
    assert ("outline-missing-section", "details") in rules
    assert ("outline-order", "focus") in rules or ("outline-order", "promotion") in rules
    assert all(p.line is not None for p in found)


def test_check_reads_html_headings(tmp_path):
    page = tmp_path / "page.html"
    page.write_text("<h1>页</h1><h2>细节图</h2><h2>店铺活动</h2>", encoding="utf-8")
    r = run("outline", "--check", str(page), "--format", "json")
    data = json.loads(r.output)
    rules = {p["rule"] for p in data["results"][0]["problems"]}
    assert rules == {"outline-order", "outline-missing-section"}
    assert r.exit_code == 1


def test_cli_json_outline_has_section_titles():
    r = run("outline", str(ROOT / "examples" / "earbuds.listing.yaml"), "--format", "json")
    data = json.loads(r.output)
    titles = [c["title"] for c in data["sections"][0]["children"]]
    assert titles[0] == "店铺活动" and "参数" in titles
    assert data["category"] == "electronics"


@pytest.mark.parametrize("day,phase", [
    ("2026-11-11", "爆发期"), ("2026-11-20", "售后期"), ("2026-11-08", "预热期"),
    ("2026-09-20", "预售期"), ("2026-09-01", "蓄水期"), ("2026-12-25", None)])
def test_campaign_phases(day, phase):
    assert campaign_phase("double11", dt.date.fromisoformat(day))["phase"] == phase


def test_campaign_reaches_the_promotion_block():
    md = render_markdown({"title": "某商品"}, campaign=campaign_phase(
        "double11", dt.date(2026, 11, 11)))
    block = md.split("## 焦点图")[0]
    assert "双11 爆发期" in block and "催付" in block


def test_catalog_to_directory_with_index(tmp_path):
    cat = tmp_path / "shop.csv"
    cat.write_text("title,品牌\n李宁 跑步鞋 男 透气,李宁\n九阳 豆浆机 家用,九阳\n", encoding="utf-8")
    out = tmp_path / "out"
    r = run("outline", str(cat), "-o", str(out), "--format", "html")
    assert r.exit_code == 0, r.output
    files = sorted(p.name for p in out.iterdir())
    assert files == ["index.html", "shop-2.html", "shop-3.html"]
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="shop-2.html"' in index and "九阳 豆浆机" in index


def test_examples_outlines_are_current(tmp_path):
    ex = ROOT / "examples"
    out = tmp_path / "o"
    run("outline", *(str(ex / f"{n}.listing.yaml") for n in ("dress", "earbuds", "tea")),
        "-o", str(out))
    for f in out.iterdir():
        assert f.read_text(encoding="utf-8") == (ex / "outlines" / f.name).read_text(
            encoding="utf-8"), f.name


def test_html_page_is_self_contained_and_escaped():
    r = run("outline", str(ROOT / "examples" / "dress.listing.yaml"), "--format", "html")
    page = r.output
    assert page.startswith("<!doctype html>") and "Noto Sans CJK SC" in page
    assert "<h2>尺码描述</h2>" in page and "<table>" in page
    assert "http" not in page.replace("http-equiv", "")  # nothing fetched from the network


@pytest.mark.slow
def test_html_outline_renders_in_chromium(tmp_path):
    sys.path.insert(0, str(ROOT / "scripts"))
    from render_outline_png import chromium, screenshot

    if chromium() is None:
        pytest.skip("chromium is not installed (apt-get install chromium fonts-noto-cjk)")
    page = tmp_path / "dress.html"
    page.write_text(run("outline", str(ROOT / "examples" / "dress.listing.yaml"),
                        "--format", "html").output, encoding="utf-8")
    png = tmp_path / "dress.png"
    screenshot(page, png, height=1200)
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(data) > 20_000  # a blank page compresses to a few KB
    assert shutil.which("fc-list") is None or "CJK" in subprocess.run(
        ["fc-list", ":lang=zh"], capture_output=True, text=True, check=False).stdout


def test_outline_is_a_designers_brief_with_numbered_sized_images_and_copy_lengths():
    """Issue 16: per section the images to make (count, size, ratio), numbered slots, copy
    lengths as placeholders, units in the size table, Chinese labels."""
    p = {"title": "某品牌 连衣裙", "scenes": ["通勤", "约会"],
         "sizes": [{"尺码": "M", "胸围": "88"}]}
    md = render_markdown(p, category="apparel")
    slots = [int(n) for n in re.findall(r"^- \[图 (\d+)\]", md, re.MULTILINE)]
    assert slots == list(range(1, len(slots) + 1)) and len(slots) > 10
    assert "- [图 4] 场景图：通勤（750×1000 px，3:4）" in md
    assert "- [图 5] 场景图：约会（750×1000 px，3:4）" in md
    assert f"宽 750 px（淘宝），共 {len(slots)} 张图" in md
    assert "【品牌介绍，≤ 80 字】" in md
    assert "| 尺码 | 胸围（cm） |" in md
    assert "类目：服装" in md and "apparel" not in md and "listing 字段" not in md
    tmall = render_markdown(p, category="apparel", platform="tmall")
    assert "- [图 4] 场景图：通勤（790×1053 px，3:4）" in tmall and "宽 790 px（天猫）" in tmall


def test_outline_cli_platform_tmall_gives_790_px(tmp_path):
    from click.testing import CliRunner

    from titlekit.cli import main

    f = tmp_path / "x.listing.yaml"
    f.write_text("title: 某品牌 连衣裙\n", encoding="utf-8")
    out = CliRunner().invoke(main, ["outline", str(f), "--platform", "tmall"]).output
    assert "宽 790 px（天猫）" in out
