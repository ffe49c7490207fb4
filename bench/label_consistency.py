"""How consistently the training side of the labelled Taobao titles is labelled.

    python bench/label_consistency.py [--data ../shared/data] [--min-count 3]

For brand and product word: every string labelled that type at least --min-count times in the
training side of titlekit's split (titlekit.datasplit; the held-out side is never read), and
every place where that string occurs in a training title. Each occurrence is counted as
labelled (a span of that type exactly there), overlapping (inside or across a span of another
type or extent) or unlabelled (no span there at all). A reader that reads the same string
the same way wherever it stands cannot match both the labelled and the other occurrences, so
the shares show how much exact-span F1 the labels themselves take away.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def occurrences(text: str, word: str) -> list[int]:
    out, start = [], text.find(word)
    while start >= 0:
        out.append(start)
        start = text.find(word, start + 1)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    ap.add_argument("--min-count", type=int, default=3)
    args = ap.parse_args()
    from titlekit.train.datasplit import read_labelled

    records = list(read_labelled(Path(args.data) / "taobao_titles_ner_train.jsonl",
                                 heldout=False))
    print(f"training side: {len(records)} unique titles")
    for typ in ("brand", "product"):
        counts: Counter[str] = Counter()
        for rec in records:
            for _s, _e, label, text in rec["entities"]:
                if label == typ and len(text) >= 2:
                    counts[text] += 1
        words = [w for w, n in counts.items() if n >= args.min_count]
        seen = Counter()
        for rec in records:
            title = rec["title"]
            spans = [(s, e, label) for s, e, label, _t in rec["entities"]]
            for w in words:
                for a in occurrences(title, w):
                    b = a + len(w)
                    if (a, b, typ) in spans:
                        seen["labelled"] += 1
                    elif any(s < b and a < e for s, e, _label in spans):
                        seen["overlapping"] += 1
                    else:
                        seen["unlabelled"] += 1
        total = sum(seen.values())
        print(f"{typ}: {len(words)} strings labelled {typ} >= {args.min_count} times occur "
              f"{total} times: labelled exactly {seen['labelled'] / total:.1%}, overlapping "
              f"another span {seen['overlapping'] / total:.1%}, unlabelled "
              f"{seen['unlabelled'] / total:.1%}")


if __name__ == "__main__":
    main()
