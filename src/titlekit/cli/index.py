"""``titlekit index``: build, inspect and query competitor title indexes (one file, or a
sharded index: a manifest naming its shards)."""

from __future__ import annotations

import json
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
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False),
              help="Index file to write (conventionally *.tkidx); replaced atomically.")
@click.option("--column", default=None, help="Title column of CSV/TSV/JSONL input.")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=None,
              help="Worker processes, 0 for every core; the same index [default: every core "
                   "above 100,000 titles, else 1].")
@click.option("--shards", type=click.IntRange(min=1), default=None,
              help="Write N shards (by a stable hash of the normalised title) beside OUTPUT "
                   "and a manifest at OUTPUT; queries search every shard and merge the hits.")
@click.option("--dask", "dask_address", default=None, metavar="SCHEDULER_ADDRESS",
              help="Build the shards on a Dask cluster (tcp://host:8786, or local) from one "
                   "Parquet dataset; the output folder must be shared (titlekit[dask]).")
def index_build(inputs: tuple[str, ...], output: str, column: str | None, jobs: int | None,
                shards: int | None, dask_address: str | None) -> None:
    """Build an index of competitors' titles from title files.

    \b
    titlekit index build competitors.csv -o competitors.tkidx
    titlekit index build big.txt -o big.tkidx --shards 8
    titlekit index build corpus.parquet -o corpus.tkidx --shards 64 --dask tcp://host:8786
    titlekit lint catalog.csv --competitors competitors.tkidx
    """
    import time

    from ..dedup import corpus, index_file

    t0 = time.perf_counter()
    if shards is not None or dask_address:
        from .scale import build_sharded

        try:
            n, grams = build_sharded(list(inputs), output, shards or 1, column, dask_address)
        except OSError as exc:
            common.fail(t("use.cannot_write_index", path=output, why=exc.strerror))
        click.echo(f"{output}: {n} titles in {shards or 1} shard(s), {grams} n-grams, "
                   f"{time.perf_counter() - t0:.1f} s", err=True)
        return
    columns = dict(common.config(None, False).columns)
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
    """Print an index file's header (format, titlekit version, parameters, sizes) as JSON;
    for a sharded index, its manifest."""
    from ..dedup import index_file, sharded

    doc = (sharded.read_manifest(path) if sharded.is_manifest(path)
           else index_file.header(index_file.load(path)))
    click.echo(json.dumps(doc, ensure_ascii=False, indent=2))


@index.command("query")
@click.argument("path", type=click.Path(dir_okay=False))
@click.argument("queries", nargs=-1, required=True, metavar="TITLE|FILE...")
@click.option("-k", "k", type=click.IntRange(min=1), default=1, show_default=True,
              help="Nearest competitor titles per query.")
@click.option("--column", default=None, help="Title column of CSV/TSV/JSONL input.")
@click.option("--dask", "dask_address", default=None, metavar="SCHEDULER_ADDRESS",
              help="Search every shard of a sharded index as a task on a Dask cluster "
                   "(tcp://host:8786, or local) (titlekit[dask]).")
def index_query(path: str, queries: tuple[str, ...], k: int, column: str | None,
                dask_address: str | None) -> None:
    """The nearest competitor titles of each query, one JSON line per query.

    \b
    titlekit index query competitors.tkidx "荣耀 畅玩7X 4GB+32GB 全网通"
    titlekit index query corpus.tkidx catalog.txt --dask tcp://host:8786
    """
    from ..dedup import corpus
    from ..formats.dispatch import read_path

    titles: list[str] = []
    for q in queries:
        if common.looks_like_path(q):
            titles += [r.title for r in read_path(q, column=column).records]
        else:
            titles.append(q)
    if dask_address:
        from .scale import query_on_dask

        hits = query_on_dask(path, titles, k, dask_address)
    else:
        idx = corpus.competitors(path, column=column)
        nb = idx.nearest(titles, k=k)
        hits = [[{"title": idx.title(int(j)), "similarity": round(float(s), 4),
                  **idx.where(int(j))} for j, s in zip(row_i, row_s) if j >= 0]
                for row_i, row_s in zip(nb.index, nb.similarity)]
    for title, found in zip(titles, hits):
        click.echo(json.dumps({"query": title, "nearest": found}, ensure_ascii=False))
