"""Streamed lint output (issue 17): jsonl, the streamed JSON document, --pretty, --jobs, and a
session that yields results while it reads."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from titlekit.cli import main
from titlekit.config import Config
from titlekit.formats.dispatch import read_path
from titlekit.linting.session import iter_results, lint_inputs
from titlekit.output import render_github, render_json, render_sarif

TITLES = ["【爆款】耐克 男鞋 运动鞋 运动鞋 ★包邮★", "华为 mate60 pro 手机壳 硅胶 防摔 全包",
          "耐克 男鞋 运动鞋 跑步鞋 透气 减震 轻便 防滑 耐磨 2024新款", "最好的 第一 纯棉 T恤"]


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "titlekit", "lint", "--no-config", *args],
                          capture_output=True, text=True, check=False)


@pytest.fixture()
def titles_file(tmp_path):
    f = tmp_path / "t.txt"
    f.write_text("# comment\n" + "\n".join(TITLES * 3) + "\n\n", encoding="utf-8")
    return f


def test_jsonl_is_one_result_a_line_and_equals_the_json_results(titles_file):
    lines = _cli("--format", "jsonl", str(titles_file)).stdout.splitlines()
    doc = json.loads(_cli("--format", "json", str(titles_file)).stdout)
    assert [json.loads(line) for line in lines] == doc["results"]
    assert len(lines) == len(TITLES) * 3


def test_streamed_json_equals_the_whole_document(titles_file):
    run = lint_inputs([read_path(titles_file), "耐克 跑步鞋"], Config())
    compact = _cli("--format", "json", str(titles_file), "耐克 跑步鞋")
    pretty = _cli("--format", "json", "--pretty", str(titles_file), "耐克 跑步鞋")
    assert compact.returncode == pretty.returncode == run.status
    assert compact.stdout == render_json(run.results, pretty=False)  # byte for byte
    assert pretty.stdout == render_json(run.results, pretty=True)
    assert json.loads(compact.stdout) == json.loads(pretty.stdout)


def test_json_is_compact_when_piped_and_indented_with_pretty(titles_file):
    compact = _cli("--format", "json", str(titles_file)).stdout
    assert compact.count("\n") == 1 and compact.startswith('{"version": 1, "tool": "titlekit"')
    pretty = _cli("--format", "json", "--pretty", str(titles_file)).stdout
    assert pretty.startswith('{\n  "version": 1,\n') and '\n    {\n      "path"' in pretty
    sarif = _cli("--format", "sarif", str(titles_file)).stdout
    assert sarif.count("\n") == 1 and json.loads(sarif)["version"] == "2.1.0"


def test_empty_and_clean_runs_stream_like_the_renderers(tmp_path):
    f = tmp_path / "clean.txt"
    f.write_text("耐克 男鞋 运动鞋 跑步鞋 透气 减震 轻便 防滑 耐磨 2024新款\n", encoding="utf-8")
    run = lint_inputs([read_path(f)], Config())
    for pretty in (True, False):
        flag = "--pretty" if pretty else "--compact"
        out = _cli("--format", "sarif", flag, "--exit-zero", str(f)).stdout
        assert out == render_sarif(run.results, pretty=pretty)
        out = _cli("--format", "github", "--exit-zero", str(f)).stdout
        assert out == render_github(run.results)


def test_jobs_2_gives_the_output_of_one_process(tmp_path):
    f = tmp_path / "many.txt"
    f.write_text("\n".join(f"{t} {i}号" for i in range(80) for t in TITLES) + "\n",
                 encoding="utf-8")
    for fmt in ("json", "text", "jsonl"):
        one = _cli("--format", fmt, "--jobs", "1", str(f))
        two = _cli("--format", fmt, "--jobs", "2", str(f))
        assert one.stdout == two.stdout and one.returncode == two.returncode, fmt
    fixed1, fixed2 = tmp_path / "a.txt", tmp_path / "b.txt"
    fixed1.write_bytes(f.read_bytes())
    fixed2.write_bytes(f.read_bytes())
    one = _cli("--fix", "--format", "jsonl", "--jobs", "1", str(fixed1))
    two = _cli("--fix", "--format", "jsonl", "--jobs", "2", str(fixed2))
    assert one.stdout.replace("a.txt", "b.txt") == two.stdout
    assert fixed1.read_bytes() == fixed2.read_bytes() != f.read_bytes()


def test_jobs_2_on_the_shared_titles(tmp_path):
    from pathlib import Path

    def shared_file(name: str) -> Path:
        path = Path(__file__).resolve().parents[2] / "shared" / "data" / name
        if not path.is_file():
            pytest.skip("../shared/data is not present (it ships with titlekit's CI, not "
                        "with a clone)")
        return path

    src = shared_file("taobao_titles_ner_train.jsonl")  # skips where absent
    f = tmp_path / "taobao.jsonl"
    f.write_bytes(src.read_bytes())
    one = _cli("--format", "json", "--jobs", "1", str(f))
    two = _cli("--format", "json", "--jobs", "2", str(f))
    assert one.returncode == two.returncode and one.stdout == two.stdout
    assert len(json.loads(one.stdout)["results"]) > 5000


def test_iter_results_yields_before_reading_all_inputs():
    taken = []

    def titles():
        for i in range(3 * 512):
            taken.append(i)
            yield f"{TITLES[i % len(TITLES)]} {i}"

    it = iter_results(titles(), Config())
    first = next(it)
    assert first.title == f"{TITLES[0]} 0"
    assert len(taken) < 3 * 512  # the rest is still unread
    assert sum(1 for _ in it) == 3 * 512 - 1


def test_lazy_txt_records_are_the_eager_ones(tmp_path):
    f = tmp_path / "t.txt"
    f.write_text("a\r\nb\x85c\n\n# x\n  d  \re\u2028f\n" * 50000, encoding="utf-8")
    eager, lazy = read_path(f), read_path(f, lazy=True)
    assert list(lazy.records) == eager.records and len(lazy.records) == len(eager.records)


def test_cli_runner_output_is_compact_and_streamed():
    res = CliRunner().invoke(main, ["lint", "--no-config", "--format", "jsonl", *TITLES])
    assert [json.loads(line)["title"] for line in res.output.splitlines()] == TITLES
