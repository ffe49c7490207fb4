"""Derive a keyword file (搜索词, 搜索人气) from a corpus of titles, e.g. competitors' titles.

For want of real search data (a 生意参谋 export), the words that other sellers put next to a
product word are the next best sign of what buyers search for with it. Every pair "word
product-word" seen in at least ``--min`` titles becomes a term whose volume is the number of
titles holding both. The output is an ordinary keyword file for ``titlekit rewrite --keywords``.

    python scripts/keywords_from_titles.py competitors.txt -o keywords.csv
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter

from titlekit.formats.dispatch import read_path
from titlekit.linting.linter import Linter
from titlekit.rewrite.keywords import term_words as _term_words


def mine(titles: list[str], minimum: int) -> Counter:
    reader = Linter().reader
    pairs: Counter = Counter()
    for r in reader.read_many([(t, None) for t in titles]):
        products = {s.key for s in r.slots if s.type == "product" and s.confidence >= 0.8}
        words = {w for w, kind in _term_words(r) if kind != "product"}
        for p in products:
            for w in words:
                pairs[(w, p)] += 1
    return Counter({k: v for k, v in pairs.items() if v >= minimum})


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("inputs", nargs="+", help="title files (txt, csv, jsonl, ...)")
    ap.add_argument("-o", "--output", required=True)
    ap.add_argument("--min", type=int, default=3, help="least number of titles per pair")
    args = ap.parse_args(argv)
    titles = [rec.title for p in args.inputs for rec in read_path(p).records]
    pairs = mine(titles, args.min)
    with open(args.output, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["搜索词", "搜索人气"])
        for (word, product), n in sorted(pairs.items(), key=lambda kv: (-kv[1], kv[0])):
            w.writerow([f"{word} {product}", n])
    print(f"{args.output}: {len(pairs)} terms from {len(titles)} titles", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
