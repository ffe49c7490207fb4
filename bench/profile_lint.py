"""Where `titlekit lint` spends its time: cProfile of the 18,000-title run, import times at start-up.

    python bench/profile_lint.py [--titlekit PATH] [--top 15] [--workdir DIR]

1. `PYTHON -m cProfile -o lint.prof TITLEKIT lint FILE --format json` on the 18,000-line file of
   bench/vs_jieba.py (PYTHON is the one next to --titlekit; the console script is run as a
   script, so only the command is used); prints the top --top functions by cumulative and by
   own (tottime) time.
2. `PYTHON -X importtime TITLEKIT lint TITLES_10` (the file of bench/startup_lint.py): the
   slowest imports by cumulative and by self time, and the total; then cProfile of that
   10-title run (what the start-up spends outside imports: dictionary loads, model load).
cProfile slows Python-heavy code more than C code: read shares, not absolute seconds.
"""

from __future__ import annotations

import argparse
import io
import pstats
import re
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _measure as m  # noqa: E402
from startup_lint import ten_titles  # noqa: E402
from vs_jieba import titles_file  # noqa: E402


def top_stats(prof: Path, key: str, n: int) -> str:
    buf = io.StringIO()
    st = pstats.Stats(str(prof), stream=buf)
    st.strip_dirs().sort_stats(key).print_stats(n)
    text = buf.getvalue()
    return text[text.find("   ncalls"):].rstrip() if "   ncalls" in text else text


def importtime(python: str, titlekit: str, path: Path, n: int) -> None:
    proc = subprocess.run([python, "-X", "importtime", titlekit, "lint", str(path)],
                          capture_output=True, text=True)
    rows = []
    for line in proc.stderr.splitlines():
        mt = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)", line)
        if mt:
            rows.append((int(mt.group(1)), int(mt.group(2)), len(mt.group(3)) // 2, mt.group(4)))
    top_level = sum(c for s, c, depth, name in rows if depth == 0)
    print(f"\n== python -X importtime, `titlekit lint` of 10 titles: {len(rows)} modules, "
          f"{top_level / 1e6:.3f} s in imports (sum of top-level cumulative times) ==")
    print(f"-- top {n} by cumulative time (us; depth 0 = imported by the script itself) --")
    for s, c, depth, name in sorted(rows, key=lambda r: -r[1])[:n]:
        print(f"{c:>9} {s:>8}  {'  ' * depth}{name}")
    print(f"-- top {n} by self time (us) --")
    for s, c, depth, name in sorted(rows, key=lambda r: -r[0])[:n]:
        print(f"{s:>9} {c:>8}  {name}")
    pkgs: dict[str, int] = {}
    for s, _c, _d, name in rows:
        pkgs[name.split(".")[0]] = pkgs.get(name.split(".")[0], 0) + s
    print("-- self time summed by top-level package (us) --")
    for name, s in sorted(pkgs.items(), key=lambda kv: -kv[1])[:n]:
        print(f"{s:>9}  {name}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--titlekit", default=m.default_titlekit())
    ap.add_argument("--top", type=int, default=15)
    ap.add_argument("--workdir", default=None)
    args = ap.parse_args()
    python = str(Path(args.titlekit).with_name("python"))
    work = Path(args.workdir or tempfile.mkdtemp(prefix="tk-prof-"))
    work.mkdir(parents=True, exist_ok=True)
    path = titles_file(work)
    prof = work / "lint.prof"
    r = m.run([python, "-m", "cProfile", "-o", str(prof), args.titlekit, "lint", str(path),
               "--format", "json"])
    print(f"titlekit: {args.titlekit}\n{m.load_note()}")
    print(f"== cProfile, `titlekit lint` of {path.name} --format json: {r.wall:.1f} s under the "
          f"profiler; profile in {prof} ==")
    print(f"-- top {args.top} by cumulative time --")
    print(top_stats(prof, "cumulative", args.top))
    print(f"-- top {args.top} by own time (tottime) --")
    print(top_stats(prof, "tottime", args.top))
    ten = ten_titles(work)
    importtime(python, args.titlekit, ten, args.top + 10)
    prof10 = work / "lint10.prof"
    r = m.run([python, "-m", "cProfile", "-o", str(prof10), args.titlekit, "lint", str(ten)])
    print(f"\n== cProfile, `titlekit lint` of 10 titles: {r.wall:.2f} s under the profiler ==")
    print(f"-- top {args.top + 10} by cumulative time --")
    print(top_stats(prof10, "cumulative", args.top + 10))
    print(f"-- top {args.top} by own time (tottime) --")
    print(top_stats(prof10, "tottime", args.top))


if __name__ == "__main__":
    main()
