"""titlekit on a Dask LocalCluster of 2 worker processes: the cluster's lint is the one-process
lint title by title, and a 4-shard index searched shard by shard on the cluster finds the same
nearest competitor as one index of the whole corpus."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from titlekit.cli import main
from titlekit.formats.dispatch import read_path
from titlekit.linting.session import lint_inputs

pd = pytest.importorskip("pandas", reason="the extra titlekit[dask] is not installed")
dd = pytest.importorskip("dask.dataframe", reason="the extra titlekit[dask] is not installed")
distributed = pytest.importorskip("distributed", reason="the extra titlekit[dask] is not installed")
pq = pytest.importorskip("pyarrow.parquet")

from titlekit.dask import build_index, lint_dataframe, nearest
from titlekit.dedup.index import Index

GEN = Path(__file__).resolve().parents[2] / "shared" / "tools" / "gen_titles.py"


@pytest.fixture(scope="module")
def client():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, \
            distributed.Client(cluster) as c:
        yield c


def generated(n: int, seed: int) -> list[str]:
    if not GEN.is_file():
        pytest.skip("../shared/tools/gen_titles.py is not present (it ships with titlekit's CI)")
    out = subprocess.run([sys.executable, str(GEN), "--n", str(n), "--seed", str(seed)],
                         check=True, capture_output=True, text=True).stdout
    return out.splitlines()[:n]


def test_lint_dataframe_equals_the_one_process_lint(client, jd_phone_path):
    doc = read_path(jd_phone_path)
    expected = [r.to_dict() for r in lint_inputs([doc]).results]  # discovery over the file
    titles = [rec.title for rec in doc.records]
    ddf = dd.from_pandas(pd.DataFrame({"title": titles}), npartitions=7)
    out = lint_dataframe(ddf).compute()
    assert len(set(client.has_what().keys())) == 2
    assert len(out) == len(expected) > 2000
    for row, exp in zip(out.itertuples(), expected):
        assert json.loads(row.problems) == exp["problems"]
        assert json.loads(row.slots) == exp["slots"]
        assert (row.score, row.bytes) == (exp["score"], exp["bytes"])


def test_brands_found_once_over_the_whole_column(client):
    # 60 titles of a brand no lexicon or model knows: discovery finds it over the whole
    # catalog, as titlekit lint does over the file; no partition of 15 titles is a catalog
    # big enough to look in, so per-partition discovery would miss it
    titles = [f"栗子家 {w} 纯棉T恤 男 短袖 夏季" for w in ("宽松", "修身", "圆领", "印花", "潮牌",
                                                        "休闲") for _ in range(10)]
    expected = [r.to_dict() for r in lint_inputs([_txt_doc(titles)]).results]
    ddf = dd.from_pandas(pd.DataFrame({"title": titles}), npartitions=4)
    whole = lint_dataframe(ddf).compute()
    assert [json.loads(s) for s in whole.slots] == [e["slots"] for e in expected]
    assert [json.loads(p) for p in whole.problems] == [e["problems"] for e in expected]
    assert all('"source": "catalog"' in s for s in whole.slots)
    alone = lint_dataframe(ddf, brands=()).compute()
    assert not any('"source": "catalog"' in s for s in alone.slots)


def _txt_doc(titles: list[str]):
    from titlekit.formats.dispatch import read_bytes

    return read_bytes("catalog.txt", ("\n".join(titles) + "\n").encode("utf-8"))


def test_sharded_index_on_the_cluster_finds_the_single_index_nearest(client, tmp_path):
    corpus_titles = generated(20_000, 20240601)
    queries = generated(10_000, 7)
    ddf = dd.from_pandas(pd.DataFrame({"title": corpus_titles}), npartitions=6)
    paths = build_index(ddf, tmp_path / "c.tkidx", shards=4)
    assert len(paths) == 4 and all(Path(p).is_file() for p in paths)
    nb, names = nearest(tmp_path / "c.tkidx", queries)
    single = Index.build(corpus_titles)
    assert len(single) <= 50_000  # every shard and the single index are scored exactly
    ref = single.nearest(queries)
    assert np.array_equal(ref.similarity[:, 0], nb.similarity[:, 0])
    assert [single.title(int(j)) for j in ref.index[:, 0]] == [n[0] for n in names]
    assert (ref.similarity[:, 0] > 0.2).mean() > 0.5  # the queries do find something


def test_cli_on_a_scheduler_address(client, tmp_path, jd_phone_path):
    import pyarrow as pa

    titles = [rec.title for rec in read_path(jd_phone_path).records][:300]
    src = tmp_path / "t.parquet"
    pq.write_table(pa.table({"title": titles}), src)
    one, dist = tmp_path / "one.parquet", tmp_path / "dist.parquet"
    runner = CliRunner()
    r1 = runner.invoke(main, ["lint", str(src), "--format", "parquet", "-o", str(one)])
    r2 = runner.invoke(main, ["lint", str(src), "--dask", client.scheduler.address,
                              "--format", "parquet", "-o", str(dist)])
    assert r1.exit_code == r2.exit_code and r1.exit_code in (0, 1), r2.output
    a = pq.read_table(one).to_pandas()
    b = pq.read_table(dist).to_pandas()
    assert a.equals(b[a.columns].astype(a.dtypes.to_dict()))
    r = runner.invoke(main, ["lint", str(src), "--dask", "local", "--format", "json"])
    assert r.exit_code == 2 and "--format parquet" in r.output
