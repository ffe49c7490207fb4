"""``titlekit rewrite``: a whole catalog rewritten by :class:`titlekit.rewrite.rewriter.Rewriter`,
every other byte kept."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from ..i18n import t
from . import common, habits


@click.command()
@click.argument("input_path", metavar="CATALOG|-", type=click.Path(dir_okay=False,
                                                                   allow_dash=True),
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
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=None,
              help="Worker processes, 0 for every core; same output [default: every core "
                   "above 10,000 rows, else 1; one process where the system cannot fork].")
@click.option("-q", "--quiet", is_flag=True, help="No summary on standard error.")
@habits.lang_option
def rewrite(input_path: str | None, output: str | None, in_place: bool, backup: bool | None,
            show_diff: bool, report_path: str | None, keywords_path: str | None,
            competitors_path: str | None, column: str | None, sheet: str | None,
            brand: str | None, category: str | None, platform: str | None,
            config_path: str | None, no_config: bool, apply_review: bool, allow_claims: bool,
            check_pair: tuple[str, str] | None, jobs: int | None, quiet: bool,
            lang: str | None) -> None:
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
    titlekit rewrite - < titles.txt > new.txt                 # standard input to output
    titlekit rewrite --check "OLD TITLE" "NEW TITLE"          # check a hand-written rewrite

    A change the reading is unsure of (status review in the report) is written only with
    --apply-review.
    """
    from ..formats.dispatch import read_path
    from ..formats.document import prepare
    from ..formats.writing import commit_all
    from ..linting.linter import Linter
    from ..linting.stream import default_jobs
    from ..rewrite.keywords import Keywords
    from ..rewrite.report import report_bytes
    from ..rewrite.rewriter import Rewriter

    if check_pair is not None:
        _check(check_pair, config_path, no_config, platform, brand, category)
        return
    common.set_language(lang)  # usage errors in the language asked for; the config's below
    if input_path is None:
        raise click.UsageError(t("use.rw_input"))
    stdin = input_path == "-"
    if stdin and in_place:
        raise click.UsageError(t("use.rw_stdin_in_place"))
    targets = sum(bool(x) for x in (output, in_place, show_diff))
    if stdin and targets == 0:
        output = "-"
        targets = 1
    if targets != 1:
        raise click.UsageError(t("use.rw_target"))
    if in_place and backup is None:
        raise click.UsageError(t("use.rw_backup"))
    src_xlsx = input_path.lower().endswith(".xlsx")
    if output and src_xlsx != output.lower().endswith(".xlsx"):
        raise click.UsageError(t("use.rw_same_format"))
    if output and not stdin and Path(output).resolve() == Path(input_path).resolve():
        raise click.UsageError(t("use.rw_same_file"))
    cfg = common.config(config_path, no_config, platform=platform)
    common.set_language(lang, cfg)
    columns = dict(cfg.columns)
    if stdin:
        from ..formats.dispatch import read_bytes

        doc = read_bytes("<stdin>", sys.stdin.buffer.read(), column=column, columns=columns,
                         listings=False)
    else:
        doc = read_path(input_path, column=column, columns=columns, listings=False,
                        sheet=sheet)
    if doc.kind == "listing":
        common.fail(t("use.rw_listing", path=input_path))
    linter = Linter(cfg)
    keywords = Keywords.load(keywords_path, columns) if keywords_path else None
    # the rewrite checks identity only (a hash lookup): the n-gram matrix is not read
    index = (common.competitors(competitors_path, column, columns, False, search=False)
             if competitors_path else None)
    given = {k: v for k, v in (("brand", brand), ("category", category)) if v}
    items = [(rec.title, {**given, **rec.context}) for rec in doc.records]
    show = sys.stderr.isatty() and not quiet
    jobs = default_jobs(len(items)) if jobs is None else (jobs or (os.cpu_count() or 1))
    if keywords is not None:
        if show:
            click.echo(f"reading {len(keywords.terms)} keyword terms…", err=True)
        keywords.index(linter.reader)
    with common.Progress("rewriting", 0 if show else sys.maxsize, len(items)) as bar:
        rewriter = Rewriter(linter, keywords=keywords, competitors=index,
                            allow_claims=allow_claims)
        rows = rewriter.rewrite(items, lines=[rec.line for rec in doc.records],
                                progress=bar.update, jobs=jobs)
    written = ("changed", "review") if apply_review else ("changed",)
    changed = {r.index: r.new for r in rows if r.status in written}
    if show_diff:
        _print_diff(doc.path, rows)
    # Every file is written to its temporary twin first (the .bak from the bytes that were
    # read, the catalog, the report); only when all of them are complete are they put in
    # place, so a report that cannot be written leaves the catalog as it was.
    pending = []
    where = None
    try:
        if not show_diff and output == "-":
            sys.stdout.buffer.write(doc.to_bytes(doc.render(changed)))
            sys.stdout.buffer.flush()
        elif not show_diff:
            target = Path(input_path if in_place else output)
            if in_place and backup:
                where = bak = Path(str(target) + ".bak")
                pending.append(prepare(bak, doc.data, mode=_mode(input_path)))
            where = target
            pending.append(doc.prepare(changed, target))
        if report_path:
            where = Path(report_path)
            pending.append(prepare(report_path, report_bytes(report_path, rows)))
        commit_all(pending)
    except OSError as exc:
        for p in pending:
            p.abort()
        report = where == Path(report_path or "")
        common.fail(t("use.cannot_write_report", path=where, why=exc.strerror) if report
                    else t("cannot_write", path=where, why=exc.strerror))
    except BaseException:
        for p in pending:
            p.abort()
        raise
    if not quiet:
        _print_summary(rows, None if show_diff or output == "-" else
                       (input_path if in_place else output))


def _mode(src: str) -> int:
    """The catalog's mode, for a new .bak (an existing .bak keeps its own)."""
    import os
    import stat

    return stat.S_IMODE(os.stat(src).st_mode)


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
        from ..i18n import t

        click.echo(t("rw.diff_head", where=f"{path}:{r.line or r.index + 1}", s0=r.before.score,
                     s1=r.after.score, b0=r.before.bytes, b1=r.after.bytes))
        click.echo(click.style(f"- {r.old}", fg="red"))
        click.echo(click.style(f"+ {r.new}", fg="green"))


def _print_summary(rows, written: str | None) -> None:
    from ..i18n import t
    from ..rewrite.report import summary

    s = summary(rows)
    click.echo(t("rw.summary", rows=s["rows"], changed=s["changed"], unchanged=s["unchanged"],
                 kept=s["kept"], s0=s["mean_score_before"], s1=s["mean_score_after"],
                 b0=s["mean_bytes_before"], b1=s["mean_bytes_after"],
                 e0=s["with_error_before"], e1=s["with_error_after"])
               + (t("rw.written", path=written) if written else ""), err=True)
    for reason, n in s["kept_reasons"].items():
        click.echo(t("rw.kept", n=n, reason=reason), err=True)
    if s["identical_to_earlier_row"]:
        click.echo(t("rw.identical", n=s["identical_to_earlier_row"]), err=True)


