"""titlekit against hand judgments: per title rule precision and recall, and how its score ranks
titles against the judges' ratings (Spearman).

    python bench/judgment.py [--set bench/judged/titles-v1.jsonl] [--show RULE] [--json]
                             [--checkout DIR]

The judged set was written before titlekit's output on those titles was seen (see
bench/judged/README.md). A titlekit problem and a judged violation of the same rule match when
their spans overlap; for the rules that judge the whole title or a missing slot (title-too-long,
title-underfilled, scrambled-title, empty-title, missing-*) a title either has the problem or
not; so is structure-order, whose judged spans are sometimes the misplaced words and sometimes
the brand they stand before. Precision is the share of titlekit's problems that match a judged one, recall the share of
judged violations that titlekit found. Rules with fewer than 10 judged or reported cases are
listed apart: their figures say little.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# --checkout DIR measures the titlekit of another checkout (an older release: its package
# layout may differ), e.g. one made with `git worktree add /tmp/old c959ae9`
_CHECKOUT = (Path(sys.argv[sys.argv.index("--checkout") + 1]) if "--checkout" in sys.argv
             else ROOT)
sys.path.insert(0, str(_CHECKOUT / "src"))

from scipy.stats import spearmanr  # noqa: E402

from titlekit.config import Config  # noqa: E402
from titlekit.rules import REGISTRY  # noqa: E402

try:
    from titlekit.linting.linter import Linter  # noqa: E402
except ImportError:  # releases before the package layout of issue 14
    from titlekit.linter import Linter  # noqa: E402

# Rules matched per title: they judge the whole title or a missing slot, or (structure-order)
# the judges marked either the misplaced words or the brand they stand before.
WHOLE = {"title-too-long", "title-underfilled", "scrambled-title", "empty-title",
         "missing-product-word", "missing-brand", "missing-model", "missing-selling-point",
         "structure-order"}
TITLE_RULES = [r.name for r in REGISTRY
               if getattr(r, "kind", None) == "title" or getattr(r, "per_title", False)]
MIN_CASES = 10


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1] or a == b


def match(found: list[tuple[int, int]], judged: list[tuple[int, int]], whole: bool
          ) -> tuple[int, int]:
    """(titlekit problems matched, judged violations matched) for one rule in one title."""
    if whole:
        hit = bool(found) and bool(judged)
        return (len(found) if hit else 0), (len(judged) if hit else 0)
    used: set[int] = set()
    tp_found = 0
    for f in found:
        j = next((i for i, g in enumerate(judged) if i not in used and overlaps(f, g)), None)
        if j is None:
            j = next((i for i, g in enumerate(judged) if overlaps(f, g)), None)
            if j is not None:
                tp_found += 1  # a second titlekit span inside the same judged stretch
            continue
        used.add(j)
        tp_found += 1
    return tp_found, len(used)


def new_stats() -> dict[str, dict[str, int]]:
    return defaultdict(lambda: {"found": 0, "judged": 0, "tp_found": 0, "tp_judged": 0})


def tally(stats: dict, name: str, found: list[tuple[int, int]],
          judged: list[tuple[int, int]]) -> tuple[int, int]:
    """Add one rule's spans in one title to ``stats``; returns :func:`match`'s counts."""
    tf, tj = match(found, judged, name in WHOLE)
    s = stats[name]
    s["found"] += len(found)
    s["judged"] += len(judged)
    s["tp_found"] += tf
    s["tp_judged"] += tj
    return tf, tj


def evaluate(records: list[dict], linter: Linter) -> dict:
    stats = new_stats()
    scores, ratings, misses = [], [], defaultdict(list)
    results = list(linter.lint_many((r["title"], None) for r in records))
    for rec, res in zip(records, results):
        scores.append(res.score)
        ratings.append(rec["rating"])
        names = {p.rule for p in res.problems} | {v["rule"] for v in rec["violations"]}
        for name in names:
            found = [(p.start, p.end) for p in res.problems if p.rule == name]
            judged = [(v["start"], v["end"]) for v in rec["violations"] if v["rule"] == name]
            tf, tj = tally(stats, name, found, judged)
            if tf < len(found):
                misses[name].append(("false", rec["id"], rec["title"],
                                     [res.title[a:b] or "-" for a, b in found]))
            if tj < len(judged):
                misses[name].append(("missed", rec["id"], rec["title"],
                                     [v["text"] or "-" for v in rec["violations"]
                                      if v["rule"] == name]))
    rho = spearmanr(scores, ratings).statistic if len(records) > 2 else float("nan")
    return {"stats": dict(stats), "spearman": rho, "misses": misses, "titles": len(records)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", default=str(ROOT / "bench" / "judged" / "titles-v1.jsonl"))
    ap.add_argument("--show", default=None, help="print the mismatches of this rule")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--checkout", default=None,
                    help="root of another titlekit checkout to measure instead of this one")
    args = ap.parse_args()
    records = [json.loads(line) for line in Path(args.set).read_text(encoding="utf-8")
               .splitlines() if line.strip()]
    out = evaluate(records, Linter(Config()))
    if args.json:
        print(json.dumps({"spearman": out["spearman"], "stats": out["stats"]}, indent=1))
        return 0
    print(f"{out['titles']} judged titles; Spearman(score, rating) = {out['spearman']:.3f}")
    print(f"{'rule':<24}{'judged':>7}{'found':>7}{'precision':>11}{'recall':>8}")
    few = []
    for name in TITLE_RULES + sorted(set(out["stats"]) - set(TITLE_RULES)):
        s = out["stats"].get(name, {"found": 0, "judged": 0, "tp_found": 0, "tp_judged": 0})
        p = s["tp_found"] / s["found"] if s["found"] else float("nan")
        r = s["tp_judged"] / s["judged"] if s["judged"] else float("nan")
        line = f"{name:<24}{s['judged']:>7}{s['found']:>7}{p:>11.2f}{r:>8.2f}"
        (print(line) if max(s["judged"], s["found"]) >= MIN_CASES else few.append(line))
    print(f"\nfewer than {MIN_CASES} cases (figures say little):")
    print("\n".join(few))
    if args.show:
        for kind, rid, title, spans in out["misses"].get(args.show, []):
            print(f"{kind:<7}{rid:<20}{title}  -> {spans}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
