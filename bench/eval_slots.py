"""Slot recognition on labelled titles that neither the lexicons nor the model were built from.

    python bench/eval_slots.py [--data ../shared/data] [--side held-out|training] [--spaces]

Split: the unique titles of taobao_titles_ner_train.jsonl; a title is held out when the SHA-1
of its text is divisible by 5 (titlekit.datasplit; no seed involved). brands-data.txt,
products-data.txt and the slot model (python -m titlekit.train) were built from the other side
only, and nothing was tuned on the held-out side.

Printed for three readings side by side: the lexicons alone, the trained model alone, and what
titlekit uses (the lexicons' slots plus the model's spans that overlap none of them):
- span-level precision / recall / F1 per slot type (exact start, end and type);
- title level: share of titles with a labelled brand where a brand is found (and where the
  labelled brand itself is found), share of titles without one where a brand is wrongly found,
  share of titles with a labelled product word where one is found;
- how often the lint rules fire wrongly: missing-brand on titles with a brand,
  missing-product-word on titles with a product word.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

TYPES = ("brand", "product", "model")


def gold_spans(rec: dict) -> set[tuple[str, int, int]]:
    return {(lab, s, e) for s, e, lab, _t in rec["entities"] if lab in TYPES}


def evaluate(records: list[dict], readings: dict[str, list[set]]) -> dict[str, dict]:
    out = {}
    for name, predicted in readings.items():
        tp, fp, fn = Counter(), Counter(), Counter()
        t = Counter()
        for rec, pred in zip(records, predicted):
            gold = gold_spans(rec)
            for typ in TYPES:
                g = {x for x in gold if x[0] == typ}
                p = {x for x in pred if x[0] == typ}
                tp[typ] += len(g & p)
                fp[typ] += len(p - g)
                fn[typ] += len(g - p)
            has_brand = any(x[0] == "brand" for x in gold)
            found_brand = any(x[0] == "brand" for x in pred)
            if has_brand:
                t["with_brand"] += 1
                t["brand_found"] += found_brand
                t["labelled_brand_found"] += any(
                    x[0] == "brand" and any(y[0] == "brand" and y[1] < x[2] and x[1] < y[2]
                                            for y in pred) for x in gold)
            else:
                t["without_brand"] += 1
                t["brand_wrongly"] += found_brand
            if any(x[0] == "product" for x in gold):
                t["with_product"] += 1
                t["product_found"] += any(x[0] == "product" for x in pred)
        spans = {}
        for typ in TYPES:
            p = tp[typ] / max(tp[typ] + fp[typ], 1)
            r = tp[typ] / max(tp[typ] + fn[typ], 1)
            spans[typ] = (p, r, 2 * p * r / max(p + r, 1e-9))
        out[name] = {"spans": spans, "titles": t}
    return out


def readings_of(records: list[dict]) -> dict[str, list[set]]:
    """The three readings (lexicons, model, titlekit) of every record's title."""
    from titlekit.reading.reader import get_reader

    lex_reader = get_reader(recogniser=False)
    reader = get_reader(recogniser=True)
    readings: dict[str, list[set]] = {"lexicons": [], "model": [], "titlekit": []}
    for rec in records:
        title = rec["title"]
        readings["lexicons"].append({(s.type, s.start, s.end) for s in lex_reader.read(title).slots
                                     if s.type in TYPES})
        r = reader.read(title)
        readings["titlekit"].append({(s.type, s.start, s.end) for s in r.slots if s.type in TYPES})
        readings["model"].append({(sp.type, *r.raw_span(sp.start, sp.end))
                                  for sp in reader.model_spans(r)})
    return readings


def report(res: dict[str, dict]) -> None:
    print(f"{'reading':<10} {'slot':<8} {'precision':>9} {'recall':>7} {'F1':>6}")
    for name, r in res.items():
        for typ in TYPES:
            p, rc, f = r["spans"][typ]
            print(f"{name:<10} {typ:<8} {p:9.3f} {rc:7.3f} {f:6.3f}")
    print(f"{'reading':<10} {'brand found':>12} {'labelled brand found':>21} "
          f"{'brand wrongly found':>20} {'product found':>14}")
    for name, r in res.items():
        t = r["titles"]
        print(f"{name:<10} {t['brand_found'] / t['with_brand']:12.1%} "
              f"{t['labelled_brand_found'] / t['with_brand']:21.1%} "
              f"{t['brand_wrongly'] / t['without_brand']:20.1%} "
              f"{t['product_found'] / t['with_product']:14.1%}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    ap.add_argument("--side", choices=("held-out", "training"), default="held-out")
    ap.add_argument("--spaces", action="store_true",
                    help="turn the titles' commas back into the spaces sellers wrote (the "
                         "corpus stores spaces as commas); offsets stay the same")
    args = ap.parse_args()
    from titlekit.linting.linter import Linter
    from titlekit.train.datasplit import read_labelled

    path = Path(args.data) / "taobao_titles_ner_train.jsonl"
    records = list(read_labelled(path, heldout=args.side == "held-out"))
    if args.spaces:
        records = [{**r, "title": r["title"].replace(",", " ")} for r in records]
    res = evaluate(records, readings_of(records))
    print(f"{args.side} side: {len(records)} unique titles"
          + (", commas read as the spaces they stand for" if args.spaces else ""))
    report(res)
    t = res["titlekit"]["titles"]
    print(f"(titles with a brand: {t['with_brand']}, without: {t['without_brand']}, "
          f"with a product word: {t['with_product']})")
    for name, model in (("lexicons", False), ("titlekit", True)):
        from titlekit.config import Config

        linter = Linter(Config(recogniser=model))
        fires = Counter()
        for rec in records:
            labels = {e[2] for e in rec["entities"]}
            rules = {p.rule for p in linter.lint(rec["title"]).problems}
            fires["brand_n"] += "brand" in labels
            fires["brand"] += "brand" in labels and "missing-brand" in rules
            fires["product_n"] += "product" in labels
            fires["product"] += "product" in labels and "missing-product-word" in rules
        print(f"lint with {name}: missing-brand fires on {fires['brand']}/{fires['brand_n']} "
              f"titles with a brand ({fires['brand'] / fires['brand_n']:.1%}); "
              f"missing-product-word on {fires['product']}/{fires['product_n']} "
              f"with a product word ({fires['product'] / fires['product_n']:.1%})")


if __name__ == "__main__":
    main()
