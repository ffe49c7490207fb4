"""The command line: every exit code, every format, --fix, stdin, config errors."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from titlekit.cli import main

BAD = "【爆款】耐克 男鞋 运动鞋 运动鞋 ★包邮★"
CLEAN = "李宁 韩版 男士 运动鞋 透气 防滑 跑步鞋 2026新款 ln2026 包邮"


def run(*args: str, input: str | bytes | None = None):
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def test_exit_0_on_clean_title():
    r = run("lint", CLEAN)
    assert r.exit_code == 0, r.output
    assert "分数 100/100" in r.output


def test_exit_1_on_problems_and_fail_on_levels():
    assert run("lint", BAD).exit_code == 1
    warn_only = "李宁 运动鞋 透气"
    assert run("lint", warn_only).exit_code == 0  # warnings do not fail at the default level
    assert run("lint", "--fail-on", "warning", warn_only).exit_code == 1


def test_exit_2_on_usage_input_and_config_errors(tmp_path):
    assert run("lint").exit_code == 2
    assert run("lint", "--format", "xml", BAD).exit_code == 2
    r = run("lint", str(tmp_path / "missing.csv"))
    assert r.exit_code == 2 and "missing.csv: 文件不存在" in r.output
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"title,x\n\xff\xfe\xfa,1\n")
    r = run("lint", str(bad))
    assert r.exit_code == 2 and "bad.csv:2:" in r.output and "Traceback" not in r.output
    cfg = tmp_path / ".titlekit.toml"
    cfg.write_text('platfrom = "taobao"\n', encoding="utf-8")
    r = run("lint", "--config", str(cfg), BAD)
    assert r.exit_code == 2 and "未知的键 'platfrom'" in r.output
    assert run("lint", "--select", "no-such-rule", BAD).exit_code == 2


def test_json_format_schema():
    r = run("lint", "--format", "json", BAD, CLEAN)
    doc = json.loads(r.output)
    assert doc["version"] == 1
    first, second = doc["results"]
    assert first["title"] == BAD and second["title"] == CLEAN
    assert {"path", "line", "title", "score", "bytes", "limit", "slots", "problems"} <= set(first)
    p = next(p for p in first["problems"] if p["rule"] == "bracket-highlight")
    assert (p["code"], p["severity"], p["start"], p["end"]) == ("TK301", "error", 0, 4)
    assert p["fix"] == {"start": 0, "end": 4, "replacement": "爆款 ", "applicability": "safe"}
    assert {s["type"] for s in first["slots"]} >= {"brand", "product", "promotion"}
    brand = next(s for s in first["slots"] if s["type"] == "brand")
    assert BAD[brand["start"]:brand["end"]] == "耐克" and 0 < brand["confidence"] <= 1


def test_github_format():
    r = run("lint", "--format", "github", BAD)
    lines = r.output.splitlines()
    assert any(l.startswith("::error title=bracket-highlight (TK301)::") for l in lines)
    assert any(l.startswith("::warning ") for l in lines)


def test_sarif_format():
    doc = json.loads(run("lint", "--format", "sarif", BAD).output)
    assert doc["version"] == "2.1.0"
    results = doc["runs"][0]["results"]
    rules = doc["runs"][0]["tool"]["driver"]["rules"]
    assert {r["ruleId"] for r in results} >= {"TK301", "TK302"}
    for res in results:
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"]


def test_stdin_and_files(tmp_path):
    r = run("lint", "-", "--format", "json", input=f"# c\n{BAD}\n{CLEAN}\n".encode())
    doc = json.loads(r.output)
    assert [(x["path"], x["line"]) for x in doc["results"]] == [("<stdin>", 2), ("<stdin>", 3)]


def test_select_and_ignore():
    doc = json.loads(run("lint", "-f", "json", "--select", "TK3", BAD).output)
    assert {p["code"][:3] for p in doc["results"][0]["problems"]} == {"TK3"}
    doc = json.loads(run("lint", "-f", "json", "--ignore", "special-symbol,TK1", BAD).output)
    rules = {p["rule"] for p in doc["results"][0]["problems"]}
    assert "special-symbol" not in rules and "title-underfilled" not in rules
    assert "bracket-highlight" in rules


def test_fix_writes_only_changed_files_preserving_the_rest(tmp_path):
    changed = tmp_path / "a.csv"
    changed.write_bytes(f'id,title,note\r\n1,{BAD},"x\r\ny"\r\n2,{CLEAN},z\r\n'.encode("gb18030"))
    clean = tmp_path / "b.txt"
    clean.write_text(CLEAN + "\n", encoding="utf-8")
    before = clean.stat().st_mtime_ns
    r = run("lint", "--fix", str(changed), str(clean))
    assert "已修复 1 个标题" in r.output
    data = changed.read_bytes().decode("gb18030")
    assert data == 'id,title,note\r\n1,爆款 耐克 男鞋 运动鞋 包邮,"x\r\ny"\r\n2,' + CLEAN + ",z\r\n"
    assert clean.stat().st_mtime_ns == before
    # fixed problems are gone; what cannot be fixed safely is still reported
    r2 = run("lint", "-f", "json", str(changed))
    rules = {p["rule"] for p in json.loads(r2.output)["results"][0]["problems"]}
    assert not rules & {"bracket-highlight", "special-symbol", "repeated-keyword"}
    assert "title-underfilled" in rules


def test_config_file_from_pyproject(tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text(
        '[tool.titlekit]\nignore = ["missing-model"]\nunbranded = true\n'
        '[tool.titlekit.rules.title-underfilled]\nseverity = "error"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    doc = json.loads(run("lint", "-f", "json", "韩版 运动鞋 透气").output)
    probs = {p["rule"]: p["severity"] for p in doc["results"][0]["problems"]}
    assert "missing-model" not in probs and "missing-brand" not in probs
    assert probs["title-underfilled"] == "error"
    assert json.loads(run("lint", "--no-config", "-f", "json", "韩版 运动鞋 透气").output)[
        "results"][0]["problems"][0]["rule"] == "missing-brand"


def test_rules_command_lists_every_rule():
    from titlekit.rules import REGISTRY

    out = run("rules").output
    for rule in REGISTRY:
        assert rule.code in out and rule.name in out
    doc = json.loads(run("rules", "--format", "json").output)
    assert [r["name"] for r in doc["rules"]] == [r.name for r in REGISTRY]


@pytest.mark.parametrize("fmt", ["text", "json", "github", "sarif"])
def test_every_format_runs_on_a_file(tmp_path, fmt):
    p = tmp_path / "t.txt"
    p.write_text(BAD + "\n", encoding="utf-8")
    r = run("lint", "-f", fmt, str(p))
    assert r.exit_code == 1
    assert str(p) in r.output


def test_titles_with_slashes_are_titles_not_paths():
    r = run("lint", "-f", "json", "得力 a3/a4 文件袋 透明 加厚 防水")
    assert r.exit_code in (0, 1)
    assert json.loads(r.output)["results"][0]["title"] == "得力 a3/a4 文件袋 透明 加厚 防水"


def test_extra_lexicon_paths_are_relative_to_the_config(tmp_path, monkeypatch):
    (tmp_path / "words").mkdir()
    (tmp_path / "words" / "mine.txt").write_text("# source: test\n小鹿家\n", encoding="utf-8")
    (tmp_path / ".titlekit.toml").write_text('extra-lexicons = ["brands=words/mine.txt"]\n',
                                             encoding="utf-8")
    sub = tmp_path / "sub"
    sub.mkdir()
    monkeypatch.chdir(sub)
    doc = json.loads(run("lint", "-f", "json", "小鹿家 运动鞋").output)
    assert "missing-brand" not in {p["rule"] for p in doc["results"][0]["problems"]}
