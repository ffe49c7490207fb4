"""The detail-page sections in the playbooks' order, and reading the sections of a page.

The order (playbook section 4: seed 003's page order and persuasion sequence, seed 000's
description checklist, seed 002's core selling points and scenes) is :data:`ORDER`, one list per
category; the shipped templates in ``templates/outline/`` follow it and a test checks that they
do.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from ..errors import OutlineError

# key -> (heading, persuasion stage, words that identify the section in an existing page)
SECTIONS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "promotion": ("店铺活动", "引发兴趣", ("店铺活动", "活动", "促销", "优惠")),
    "focus": ("焦点图与品牌介绍", "引发兴趣", ("焦点图", "品牌介绍", "品牌故事", "品牌")),
    "scene": ("场景图与文案", "激发潜在需求", ("场景",)),
    "overview": ("产品总体图与推荐理由", "激发潜在需求", ("产品总体图", "产品图", "推荐理由", "卖点",
                                                "购买理由")),
    "details": ("细节图", "从信任到信赖", ("细节",)),
    "sizes": ("尺码描述", "从信任到信赖", ("尺码", "尺寸")),
    "specs": ("参数", "从信任到信赖", ("参数", "规格")),
    "food": ("产地、保质期与食用方法", "从信任到信赖", ("产地", "保质期", "食用方法")),
    "after_sales": ("售后说明", "从信赖到强烈想占有", ("售后", "保修", "退换", "交易说明")),
    "recommend": ("相关推荐与店铺说明", "替客户做决定", ("相关推荐", "店铺其他说明", "店铺说明")),
    "related": ("关联营销", "替客户做决定", ("关联营销", "搭配", "关联")),
}
_BASE = ["promotion", "focus", "scene", "overview", "details", "after_sales", "recommend",
         "related"]
ORDER: dict[str, list[str]] = {
    "default": _BASE,
    "apparel": _BASE[:5] + ["sizes"] + _BASE[5:],
    "electronics": _BASE[:5] + ["specs"] + _BASE[5:],
    "food": _BASE[:5] + ["food"] + _BASE[5:],
}
CATEGORIES = tuple(ORDER)
_CATEGORY_WORDS = {
    "apparel": ("女装", "男装", "童装", "服装", "服饰", "内衣", "鞋", "裙", "裤", "衣", "衫", "apparel",
                "clothing"),
    "electronics": ("数码", "手机", "电脑", "家电", "耳机", "相机", "平板", "电器", "electronics"),
    "food": ("食品", "零食", "生鲜", "茶", "酒", "饮料", "水果", "粮油", "保健", "food"),
}


def category_of(p: dict, given: str | None = None) -> str:
    if given:
        if given not in ORDER:
            raise OutlineError(f"unknown category '{given}' (choose from {', '.join(ORDER)})")
        return given
    text = f"{p.get('category', '')} {p.get('title', '')}".lower()
    for cat in ("food", "electronics", "apparel"):
        if any(w in text for w in _CATEGORY_WORDS[cat]):
            return cat
    return "default"


@dataclass
class Section:
    title: str
    level: int
    line: int
    body: list[str] = field(default_factory=list)
    children: list[Section] = field(default_factory=list)

    def to_dict(self) -> dict:
        key = match_section(self.title) if self.level > 1 else None
        d = {"title": self.title, "level": self.level, "line": self.line}
        if key:
            d.update(key=key, stage=SECTIONS[key][1])
        d["todo"] = [b for b in self.body if "TODO" in b]
        d["body"] = self.body
        d["children"] = [c.to_dict() for c in self.children]
        return d


_HEADING_MD = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
_HEADING_HTML = re.compile(r"<h([1-6])[^>]*>(.*?)</h\1>", re.IGNORECASE | re.DOTALL)


def headings(text: str, kind: str) -> list[tuple[int, int, str]]:
    """(line, level, text) of every heading of a Markdown or HTML page."""
    out = []
    if kind == "html":
        for m in _HEADING_HTML.finditer(text):
            line = text.count("\n", 0, m.start()) + 1
            inner = html.unescape(re.sub(r"<[^>]+>", "", m.group(2))).strip()
            out.append((line, int(m.group(1)), inner))
        return out
    fence = False
    for i, line in enumerate(text.splitlines(), 1):
        if line.startswith("```"):
            fence = not fence
        m = None if fence else _HEADING_MD.match(line)
        if m:
            out.append((i, len(m.group(1)), m.group(2).strip()))
    return out


def tree(markdown: str) -> list[Section]:
    """The section tree of a Markdown outline (headings nest by level)."""
    roots: list[Section] = []
    stack: list[Section] = []
    heads = {line: (level, text) for line, level, text in headings(markdown, "md")}
    for i, line in enumerate(markdown.splitlines(), 1):
        if i in heads:
            level, text = heads[i]
            sec = Section(text, level, i)
            while stack and stack[-1].level >= level:
                stack.pop()
            (stack[-1].children if stack else roots).append(sec)
            stack.append(sec)
        elif line.strip() and stack:
            stack[-1].body.append(line.strip())
    return roots


def match_section(heading: str) -> str | None:
    for key, (title, _stage, words) in SECTIONS.items():
        if heading.startswith(title) or any(w in heading for w in words):
            return key
    return None
