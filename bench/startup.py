"""Start-up: what one `titlekit lint` of a small listing file costs, and what dominates it.

    python bench/startup.py [--runs 7] [--file examples/shoe.listing.yaml]

A pre-commit hook pays titlekit's start-up on every commit. Printed:
- wall time of `titlekit lint FILE` in a fresh process, median of --runs, per segmenter backend;
- the slowest imports of that command (python -X importtime, cumulative microseconds) and
  whether scipy or scikit-learn were imported at all (they must not be: only duplicate checks
  need them; numpy is loaded for the slot recogniser);
- the phases inside one process: importing the CLI, reading the config and the file, loading the
  lexicons (Linter()), building the segmenter (dictionary load + lexicon words), the first lint.
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HEAVY = ("scipy", "sklearn")  # numpy is used by the slot recogniser

PHASES = r"""
import sys, time, json
t0 = time.perf_counter()
from titlekit.cli import main  # noqa: F401
t1 = time.perf_counter()
from titlekit.config import load_config
from titlekit.formats.dispatch import read_path
cfg = load_config().override(segmenter=sys.argv[2])
doc = read_path(sys.argv[1])
t2 = time.perf_counter()
from titlekit.linting.linter import Linter
linter = Linter(cfg)
t3 = time.perf_counter()
seg = linter.reader.segmenter
t4 = time.perf_counter()
rec = doc.records[0]
res = linter.lint(rec.title, rec.context)
if rec.listing is not None:
    linter.add_listing_problems(res, rec.listing, rec.schema_errors)
t5 = time.perf_counter()
print(json.dumps({"import cli": t1 - t0, "config + read file": t2 - t1,
                  "lexicons (Linter())": t3 - t2, "segmenter (dictionary + words)": t4 - t3,
                  "first lint": t5 - t4, "total": t5 - t0}))
"""


def wall(cmd: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, capture_output=True, check=False)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    import json

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--file", default=str(ROOT / "examples" / "shoe.listing.yaml"))
    args = ap.parse_args()
    exe = str(Path(sys.executable).with_name("titlekit"))
    from titlekit.reading.segment import available_backends

    print(f"file: {args.file}")
    for backend in available_backends():
        cmd = [exe, "lint", "--segmenter", backend, args.file]
        subprocess.run(cmd, capture_output=True, check=False)  # warm caches (.pyc, jieba cache)
        print(f"wall, {backend}: {wall(cmd, args.runs):.3f} s (median of {args.runs})")
    backend = "rjieba" if "rjieba" in available_backends() else "jieba"
    code = ("import sys; from titlekit.cli import main; "
            f"sys.argv = ['titlekit', 'lint', '--segmenter', '{backend}', {args.file!r}]; main()")
    out = subprocess.run([sys.executable, "-X", "importtime", "-c", code],
                         capture_output=True, text=True, check=False)
    rows = []
    for line in out.stderr.splitlines():
        m = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)", line)
        if m:
            rows.append((int(m.group(2)), len(m.group(3)) // 2, m.group(4)))
    top = sorted((r for r in rows if r[1] == 0), reverse=True)[:8]
    print(f"slowest top-level imports ({backend}):")
    for cum, _, name in top:
        print(f"  {cum / 1000:7.1f} ms  {name}")
    names = {r[2].split(".")[0] for r in rows}
    print("scipy/scikit-learn imported: " + (", ".join(h for h in HEAVY if h in names)
                                              or "none"))
    for backend in available_backends():
        res = subprocess.run([sys.executable, "-c", PHASES, args.file, backend],
                             capture_output=True, text=True, check=True)
        phases = json.loads(res.stdout)
        print(f"phases in one process, {backend}: " + ", ".join(
            f"{k} {v * 1000:.0f} ms" for k, v in phases.items()))


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    main()
