"""Competitor index at scale: build 1M titles, query 10k titles against it, rewrite rows/s.

    python bench/index_scale.py [--titlekit PATH] [--data DIR] [--rows 100000]
                                [--keywords FILE] [--rewrite-budget 600] [--max-rss-mib 16000]

Data: DIR/titles_{10k,100k,1m}.txt from ../shared/tools/gen_titles.py --outdir DIR (written
when missing; synthetic: speed and memory only). Everything runs through the `titlekit` command
with stdout to /dev/null, OMP/OpenBLAS/MKL threads at 1.

1. `titlekit index build DIR/titles_1m.txt -o DIR/index-bench/competitors_1m.tkidx`: wall time,
   peak RSS, index size.
2. `titlekit lint DIR/titles_10k.txt --competitors IDX --format json` against the same command
   without --competitors: the difference is the index load plus 10k duplicate queries.
3. `titlekit rewrite CATALOG -o OUT --competitors IDX --report REPORT.json --no-config -q` over
   a CSV catalog (id,title,price) of the first --rows titles of titles_100k.txt (the shape
   bench/rewrite.py uses), whole-command rows/s and peak RSS. bench/rewrite.py also passes a
   keyword file mined with scripts/keywords_from_titles.py, which imports titlekit's internals;
   here a keyword file is used only when given with --keywords. A 10,000-row run goes first;
   when it predicts more than --rewrite-budget seconds for --rows, the big run is skipped and
   the 10k figure is the one reported.
"""

from __future__ import annotations

import argparse
import csv
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _measure as m  # noqa: E402
from lint_scale import count_lines, ensure_data  # noqa: E402


def catalog(titles: list[str], path: Path) -> None:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "title", "price"])
        for i, t in enumerate(titles):
            w.writerow([f"SKU{i:07d}", t, "99.00"])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--titlekit", default=m.default_titlekit())
    ap.add_argument("--data", default=None, help="gen_titles.py output dir [default: a temp dir]")
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--keywords", default=None, help="keyword CSV for rewrite (optional)")
    ap.add_argument("--rewrite-budget", type=float, default=600.0)
    ap.add_argument("--max-rss-mib", type=float, default=16000)
    args = ap.parse_args()
    tk = args.titlekit
    data = Path(args.data or tempfile.mkdtemp(prefix="tk-data-"))
    ensure_data(data)
    work = data / "index-bench"
    work.mkdir(exist_ok=True)
    lim = args.max_rss_mib
    print(f"titlekit: {tk}\ndata: {data}")

    # 1. build
    src = data / "titles_1m.txt"
    idx = work / "competitors_1m.tkidx"
    r = m.run([tk, "index", "build", str(src), "-o", str(idx)], rss_limit_mib=lim)
    if r.killed:
        print(f"index build: killed by the memory watchdog at {lim:,.0f} MiB")
        return
    n = count_lines(src)
    print(f"index build {n:,} titles: {r.wall:.1f} s ({n / r.wall:,.0f} titles/s), "
          f"peak RSS {m.fmt_rss(r.maxrss_mib)}, index {idx.stat().st_size / 2**20:,.1f} MiB")
    info = m.run([tk, "index", "info", str(idx)], stdout=work / "info.txt")
    if info.returncode == 0:
        print("index info: " + " ".join((work / "info.txt").read_text().split())[:400])

    # 2. queries
    q = data / "titles_10k.txt"
    nq = count_lines(q)
    base = m.run([tk, "lint", str(q), "--format", "json"], rss_limit_mib=lim)
    with_idx = m.run([tk, "lint", str(q), "--competitors", str(idx), "--format", "json"],
                     rss_limit_mib=lim)
    print(f"lint {nq:,} titles --format json: {base.wall:.1f} s, peak RSS "
          f"{m.fmt_rss(base.maxrss_mib)}")
    print(f"lint {nq:,} titles --competitors {n:,}-title index --format json: {with_idx.wall:.1f} s, peak "
          f"RSS {m.fmt_rss(with_idx.maxrss_mib)}; index load + {nq:,} queries = "
          f"{with_idx.wall - base.wall:.1f} s ({nq / max(with_idx.wall - base.wall, 1e-9):,.0f} "
          "queries/s, load included)")

    # 3. rewrite
    titles = (data / "titles_100k.txt").read_text(encoding="utf-8").splitlines()
    extra = ["--keywords", args.keywords] if args.keywords else []

    def rewrite(rows: int) -> m.Run:
        cat = work / f"catalog_{rows}.csv"
        catalog(titles[:rows], cat)
        return m.run([tk, "rewrite", str(cat), "-o", str(work / "out.csv"), "--competitors",
                      str(idx), "--report", str(work / "report.json"), "--no-config", "-q",
                      *extra], rss_limit_mib=lim, ok_codes=(0, 1))

    small = min(10_000, args.rows)
    r10 = rewrite(small)
    print(f"rewrite {small:,} rows (--competitors {n:,}-title index{', --keywords' if extra else ''}): "
          f"{r10.wall:.1f} s = {small / r10.wall:,.0f} rows/s whole command, peak RSS "
          f"{m.fmt_rss(r10.maxrss_mib)}")
    if args.rows > small:
        guess = r10.wall * args.rows / small
        if guess > args.rewrite_budget:
            print(f"rewrite {args.rows:,} rows: skipped, predicted {guess:,.0f} s > budget "
                  f"{args.rewrite_budget:,.0f} s")
        else:
            rb = rewrite(args.rows)
            print(f"rewrite {args.rows:,} rows: {rb.wall:.1f} s = {args.rows / rb.wall:,.0f} "
                  f"rows/s whole command, peak RSS {m.fmt_rss(rb.maxrss_mib)}")


if __name__ == "__main__":
    main()
