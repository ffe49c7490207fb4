"""``titlekit rewrite``: a whole catalog rewritten by :class:`titlekit.rewrite.rewriter.Rewriter`,
every other byte kept."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import common


@click.command()
@click.argument("input_path", metavar="CATALOG", type=click.Path(dir_okay=False),
                required=False)
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
@click.option("--apply-review", is_flag=True,
              help="Also write the rows whose change is for review (status review).")
@click.option("--allow-claims", is_flag=True,
              help="Let the keyword file add words that may state something new (material, "
              "function, audience ...); such rows get status review.")
@click.option("--check", "check_pair", nargs=2, default=None, metavar="OLD NEW",
              help="Check a hand-written rewrite NEW of OLD against the rewrite's invariants.")
@click.option("-q", "--quiet", is_flag=True, help="No summary on standard error.")
def rewrite(input_path: str | None, output: str | None, in_place: bool, backup: bool | None,
            show_diff: bool, report_path: str | None, keywords_path: str | None,
            competitors_path: str | None, column: str | None, sheet: str | None,
            brand: str | None, category: str | None, platform: str | None,
            config_path: str | None, no_config: bool, apply_review: bool, allow_claims: bool,
            check_pair: tuple[str, str] | None, quiet: bool) -> None:
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
    cat titles.txt | titlekit rewrite -                       # titles in, titles out
    titlekit rewrite --check "OLD TITLE" "NEW TITLE"          # check a hand-written rewrite

    A change the reading is unsure of (status review in the report) is written only with
    --apply-review.
    """
    from ..formats.dispatch import read_path
    from ..formats.document import atomic_write
    from ..linting.linter import Linter
    from ..rewrite.keywords import Keywords
    from ..rewrite.report import write_report
    from ..rewrite.rewriter import Rewriter

    if check_pair is not None:
        _check(check_pair, config_path, no_config, platform, brand, category)
        return
    if input_path is None:
        raise click.UsageError("missing CATALOG (or - for titles on standard input)")
    if input_path == "-":
        _stdin(config_path, no_config, platform, brand, category, keywords_path,
               apply_review, allow_claims, quiet)
        return
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
    cfg = common.config(config_path, no_config, platform=platform)
    columns = dict(cfg.columns)
    doc = read_path(input_path, column=column, columns=columns, listings=False, sheet=sheet)
    if doc.kind == "listing":
        common.fail(f"{input_path}: a listing file holds one product; use `titlekit lint --fix`")
    linter = Linter(cfg)
    keywords = Keywords.load(keywords_path, columns) if keywords_path else None
    # the rewrite checks identity only (a hash lookup): the n-gram matrix is not read
    index = (common.competitors(competitors_path, column, columns, False, search=False)
             if competitors_path else None)
    given = {k: v for k, v in (("brand", brand), ("category", category)) if v}
    items = [(rec.title, {**given, **rec.context}) for rec in doc.records]
    show = sys.stderr.isatty() and not quiet
    if keywords is not None:
        if show:
            click.echo(f"reading {len(keywords.terms)} keyword terms…", err=True)
        keywords.index(linter.reader)
    with common.Progress("rewriting", 0 if show else sys.maxsize, len(items)) as bar:
        rewriter = Rewriter(linter, keywords=keywords, competitors=index,
                            allow_claims=allow_claims)
        rows = rewriter.rewrite(items, lines=[rec.line for rec in doc.records],
                                progress=bar.update)
    written = ("changed", "review") if apply_review else ("changed",)
    changed = {r.index: r.new for r in rows if r.status in written}
    if show_diff:
        _print_diff(doc.path, rows)
    else:
        target = Path(input_path if in_place else output)
        try:
            if in_place and backup:
                import shutil

                atomic_write(Path(str(target) + ".bak"), Path(input_path).read_bytes())
                shutil.copymode(input_path, str(target) + ".bak")
            doc.write(changed, target)
        except OSError as exc:
            common.fail(f"{target}: cannot write: {exc.strerror}")
    if report_path:
        try:
            write_report(report_path, rows)
        except OSError as exc:
            common.fail(f"{report_path}: cannot write the report: {exc.strerror}")
    if not quiet:
        _print_summary(rows, None if show_diff else (input_path if in_place else output))


def _stdin(config_path, no_config, platform, brand, category, keywords_path, apply_review,
           allow_claims, quiet) -> None:
    """Titles one a line on standard input; the rewritten titles, one a line, on standard
    output (a row left as it was is written as it was)."""
    from ..linting.linter import Linter
    from ..rewrite.keywords import Keywords
    from ..rewrite.rewriter import Rewriter

    cfg = common.config(config_path, no_config, platform=platform)
    text = sys.stdin.buffer.read().decode("utf-8-sig", errors="replace")
    titles = text.replace("\r\n", "\n").split("\n")
    if titles and titles[-1] == "":
        titles.pop()
    linter = Linter(cfg)
    keywords = Keywords.load(keywords_path, dict(cfg.columns)) if keywords_path else None
    if keywords is not None:
        keywords.index(linter.reader)
    given = {k: v for k, v in (("brand", brand), ("category", category)) if v}
    rows = Rewriter(linter, keywords=keywords, allow_claims=allow_claims).rewrite(
        [(t, dict(given)) for t in titles])
    written = ("changed", "review") if apply_review else ("changed",)
    out = "".join((r.new if r.status in written else r.old) + "\n" for r in rows)
    sys.stdout.buffer.write(out.encode("utf-8"))
    if not quiet:
        _print_summary(rows, None)


def _check(pair: tuple[str, str], config_path, no_config, platform, brand, category) -> None:
    """Print what a hand-written rewrite breaks; exit 1 when it breaks something."""
    from ..linting.linter import Linter
    from ..rewrite.check import check, removable

    old, new = pair
    cfg = common.config(config_path, no_config, platform=platform)
    linter = Linter(cfg)
    ctx = {k: v for k, v in (("brand", brand), ("category", category)) if v}
    res = next(linter.lint_many([(old, ctx)], keep_reading=True))
    found = check(old, new, res.reading, removed=removable(res), added=set(ctx.values()),
                  limit=cfg.limit, measure=cfg.spec.measure)
    for v in found:
        click.echo(f"{v.name}: {v.message}")
    if found:
        sys.exit(1)
    click.echo("ok: the rewrite keeps every invariant")


def _print_diff(path: str, rows) -> None:
    for r in rows:
        if r.status != "changed":
            continue
        click.echo(f"{path}:{r.line or r.index + 1}  score {r.before.score} → {r.after.score}, "
                   f"{r.before.bytes} → {r.after.bytes} bytes")
        click.echo(click.style(f"- {r.old}", fg="red"))
        click.echo(click.style(f"+ {r.new}", fg="green"))


def _print_summary(rows, written: str | None) -> None:
    from ..rewrite.report import summary

    s = summary(rows)
    click.echo(f"{s['rows']} rows: {s['changed']} changed, {s['review']} for review, "
               f"{s['unchanged']} unchanged, "
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


