"""Tune the recogniser's regularisation and decode biases on the training side only.

    python bench/tune_recogniser.py [C ...]

Trains on folds 1-4 of the training side of the split (titlekit.datasplit, titlekit.train's
folds) and prints model-only span F1 and title-level figures on fold 0 for each C and each
bias added to the brand and product labels before decoding. The held-out side is never read:
the figures that titlekit reports about itself are measured there by bench/eval_slots.py.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))


def main() -> None:
    from eval_slots import evaluate
    from sklearn.linear_model import LogisticRegression
    from threadpoolctl import threadpool_limits

    from titlekit import train as T
    from titlekit.datasplit import read_labelled
    from titlekit.recognise import LABELS, LexiconTagger, SlotModel, token_info
    from titlekit.segment import plain_cutter
    from titlekit.text import normalize

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("C", nargs="*", type=float, default=[T.C])
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    args = ap.parse_args()
    recs = list(read_labelled(Path(args.data) / "taobao_titles_ner_train.jsonl", heldout=False))
    val = [r for r in recs if T.fold_of(r["title"]) == 0]
    trn = [r for r in recs if T.fold_of(r["title"]) != 0]
    base = T.curated_word_slot()
    X, y = T.training_matrix(trn, base)
    tagger = LexiconTagger({**T.labelled_words(trn), **base})
    cut = plain_cutter("auto")
    norms = [normalize(r["title"]) for r in val]
    texts = [n.text for n in norms]
    tags = [tagger.tags(t) for t in texts]
    toks = [token_info(cut(t)) for t in texts]
    print(f"training side: {len(trn)} titles to fit (folds 1-4), {len(val)} to validate (fold 0)")
    for C in args.C:
        clf = LogisticRegression(C=C, max_iter=T.MAX_ITER, solver="lbfgs", fit_intercept=False)
        with threadpool_limits(limits=1):
            clf.fit(X, y)
        W = np.zeros((1 << T.BITS, len(LABELS)), dtype=np.float32)
        W[:, clf.classes_] = clf.coef_.T
        for brand_bias in (0.0, 0.5, 1.0):
            for product_bias in (0.0, 0.5, 1.0):
                model = SlotModel(W, T.BITS, {"decode_bias": {"brand": brand_bias,
                                                              "product": product_bias}})
                spans = model.predict(texts, tags, toks)
                pred = [{(s.type, *n.raw_span(s.start, s.end)) for s in sp}
                        for sp, n in zip(spans, norms)]
                res = evaluate(val, {"m": pred})["m"]
                f, t = res["spans"], res["titles"]
                print(f"C={C:<5} brand +{brand_bias:.1f} product +{product_bias:.1f}: "
                      f"F1 brand {f['brand'][2]:.3f} product {f['product'][2]:.3f} "
                      f"model {f['model'][2]:.3f}; brand found "
                      f"{t['brand_found'] / t['with_brand']:.1%}, wrongly "
                      f"{t['brand_wrongly'] / t['without_brand']:.1%}; product found "
                      f"{t['product_found'] / t['with_product']:.1%}", flush=True)


if __name__ == "__main__":
    main()
