"""``titlekit lint``: argument parsing, the inputs (:mod:`.inputs`), the config of each
(:mod:`.configs`), the linting (:mod:`.run`, which calls
:func:`titlekit.linting.session.lint_inputs`) and rendering."""

from __future__ import annotations

import os
import sys

import click

from . import common, habits


@click.command()
@click.argument("inputs", nargs=-1, metavar="[TITLE|FILE|DIR|GLOB|-]...")
@click.option("-f", "--format", "fmt",
              type=click.Choice(["text", "json", "jsonl", "github", "sarif", "html", "csv",
                                 "xlsx", "parquet"]),
              default="text", show_default=True,
              help="Output format; jsonl is one result a line, html a catalog audit report "
                   "(one offline page), csv and xlsx one row per title for Excel, parquet a "
                   "table of results (titlekit[dask]); xlsx and parquet need -o.")
@click.option("--pretty/--compact", default=None,
              help="Indent json and sarif output [default: indented on a terminal, else "
                   "compact].")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=None,
              help="Worker processes, 0 for every core; same output [default: every core "
                   "above 10,000 titles, else 1].")
@habits.output_option
@click.option("--fix", is_flag=True, help="Apply safe fixes and write changed files in place.")
@click.option("--fix-only", is_flag=True,
              help="Apply safe fixes, print only the files changed; no report, exit 0 "
                   "(the pre-commit fix hook).")
@click.option("--diff", "show_diff", is_flag=True,
              help="With --fix (implied): print what the fixes would change as a unified diff; "
                   "write nothing. Exit 1 when there is something to change.")
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
              help="Config file for every input (default: for each file, the nearest "
                   ".titlekit.toml or pyproject.toml from its folder upwards).")
@click.option("--no-config", is_flag=True, help="Ignore config files.")
@habits.color_options
@habits.lang_option
@click.option("--competitors", "competitors_path", type=click.Path(dir_okay=False), default=None,
              help="Competitors' titles: an index from `titlekit index build` (.tkidx) or a "
                   "title file; turns on duplicate-competitor.")
@click.option("--duplicates", is_flag=True,
              help="Find near-identical titles among the inputs (duplicate-in-catalog).")
@click.option("--statistics", is_flag=True,
              help="Print the number of problems per rule instead of each title (text or json).")
@click.option("--baseline", "baseline_path", type=click.Path(dir_okay=False), default=None,
              help="Report only problems not recorded in this baseline file.")
@click.option("--write-baseline", "write_baseline", type=click.Path(dir_okay=False),
              default=None, help="Record every problem found in this baseline file (exit 0).")
@click.option("--exit-zero", is_flag=True,
              help="Exit 0 even when problems are found (input errors still exit 2).")
@click.option("--dask", "dask_address", default=None, metavar="SCHEDULER_ADDRESS",
              help="Lint a Parquet dataset on a Dask cluster (tcp://host:8786, or local for a "
                   "LocalCluster here); needs --format parquet -o (titlekit[dask]).")
@habits.quiet_option
@click.option("-v", "--verbose", is_flag=True,
              help="Show slots, the encoding and config of each file, comment lines skipped.")
def lint(inputs: tuple[str, ...], fmt: str, pretty: bool | None, jobs: int | None,
         output_file: str | None, fix: bool, fix_only: bool,
         show_diff: bool,
         fail_on: str | None, select: tuple[str, ...], ignore: tuple[str, ...],
         platform: str | None, column: str | None, brand: str | None, model: str | None,
         category: str | None, unbranded: bool | None, segmenter: str | None,
         config_path: str | None, no_config: bool, color: str, no_color: bool,
         lang: str | None, competitors_path: str | None, duplicates: bool, statistics: bool,
         baseline_path: str | None, write_baseline: str | None, exit_zero: bool,
         dask_address: str | None, quiet: bool, verbose: bool) -> None:
    """Score titles against the playbook rules.

    Each INPUT is a title, a file (.txt one title a line; .csv/.tsv with a title column;
    淘宝助理 exports; .xlsx; .jsonl; a .yaml/.json listing file), a directory (its title files,
    see include/exclude in the config), a glob such as 'shop/**/*.csv', or - for standard input.

    \b
    A catalog audit report to open in a browser:
      titlekit lint catalog.csv --format html -o report.html
    Problems per rule; what --fix would change:
      titlekit lint shop/ --statistics
      titlekit lint catalog.csv --fix --diff
    Adopt on an existing catalog, fail CI on new problems only:
      titlekit lint shop/ --write-baseline titlekit-baseline.json
      titlekit lint shop/ --baseline titlekit-baseline.json
    Duplicates (playbook T4/T5) are checked only when asked for:
      titlekit lint catalog.csv --competitors competitors.tkidx
      titlekit lint catalog.csv --duplicates
    """
    from ..i18n import t
    from ..output import render
    from .configs import Configs
    from .inputs import expand
    from .run import lint_all, read_all, status_of, stream_all, write_output

    configs = Configs(config_path, no_config, quiet, platform=platform,
                      select=common.split(select), ignore=common.split(ignore), fail_on=fail_on,
                      segmenter=segmenter, unbranded=True if unbranded else None)
    first = next((a for a in inputs if a and a != "-" and common.looks_like_path(a)), None)
    common.set_language(lang, configs.get(first))
    configs.flush_warnings()
    if not inputs:
        raise click.UsageError(t("no_inputs"))
    fix = fix or show_diff or fix_only
    context = {"brand": brand, "model": model, "category": category}
    if fmt == "parquet" and not output_file:
        raise click.UsageError(t("parquet_needs_output"))
    if dask_address:
        from . import scale

        source = scale.check_dask_lint(inputs, fmt, output_file, fix=fix, other=bool(
            competitors_path or duplicates or statistics or baseline_path or write_baseline))
        status = scale.lint_on_dask(source, output_file, dask_address, column=column,
                                    config=configs.get(source), context=context, quiet=quiet)
        sys.exit(common.EXIT_OK if exit_zero else status)
    args = expand(inputs, configs, skip=(output_file, baseline_path, write_baseline))
    # a run whose results go out as they come reads .txt files lazily
    if fmt == "xlsx" and not output_file:
        raise click.UsageError(t("xlsx_needs_output"))
    streamed = (fmt not in ("html", "xlsx", "parquet") and not competitors_path
                and not duplicates and not statistics and not baseline_path and not write_baseline and not show_diff
                and not (quiet and fmt == "text"))
    items = read_all(args, configs, column, verbose, lazy=streamed and not fix)
    streamed = streamed and len({id(cfg) for _, cfg in items}) <= 1
    configs.flush_warnings()
    main_cfg = items[0][1] if items else configs.get(None)
    index = (common.competitors(competitors_path, column, dict(main_cfg.columns), verbose)
             if competitors_path else None)
    total = sum(1 if isinstance(d, str) else len(d.records) for d, _ in items)

    def written(path: str, n: int) -> None:
        if not quiet:
            click.echo(t("written_fixes", path=path, n=n), err=True)

    from ..linting.stream import default_jobs

    jobs = default_jobs(total) if jobs is None else (jobs or (os.cpu_count() or 1))
    on_tty = sys.stdout.isatty() and output_file is None
    pretty = on_tty if pretty is None else pretty
    colour = habits.use_color(color, no_color) and output_file is None
    if streamed and items and not fix_only:
        status = stream_all(items, fmt, output_file, fix=fix, context=context, jobs=jobs,
                            pretty=pretty, color=colour, verbose=verbose, total=total,
                            on_written=written, quiet=quiet)
        sys.exit(common.EXIT_OK if exit_zero else status)
    with common.Progress("linting", 2000, total) as bar:
        out = lint_all(items, fix=fix, write=not show_diff, context=context,
                       competitors=index, duplicates=duplicates, progress=bar.update,
                       on_written=written, jobs=jobs)
    results, status = out.results, out.status
    if fix_only:
        sys.exit(common.EXIT_OK)
    if write_baseline:
        from ..linting.baseline import dumps

        write_output(write_baseline, dumps(results), quiet,
                     t("baseline_written", path=write_baseline,
                       n=sum(len(r.problems) for r in results)))
        sys.exit(common.EXIT_OK)
    if baseline_path:
        from ..linting.baseline import apply, load

        hidden = apply(results, load(baseline_path))
        status = status_of(results, items)
        if hidden and not quiet and fmt == "text" and not show_diff:
            click.echo(t("baseline_hidden", n=hidden), err=True)
    if show_diff:
        from ..output.diff import colour as colour_diff
        from ..output.diff import file_diff, titles_diff

        text = "".join(file_diff(doc, changed) for doc, changed in out.changes)
        text += titles_diff(results)
        write_output(output_file, colour_diff(text) if colour else text, quiet, color=colour)
        sys.exit(common.EXIT_PROBLEMS if text and not exit_zero else common.EXIT_OK)
    if fmt == "parquet" and not statistics:
        from .scale import write_parquet_report

        write_parquet_report(output_file, results, fix, quiet)
        sys.exit(common.EXIT_OK if exit_zero else status)
    if statistics:
        from ..output.statistics import render_statistics

        text = render_statistics(results, "json" if fmt == "json" else "text")
    elif fmt == "xlsx":
        from ..output.sheet import xlsx_bytes

        write_output(output_file, xlsx_bytes(results), quiet,
                     t("report_written", path=output_file, n=len(results)))
        sys.exit(common.EXIT_OK if exit_zero else status)
    elif fmt == "text":
        from ..output.text import render_text

        text = render_text(results, color=colour, verbose=verbose, quiet=quiet)
    else:
        text = render(fmt, results, color=colour, verbose=verbose, platform=main_cfg.platform,
                      pretty=pretty)
    write_output(output_file, text, quiet, t("report_written", path=output_file,
                                              n=len(results)), color=colour)
    sys.exit(common.EXIT_OK if exit_zero else status)
