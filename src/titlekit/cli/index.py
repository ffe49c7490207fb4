"""``titlekit index``: build and inspect competitor title indexes."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from ..i18n import t
from . import common


@click.group()
def index() -> None:
    """Build and inspect competitor title indexes (for `lint --competitors`)."""


@index.command("build")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False),
              help="Index file to write (conventionally *.tkidx); replaced atomically.")
@click.option("--column", default=None, help="Title column of CSV/TSV/JSONL input.")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=None,
              help="Worker processes, 0 for every core; the same index [default: every core "
                   "above 100,000 titles, else 1].")
def index_build(inputs: tuple[str, ...], output: str, column: str | None,
                jobs: int | None) -> None:
    """Build an index of competitors' titles from title files.

    \b
    titlekit index build competitors.csv -o competitors.tkidx
    titlekit lint catalog.csv --competitors competitors.tkidx
    """
    import time

    from ..dedup import corpus, index_file

    columns = dict(common.config(None, False).columns)
    t0 = time.perf_counter()
    with common.Progress("indexing", 20_000) as bar:
        idx = corpus.build(list(inputs), column=column, columns=columns, progress=bar.update,
                           on_count=bar.start,
                           jobs=(os.cpu_count() or 1) if jobs == 0 else jobs)
    if sys.stderr.isatty():
        click.echo("writing…", err=True)
    try:
        index_file.save(idx, output)
    except OSError as exc:
        common.fail(t("use.cannot_write_index", path=output, why=exc.strerror))
    size = Path(output).stat().st_size / 2**20
    click.echo(f"{output}: {len(idx)} titles, {len(idx.vocab)} n-grams, {size:.1f} MiB, "
               f"{time.perf_counter() - t0:.1f} s", err=True)


@index.command("info")
@click.argument("path", type=click.Path(dir_okay=False))
def index_info(path: str) -> None:
    """Print an index file's header (format, titlekit version, parameters, sizes) as JSON."""
    import json

    from ..dedup import index_file

    click.echo(json.dumps(index_file.header(index_file.load(path)), ensure_ascii=False,
                          indent=2))


