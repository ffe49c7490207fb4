"""The trained slot recogniser: loading, batch = single, held-out behaviour, retraining."""

from __future__ import annotations

import json
import shutil
from itertools import pairwise, product

import numpy as np
import pytest

from titlekit.errors import ModelError
from titlekit.reading.reader import get_reader
from titlekit.reading.recogniser.decode import marginals, viterbi
from titlekit.reading.recogniser.features import LABELS, features, model_text, token_info
from titlekit.reading.recogniser.model import FORMAT_VERSION, SlotModel
from titlekit.reading.text import normalize
from titlekit.resources import MODEL_DIR

TYPES = {"brand", "product", "model"}


@pytest.fixture(scope="module")
def heldout(taobao_records):
    from titlekit.train.datasplit import is_heldout

    seen, out = set(), []
    for r in taobao_records:
        if r["title"] not in seen and is_heldout(r["title"]):
            seen.add(r["title"])
            out.append(r)
    return out


def test_shipped_model_loads_with_its_card():
    model = SlotModel.load()
    assert model.card["format_version"] == FORMAT_VERSION
    assert model.card["labels"] == list(LABELS)
    # the rows of the features it has scores for, plus a row of zeros for every other
    assert model.weights.shape == (len(model.ids) + 1, len(LABELS))
    assert not model.weights[0].any() and np.abs(model.weights[1:]).sum(axis=1).min() > 0
    assert model.rows.max() == len(model.ids)


def test_model_from_the_whole_matrix_scores_as_the_shipped_one():
    shipped = SlotModel.load()
    dense = np.zeros((1 << shipped.bits, len(LABELS)), dtype=np.float32)
    dense[shipped.ids] = shipped.weights[1:]
    again = SlotModel(dense, shipped.bits, shipped.card, shipped.transitions)
    reader = get_reader()
    reader._load_model()
    texts = [model_text(normalize(t).text) for t in
             ("耐克 运动鞋 男 2024新款", "Apple/苹果 iPhone 15 Pro 256G", "全新未知牌子的保温杯")]
    tags = [reader._tagger.tags(t) for t in texts]
    tokens = [token_info(reader._plain(t)) for t in texts]
    got = shipped.scores(texts, tags, tokens)
    assert np.array_equal(got, again.scores(texts, tags, tokens))
    # by definition: a character's score for a label is the sum over its features of the
    # whole matrix's row for that feature id
    ids = features(texts, tags, shipped.bits, tokens)
    expect = dense.astype(np.float64)[ids].sum(axis=1)
    assert np.allclose(got, expect, atol=1e-4)
    assert np.abs(expect).sum() > 0


def test_model_with_feature_ids_beyond_its_bits_is_refused(tmp_path):
    for f in MODEL_DIR.glob("slots.*"):
        shutil.copy(f, tmp_path / f.name)
    with np.load(tmp_path / "slots.npz", allow_pickle=False) as npz:
        arrays = {k: npz[k] for k in npz.files}
    arrays["ids"] = arrays["ids"].copy()
    arrays["ids"][-1] = 1 << 30
    np.savez(tmp_path / "slots.npz", **arrays)
    with pytest.raises(ModelError, match="outside"):
        SlotModel.load(tmp_path)


def test_model_of_another_format_is_refused(tmp_path):
    for f in MODEL_DIR.glob("slots.*"):
        shutil.copy(f, tmp_path / f.name)
    card = json.loads((tmp_path / "slots.json").read_text(encoding="utf-8"))
    card["format_version"] = FORMAT_VERSION + 1
    (tmp_path / "slots.json").write_text(json.dumps(card), encoding="utf-8")
    with pytest.raises(ModelError, match="python -m titlekit.train"):
        SlotModel.load(tmp_path)


def test_viterbi_never_starts_a_span_inside():
    # the best single labels would be I-brand first; the constraint forbids it
    logp = np.log(np.array([[0.1, 0.2, 0.6, 0.025, 0.025, 0.025, 0.025],
                            [0.1, 0.1, 0.7, 0.025, 0.025, 0.025, 0.025]]))
    labels = viterbi(logp, np.array([2]))
    assert LABELS[labels[0]] in ("O", "B-brand")
    assert not (LABELS[labels[0]] == "O" and LABELS[labels[1]].startswith("I-"))


def test_batch_and_single_readings_agree(heldout):
    reader = get_reader()
    titles = [r["title"] for r in heldout]  # one title at a time runs other code (plain
    many = reader.read_many([(t, None) for t in titles])  # Python tokens, spans, Viterbi)
    for t, r in zip(titles, many):
        one = reader.read(t)
        assert [s.to_dict() for s in one.slots] == [s.to_dict() for s in r.slots], t


def test_model_slots_are_well_formed(heldout):
    reader = get_reader()
    for rec in heldout[:300]:
        r = reader.read(rec["title"])
        for s in r.slots:
            assert 0 <= s.start < s.end <= len(rec["title"])
            assert rec["title"][s.start:s.end] == s.text
            assert 0 < s.confidence <= 1
            if s.source == "model":  # a recognised brand may be re-read as a product line or
                assert s.type in TYPES | {"line", "compatible"}  # a device the item fits


def test_recogniser_finds_more_brands_than_the_lexicons_on_held_out_titles(heldout):
    lex, full = get_reader(recogniser=False), get_reader(recogniser=True)
    with_brand = [r for r in heldout if any(e[2] == "brand" for e in r["entities"])]
    without = [r for r in heldout if not any(e[2] == "brand" for e in r["entities"])]

    def found(reader, recs):
        return np.mean([any(s.type == "brand" for s in reader.read(r["title"]).slots)
                        for r in recs])

    assert found(full, with_brand) > found(lex, with_brand) + 0.2
    assert found(full, without) <= 0.10


def test_guessed_brands_never_make_errors(heldout):
    """A brand only the model found never raises ip-risk, whatever brand is declared."""
    from titlekit.linting.linter import Linter

    linter = Linter()
    checked = 0
    for rec in heldout[:400]:
        res = linter.lint(rec["title"], {"brand": "某某不存在品牌"})
        guessed = [(s.start, s.end) for s in res.slots if s.source == "model" and s.type == "brand"]
        for p in res.problems:
            if p.rule == "ip-risk":
                assert (p.start, p.end) not in guessed
        checked += bool(guessed)
    assert checked > 10


def test_json_slots_carry_source_and_confidence():
    from click.testing import CliRunner

    from titlekit.cli import main

    out = CliRunner().invoke(main, ["lint", "--format", "json", "羚跑商务背包双肩包男士防盗多功能"])
    slots = json.loads(out.output)["results"][0]["slots"]
    assert slots and all({"source", "confidence", "start", "end"} <= set(s) for s in slots)


@pytest.mark.slow
def test_training_command_rebuilds_the_shipped_model(tmp_path, taobao_records):
    from conftest import SHARED_DATA

    from titlekit.train import train

    assert train.main(["--data", str(SHARED_DATA), "--out", str(tmp_path)]) == 0
    shipped = json.loads((MODEL_DIR / "slots.json").read_text(encoding="utf-8"))
    built = json.loads((tmp_path / "slots.json").read_text(encoding="utf-8"))
    assert built["inputs"] == shipped["inputs"]
    assert built["training_titles"] == shipped["training_titles"]
    assert built["weights_sha256"] == shipped["weights_sha256"]
    with np.load(MODEL_DIR / "slots.npz") as a, np.load(tmp_path / "slots.npz") as b:
        for name in ("ids", "weights", "transitions"):
            assert np.array_equal(a[name], b[name]), name


def test_single_text_viterbi_matches_the_batch_version():
    rng = np.random.default_rng(5)
    for n in (1, 2, 7, 30, 61):
        logp = np.log(rng.dirichlet(np.ones(len(LABELS)), size=n))
        one = viterbi(logp, np.array([n]))
        other = np.log(rng.dirichlet(np.ones(len(LABELS)), size=3))
        pair = viterbi(np.vstack([logp, other]), np.array([n, 3]))
        assert one.tolist() == pair[:n].tolist()


def test_token_arrays_equal_token_info(heldout):
    from titlekit.reading.recogniser.features import token_arrays, token_info
    from titlekit.reading.segment import plain_cutter

    cut = plain_cutter("auto")
    cuts = [cut(r["title"]) for r in heldout[:200]] + [[]]
    rows = [np.array(token_info(c), dtype=np.uint64).T.reshape(-1, 4) for c in cuts]
    assert np.array_equal(token_arrays(cuts), np.concatenate(rows))


def _allowed(seq):
    """Label sequences the decoder may produce: no span starts with an I- label."""
    for i, lab in enumerate(seq):
        name = LABELS[lab]
        if name.startswith("I-") and (i == 0 or LABELS[seq[i - 1]][2:] != name[2:]):
            return False
    return True


def _every_sequence(scores, trans):
    n = len(scores)
    out = []
    for seq in product(range(len(LABELS)), repeat=n):
        if _allowed(seq):
            total = sum(scores[i][lab] for i, lab in enumerate(seq))
            total += sum(trans[a][b] for a, b in pairwise(seq))
            out.append((total, seq))
    return out


def test_decoding_and_marginals_match_enumerating_every_sequence():
    rng = np.random.default_rng(11)
    for n in (1, 2, 3, 4):
        texts = [rng.normal(0, 2, size=(n, len(LABELS))) for _ in range(3)]
        trans = rng.normal(0, 1.5, size=(len(LABELS), len(LABELS)))
        model = SlotModel(np.zeros((2, len(LABELS)), dtype=np.float32), 1, {}, trans)
        lens = np.array([n, n, n])
        batch = viterbi(np.vstack(texts), lens, model.transitions)
        probs = marginals(np.vstack(texts), lens, model.transitions)
        for k, s in enumerate(texts):
            seqs = _every_sequence(s, trans)
            best = max(seqs)[1]
            assert viterbi(s, np.array([n]), model.transitions).tolist() == list(best)
            assert batch[k * n:(k + 1) * n].tolist() == list(best)
            totals = np.array([t for t, _ in seqs])
            weight = np.exp(totals - totals.max())
            weight /= weight.sum()
            expect = np.zeros((n, len(LABELS)))
            for w, (_, seq) in zip(weight, seqs):
                for i, lab in enumerate(seq):
                    expect[i, lab] += w
            assert np.allclose(probs[k * n:(k + 1) * n], expect, atol=1e-9)


def test_texts_of_different_lengths_decode_as_they_do_alone():
    model = SlotModel.load()
    rng = np.random.default_rng(3)
    lens = np.array([5, 1, 9, 9, 2, 7])
    scores = rng.normal(0, 3, size=(lens.sum(), len(LABELS)))
    batch = viterbi(scores, lens, model.transitions)
    probs = marginals(scores, lens, model.transitions)
    start = 0
    for n in lens:
        part = scores[start:start + n]
        assert batch[start:start + n].tolist() == viterbi(part, np.array([n]),
                                                          model.transitions).tolist()
        assert np.allclose(probs[start:start + n], marginals(part, np.array([n]),
                                                             model.transitions))
        start += n


def test_commas_and_spaces_are_read_alike(heldout):
    """The labelled titles store spaces as commas; sellers' titles have spaces. The model
    must see both the same way."""
    reader = get_reader()
    # (a run of spaces is read as one, so titles with ",," would differ for that reason)
    with_commas = [r["title"] for r in heldout if "," in r["title"] and ",," not in r["title"]
                   and " " not in r["title"].strip()][:300]
    assert len(with_commas) > 100

    def spans(title):
        r = reader.read(title)
        return [(s.type, *r.raw_span(s.start, s.end)) for s in reader.model_spans(r)]

    for title in with_commas:
        assert spans(title) == spans(title.replace(",", " ")), title


def _longest_match_tags(words: dict[str, str], text: str) -> bytes:
    """The lexicon tags by their definition: from left to right, the longest word that starts
    at a position (two characters or more) is taken, and the search goes on after it."""
    from titlekit.reading.recogniser.features import _LEX_CODE, LEX_B_OTHER, LEX_I_OTHER

    out = bytearray(len(text))
    i = 0
    while i < len(text):
        found = [n for n in range(2, len(text) - i + 1) if text[i:i + n] in words]
        if not found:
            i += 1
            continue
        n = max(found)
        b, inside = _LEX_CODE.get(words[text[i:i + n]], (LEX_B_OTHER, LEX_I_OTHER))
        out[i:i + n] = bytes((b,)) + bytes((inside,)) * (n - 1)
        i += n
    return bytes(out)


def test_lexicon_tags_are_the_leftmost_longest_matches(heldout):
    from titlekit.reading.recogniser.features import LexiconTagger

    reader = get_reader()
    tagger = LexiconTagger(reader.word_slot)
    words = {w: s for w, s in reader.word_slot.items() if len(w) >= 2}
    texts = [model_text(normalize(r["title"]).text) for r in heldout[:300]]
    texts += ["运动鞋男", "a", "", "耐克耐克运动鞋"]
    tagged = 0
    for text in texts:
        got = tagger.tags(text)
        assert got == _longest_match_tags(words, text), text
        tagged += any(got)
    assert tagged > 200  # most titles have lexicon words

