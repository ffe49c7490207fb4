"""Lint throughput of this checkout against another checkout, in one process, alternating.

    python bench/lint_ab.py OTHER_CHECKOUT [--runs 10] [--n 10000]

Between two runs of the same code this machine's speed can drift by 10 % or more, which is
more than most changes worth measuring. So both versions are loaded in one process (the other
checkout's package under another name, with its own lexicons and model) and their batch lints
(``Linter.lint_many``, recogniser on, rjieba when installed, one core) alternate, the order
swapped every other pair. Prints each version's median titles/s and the median, lowest and
highest of the per-pair ratios (of wall time, and of CPU time, which other work on the
machine disturbs less), on N generated titles (../shared/tools/gen_titles.py,
synthetic: speed only) and on the 6,000 real Taobao titles when ../shared/data is present.
Make the other checkout with e.g. ``git worktree add /tmp/old HEAD~1``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))


def load_other(checkout: Path, tmp: Path):
    """The other checkout's titlekit package, importable as ``titlekit_other``."""
    src = checkout / "src" / "titlekit"
    if not src.is_dir():
        sys.exit(f"{checkout}: no src/titlekit here (give the root of a titlekit checkout)")
    shutil.copytree(src, tmp / "src" / "titlekit_other")
    for name in ("lexicons", "templates"):  # found next to src/ in a checkout
        if (checkout / name).is_dir():
            (tmp / name).symlink_to((checkout / name).resolve())
    sys.path.insert(0, str(tmp / "src"))
    import titlekit_other

    return titlekit_other


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("other", type=Path, help="root of the other titlekit checkout")
    ap.add_argument("--runs", type=int, default=10, help="pairs of runs per title set")
    ap.add_argument("--n", type=int, default=10_000, help="generated titles")
    args = ap.parse_args()
    try:
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    except (AttributeError, OSError):
        pass
    from lint_throughput import generated, real

    from titlekit.config import Config
    from titlekit.linting.linter import Linter
    from titlekit.reading.segment import available_backends

    backend = "rjieba" if "rjieba" in available_backends() else "jieba"
    sets = {"generated": generated(args.n)}
    if real():
        sets["real"] = real()
    with tempfile.TemporaryDirectory() as tmp:
        other = load_other(args.other.resolve(), Path(tmp))
        from titlekit_other.config import Config as OtherConfig
        try:  # the linter moved into titlekit.linting after c959ae9
            from titlekit_other.linting.linter import Linter as OtherLinter
        except ImportError:
            from titlekit_other.linter import Linter as OtherLinter

        linters = {
            "this": Linter(Config(segmenter=backend, recogniser=True)),
            "other": OtherLinter(OtherConfig(segmenter=backend, recogniser=True)),
        }
        for linter in linters.values():
            for _ in linter.lint_many((t, None) for t in sets["generated"][:500]):
                pass
        print(f"python {sys.version.split()[0]}, one core, {backend}, recogniser on, "
              f"lint_many; this: {ROOT}, other: {args.other} ({other.__version__}); "
              f"{args.runs} pairs of runs")
        for name, titles in sets.items():
            speeds: dict[str, list[float]] = {"this": [], "other": []}
            cpu: dict[str, list[float]] = {"this": [], "other": []}  # per CPU second
            for run in range(args.runs):
                for which in (("other", "this") if run % 2 == 0 else ("this", "other")):
                    t0, c0 = time.perf_counter(), time.process_time()
                    for _ in linters[which].lint_many((t, None) for t in titles):
                        pass
                    speeds[which].append(len(titles) / (time.perf_counter() - t0))
                    cpu[which].append(len(titles) / (time.process_time() - c0))
            for label, per in (("wall", speeds), ("CPU", cpu)):
                ratios = [a / b for a, b in zip(per["this"], per["other"])]
                print(f"{name} ({len(titles)} titles), {label}: other "
                      f"{statistics.median(per['other']):,.0f} titles/s, this "
                      f"{statistics.median(per['this']):,.0f} titles/s; this/other per pair: "
                      f"median {statistics.median(ratios):.3f}, lowest {min(ratios):.3f}, "
                      f"highest {max(ratios):.3f}", flush=True)


if __name__ == "__main__":
    main()
