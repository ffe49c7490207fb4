"""Train the slot recogniser (brand, product word, model) and write it into the package.

    python -m titlekit.train [--data ../shared/data] [--out DIR] [--extra my_titles.jsonl ...]

Training data: the training side of titlekit's split of ``taobao_titles_ner_train.jsonl``
(held out: SHA-1 of the unique title divisible by 5; see :mod:`titlekit.datasplit`), plus any
``--extra`` JSONL files in the same format (``{"title": ..., "entities": [[start, end, label,
text], ...]}``, labels ``brand``, ``product``, ``model``; others are ignored). The held-out side
is never read here.

Lexicon features are computed the way they will be at run time, without leaking labels: the
training titles are cut into five folds (SHA-1 of ``"fold:" + title``), and each fold's lexicon
lookup knows the curated lexicons plus the brand and product strings labelled in the *other*
four folds, as the shipped data lexicons know the labelled strings of titles the recogniser
will never see. The model is scikit-learn's ``LogisticRegression`` (lbfgs, deterministic), so
the same data gives the same weights.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

import numpy as np

from . import __version__
from .datasplit import read_labelled
from .recognise import FORMAT_VERSION, LABELS, MODEL_DIR, MODEL_NAME, LexiconTagger, features
from .text import normalize

BITS = 18
C = 1.0
FOLDS = 5
MAX_ITER = 400
# Added to a label's score before decoding. +0.5 on product labels was picked on fold 0 of the
# training side (`python bench/tune_recogniser.py`, never the held-out side): titles with a
# product word where one is found 96.9 % -> 98.7 %, product F1 0.693 -> 0.690 there.
DECODE_BIAS = {"product": 0.5}
LABEL_INDEX = {name: i for i, name in enumerate(LABELS)}


def fold_of(title: str) -> int:
    return int.from_bytes(hashlib.sha1(("fold:" + title).encode("utf-8")).digest(), "big") % FOLDS


def char_labels(title: str, entities: list) -> tuple[str, np.ndarray]:
    """The normalised title and one label index per character of it."""
    raw = np.zeros(len(title), dtype=np.int64)
    for start, end, label, _text in sorted(entities, key=lambda e: (e[0], -e[1])):
        if label not in ("brand", "product", "model") or end <= start:
            continue
        raw[start] = LABEL_INDEX[f"B-{label}"]
        raw[start + 1:end] = LABEL_INDEX[f"I-{label}"]
    norm = normalize(title)
    if norm.index is None:
        return norm.text, raw
    return norm.text, raw[list(norm.index)]


def curated_word_slot() -> dict[str, str]:
    """Slot words of the curated lexicons only (no lexicon derived from labelled titles)."""
    from . import lexicons as lexmod
    from .slots import slot_words

    lex = lexmod.Lexicons()
    for path in sorted(lexmod.data_dir("lexicons").glob("*.txt")):
        kind = lexmod.kind_of(path)
        if kind is not None and not path.stem.endswith("-data"):
            lex.entries.setdefault(kind, []).extend(lexmod.read_file(path))
    return slot_words(lex)


def labelled_words(records: list[dict]) -> dict[str, str]:
    out: dict[str, str] = {}
    for rec in records:
        for _s, _e, label, text in rec["entities"]:
            if label in ("brand", "product") and len(text.strip()) >= 2:
                out.setdefault(text.strip().lower(), label)
    return out


def training_matrix(records: list[dict], base: dict[str, str]):
    """(X, y) over every character of ``records`` with fold-honest lexicon tags."""
    import scipy.sparse as sp

    folds = [[r for r in records if fold_of(r["title"]) == f] for f in range(FOLDS)]
    from .recognise import token_info
    from .segment import plain_cutter

    cut = plain_cutter("auto")
    texts, tags, labels, toks = [], [], [], []
    for f in range(FOLDS):
        others = [r for g in range(FOLDS) if g != f for r in folds[g]]
        tagger = LexiconTagger({**labelled_words(others), **base})
        for rec in folds[f]:
            text, lab = char_labels(rec["title"], rec["entities"])
            texts.append(text)
            tags.append(tagger.tags(text))
            toks.append(token_info(cut(text)))
            labels.append(lab)
    ids = features(texts, tags, BITS, toks)
    rows = np.repeat(np.arange(ids.shape[0]), ids.shape[1])
    X = sp.csr_matrix((np.ones(ids.size, dtype=np.float64), (rows, ids.ravel())),
                      shape=(ids.shape[0], 1 << BITS))
    X.sum_duplicates()
    X.data[:] = 1.0
    return X, np.concatenate(labels)


def train(records: list[dict]) -> tuple[np.ndarray, np.ndarray]:
    """(ids, weights): the non-zero rows of the weight matrix (2**BITS x labels)."""
    from sklearn.linear_model import LogisticRegression

    X, y = training_matrix(records, curated_word_slot())
    # no intercept: the last feature template is a constant (the bias)
    from threadpoolctl import threadpool_limits

    clf = LogisticRegression(C=C, max_iter=MAX_ITER, solver="lbfgs", fit_intercept=False)
    # one BLAS thread: sums come out in the same order on every machine, whatever its cores
    with threadpool_limits(limits=1):
        clf.fit(X, y)
    W = np.zeros((1 << BITS, len(LABELS)), dtype=np.float64)
    W[:, clf.classes_] = clf.coef_.T
    used = np.nonzero(np.abs(W).sum(axis=1) > 0)[0]
    return used.astype(np.int32), W[used].astype(np.float32)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m titlekit.train",
                                 description="Train the slot recogniser and write it.")
    root = Path(__file__).resolve().parents[2]
    ap.add_argument("--data", default=str(root.parent / "shared" / "data"))
    ap.add_argument("--out", default=str(MODEL_DIR), help="directory for slots.npz/.json")
    ap.add_argument("--extra", nargs="*", default=[], help="more labelled JSONL files")
    args = ap.parse_args(argv)
    source = Path(args.data) / "taobao_titles_ner_train.jsonl"
    if not source.is_file():
        print(f"{source}: labelled titles not found (give --data)", file=sys.stderr)
        return 2
    records = list(read_labelled(source, heldout=False))
    inputs = {source.name: digest(source)}
    for extra in args.extra:
        p = Path(extra)
        records.extend(read_labelled(p))
        inputs[p.name] = digest(p)
    ids, weights = train(records)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with open(out / f"{MODEL_NAME}.npz", "wb") as fh:
        np.savez(fh, ids=ids, weights=weights)  # uncompressed: loads faster
    card = {
        "format_version": FORMAT_VERSION,
        "labels": list(LABELS),
        "bits": BITS,
        "model": f"LogisticRegression(C={C}, solver=lbfgs, max_iter={MAX_ITER})",
        "decode_bias": DECODE_BIAS,
        "training_titles": len(records),
        "inputs": inputs,
        "titlekit_version": __version__,
        "weights_sha256": hashlib.sha256(ids.tobytes() + weights.tobytes()).hexdigest(),
    }
    (out / f"{MODEL_NAME}.json").write_text(json.dumps(card, ensure_ascii=False, indent=2)
                                            + "\n", encoding="utf-8")
    print(f"{out / MODEL_NAME}.npz: {len(ids)} feature rows from {len(records)} titles")
    return 0


if __name__ == "__main__":
    sys.exit(main())
