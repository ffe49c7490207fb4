"""``titlekit lint``: argument parsing, one call to :func:`titlekit.linting.session.lint_inputs`
and rendering."""

from __future__ import annotations

import os
import sys

import click

from . import common


@click.command()
@click.argument("inputs", nargs=-1, metavar="[TITLE|FILE|-]...")
@click.option("-f", "--format", "fmt",
              type=click.Choice(["text", "json", "jsonl", "github", "sarif", "html"]),
              default="text", show_default=True,
              help="Output format; jsonl is one result a line; html is a catalog audit report "
                   "(one offline page).")
@click.option("--pretty/--compact", default=None,
              help="Indent json and sarif output [default: indented on a terminal, else "
                   "compact].")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=None,
              help="Worker processes, 0 for every core; same output [default: every core "
                   "above 10,000 titles, else 1].")
@click.option("-o", "--output-file", default=None, type=click.Path(dir_okay=False),
              help="Write the report to this file instead of standard output.")
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
def lint(inputs: tuple[str, ...], fmt: str, pretty: bool | None, jobs: int | None,
         output_file: str | None, fix: bool, fail_on: str | None,
         select: tuple[str, ...], ignore: tuple[str, ...], platform: str | None,
         column: str | None, brand: str | None, model: str | None, category: str | None,
         unbranded: bool | None, segmenter: str | None, config_path: str | None,
         no_config: bool, color: bool | None, competitors_path: str | None, duplicates: bool,
         exit_zero: bool, verbose: bool) -> None:
    """Score titles against the playbook rules.

    Each INPUT is a title, a file (.txt one title a line; .csv/.tsv with a title column;
    淘宝助理 exports; .jsonl; a .yaml/.json listing file) or - for titles on standard input.

    \b
    A catalog audit report to open in a browser:
      titlekit lint catalog.csv --format html -o report.html
    Duplicates (playbook T4/T5) are checked only when asked for:
      titlekit lint catalog.csv --competitors competitors.tkidx
      titlekit lint catalog.csv --duplicates
    """
    from ..formats.dispatch import read_bytes, read_path
    from ..formats.document import atomic_write
    from ..linting.linter import Linter
    from ..linting.session import exit_status_of, lint_inputs, lint_to
    from ..linting.stream import count, default_jobs
    from ..output import render
    from ..output.stream import stream_for, text_sink

    if not inputs:
        raise click.UsageError("give at least one title, file or - (standard input)")
    cfg = common.config(config_path, no_config, platform=platform, select=common.split(select),
                        ignore=common.split(ignore), fail_on=fail_on, segmenter=segmenter,
                        unbranded=True if unbranded else None)
    columns = dict(cfg.columns)
    items: list = []
    for arg in inputs:
        if arg == "-":
            items.append(read_bytes("<stdin>", sys.stdin.buffer.read(), column=column,
                                    columns=columns))
        elif common.looks_like_path(arg):
            items.append(read_path(arg, column=column, columns=columns, lazy=not fix))
        else:
            items.append(arg)
    if verbose:
        for d in items:
            if not isinstance(d, str):
                click.echo(f"{d.path}: {d.kind}, encoding {d.encoding}"
                           f"{' with BOM' if d.bom else ''}, {len(d.records)} title(s)", err=True)
    linter = Linter(cfg)
    index = (common.competitors(competitors_path, column, columns, verbose)
             if competitors_path else None)
    total = count(items)
    jobs = default_jobs(total) if jobs is None else (jobs or (os.cpu_count() or 1))
    context = {"brand": brand, "model": model, "category": category}

    def wrote(path: str, n: int) -> None:
        click.echo(f"{path}: fixed {n} title(s)", err=True)

    on_tty = sys.stdout.isatty() and output_file is None
    use_color = (on_tty if color is None else color) and output_file is None
    # results are written as they come unless the whole run is needed first
    streamed = fmt != "html" and index is None and not duplicates
    with common.Progress("linting", 2000, total if not on_tty or not streamed else 0) as bar:
        if streamed:
            stream = stream_for(fmt, pretty=on_tty if pretty is None else pretty,
                                color=use_color, verbose=verbose, platform=cfg.platform)

            def emit(fh) -> object:
                write, flush = text_sink(fh)
                tally = lint_to(write, items, stream, linter=linter, fix=fix, context=context,
                                jobs=jobs, progress=bar.update, on_written=wrote)
                flush()
                return tally

            if output_file is None:
                sys.stdout.flush()
                status = exit_status_of(emit(sys.stdout.buffer), cfg.fail_on)
            else:
                tallies: list = []
                try:
                    atomic_write(output_file, lambda fh: tallies.append(emit(fh)))
                except OSError as exc:
                    common.fail(f"{output_file}: cannot write the report: {exc.strerror}")
                click.echo(f"{output_file}: {tallies[0].titles} title(s)", err=True)
                status = exit_status_of(tallies[0], cfg.fail_on)
            sys.exit(common.EXIT_OK if exit_zero else status)
        run = lint_inputs(items, linter=linter, fix=fix, competitors=index,
                          duplicates=duplicates, context=context, progress=bar.update,
                          on_written=wrote, jobs=jobs)
    text = render(fmt, run.results, color=use_color, verbose=verbose, platform=cfg.platform,
                  pretty=on_tty if pretty is None else pretty)
    if output_file is not None:
        try:
            atomic_write(output_file, text.encode("utf-8", errors="surrogateescape"))
        except OSError as exc:
            common.fail(f"{output_file}: cannot write the report: {exc.strerror}")
        click.echo(f"{output_file}: {len(run.results)} title(s)", err=True)
    else:
        click.echo(text, nl=False)
    sys.exit(common.EXIT_OK if exit_zero else run.status)
