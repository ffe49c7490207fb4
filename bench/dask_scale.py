"""Scaling on Dask: lint with 1 and 2 workers, a sharded competitor index in 1 and 4 shards.

    python bench/dask_scale.py                 # 1M titles (../shared/tools/gen_titles.py)
    python bench/dask_scale.py --n 100000      # a quicker run

Titles are generated with ``../shared/tools/gen_titles.py`` (synthetic: for speed and memory
only) and written as a Parquet dataset of ``--part`` rows a file. Every measurement runs on a
fresh LocalCluster (worker processes, one thread each), so the peak resident memory of each
worker (``ru_maxrss``) is that of the measured work and its start-up.

Lint: ``lint_dataframe`` over the dataset with 1 and 2 workers, brand discovery off
(``brands=()``: it runs on the client over the whole column), linters warmed on every worker
before the clock starts; titles/s and the speed-up.

Index: ``build_index`` into 1 and 4 shards (2 workers), then ``nearest`` for ``--queries``
catalog titles (the generator's catalog, with planted near-duplicates); build time, peak RSS
per worker, query time (the first query loads the shards on the workers: reported apart),
and the recall of the 4-shard top-1 against the 1-shard index (same top-1 title, or a hit as
similar).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
GEN = ROOT.parent / "shared" / "tools" / "gen_titles.py"


def titles_of(n: int, seed: int | None = None) -> list[str]:
    if not GEN.exists():
        sys.exit(f"{GEN} not found: this benchmark needs ../shared/tools/gen_titles.py")
    cmd = [sys.executable, str(GEN), "--n", str(n)] + (["--seed", str(seed)] if seed else [])
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return out.splitlines()[:n]


def write_dataset(titles: list[str], folder: Path, part: int) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    folder.mkdir(parents=True, exist_ok=True)
    for k, s in enumerate(range(0, len(titles), part)):
        pq.write_table(pa.table({"title": titles[s:s + part]}), folder / f"part-{k:05d}.parquet")


def peak(rss: dict) -> str:
    return ", ".join(f"{v / 2**20:,.0f}" for v in sorted(rss.values(), reverse=True)) + " MiB"


def cpu_seconds() -> float:
    """CPU time (user + system) of the calling process: run on every worker."""
    import resource

    use = resource.getrusage(resource.RUSAGE_SELF)
    return use.ru_utime + use.ru_stime


def bench_lint(data: Path, n: int, workers: int) -> float:
    import dask.dataframe as dd

    from titlekit.dask import connect, lint_dataframe
    from titlekit.dask.cluster import worker_peak_rss
    from titlekit.dask.lint import warm

    with connect("local", workers=workers) as client:
        warm(None)
        cpu0 = sum(client.run(cpu_seconds).values())
        t0 = time.perf_counter()
        res = lint_dataframe(dd.read_parquet(data), brands=())
        total = int(res["score"].sum().compute())
        secs = time.perf_counter() - t0
        cpu = sum(client.run(cpu_seconds).values()) - cpu0
        rss = worker_peak_rss()
        client.shutdown()
    print(f"lint  {workers} worker(s): {n:,} titles in {secs:.1f} s = {n / secs:,.0f} titles/s "
          f"(mean score {total / n:.1f}); workers' CPU {cpu:.0f} s = {n / cpu:,.0f} titles per "
          f"CPU-second; peak RSS per worker {peak(rss)}", flush=True)
    return n / secs


def bench_index(data: Path, out: Path, shards: int, queries: list[str], workers: int):
    import dask.dataframe as dd

    from titlekit.dask import build_index, connect, nearest
    from titlekit.dask.cluster import worker_peak_rss

    with connect("local", workers=workers) as client:
        t0 = time.perf_counter()
        paths = build_index(dd.read_parquet(data), out / f"c{shards}.tkidx", shards=shards)
        build = time.perf_counter() - t0
        rss_build = worker_peak_rss()
        size = sum(os.path.getsize(p) for p in paths) / 2**20
        t0 = time.perf_counter()
        nearest(out / f"c{shards}.tkidx", queries[:10])
        load = time.perf_counter() - t0
        t0 = time.perf_counter()
        nb, names = nearest(out / f"c{shards}.tkidx", queries)
        query = time.perf_counter() - t0
        rss = worker_peak_rss()
        client.shutdown()
    print(f"index {shards} shard(s), {workers} workers: build {build:.1f} s, {size:,.0f} MiB on "
          f"disk; peak RSS per worker after build {peak(rss_build)}, after queries {peak(rss)}; "
          f"first query (loads shards) {load:.1f} s; {len(queries):,} queries {query:.1f} s "
          f"= {len(queries) / query:,.0f}/s", flush=True)
    return nb, [n[0] for n in names]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=1_000_000, help="titles (default 1,000,000)")
    ap.add_argument("--queries", type=int, default=10_000)
    ap.add_argument("--shards", type=int, default=4)
    ap.add_argument("--part", type=int, default=50_000, help="rows per Parquet file")
    ap.add_argument("--skip-lint", action="store_true")
    ap.add_argument("--skip-index", action="store_true")
    args = ap.parse_args()
    print(f"machine: {os.cpu_count()} cores; load {os.getloadavg()[0]:.2f} "
          f"{os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f}", flush=True)
    titles = titles_of(args.n)
    queries = titles_of(args.queries, seed=7)
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "titles"
        write_dataset(titles, data, args.part)
        del titles
        if not args.skip_lint:
            one = bench_lint(data, args.n, 1)
            two = bench_lint(data, args.n, 2)
            print(f"lint speed-up 2 workers / 1: {two / one:.2f}x", flush=True)
        if not args.skip_index:
            a, ta = bench_index(data, Path(tmp), 1, queries, 2)
            b, tb = bench_index(data, Path(tmp), args.shards, queries, 2)
            n = len(ta)
            same = sum(x == y for x, y in zip(ta, tb)) / n
            sa, sb = a.similarity[:, 0], b.similarity[:, 0]
            print(f"recall of {args.shards} shards vs 1: same top-1 title {same:.4f}; top-1 "
                  f"similarity equal {np.mean(sb == sa):.4f}, higher {np.mean(sb > sa):.4f}, "
                  f"lower {np.mean(sb < sa):.4f}; of the hits >= 0.9 in 1 shard, found in "
                  f"{args.shards}: {np.mean(sb[sa >= 0.9] >= 0.9) if (sa >= 0.9).any() else 1:.4f}"
                  f" ({int((sa >= 0.9).sum())} hits)", flush=True)
    print(f"load after: {os.getloadavg()[0]:.2f}", flush=True)


if __name__ == "__main__":
    main()
