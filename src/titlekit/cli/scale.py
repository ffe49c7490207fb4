"""The command line's Parquet and Dask options: ``lint --format parquet``, ``lint --dask``,
``index build --shards/--dask`` and ``index query --dask``. Dask, pandas and pyarrow are
imported only when one of these is used; without them the error says to install
``titlekit[dask]`` (exit 2, ``file: cause``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from ..errors import ExtraError, InputError
from . import common


def on_cluster(where: str, address: str, work: Callable[[], Any]) -> Any:
    """``work()`` with a Dask client for ``address`` open; a missing extra is an error of the
    input ``where``."""
    try:
        from ..dask.cluster import connect

        with connect(address):
            return work()
    except ExtraError as exc:
        raise InputError(where, None, str(exc)) from None


def check_dask_lint(inputs: tuple[str, ...], fmt: str, output: str | None, *, fix: bool,
                    other: bool) -> str:
    """The one Parquet input of ``lint --dask``, or a usage error saying what is missing."""
    from ..i18n import t

    why = None
    src = inputs[0] if len(inputs) == 1 else ""
    if not (src.lower().rstrip("/").endswith(".parquet") or common.path_test(src, "is_dir")):
        why = "one Parquet file, folder or glob as input"
    elif fmt != "parquet" or not output:
        why = "--format parquet -o OUT.parquet"
    elif fix or other:
        why = "no --fix, --competitors, --duplicates, --baseline, --statistics or --diff"
    if why:
        raise click.UsageError(t("dask_needs_parquet", why=why))
    return inputs[0]


def lint_on_dask(source: str, output: str, address: str, *, column: str | None, config,
                 context: dict, quiet: bool) -> int:
    """``titlekit lint SOURCE --dask ADDRESS --format parquet -o OUTPUT``: the exit status."""
    from ..i18n import t

    def work() -> dict:
        from ..dask.lint import lint_parquet

        return lint_parquet(source, output, column=column, config=config, context=context)

    summary = on_cluster(source, address, work)
    if not quiet:
        click.echo(t("report_written", path=output, n=summary["titles"]), err=True)
    return summary["status"]


def write_parquet_report(path: str | None, results, fix: bool, quiet: bool) -> None:
    from ..i18n import t
    from ..output.table import write_parquet

    if not path:
        raise click.UsageError(t("parquet_needs_output"))
    try:
        write_parquet(path, results, fixed=fix)
    except OSError as exc:
        common.fail(t("cannot_write", path=path, why=exc.strerror))
    if not quiet:
        click.echo(t("report_written", path=path, n=len(results)), err=True)


def build_sharded(inputs: list[str], output: str, shards: int, column: str | None,
                  address: str | None) -> tuple[int, int]:
    """Write a sharded index of ``inputs``; (titles, n-grams)."""
    from ..dedup import corpus, sharded
    from ..dedup.shards import build_sharded as build

    if address is None:
        titles, lines, sids = corpus.titles(inputs, column=column,
                                            columns=dict(common.config(None, False).columns))
        parts = build(titles, shards, lines=lines, sources=inputs, source_ids=sids)
        sharded.save(parts, output)
        return len(titles), len(parts[0].vocab)
    if len(inputs) != 1:
        raise click.UsageError("index build --dask takes one Parquet file, folder or glob")

    def work() -> None:
        import dask.dataframe as dd

        from ..dask.index import build_index

        ddf = dd.read_parquet(inputs[0])
        build_index(ddf, output, shards=shards, column=column or "title", source=inputs[0])

    on_cluster(inputs[0], address, work)
    doc = sharded.read_manifest(output)
    return doc["titles"], doc["features"]


def query_on_dask(path: str, titles: list[str], k: int, address: str) -> list[list[dict]]:
    """The ``k`` nearest competitor titles of each title, every shard a task on Dask."""

    def work():
        from ..dask.index import nearest

        return nearest(path, titles, k=k)

    nb, names = on_cluster(path, address, work)
    return [[{"title": n, "similarity": round(float(s), 4)}
             for n, s, j in zip(row_n, row_s, row_i) if j >= 0]
            for row_n, row_s, row_i in zip(names, nb.similarity, nb.index)]
