"""The sharded competitor index in one process: a stable shard per title, shards written and
read back through a manifest, and answers identical to one index of the whole corpus."""

from __future__ import annotations

import json

import numpy as np
import pytest
from click.testing import CliRunner

from titlekit.cli import main
from titlekit.dedup import corpus, sharded
from titlekit.dedup.index import Index
from titlekit.dedup.keys import key, key_hash
from titlekit.dedup.shards import build_sharded, shard_of
from titlekit.errors import IndexFileError


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_shard_is_a_stable_hash_of_the_normalised_title():
    # blake2b of the key: the same on every machine and run (Python's hash() is salted)
    h = key_hash(key("Apple iPhone 8 Plus 64GB"))
    assert h == key_hash("appleiphone8plus64gb")
    assert h == int.from_bytes(__import__("hashlib").blake2b(
        b"appleiphone8plus64gb", digest_size=8).digest(), "little")
    same = ["Apple iPhone 8 Plus 64GB", "apple  iphone8plus 64gb", "ＡＰＰＬＥ iPhone 8 Plus 64GB!"]
    assert len({int(shard_of(np.array([key_hash(key(t))], np.uint64), 7)[0]) for t in same}) == 1


def test_shards_answer_as_one_index(jd_phone_titles):
    corpus_titles = jd_phone_titles[::2]
    queries = [t.replace("全网通", "").replace("4G", "4G手机 ") for t in jd_phone_titles[1::2]]
    queries += corpus_titles[:50]  # identical titles
    single = Index.build(corpus_titles)
    index = sharded.ShardedIndex(build_sharded(corpus_titles, 4, part=300))
    assert min(len(s) for s in index.shards) > 0 and len(index) == len(single)
    a, b = single.nearest(queries, k=3), index.nearest(queries, k=3)
    assert np.array_equal(a.similarity, b.similarity)
    assert [[single.where(int(j)) for j in row] for row in a.index] == \
        [[index.where(int(j)) for j in row] for row in b.index]
    for q in queries:
        i, j = single.identical(q), index.identical(q)
        assert (i < 0) == (j < 0)
        if i >= 0:
            assert single.title(i) == index.title(j)


def test_build_query_and_lint_through_a_manifest(tmp_path, jd_phone_path, jd_phone_titles):
    one, many = tmp_path / "one.tkidx", tmp_path / "many.tkidx"
    assert run("index", "build", str(jd_phone_path), "-o", str(one)).exit_code == 0
    r = run("index", "build", str(jd_phone_path), "-o", str(many), "--shards", "3")
    assert r.exit_code == 0, r.output
    doc = json.loads(many.read_text(encoding="utf-8"))
    assert doc["format"] == "titlekit-index-shards" and len(doc["shards"]) == 3
    assert sum(s["titles"] for s in doc["shards"]) == len(jd_phone_titles)
    assert all((tmp_path / s["file"]).is_file() for s in doc["shards"])
    catalog = tmp_path / "catalog.txt"
    catalog.write_text("\n".join(t + " 包邮" for t in jd_phone_titles[:40]) + "\n",
                       encoding="utf-8")
    reports = []
    for idx in (one, many):
        r = run("lint", str(catalog), "--competitors", str(idx), "--format", "json")
        reports.append([[p for p in res["problems"] if p["rule"] == "duplicate-competitor"]
                        for res in json.loads(r.output)["results"]])
    assert reports[0] == reports[1] and sum(map(len, reports[0])) > 30
    q1 = run("index", "query", str(one), str(catalog), "-k", "2").output
    q2 = run("index", "query", str(many), str(catalog), "-k", "2").output
    assert q1 == q2 and len(q1.splitlines()) == 40
    info = json.loads(run("index", "info", str(many)).output)
    assert info["titles"] == len(jd_phone_titles)


def test_a_bad_manifest_is_an_index_error(tmp_path, jd_phone_titles):
    path = tmp_path / "c.tkidx"
    sharded.save(build_sharded(jd_phone_titles[:200], 2), path)
    assert len(corpus.competitors(str(path))) == 200
    doc = json.loads(path.read_text(encoding="utf-8"))
    (tmp_path / doc["shards"][1]["file"]).unlink()
    with pytest.raises(IndexFileError, match="not found"):
        corpus.competitors(str(path))
    path.write_text('{"format": "titlekit-index-shards", "format_version": 1, "shards": '
                    '[{"file": "../x.tkidx"}]}', encoding="utf-8")
    with pytest.raises(IndexFileError, match="bad shard list"):
        sharded.load(path)
    r = run("lint", "耐克 运动鞋", "--competitors", str(path))
    assert r.exit_code == 2 and "bad shard list" in r.output
