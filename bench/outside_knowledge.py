"""Does outside knowledge help the slot recogniser? Measured on the training side only.

    python bench/outside_knowledge.py [--data ../shared/data] [--variants base,companies,extra]

Fold 0 of the training side of titlekit's split validates; folds 1-4 train (as in
bench/tune_recogniser.py; the held-out side is never read). Each variant trains the CRF at the
shipped settings and prints the model's span F1 per slot and the title-level brand figures on
fold 0:

- ``base`` (what ships): curated lexicons plus the labelled strings of the other folds as
  lexicon features.
- ``companies``: base plus ``company_short_names.txt`` (267k 公司简称) as a soft feature: four
  more feature templates saying whether a longest-match lookup of the names covers the
  character, its neighbours, and with which lexicon tag. The model learns how far to trust it.
- ``extra``: base plus ``taobao_titles_ner_extra.jsonl`` as more training titles (those that
  also occur in the training file dropped; its titles label brand and product, never model).

The validation titles' lexicon tags know the curated lexicons and folds 1-4's labelled strings
in every variant, so only the model's training differs.

What was decided from it is in CHANGELOG.md (issue 15): the company names help a little and
cost more than they give at run time, so they do not ship.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from eval_slots import evaluate

import titlekit.reading.recogniser.model as M
from titlekit.reading.recogniser import features as F
from titlekit.reading.recogniser.model import SlotModel
from titlekit.reading.segment import plain_cutter
from titlekit.reading.text import normalize
from titlekit.train import train as T
from titlekit.train.datasplit import read_labelled

BASE_FEATURES = F.features


def with_companies(names: set[str]):
    """``features`` with four company-name templates appended (hashed like the others)."""
    tagger = F.LexiconTagger(dict.fromkeys(names, "company"))

    def features(texts, tags, bits, tokens):
        base = BASE_FEATURES(texts, tags, bits, tokens)
        pad = 1
        comp = np.frombuffer(bytes(pad) + bytes(pad).join(tagger.tags(t) for t in texts)
                             + bytes(pad), dtype=np.uint8).astype(np.uint64)
        lex = np.frombuffer(bytes(pad) + bytes(pad).join(tags) + bytes(pad),
                            dtype=np.uint8).astype(np.uint64)
        lens = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
        starts = pad + np.concatenate(([0], np.cumsum(lens + pad)[:-1]))
        idx = F.places(lens) + np.repeat(starts, lens)
        c0, cm, cp, t0 = comp[idx], comp[idx - 1], comp[idx + 1], lex[idx]
        h = np.stack([c0, cm * np.uint64(16) + c0, c0 * np.uint64(16) + cp,
                      c0 * np.uint64(16) + t0])
        h += np.arange(101, 105, dtype=np.uint64)[:, None]  # salts no base template uses
        with np.errstate(over="ignore"):
            h *= F._M1
            h ^= h >> np.uint64(29)
            h *= F._M2
        h >>= np.uint64(64 - bits)
        return np.hstack([base, h.view(np.int64).T])

    return features


def use_features(fn) -> None:
    for module in (F, T, M):
        module.features = fn


def measure(name: str, trn: list[dict], val: list[dict]) -> dict:
    t0 = time.perf_counter()
    ids, weights, trans = T.fit(*T.training_sequences(trn, T.curated_word_slot()))
    W = np.zeros((1 << T.BITS, weights.shape[1]), dtype=np.float32)
    W[ids] = weights
    model = SlotModel(W, T.BITS, {"decode_bias": T.DECODE_BIAS}, trans)
    base = T.curated_word_slot()
    tagger = F.LexiconTagger({**T.labelled_words(trn_side[0]), **base})
    cut = plain_cutter("auto")
    norms = [normalize(r["title"]) for r in val]
    texts = [F.model_text(n.text) for n in norms]
    spans = model.predict(texts, [tagger.tags(t) for t in texts],
                          [F.token_info(cut(t)) for t in texts])
    pred = [{(s.type, *n.raw_span(s.start, s.end)) for s in sp} for sp, n in zip(spans, norms)]
    res = evaluate(val, {name: pred})[name]
    f, t = res["spans"], res["titles"]
    print(f"{name:<10} training titles {len(trn):>5}: F1 brand {f['brand'][2]:.3f} "
          f"(P {f['brand'][0]:.3f} R {f['brand'][1]:.3f}) product {f['product'][2]:.3f} "
          f"model {f['model'][2]:.3f}; brand found {t['brand_found'] / t['with_brand']:.1%}, "
          f"wrongly {t['brand_wrongly'] / t['without_brand']:.1%} "
          f"[{time.perf_counter() - t0:.0f} s]", flush=True)
    return res


trn_side: list[list[dict]] = [[]]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    ap.add_argument("--variants", default="base,companies,extra")
    args = ap.parse_args()
    data = Path(args.data)
    recs = list(read_labelled(data / "taobao_titles_ner_train.jsonl", heldout=False))
    val = [r for r in recs if T.fold_of(r["title"]) == 0]
    trn = [r for r in recs if T.fold_of(r["title"]) != 0]
    trn_side[0] = trn
    print(f"fold 0 of the training side: {len(val)} titles; folds 1-4: {len(trn)}")
    for variant in args.variants.split(","):
        use_features(BASE_FEATURES)
        if variant == "base":
            measure(variant, trn, val)
        elif variant == "companies":
            t0 = time.perf_counter()
            text = (data / "company_short_names.txt").read_text(encoding="utf-8")
            names = {n.strip().lower() for n in text.split("\n") if len(n.strip()) >= 2}
            tagger = F.LexiconTagger(dict.fromkeys(names, "company"))
            t1 = time.perf_counter()
            sample = [r["title"] for r in recs]
            for title in sample:
                tagger.tags(title)
            t2 = time.perf_counter()
            print(f"company names: {len(names)} loaded in {t1 - t0:.2f} s; looked up in "
                  f"{len(sample)} titles in {t2 - t1:.2f} s (the run-time cost of the feature)")
            use_features(with_companies(names))
            measure(variant, trn, val)
        elif variant == "extra":
            def rows(name):  # split at \n only: titles may hold U+2028
                text = (data / name).read_text(encoding="utf-8")
                return [json.loads(x) for x in text.split("\n") if x.strip()]

            in_train = {r["title"] for r in rows("taobao_titles_ner_train.jsonl")}
            extra = [r for r in rows("taobao_titles_ner_extra.jsonl")
                     if r["title"] not in in_train]
            measure(variant, trn + extra, val)
        else:
            raise SystemExit(f"unknown variant {variant!r}")
    use_features(BASE_FEATURES)


if __name__ == "__main__":
    main()
