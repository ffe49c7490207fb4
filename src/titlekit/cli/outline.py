"""``titlekit outline``: detail-page outlines of listings and catalogs, or the audit of an
existing page (``--check``)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..i18n import t
from . import common, habits


@click.command()
@click.argument("inputs", nargs=-1, metavar="[LISTING|CATALOG]...")
@click.option("-f", "--format", "fmt", default=None,
              type=click.Choice(["markdown", "html", "json", "text", "github", "sarif"]),
              help="Outline: markdown (default), html, json. --check: text (default), json, "
                   "github, sarif.")
@click.option("-o", "--output", "out_dir", type=click.Path(file_okay=False), default=None,
              help="Write one file per product and an index into this directory.")
@click.option("--category", default=None,
              help="Template: apparel, electronics, food or default [default: from the "
                   "listing's category and title].")
@click.option("--campaign", default=None, help="Campaign for the promotion block: double11.")
@click.option("--date", "date_", default=None, help="Date of the campaign phase, YYYY-MM-DD "
              "[default: today].")
@click.option("--templates", "templates_dir", type=click.Path(file_okay=False), default=None,
              help="Your templates; they override the shipped ones by file name.")
@click.option("--check", "check_path", type=click.Path(dir_okay=False), default=None,
              help="Audit an existing page (Markdown or HTML headings) instead.")
@click.option("--column", default=None, help="Title column of CSV/TSV/JSONL input.")
@click.option("--platform", default=None,
              help="taobao (detail pages 750 px wide) or tmall (790 px) [default: the config's].")
@habits.lang_option
def outline(inputs: tuple[str, ...], fmt: str | None, out_dir: str | None,
            category: str | None, campaign: str | None, date_: str | None,
            templates_dir: str | None, check_path: str | None, column: str | None,
            platform: str | None, lang: str | None) -> None:
    """Detail-page outlines in the playbooks' recommended order.

    \b
    titlekit outline product.listing.yaml                  # Markdown on stdout
    titlekit outline catalog.csv -o outlines/ --format html
    titlekit outline product.listing.yaml --campaign double11 --date 2026-11-08
    titlekit outline --check detail_page.md --category apparel

    The outline itself is a brief for a Chinese detail page and stays Chinese; --lang
    switches what is said around it (messages, errors, the --check report).
    """
    import datetime as dt

    from ..formats.dispatch import read_path
    from ..linting.linter import Linter
    from ..outline import pages as outline_pages
    from ..outline.campaign import campaign_phase

    common.set_language(lang)
    cfg = common.config(None, False, platform=platform)
    common.set_language(lang, cfg)
    templates_dir = templates_dir or cfg.templates
    if check_path:
        _outline_check(check_path, fmt or "text", category or "default")
        return
    if not inputs:
        raise click.UsageError(t("use.outline_input"))
    fmt = fmt or "markdown"
    if fmt not in outline_pages.FORMATS:
        raise click.UsageError(t("use.outline_format"))
    try:
        day = dt.date.fromisoformat(date_) if date_ else None
    except ValueError:
        raise click.UsageError(t("use.outline_date", date=repr(date_))) from None
    phase = campaign_phase(campaign, day)
    reader = Linter(cfg).reader
    docs = [read_path(arg, column=column, columns=dict(cfg.columns)) for arg in inputs]
    rendered = outline_pages.pages(docs, reader, fmt, category=category, campaign=phase,
                                   templates=templates_dir, platform=cfg.platform)
    if out_dir is None:
        for page in rendered:
            click.echo(page.text, nl=False)
        return
    n = outline_pages.write(Path(out_dir), rendered, fmt, templates_dir)
    click.echo(t("outline.written", path=out_dir, n=n, index=f"index.{outline_pages.SUFFIX[fmt]}"),
               err=True)


def _outline_check(path: str, fmt: str, category: str) -> None:
    from ..formats.decode import decode
    from ..outline.check import check
    from ..outline.sections import ORDER
    from ..output import render
    from ..problems import Result, score

    if fmt not in ("text", "json", "github", "sarif"):
        raise click.UsageError(t("use.check_format"))
    if category not in ORDER:
        common.fail(t("use.outline_category", category=category, choices=", ".join(ORDER)))
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        common.fail(f"{path}: " + t("in.cannot_read", why=exc.strerror))
    text, _enc, _bom = decode(path, data)
    kind = "html" if path.lower().endswith((".html", ".htm")) or "<h1" in text.lower() else "md"
    problems = check(text, kind, category)
    first = text.strip().splitlines()[0] if text.strip() else ""
    res = Result(first.lstrip("# ").strip()[:60], score(problems), 0, 0, "chars", [], problems,
                 path, 1)
    click.echo(render(fmt, [res], color=sys.stdout.isatty(), verbose=False,
                      platform="taobao"), nl=False)
    sys.exit(common.EXIT_PROBLEMS if problems else common.EXIT_OK)
