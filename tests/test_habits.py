"""The command-line habits of issue 16 (ruff's and yamllint's): each test fails on the commit
before them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from titlekit.cli import main

BAD = "【爆款】耐克 男鞋 运动鞋 运动鞋 ★包邮★"
CLEAN = "李宁 韩版 男士 运动鞋 透气 防滑 跑步鞋 2026新款 ln2026 包邮"
ROOT = Path(__file__).resolve().parents[1]


def run(*args: str, input: str | bytes | None = None, env: dict | None = None, **kw):
    return CliRunner(**kw).invoke(main, list(args), input=input, catch_exceptions=False,
                                  env=env)


# -- Chinese by default, --lang en ------------------------------------------------------------

def test_text_output_is_chinese_by_default_and_english_with_lang_en():
    import titlekit

    res = titlekit.lint(BAD)
    n = {sev: sum(p.severity == sev for p in res.problems) for sev in ("error", "warning", "info")}
    zh = run("lint", BAD).output
    assert f"分数 {res.score}/100  40/60 字节" in zh
    assert "修复：将 “【爆款】” 替换为 “爆款 ”" in zh
    assert (f"1 个标题，{n['error']} 个错误，{n['warning']} 个警告，{n['info']} 个提示；"
            f"平均分 {float(res.score)}") in zh
    assert "错误" in zh and "score" not in zh and "fix: replace" not in zh
    en = run("lint", "--lang", "en", BAD).output
    assert f"score {res.score}/100  40/60 bytes" in en
    assert "fix: replace '【爆款】' with '爆款 '" in en
    assert (f"1 title(s), {n['error']} error(s), {n['warning']} warning(s), {n['info']} info; "
            f"mean score {float(res.score)}") in en


def test_lang_in_config_switches_to_english(tmp_path):
    (tmp_path / ".titlekit.toml").write_text('lang = "en"\n', encoding="utf-8")
    f = tmp_path / "t.txt"
    f.write_text(BAD + "\n", encoding="utf-8")
    assert "score " in run("lint", str(f)).output
    assert "分数 " in run("lint", "--lang", "zh", str(f)).output


def test_json_keys_do_not_change_with_the_language():
    zh = json.loads(run("lint", "--format", "json", BAD).output)
    en = json.loads(run("lint", "--format", "json", "--lang", "en", BAD).output)
    assert zh == en


def test_cli_error_frame_is_chinese(tmp_path):
    r = run("lint", str(tmp_path / "missing.csv"))
    assert r.exit_code == 2 and "titlekit：错误：" in r.output
    r = run("lint", "--lang", "en", str(tmp_path / "missing.csv"))
    assert "titlekit: error: " in r.output


def test_the_cause_of_an_input_or_config_error_is_in_the_chosen_language(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text('title,price\n"李宁,2\n', encoding="utf-8")
    zh, en = run("lint", str(bad)).output, run("lint", "--lang", "en", str(bad)).output
    assert "bad.csv:2: 引号字段没有结束" in zh and "unterminated" not in zh
    assert "bad.csv:2: unterminated quoted field" in en
    cfg = tmp_path / ".titlekit.toml"
    cfg.write_text("[rules.promo-overload]\nmax = -1\n", encoding="utf-8")
    zh = run("lint", "--config", str(cfg), "耐克 男鞋").output
    assert "rules.promo-overload.max 应不小于" in zh, zh


def test_every_message_has_both_languages():
    from titlekit.i18n import LANGUAGES, MESSAGES

    missing = [k for k, v in MESSAGES.items() if any(not v.get(lang) for lang in LANGUAGES)]
    assert missing == []


def test_schema_messages_are_chinese(tmp_path):
    f = tmp_path / "x.listing.yaml"
    f.write_text("title: 耐克 男鞋 运动鞋\nprice: '299'\n", encoding="utf-8")
    out = run("lint", str(f)).output
    assert "字段 price：必须是数字，而不是文本 '299'" in out, out


def test_rules_lists_chinese_summaries_and_cites_the_playbook_by_name():
    out = run("rules").output
    assert "用【】[]()（）《》「」等括号包住关键词。" in out
    assert "运营规则 T7「不能为了突出关键词用括号」" in out
    assert "seed" not in out
    assert "Keywords wrapped in brackets" in run("rules", "--lang", "en").output


def test_every_rule_has_a_chinese_summary():
    from titlekit.i18n.rules import SUMMARY_ZH
    from titlekit.rules import REGISTRY

    assert {r.name for r in REGISTRY} == set(SUMMARY_ZH)


# -- config ------------------------------------------------------------------------------------

def test_config_is_found_from_the_input_file_not_the_cwd(tmp_path, monkeypatch):
    shop = tmp_path / "shop"
    shop.mkdir()
    (shop / ".titlekit.toml").write_text('ignore = ["title-underfilled"]\n', encoding="utf-8")
    f = shop / "t.txt"
    f.write_text("耐克 男鞋 运动鞋\n", encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    doc = json.loads(run("lint", "--format", "json", str(f)).output)
    assert "title-underfilled" not in {p["rule"] for p in doc["results"][0]["problems"]}
    monkeypatch.chdir(shop)
    again = json.loads(run("lint", "--format", "json", "t.txt").output)
    assert again["results"][0]["score"] == doc["results"][0]["score"]


def test_two_config_files_in_one_folder_warn_which_wins(tmp_path, monkeypatch):
    (tmp_path / ".titlekit.toml").write_text('platform = "taobao"\n', encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text('[tool.titlekit]\nplatform = "tmall"\n',
                                             encoding="utf-8")
    f = tmp_path / "t.txt"
    f.write_text(CLEAN + "\n", encoding="utf-8")
    r = run("lint", str(f))
    assert "使用 .titlekit.toml，忽略 pyproject.toml" in r.stderr


def test_config_command_prints_the_settings_and_their_file(tmp_path, monkeypatch):
    (tmp_path / ".titlekit.toml").write_text('fail-on = "warning"\n[rules.promo-overload]\n'
                                             'max = 3\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    out = run("config").output
    assert f"# 配置文件：{tmp_path / '.titlekit.toml'}" in out
    assert 'fail-on = "warning"' in out and "[rules.promo-overload]" in out and "max = 3" in out
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / ".titlekit.toml").write_text("", encoding="utf-8")
    assert 'fail-on = "error"' in run("config", str(empty)).output


def test_unknown_config_key_error_gives_the_line(tmp_path):
    cfg = tmp_path / ".titlekit.toml"
    cfg.write_text('platform = "taobao"\n\n[rules.promo-overload]\nmax = 3\nmaxx = 4\n',
                   encoding="utf-8")
    r = run("lint", "--config", str(cfg), BAD)
    assert r.exit_code == 2 and f"{cfg}:5: 未知的键 'rules.promo-overload.maxx'" in r.output
    py = tmp_path / "pyproject.toml"
    py.write_text('[project]\nname = "x"\n\n[tool.titlekit]\nplatfrom = "tmall"\n',
                  encoding="utf-8")
    r = run("lint", "--config", str(py), BAD)
    assert f"{py}:5: 未知的键 'platfrom'" in r.output


# -- inputs ------------------------------------------------------------------------------------

def _shop(tmp_path: Path) -> Path:
    shop = tmp_path / "shop"
    (shop / "sub").mkdir(parents=True)
    (shop / ".hidden").mkdir()
    (shop / "node_modules").mkdir()
    (shop / "a.txt").write_text(BAD + "\n", encoding="utf-8")
    (shop / "sub" / "b.csv").write_text("title\n" + CLEAN + "\n", encoding="utf-8")
    (shop / ".hidden" / "c.txt").write_text("耐克 男鞋\n", encoding="utf-8")
    (shop / "node_modules" / "d.txt").write_text("耐克 男鞋\n", encoding="utf-8")
    (shop / "drafts").mkdir()
    (shop / "drafts" / "e.txt").write_text("耐克 男鞋\n", encoding="utf-8")
    (shop / "notes.md").write_text("not titles\n", encoding="utf-8")
    return shop


def test_directory_input_reads_title_files_skipping_hidden_and_excluded(tmp_path):
    shop = _shop(tmp_path)
    doc = json.loads(run("lint", "--format", "json", str(shop)).output)
    paths = sorted(Path(r["path"]).relative_to(shop).as_posix() for r in doc["results"])
    assert paths == ["a.txt", "drafts/e.txt", "sub/b.csv"]
    (shop / ".titlekit.toml").write_text('exclude = ["drafts"]\n', encoding="utf-8")
    doc = json.loads(run("lint", "--format", "json", str(shop)).output)
    assert sorted(Path(r["path"]).name for r in doc["results"]) == ["a.txt", "b.csv"]
    (shop / ".titlekit.toml").write_text('include = ["*.csv"]\n', encoding="utf-8")
    doc = json.loads(run("lint", "--format", "json", str(shop)).output)
    assert [Path(r["path"]).name for r in doc["results"]] == ["b.csv"]


def test_glob_input(tmp_path, monkeypatch):
    shop = _shop(tmp_path)
    monkeypatch.chdir(tmp_path)
    doc = json.loads(run("lint", "--format", "json", "shop/**/*.csv").output)
    assert [r["path"] for r in doc["results"]] == ["shop/sub/b.csv"]
    # a title with a * that matches no file stays a title
    doc = json.loads(run("lint", "--format", "json", "耐克 桌布 20*30cm").output)
    assert doc["results"][0]["title"] == "耐克 桌布 20*30cm"
    assert shop.is_dir()


def test_empty_argument_is_a_clear_error():
    r = run("lint", "")
    assert r.exit_code == 2 and "空参数" in r.output and "directory" not in r.output


def test_txt_titles_starting_with_hash_are_read_and_comments_counted(tmp_path):
    f = tmp_path / "t.txt"
    f.write_text("# 春季新品\n#便携 充电宝 10000毫安 小巧\n#连衣裙#法式碎花 收腰 长裙\n#\n"
                 + CLEAN + "\n", encoding="utf-8")
    r = run("lint", "--format", "json", "-v", str(f))
    titles = [x["title"] for x in json.loads(r.stdout)["results"]]
    assert titles == ["#便携 充电宝 10000毫安 小巧", "#连衣裙#法式碎花 收腰 长裙", CLEAN]
    assert "跳过 2 行注释" in r.stderr


def test_real_titles_starting_with_hash_are_not_dropped(tmp_path):
    data = ROOT.parent / "shared" / "data" / "taobao_titles_ner_train.jsonl"
    if not data.is_file():
        pytest.skip("../shared/data is not here")
    titles = [json.loads(line)["title"] for line in data.read_text(encoding="utf-8").splitlines()]
    hashed = [t for t in titles if t.strip().startswith("#")]
    assert hashed
    f = tmp_path / "hashed.txt"
    f.write_text("\n".join(hashed) + "\n", encoding="utf-8")
    doc = json.loads(run("lint", "--format", "json", str(f)).output)
    assert len(doc["results"]) == len(hashed)


def test_xlsx_rows_get_the_listing_rules_like_csv_rows(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["宝贝名称", "一口价", "促销价", "宝贝卖点"])
    ws.append(["耐克 男鞋 运动鞋 跑步鞋 透气 减震", 300, 2, "轻" * 151])
    wb.save(tmp_path / "c.xlsx")
    (tmp_path / "c.csv").write_text("宝贝名称,一口价,促销价,宝贝卖点\n耐克 男鞋 运动鞋 跑步鞋 透气 减震,300,2,"
                                    + "轻" * 151 + "\n", encoding="utf-8")

    def rules(name):
        doc = json.loads(run("lint", "--format", "json", str(tmp_path / name)).output)
        return sorted(p["rule"] for p in doc["results"][0]["problems"])

    got = rules("c.xlsx")
    assert {"integer-price", "discount-too-deep", "selling-point-too-long"} <= set(got)
    assert got == rules("c.csv")


def test_non_index_competitors_file_gets_a_clear_message(tmp_path):
    f = tmp_path / "comp.tkidx"
    f.write_text("耐克 男鞋\n", encoding="utf-8")
    r = run("lint", "--competitors", str(f), BAD)
    assert r.exit_code == 2 and "allow_pickle" not in r.output
    assert "not a titlekit index" in r.output and "titlekit index build" in r.output


def test_verbose_slot_offsets_are_one_based():
    out = run("lint", "-v", "耐克 男鞋").output
    assert "brand=耐克@1" in out and "product=男鞋@4" in out


# -- habits ------------------------------------------------------------------------------------

def test_statistics_counts_problems_per_rule():
    r = run("lint", "--statistics", BAD, BAD)
    lines = r.output.splitlines()
    assert any(line.split()[:3] == ["4", "TK302", "special-symbol"] and "[*]" in line
               for line in lines), r.output
    assert "共 18 个问题，2 个标题" in r.output
    doc = json.loads(run("lint", "--statistics", "--format", "json", BAD).output)
    assert {"code": "TK302", "count": 2} .items() <= next(
        s for s in doc["statistics"] if s["rule"] == "special-symbol").items()


def test_fix_diff_shows_the_diff_and_writes_nothing(tmp_path):
    f = tmp_path / "t.txt"
    f.write_text(BAD + "\n" + CLEAN + "\n", encoding="utf-8")
    before = f.read_bytes()
    r = run("lint", "--fix", "--diff", str(f))
    assert r.exit_code == 1
    assert f"-{BAD}\n+爆款 耐克 男鞋 运动鞋 包邮\n" in r.output and f"--- {f}" in r.output
    assert f.read_bytes() == before
    assert run("lint", "--diff", CLEAN).exit_code == 0


def test_rule_command_explains_one_rule_by_name_or_code():
    by_code = run("rule", "TK301")
    assert by_code.exit_code == 0
    out = by_code.output
    assert out.startswith("TK301 bracket-highlight")
    assert "说明：" in out and "原因：" in out and "不通过的例子：" in out and "【爆款】" in out
    assert "运营规则 T7「不能为了突出关键词用括号」" in out
    assert run("rule", "bracket-highlight").output == out
    assert "选项：" in run("rule", "promo-overload").output
    assert run("rule", "no-such-rule").exit_code == 2


def test_color_always_is_honoured_when_piped_and_never_and_no_color():
    assert "\x1b[" in run("lint", "--color", "always", BAD).output
    assert "\x1b[" in run("lint", BAD, "--color").output
    assert "\x1b[" not in run("lint", "--color", "never", BAD).output
    assert "\x1b[" not in run("lint", "--no-color", BAD).output


def test_no_color_is_honoured_on_a_terminal(monkeypatch):
    from titlekit.cli.habits import use_color

    class Tty:
        def isatty(self):
            return True

    monkeypatch.delenv("NO_COLOR", raising=False)
    assert use_color("auto", stream=Tty())
    monkeypatch.setenv("NO_COLOR", "1")
    assert not use_color("auto", stream=Tty())
    assert use_color("always", stream=Tty())


def test_python_dash_m_titlekit(tmp_path):
    done = subprocess.run([sys.executable, "-m", "titlekit", "lint", "--format", "json", CLEAN],
                          capture_output=True, text=True, timeout=300, check=False,
                          cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["results"][0]["score"] == 100


def test_output_file_for_other_commands(tmp_path):
    for args in (("rules",), ("rule", "TK301"), ("schema",), ("config",)):
        out = tmp_path / f"{args[0]}.txt"
        r = run(*args, "-o", str(out))
        assert r.exit_code == 0 and r.output == ""
        assert out.read_text(encoding="utf-8") == run(*args).output


def test_quiet_prints_problems_only(tmp_path):
    out = run("lint", "-q", BAD).output
    assert "平均分" not in out and "special-symbol" in out
    f = tmp_path / "t.txt"
    f.write_text(BAD + "\n", encoding="utf-8")
    r = run("lint", "-q", "--fix", "--exit-zero", str(f))
    assert r.stderr == ""


def test_rewrite_from_stdin_to_stdout():
    r = run("rewrite", "-", input=BAD + "\n" + CLEAN + "\n")
    assert r.exit_code == 0, r.stderr
    lines = r.stdout.splitlines()
    assert len(lines) == 2 and "【" not in lines[0] and "★" not in lines[0]
    assert "2 rows: " in r.stderr or "2 行" in r.stderr


def test_fix_only_prints_what_it_changed_and_nothing_else(tmp_path):
    f = tmp_path / "t.txt"
    f.write_text(BAD + "\n", encoding="utf-8")
    r = run("lint", "--fix-only", str(f))
    assert r.exit_code == 0 and r.stdout == ""
    assert r.stderr == f"{f}：已修复 1 个标题\n"


def test_row_and_listing_suppressions(tmp_path):
    f = tmp_path / "c.csv"
    f.write_text(f"title,titlekit-ignore\n{BAD},\"special-symbol, TK301\"\n{BAD},\n",
                 encoding="utf-8")
    doc = json.loads(run("lint", "--format", "json", str(f)).output)
    first, second = ({p["rule"] for p in r["problems"]} for r in doc["results"])
    assert "special-symbol" not in first and "bracket-highlight" not in first
    assert {"special-symbol", "bracket-highlight"} <= second
    r = run("lint", "--fix", "--diff", str(f))  # suppressed rules are not fixed either
    assert '+【爆款】耐克 男鞋 运动鞋 ★包邮★,"special-symbol, TK301"\n' in r.output
    listing = tmp_path / "x.listing.yaml"
    listing.write_text("title: 耐克 男鞋 运动鞋\nprice: 100\ntitlekit_ignore: [integer-price]\n",
                       encoding="utf-8")
    doc = json.loads(run("lint", "--format", "json", str(listing)).output)
    assert "integer-price" not in {p["rule"] for p in doc["results"][0]["problems"]}
    assert "schema-error" not in {p["rule"] for p in doc["results"][0]["problems"]}
    bad = tmp_path / "bad.csv"
    bad.write_text(f"title,titlekit-ignore\n{BAD},no-such-rule\n", encoding="utf-8")
    r = run("lint", str(bad))
    assert r.exit_code == 2 and "bad.csv:2:" in r.output and "no-such-rule" in r.output


def test_baseline_reports_only_new_problems_and_survives_moved_lines(tmp_path):
    f = tmp_path / "t.txt"
    f.write_text(BAD + "\n" + CLEAN + "\n", encoding="utf-8")
    base = tmp_path / "baseline.json"
    r = run("lint", "--write-baseline", str(base), str(f))
    assert r.exit_code == 0 and json.loads(base.read_text(encoding="utf-8"))["version"] == 1
    assert run("lint", "--baseline", str(base), str(f)).exit_code == 0
    # rows move and a clean row is added: still nothing new
    f.write_text(CLEAN + "\n" + CLEAN + "\n" + BAD + "\n", encoding="utf-8")
    r = run("lint", "--baseline", str(base), "--format", "json", str(f))
    assert r.exit_code == 0
    doc = json.loads(r.output)
    assert [p for p in doc["results"][2]["problems"]] == []
    # a new bad title fails
    f.write_text(BAD + "\n" + "【新款】李宁 跑步鞋\n", encoding="utf-8")
    r = run("lint", "--baseline", str(base), "--format", "json", str(f))
    assert r.exit_code == 1
    assert json.loads(r.output)["results"][0]["problems"] == []


def test_directory_walk_skips_the_baseline_and_report(tmp_path):
    shop = _shop(tmp_path)
    base = shop / "titlekit-baseline.txt"
    run("lint", "--write-baseline", str(base), str(shop))
    doc = json.loads(run("lint", "--format", "json", "--baseline", str(base), str(shop)).output)
    assert all(Path(r["path"]).name != base.name for r in doc["results"])
    assert os.path.exists(base)


def test_outline_and_rewrite_speak_the_language_asked_for(tmp_path):
    listing = str(ROOT / "examples" / "tea.listing.yaml")
    zh = run("outline", listing, "-o", str(tmp_path / "zh"))
    en = run("outline", listing, "-o", str(tmp_path / "en"), "--lang", "en")
    assert zh.exit_code == en.exit_code == 0
    assert "份大纲和 index.md" in zh.output and "outline(s) and index.md" in en.output
    bad = run("outline", listing, "--date", "11/08", "--lang", "en")
    assert bad.exit_code == 2 and "is not a date like 2026-11-08" in bad.output
    assert "不是 2026-11-08 这样的日期" in run("outline", listing, "--date", "11/08").output
    assert "say where the result goes" in run("rewrite", listing, "--lang", "en").output
    assert "请说明结果写到哪里" in run("rewrite", listing).output


# -- csv and xlsx for Excel -------------------------------------------------------------------
def test_csv_report_is_one_row_per_title_in_utf8_with_bom(tmp_path):
    import csv
    import io

    out = tmp_path / "report.csv"
    titles = str(ROOT / "examples" / "titles.txt")
    r = run("lint", titles, "--format", "csv", "-o", str(out))
    assert r.exit_code in (0, 1), r.output
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    doc = json.loads(run("lint", titles, "--format", "json").output)
    assert rows[0] == ["文件", "行", "标题", "分数", "字节", "错误", "警告", "提示", "问题",
                       "安全修复后的标题"]
    assert len(rows) - 1 == len(doc["results"])
    for row, res in zip(rows[1:], doc["results"]):
        assert row[2] == res["title"] and int(row[3]) == res["score"]
        assert int(row[5]) == sum(p["severity"] == "error" for p in res["problems"])
        assert row[8].count("\n") + bool(row[8]) == len(res["problems"])
    fixed = [row[9] for row in rows[1:] if row[2].startswith("【爆款】耐克")]
    assert fixed == [titlekit_fix("【爆款】耐克 男鞋 运动鞋 运动鞋 ★包邮★")]
    en = run("lint", titles, "--format", "csv", "--lang", "en").output
    assert en.lstrip("\ufeff").startswith("file,row,title,score,bytes")


def titlekit_fix(title: str) -> str:
    import titlekit

    return titlekit.fix(title)


def test_xlsx_report_opens_with_the_same_rows(tmp_path):
    import openpyxl

    out = tmp_path / "report.xlsx"
    titles = str(ROOT / "examples" / "titles.txt")
    assert run("lint", titles, "--format", "xlsx").exit_code == 2  # a workbook needs -o
    r = run("lint", titles, "--format", "xlsx", "-o", str(out))
    assert r.exit_code in (0, 1), r.output
    rows = list(openpyxl.load_workbook(out).active.iter_rows(values_only=True))
    doc = json.loads(run("lint", titles, "--format", "json").output)
    assert rows[0][:4] == ("文件", "行", "标题", "分数")
    assert [(row[2], row[3]) for row in rows[1:]] == [(x["title"], x["score"])
                                                      for x in doc["results"]]


def test_xlsx_report_holds_titles_with_control_characters(tmp_path):
    import openpyxl

    src = tmp_path / "odd.txt"
    src.write_text("耐克\x1b[31m 运动鞋 男\n李宁 跑步鞋\n", encoding="utf-8")
    out = tmp_path / "odd.xlsx"
    r = run("lint", str(src), "--format", "xlsx", "-o", str(out))
    assert r.exit_code in (0, 1), r.output
    rows = list(openpyxl.load_workbook(out).active.iter_rows(values_only=True))
    assert rows[1][2] == "耐克\\x1b[31m 运动鞋 男" and rows[2][2] == "李宁 跑步鞋"
