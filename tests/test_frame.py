"""The dataframe API and Parquet in and out: a frame's results are the one-process lint's, title
by title, and a user without the extra gets a clear error instead of a traceback."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from titlekit.cli import main
from titlekit.formats.dispatch import read_path
from titlekit.linting.linter import Linter
from titlekit.linting.session import lint_inputs

pd = pytest.importorskip("pandas", reason="the extra titlekit[dask] is not installed")
pa = pytest.importorskip("pyarrow", reason="the extra titlekit[dask] is not installed")
pq = pytest.importorskip("pyarrow.parquet")

from titlekit.frame import lint_frame, rewrite_frame

BAD = "【爆款】耐克 男鞋 运动鞋 运动鞋 ★包邮★"


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_lint_frame_rows_are_the_json_report_of_each_title(tmp_path, jd_phone_path):
    src = jd_phone_path
    r = run("lint", str(src), "--format", "json", "-o", str(tmp_path / "r.json"))
    assert r.exit_code in (0, 1), r.output
    expected = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["results"]
    titles = [rec.title for rec in read_path(src).records]
    out = lint_frame(pd.DataFrame({"title": titles}, index=range(10, 10 + len(titles))))
    assert list(out.index) == list(range(10, 10 + len(titles)))
    assert len(out) == len(expected) > 2000
    for row, exp in zip(out.itertuples(), expected):
        assert json.loads(row.problems) == exp["problems"]
        assert json.loads(row.slots) == exp["slots"]
        assert (row.score, row.bytes) == (exp["score"], exp["bytes"])
        sev = [p["severity"] for p in exp["problems"]]
        assert (row.errors, row.warnings, row.infos) == (sev.count("error"),
                                                        sev.count("warning"), sev.count("info"))


def test_context_columns_by_alias_or_by_name_as_a_csv_row(tmp_path):
    rows = [("耐克 男鞋 运动鞋 透气", "耐克", "AB123"), ("男鞋 运动鞋 透气 防滑", "李宁", "")]
    csv = tmp_path / "c.csv"
    csv.write_text("title,品牌,货号\n" + "".join(f"{t},{b},{m}\n" for t, b, m in rows),
                   encoding="utf-8")
    expected = [r.to_dict() for r in lint_inputs([read_path(csv)]).results]
    df = pd.DataFrame({"t": [r[0] for r in rows], "品牌": [r[1] for r in rows],
                       "sku": [r[2] for r in rows]})
    by_alias = lint_frame(df, column="t", model="sku")
    assert [json.loads(p) for p in by_alias.problems] == [e["problems"] for e in expected]
    none = lint_frame(df, column="t", brand=None)  # no brand column: missing-brand may fire
    assert [json.loads(s) for s in none.slots] != [e["slots"] for e in expected]


def test_fix_column_and_missing_titles():
    out = lint_frame(pd.DataFrame({"title": [BAD, None, "李宁 运动鞋"]}), fix=True)
    assert out["fixed"].iloc[0] == Linter().fix(BAD)[0]
    assert pd.isna(out["fixed"].iloc[2])
    empty = Linter().lint("").to_dict()["problems"]
    assert json.loads(out["problems"].iloc[1]) == empty != []


def test_rewrite_frame_is_the_rewriter_row_by_row():
    from titlekit.rewrite.rewriter import Rewriter

    titles = [BAD, "李宁 韩版 男士 运动鞋 透气 防滑 跑步鞋"]
    out = rewrite_frame(pd.DataFrame({"title": titles}))
    rows = Rewriter(Linter()).rewrite([(t, {}) for t in titles])
    assert list(out["new_title"]) == [r.new for r in rows]
    assert list(out["status"]) == [r.status for r in rows]


def test_parquet_in_and_out_and_fix_in_place(tmp_path):
    src = tmp_path / "t.parquet"
    pq.write_table(pa.table({"title": [BAD, "李宁 运动鞋"], "price": [9.9, 19.0]}), src)
    out = tmp_path / "out.parquet"
    assert run("lint", str(src), "--format", "parquet", "-o", str(out)).exit_code == 1
    got = pq.read_table(out).to_pandas()
    assert list(got.columns) == ["path", "line", "title", "score", "bytes", "errors",
                                 "warnings", "infos", "problems", "slots"]
    assert list(got["line"]) == [1, 2]
    assert json.loads(got["problems"][0]) == Linter().lint(BAD).to_dict()["problems"]
    assert run("lint", str(src), "--fix", "--format", "parquet", "-o", str(out)).exit_code in (0,
                                                                                              1)
    back = pq.read_table(src)
    assert back.column("title").to_pylist()[0] == Linter().fix(BAD)[0]
    assert back.column("price").to_pylist() == [9.9, 19.0]
    r = run("lint", str(src), "--format", "parquet")
    assert r.exit_code == 2 and "-o" in r.output


def test_without_the_extra_the_error_says_what_to_install(tmp_path, monkeypatch):
    import importlib
    from types import SimpleNamespace

    from titlekit import extras

    src = tmp_path / "t.parquet"
    pq.write_table(pa.table({"title": [BAD]}), src)

    def missing(name, *a, **kw):  # as if the extra's packages were not installed
        if name.split(".")[0] in ("pyarrow", "pandas", "dask", "distributed"):
            raise ImportError(f"No module named {name!r}")
        return importlib.import_module(name, *a, **kw)

    # only titlekit's imports of the extra fail (another thread may be importing too)
    monkeypatch.setattr(extras, "importlib", SimpleNamespace(import_module=missing))
    for name in [m for m in sys.modules if m.startswith(("titlekit.dask", "titlekit.frame"))]:
        monkeypatch.delitem(sys.modules, name)  # imported afresh, without the extra
    r = run("lint", str(src))
    assert r.exit_code == 2
    assert f"{src}: 读取 Parquet 文件需要可选依赖 pyarrow" in r.output
    assert "pip install 'titlekit[dask]'" in r.output
    r = run("lint", str(src), "--dask", "local", "--format", "parquet", "-o",
            str(tmp_path / "o.parquet"))
    assert r.exit_code == 2 and "titlekit[dask]" in r.output and str(src) in r.output


def test_core_never_imports_the_extra():
    code = ("import sys, titlekit\n"
            "from titlekit.cli import main\n"
            "try:\n    main(['lint', '耐克 男鞋 运动鞋', '--format', 'json'])\n"
            "except SystemExit:\n    pass\n"
            "bad = [m for m in ('pandas', 'pyarrow', 'dask', 'distributed') if m in sys.modules]\n"
            "print('EXTRA', bad)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert "EXTRA []" in done.stdout
