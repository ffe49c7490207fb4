"""Which TF-IDF features separate real near-duplicate titles from different products best.

    python bench/dedup_features.py [--data ../shared/data]

Pairs from ../shared/data/jd_phone_titles.txt labelled by bench/jd_pairs.py (duplicate: same
phone in another colour, a 【…】 prefix, reordered words; distinct: another model of the same
brand written alike). For each feature set, TF-IDF is fitted on all titles of the file and the
cosine similarity of each labelled pair is computed. Printed per feature set: ROC AUC, and at the
default threshold 0.9 the share of duplicates caught and the share of distinct pairs wrongly
called duplicates, and the threshold with the best F1.

The weights of titlekit's own features (model numbers heavier, 【…】 prefixes and colour words
lighter) were chosen from the small grid below looking at the "tune" half of the pairs (brands
whose SHA-1 is even); the "check" half (the other brands) is printed for the same settings.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
import unicodedata
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from jd_pairs import labelled_pairs, read_titles


def key(title: str) -> str:
    return re.sub(r"[\W_]+", "", unicodedata.normalize("NFKC", title).lower())


def word_tokens(reader, title: str) -> list[str]:
    from titlekit.reading.text import normalize

    text = normalize(title).text
    return [t.text for t in reader.tokens(text) if t.kind not in ("space", "punct")]


def evaluate(X, pairs) -> dict:
    from sklearn.metrics import roc_auc_score

    i = np.array([p[0] for p in pairs])
    j = np.array([p[1] for p in pairs])
    y = np.array([p[2] == "duplicate" for p in pairs])
    sims = np.asarray(X[i].multiply(X[j]).sum(axis=1)).ravel()
    best = (0.0, 0.0)
    for t in np.arange(0.5, 1.0, 0.01):
        pred = sims >= t
        tp = (pred & y).sum()
        prec = tp / max(pred.sum(), 1)
        rec = tp / y.sum()
        f1 = 2 * prec * rec / max(prec + rec, 1e-9)
        if f1 > best[0]:
            best = (f1, t)
    return {
        "auc": roc_auc_score(y, sims),
        "dup_at_0.9": (sims[y] >= 0.9).mean(),
        "distinct_at_0.9": (sims[~y] >= 0.9).mean(),
        "best_f1": best[0],
        "best_t": best[1],
        "dup_median": float(np.median(sims[y])),
        "distinct_p99": float(np.quantile(sims[~y], 0.99)),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    args = ap.parse_args()
    from scipy.sparse import hstack
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.preprocessing import normalize as l2

    from titlekit.reading.reader import get_reader

    titles = read_titles(Path(args.data) / "jd_phone_titles.txt")
    pairs = labelled_pairs(titles)
    n_dup = sum(p[2] == "duplicate" for p in pairs)
    print(f"{len(titles)} titles; labelled pairs: {n_dup} duplicate, {len(pairs) - n_dup} distinct")
    keys = [key(t) for t in titles]
    reader = get_reader()
    words = [word_tokens(reader, t) for t in titles]

    def chars(lo: int, hi: int):
        return TfidfVectorizer(analyzer="char", ngram_range=(lo, hi), sublinear_tf=True,
                               lowercase=False).fit_transform(keys)

    def wordvec():
        return TfidfVectorizer(analyzer=lambda ws: ws, sublinear_tf=True).fit_transform(words)

    sets = {
        "char 1-2": lambda: chars(1, 2),
        "char 2-3": lambda: chars(2, 3),
        "char 1-3": lambda: chars(1, 3),
        "char 2-4": lambda: chars(2, 4),
        "words": wordvec,
        "char 2-3 + words": lambda: l2(hstack([chars(2, 3), wordvec()]).tocsr()),
    }
    from titlekit.dedup.index import Index
    from titlekit.dedup.vectors import Params

    for mw, vw in ((1.0, 1.0), (3.0, 1.0), (1.0, 0.3), (2.0, 0.3), (3.0, 0.3), (3.0, 0.1),
                   (5.0, 0.3)):
        p = Params(model_weight=mw, variant_weight=vw)
        sets[f"weighted {mw:g}/{vw:g}"] = lambda p=p: Index.build(titles, params=p).matrix
    def half(p) -> str:
        brand = titles[p[0]].split()[0] if "】" not in titles[p[0]] else titles[p[1]].split()[0]
        return "tune" if hashlib.sha1(brand.encode()).digest()[0] % 2 == 0 else "check"

    halves = {h: [p for p in pairs if half(p) == h] for h in ("tune", "check")}
    for h, ps in halves.items():
        print(f"{h} half: {sum(p[2] == 'duplicate' for p in ps)} duplicate, "
              f"{sum(p[2] == 'distinct' for p in ps)} distinct pairs")
    print(f"{'features':<18} {'half':<6} {'AUC':>6} {'dup>=0.9':>9} {'distinct>=0.9':>14} "
          f"{'best F1':>8} {'at':>5} {'dup med':>8} {'dist p99':>9}")
    for name, build in sets.items():
        X = build().tocsr()
        for h, ps in halves.items():
            r = evaluate(X, ps)
            print(f"{name:<18} {h:<6} {r['auc']:6.3f} {r['dup_at_0.9']:9.1%} "
                  f"{r['distinct_at_0.9']:14.1%} {r['best_f1']:8.3f} {r['best_t']:5.2f} "
                  f"{r['dup_median']:8.3f} {r['distinct_p99']:9.3f}")


if __name__ == "__main__":
    main()
