"""Where the promotion words `structure-order` reports stand, against the judged sets.

    python bench/promo_position.py [--checkout DIR] [--sets v1,v2,...]

For every title of bench/judged/titles-vN.jsonl, the `structure-order` problems a checkout
reports on a promotion word (a `promotion` slot with the problem's span) are counted by where
the word stands: opening the title (no brand, model, line or product word before it) or
further inside, and by whether the judges marked `structure-order` in that title. With --checkout on a15658e
(``git worktree add /tmp/base a15658e``, the release before the change) it prints the figures
behind reporting a promotion word only where it opens the title (CHANGELOG, issue 15); on a
later checkout only the opening ones remain.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_CHECKOUT = (Path(sys.argv[sys.argv.index("--checkout") + 1]) if "--checkout" in sys.argv
             else ROOT)
sys.path.insert(0, str(_CHECKOUT / "src"))
import titlekit

CORE = ("brand", "model", "product", "line")  # as rules/structure.py reads the order


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--checkout", default=None, help="root of the titlekit checkout to run")
    ap.add_argument("--sets", default="v1,v2,v3,v4,v5,v6,v7")
    args = ap.parse_args()
    tally: Counter = Counter()
    for name in args.sets.split(","):
        path = ROOT / "bench" / "judged" / f"titles-{name}.jsonl"
        for line in path.read_text(encoding="utf-8").split("\n"):
            if not line.strip():
                continue
            rec = json.loads(line)
            judged = any(v["rule"] == "structure-order" for v in rec["violations"])
            found = titlekit.lint(rec["title"])
            promos = {(s.start, s.end) for s in found.slots if s.type == "promotion"}
            for p in found.problems:
                if p.rule == "structure-order" and (p.start, p.end) in promos:
                    before = [s for s in found.slots if s.type in CORE and not s.compat
                              and s.confidence >= 0.5 and s.start < p.start]
                    where = "inside" if before else "start"
                    tally[where, judged] += 1
    for where in ("start", "inside"):
        n = tally[where, True] + tally[where, False]
        print(f"promotion word {where:<7}: {n:>3} reports, {tally[where, True]:>3} of them in a "
              "title judged structure-order")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
