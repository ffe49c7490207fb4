"""How often each rule fires on every shared real title, for this checkout and another.

    python bench/rule_counts.py [--data ../shared/data] [--checkout OTHER_CHECKOUT]

Titles: taobao_titles_ner_train.jsonl, taobao_titles_ner_extra.jsonl, jd_titles_ner_500.jsonl
and jd_phone_titles.txt (UTF-8 BOM and CR stripped), 13,353 lines, written to one JSONL file.
Each checkout lints it with `python -m titlekit lint FILE --format jsonl` run from its own
src/ (its own lexicons and model). Printed: problems per rule, side by side when --checkout
is given (make one with ``git worktree add /tmp/old REV``).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FILES = ("taobao_titles_ner_train.jsonl", "taobao_titles_ner_extra.jsonl",
         "jd_titles_ner_500.jsonl", "jd_phone_titles.txt")


def titles(data: Path) -> list[str]:
    out: list[str] = []
    for name in FILES:
        raw = (data / name).read_bytes().decode("utf-8-sig")
        lines = [line.rstrip("\r") for line in raw.split("\n") if line.strip()]
        out += [json.loads(line)["title"] for line in lines] if name.endswith(".jsonl") else lines
    return out


def counts(checkout: Path, path: Path) -> Counter:
    env = {**os.environ, "PYTHONPATH": str(checkout / "src")}
    run = subprocess.run([sys.executable, "-m", "titlekit", "lint", str(path), "--format",
                          "jsonl", "-q"], capture_output=True, text=True, env=env, cwd=checkout,
                         check=False)
    if run.returncode not in (0, 1):
        sys.exit(f"{checkout}: titlekit lint failed: {run.stderr.strip()[-500:]}")
    found: Counter = Counter()
    for line in filter(None, run.stdout.split("\n")):  # not splitlines: U+2028 in titles
        for problem in json.loads(line).get("problems", []):
            found[problem["rule"]] += 1
    return found


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--checkout", type=Path, default=None, help="another checkout to compare")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "titles.jsonl"
        rows = titles(args.data)
        path.write_text("".join(json.dumps({"title": t}, ensure_ascii=False) + "\n"
                                for t in rows), encoding="utf-8")
        this = counts(ROOT, path)
        other = counts(args.checkout.resolve(), path) if args.checkout else None
    print(f"{len(rows):,} titles")
    head = f"{'rule':24} {'other':>8} {'this':>8}" if other is not None else f"{'rule':24} {'this':>8}"
    print(head)
    for rule in sorted(set(this) | set(other or ())):
        if other is not None:
            print(f"{rule:24} {other[rule]:>8,} {this[rule]:>8,}")
        else:
            print(f"{rule:24} {this[rule]:>8,}")


if __name__ == "__main__":
    main()
