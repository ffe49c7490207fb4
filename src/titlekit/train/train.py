"""Train the slot recogniser (brand, product word, model) and write it into the package.

    python -m titlekit.train [--data ../shared/data] [--out DIR] [--extra my_titles.jsonl ...]

Training data: the training side of titlekit's split of ``taobao_titles_ner_train.jsonl``
(held out: SHA-1 of the unique title divisible by 5; see :mod:`titlekit.train.datasplit`), plus any
``--extra`` JSONL files in the same format (``{"title": ..., "entities": [[start, end, label,
text], ...]}``, labels ``brand``, ``product``, ``model``; others are ignored). The held-out side
is never read here.

Lexicon features are computed the way they will be at run time, without leaking labels: the
training titles are cut into five folds (SHA-1 of ``"fold:" + title``), and each fold's lexicon
lookup knows the curated lexicons plus the brand and product strings labelled in the *other*
four folds, as the shipped data lexicons know the labelled strings of titles the recogniser
will never see.

The model is a linear-chain conditional random field over the same hashed features the run time
computes, trained with CRFsuite (``python-crfsuite``: L-BFGS with L1 + L2 regularisation, no
randomness, so the same data gives the same weights). Only the weights leave the trainer: the
per-feature label scores and the label transition scores go into ``slots.npz``; decoding is
titlekit's own NumPy code, so CRFsuite is needed for training only.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

import numpy as np

from ..formats.document import atomic_write
from ..reading import lexicons as lexmod
from ..reading.recogniser.features import LABELS, LexiconTagger, features, model_text, token_info
from ..reading.recogniser.model import FORMAT_VERSION, MODEL_NAME
from ..reading.segment import plain_cutter
from ..reading.slots import slot_words
from ..reading.text import normalize
from ..resources import MODEL_DIR, data_dir
from ..version import __version__
from .datasplit import read_labelled

BITS = 18
# L1 and L2 weights and iterations of CRFsuite's L-BFGS; picked on fold 0 of the training side
# (`python bench/tune_recogniser.py`, never the held-out side)
C1 = 0.1
C2 = 0.01
MAX_ITER = 200
FOLDS = 5
# Added to a label's score before decoding, picked the same way.
DECODE_BIAS = {"product": 0.5}
LABEL_INDEX = {name: i for i, name in enumerate(LABELS)}


def fold_of(title: str) -> int:
    return int.from_bytes(hashlib.sha1(("fold:" + title).encode("utf-8")).digest(), "big") % FOLDS


def char_labels(title: str, entities: list) -> tuple[str, np.ndarray]:
    """The normalised title as the recogniser reads it and one label index per character."""
    raw = np.zeros(len(title), dtype=np.int64)
    for start, end, label, _text in sorted(entities, key=lambda e: (e[0], -e[1])):
        if label not in ("brand", "product", "model") or end <= start:
            continue
        raw[start] = LABEL_INDEX[f"B-{label}"]
        raw[start + 1:end] = LABEL_INDEX[f"I-{label}"]
    norm = normalize(title)
    text = model_text(norm.text)
    if norm.index is None:
        return text, raw
    return text, raw[list(norm.index)]


def curated_word_slot(lexdir: Path | None = None) -> dict[str, str]:
    """Slot words of the curated lexicons only (no lexicon derived from labelled titles), of
    the shipped lexicons or those in ``lexdir``."""
    lex = lexmod.Lexicons()
    for path in sorted((lexdir or data_dir("lexicons")).glob("*.txt")):
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


def training_sequences(records: list[dict], base: dict[str, str]):
    """(texts, feature ids per character, label ids per character) with fold-honest lexicon
    tags, in fold order."""
    folds = [[r for r in records if fold_of(r["title"]) == f] for f in range(FOLDS)]
    cut = plain_cutter("auto")
    texts, tags, labels, toks = [], [], [], []
    for f in range(FOLDS):
        others = [r for g in range(FOLDS) if g != f for r in folds[g]]
        tagger = LexiconTagger({**labelled_words(others), **base})
        for rec in folds[f]:
            text, lab = char_labels(rec["title"], rec["entities"])
            if not text:
                continue
            texts.append(text)
            tags.append(tagger.tags(text))
            toks.append(token_info(cut(text)))
            labels.append(lab)
    return texts, features(texts, tags, BITS, toks), labels


def fit(texts: list[str], ids: np.ndarray, labels: list[np.ndarray], *, c1: float = C1,
        c2: float = C2, max_iter: int = MAX_ITER) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Train the CRF on per-character feature ids; (ids, weights, transitions) as shipped:
    the used rows of the (2**BITS, labels) score matrix and the (labels, labels) transitions."""
    import tempfile

    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    off = 0
    for text, lab in zip(texts, labels):
        block = ids[off:off + len(text)].tolist()
        off += len(text)
        # a feature is its hashed id: colliding features share a weight in training as they
        # do when scoring
        trainer.append([[str(v) for v in row] for row in block], [LABELS[i] for i in lab])
    trainer.set_params({"c1": c1, "c2": c2, "max_iterations": max_iter,
                        "feature.possible_transitions": True})
    with tempfile.TemporaryDirectory() as tmp:
        path = str(Path(tmp) / "slots.crfsuite")
        trainer.train(path)
        tagger = pycrfsuite.Tagger()
        tagger.open(path)
        info = tagger.info()
        tagger.close()
    W = np.zeros((1 << BITS, len(LABELS)), dtype=np.float64)
    for (attr, label), weight in info.state_features.items():
        W[int(attr), LABEL_INDEX[label]] = weight
    trans = np.zeros((len(LABELS), len(LABELS)), dtype=np.float64)
    for (before, after), weight in info.transitions.items():
        trans[LABEL_INDEX[before], LABEL_INDEX[after]] = weight
    used = np.nonzero(np.abs(W).sum(axis=1) > 0)[0]
    return used.astype(np.int32), W[used].astype(np.float32), trans.astype(np.float32)


def train(records: list[dict]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(ids, weights, transitions) of the model trained on ``records``."""
    return fit(*training_sequences(records, curated_word_slot()))


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def save(out: Path, ids: np.ndarray, weights: np.ndarray, transitions: np.ndarray, *,
         training_titles: int, inputs: dict[str, str], decode_bias: dict | None = None) -> None:
    """Write ``slots.npz`` and its card ``slots.json`` into ``out``."""
    from io import BytesIO

    out.mkdir(parents=True, exist_ok=True)
    buf = BytesIO()
    np.savez(buf, ids=ids, weights=weights, transitions=transitions)  # uncompressed: loads faster
    # each file is replaced whole or not at all: an interrupted run leaves the old model
    atomic_write(out / f"{MODEL_NAME}.npz", buf.getvalue())
    card = {
        "format_version": FORMAT_VERSION,
        "labels": list(LABELS),
        "bits": BITS,
        "model": f"linear-chain CRF (CRFsuite lbfgs, c1={C1}, c2={C2}, "
                 f"max_iterations={MAX_ITER})",
        "decode_bias": DECODE_BIAS if decode_bias is None else decode_bias,
        "training_titles": training_titles,
        "inputs": inputs,
        "titlekit_version": __version__,
        "weights_sha256": hashlib.sha256(ids.tobytes() + weights.tobytes()
                                         + transitions.tobytes()).hexdigest(),
    }
    atomic_write(out / f"{MODEL_NAME}.json",
                 (json.dumps(card, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m titlekit.train",
                                 description="Train the slot recogniser and write it.")
    root = Path(__file__).resolve().parents[3]
    ap.add_argument("--data", default=str(root.parent / "shared" / "data"))
    ap.add_argument("--out", default=str(MODEL_DIR), help="directory for slots.npz/.json")
    ap.add_argument("--extra", nargs="*", default=[], help="more labelled JSONL files")
    args = ap.parse_args(argv)
    try:
        import pycrfsuite  # noqa: F401
    except ImportError:
        print("training needs python-crfsuite: pip install 'titlekit[train]'", file=sys.stderr)
        return 2
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
    ids, weights, transitions = train(records)
    out = Path(args.out)
    save(out, ids, weights, transitions, training_titles=len(records), inputs=inputs)
    print(f"{out / MODEL_NAME}.npz: {len(ids)} feature rows from {len(records)} titles")
    return 0


if __name__ == "__main__":
    sys.exit(main())
