"""Every must-show figure of issue 17, this checkout beside a baseline checkout, in one run.

    python bench/issue17.py --titlekit A/bin/titlekit --base-titlekit B/bin/titlekit
                            [--data DIR] [--n 1000000] [--queries 10000] [--pairs 5]
                            [--parts a,b,c,d,e] [--max-rss-mib 16000]

A is this checkout installed plainly (``pip install .``, no extras), B the baseline (e.g. main:
``git worktree add --detach /tmp/perf-base main`` and ``pip install /tmp/perf-base`` into its
own venv). Every command runs through the ``titlekit`` command with stdout to a file or
/dev/null and OMP/OpenBLAS/MKL threads at 1 (bench/_measure.py). ``uptime`` is printed before
and after each part: other work on the machine skews wall times.

(a) 18,000 real titles (bench/vs_jieba.py's file and its bare pass: a Python that imports
    jieba, calls jieba.initialize() and writes '/'.join(jieba.lcut(line, HMM=False)) for every
    line), ``titlekit lint FILE --format json``: A, B and the bare pass alternated --pairs
    rounds after one untimed warm-up each; medians, ratios to the bare pass.
(b) 10 titles (bench/startup_lint.py's file), ``titlekit lint FILE`` against
    ``python -c "import jieba; jieba.initialize()"``, alternated the same way.
(c) The first --n titles of gen_titles.py's titles_1m.txt, ``lint --format jsonl --jobs 1`` and
    (d) ``--jobs 2``: wall, titles/s, peak RSS of the largest process (/usr/bin/time %M, i.e.
    wait4's ru_maxrss) and the sampled peak of the whole process tree (sum of RSS and sum of
    PSS, which counts pages shared by forked workers once); the sha256 of each output, and
    whether the two outputs (and A's and B's) are identical. Run once each per side (A then B,
    jobs 1 then jobs 2); --big-runs repeats them (medians).
(e) ``titlekit index build`` of the same --n titles: wall, peak RSS. Then --queries titles of
    titles_10k.txt against it: ``lint Q --competitors IDX --format json`` minus ``lint Q
    --format json`` (index load + queries, whole command), and in one process the index load
    and ``Index.nearest`` + ``identical`` of every query timed apart.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _measure as m
from lint_scale import count_lines, ensure_data
from startup_lint import BASELINE as INIT_BASELINE
from startup_lint import ten_titles
from vs_jieba import BASELINE as LCUT_BASELINE
from vs_jieba import titles_file

QUERY_SNIPPET = r"""
import sys, time
t0 = time.perf_counter()
from titlekit.dedup import index_file
idx = index_file.load(sys.argv[1])
t1 = time.perf_counter()
titles = [l.rstrip("\n") for l in open(sys.argv[2], encoding="utf-8") if l.strip()]
t2 = time.perf_counter()
nb = idx.nearest(titles, k=1)
same = [idx.identical(t) for t in titles]
t3 = time.perf_counter()
print(f"{t1 - t0:.3f} {t3 - t2:.3f} {int((nb.index[:, 0] >= 0).sum())} {sum(s >= 0 for s in same)}")
"""


def uptime(when: str) -> None:
    out = subprocess.run(["uptime"], check=False, capture_output=True, text=True).stdout.strip()
    print(f"[uptime {when}] {out}", flush=True)


def python_of(titlekit: str) -> str:
    return str(Path(titlekit).with_name("python"))


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


class PssSampler:
    """Samples the summed PSS (/proc/PID/smaps_rollup) of every process below this one."""

    def __init__(self) -> None:
        self.peak = 0.0
        self._stop = threading.Event()
        self._t = threading.Thread(target=self._loop, daemon=True)

    def _loop(self) -> None:
        me = os.getpid()
        while not self._stop.wait(0.25):
            total = 0
            todo = [me]
            while todo:
                p = todo.pop()
                try:
                    for task in Path(f"/proc/{p}/task").iterdir():
                        todo.extend(int(k) for k in (task / "children").read_text().split())
                    if p != me:
                        for line in Path(f"/proc/{p}/smaps_rollup").read_text().splitlines():
                            if line.startswith("Pss:"):
                                total += int(line.split()[1])
                                break
                except (OSError, ValueError):
                    continue
            self.peak = max(self.peak, total / 1024)

    def __enter__(self):
        self._t.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._t.join()


def table(title: str, runs: dict[str, list[m.Run]], ref: str | None) -> None:
    print(title)
    print(f"  {'command':44} {'median s':>9} {'min s':>7} {'max s':>7} {'CPU s':>7} "
          f"{'peak RSS':>10} {'ratio':>7}")
    base = m.median_wall(runs[ref]) if ref else None
    for name, rs in runs.items():
        walls = [r.wall for r in rs]
        ratio = f"{m.median_wall(rs) / base:6.2f}x" if base else ""
        print(f"  {name:44} {m.median_wall(rs):9.3f} {min(walls):7.3f} {max(walls):7.3f} "
              f"{m.median_cpu(rs):7.2f} {m.fmt_rss(m.max_rss(rs)):>10} {ratio:>7}")
    print("  walls: " + "; ".join(f"{k}: " + " ".join(f"{r.wall:.2f}" for r in v)
                                  for k, v in runs.items()), flush=True)


def part_a(sides: dict[str, str], python: str, pairs: int, work: Path) -> None:
    path = titles_file(work)
    cmds = {f"{s}: titlekit lint --format json": [tk, "lint", str(path), "--format", "json"]
            for s, tk in sides.items()}
    cmds["bare jieba.lcut(HMM=False) pass"] = [python, "-c", LCUT_BASELINE, str(path)]
    for cmd in cmds.values():
        m.run(cmd)
    runs = m.alternate(cmds, pairs)
    table(f"(a) 18,000 real titles ({path}), {pairs} alternated rounds; ratio to the bare pass",
          runs, "bare jieba.lcut(HMM=False) pass")


def part_b(sides: dict[str, str], python: str, pairs: int, work: Path) -> None:
    path = ten_titles(work)
    cmds = {f"{s}: titlekit lint (10 titles)": [tk, "lint", str(path)]
            for s, tk in sides.items()}
    cmds["python -c 'import jieba; jieba.initialize()'"] = [python, "-c", INIT_BASELINE]
    for cmd in cmds.values():
        m.run(cmd)
    runs = m.alternate(cmds, pairs)
    table(f"(b) 10-title start-up, {pairs} alternated rounds; ratio to jieba.initialize()", runs,
          "python -c 'import jieba; jieba.initialize()'")


def big_input(data: Path, n: int, work: Path) -> Path:
    src = data / "titles_1m.txt"
    if n >= 1_000_000:
        return src
    path = work / f"titles_{n}.txt"
    with open(src, encoding="utf-8") as fh, open(path, "w", encoding="utf-8") as out:
        for i, line in enumerate(fh):
            if i >= n:
                break
            out.write(line)
    return path


SPIN = "import time; t = time.process_time(); x = sum(i * i for i in range(30_000_000))"


def capacity(python: str) -> str:
    """What two processes get on this machine now: one CPU-bound loop alone, then two at
    once (wall seconds), as a yardstick for the --jobs 2 speed-up."""
    t0 = time.perf_counter()
    subprocess.run([python, "-c", SPIN], check=True)
    one = time.perf_counter() - t0
    t0 = time.perf_counter()
    procs = [subprocess.Popen([python, "-c", SPIN]) for _ in range(2)]
    for p in procs:
        p.wait()
    two = time.perf_counter() - t0
    return (f"machine yardstick: one CPU-bound loop {one:.1f} s, two at once {two:.1f} s: "
            f"two processes did {2 * one / two:.2f}x the work of one")


def part_cd(sides: dict[str, str], path: Path, runs_n: int, limit: float, work: Path,
            jobs_list: tuple[int, ...] = (1, 2)) -> None:
    n = count_lines(path)
    print("  " + capacity(python_of(next(iter(sides.values())))), flush=True)
    print(f"(c, d) lint {path} ({n:,} titles) --format jsonl, --jobs 1 and --jobs 2, "
          f"{runs_n} run(s) each")
    print(f"  {'side, jobs':22} {'median s':>9} {'titles/s':>9} {'largest proc':>13} "
          f"{'tree RSS sum':>13} {'tree PSS sum':>13}  sha256 of output")
    hashes: dict[tuple[str, int], str] = {}
    walls: dict[tuple[str, int], float] = {}
    for side, tk in sides.items():
        for jobs in jobs_list:
            rs, pss = [], 0.0
            for _ in range(runs_n):
                out = work / f"out-{side}-{jobs}.jsonl"
                with PssSampler() as sampler:
                    r = m.run([tk, "lint", str(path), "--format", "jsonl", "--jobs", str(jobs)],
                              stdout=out, rss_limit_mib=limit)
                pss = max(pss, sampler.peak)
                rs.append(r)
                hashes[side, jobs] = "killed" if r.killed else sha256(out)
                out.unlink()
            wall = statistics.median(r.wall for r in rs)
            walls[side, jobs] = wall
            tree = max((r.tree_peak_mib or 0) for r in rs)
            print(f"  {side + ', --jobs ' + str(jobs):22} {wall:9.1f} {n / wall:9,.0f} "
                  f"{m.fmt_rss(m.max_rss(rs)):>13} {m.fmt_rss(tree):>13} {m.fmt_rss(pss):>13}  "
                  f"{hashes[side, jobs][:16]}", flush=True)
    print("  " + capacity(python_of(next(iter(sides.values())))))
    for side in sides:
        if (side, 1) in walls and (side, 2) in walls:
            print(f"  {side}: --jobs 2 speed-up {walls[side, 1] / walls[side, 2]:.2f}x; outputs "
                  f"of --jobs 1 and 2 identical: {hashes[side, 1] == hashes[side, 2]}")
    if len(sides) == 2:
        a, b = sides
        j = jobs_list[0]
        print(f"  {a} and {b} outputs identical (--jobs {j}): {hashes[a, j] == hashes[b, j]}")


def part_e(sides: dict[str, str], path: Path, queries: Path, pairs: int, limit: float,
           work: Path) -> None:
    n = count_lines(path)
    nq = count_lines(queries)
    print(f"(e) index build of {path} ({n:,} titles); {nq:,} queries ({queries})")
    for side, tk in sides.items():
        idx = work / f"index-{side}.tkidx"
        r = m.run([tk, "index", "build", str(path), "-o", str(idx)], rss_limit_mib=limit)
        print(f"  {side}: index build {r.wall:.1f} s ({n / r.wall:,.0f} titles/s), peak RSS "
              f"{m.fmt_rss(r.maxrss_mib)}, CPU {r.cpu:.1f} s, file "
              f"{idx.stat().st_size / 2**20:,.0f} MiB", flush=True)
    cmds = {}
    for side, tk in sides.items():
        idx = work / f"index-{side}.tkidx"
        cmds[f"{side}: lint Q --format json"] = [tk, "lint", str(queries), "--format", "json",
                                                 "--jobs", "1"]
        cmds[f"{side}: lint Q --competitors IDX"] = [tk, "lint", str(queries), "--competitors",
                                                     str(idx), "--format", "json", "--jobs", "1"]
        cmds[f"{side}: load + query in one process"] = [python_of(tk), "-c", QUERY_SNIPPET,
                                                        str(idx), str(queries)]
    runs: dict[str, list[m.Run]] = {k: [] for k in cmds}
    inproc: dict[str, list[tuple[float, float]]] = {s: [] for s in sides}
    for _ in range(pairs):
        for name, cmd in cmds.items():
            if name.endswith("one process"):
                out = work / "q.txt"
                runs[name].append(m.run(cmd, stdout=out))
                load, query, *_ = out.read_text().split()
                inproc[name.split(":")[0]].append((float(load), float(query)))
            else:
                runs[name].append(m.run(cmd))
    table(f"  {pairs} alternated rounds", runs, None)
    for side in sides:
        diff = (m.median_wall(runs[f"{side}: lint Q --competitors IDX"])
                - m.median_wall(runs[f"{side}: lint Q --format json"]))
        load = statistics.median(x[0] for x in inproc[side])
        query = statistics.median(x[1] for x in inproc[side])
        print(f"  {side}: index load + {nq:,} queries, whole command difference {diff:.2f} s; "
              f"in one process: load {load:.2f} s, queries {query:.2f} s, "
              f"together {load + query:.2f} s")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--titlekit", default=m.default_titlekit())
    ap.add_argument("--base-titlekit", default=None, help="the baseline's titlekit command")
    ap.add_argument("--python", default=None,
                    help="Python of the jieba baselines [default: next to --titlekit]")
    ap.add_argument("--data", default=None, help="gen_titles.py output dir [default: a temp dir]")
    ap.add_argument("--n", type=int, default=1_000_000, help="titles for (c), (d), (e)")
    ap.add_argument("--queries", type=int, default=10_000)
    ap.add_argument("--pairs", type=int, default=5)
    ap.add_argument("--big-runs", type=int, default=1)
    ap.add_argument("--parts", default="a,b,c,d,e")
    ap.add_argument("--max-rss-mib", type=float, default=16000)
    ap.add_argument("--jobs-list", default="1,2", help="--jobs values of (c, d)")
    ap.add_argument("--workdir", default=None)
    args = ap.parse_args()
    sides = {"this": args.titlekit}
    if args.base_titlekit:
        sides["base"] = args.base_titlekit
    python = args.python or python_of(args.titlekit)
    work = Path(args.workdir or tempfile.mkdtemp(prefix="tk-issue17-"))
    work.mkdir(parents=True, exist_ok=True)
    parts = {p.strip() for p in args.parts.split(",")}
    for side, tk in sides.items():
        print(f"{side}: {tk}")
    print(f"jieba baselines: {python}; {m.load_note()}; /usr/bin/time: {bool(m.GNU_TIME)}")
    t0 = time.perf_counter()
    for key, fn in (("a", part_a), ("b", part_b)):
        if key in parts:
            uptime(f"before ({key})")
            fn(sides, python, args.pairs, work)
    big = None
    if parts & {"c", "d", "e"}:
        data = Path(args.data or tempfile.mkdtemp(prefix="tk-data-"))
        ensure_data(data)
        big = big_input(data, args.n, work)
    if parts & {"c", "d"}:
        uptime("before (c, d)")
        part_cd(sides, big, args.big_runs, args.max_rss_mib, work,
                tuple(int(j) for j in args.jobs_list.split(",")))
    if "e" in parts:
        uptime("before (e)")
        queries = big_input(data, args.queries, work) if args.queries != 10_000 else (
            data / "titles_10k.txt")
        part_e(sides, big, queries, max(1, min(args.pairs, 3)), args.max_rss_mib, work)
    uptime("at the end")
    print(f"bench time {time.perf_counter() - t0:.0f} s")


if __name__ == "__main__":
    main()
