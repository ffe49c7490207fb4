"""`titlekit lint` on 100k and 1M synthetic titles: wall time, titles/s, peak RSS.

    python bench/lint_scale.py [--titlekit PATH] [--data DIR] [--sizes 100k,1m]
                               [--formats json,jsonl] [--max-rss-mib 16000] [--runs 1]

Data: DIR/titles_{10k,100k,1m}.txt from ../shared/tools/gen_titles.py --outdir DIR (written
when missing; synthetic titles: speed and memory only, never quality).

For each format that `titlekit lint --help` lists among --format's choices (jsonl is skipped,
with a note, when it is not there) and each size: `titlekit lint DIR/titles_SIZE.txt --format F`
with stdout to /dev/null, --runs times (median). Sizes run smallest first; a size is
skipped when the peak RSS extrapolated linearly from the two smaller measured sizes (10k is
measured first for that) passes --max-rss-mib, and a watchdog kills any run that passes it.

With a --jobs option in `titlekit lint --help`: the 100k file (or the smallest size) once with
--jobs 1 and once with --jobs 2, outputs written to files and compared byte for byte; printed:
speed-up and whether the outputs are identical. Without it, says so.
"""

from __future__ import annotations

import argparse
import filecmp
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _measure as m  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
GEN = ROOT.parent / "shared" / "tools" / "gen_titles.py"
SIZES = {"10k": 10_000, "100k": 100_000, "1m": 1_000_000}


def ensure_data(data: Path) -> None:
    if all((data / f"titles_{s}.txt").exists() for s in SIZES):
        return
    data.mkdir(parents=True, exist_ok=True)
    print(f"generating titles into {data} ...", flush=True)
    subprocess.run([sys.executable, str(GEN), "--outdir", str(data)], check=True)


def count_lines(path: Path) -> int:
    with open(path, "rb") as fh:
        return sum(1 for _ in fh)


def extrapolate(points: list[tuple[int, float]], n: int) -> float | None:
    """Linear through the last two (titles, MiB) points."""
    if len(points) < 2:
        return None
    (n0, r0), (n1, r1) = points[-2:]
    return r1 + (r1 - r0) * (n - n1) / (n1 - n0)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--titlekit", default=m.default_titlekit())
    ap.add_argument("--data", default=None, help="gen_titles.py output dir [default: a temp dir]")
    ap.add_argument("--sizes", default="100k,1m")
    ap.add_argument("--formats", default="json,jsonl")
    ap.add_argument("--max-rss-mib", type=float, default=16000)
    ap.add_argument("--runs", type=int, default=1)
    args = ap.parse_args()
    data = Path(args.data or tempfile.mkdtemp(prefix="tk-data-"))
    ensure_data(data)
    sizes = sorted({s.strip().lower() for s in args.sizes.split(",") if s.strip()},
                   key=SIZES.__getitem__)
    choices = m.format_choices(args.titlekit)
    print(f"titlekit: {args.titlekit}\n--format choices: {', '.join(choices)}\ndata: {data}")
    print(f"{'format':6} {'titles':>9} {'median s':>9} {'titles/s':>9} {'peak RSS':>10}  note")

    for fmt in [f.strip() for f in args.formats.split(",") if f.strip()]:
        if fmt not in choices:
            print(f"{fmt:6} {'-':>9} {'-':>9} {'-':>9} {'-':>10}  not a --format choice: skipped")
            continue
        points: list[tuple[int, float]] = []
        todo = sizes if "10k" in sizes else ["10k", *sizes]
        for size in todo:
            path = data / f"titles_{size}.txt"
            n = count_lines(path)
            guess = extrapolate(points, n)
            if guess is not None and guess > args.max_rss_mib:
                print(f"{fmt:6} {n:9,} {'-':>9} {'-':>9} {'-':>10}  skipped: extrapolated peak "
                      f"{guess:,.0f} MiB > {args.max_rss_mib:,.0f}")
                continue
            cmd = [args.titlekit, "lint", str(path), "--format", fmt]
            runs = [m.run(cmd, rss_limit_mib=args.max_rss_mib) for _ in range(args.runs)]
            if any(r.killed for r in runs):
                print(f"{fmt:6} {n:9,} {'-':>9} {'-':>9} {'>' + m.fmt_rss(args.max_rss_mib):>10}"
                      "  killed by the memory watchdog")
                continue
            wall = statistics.median(r.wall for r in runs)
            rss = m.max_rss(runs)
            if rss is not None:
                points.append((n, rss))
            note = "(for extrapolation)" if size not in sizes else ""
            print(f"{fmt:6} {n:9,} {wall:9.1f} {n / wall:9,.0f} {m.fmt_rss(rss):>10}  {note}",
                  flush=True)
        for size in ("1m",):
            if size not in sizes and len(points) >= 2:
                est = extrapolate(points, SIZES[size])
                print(f"{fmt:6} {SIZES[size]:9,} {'':>9} {'':>9} {est:>6,.0f} MiB  "
                      "extrapolated linearly, not measured")

    if not m.has_option(args.titlekit, ("lint",), "--jobs"):
        print("--jobs: not an option of `titlekit lint` in this version: no parallel run")
        return
    size = "100k" if "100k" in sizes else sizes[0]
    path = data / f"titles_{size}.txt"
    fmt = "json" if "json" in choices else choices[0]
    outdir = Path(tempfile.mkdtemp(prefix="tk-jobs-"))
    res = {}
    for jobs in (1, 2):
        out = outdir / f"jobs{jobs}.{fmt}"
        res[jobs] = m.run([args.titlekit, "lint", str(path), "--format", fmt, "--jobs",
                           str(jobs)], stdout=out, rss_limit_mib=args.max_rss_mib)
    same = filecmp.cmp(outdir / f"jobs1.{fmt}", outdir / f"jobs2.{fmt}", shallow=False)
    print(f"--jobs on {size} ({fmt}): 1 job {res[1].wall:.1f} s, 2 jobs {res[2].wall:.1f} s, "
          f"speed-up {res[1].wall / res[2].wall:.2f}x, peak RSS of the largest process "
          f"{m.fmt_rss(res[1].maxrss_mib)} / {m.fmt_rss(res[2].maxrss_mib)}, sampled peak of all "
          f"processes {m.fmt_rss(res[1].tree_peak_mib)} / {m.fmt_rss(res[2].tree_peak_mib)}, "
          f"outputs identical: {same}")


if __name__ == "__main__":
    main()
