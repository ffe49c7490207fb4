"""Regression tests of issue 20's index, model and config classes: a damaged file is refused
with file: cause (exit 2) before anything in it is used; never a crash, a hang or pickle."""

from __future__ import annotations

import io
import json
import shutil
import zipfile
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner
from numpy.lib import format as npformat

from titlekit.cli.main import main
from titlekit.config import load_config
from titlekit.dedup import index_file
from titlekit.dedup.index import Index
from titlekit.errors import ConfigError, IndexFileError, ModelError
from titlekit.reading.recogniser.model import SlotModel
from titlekit.resources import MODEL_DIR

TITLES = ["耐克 运动鞋 男", "李宁 跑步鞋 2026新款", "安踏 篮球鞋 透气", "华为 mate60 手机壳"]


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def arrays(tmp_path_factory):
    p = tmp_path_factory.mktemp("idx") / "good.tkidx"
    index_file.save(Index.build(TITLES, sources=["t.txt"]), p)
    with np.load(p) as z:
        return {k: z[k] for k in z.files}


def _save(path: Path, a: dict, **changes) -> Path:
    b = io.BytesIO()
    np.savez(b, **{**a, **changes})
    path.write_bytes(b.getvalue())
    return path


def _header(a: dict, **changes) -> np.ndarray:
    h = {**json.loads(bytes(a["header"]).decode()), **changes}
    return np.frombuffer(json.dumps(h).encode(), np.uint8)


def _damaged(a: dict) -> dict[str, dict]:
    oor = a["matrix_indices"].copy()
    oor[0] = 10**8
    back = a["titles_offsets"].copy()
    back[1], back[2] = back[2], back[1]
    return {
        "oor_indices": {"matrix_indices": oor},  # scipy would segfault on these
        "int8_indices": {"matrix_indices": a["matrix_indices"].astype("int8")},
        "postings_oor": {"postings_indices": a["postings_indices"] + 10**6},
        "indptr_short": {"matrix_indptr": a["matrix_indptr"][:-1]},
        "offsets_back": {"titles_offsets": back},
        "offsets_float": {"titles_offsets": a["titles_offsets"].astype(float)},
        "blob_bad_utf8": {"titles_blob": np.full_like(a["titles_blob"], 0xFF)},
        "data_inf": {"matrix_data": np.full_like(a["matrix_data"], np.inf)},
        "idf_nan": {"idf": np.full_like(a["idf"], np.nan)},
        "source_oor": {"source_ids": a["source_ids"] + 7},
        "matrix_2d": {"matrix_data": a["matrix_data"].reshape(1, -1)},
        "hdr_list": {"header": np.frombuffer(b"[1]", np.uint8)},
        "hdr_deep": {"header": np.frombuffer(b'{"a":' + b"[" * 200000 + b"]" * 200000 + b"}",
                                             np.uint8)},
        "hdr_sources_int": {"header": _header(a, sources=5)},
        "hdr_titles_str": {"header": _header(a, titles="4")},
        "hdr_ngrams_str": {"header": _header(a, params={**json.loads(bytes(a["header"]))[
            "params"], "ngrams": ["a"]})},
        "object_array": {"lines": np.array([object()] * len(a["lines"]), dtype=object)},
    }


# 10, 11 damaged but loadable indexes are refused before use, both ways of loading
def test_10_11_damaged_index_refused(tmp_path, arrays):
    for name, changes in _damaged(arrays).items():
        p = tmp_path / f"{name}.tkidx"
        if name == "object_array":  # savez would pickle it: write the member by hand
            _save(p, arrays)
            with zipfile.ZipFile(p, "a") as zf:
                hb = io.BytesIO()
                npformat.write_array_header_1_0(hb, {"descr": "|O", "fortran_order": False,
                                                     "shape": (4,)})
                zf.writestr("lines.npy", hb.getvalue() + b"\0" * 32)
        else:
            _save(p, arrays, **changes)
        for search in (True, False):
            if not search and name in ("oor_indices", "postings_oor", "data_inf", "idf_nan"):
                continue  # values of the matrix are not read without search (dtype/length are)
            with pytest.raises(IndexFileError, match=name):
                index_file.load(p, search=search)


def test_10_index_segfault_cli(tmp_path, arrays):
    p = _damaged(arrays)["oor_indices"]
    idx = _save(tmp_path / "oor.tkidx", arrays, **p)
    q = tmp_path / "q.txt"
    q.write_text("\n".join(TITLES) + "\n", encoding="utf-8")
    res = run("lint", str(q), "--competitors", str(idx))
    assert res.exit_code == 2 and "oor.tkidx" in res.output


def test_11_empty_and_other_files(tmp_path, arrays):
    empty = tmp_path / "empty.tkidx"
    empty.write_bytes(b"")
    res = run("index", "info", str(empty))
    assert res.exit_code == 2 and "empty.tkidx" in res.output and "empty file" in res.output
    npy = tmp_path / "npy.tkidx"
    b = io.BytesIO()
    np.save(b, arrays["vocab"])
    npy.write_bytes(b.getvalue())
    with pytest.raises(IndexFileError, match="not a titlekit index"):
        index_file.load(npy)


def test_11_rewrite_competitors_checks_the_matrix_members(tmp_path, arrays):
    a = {k: v for k, v in arrays.items() if k != "matrix_data"}
    missing = _save(tmp_path / "missing.tkidx", a)
    with pytest.raises(IndexFileError, match="matrix_data"):
        index_file.load(missing, search=False)
    garbled = _save(tmp_path / "garbled.tkidx", arrays,
                    matrix_indices=arrays["matrix_indices"].astype(np.float32))
    with pytest.raises(IndexFileError, match="matrix_indices"):
        index_file.load(garbled, search=False)


# 12 a deflate bomb is refused from the zip directory, unread
def test_12_deflate_bomb(tmp_path, arrays):
    p = tmp_path / "bomb.tkidx"
    with zipfile.ZipFile(p, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for k, v in arrays.items():
            if k == "titles_blob":
                with zf.open(k + ".npy", "w", force_zip64=True) as fh:
                    hb = io.BytesIO()
                    npformat.write_array_header_1_0(
                        hb, {"descr": "|u1", "fortran_order": False, "shape": (1 << 28,)})
                    fh.write(hb.getvalue())
                    for _ in range(16):
                        fh.write(b"\0" * (1 << 24))
            else:
                hb = io.BytesIO()
                np.save(hb, v)
                zf.writestr(k + ".npy", hb.getvalue())
    assert p.stat().st_size < 2 << 20
    with pytest.raises(IndexFileError, match="inflate"):
        index_file.load(p)
    huge = tmp_path / "huge_shape.tkidx"
    _save(huge, arrays)
    with zipfile.ZipFile(huge, "a") as zf:
        hb = io.BytesIO()
        npformat.write_array_header_1_0(hb, {"descr": "|u1", "fortran_order": False,
                                             "shape": (10**12,)})
        zf.writestr("titles_blob.npy", hb.getvalue() + b"\0" * 64)
    with pytest.raises(IndexFileError, match="huge_shape"):
        index_file.load(huge)


# 13 config values and shapes
@pytest.mark.parametrize("name, text, match", [
    (".titlekit.toml", "[rules.promo-overload]\nmax = nan\n", "max"),
    (".titlekit.toml", "[rules.title-underfilled]\nfill-ratio = inf\n", "有限的数"),
    (".titlekit.toml", 'segmenter = "icu"\n', "segmenter"),
    (".titlekit.toml", "a = " + "[" * 3000 + "]" * 3000 + "\n", "nested"),
    ("pyproject.toml", "tool = 1\n", "tool"),
    ("pyproject.toml", "[tool]\ntitlekit = 1\n", "tool.titlekit"),
    ("pyproject.toml", '[tool]\ntitlekit = ["platform"]\n', "tool.titlekit"),
    ("pyproject.toml", '[tool.titlekit]\nplatform = "\xff"\n', "cannot read"),
    ("pyproject.toml", '[tool.titlekit\nplatform = "nope"\n', "invalid TOML"),
])
def test_13_config_refused(tmp_path, name, text, match):
    p = tmp_path / name
    p.write_bytes(text.encode("latin-1") if "\xff" in text else text.encode())
    with pytest.raises(ConfigError, match=match) as exc:
        load_config(search_from=tmp_path)
    assert name in str(exc.value)


def test_13_config_with_bom_and_fill_ratio(tmp_path):
    (tmp_path / ".titlekit.toml").write_bytes(
        b'\xef\xbb\xbfplatform = "tmall"\n[rules.title-underfilled]\nfill-ratio = 0.5\n')
    cfg = load_config(search_from=tmp_path)
    assert cfg.platform == "tmall" and cfg.rule_options["title-underfilled"]["fill-ratio"] == 0.5


# 14 model directories
def _model_dir(tmp_path: Path, name: str, card=None, **arrays) -> Path:
    d = tmp_path / name
    d.mkdir()
    c = json.loads((MODEL_DIR / "slots.json").read_text(encoding="utf-8"))
    (d / "slots.json").write_text(json.dumps(card if card is not None else c), encoding="utf-8")
    with np.load(MODEL_DIR / "slots.npz") as z:
        a = {k: z[k] for k in z.files}
    a.update(arrays)
    np.savez(d / "slots.npz", **a)
    return d


def test_14_model_dir_refused(tmp_path):
    with np.load(MODEL_DIR / "slots.npz") as z:
        ids, w = z["ids"], z["weights"]
    card = json.loads((MODEL_DIR / "slots.json").read_text(encoding="utf-8"))
    dup = ids.copy()
    dup[1] = dup[0]
    cases = {
        "card_list": {"card": [1, 2]},
        "bits_str": {"card": {**card, "bits": "18"}},
        "bits_huge": {"card": {**card, "bits": 60}},
        "bias_str": {"card": {**card, "decode_bias": {"brand": "x"}}},
        "empty_weights": {"ids": ids[:0], "weights": w[:0]},
        "nan_weights": {"weights": np.full_like(w, np.nan)},
        "dup_ids": {"ids": dup},
        "float_ids": {"ids": ids.astype(float)},
    }
    for name, kw in cases.items():
        d = _model_dir(tmp_path, name, **kw)
        with pytest.raises(ModelError, match=name):
            SlotModel.load(d)
    trunc = _model_dir(tmp_path, "trunc")
    data = (trunc / "slots.npz").read_bytes()
    (trunc / "slots.npz").write_bytes(data[: len(data) // 2])
    with pytest.raises(ModelError, match="trunc"):
        SlotModel.load(trunc)
    shutil.rmtree(trunc)
