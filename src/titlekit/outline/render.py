"""Rendering outlines from Jinja templates: Markdown, and a self-contained HTML page from it.

Templates see the listing as ``p`` (missing fields are *undefined*: StrictUndefined makes a
template that uses one without marking it optional fail with the template, line and field), the
title's slots as ``slots``, the section catalogue as ``sections`` and the campaign phase (or
None) as ``campaign``.
"""

from __future__ import annotations

import html
import re
import traceback
from pathlib import Path

from ..errors import OutlineError
from ..resources import data_dir
from .brief import brief as make_brief
from .brief import page as page_info
from .sections import _HEADING_MD, ORDER, SECTIONS, category_of

# the shipped category names, as the outline shows them
CATEGORY_LABEL = {"apparel": "服装", "electronics": "数码电器", "food": "食品", "default": "通用"}


def shipped_dir() -> Path:
    return data_dir("templates") / "outline"


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
                    user_dir: str | Path | None = None, slots: dict | None = None,
                    platform: str = "taobao") -> str:
    import jinja2

    cat = category_of(p, category)
    name = f"{cat}.md.jinja"
    env = environment(user_dir)
    try:
        tpl = env.get_template(name)
        the_brief = make_brief(p, ORDER[cat], platform, slots)
        return tpl.render(p=p, slots=slots or {}, campaign=campaign, category=cat,
                          category_label=CATEGORY_LABEL.get(cat, cat), sections=SECTIONS,
                          brief=the_brief, page={**page_info(platform), "images": sum(
                              len(b.slots) for b in the_brief.values())})
    except jinja2.TemplateSyntaxError as exc:
        raise OutlineError(f"{exc.filename or exc.name}:{exc.lineno}: {exc.message}") from None
    except jinja2.TemplateNotFound as exc:
        raise OutlineError(f"template '{exc.name}' not found in "
                           f"{user_dir or ''} {shipped_dir()}") from None
    except (jinja2.UndefinedError, TypeError, ValueError, KeyError, AttributeError) as exc:
        raise _template_error(exc, name) from None


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
