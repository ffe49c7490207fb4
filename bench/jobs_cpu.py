"""CPU of the parent and of the workers in one ``titlekit lint --jobs N`` run: how much of a
parallel lint the parent's own share (reading, discovery, writing) takes.

    python bench/jobs_cpu.py TITLES.txt [--jobs 2]

Runs the command group in this process (so its CPU is ``RUSAGE_SELF``) and prints wall time,
the parent's CPU and the workers' CPU (``RUSAGE_CHILDREN``).
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("titles")
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()
    from titlekit.cli.main import main as titlekit

    with tempfile.TemporaryDirectory() as tmp:
        argv = ["lint", args.titles, "--format", "jsonl", "--jobs", str(args.jobs),
                "-o", os.path.join(tmp, "out.jsonl"), "--no-config", "--exit-zero"]
        t0 = time.perf_counter()
        try:
            titlekit(argv)
        except SystemExit:
            pass
        wall = time.perf_counter() - t0
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(f"--jobs {args.jobs}: wall {wall:.1f} s; parent CPU {me.ru_utime + me.ru_stime:.1f} s; "
          f"workers CPU {kids.ru_utime + kids.ru_stime:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
