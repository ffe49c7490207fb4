"""Benchmark and figures for `titlekit rewrite`.

Speed (synthetic titles from ../shared/tools/gen_titles.py, never for quality figures):

    python bench/rewrite.py speed --data DIR [--rows 100000]

rewrites the first ROWS titles of DIR/titles_100k.txt as a CSV catalog with a keyword file
mined from DIR/titles_10k.txt and DIR/competitors_1m.tkidx (built with `titlekit index build
DIR/titles_1m.txt -o DIR/competitors_1m.tkidx` when missing) in a fresh process pinned to one
core, and with ``--jobs 2`` in a fresh process on every core (the runs alternate); prints rows/s
of the rewrite itself and of the whole command, and peak memory (of the parent process).

Figures on real titles:

    python bench/rewrite.py real

takes the 6,000 titles of taobao_titles_ner_train.jsonl as a catalog and prints mean score and
bytes before -> after, the share within 4 bytes of the limit and the share with an error, with
no keyword file and with one mined from the same titles (scripts/keywords_from_titles.py).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
TITLEKIT = str(Path(sys.executable).with_name("titlekit"))  # the one installed with this Python
ONE_CORE = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


def _catalog(titles: list[str], path: Path) -> None:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "title", "price"])
        for i, t in enumerate(titles):
            w.writerow([f"SKU{i:07d}", t, "99.00"])


def speed(args: argparse.Namespace) -> None:
    data = Path(args.data)
    work = data / "rewrite-bench"
    work.mkdir(exist_ok=True)
    titles = (data / "titles_100k.txt").read_text(encoding="utf-8").splitlines()[: args.rows]
    catalog = work / f"catalog_{len(titles)}.csv"
    _catalog(titles, catalog)
    kw = work / "keywords.csv"
    if not kw.exists():
        subprocess.run([sys.executable, str(ROOT / "scripts" / "keywords_from_titles.py"),
                        str(data / "titles_10k.txt"), "-o", str(kw)], check=True)
    index = data / "competitors_1m.tkidx"
    if not index.exists():
        subprocess.run([TITLEKIT, "index", "build", str(data / "titles_1m.txt"), "-o",
                        str(index)], check=True)
    env = {**os.environ, **ONE_CORE}
    runs: dict[int, list[dict]] = {1: [], 2: []}
    for _ in range(args.runs):
        for jobs, done in runs.items():
            out = subprocess.run([sys.executable, "-c", _code(catalog, work, kw, index, jobs)],
                                 env=env, capture_output=True, text=True, check=True)
            done.append(json.loads(out.stdout.strip().splitlines()[-1]))
            print(out.stderr.strip().splitlines()[0], file=sys.stderr)
    rows = len(titles)
    print(f"rows {rows}  runs {args.runs} each (median shown)  keyword terms "
          f"{len(kw.read_text(encoding='utf-8').splitlines()) - 1}  index {index.name}")
    for jobs, done in runs.items():
        done.sort(key=lambda r: r["rewrite"])
        med = done[len(done) // 2]
        where = "one process on one core" if jobs == 1 else f"--jobs {jobs}"
        print(f"{where}: rewrite step {med['rewrite']:.1f} s = {rows / med['rewrite']:,.0f} "
              f"rows/s; whole command (start-up, reading, index load, writing, report): "
              f"{med['total']:.1f} s = {rows / med['total']:,.0f} rows/s; peak RSS "
              f"{med['rss_mib']:,.0f} MiB")
        print("  all runs (rewrite s):", ", ".join(f"{r['rewrite']:.1f}" for r in done))
    one, two = (sorted(r["rewrite"] for r in runs[j])[len(runs[j]) // 2] for j in (1, 2))
    same = all((work / f"{name}_1.{ext}").read_bytes() == (work / f"{name}_2.{ext}").read_bytes()
               for name, ext in (("out", "csv"), ("report", "json")))
    print(f"--jobs 2 speed-up of the rewrite step: {one / two:.2f}x; catalog and report "
          f"{'identical' if same else 'DIFFERENT'} to one process's")


def _code(catalog: Path, work: Path, kw: Path, index: Path, jobs: int) -> str:
    pin = "os.sched_setaffinity(0, {0})" if jobs == 1 else ""
    return f"""
import json, os, resource, time
{pin}
t0 = time.perf_counter()
from titlekit.cli import main
import sys
sys.argv = ['titlekit', 'rewrite', {str(catalog)!r}, '-o', {str(work / f'out_{jobs}.csv')!r},
            '--keywords', {str(kw)!r}, '--competitors', {str(index)!r}, '--report',
            {str(work / f'report_{jobs}.json')!r}, '--no-config', '--jobs', '{jobs}']
import titlekit.rewrite.rewriter as rw
orig = rw.Rewriter.rewrite
spent = {{}}
def timed(self, *a, **k):
    t = time.perf_counter()
    out = orig(self, *a, **k)
    spent['rewrite'] = time.perf_counter() - t
    return out
rw.Rewriter.rewrite = timed
try:
    main()
except SystemExit:
    pass
spent['total'] = time.perf_counter() - t0
spent['rss_mib'] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(spent))
"""


def real(args: argparse.Namespace) -> None:
    src = SHARED / "data" / "taobao_titles_ner_train.jsonl"
    if not src.exists():
        sys.exit(f"{src} is not present")
    recs = [json.loads(line) for line in src.read_text(encoding="utf-8").splitlines() if line]
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    catalog = work / "taobao_6000.csv"
    _catalog([r["title"] for r in recs], catalog)
    titles_txt = work / "taobao_6000.txt"
    titles_txt.write_text("\n".join(r["title"].replace("\n", " ") for r in recs) + "\n",
                          encoding="utf-8")
    kw = work / "keywords_taobao.csv"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "keywords_from_titles.py"),
                    str(titles_txt), "-o", str(kw)], check=True)
    print(f"catalog: {len(recs)} rows of {src.name}")
    print(f"{'keywords':<28} {'score':>13} {'bytes':>13} {'within 4 B':>11} "
          f"{'with error':>16} {'changed':>8} {'kept':>5}")
    for label, extra in (("none", []), ("mined from the catalog", ["--keywords", str(kw)])):
        report = work / f"report_{len(extra)}.json"
        t = time.perf_counter()
        subprocess.run([TITLEKIT, "rewrite", str(catalog), "-o", str(work / "out.csv"),
                        "--report", str(report), "--no-config", "-q", *extra], check=True)
        wall = time.perf_counter() - t
        d = json.loads(report.read_text(encoding="utf-8"))
        s, rows = d["summary"], d["rows"]
        n = len(rows)
        within_b = sum(56 <= r["bytes_before"] <= 60 for r in rows) / n
        within_a = sum(56 <= r["bytes_after"] <= 60 for r in rows) / n
        print(f"{label:<28} {s['mean_score_before']:>5.1f} -> {s['mean_score_after']:<5.1f} "
              f"{s['mean_bytes_before']:>5.1f} -> {s['mean_bytes_after']:<5.1f} "
              f"{within_b:>4.0%}->{within_a:<4.0%} "
              f"{s['with_error_before'] / n:>6.1%} -> {s['with_error_after'] / n:<6.1%} "
              f"{s['changed']:>8} {s['kept']:>5}   ({wall:.1f} s)")
        print("   left as is:", json.dumps(s["kept_reasons"], ensure_ascii=False))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    sp = sub.add_parser("speed")
    sp.add_argument("--data", required=True, help="directory written by gen_titles.py --outdir")
    sp.add_argument("--rows", type=int, default=100_000)
    sp.add_argument("--runs", type=int, default=3)
    rp = sub.add_parser("real")
    rp.add_argument("--work", default="/tmp/titlekit-rewrite-real")
    args = ap.parse_args()
    speed(args) if args.cmd == "speed" else real(args)


if __name__ == "__main__":
    main()
