"""The rewrite's invariants (issue 18): the checker, and every title of ../shared/data rewritten
with and without a keyword file mined from other titles."""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from titlekit.cli import main
from titlekit.linting.linter import Linter
from titlekit.platform import gbk_len
from titlekit.rewrite.check import check, removable
from titlekit.rewrite.keywords import Keywords
from titlekit.rewrite.rewriter import Rewriter

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
KEYWORDS = ROOT / "bench" / "judged" / "keywords-other.csv"


def _violations(old: str, new: str) -> set[str]:
    res = next(Linter().lint_many([(old, None)], keep_reading=True))
    return {v.name for v in check(old, new, res.reading, removed=removable(res))}


@pytest.mark.parametrize("old,new,name", [
    ("Apple iPhone 8 Plus (A1864) 64G 金色", "Apple A1864 8 Plus 64G 金色", "core-dropped"),
    ("冷海尔柜冰柜", "冷 柜冰柜", "core-dropped"),
    ("【疯狂菜店】朝天椒,约150g/份", "疯狂菜店 约150g 份 朝天椒", "spec-split"),
    ("唐苑古建中式小青砖仿古砖雕", "唐苑 古建小青砖仿古砖雕", "glued"),
    ("韩版 连衣裙 女 夏季", "韩版 雪纺 碎花 连衣裙 女 夏季", "added-word"),
    ("1瓶包邮,广村香草糖浆,奶茶咖啡专用", "1瓶 广村香草糖浆 奶茶咖啡专用 包邮", "split"),
    ("广村香草糖浆 正品 现货", "广村香草糖浆", "search-word-dropped"),
    ("广村香草糖浆 奶茶咖啡专用", "专用 广村香草糖浆 奶茶咖啡", "split"),
])
def test_checker_names_what_breaks(old, new, name):
    assert name in _violations(old, new)


def test_checker_accepts_an_operator_rewrite():
    assert _violations("包邮 夏季 透气 男鞋 耐克 运动鞋", "耐克 夏季 透气 男鞋 运动鞋 包邮") == set()
    assert _violations("【爆款】耐克 男鞋 运动鞋 ★包邮★", "耐克 爆款 男鞋 运动鞋 包邮") == set()


def test_check_and_stdin_on_the_command_line():
    r = CliRunner().invoke(main, ["rewrite", "--check", "冷海尔柜冰柜", "冷 柜冰柜", "--no-config"])
    assert r.exit_code == 1 and "core-dropped" in r.output
    r = CliRunner().invoke(main, ["rewrite", "--check", "【爆款】耐克 男鞋 运动鞋", "耐克 爆款 男鞋 运动鞋",
                                  "--no-config"])
    assert r.exit_code == 0, r.output
    r = CliRunner().invoke(main, ["rewrite", "-", "--no-config", "-q"],
                           input="包邮 夏季 透气 男鞋 耐克 运动鞋\n张家界客栈双人间\n")
    assert r.exit_code == 0
    assert r.output.splitlines() == ["耐克 夏季 透气 男鞋 运动鞋 包邮", "张家界客栈双人间"]


def test_keyword_fill_adds_synonyms_and_never_claims(tmp_path):
    kw = tmp_path / "kw.csv"
    kw.write_text("搜索词,搜索人气\n雪纺连衣裙,12800\n碎花连衣裙,9600\n腕表,500\n手表 男 防水,900\n"
                  "龙井 礼盒,4100\n", encoding="utf-8")
    rw = Rewriter(Linter(), keywords=Keywords.load(kw))
    dress, watch, maw = rw.rewrite([("韩版 连衣裙 女 夏季", {}), ("cyma手表,瑞士表", {}),
                                    ("野生鱼胶 花胶 500g", {})])
    assert "雪纺" not in dress.new and "碎花" not in dress.new
    assert watch.new.endswith("腕表") and "防水" not in watch.new
    assert "龙井" not in maw.new
    claims = Rewriter(Linter(), keywords=Keywords.load(kw), allow_claims=True)
    row = claims.rewrite([("韩版 连衣裙 女 夏季", {})])[0]
    assert "雪纺" in row.new and row.status == "review"


def test_fill_from_the_rows_own_columns():
    spec = importlib.util.spec_from_file_location("rewrite_fill", ROOT / "bench" / "rewrite_fill.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    if not mod.DATA.exists():
        pytest.skip(f"{mod.DATA} not found")
    figures = mod.measure(mod.build_rows(mod.DATA, 120))
    assert figures["added_words"] == figures["added_from_columns"] > 0
    assert figures["share_of_reachable"] >= 0.75, figures
    # the seller's own title with some of its attribute words moved into the columns: the
    # rewrite puts them back, and only column words
    figures = mod.measure(mod.build_rows(mod.DATA, 120, cut="title"))
    assert figures["added_words"] == figures["added_from_columns"] > 0
    assert figures["share"] >= 0.75 and figures["mean_bytes_after"] > figures["mean_bytes_before"]


def _titles(name: str) -> list[tuple[str, list]]:
    path = SHARED / name
    if not path.exists():
        pytest.skip(f"{path} not found")
    if name.endswith(".txt"):
        text = path.read_text(encoding="utf-8-sig")
        return [(t, []) for t in text.splitlines() if t.strip()]
    out = []
    for line in path.read_text(encoding="utf-8").split("\n"):
        if line.strip():
            rec = json.loads(line)
            out.append((rec["title"], rec.get("entities", [])))
    return out


@pytest.fixture(scope="module")
def keywords():
    return Keywords.load(KEYWORDS)


@pytest.mark.parametrize("with_keywords", [False, True], ids=["plain", "keywords"])
@pytest.mark.parametrize("name", ["taobao_titles_ner_train.jsonl", "taobao_titles_ner_extra.jsonl",
                                  "jd_titles_ner_500.jsonl", "jd_phone_titles.txt"])
def test_every_shared_title_keeps_the_invariants(name, with_keywords, keywords):
    recs = _titles(name)
    linter = Linter()
    rw = Rewriter(linter, keywords=keywords if with_keywords else None)
    rows = rw.rewrite([(t, {}) for t, _ in recs])
    norm = lambda x: re.sub(r"[\s,，/]", "", x.lower())
    changed = [(rec, r) for rec, r in zip(recs, rows) if r.status in ("changed", "review")]
    assert changed
    befores = linter.lint_many(((r.old, None) for _, r in changed), keep_reading=True)
    for ((_title, ents), r), res in zip(changed, befores):
        gone = set(removable(res))
        words = {c.what[3:] for c in r.changes if c.what.startswith("补充 ")}
        found = check(r.old, r.new, res.reading, removed=gone, added=words, limit=60)
        assert not found, (r.old, r.new, found)
        if gbk_len(r.old) > 60:
            continue  # an over-long title must lose words (whole segments, from the end)
        for start, end, label, text in ents:
            if label in ("brand", "model", "product") and not any(
                    i in gone for i in range(start, end)):
                assert norm(text) in norm(r.new), (r.old, r.new, text)
