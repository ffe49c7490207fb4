"""Duplicate titles: the similarity on real JD near-duplicates, the fast path, the index file."""

from __future__ import annotations

import json
import random
import sys
import zipfile
from pathlib import Path

import numpy as np
import pytest

from titlekit.dedup import index_file
from titlekit.dedup.index import Index
from titlekit.dedup.index_file import FORMAT_VERSION
from titlekit.dedup.keys import key
from titlekit.dedup.vectors import Params
from titlekit.errors import IndexFileError
from titlekit.linting.duplicates import add_duplicate_problems, catalog_groups
from titlekit.linting.linter import Linter

ROOT = Path(__file__).resolve().parents[1]
THRESHOLD = 0.9


@pytest.fixture(scope="module")
def jd_index(jd_phone_titles) -> Index:
    return Index.build(jd_phone_titles)


def sim(index: Index, a: str, b: str) -> float:
    q = index.vectorise([a, b])
    return float(q[0].multiply(q[1]).sum())


# -- keys ------------------------------------------------------------------------------------

def test_key_ignores_spaces_width_case_and_punctuation():
    assert key("Ａｐｐｌｅ iPhone 8（A1863）64GB") == key("apple  IPHONE 8 (a1863) 64gb")
    assert key("小米8 黑色") != key("小米8 白色")


# -- similarity on real near-duplicates ------------------------------------------------------

def test_promotion_prefix_is_a_near_duplicate(jd_phone_titles, jd_index):
    """A 【…】 prefix in front of a title that is in the file as well."""
    plain = set(jd_phone_titles)
    pairs = []
    for t in jd_phone_titles:
        if t.startswith("【") and "】" in t:
            rest = t[t.index("】") + 1:].strip()
            if rest in plain:
                pairs.append((t, rest))
    assert len(pairs) >= 5
    sims = [sim(jd_index, a, b) for a, b in pairs]
    assert min(sims) >= THRESHOLD, [p for p, s in zip(pairs, sims) if s < THRESHOLD]


def test_same_phone_in_another_colour_is_a_near_duplicate(jd_index):
    a = "飞利浦（PHILIPS） E105 炫舞红 环保材质 超强震动 直板按键 移动联通2G 双卡双待 老人手机 学生备用功能机"
    b = "飞利浦（PHILIPS） E105 海洋蓝 环保材质 超强震动 直板按键 移动联通2G 双卡双待 老人手机 学生备用功能机"
    assert sim(jd_index, a, b) >= THRESHOLD


def test_reordered_words_are_near_duplicates(jd_phone_titles, jd_index):
    rng = random.Random(7)
    sims = []
    for t in jd_phone_titles:
        words = t.split()
        if len(words) < 3:
            continue
        shuffled = words[:]
        rng.shuffle(shuffled)
        sims.append(sim(jd_index, t, " ".join(shuffled)))
    assert len(sims) > 1000
    assert min(sims) >= THRESHOLD


def test_labelled_pairs_separate_at_the_default_threshold(jd_phone_titles, jd_index):
    sys.path.insert(0, str(ROOT / "bench"))
    from jd_pairs import labelled_pairs

    pairs = labelled_pairs(jd_phone_titles)
    X = jd_index.matrix
    dup = [X[i].multiply(X[j]).sum() for i, j, lab in pairs if lab == "duplicate"]
    distinct = [X[i].multiply(X[j]).sum() for i, j, lab in pairs if lab == "distinct"]
    assert len(dup) >= 40 and len(distinct) >= 1000
    assert np.mean(np.array(dup) >= THRESHOLD) >= 0.95
    assert np.mean(np.array(distinct) >= THRESHOLD) <= 0.01


@pytest.mark.parametrize("a,b", [
    ("Apple iPhone 8 (A1863) 64GB 深空灰色 移动联通电信4G手机",
     "Apple iPhone 8 Plus (A1864) 64GB 深空灰色 移动联通电信4G手机"),
    ("Apple iPhone 8 64GB 深空灰色 移动联通电信4G手机", "Apple iPhone 7 64GB 深空灰色 移动联通电信4G手机"),
    ("飞利浦（PHILIPS） E105 炫舞红 环保材质 超强震动 直板按键 移动联通2G 双卡双待 老人手机 学生备用功能机",
     "飞利浦（PHILIPS） E106 炫舞红 环保材质 超强震动 直板按键 移动联通2G 双卡双待 老人手机 学生备用功能机"),
    ("华为 HUAWEI P10 4GB+64GB 钻雕金 移动联通电信4G手机 双卡双待",
     "华为 HUAWEI P10 Plus 4GB+64GB 钻雕金 移动联通电信4G手机 双卡双待"),
    ("荣耀畅玩7C 全面屏手机 全网通标配版 3GB+32GB 铂光金 移动联通电信4G手机 双卡双待",
     "荣耀畅玩7A 全面屏手机 全网通标配版 3GB+32GB 铂光金 移动联通电信4G手机 双卡双待"),
])
def test_other_models_of_one_brand_are_not_duplicates(jd_index, a, b):
    assert sim(jd_index, a, b) < THRESHOLD


# -- the index -------------------------------------------------------------------------------

def test_query_vectors_match_scikit_learn_tfidf_for_corpus_titles(jd_phone_titles, jd_index):
    sample = jd_phone_titles[:200]
    q = jd_index.vectorise(sample)
    assert abs(q - jd_index.matrix[:200]).max() < 1e-5


def test_unseen_words_make_a_title_less_similar(jd_index):
    base = "Apple iPhone 8 (A1863) 64GB 深空灰色 移动联通电信4G手机"
    assert sim(jd_index, base, base + " 量子纠缠超导体") < sim(jd_index, base, base + " 双卡双待")


def test_identical_after_normalisation(jd_phone_titles, jd_index):
    t = jd_phone_titles[10]
    variant = "  ".join(t.upper().split()).replace("(", "（").replace(")", "）")
    assert jd_index.identical(variant) >= 0
    assert jd_index.title(jd_index.identical(variant)).split() == t.split()
    assert jd_index.identical(t + "新款") == -1


def test_fast_path_finds_the_exact_top_neighbour(taobao_records):
    """Rare-n-gram candidates give the same top-1 as scoring every corpus title."""
    titles = sorted({r["title"] for r in taobao_records})
    index = Index.build(titles, params=Params(max_df_ratio=0.005))
    rng = random.Random(3)
    queries = []
    for t in rng.sample(titles, 600):
        cut = rng.randrange(len(t))
        queries.append(rng.choice(["【包邮】" + t, t[:cut] + t[cut + 1:], t + "新款", t[::-1]]))
    fast = index.nearest(queries, exact=False)
    exact = index.nearest(queries, exact=True)
    close = exact.similarity[:, 0] >= 0.8
    assert close.sum() >= 300
    agree = fast.index[close, 0] == exact.index[close, 0]
    assert agree.mean() >= 0.99
    assert np.allclose(fast.similarity[close, 0], exact.similarity[close, 0], atol=1e-5)


def test_exclude_keeps_a_title_from_finding_itself(jd_phone_titles, jd_index):
    n = 50
    nb = jd_index.nearest(jd_phone_titles[:n], k=2, exclude=np.arange(n))
    assert not (nb.index[:, 0] == np.arange(n)).any()
    assert (nb.index[:, :] != np.arange(n)[:, None]).all()


def test_save_and_load_round_trip(tmp_path, jd_phone_titles, jd_index):
    path = tmp_path / "jd.tkidx"
    index_file.save(jd_index, path)
    loaded = index_file.load(path)
    assert len(loaded) == len(jd_index)
    assert loaded.title(5) == jd_phone_titles[5]
    q = jd_phone_titles[100:120]
    a, b = jd_index.nearest(q), loaded.nearest(q)
    assert (a.index == b.index).all() and np.allclose(a.similarity, b.similarity)
    assert index_file.header(loaded)["titlekit_version"]
    assert not list(tmp_path.glob("*.tmp"))


def test_identity_only_load(tmp_path, jd_phone_titles, jd_index):
    path = tmp_path / "jd.tkidx"
    index_file.save(jd_index, path)
    keys = index_file.load(path, search=False)
    assert len(keys) == len(jd_index) and keys.title(7) == jd_phone_titles[7]
    assert keys.identical("  " + jd_phone_titles[7].upper() + " ") == jd_index.identical(
        jd_phone_titles[7]) >= 0
    assert keys.where(7) == jd_index.where(7)
    with pytest.raises(ValueError, match="identical titles only"):
        keys.nearest(jd_phone_titles[:2])


def test_index_file_holds_no_pickles(tmp_path, jd_index):
    path = tmp_path / "jd.tkidx"
    index_file.save(jd_index, path)
    with np.load(path, allow_pickle=False) as npz:
        for name in npz.files:
            assert npz[name].dtype != object


@pytest.fixture()
def saved(tmp_path, jd_index) -> Path:
    path = tmp_path / "jd.tkidx"
    index_file.save(jd_index, path)
    return path


def test_truncated_index_is_refused(saved):
    data = saved.read_bytes()
    saved.write_bytes(data[: len(data) // 2])
    with pytest.raises(IndexFileError, match=r"jd\.tkidx: (corrupt|not a titlekit index)"):
        index_file.load(saved)


def test_flipped_bytes_are_refused(saved):
    data = bytearray(saved.read_bytes())
    with zipfile.ZipFile(saved) as z:
        info = z.getinfo("matrix_data.npy")
    pos = info.header_offset + 200
    data[pos:pos + 16] = bytes(16)
    saved.write_bytes(bytes(data))
    with pytest.raises(IndexFileError, match="corrupt"):
        index_file.load(saved)


def test_a_changed_letter_that_keeps_the_file_well_formed_is_caught_by_its_checksum(saved):
    data = bytearray(saved.read_bytes())
    with zipfile.ZipFile(saved) as z:
        info = z.getinfo("titles_blob.npy")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    member = data[start:start + info.file_size]
    pos = start + next(i for i in range(200, len(member)) if 0x61 <= member[i] <= 0x79)
    data[pos] += 1  # one ASCII letter for the next: still valid UTF-8, same lengths
    saved.write_bytes(bytes(data))
    with pytest.raises(IndexFileError, match="corrupt titlekit index .*titles_blob.*CRC"):
        index_file.load(saved)


def test_a_loaded_index_maps_its_arrays_from_the_file(saved):
    loaded = index_file.load(saved)
    assert not loaded.matrix.data.flags.writeable  # a view of the file's pages, not a copy
    assert not loaded.key_hashes.flags.writeable


def test_other_files_are_refused(tmp_path):
    txt = tmp_path / "titles.tkidx"
    txt.write_text("not an index\n", encoding="utf-8")
    with pytest.raises(IndexFileError, match="not a titlekit index"):
        index_file.load(txt)
    npz = tmp_path / "other.npz"
    np.savez(npz, a=np.arange(3))
    with pytest.raises(IndexFileError, match="no header"):
        index_file.load(npz)
    with pytest.raises(IndexFileError, match="not found"):
        index_file.load(tmp_path / "missing.tkidx")


def _rewrite_header(path: Path, change) -> None:
    with np.load(path, allow_pickle=False) as npz:
        arrays = {k: npz[k] for k in npz.files}
    header = json.loads(bytes(arrays["header"]).decode())
    change(header)
    arrays["header"] = np.frombuffer(json.dumps(header).encode(), dtype=np.uint8)
    with open(path, "wb") as fh:
        np.savez(fh, **arrays)


def test_newer_format_is_refused_with_the_version(saved):
    _rewrite_header(saved, lambda h: h.update(format_version=FORMAT_VERSION + 1,
                                              titlekit_version="9.9.9"))
    with pytest.raises(IndexFileError, match=r"format 2 \(built by titlekit 9\.9\.9\)"):
        index_file.load(saved)


def test_other_parameters_are_refused_when_asked_for(saved):
    with pytest.raises(IndexFileError, match="other parameters"):
        index_file.load(saved, params=Params(model_weight=1.0))
    assert len(index_file.load(saved, params=Params())) > 0


# -- the rules ---------------------------------------------------------------------------------

def test_competitor_rule_identical_is_an_error_similar_a_warning(jd_phone_titles, jd_index):
    linter = Linter()
    same = jd_phone_titles[2].upper()
    prefixed = "【分期用】" + jd_phone_titles[2]
    other = "手工皂 天然 橄榄油 洁面 控油 保湿 礼盒装"
    results = [linter.lint(t) for t in (same, prefixed, other)]
    add_duplicate_problems(linter, results, competitors=jd_index)
    found = [[p for p in r.problems if p.rule == "duplicate-competitor"] for r in results]
    assert found[0][0].severity == "error" and found[0][0].data["identical"] is True
    assert found[1][0].severity == "warning"
    assert found[1][0].data["nearest"] == jd_phone_titles[2]
    assert THRESHOLD <= found[1][0].data["similarity"] < 1.0
    assert found[1][0].data["competitor_line"] == 3
    assert found[2] == []
    assert results[0].score < linter.lint(same).score


def test_competitor_rule_searches_only_titles_without_an_identical_competitor(
        jd_phone_titles, jd_index, monkeypatch):
    linter = Linter()
    titles = [jd_phone_titles[2].upper(), "【分期用】" + jd_phone_titles[2], jd_phone_titles[9],
              "手工皂 天然 橄榄油 洁面 控油 保湿 礼盒装"]
    asked: list[list[str]] = []
    search = jd_index.nearest

    def spy(queries, **kw):
        asked.append(list(queries))
        return search(queries, **kw)

    counted: list[int] = []
    monkeypatch.setattr(jd_index, "nearest", spy)
    results = [linter.lint(t) for t in titles]
    add_duplicate_problems(linter, results, competitors=jd_index, progress=counted.append)
    assert asked == [[titles[1], titles[3]]] and sum(counted) == len(titles)
    found = [[p.data for p in r.problems if p.rule == "duplicate-competitor"] for r in results]
    assert [bool(f) and f[0]["identical"] for f in found] == [True, False, True, False]
    assert found[1][0]["nearest"] == jd_phone_titles[2] and found[3] == []


def test_competitor_rule_respects_threshold_and_ignore(jd_phone_titles, jd_index):
    from titlekit.config import Config

    title = "【分期用】" + jd_phone_titles[2]
    strict = Linter(Config(rule_options={"duplicate-competitor": {"threshold": 0.999}}))
    res = [strict.lint(title)]
    add_duplicate_problems(strict, res, competitors=jd_index)
    assert not any(p.rule == "duplicate-competitor" for p in res[0].problems)
    off = Linter(Config(ignore=("TK501",)))
    res = [off.lint(jd_phone_titles[2])]
    add_duplicate_problems(off, res, competitors=jd_index)
    assert not any(p.rule == "duplicate-competitor" for p in res[0].problems)


def test_catalog_groups_on_real_titles(jd_phone_titles):
    groups = catalog_groups(jd_phone_titles, THRESHOLD)
    members = {i for g, _ in groups for i in g}
    # the labelled colour/prefix duplicates are grouped; every group is real
    a = jd_phone_titles.index(
        "飞利浦（PHILIPS） E105 炫舞红 环保材质 超强震动 直板按键 移动联通2G 双卡双待 老人手机 学生备用功能机")
    b = jd_phone_titles.index(
        "飞利浦（PHILIPS） E105 海洋蓝 环保材质 超强震动 直板按键 移动联通2G 双卡双待 老人手机 学生备用功能机")
    assert a in members and b in members
    assert any(a in g and b in g for g, _ in groups)
    for g, sims in groups:
        assert len(g) >= 2 and g == sorted(g)


def test_catalog_rule_names_the_other_rows():
    linter = Linter()
    titles = ["耐克 男鞋 运动鞋 跑步鞋 透气 黑色 2024新款", "耐克 男鞋 运动鞋 跑步鞋 透气 白色 2024新款",
              "兰蔻 小黑瓶 精华液 50ml 修护 保湿", "九阳 豆浆机 家用 全自动 破壁 免滤"]
    results = [linter.lint(t, line=i + 1, path="c.txt") for i, t in enumerate(titles)]
    add_duplicate_problems(linter, results, catalog=True)
    hits = [[p for p in r.problems if p.rule == "duplicate-in-catalog"] for r in results]
    assert [len(h) for h in hits] == [1, 1, 0, 0]
    assert hits[0][0].data["group"][0]["line"] == 2
    assert hits[1][0].data["group"][0]["line"] == 1
    assert "c.txt:2" in hits[0][0].message


# -- the command line ------------------------------------------------------------------------

def run(*args: str):
    from click.testing import CliRunner

    from titlekit.cli import main

    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_cli_index_build_then_lint_against_it(tmp_path, jd_phone_titles):
    comp = tmp_path / "competitors.txt"
    comp.write_text("\n".join(jd_phone_titles[:500]) + "\n", encoding="utf-8")
    out = tmp_path / "competitors.tkidx"
    r = run("index", "build", str(comp), "-o", str(out))
    assert r.exit_code == 0, r.output
    assert out.is_file() and "500 titles" in r.output
    info = json.loads(run("index", "info", str(out)).output)
    assert info["titles"] == 500 and info["format"] == "titlekit-index"
    mine = tmp_path / "mine.txt"
    mine.write_text("【分期用】" + jd_phone_titles[2] + "\n手工皂 天然 橄榄油 洁面 控油 保湿 礼盒装\n",
                    encoding="utf-8")
    for competitors in (out, comp):  # a prebuilt index or a title file
        r = run("lint", str(mine), "--competitors", str(competitors), "--format", "json")
        data = json.loads(r.output)
        probs = [[p for p in res["problems"] if p["rule"] == "duplicate-competitor"]
                 for res in data["results"]]
        assert len(probs[0]) == 1 and probs[1] == []
        assert probs[0][0]["data"]["nearest"] == jd_phone_titles[2]
        assert probs[0][0]["data"]["competitor_line"] == 3
        assert probs[0][0]["data"]["competitor_source"] == str(comp)


def test_cli_duplicates_flag(tmp_path):
    cat = tmp_path / "catalog.txt"
    cat.write_text("耐克 男鞋 运动鞋 跑步鞋 透气 黑色 2024新款\n兰蔻 小黑瓶 精华液 50ml 修护 保湿\n"
                   "耐克 男鞋 运动鞋 跑步鞋 透气 白色 2024新款\n", encoding="utf-8")
    data = json.loads(run("lint", str(cat), "--duplicates", "--format", "json").output)
    rules = [{p["rule"] for p in res["problems"]} for res in data["results"]]
    assert ["duplicate-in-catalog" in r for r in rules] == [True, False, True]
    plain = json.loads(run("lint", str(cat), "--format", "json").output)
    assert not any(p["rule"].startswith("duplicate") for res in plain["results"]
                   for p in res["problems"])


def test_cli_refuses_a_corrupt_index(tmp_path):
    bad = tmp_path / "broken.tkidx"
    bad.write_bytes(b"PK\x03\x04" + bytes(100))
    r = run("lint", "耐克 男鞋", "--competitors", str(bad))
    assert r.exit_code == 2
    assert "broken.tkidx" in r.output and "Traceback" not in r.output
    r = run("index", "info", str(bad))
    assert r.exit_code == 2 and "broken.tkidx" in r.output


def test_cli_index_build_reports_bad_input(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"title,x\n\xff\xfe\xfa,1\n")
    r = run("index", "build", str(bad), "-o", str(tmp_path / "x.tkidx"))
    assert r.exit_code == 2 and "bad.csv" in r.output
    assert not (tmp_path / "x.tkidx").exists()


def test_an_index_built_in_chunks_and_processes_is_the_one_built_in_one_piece(monkeypatch):
    from titlekit.dedup import parts

    rng = random.Random(3)
    words = ["苹果", "华为", "手机壳", "iphone", "13", "pro", "连衣裙", "【包邮】", "黑色",
             "新款", "a1864", "2024", "保护套", "硅胶"]
    titles = [" ".join(rng.choice(words) for _ in range(rng.randint(1, 8))) for _ in range(700)]

    def arrays(idx: Index) -> list[np.ndarray]:
        return [idx.vocab, idx.idf, idx.matrix.data, idx.matrix.indices, idx.matrix.indptr,
                idx.postings.data, idx.postings.indices, idx.postings.indptr, idx.key_hashes]

    monkeypatch.setattr(parts, "CHUNK", 10_000)
    whole = arrays(Index.build(titles))
    monkeypatch.setattr(parts, "CHUNK", 97)  # chunks of another size, some vocabulary apart
    for jobs in (1, 2):
        got = arrays(Index.build(titles, jobs=jobs))
        for a, b in zip(whole, got):
            assert a.dtype == b.dtype and np.array_equal(a, b)
    assert whole[2].size > 700


def test_weak_queries_scored_together_give_what_each_chunk_gives_alone(taobao_records):
    """Queries with little rare-n-gram mass are scored exactly after all chunks: the same
    neighbours (and exclusions) whatever the chunk size."""
    titles = sorted({r["title"] for r in taobao_records})[:1500]
    index = Index.build(titles, params=Params(max_df_ratio=0.005))
    queries = titles[:300] + ["手机", "女装 新款", "包邮"] * 20
    exclude = np.concatenate([np.arange(300), np.full(60, -1)])
    whole = index.nearest(queries, k=3, exact=False, exclude=exclude)
    small = index.nearest(queries, k=3, exact=False, exclude=exclude, chunk=7)
    assert np.array_equal(whole.index, small.index)
    assert np.array_equal(whole.similarity, small.similarity)
    assert not (whole.index[:300, 0] == np.arange(300)).any()
    assert (whole.index[300:, 0] >= 0).all()
