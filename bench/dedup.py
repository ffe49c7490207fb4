"""Duplicate search at scale: build, query, memory and recall against brute force.

    python bench/dedup.py [--sizes 100k,1m] [--brute N] [--data DIR]

Data: ../shared/tools/gen_titles.py --outdir DIR (generated into DIR when missing): synthetic
Taobao-shaped titles (brand + model code + attributes + style + product noun + spec + selling
points + promotion words from five categories, fixed seeds), the corpus titles_1m.txt with its
first 100k lines as titles_100k.txt, and catalog_10k.txt: 10,000 other titles of which 1,000 are
planted near-duplicates (swapped, replaced or inserted words) of titles in the first 100k.
Synthetic titles measure speed and memory only; duplicate quality is measured on real JD titles
by bench/dedup_features.py and tests/test_dedup.py.

Printed per corpus size, each step in a fresh process:
- build: `titlekit index build` wall time, peak RSS (the child's ru_maxrss), file size;
- query: loading the index and finding the top-1 neighbour of the 10k catalog titles
  (wall of the whole process, and of the search alone);
- brute force: the same queries scored against every corpus title (the exact sparse product,
  the same vectors), on the first N queries (--brute, default all);
- recall: share of queries whose exact top-1 has similarity >= 0.8 for which the fast path
  returns that same title; and how many planted near-duplicates are found as top-1;
- lint: `titlekit lint` of a 10-title file against the prebuilt index (median of 5 runs) and of
  the whole 10k catalog with --competitors.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GEN = ROOT.parent / "shared" / "tools" / "gen_titles.py"

QUERY = r"""
import json, sys, time
t0 = time.perf_counter()
import numpy as np
from titlekit.dedup import index_file
from titlekit.dedup.index import Index
idx = index_file.load(sys.argv[1])
t1 = time.perf_counter()
q = open(sys.argv[2], encoding="utf-8").read().splitlines()
mode = sys.argv[4]
n = int(sys.argv[5])
t2 = time.perf_counter()
nb = idx.nearest(q[:n], exact=(mode == "exact"))
t3 = time.perf_counter()
np.save(sys.argv[3], np.stack([nb.index[:, 0].astype(np.float64), nb.similarity[:, 0]]))
print(json.dumps({"load": t1 - t0, "search": t3 - t2}))
"""


def run_child(cmd: list[str]) -> tuple[float, float, str]:
    """(wall seconds, peak RSS MiB, stdout) of one child process."""
    t = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    out, err = p.stdout.read(), p.stderr.read()
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        sys.exit(f"failed: {' '.join(cmd)}\n{err}")
    return wall, usage.ru_maxrss / 1024, out


def ensure_data(data: Path) -> None:
    if (data / "titles_1m.txt").is_file() and (data / "catalog_10k.txt").is_file():
        return
    if not GEN.is_file():
        sys.exit(f"no benchmark data in {data} and no generator at {GEN}")
    data.mkdir(parents=True, exist_ok=True)
    subprocess.run([sys.executable, str(GEN), "--outdir", str(data)], check=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=os.environ.get("TITLEKIT_BENCH_DATA", "/tmp/titlekit-bench"))
    ap.add_argument("--sizes", default="100k,1m")
    ap.add_argument("--brute", type=int, default=10_000, help="queries scored by brute force")
    args = ap.parse_args()
    data = Path(args.data)
    ensure_data(data)
    py = sys.executable
    titlekit = str(Path(py).with_name("titlekit"))
    catalog = data / "catalog_10k.txt"
    planted = [tuple(map(int, line.split("\t")[:2]))
               for line in (data / "planted.tsv").read_text().splitlines() if line.strip()]
    ten = data / "ten.txt"
    ten.write_text("\n".join(catalog.read_text(encoding="utf-8").splitlines()[:10]) + "\n",
                   encoding="utf-8")
    import numpy as np

    rows = []
    for size in args.sizes.split(","):
        corpus = data / f"titles_{size}.txt"
        idx = data / f"competitors_{size}.tkidx"
        wall, rss, _ = run_child([titlekit, "index", "build", str(corpus), "-o", str(idx)])
        r = {"size": size, "build_s": wall, "build_rss_mib": rss,
             "file_mib": idx.stat().st_size / 2**20}
        fast_npy, exact_npy = data / "fast.npy", data / "exact.npy"
        wall, rss, out = run_child([py, "-c", QUERY, str(idx), str(catalog), str(fast_npy),
                                    "fast", "10000"])
        info = json.loads(out)
        r.update(query_wall_s=wall, query_rss_mib=rss, load_s=info["load"],
                 search_s=info["search"])
        n_brute = min(args.brute, 10_000)
        wall, rss, out = run_child([py, "-c", QUERY, str(idx), str(catalog), str(exact_npy),
                                    "exact", str(n_brute)])
        info = json.loads(out)
        r.update(brute_queries=n_brute, brute_search_s=info["search"],
                 brute_per_10k_s=info["search"] * 10_000 / n_brute)
        fast, exact = np.load(fast_npy), np.load(exact_npy)
        close = exact[1] >= 0.8
        same = fast[0, :n_brute][close] == exact[0][close]
        r.update(recall=float(same.mean()) if close.any() else float("nan"),
                 pairs_ge_08=int(close.sum()))
        found = sum(1 for cat_line, corp_line in planted if fast[0, cat_line] == corp_line)
        r.update(planted_top1=found, planted=len(planted))
        walls = [run_child([titlekit, "lint", str(ten), "--competitors", str(idx)])[0]
                 for _ in range(5)]
        r["lint10_median_s"] = statistics.median(walls)
        wall, rss, _ = run_child([titlekit, "lint", str(catalog), "--competitors", str(idx),
                                  "--format", "json"])
        r.update(lint10k_s=wall, lint10k_rss_mib=rss)
        rows.append(r)
        print(json.dumps(r), flush=True)
    print()
    print(f"{'corpus':>7} {'build s':>8} {'build MiB':>10} {'file MiB':>9} {'load s':>7} "
          f"{'search s':>9} {'query wall s':>13} {'brute s/10k':>12} {'speed-up':>9} "
          f"{'recall':>7} {'pairs':>6} {'planted':>9} {'lint 10':>8} {'lint 10k':>9}")
    for r in rows:
        print(f"{r['size']:>7} {r['build_s']:8.1f} {r['build_rss_mib']:10.0f} "
              f"{r['file_mib']:9.0f} {r['load_s']:7.2f} {r['search_s']:9.2f} "
              f"{r['query_wall_s']:13.2f} {r['brute_per_10k_s']:12.1f} "
              f"{r['brute_per_10k_s'] / r['search_s']:8.0f}x {r['recall']:7.4f} "
              f"{r['pairs_ge_08']:6d} {r['planted_top1']:4d}/{r['planted']:<4d} "
              f"{r['lint10_median_s']:8.2f} {r['lint10k_s']:9.2f}")


if __name__ == "__main__":
    main()
