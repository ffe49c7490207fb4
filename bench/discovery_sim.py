"""Catalog brand discovery, measured by simulation on titles the lexicons and the model never
saw.

    python bench/discovery_sim.py [--data ../shared/data] [--min-titles 5]

Shops: the held-out titles of taobao_titles_ner_train.jsonl and the titles of
taobao_titles_ner_extra.jsonl that are not in the training file (neither the data lexicons nor
the slot model were built from them), grouped by their labelled brand, keeping brands that
titlekit's reading does not find in any of their titles and that label at least --min-titles
titles. Each shop is put among --size other such titles (a small shop's catalog), and the
rest are cut into catalogs of --size mixed titles, where any discovered brand is false.
Printed: the share of the shops' titles whose labelled brand titlekit finds without and with
discovery, and the false brands discovered.
"""

from __future__ import annotations

import argparse
import random
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from titlekit.linting.linter import Linter  # noqa: E402
from titlekit.reading.discovery import candidates  # noqa: E402
from titlekit.train.datasplit import is_heldout  # noqa: E402


def load(data: Path) -> list[dict]:
    train = [json.loads(x) for x in (data / "taobao_titles_ner_train.jsonl")
             .read_text(encoding="utf-8").split("\n") if x.strip()]
    seen = {r["title"] for r in train}
    extra = [json.loads(x) for x in (data / "taobao_titles_ner_extra.jsonl")
             .read_text(encoding="utf-8").split("\n") if x.strip()]
    out, taken = [], set()
    for r in [r for r in train if is_heldout(r["title"])] + [r for r in extra
                                                            if r["title"] not in seen]:
        if r["title"] not in taken:
            taken.add(r["title"])
            out.append(r)
    return out


def brand_of(rec: dict) -> str | None:
    spans = [e for e in rec["entities"] if e[2] == "brand"]
    return spans[0][3].strip().lower() if spans else None


def found(reading, brand: str) -> bool:
    return any(s.type == "brand" and brand in s.text.lower() or
               s.type == "brand" and s.text.lower() in brand and len(s.text) >= 2
               for s in reading.slots)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    ap.add_argument("--min-titles", type=int, default=3,
                    help="titles of one labelled brand that make a shop")
    ap.add_argument("--size", type=int, default=100, help="background titles per catalog")
    args = ap.parse_args()
    recs = load(Path(args.data))
    reader = Linter().reader
    plain = reader.read_many([(r["title"], None) for r in recs])
    by_brand: dict[str, list[int]] = defaultdict(list)
    for i, r in enumerate(recs):
        b = brand_of(r)
        if b:
            by_brand[b].append(i)
    shops = {b: ix for b, ix in by_brand.items() if len(ix) >= args.min_titles
             and not any(found(plain[i], b) for i in ix)}
    titles = [r["title"] for r in recs]
    rng = random.Random(19)
    order = list(range(len(recs)))
    rng.shuffle(order)
    in_shop = {i for ix in shops.values() for i in ix}
    background = [i for i in order if i not in in_shop]
    # (a) catalogs of mixed titles: whatever is discovered there is a false brand
    false: list[str] = []
    catalogs = [background[k:k + args.size] for k in range(0, len(background), args.size)]
    for cat in catalogs:
        false += [w for w, _ in candidates([titles[i] for i in cat], reader)]
    # (b) each shop among background titles: is its brand discovered and then found?
    n = before_hits = after_hits = 0
    for b, ix in sorted(shops.items()):
        cat = ix + background[:args.size]
        brands = frozenset(w for w, _ in candidates([titles[i] for i in cat], reader))
        after = reader.read_many([(titles[i], {"catalog_brands": brands}) for i in ix])
        n += len(ix)
        before_hits += sum(found(plain[i], b) for i in ix)
        after_hits += sum(found(rd, b) for rd in after)
        false += [w for w in brands if w != b and b not in w and w not in b]
    print(f"{len(recs)} unseen titles; {len(shops)} shops of at least {args.min_titles} titles "
          f"whose brand titlekit does not know ({n} titles): {', '.join(sorted(shops))}")
    print(f"shop titles whose brand is found (each shop among {args.size} other titles): "
          f"without discovery {before_hits}/{n}, with discovery {after_hits}/{n}")
    print(f"false brands discovered in {len(catalogs)} mixed catalogs of {args.size} titles "
          f"and the shop catalogs: {len(false)} ({', '.join(sorted(set(false)))})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
