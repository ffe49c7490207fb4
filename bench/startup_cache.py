"""Start-up with and without the segmenter cache: a first start (empty cache folder) against a
second start (the cache that first start left), beside `jieba.initialize()`.

    python bench/startup_cache.py [--titlekit PATH] [--base-titlekit PATH] [--pairs 5] [--file F]

Each round runs, in this order: `titlekit lint FILE` with TITLEKIT_CACHE_DIR set to a new empty
folder (first start: it builds and writes the cache), the same command again with that folder
(second start), then the baseline `PYTHON -c "import jieba; jieba.initialize()"` (PYTHON next to
--titlekit) and, with --base-titlekit, the base's `titlekit lint FILE` given a cache folder of
its own that was warmed once before the rounds. FILE defaults to bench/startup_lint.py's ten
real titles. Printed: median wall and CPU time of each over --pairs rounds, the ratios to
jieba.initialize(), and the load average before and after.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _measure as m
from startup_lint import BASELINE, ten_titles


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--titlekit", default=m.default_titlekit())
    ap.add_argument("--base-titlekit", default=None)
    ap.add_argument("--pairs", type=int, default=5)
    ap.add_argument("--file", default=None, help="file to lint [default: 10 real titles]")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="tk-sc-"))
    path = Path(args.file) if args.file else ten_titles(work)
    python = str(Path(args.titlekit).with_name("python"))
    lint = [args.titlekit, "lint", str(path)]
    base_env = {"TITLEKIT_CACHE_DIR": str(work / "base-cache")}
    if args.base_titlekit:
        m.run([args.base_titlekit, "lint", str(path)], env=base_env)  # warm-up
    m.run([python, "-c", BASELINE])  # warm-up (jieba's own cache)
    print(m.load_note() + " (at the start)")
    runs: dict[str, list[m.Run]] = {"first start (empty cache)": [],
                                    "second start (cache kept)": [],
                                    "jieba.initialize()": []}
    if args.base_titlekit:
        runs["base"] = []
    for i in range(args.pairs):
        env = {"TITLEKIT_CACHE_DIR": str(work / f"cache-{i}")}
        runs["first start (empty cache)"].append(m.run(lint, env=env))
        runs["second start (cache kept)"].append(m.run(lint, env=env))
        runs["jieba.initialize()"].append(m.run([python, "-c", BASELINE]))
        if args.base_titlekit:
            runs["base"].append(m.run([args.base_titlekit, "lint", str(path)], env=base_env))
    print(m.load_note() + " (at the end)")
    print(f"file: {path}\ntitlekit: {args.titlekit}\nbase: {args.base_titlekit}\n"
          f"rounds: {args.pairs}")
    ref = m.median_wall(runs["jieba.initialize()"])
    ref_cpu = m.median_cpu(runs["jieba.initialize()"])
    print(f"{'command':28} {'median s':>9} {'min s':>7} {'max s':>7} {'CPU s':>7} "
          f"{'wall ratio':>10} {'CPU ratio':>10}")
    for name, rs in runs.items():
        walls = [r.wall for r in rs]
        print(f"{name:28} {m.median_wall(rs):9.3f} {min(walls):7.3f} {max(walls):7.3f} "
              f"{m.median_cpu(rs):7.3f} {m.median_wall(rs) / ref:9.2f}x "
              f"{m.median_cpu(rs) / ref_cpu:9.2f}x")
    print("walls: " + "; ".join(f"{k}: " + " ".join(f"{r.wall:.2f}" for r in v)
                                for k, v in runs.items()))


if __name__ == "__main__":
    main()
