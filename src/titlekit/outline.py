"""Detail-page outlines in the playbooks' order, rendered from Jinja templates; and the audit of
an existing page's section order (``--check``).

The order (playbook section 4: seed 003's page order and persuasion sequence, seed 000's
description checklist, seed 002's core selling points and scenes) is :data:`ORDER`, one list per
category; the shipped templates in ``templates/outline/`` follow it and a test checks that they
do. Templates see the listing as ``p`` (missing fields are *undefined*: StrictUndefined makes a
template that uses one without marking it optional fail with the template, line and field), the
title's slots as ``slots``, the section catalogue as ``sections`` and the campaign phase (or
None) as ``campaign``. Output is Markdown; JSON is the section tree parsed from it, HTML a
self-contained page built from it.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from .lexicons import data_dir

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

# 双11 customer-operation calendar (seed 004): (phase, first day, last day, tactics)
DOUBLE11 = (
    ("爆发期", (11, 11), (11, 11), ("0 点开抢提醒、多波段催付", "预热期加购收藏人群当天转化",
                                  "高关注未成交的高潜客户冲刺提醒", "会员多倍积分、前 2 小时成交加倍")),
    ("售后期", (11, 12), (11, 30), ("11.14 前告知积极发货，11.14–18 告知发货压力，11.18 后发货补偿券",
                                  "复购补偿券", "确认收货后保持会员活跃")),
    ("预热期", (10, 20), (11, 10), ("收藏、加购蓄水", "老客召回：流失客户、忠诚老客、去年双11买家",
                                  "活动倒计时提醒", "新会员专享券、积分兑换券")),
    ("预售期", (9, 9), (10, 19), ("做高预售参与客户量：提醒客户付定金", "关联搭配推荐",
                                  "营销主题系列活动触达活动敏感客户")),
    ("蓄水期", (8, 25), (9, 8), ("唤起记忆、蓄水造势：定向海报与个性化首页",
                                 "新客强调热销商品和新人礼，老客强调新品、积分和满减",
                                 "加购收藏未成交人群的自动化营销", "引导入会、会员互动")),
)
CAMPAIGNS = {"double11": DOUBLE11}
CAMPAIGN_NAMES = {"double11": "双11"}


class OutlineError(ValueError):
    """A template or input problem; the message names the template, line and cause."""


def shipped_dir() -> Path:
    return data_dir("templates") / "outline"


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


def campaign_phase(name: str | None, date: dt.date | None) -> dict | None:
    if not name:
        return None
    if name not in CAMPAIGNS:
        raise OutlineError(f"unknown campaign '{name}' (known: {', '.join(CAMPAIGNS)})")
    day = date or dt.date.today()
    for phase, (m1, d1), (m2, d2), tactics in CAMPAIGNS[name]:
        if dt.date(day.year, m1, d1) <= day <= dt.date(day.year, m2, d2):
            return {"name": CAMPAIGN_NAMES[name], "phase": phase, "date": day.isoformat(),
                    "from": f"{m1}.{d1}", "to": f"{m2}.{d2}", "tactics": list(tactics)}
    return {"name": CAMPAIGN_NAMES[name], "phase": None, "date": day.isoformat(), "from": None, "to": None,
            "tactics": []}


# -- rendering -------------------------------------------------------------------------------

def environment(user_dir: str | Path | None = None):
    import jinja2

    dirs = ([str(user_dir)] if user_dir else []) + [str(shipped_dir())]
    return jinja2.Environment(loader=jinja2.FileSystemLoader(dirs),
                              undefined=jinja2.StrictUndefined, keep_trailing_newline=True,
                              trim_blocks=True, lstrip_blocks=True, autoescape=False)


def _template_error(exc: Exception, name: str) -> OutlineError:
    frames = [f for f in traceback.extract_tb(exc.__traceback__)
              if f.filename.endswith(".jinja")]
    where = f"{frames[-1].filename}:{frames[-1].lineno}" if frames else name
    msg = str(exc)
    m = re.search(r"has no attribute '([^']+)'|'([^']+)' is undefined", msg)
    if m:
        fld = m.group(1) or m.group(2)
        return OutlineError(
            f"{where}: the listing has no field '{fld}'; mark it optional in the template "
            f"({{% if p.{fld} is defined %}} … or p.{fld} | default(…))")
    return OutlineError(f"{where}: {msg}")


def render_markdown(p: dict, *, category: str | None = None, campaign: dict | None = None,
                    user_dir: str | Path | None = None, slots: dict | None = None) -> str:
    import jinja2

    cat = category_of(p, category)
    name = f"{cat}.md.jinja"
    env = environment(user_dir)
    try:
        tpl = env.get_template(name)
        return tpl.render(p=p, slots=slots or {}, campaign=campaign, category=cat,
                          sections=SECTIONS)
    except jinja2.TemplateSyntaxError as exc:
        raise OutlineError(f"{exc.filename or exc.name}:{exc.lineno}: {exc.message}") from None
    except jinja2.TemplateNotFound as exc:
        raise OutlineError(f"template '{exc.name}' not found in "
                           f"{user_dir or ''} {shipped_dir()}") from None
    except (jinja2.UndefinedError, TypeError, ValueError, KeyError, AttributeError) as exc:
        raise _template_error(exc, name) from None


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


# -- HTML ------------------------------------------------------------------------------------

def _inline(s: str) -> str:
    s = html.escape(s)
    s = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", s)
    s = re.sub(r"`(.+?)`", r"<code>\1</code>", s)
    return s


def markdown_to_html(md: str) -> str:
    """The small Markdown the outline templates write: headings, quotes, lists, tables."""
    out: list[str] = []
    in_list = in_table = False
    for line in md.splitlines():
        s = line.strip()
        if in_list and not s.startswith("- "):
            out.append("</ul>")
            in_list = False
        if in_table and not s.startswith("|"):
            out.append("</table>")
            in_table = False
        m = _HEADING_MD.match(s)
        if m:
            n = len(m.group(1))
            out.append(f"<h{n}>{_inline(m.group(2))}</h{n}>")
        elif s.startswith("> "):
            out.append(f'<p class="purpose">{_inline(s[2:])}</p>')
        elif s.startswith("- "):
            if not in_list:
                out.append("<ul>")
                in_list = True
            item = s[2:]
            cls = ' class="todo"' if "TODO" in item else ""
            item = item.replace("[ ] ", "☐ ")
            out.append(f"<li{cls}>{_inline(item)}</li>")
        elif s.startswith("|"):
            cells = [c.strip() for c in s.strip("|").split("|")]
            if all(re.fullmatch(r":?-+:?", c) for c in cells):
                continue
            if not in_table:
                out.append("<table>")
                in_table = True
                out.append("<tr>" + "".join(f"<th>{_inline(c)}</th>" for c in cells) + "</tr>")
            else:
                out.append("<tr>" + "".join(f"<td>{_inline(c)}</td>" for c in cells) + "</tr>")
        elif s:
            out.append(f"<p>{_inline(s)}</p>")
    if in_list:
        out.append("</ul>")
    if in_table:
        out.append("</table>")
    return "\n".join(out) + "\n"


def render_html(markdown: str, title: str, user_dir: str | Path | None = None) -> str:
    import jinja2

    env = environment(user_dir)
    env.autoescape = True
    try:
        return env.get_template("page.html.jinja").render(
            title=title, body=markdown_to_html(markdown))
    except jinja2.TemplateError as exc:
        raise OutlineError(f"page.html.jinja: {exc}") from None


# -- checking an existing page ---------------------------------------------------------------

def check(text: str, kind: str, category: str) -> list[tuple[str, int | None, str, dict]]:
    """(rule, line, message, data) for missing and out-of-order sections of a page."""
    order = ORDER[category]
    found: list[tuple[int, str, str]] = []  # (line, key, heading)
    heads = headings(text, kind)
    top = min((lv for _, lv, _ in heads), default=1)
    if sum(lv == top for _, lv, _ in heads) == 1 and len(heads) > 1:
        heads = [h for h in heads if h[1] != top]  # one page title above the sections
    for line, _level, head in heads:
        key = match_section(head)
        if key in order and key not in [k for _, k, _ in found]:
            found.append((line, key, head))
    problems = []
    rank = {k: i for i, k in enumerate(order)}
    best = -1
    best_head = ""
    for line, key, head in found:
        if rank[key] < best:
            problems.append(("outline-order", line,
                             f"“{head}”（{SECTIONS[key][0]}）应在“{best_head}”之前：推荐顺序是 "
                             + " → ".join(SECTIONS[k][0] for k in order) + "。",
                             {"section": key, "expected_before": best_head}))
        else:
            best, best_head = rank[key], head
    present = {k for _, k, _ in found}
    for key in order:
        if key not in present:
            title, stage, _ = SECTIONS[key]
            nxt = next((ln for ln, k, _ in found if rank[k] > rank[key]),
                       text.count("\n") + 1)
            problems.append(("outline-missing-section", nxt,
                             f"缺少“{title}”部分（{stage}）：详情页推荐顺序见运营规则第 4 节。",
                             {"section": key}))
    return problems
