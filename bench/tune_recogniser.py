"""Tune the recogniser's regularisation and decode biases on the training side only.

    python bench/tune_recogniser.py [C1,C2 ...]
    python bench/tune_recogniser.py --reading
    python bench/tune_recogniser.py --brand-misses

Trains the CRF (L1 weight C1, L2 weight C2) on folds 1-4 of the training side of the split (titlekit.datasplit, titlekit.train's
folds) and prints model-only span F1 and title-level figures on fold 0 for each C and each
bias added to the brand and product labels before decoding. The held-out side is never read:
the figures that titlekit reports about itself are measured there by bench/eval_slots.py.

--reading prints bench/eval_slots.py's three readings (lexicons, model, titlekit) on fold 0,
with the data lexicons rebuilt and the model trained without fold 0 (in a temporary
directory), so that choices about how lexicons and model combine are made there too.

--brand-misses trains with the shipped settings and sorts fold 0's labelled brands into found
exactly, overlapped by a model brand of another extent, and missed; and counts the missed
ones whose text occurs in no title of the other folds (no training title could teach them).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))


def main() -> None:
    from eval_slots import evaluate

    from titlekit.train import train as T
    from titlekit.train.datasplit import read_labelled
    from titlekit.reading.recogniser.features import LexiconTagger, model_text, token_info
    from titlekit.reading.recogniser.model import SlotModel
    from titlekit.reading.segment import plain_cutter
    from titlekit.reading.text import normalize

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("C", nargs="*", default=[f"{T.C1},{T.C2}"],
                    help="L1,L2 weights to try (default: the shipped ones)")
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    ap.add_argument("--reading", action="store_true",
                    help="titlekit's readings on fold 0 with lexicons and model built without it")
    ap.add_argument("--brand-misses", action="store_true",
                    help="where the model's brands miss fold 0's labelled ones, and why")
    args = ap.parse_args()
    recs = list(read_labelled(Path(args.data) / "taobao_titles_ner_train.jsonl", heldout=False))
    val = [r for r in recs if T.fold_of(r["title"]) == 0]
    trn = [r for r in recs if T.fold_of(r["title"]) != 0]
    if args.reading:
        return readings_on_fold0(args.data, trn, val)
    base = T.curated_word_slot()
    sequences = T.training_sequences(trn, base)
    tagger = LexiconTagger({**T.labelled_words(trn), **base})
    cut = plain_cutter("auto")
    norms = [normalize(r["title"]) for r in val]
    texts = [model_text(n.text) for n in norms]
    tags = [tagger.tags(t) for t in texts]
    toks = [token_info(cut(t)) for t in texts]
    print(f"training side: {len(trn)} titles to fit (folds 1-4), {len(val)} to validate (fold 0)")
    if args.brand_misses:
        W, trans = _dense(T.fit(*sequences))
        model = SlotModel(W, T.BITS, {"decode_bias": T.DECODE_BIAS}, trans)
        return brand_misses(trn, val, norms, model.predict(texts, tags, toks))
    for pair in args.C:
        c1, c2 = (float(x) for x in pair.split(","))
        W, trans = _dense(T.fit(*sequences, c1=c1, c2=c2))
        for brand_bias in (-0.5, 0.0, 0.5):
            for product_bias in (0.0, 0.5, 1.0):
                model = SlotModel(W, T.BITS, {"decode_bias": {"brand": brand_bias,
                                                              "product": product_bias}}, trans)
                spans = model.predict(texts, tags, toks)
                pred = [{(s.type, *n.raw_span(s.start, s.end)) for s in sp}
                        for sp, n in zip(spans, norms)]
                res = evaluate(val, {"m": pred})["m"]
                f, t = res["spans"], res["titles"]
                print(f"c1={c1:<5} c2={c2:<5} brand {brand_bias:+.1f} product "
                      f"{product_bias:+.1f}: F1 brand {f['brand'][2]:.3f} product "
                      f"{f['product'][2]:.3f} model {f['model'][2]:.3f}; brand found "
                      f"{t['brand_found'] / t['with_brand']:.1%}, wrongly "
                      f"{t['brand_wrongly'] / t['without_brand']:.1%}; product found "
                      f"{t['product_found'] / t['with_product']:.1%}", flush=True)


def _dense(fitted: tuple) -> tuple[np.ndarray, np.ndarray]:
    """The whole weight matrix and the transitions from titlekit.train.fit's result."""
    from titlekit.train import train as T

    ids, weights, trans = fitted
    W = np.zeros((1 << T.BITS, weights.shape[1]), dtype=np.float32)
    W[ids] = weights
    return W, trans


def brand_misses(trn: list[dict], val: list[dict], norms: list, spans: list) -> None:
    training_text = "\n".join(r["title"] for r in trn)
    kinds: Counter[str] = Counter()
    for rec, norm, found in zip(val, norms, spans):
        brands = [norm.raw_span(s.start, s.end) for s in found if s.type == "brand"]
        for start, end, label, _text in rec["entities"]:
            if label != "brand":
                continue
            if (start, end) in brands:
                kinds["found exactly"] += 1
            elif any(s < end and start < e for s, e in brands):
                kinds["overlapped by another extent"] += 1
            else:
                kinds["missed"] += 1
                if rec["title"][start:end] not in training_text:
                    kinds["missed, in no title of the other folds"] += 1
    total = sum(v for k, v in kinds.items() if "," not in k)
    print(f"fold 0: {total} labelled brands (model alone, shipped settings)")
    for kind in ("found exactly", "overlapped by another extent", "missed",
                 "missed, in no title of the other folds"):
        print(f"  {kind}: {kinds[kind]}")


def readings_on_fold0(data: str, trn: list[dict], val: list[dict]) -> None:
    import os
    import shutil
    import tempfile

    from eval_slots import evaluate, readings_of, report

    from titlekit.reading import lexicons as lexmod
    from titlekit.train import train as T

    sys.path.insert(0, str(ROOT / "scripts"))
    import build_lexicons

    with tempfile.TemporaryDirectory() as tmp:
        lexdir = Path(tmp) / "lexicons"
        shutil.copytree(ROOT / "lexicons", lexdir)
        build_lexicons.main(["--data", data, "--out", str(lexdir), "--without-fold", "0"])
        shipped = lexmod.data_dir
        lexmod.data_dir = lambda name: lexdir if name == "lexicons" else shipped(name)
        ids, weights, trans = T.fit(*T.training_sequences(trn, T.curated_word_slot()))
        T.save(Path(tmp) / "model", ids, weights, trans, training_titles=len(trn), inputs={})
        os.environ["TITLEKIT_MODEL_DIR"] = str(Path(tmp) / "model")
        print(f"fold 0 of the training side: {len(val)} titles; lexicons and model from the "
              f"other {len(trn)}")
        report(evaluate(val, readings_of(val)))


if __name__ == "__main__":
    main()
