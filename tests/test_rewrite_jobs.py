"""`titlekit rewrite --jobs N`: worker processes rewrite blocks of rows with the same result as
one process (issue 17: every core; issue 18: rewrite speed)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from click.testing import CliRunner

from titlekit.cli import main
from titlekit.linting.linter import Linter
from titlekit.rewrite import parallel
from titlekit.rewrite import rewriter as rwmod
from titlekit.rewrite.keywords import Keywords
from titlekit.rewrite.rewriter import Rewriter

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

pytestmark = pytest.mark.skipif(not parallel.can_fork(),
                                reason="worker processes are forked, which this system lacks")


def _example_items() -> list[tuple[str, dict]]:
    with open(EXAMPLES / "catalog.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    items = [(r["宝贝名称"], {"brand": r["品牌"]} if r["品牌"] else {}) for r in rows]
    items += [(t, {}) for t in (EXAMPLES / "titles.txt").read_text(encoding="utf-8").splitlines()
              if t.strip()]
    return items * 2  # a row written twice: the second copy is noted as identical


def _view(rows) -> list[tuple]:
    return [(r.index, r.old, r.new, r.status, [(c.what, c.why) for c in r.changes], r.reason,
             r.note, r.before.score, r.after.score, [p.to_dict() for p in r.before.problems],
             [p.to_dict() for p in r.after.problems]) for r in rows]


def _rewriter() -> Rewriter:
    linter = Linter()
    kw = Keywords.load(str(EXAMPLES / "keywords.csv"), {})
    return Rewriter(linter, keywords=kw)


def test_workers_give_the_rows_one_process_gives():
    items = _example_items()
    one = _rewriter().rewrite(items, block=3)
    two = _rewriter().rewrite(items, block=3, jobs=2)
    assert len(two) == len(items)
    assert any(r.status != "unchanged" for r in one)
    assert any(r.note for r in one)  # the catalog-wide check ran after the blocks came back
    assert _view(two) == _view(one)
    assert all(r.after.slots == [] for r in two)  # documented: not sent back by workers


def test_workers_on_real_titles(taobao_records):
    items = [(r["title"], {}) for r in taobao_records[:400]]
    one = _rewriter().rewrite(items, block=64)
    two = _rewriter().rewrite(items, block=64, jobs=2)
    assert sum(r.status == "changed" for r in one) > 20
    assert _view(two) == _view(one)


def test_without_fork_the_rows_are_rewritten_in_one_process(monkeypatch):
    items = _example_items()
    want = _view(_rewriter().rewrite(items, block=3))
    monkeypatch.setattr(parallel, "can_fork", lambda: False)
    got = _rewriter().rewrite(items, block=3, jobs=2)
    assert _view(got) == want
    assert any(r.after.slots for r in got)  # one process: the readings' slots are kept


def test_cli_jobs_writes_the_same_catalog_and_report(tmp_path, monkeypatch):
    monkeypatch.setattr(rwmod, "BLOCK", 2)
    runner = CliRunner()
    # competitors: the example catalog's own titles, so every row is checked against them
    index = tmp_path / "c.tkidx"
    res = runner.invoke(main, ["index", "build", str(EXAMPLES / "catalog.csv"), "-o", str(index)])
    assert res.exit_code == 0, res.output
    out = {}
    for jobs in ("1", "2"):
        res = runner.invoke(main, ["rewrite", str(EXAMPLES / "catalog.csv"), "-o",
                                   str(tmp_path / f"out{jobs}.csv"), "--report",
                                   str(tmp_path / f"r{jobs}.json"), "--keywords",
                                   str(EXAMPLES / "keywords.csv"), "--competitors", str(index),
                                   "--jobs", jobs, "-q"])
        assert res.exit_code == 0, res.output
        out[jobs] = ((tmp_path / f"out{jobs}.csv").read_bytes(),
                     (tmp_path / f"r{jobs}.json").read_bytes())
    assert out["1"] == out["2"]
    assert out["1"][0] != (EXAMPLES / "catalog.csv").read_bytes()
    assert b"duplicate-competitor" in out["1"][1]
