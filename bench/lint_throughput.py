"""Lint throughput and CLI wall time.

    python bench/lint_throughput.py [--n 100000] [--repeat 3]

Prints, for each installed segmentation backend: titles per second of the full lint (every rule
on) on one core, with the lexicons only and with the trained recogniser (linting one title at
a time with Linter.lint, and in batches with Linter.lint_many, as the CLI does), over N real-shaped titles from ../shared/tools/gen_titles.py (synthetic: speed
only, never quality), and over the 6,000 real Taobao titles when ../shared/data is present;
the model/lexicon load time; and the median wall time of `titlekit lint` on a 10-title file run as
a fresh process. Medians over --repeat runs.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT / "src"))


def generated(n: int) -> list[str]:
    gen = SHARED / "tools" / "gen_titles.py"
    if not gen.is_file():
        sys.exit("../shared/tools/gen_titles.py is needed to generate benchmark titles")
    out = subprocess.run([sys.executable, str(gen), "--n", str(n)], capture_output=True,
                         text=True, check=True).stdout
    return [t for t in out.splitlines() if t.strip()]


def real() -> list[str]:
    path = SHARED / "data" / "taobao_titles_ner_train.jsonl"
    if not path.is_file():
        return []
    return [json.loads(line)["title"] for line in path.read_text(encoding="utf-8").splitlines()]


def rate(linter, titles: list[str], repeat: int, batch: bool) -> float:
    speeds = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        if batch:
            for _r in linter.lint_many((t, None) for t in titles):
                pass
        else:
            for t in titles:
                linter.lint(t)
        speeds.append(len(titles) / (time.perf_counter() - t0))
    return statistics.median(speeds)


def cli_wall(repeat: int, backend: str) -> float:
    titles = real()[:10] or generated(10)
    with tempfile.TemporaryDirectory() as d:
        f = Path(d) / "ten.titles.txt"
        f.write_text("\n".join(titles) + "\n", encoding="utf-8")
        exe = Path(sys.executable).parent / "titlekit"
        cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "titlekit.cli"]
        times = []
        for _ in range(repeat):
            t0 = time.perf_counter()
            subprocess.run(cmd + ["lint", "--no-config", "--segmenter", backend, str(f)],
                           capture_output=True, cwd=d, check=False)
            times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    try:
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    except (AttributeError, OSError):
        pass
    from titlekit.config import Config
    from titlekit.linting.linter import Linter
    from titlekit.reading.segment import available_backends

    synthetic = generated(args.n)
    real_titles = real()
    print(f"python {sys.version.split()[0]}, one core; {len(synthetic)} generated titles, "
          f"{len(real_titles)} real titles")
    for backend in available_backends():
        for recogniser, batch in ((False, False), (True, False), (True, True)):
            t0 = time.perf_counter()
            linter = Linter(Config(segmenter=backend, recogniser=recogniser))
            linter.lint("耐克 运动鞋")
            load = time.perf_counter() - t0
            how = ("recogniser on" if recogniser else "lexicons only") + (
                ", lint_many" if batch else ", lint per title")
            line = (f"{backend:>7} ({how}): load {load * 1000:.0f} ms; generated "
                    f"{rate(linter, synthetic, args.repeat, batch):,.0f} titles/s")
            if real_titles:
                line += f"; real {rate(linter, real_titles, args.repeat, batch):,.0f} titles/s"
            print(line, flush=True)
        print(f"{backend:>7}: `titlekit lint` on 10 titles "
              f"{cli_wall(max(5, args.repeat), backend):.2f} s wall (median)", flush=True)


if __name__ == "__main__":
    main()
