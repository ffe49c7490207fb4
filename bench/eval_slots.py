"""How often the structure rules fire wrongly, on labelled titles the lexicons never saw.

    python bench/eval_slots.py [--data ../shared/data]

Split: titles of taobao_titles_ner_train.jsonl, de-duplicated, held out when the SHA-1 of the
title is divisible by 5 (titlekit.datasplit); brands-data.txt and products-data.txt were built
from the other side only. Prints, on the held-out side:
- missing-brand fires although the title has a labelled brand (and its complement: a brand slot
  is found), and fires on titles without a labelled brand;
- missing-product-word fires although the title has a labelled product word;
- the same on the training side, for comparison (lexicons built from it, so optimistic).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def rates(linter, records: list[dict]) -> dict[str, tuple[int, int]]:
    out = {"brand_fires_with": [0, 0], "brand_fires_without": [0, 0], "product_fires_with": [0, 0]}
    for rec in records:
        labels = {e[2] for e in rec["entities"]}
        rules = {p.rule for p in linter.lint(rec["title"]).problems}
        key = "brand_fires_with" if "brand" in labels else "brand_fires_without"
        out[key][0] += "missing-brand" in rules
        out[key][1] += 1
        if "product" in labels:
            out["product_fires_with"][0] += "missing-product-word" in rules
            out["product_fires_with"][1] += 1
    return {k: (a, b) for k, (a, b) in out.items()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    args = ap.parse_args()
    from titlekit.datasplit import read_labelled
    from titlekit.linter import Linter

    linter = Linter()
    path = Path(args.data) / "taobao_titles_ner_train.jsonl"
    for side, held in (("held-out", True), ("training", False)):
        recs = list(read_labelled(path, heldout=held))
        r = rates(linter, recs)

        def pct(key: str, r: dict = r) -> str:
            a, b = r[key]
            return f"{a}/{b} = {100 * a / b:.1f} %" if b else "n/a"

        print(f"{side} side ({len(recs)} unique titles):")
        print(f"  missing-brand fires on titles WITH a labelled brand:       {pct('brand_fires_with')}")
        print(f"  missing-brand fires on titles without a labelled brand:    {pct('brand_fires_without')}")
        print(f"  missing-product-word fires on titles WITH a product word:  {pct('product_fires_with')}")


if __name__ == "__main__":
    main()
