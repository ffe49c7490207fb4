"""The ``titlekit`` command: the only module that touches argv, stdout, exit codes and env.

Exit codes: 0 clean at the ``--fail-on`` level, 1 problems at or above it, 2 usage, config or
input error.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__

EXIT_OK, EXIT_PROBLEMS, EXIT_ERROR = 0, 1, 2


def _split(values: tuple[str, ...]) -> tuple[str, ...] | None:
    out = tuple(v.strip() for item in values for v in item.split(",") if v.strip())
    return out or None


def _fail(message: str) -> None:
    click.echo(f"titlekit: error: {message}", err=True)
    sys.exit(EXIT_ERROR)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="titlekit")
def main() -> None:
    """Lint and fix Taobao/Tmall product titles against sellers' operations playbooks.

    \b
    titlekit lint "【爆款】耐克 男鞋 运动鞋 运动鞋 ★包邮★"
    titlekit lint examples/titles.txt --format json
    titlekit rules
    """


def _looks_like_path(arg: str) -> bool:
    from .io import KNOWN_SUFFIXES

    # Titles often contain "/" (a3/a4, 8gb/256gb), so only an existing path or a file suffix
    # makes an argument a file; a missing "x.csv" is then reported as a missing file.
    return Path(arg).is_file() or Path(arg).is_dir() or arg.lower().endswith(KNOWN_SUFFIXES)


@main.command()
@click.argument("inputs", nargs=-1, metavar="[TITLE|FILE|-]...")
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json", "github", "sarif"]),
              default="text", show_default=True, help="Output format.")
@click.option("--fix", is_flag=True, help="Apply safe fixes and write changed files in place.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default=None,
              help="Lowest severity that makes the exit code 1 [default: error].")
@click.option("--select", multiple=True, help="Rules to run: codes, names or code prefixes.")
@click.option("--ignore", multiple=True, help="Rules to skip: codes, names or code prefixes.")
@click.option("--platform", default=None, help="taobao, tmall or one defined in the config.")
@click.option("--column", default=None, help="Title column of CSV/TSV/JSONL input.")
@click.option("--brand", default=None, help="The item's brand (for every title given).")
@click.option("--model", default=None, help="The item's model / 货号.")
@click.option("--category", default=None, help="The item's category (e.g. apparel, 女装/连衣裙).")
@click.option("--unbranded", is_flag=True, default=None, help="The shop sells unbranded goods.")
@click.option("--segmenter", type=click.Choice(["jieba", "rjieba", "auto"]), default=None,
              help="Segmentation backend [default: auto: rjieba when installed, else jieba].")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None,
              help="Config file (default: nearest .titlekit.toml or pyproject.toml).")
@click.option("--no-config", is_flag=True, help="Ignore config files.")
@click.option("--color/--no-color", default=None, help="Colour text output [default: on a tty].")
@click.option("--competitors", "competitors_path", type=click.Path(dir_okay=False), default=None,
              help="Competitors' titles: an index from `titlekit index build` (.tkidx) or a "
                   "title file; turns on duplicate-competitor.")
@click.option("--duplicates", is_flag=True,
              help="Find near-identical titles among the inputs (duplicate-in-catalog).")
@click.option("--exit-zero", is_flag=True,
              help="Exit 0 even when problems are found (input errors still exit 2).")
@click.option("-v", "--verbose", is_flag=True, help="Show slots and the encoding of each file.")
def lint(inputs: tuple[str, ...], fmt: str, fix: bool, fail_on: str | None,
         select: tuple[str, ...], ignore: tuple[str, ...], platform: str | None,
         column: str | None, brand: str | None, model: str | None, category: str | None,
         unbranded: bool | None, segmenter: str | None, config_path: str | None,
         no_config: bool, color: bool | None, competitors_path: str | None, duplicates: bool,
         exit_zero: bool, verbose: bool) -> None:
    """Score titles against the playbook rules.

    Each INPUT is a title, a file (.txt one title a line; .csv/.tsv with a title column;
    淘宝助理 exports; .jsonl; a .yaml/.json listing file) or - for titles on standard input.

    \b
    Duplicates (playbook T4/T5) are checked only when asked for:
      titlekit lint catalog.csv --competitors competitors.tkidx
      titlekit lint catalog.csv --duplicates
    """
    from .config import Config, ConfigError, load_config
    from .io import InputError, read_bytes, read_path
    from .lexicons import LexiconError

    if not inputs:
        raise click.UsageError("give at least one title, file or - (standard input)")
    try:
        cfg = Config() if no_config else load_config(Path(config_path) if config_path else None)
        cfg = cfg.override(platform=platform, select=_split(select), ignore=_split(ignore),
                           fail_on=fail_on, segmenter=segmenter,
                           unbranded=True if unbranded else None)
    except (ConfigError, ValueError) as exc:
        _fail(str(exc))
    columns = dict(cfg.columns)
    docs = []
    try:
        for arg in inputs:
            if arg == "-":
                data = sys.stdin.buffer.read()
                docs.append(read_bytes("<stdin>", data, column=column, columns=columns))
            elif _looks_like_path(arg):
                docs.append(read_path(arg, column=column, columns=columns))
            else:
                docs.append(None)
    except InputError as exc:
        _fail(str(exc))
    if verbose:
        for d in docs:
            if d is not None:
                click.echo(f"{d.path}: {d.kind}, encoding {d.encoding}"
                           f"{' with BOM' if d.bom else ''}, {len(d.records)} title(s)", err=True)
    try:
        from .linter import Linter

        linter = Linter(cfg)
    except (LexiconError, ValueError) as exc:
        _fail(str(exc))
    index = None
    if competitors_path:
        index = _competitors(competitors_path, column, columns, verbose)
    given = {k: v for k, v in (("brand", brand), ("model", model), ("category", category)) if v}
    results = []
    total = sum(len(d.records) if d else 1 for d in docs)
    show_progress = total >= 2000 and sys.stderr.isatty()
    with click.progressbar(length=total, label="linting", file=sys.stderr,
                           hidden=not show_progress) as bar:
        for arg, doc in zip(inputs, docs):
            if doc is None:
                results.append(_lint_one(linter, arg, given, fix, None, None))
                bar.update(1)
                continue
            changed: dict[int, str] = {}
            # titles are linted in batches (much faster on big files); with --fix, only titles
            # that have something to fix are linted again one by one
            batched = linter.lint_many(
                (rec.title, {**rec.context, **given}) for rec in doc.records
                if not (rec.listing is not None and not rec.title))
            for i, rec in enumerate(doc.records):
                ctx = {**rec.context, **given}
                if rec.listing is not None and not rec.title:  # no usable title field
                    results.append(linter.lint_listing(rec.listing, rec.schema_errors))
                    bar.update(1)
                    continue
                res = next(batched)
                res.path, res.line = doc.path, rec.line
                if fix and any(p.fix is not None for p in res.problems):
                    res = _lint_one(linter, rec.title, ctx, fix, doc.path, rec.line)
                if rec.listing is not None:
                    linter.add_listing_problems(res, rec.listing, rec.schema_errors)
                if fix and res.fixed is not None and res.fixed != rec.title:
                    changed[i] = res.fixed
                results.append(res)
                bar.update(1)
            if fix and changed and doc.path != "<stdin>":
                try:
                    doc.write(changed)
                except OSError as exc:
                    _fail(f"{doc.path}: cannot write fixes: {exc.strerror}")
                click.echo(f"{doc.path}: fixed {len(changed)} title(s)", err=True)
    if index is not None or duplicates:
        from .rules.duplicates import add_duplicate_problems

        add_duplicate_problems(linter, results, competitors=index, catalog=duplicates)
    use_color = sys.stdout.isatty() if color is None else color
    click.echo(_render(fmt, results, use_color, verbose, cfg.platform), nl=False)
    rank = {"info": 0, "warning": 1, "error": 2}
    worst = max((rank[p.severity] for r in results for p in r.problems), default=-1)
    failed = worst >= rank[cfg.fail_on] and not exit_zero
    sys.exit(EXIT_PROBLEMS if failed else EXIT_OK)


def _is_index_file(path: str) -> bool:
    from .dedup import SUFFIX

    if path.lower().endswith(SUFFIX):
        return True
    try:
        with open(path, "rb") as fh:
            return fh.read(4) == b"PK\x03\x04"
    except OSError:
        return False


def _competitors(path: str, column: str | None, columns: dict, verbose: bool,
                 search: bool = True):
    """An :class:`~titlekit.dedup.Index` from an index file, or built from a title file."""
    import time

    from .dedup import IndexFileError
    from .io import InputError

    t0 = time.perf_counter()
    if _is_index_file(path):
        from .dedup import Index

        try:
            index = Index.load(path, search=search)
        except IndexFileError as exc:
            _fail(str(exc))
    else:
        try:
            index = _build_index([path], column, columns, label="indexing competitors")
        except InputError as exc:
            _fail(str(exc))
    if verbose:
        click.echo(f"{path}: {len(index)} competitor title(s) "
                   f"({time.perf_counter() - t0:.2f} s)", err=True)
    return index


def _build_index(paths: list[str], column: str | None, columns: dict, label: str):
    from .dedup import Index
    from .io import read_path

    titles: list[str] = []
    lines: list[int] = []
    source_ids: list[int] = []
    for sid, p in enumerate(paths):
        doc = read_path(p, column=column, columns=columns)
        for rec in doc.records:
            titles.append(rec.title)
            lines.append(rec.line)
            source_ids.append(sid)
    show = len(titles) >= 20_000 and sys.stderr.isatty()
    with click.progressbar(length=len(titles), label=label, file=sys.stderr,
                           hidden=not show) as bar:
        return Index.build(titles, lines=lines, sources=paths, source_ids=source_ids,
                           progress=bar.update)


def _lint_one(linter, title: str, ctx: dict, fix: bool, path: str | None, line: int | None):
    if fix:
        new, res = linter.fix(title, ctx)  # res describes the fixed title
        if new != title:
            res.fixed = new
            res.extra["original"] = title
    else:
        res = linter.lint(title, ctx)
    res.path, res.line = path, line
    return res


def _render(fmt: str, results, color: bool, verbose: bool, platform: str) -> str:
    from .output import render

    return render(fmt, results, color=color, verbose=verbose, platform=platform)


@main.command()
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
def outline(inputs: tuple[str, ...], fmt: str | None, out_dir: str | None,
            category: str | None, campaign: str | None, date_: str | None,
            templates_dir: str | None, check_path: str | None, column: str | None) -> None:
    """Detail-page outlines in the playbooks' recommended order.

    \b
    titlekit outline product.listing.yaml                  # Markdown on stdout
    titlekit outline catalog.csv -o outlines/ --format html
    titlekit outline product.listing.yaml --campaign double11 --date 2026-11-08
    titlekit outline --check detail_page.md --category apparel
    """
    import datetime as dt
    import json

    from .config import ConfigError, load_config
    from .io import InputError, read_path
    from .outline import (
        OutlineError,
        campaign_phase,
        category_of,
        render_html,
        render_markdown,
        tree,
    )

    try:
        cfg = load_config()
    except ConfigError as exc:
        _fail(str(exc))
    templates_dir = templates_dir or cfg.templates
    if check_path:
        _outline_check(check_path, fmt or "text", category or "default")
        return
    if not inputs:
        raise click.UsageError("give a listing file or a catalog (or --check PAGE)")
    fmt = fmt or "markdown"
    if fmt not in ("markdown", "html", "json"):
        raise click.UsageError("outlines are written as markdown, html or json")
    try:
        day = dt.date.fromisoformat(date_) if date_ else None
    except ValueError:
        raise click.UsageError(f"--date {date_!r} is not a date like 2026-11-08") from None
    try:
        phase = campaign_phase(campaign, day)
    except OutlineError as exc:
        _fail(str(exc))
    from .linter import Linter

    reader = Linter(cfg).reader
    pages = []
    try:
        for arg in inputs:
            doc = read_path(arg, column=column, columns=dict(cfg.columns))
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
                md = render_markdown(product, category=category, campaign=phase,
                                     user_dir=templates_dir, slots=slots)
                stem = Path(doc.path).name.split(".")[0]
                name = stem if len(doc.records) == 1 else f"{stem}-{rec.line}"
                pages.append((name, product, category_of(product, category), md))
    except InputError as exc:
        _fail(str(exc))
    except OutlineError as exc:
        _fail(str(exc))

    def as_format(name: str, product: dict, cat: str, md: str) -> str:
        if fmt == "html":
            return render_html(md, product["title"], templates_dir)
        if fmt == "json":
            return json.dumps({"version": 1, "title": product["title"], "category": cat,
                               "campaign": phase, "sections": [s.to_dict() for s in tree(md)]},
                              ensure_ascii=False, indent=2) + "\n"
        return md

    try:
        rendered = [(n, p, c, as_format(n, p, c, md)) for n, p, c, md in pages]
    except OutlineError as exc:
        _fail(str(exc))
    if out_dir is None:
        for *_, text in rendered:
            click.echo(text, nl=False)
        return
    from .io import atomic_write

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    ext = {"markdown": "md", "html": "html", "json": "json"}[fmt]
    used: set[str] = set()
    links = []
    for name, product, cat, text in rendered:
        base, n = name, 2
        while name in used:
            name, n = f"{base}-{n}", n + 1
        used.add(name)
        atomic_write(out / f"{name}.{ext}", text.encode("utf-8"))
        links.append((f"{name}.{ext}", product["title"], cat))
    if fmt == "json":
        index = json.dumps({"version": 1, "outlines": [
            {"file": f, "title": t, "category": c} for f, t, c in links]},
            ensure_ascii=False, indent=2) + "\n"
    elif fmt == "markdown":
        index = "# 详情页大纲\n\n" + "".join(f"- [{t}]({f})（{c}）\n" for f, t, c in links)
    else:
        import html as _html

        items = "".join(f'<li><a href="{_html.escape(f)}">{_html.escape(t)}</a>（{c}）</li>\n'
                        for f, t, c in links)
        index = render_html("# 详情页大纲\n", "详情页大纲", templates_dir).replace(
            "</h1>", f"</h1>\n<ul>\n{items}</ul>", 1)
    atomic_write(out / f"index.{ext}", index.encode("utf-8"))
    click.echo(f"{out}: {len(links)} outline(s) and index.{ext}", err=True)


def _outline_check(path: str, fmt: str, category: str) -> None:
    from .io import InputError, decode
    from .linter import Problem, Result, score
    from .outline import ORDER, check
    from .rules import BY_NAME

    if fmt not in ("text", "json", "github", "sarif"):
        raise click.UsageError("--check reports as text, json, github or sarif")
    if category not in ORDER:
        _fail(f"unknown category '{category}' (choose from {', '.join(ORDER)})")
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        _fail(f"{path}: cannot read: {exc.strerror}")
    try:
        text, _enc, _bom = decode(path, data)
    except InputError as exc:
        _fail(str(exc))
    kind = "html" if path.lower().endswith((".html", ".htm")) or "<h1" in text.lower() else "md"
    problems = []
    for rule, line, msg, info in check(text, kind, category):
        r = BY_NAME[rule]
        problems.append(Problem(rule, r.code, r.severity, 0, 0, msg, None, info,
                                line=line if line is not None else 1))
    problems.sort(key=lambda p: (p.line or 0, p.code))
    first = text.strip().splitlines()[0] if text.strip() else ""
    res = Result(first.lstrip("# ").strip()[:60], score(problems), 0, 0, "chars", [], problems,
                 path, 1)
    click.echo(_render(fmt, [res], sys.stdout.isatty(), False, "taobao"), nl=False)
    sys.exit(EXIT_PROBLEMS if problems else EXIT_OK)


@main.command()
@click.argument("input_path", metavar="CATALOG", type=click.Path(dir_okay=False))
@click.option("-o", "--output", default=None, type=click.Path(dir_okay=False),
              help="Write the rewritten catalog here (same format as CATALOG).")
@click.option("--in-place", is_flag=True, help="Replace CATALOG (needs --backup or --no-backup).")
@click.option("--backup/--no-backup", default=None,
              help="With --in-place: keep the original as CATALOG.bak (or not).")
@click.option("--diff", "show_diff", is_flag=True,
              help="Show old and new titles of the changed rows; write nothing.")
@click.option("--report", "report_path", default=None, type=click.Path(dir_okay=False),
              help="Per-row report: .json for JSON, anything else for CSV.")
@click.option("--keywords", "keywords_path", default=None, type=click.Path(dir_okay=False),
              help="Search terms with a volume column (e.g. a 生意参谋 export) to fill titles.")
@click.option("--competitors", "competitors_path", type=click.Path(dir_okay=False), default=None,
              help="Competitor index (.tkidx) or title file: never end up identical to one.")
@click.option("--column", default=None, help="Title column of CSV/TSV/JSONL/xlsx input.")
@click.option("--sheet", default=None, help="Sheet of an .xlsx workbook [default: the first "
              "with a title column].")
@click.option("--brand", default=None, help="The items' brand (when the catalog has no column).")
@click.option("--category", default=None, help="The items' category.")
@click.option("--platform", default=None, help="taobao, tmall or one defined in the config.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None,
              help="Config file [default: .titlekit.toml or pyproject.toml, searched upwards].")
@click.option("--no-config", is_flag=True, help="Ignore config files.")
@click.option("-q", "--quiet", is_flag=True, help="No summary on standard error.")
def rewrite(input_path: str, output: str | None, in_place: bool, backup: bool | None,
            show_diff: bool, report_path: str | None, keywords_path: str | None,
            competitors_path: str | None, column: str | None, sheet: str | None,
            brand: str | None, category: str | None, platform: str | None,
            config_path: str | None, no_config: bool, quiet: bool) -> None:
    """Rewrite every title of a catalog into a rule-clean, full, unique one.

    Removes what the rules forbid, puts the words in the playbook order (brand + model +
    attributes and product word + style + selling point + promotion), fills toward the limit
    with the row's own columns and the --keywords file, and keeps brand, model and product
    word. Every other column is written back byte for byte; a row that cannot be made clean
    keeps its title and the report says why. Rewriting the output again changes nothing.

    \b
    titlekit rewrite catalog.csv -o catalog.new.csv --report report.csv
    titlekit rewrite item_export.csv --in-place --backup      # a 淘宝助理 export
    titlekit rewrite catalog.xlsx -o new.xlsx --keywords terms.csv --competitors c.tkidx
    titlekit rewrite catalog.csv --diff
    """
    from .config import Config, ConfigError, load_config
    from .io import InputError, read_path, read_xlsx
    from .lexicons import LexiconError

    targets = sum(bool(x) for x in (output, in_place, show_diff))
    if targets != 1:
        raise click.UsageError("say where the result goes: -o FILE, --in-place, or --diff "
                               "(exactly one)")
    if in_place and backup is None:
        raise click.UsageError("--in-place needs --backup (keep CATALOG.bak) or --no-backup")
    src_xlsx = input_path.lower().endswith(".xlsx")
    if output and src_xlsx != output.lower().endswith(".xlsx"):
        raise click.UsageError("the output has the input's format: use an .xlsx output for an "
                               ".xlsx input (and a text output for a text input)")
    if output and Path(output).resolve() == Path(input_path).resolve():
        raise click.UsageError("-o names the input file: use --in-place with --backup or "
                               "--no-backup to replace it")
    try:
        cfg = Config() if no_config else load_config(Path(config_path) if config_path else None)
        cfg = cfg.override(platform=platform)
    except (ConfigError, ValueError) as exc:
        _fail(str(exc))
    columns = dict(cfg.columns)
    try:
        if src_xlsx:
            doc = read_xlsx(input_path, column=column, columns=columns, sheet=sheet)
        else:
            doc = read_path(input_path, column=column, columns=columns, listings=False)
    except InputError as exc:
        _fail(str(exc))
    if doc.kind == "listing":
        _fail(f"{input_path}: a listing file holds one product; use `titlekit lint --fix`")
    try:
        from .linter import Linter
        from .rewrite import Keywords, Rewriter

        linter = Linter(cfg)
        keywords = Keywords.load(keywords_path, columns) if keywords_path else None
    except InputError as exc:
        _fail(str(exc))
    except (LexiconError, ValueError) as exc:
        _fail(str(exc))
    # the rewrite checks identity only (a hash lookup): the n-gram matrix is not read
    index = (_competitors(competitors_path, column, columns, False, search=False)
             if competitors_path else None)
    given = {k: v for k, v in (("brand", brand), ("category", category)) if v}
    items = [(rec.title, {**given, **rec.context}) for rec in doc.records]
    show = sys.stderr.isatty() and not quiet
    if keywords is not None:
        if show:
            click.echo(f"reading {len(keywords.terms)} keyword terms…", err=True)
        keywords.index(linter.reader)
    with click.progressbar(length=len(items), label="rewriting", file=sys.stderr,
                           hidden=not show) as bar:
        rewriter = Rewriter(linter, keywords=keywords, competitors=index)
        rows = rewriter.rewrite(items, lines=[rec.line for rec in doc.records],
                                progress=bar.update)
    changed = {r.index: r.new for r in rows if r.status == "changed"}
    if show_diff:
        _print_diff(doc.path, rows)
    else:
        target = Path(input_path if in_place else output)
        try:
            if in_place and backup:
                import shutil

                from .io import atomic_write

                atomic_write(Path(str(target) + ".bak"), Path(input_path).read_bytes())
                shutil.copymode(input_path, str(target) + ".bak")
            doc.write(changed, target)
        except OSError as exc:
            _fail(f"{target}: cannot write: {exc.strerror}")
    if report_path:
        try:
            _write_report(report_path, rows)
        except OSError as exc:
            _fail(f"{report_path}: cannot write the report: {exc.strerror}")
    if not quiet:
        _print_summary(rows, None if show_diff else (input_path if in_place else output))


def _print_diff(path: str, rows) -> None:
    for r in rows:
        if r.status != "changed":
            continue
        click.echo(f"{path}:{r.line or r.index + 1}  score {r.before.score} → {r.after.score}, "
                   f"{r.before.bytes} → {r.after.bytes} bytes")
        click.echo(click.style(f"- {r.old}", fg="red"))
        click.echo(click.style(f"+ {r.new}", fg="green"))


def _write_report(path: str, rows) -> None:
    import csv
    import io as _io
    import json

    from .io import atomic_write
    from .rewrite import summary

    if path.lower().endswith(".json"):
        data = {"summary": summary(rows), "rows": [r.to_dict() for r in rows]}
        # no indent: the C encoder is several times faster on a big catalog
        atomic_write(Path(path), (json.dumps(data, ensure_ascii=False) + "\n").encode("utf-8"))
        return
    buf = _io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(["row", "line", "status", "old_title", "new_title", "score_before",
                "score_after", "bytes_before", "bytes_after", "changes", "reason", "note"])
    for r in rows:
        w.writerow([r.index + 1, r.line or "", r.status, r.old, r.new, r.before.score,
                    r.after.score, r.before.bytes, r.after.bytes,
                    "；".join(str(c) for c in r.changes), r.reason, r.note])
    atomic_write(Path(path), buf.getvalue().encode("utf-8-sig"))  # Excel opens it as UTF-8


def _print_summary(rows, written: str | None) -> None:
    from .rewrite import summary

    s = summary(rows)
    click.echo(f"{s['rows']} rows: {s['changed']} changed, {s['unchanged']} unchanged, "
               f"{s['kept']} left as they were; mean score {s['mean_score_before']} → "
               f"{s['mean_score_after']}, mean bytes {s['mean_bytes_before']} → "
               f"{s['mean_bytes_after']}; rows with an error {s['with_error_before']} → "
               f"{s['with_error_after']}" + (f"; written to {written}" if written else ""),
               err=True)
    for reason, n in s["kept_reasons"].items():
        click.echo(f"  left as is ({n}): {reason}", err=True)
    if s["identical_to_earlier_row"]:
        click.echo(f"  {s['identical_to_earlier_row']} title(s) still identical to an earlier "
                   "row's (see the report's note column)", err=True)


@main.group()
def index() -> None:
    """Build and inspect competitor title indexes (for `lint --competitors`)."""


@index.command("build")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False),
              help="Index file to write (conventionally *.tkidx); replaced atomically.")
@click.option("--column", default=None, help="Title column of CSV/TSV/JSONL input.")
def index_build(inputs: tuple[str, ...], output: str, column: str | None) -> None:
    """Build an index of competitors' titles from title files.

    \b
    titlekit index build competitors.csv -o competitors.tkidx
    titlekit lint catalog.csv --competitors competitors.tkidx
    """
    import time

    from .config import ConfigError, load_config
    from .io import InputError

    try:
        columns = dict(load_config().columns)
    except ConfigError as exc:
        _fail(str(exc))
    t0 = time.perf_counter()
    try:
        idx = _build_index(list(inputs), column, columns, label="indexing")
    except InputError as exc:
        _fail(str(exc))
    if sys.stderr.isatty():
        click.echo("writing…", err=True)
    try:
        idx.save(output)
    except OSError as exc:
        _fail(f"{output}: cannot write the index: {exc.strerror}")
    size = Path(output).stat().st_size / 2**20
    click.echo(f"{output}: {len(idx)} titles, {len(idx.vocab)} n-grams, {size:.1f} MiB, "
               f"{time.perf_counter() - t0:.1f} s", err=True)


@index.command("info")
@click.argument("path", type=click.Path(dir_okay=False))
def index_info(path: str) -> None:
    """Print an index file's header (format, titlekit version, parameters, sizes) as JSON."""
    import json

    from .dedup import Index, IndexFileError

    try:
        idx = Index.load(path)
    except IndexFileError as exc:
        _fail(str(exc))
    click.echo(json.dumps(idx.header(), ensure_ascii=False, indent=2))


@main.command()
def schema() -> None:
    """Print the listing-file schema as JSON Schema."""
    import json

    from .listing import json_schema

    click.echo(json.dumps(json_schema(), ensure_ascii=False, indent=2))


@main.command()
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
def rules(fmt: str) -> None:
    """List every rule: code, name, default severity, fixable, source."""
    import json

    from .rules import REGISTRY

    if fmt == "json":
        data = [{"code": r.code, "name": r.name, "severity": r.severity, "fixable": r.fixable,
                 "source": r.source, "summary": r.summary, "options": r.options} for r in REGISTRY]
        click.echo(json.dumps({"version": 1, "rules": data}, ensure_ascii=False, indent=2))
        return
    for r in REGISTRY:
        fixable = "fixable" if r.fixable else "-"
        click.echo(f"{r.code}  {r.name:<22} {r.severity:<8} {fixable:<8} {r.source}")
        click.echo(f"       {r.summary}")


if __name__ == "__main__":  # pragma: no cover
    main()
