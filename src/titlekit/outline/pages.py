"""Outline pages for the records of listing files and catalogs, and writing them with an index.

One page per product: the listing's fields (or the row's columns), the title's slots, the
category's template and the campaign phase, rendered as Markdown, HTML or JSON (the section
tree).
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass
from pathlib import Path

from ..formats.document import Document, atomic_write
from ..reading.reader import Reader
from .render import render_html, render_markdown
from .sections import category_of, tree

FORMATS = ("markdown", "html", "json")
SUFFIX = {"markdown": "md", "html": "html", "json": "json"}


@dataclass
class Page:
    name: str  # file stem: the input's name, with the record's line for a catalog
    product: dict
    category: str
    text: str  # the page in the requested format


def pages(docs: list[Document], reader: Reader, fmt: str, *, category: str | None = None,
          campaign: dict | None = None, templates: str | None = None,
          platform: str = "taobao") -> list[Page]:
    """The outline of every record of ``docs`` in ``fmt``."""
    out = []
    for doc in docs:
        for rec in doc.records:
            product = dict(rec.listing.data) if rec.listing is not None else {}
            product.update({k: v for k, v in rec.context.items() if k not in product})
            if rec.title:
                product["title"] = rec.title
            product.setdefault("title", "（无标题）")
            slots: dict[str, list[str]] = {}
            for s in reader.read(product["title"], rec.context).slots:
                if s.text not in slots.setdefault(s.type, []):
                    slots[s.type].append(s.text)
            md = render_markdown(product, category=category, campaign=campaign,
                                 user_dir=templates, slots=slots, platform=platform)
            stem = Path(doc.path).name.split(".")[0]
            name = stem if len(doc.records) == 1 else f"{stem}-{rec.line}"
            cat = category_of(product, category)
            out.append(Page(name, product, cat, _as_format(fmt, product, cat, md, campaign,
                                                          templates)))
    return out


def _as_format(fmt: str, product: dict, cat: str, md: str, campaign: dict | None,
               templates: str | None) -> str:
    if fmt == "html":
        return render_html(md, product["title"], templates)
    if fmt == "json":
        return json.dumps({"version": 1, "title": product["title"], "category": cat,
                           "campaign": campaign, "sections": [s.to_dict() for s in tree(md)]},
                          ensure_ascii=False, indent=2) + "\n"
    return md


def write(out: Path, rendered: list[Page], fmt: str, templates: str | None = None) -> int:
    """Write one file per page (names made unique) and an index into ``out``; the number of
    pages written."""
    out.mkdir(parents=True, exist_ok=True)
    ext = SUFFIX[fmt]
    used: set[str] = set()
    links = []
    for page in rendered:
        name, n = page.name, 2
        while name in used:
            name, n = f"{page.name}-{n}", n + 1
        used.add(name)
        atomic_write(out / f"{name}.{ext}", page.text.encode("utf-8"))
        links.append((f"{name}.{ext}", page.product["title"], page.category))
    atomic_write(out / f"index.{ext}", index(links, fmt, templates).encode("utf-8"))
    return len(links)


def index(links: list[tuple[str, str, str]], fmt: str, templates: str | None = None) -> str:
    """The index page of (file, title, category) links."""
    if fmt == "json":
        return json.dumps({"version": 1, "outlines": [
            {"file": f, "title": t, "category": c} for f, t, c in links]},
            ensure_ascii=False, indent=2) + "\n"
    from .render import CATEGORY_LABEL

    if fmt == "markdown":
        return "# 详情页大纲\n\n" + "".join(f"- [{t}]({f})（{CATEGORY_LABEL.get(c, c)}）\n"
                                         for f, t, c in links)
    items = "".join(f'<li><a href="{html.escape(f)}">{html.escape(t)}</a>'
                    f'（{CATEGORY_LABEL.get(c, c)}）</li>\n' for f, t, c in links)
    return render_html("# 详情页大纲\n", "详情页大纲", templates).replace(
        "</h1>", f"</h1>\n<ul>\n{items}</ul>", 1)
