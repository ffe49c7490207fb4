"""Rebuild the data-derived lexicons (brands-data.txt, products-data.txt) from labelled titles.

    python scripts/build_lexicons.py [--data ../shared/data] [--out DIR] [--without-fold K]

Only the training side of titlekit's split is read (see ``titlekit.datasplit``), so the held-out
titles stay unseen by the shipped lexicons. A span becomes an entry when it is labelled often
enough relative to how often its text occurs in the training titles at all, which keeps common
words that were once labelled a brand (or a product) out. Words already in a curated lexicon of
another kind are left out, so lexicons never contradict each other.

``--without-fold K`` also leaves out fold K of the training side (the folds of
``titlekit.train``), for tuning on that fold with ``bench/tune_recogniser.py --reading``;
``--out`` writes the two files elsewhere.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from titlekit.formats.document import atomic_write
from titlekit.reading.lexicons import read_file
from titlekit.train.datasplit import read_labelled

SOURCE_TAOBAO = "taobao_titles_ner_train.jsonl (Jie et al., NAACL 2019), training side of titlekit's split"
SOURCE_JD = "jd_titles_ner_500.jsonl (GAIIC 2022 sample)"
VALID = re.compile(r"^(?:[\u4e00-\u9fff]{2,8}|[a-z][a-z0-9&'\-]{1,15}|[\u4e00-\u9fff]{1,6}[a-z0-9]{1,6})$")


def curated(kind_prefixes: tuple[str, ...], lexdir: Path = ROOT / "lexicons") -> set[str]:
    words: set[str] = set()
    for path in lexdir.glob("*.txt"):
        if path.stem.endswith("-data"):
            continue
        if path.stem.startswith(kind_prefixes):
            for e in read_file(path):
                words.update(n.strip().lower() for n in e.text.split("|"))
    return words


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    ap.add_argument("--out", default=str(ROOT / "lexicons"), help="directory for the two files")
    ap.add_argument("--without-fold", type=int, default=None,
                    help="leave out this fold of the training side too")
    args = ap.parse_args(argv)
    data = Path(args.data)
    train = list(read_labelled(data / "taobao_titles_ner_train.jsonl", heldout=False))
    if args.without_fold is not None:
        from titlekit.train import fold_of

        train = [r for r in train if fold_of(r["title"]) != args.without_fold]
    jd = [json.loads(line) for line in
          (data / "jd_titles_ner_500.jsonl").read_text(encoding="utf-8").splitlines()]
    brands, products = derive(train, jd)
    out = Path(args.out)
    write(out / "brands-data.txt", sorted(brands), f"{SOURCE_TAOBAO}; {SOURCE_JD}")
    write(out / "products-data.txt", sorted(products), SOURCE_TAOBAO)
    print(f"brands-data.txt: {len(brands)} entries; products-data.txt: {len(products)} entries")
    return 0


def derive(train: list[dict], jd: list[dict], lexdir: Path = ROOT / "lexicons"
           ) -> tuple[set[str], set[str]]:
    """(brands, products) of the data lexicons from labelled training titles and JD titles;
    words of the curated lexicons in ``lexdir`` are left out."""
    labelled: dict[str, Counter[str]] = {"brand": Counter(), "product": Counter()}
    for rec in train:
        for _s, _e, label, text in rec["entities"]:
            if label in labelled:
                labelled[label][text.strip().lower()] += 1
    jd_brands: Counter[str] = Counter()
    for rec in jd:
        for _s, _e, label, text in rec["entities"]:
            if label in ("brand", "compatible_brand"):
                jd_brands[text.strip().lower()] += 1
    corpus = "\n".join(r["title"].lower() for r in train)

    def occurrences(word: str) -> int:
        return max(1, corpus.count(word))

    other_for_brand = curated(("products", "attributes", "styles", "selling-points", "promotions",
                               "spam", "absolute", "ip-risk", "allow"), lexdir)
    other_for_product = curated(("brands", "attributes", "styles", "selling-points", "promotions",
                                 "spam", "absolute", "ip-risk", "allow"), lexdir)
    brands = {
        w for w, n in labelled["brand"].items()
        if VALID.match(w) and n / occurrences(w) >= 0.5 and labelled["product"][w] < n
    }
    brands |= {w for w in jd_brands if VALID.match(w)}
    brands -= other_for_brand
    brands -= curated(("brands",), lexdir)
    products = {
        w for w, n in labelled["product"].items()
        if VALID.match(w) and n >= 2 and n / occurrences(w) >= 0.2 and labelled["brand"][w] < n
        and not w.isascii()
    }
    products -= other_for_product | brands
    products -= curated(("products",), lexdir)
    return brands, products


def write(path: Path, words: list[str], source: str) -> None:
    header = f"# source: {source}; rebuilt by scripts/build_lexicons.py\n"
    atomic_write(path, (header + "".join(w + "\n" for w in words)).encode("utf-8"))


if __name__ == "__main__":
    raise SystemExit(main())
