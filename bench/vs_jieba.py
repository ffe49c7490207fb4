"""Whole-process `titlekit lint --format json` on 18,000 real titles vs a bare jieba.lcut pass.

    python bench/vs_jieba.py [--titlekit PATH] [--python PATH] [--pairs 5] [--workdir DIR]

Input: the 6,000 titles of ../shared/data/taobao_titles_ner_train.jsonl three times, one a line,
exactly as they are (17 of them start with '#', which a titlekit .txt file reads as a comment,
so titlekit lints 17,949 of the 18,000 lines; the baseline cuts all 18,000).

A: `titlekit lint FILE --format json` (stdout to /dev/null; exit code 1 = problems found).
B: `PYTHON -c ...` that imports jieba, calls jieba.initialize() and writes
   '/'.join(jieba.lcut(line, HMM=False)) for every line of the same file (stdout to /dev/null).
   PYTHON defaults to the Python next to --titlekit, so both use the same jieba and the same
   dictionary cache (jieba.cache in the temp dir, built by the untimed warm-up run).

One untimed warm-up of each, then A B A B ... for --pairs rounds. Printed: median wall time of
each, the ratio A/B, peak RSS of each (largest over the runs), the number of titles titlekit
reported, median CPU time (user+system) and the load average (other work on the machine
skews wall times; CPU time much less). Both run with OMP/OpenBLAS/MKL threads set to 1.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _measure as m  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"

BASELINE = r"""
import logging, sys
import jieba
jieba.setLogLevel(logging.WARNING)
jieba.initialize()
out = sys.stdout
with open(sys.argv[1], encoding="utf-8") as fh:
    for line in fh:
        out.write("/".join(jieba.lcut(line.rstrip("\n"), HMM=False)))
        out.write("\n")
"""


def titles_file(workdir: Path, copies: int = 3) -> Path:
    with open(SHARED / "taobao_titles_ner_train.jsonl", encoding="utf-8") as fh:
        titles = [json.loads(line)["title"] for line in fh if line.strip()]
    path = workdir / f"taobao_train_x{copies}.txt"
    path.write_text("".join(t + "\n" for t in titles * copies), encoding="utf-8")
    return path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--titlekit", default=m.default_titlekit())
    ap.add_argument("--python", default=None,
                    help="Python whose jieba is the baseline [default: next to --titlekit]")
    ap.add_argument("--pairs", type=int, default=5)
    ap.add_argument("--workdir", default=None, help="where the 18,000-line file is written")
    args = ap.parse_args()
    python = args.python or str(Path(args.titlekit).with_name("python"))
    workdir = Path(args.workdir or tempfile.mkdtemp(prefix="tk-vs-jieba-"))
    workdir.mkdir(parents=True, exist_ok=True)
    path = titles_file(workdir)
    lines = path.read_text(encoding="utf-8").count("\n")

    cmds = {
        "titlekit lint --format json": [args.titlekit, "lint", str(path), "--format", "json"],
        "jieba.lcut(HMM=False)": [python, "-c", BASELINE, str(path)],
    }
    # warm-up: builds the jieba cache, fills the page cache; titlekit's output is kept to count
    out_json = workdir / "lint.json"
    m.run(cmds["titlekit lint --format json"], stdout=out_json)
    m.run(cmds["jieba.lcut(HMM=False)"])
    reported = len(json.loads(out_json.read_text(encoding="utf-8"))["results"])

    print(m.load_note() + " (at the start)")
    runs = m.alternate(cmds, args.pairs)
    a, b = (m.median_wall(r) for r in runs.values())
    print(f"input: {path} ({lines:,} lines; titlekit reported {reported:,} titles)")
    print(f"titlekit: {args.titlekit}\nbaseline python: {python}\npairs: {args.pairs}")
    print(m.load_note() + " (at the end)")
    print(f"{'command':32} {'median s':>9} {'min s':>7} {'max s':>7} {'CPU s':>7} "
          f"{'peak RSS':>10}")
    for name, rs in runs.items():
        walls = [r.wall for r in rs]
        print(f"{name:32} {m.median_wall(rs):9.2f} {min(walls):7.2f} {max(walls):7.2f} "
              f"{m.median_cpu(rs):7.2f} {m.fmt_rss(m.max_rss(rs)):>10}")
    ca, cb = (m.median_cpu(r) for r in runs.values())
    print(f"ratio titlekit / jieba.lcut: {a / b:.2f}x wall (median), {ca / cb:.2f}x CPU (median)")
    print("all walls: " + json.dumps({k: [round(r.wall, 3) for r in v] for k, v in runs.items()},
                                     ensure_ascii=False))


if __name__ == "__main__":
    main()
