"""How often labelled titles name a brand, by the kind of their first labelled product word.

    python bench/brand_rates.py [--data ../shared/data]

Titles: taobao_titles_ner_train.jsonl and taobao_titles_ner_extra.jsonl with their gold
labels. A title's kind is that of lexicons/unbranded-categories-goods.txt for the head of its
first labelled product word (茶几 in 实木茶几), else "other". Printed per kind: titles, and the
share with a labelled brand. The figures behind asking no brand of furniture, decoration and
building materials (CHANGELOG, issue 15).
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FILES = ("taobao_titles_ner_train.jsonl", "taobao_titles_ner_extra.jsonl")


def goods_kinds() -> dict[str, str]:
    kinds = {}
    for line in (ROOT / "lexicons" / "unbranded-categories-goods.txt").read_text(
            encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            word, kind = line.split("\t")[:2]
            kinds[word] = kind
    return kinds


def kind_of(product: str, kinds: dict[str, str]) -> str:
    return next((kinds[product[i:]] for i in range(len(product) - 1) if product[i:] in kinds),
                "other")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    args = ap.parse_args()
    kinds = goods_kinds()
    titles, branded = Counter(), Counter()
    for name in FILES:
        # split on newlines only: some titles hold other line-break characters (\x85)
        for line in (Path(args.data) / name).read_text(encoding="utf-8").split("\n"):
            if not line.strip():
                continue
            entities = sorted(json.loads(line)["entities"])
            products = [e[3] for e in entities if e[2] == "product"]
            if not products:
                continue
            kind = kind_of(products[0], kinds)
            titles[kind] += 1
            branded[kind] += any(e[2] == "brand" for e in entities)
    print(f"{'kind':<12}{'titles':>8}{'with a brand':>14}")
    for kind in sorted(titles, key=lambda k: (k == "other", k)):
        print(f"{kind:<12}{titles[kind]:>8}{branded[kind] / titles[kind]:>13.1%}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
