"""How far two hand judgments of the same titles agree: the ceiling a tool can be held to.

    python bench/judge_agreement.py bench/judged/titles-v3.jsonl bench/judged/titles-v3-second.jsonl

For the titles both files judge (by id), one judge's violations are taken as what is "found"
and the other's as what is "judged", with the matching of ``bench/judgment.py`` (whole-title
rules per title, the others by overlapping spans), so the figures read like titlekit's:
precision is the share of the second judge's violations the first also marks, recall the share
of the first judge's violations the second marks. Also printed: Spearman of the two ratings
and their mean absolute difference.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from judgment import MIN_CASES, new_stats, tally  # noqa: E402
from scipy.stats import spearmanr  # noqa: E402


def read(path: str) -> dict[str, dict]:
    with open(path, encoding="utf-8") as fh:
        return {r["id"]: r for r in (json.loads(line) for line in fh if line.strip())}


def agreement(first: dict[str, dict], second: dict[str, dict]) -> dict:
    ids = [i for i in first if i in second]
    stats = new_stats()
    for i in ids:
        a, b = first[i]["violations"], second[i]["violations"]
        for name in {v["rule"] for v in a} | {v["rule"] for v in b}:
            judged = [(v["start"], v["end"]) for v in a if v["rule"] == name]
            found = [(v["start"], v["end"]) for v in b if v["rule"] == name]
            tally(stats, name, found, judged)
    ra = [first[i]["rating"] for i in ids]
    rb = [second[i]["rating"] for i in ids]
    rho = spearmanr(ra, rb).statistic if len(ids) > 2 else float("nan")
    mad = sum(abs(x - y) for x, y in zip(ra, rb)) / len(ids) if ids else float("nan")
    return {"titles": len(ids), "spearman": rho, "mean_abs_diff": mad, "stats": dict(stats)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("first")
    ap.add_argument("second")
    args = ap.parse_args()
    out = agreement(read(args.first), read(args.second))
    print(f"{out['titles']} titles judged twice; Spearman(rating, rating) = "
          f"{out['spearman']:.3f}; mean |difference| {out['mean_abs_diff']:.1f} points")
    print(f"{'rule':<24}{'first':>7}{'second':>7}{'precision':>11}{'recall':>8}")
    few = []
    for name, s in sorted(out["stats"].items(), key=lambda kv: -kv[1]["judged"]):
        p = s["tp_found"] / s["found"] if s["found"] else float("nan")
        r = s["tp_judged"] / s["judged"] if s["judged"] else float("nan")
        line = f"{name:<24}{s['judged']:>7}{s['found']:>7}{p:>11.2f}{r:>8.2f}"
        (print(line) if max(s["judged"], s["found"]) >= MIN_CASES else few.append(line))
    if few:
        print(f"\nfewer than {MIN_CASES} cases:")
        print("\n".join(few))
    return 0


if __name__ == "__main__":
    sys.exit(main())
