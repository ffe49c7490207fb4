"""Start-up: `titlekit lint` of a 10-title file vs `python -c "import jieba; jieba.initialize()"`.

    python bench/startup_lint.py [--titlekit PATH] [--python PATH] [--pairs 7] [--file F]

A: `titlekit lint FILE` (text output to /dev/null). FILE defaults to the first 10 titles of
   ../shared/data/taobao_titles_ner_train.jsonl written one a line.
B: `PYTHON -c "import jieba; jieba.initialize()"`, PYTHON defaulting to the Python next to
   --titlekit (same jieba, same dictionary cache in the temp dir).

Measure a `pip install .` (--titlekit of its venv): pip compiles the modules at install. An
editable install under PYTHONDONTWRITEBYTECODE=1 compiles titlekit's modules on every start and
measures that too.

One untimed warm-up of each (builds the jieba cache), then A B A B ... for --pairs rounds;
printed: median wall and CPU time of each, the ratios A/B, peak RSS, the load average.
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
BASELINE = "import logging, jieba; jieba.setLogLevel(logging.WARNING); jieba.initialize()"


def ten_titles(workdir: Path) -> Path:
    titles = []
    with open(SHARED / "taobao_titles_ner_train.jsonl", encoding="utf-8") as fh:
        for line in fh:
            t = json.loads(line)["title"]
            if not t.startswith("#"):
                titles.append(t)
            if len(titles) == 10:
                break
    path = workdir / "titles_10.txt"
    path.write_text("".join(t + "\n" for t in titles), encoding="utf-8")
    return path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--titlekit", default=m.default_titlekit())
    ap.add_argument("--python", default=None,
                    help="Python whose jieba is the baseline [default: next to --titlekit]")
    ap.add_argument("--pairs", type=int, default=7)
    ap.add_argument("--file", default=None, help="file to lint [default: 10 real titles]")
    args = ap.parse_args()
    python = args.python or str(Path(args.titlekit).with_name("python"))
    path = Path(args.file) if args.file else ten_titles(Path(tempfile.mkdtemp(prefix="tk-su-")))
    cmds = {
        "titlekit lint (10 titles)": [args.titlekit, "lint", str(path)],
        "jieba.initialize()": [python, "-c", BASELINE],
    }
    for cmd in cmds.values():  # warm-up
        m.run(cmd)
    print(m.load_note() + " (at the start)")
    runs = m.alternate(cmds, args.pairs)
    a, b = (m.median_wall(r) for r in runs.values())
    print(f"file: {path}\ntitlekit: {args.titlekit}\nbaseline python: {python}\n"
          f"pairs: {args.pairs}")
    print(m.load_note() + " (at the end)")
    print(f"{'command':28} {'median s':>9} {'min s':>7} {'max s':>7} {'CPU s':>7} "
          f"{'peak RSS':>10}")
    for name, rs in runs.items():
        walls = [r.wall for r in rs]
        print(f"{name:28} {m.median_wall(rs):9.3f} {min(walls):7.3f} {max(walls):7.3f} "
              f"{m.median_cpu(rs):7.3f} {m.fmt_rss(m.max_rss(rs)):>10}")
    ca, cb = (m.median_cpu(r) for r in runs.values())
    print(f"ratio titlekit / jieba.initialize(): {a / b:.2f}x wall (median), {ca / cb:.2f}x CPU "
          "(median)")


if __name__ == "__main__":
    main()
