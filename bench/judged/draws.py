"""Compare judged rewrite draws with each other and with the rewrite of another version.

    python bench/judged/draws.py overlap bench/judged/rewrite-v8-independent.jsonl
    python bench/judged/draws.py same bench/judged/rewrite-v4-independent.jsonl ALL.jsonl
    python bench/judged/draws.py diff ALL_OLD.jsonl ALL_NEW.jsonl

``overlap``: the counts per judgment of a draw, how many of its rows earlier draws
(the other ``rewrite-v*-independent.jsonl`` files with a lower version) also hold, which of
those had been judged worse or damaged there (and whether their new title is the same), and
the counts on the rows no earlier draw holds.

``same``: ALL.jsonl is the list of every changed row of a version's rewrite
(``rewrite_sample.py --titlekit T -o ALL.jsonl``, no ``--sample``); prints how many of the
judged draw's rows that version rewrites to exactly the judged title, which it no longer
changes, and which it changes differently.

``diff``: the rows two versions' lists of changed rows (as for ``same``) disagree on: changed by
one only, or changed to another title.

Standard library only.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _load(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _version(path: Path) -> int:
    m = re.search(r"rewrite-v(\d+)-independent", path.name)
    return int(m.group(1)) if m else 0


def overlap(path: Path) -> None:
    rows = _load(path)
    print(f"{path.name}: {dict(Counter(r['judgment'] for r in rows))}")
    earlier: dict[int, list[tuple[str, dict]]] = {}
    for other in sorted(HERE.glob("rewrite-v*-independent.jsonl"), key=_version):
        if _version(other) >= _version(path):
            continue
        for r in _load(other):
            earlier.setdefault(r["row"], []).append((other.name, r))
    held = [r for r in rows if r["row"] in earlier]
    print(f"rows also in an earlier draw: {len(held)} {dict(Counter(r['judgment'] for r in held))}")
    for r in held:
        bad = [(name, e) for name, e in earlier[r["row"]] if e["judgment"] in ("worse", "damaged")]
        for name, e in bad:
            same = "same new title" if e["new_title"] == r["new_title"] else "other new title"
            print(f"  row {r['row']}: {e['judgment']} in {name} ({same}), now {r['judgment']}")
    fresh = [r for r in rows if r["row"] not in earlier]
    print(f"rows in no earlier draw: {len(fresh)} {dict(Counter(r['judgment'] for r in fresh))}")


def same(judged: Path, everything: Path) -> None:
    now = {r["row"]: r for r in _load(everything)}
    rows = _load(judged)
    equal = [r for r in rows if r["row"] in now and now[r["row"]]["new_title"] == r["new_title"]]
    gone = [r for r in rows if r["row"] not in now]
    other = [r for r in rows if r["row"] in now and now[r["row"]]["new_title"] != r["new_title"]]
    print(f"{judged.name}: {len(equal)} of {len(rows)} rows get the judged title")
    for label, group in (("no longer changed", gone), ("changed differently", other)):
        print(f"{label}: {len(group)}", ", ".join(f"{r['row']} ({r['judgment']})" for r in group))


def diff(old: Path, new: Path) -> None:
    a = {r["row"]: r for r in _load(old)}
    b = {r["row"]: r for r in _load(new)}
    print("changed only by the first:", sorted(set(a) - set(b)))
    print("changed only by the second:", sorted(set(b) - set(a)))
    moved = [n for n in sorted(set(a) & set(b)) if a[n]["new_title"] != b[n]["new_title"]]
    print(f"changed to another title: {len(moved)}")
    for n in moved:
        print(f"  {n}: {a[n]['new_title']}  ->  {b[n]['new_title']}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    o = sub.add_parser("overlap")
    o.add_argument("draw", type=Path)
    s = sub.add_parser("same")
    s.add_argument("draw", type=Path)
    s.add_argument("all_changed", type=Path)
    d = sub.add_parser("diff")
    d.add_argument("old", type=Path)
    d.add_argument("new", type=Path)
    args = ap.parse_args()
    if args.cmd == "overlap":
        overlap(args.draw)
    elif args.cmd == "same":
        same(args.draw, args.all_changed)
    else:
        diff(args.old, args.new)


if __name__ == "__main__":
    main()
