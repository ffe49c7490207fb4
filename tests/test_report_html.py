"""The HTML audit report: escaping, counts, offline page; the 6,000 real titles in Chromium."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path
from urllib.parse import quote

import pytest
from click.testing import CliRunner

from titlekit.cli import main
from titlekit.output.report_html import render_report

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT.parent / "shared" / "data" / "taobao_titles_ner_train.jsonl"

EVIL = '<script>alert("x")</script> & \'q\' <img src=x onerror=alert(1)>'
EMOJI = "\U0001F600耐克 男鞋"  # one code point before the brand: offsets count code points
LONE = "耐克\udc80男鞋\x07\u202e棉"
PAIR = "\ud83d\ude00耐克"  # two surrogate code points, not one emoji


def problem(rule, code, severity, start, end, message, fix=None, **extra):
    return {"rule": rule, "code": code, "severity": severity, "start": start, "end": end,
            "message": message, "fix": fix, **extra}


def result(title, score, problems, line, **extra):
    return {"path": "cat.txt", "line": line, "title": title, "score": score,
            "bytes": 2 * len(title), "limit": 60, "unit": "gbk",
            "slots": [], "problems": problems, **extra}


def small_doc() -> dict:
    results = [
        result(EVIL, 40, [
            problem("special-symbol", "TK302", "error", 0, 1, "符号 “<” 不能用 & 出现"),
            problem("missing-brand", "TK202", "warning", 0, 0, "标题中找不到品牌 <b>"),
        ], 1),
        result(EMOJI, 85, [
            problem("repeated-keyword", "TK303", "warning", 1, 3, "关键词 “耐克” 重复",
                    fix={"start": 1, "end": 3, "replacement": ""}),
            problem("missing-selling-point", "TK204", "info", 6, 6, "没有卖点词"),
        ], 2),
        result(LONE, 70, [
            problem("special-symbol", "TK302", "error", 2, 3, "不可见字符"),
            problem("outline-order", "TK601", "info", 0, 0, "字段顺序", line=4),
        ], 3, fixed="耐克男鞋棉"),
        result(PAIR, 100, [], 4),
        result("耐克 男鞋 2024", 95, [
            problem("repeated-keyword", "TK303", "error", 0, 2, "重复（配置为错误）"),
        ], 5),
    ]
    return {"version": 1, "tool": "titlekit", "tool_version": "0.1.0", "platform": "taobao",
            "results": results,
            "summary": {"titles": 5, "problems": 7, "errors": 3, "warnings": 2, "infos": 2,
                        "mean_score": 78.0}}


def value(page: str, id_: str) -> str:
    m = re.search(rf'id="{id_}"[^>]*data-value="([^"]*)"', page)
    assert m, id_
    return m.group(1)


def text_of(page: str, id_: str) -> str:
    m = re.search(rf'id="{id_}"[^>]*>([^<]*)<', page)
    assert m, id_
    return m.group(1)


def rule_counts(page: str) -> dict[str, int]:
    return {m.group(1): int(m.group(2))
            for m in re.finditer(r'<tr data-rule="([^"]+)" data-count="(\d+)"', page)}


def blob(page: str) -> dict:
    m = re.search(r'<script type="application/json" id="tk-data">(.*?)</script>', page, re.DOTALL)
    assert m
    return json.loads(m.group(1))


def expected_rules(doc: dict) -> dict[str, int]:
    return dict(Counter(p["rule"] for r in doc["results"] for p in r["problems"]))


def assert_offline(page: str) -> None:
    assert not re.search(r"""(?:src|href|action)\s*=\s*["']?\s*(?:https?:)?//""", page, re.IGNORECASE)
    assert not re.search(r"url\(|@import|<link|<iframe|<img|<object|<embed", page, re.IGNORECASE)


# ---------------------------------------------------------------------------------------------
# pure tests


def test_everything_is_escaped():
    page = render_report(small_doc())
    page.encode("utf-8")  # no lone surrogate reaches the page
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "&lt;b&gt;" in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    # only the data blob and the code are scripts; the blob cannot close its element early
    assert page.count("<script") == 2 and page.count("</script>") == 2
    # controls, lone surrogates and bidi overrides are shown as visible escapes
    for esc in (r"\udc80", r"\x07", r"\u202e"):
        assert f'<span class="cc">{esc}</span>' in page
    assert "\x07" not in page and "\u202e" not in page


def test_blob_keeps_titles_code_point_for_code_point():
    doc = small_doc()
    data = blob(render_report(doc))
    titles = [row[0] if isinstance(row[0], str) else "".join(row[0]) for row in data["rows"]]
    assert titles == [r["title"] for r in doc["results"]]
    # a title with surrogate code points travels as one string per code point, so that
    # JSON.parse cannot pair "\ud83d\ude00" into one character
    assert data["rows"][3][0] == ["\ud83d", "\ude00", "耐", "克"]


def test_spans_are_marked_at_code_point_offsets():
    page = render_report(small_doc())
    assert re.search(r'<mark class="hl sev-warning" title="\[TK303 repeated-keyword\] [^"]*">'
                     r"耐克</mark>", page)
    assert re.search(r'<mark class="hl sev-error" title="[^"]*">\s*<span class="cc">\\udc80'
                     r"</span></mark>", page)
    # a zero-width problem is a caret at its offset; whole-title problems are not marked
    assert '<span class="pt sev-info" title="[TK204 missing-selling-point] 没有卖点词">' in page
    assert "建议删除 “耐克”" in page and "第 4 行" in page and "修正后：" in page


def test_counts_summary_and_rules():
    doc = small_doc()
    page = render_report(doc)
    for id_, key in (("n-titles", "titles"), ("n-problems", "problems"), ("n-errors", "errors"),
                     ("n-warnings", "warnings"), ("n-infos", "infos")):
        assert int(value(page, id_)) == doc["summary"][key], id_
    assert float(value(page, "mean-score")) == doc["summary"]["mean_score"]
    assert value(page, "share-errors") == "60.0"  # 3 of 5 titles have an error
    assert rule_counts(page) == expected_rules(doc)
    # one rule, two severities: both are shown on its row
    row = re.search(r'<tr data-rule="repeated-keyword".*?</tr>', page).group()
    assert 'data-titles="2"' in row and "badge sev-error" in row and "badge sev-warning" in row
    assert page.count('data-testid="worst-row"') == 5


def test_page_is_offline_and_self_contained():
    page = render_report(small_doc())
    assert "http://" not in page and "https://" not in page
    assert_offline(page)
    assert '<meta charset="utf-8">' in page and "<style>" in page


def test_english_labels_and_title():
    page = render_report(small_doc(), lang="en")
    assert '<html lang="en">' in page and "<title>titlekit title audit</title>" in page
    assert "Problems by rule" in page and "标题数" not in page
    custom = render_report(small_doc(), title="<本店> 周报", lang="en")
    assert "<title>&lt;本店&gt; 周报</title>" in custom
    with pytest.raises(ValueError):
        render_report(small_doc(), lang="fr")


def test_empty_document():
    page = render_report({"version": 1, "results": [], "summary": {}})
    assert value(page, "n-titles") == "0" and value(page, "mean-score") == ""
    assert rule_counts(page) == {}


def test_the_cli_document_renders_with_its_own_summary():
    out = CliRunner().invoke(main, ["lint", str(ROOT / "examples" / "titles.txt"),
                                    "--format", "json", "--exit-zero"]).output
    doc = json.loads(out)
    page = render_report(doc)
    s = doc["summary"]
    assert [int(value(page, f"n-{k}")) for k in ("titles", "problems", "errors", "warnings",
                                                 "infos")] == [
        s["titles"], s["problems"], s["errors"], s["warnings"], s["infos"]]
    assert float(value(page, "mean-score")) == s["mean_score"]
    assert rule_counts(page) == expected_rules(doc)
    assert page.count('data-testid="worst-row"') == min(20, s["titles"])


# ---------------------------------------------------------------------------------------------
# headless Chromium


def chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


def dump_dom(page: Path, fragment: str = "", *flags: str) -> str:
    with tempfile.TemporaryDirectory() as profile:
        out = subprocess.run(
            [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
             "--no-first-run", "--disable-background-networking", "--disable-component-update",
             "--disable-sync", f"--user-data-dir={profile}", *flags, "--dump-dom",
             page.resolve().as_uri() + fragment],
            check=True, capture_output=True, timeout=120).stdout
    return out.decode("utf-8", errors="replace")


NO_CHROMIUM = "chromium is not installed (apt-get install chromium fonts-noto-cjk)"
needs_chromium = pytest.mark.skipif(chromium() is None, reason=NO_CHROMIUM)


def shown(dom: str) -> tuple[int, int, int]:
    m = re.search(r'id="title-list" data-shown="(\d+)" data-total="(\d+)"', dom)
    assert m, "the script did not run"
    rows = re.findall(r'data-testid="title-row" data-index="\d+"', dom)  # not the script's copy
    return int(m.group(1)), int(m.group(2)), len(rows)


def number(dom: str, id_: str) -> int:
    return int(text_of(dom, id_).replace(",", ""))


@pytest.mark.slow
@needs_chromium
def test_chromium_draws_escaped_rows_at_code_point_offsets(tmp_path):
    page = tmp_path / "small.html"
    page.write_text(render_report(small_doc()), encoding="utf-8")
    dom = dump_dom(page)
    assert shown(dom) == (5, 5, 5)
    rows = re.findall(r'<article class="row" data-testid="title-row".*?</article>', dom, re.DOTALL)
    assert not re.search(r"<script>alert|<img", "".join(rows))
    assert "script&gt;alert(" in rows[0] and "&lt;img src=x onerror=alert(1)&gt;" in rows[0]
    assert re.search(r'<mark class="hl sev-warning"[^>]*>耐克</mark>', rows[1])
    assert '<span class="cc">\\udc80</span>' in rows[2]
    assert '<span class="cc">\\x07</span>' in rows[2]
    # the two surrogate code points stay two characters, each escaped
    assert '<span class="cc">\\ud83d</span><span class="cc">\\ude00</span>耐克' in rows[3]
    filtered = dump_dom(page, "#rule=repeated-keyword&severity=error")
    assert shown(filtered)[1:] == (1, 1) and number(filtered, "f-problems") == 1
    assert re.search(r'<tr data-rule="repeated-keyword"[^>]*class="on"', filtered)
    by_score = dump_dom(page, "#sort=-score&q=%E8%80%90%E5%85%8B")  # q=耐克
    order = re.findall(r'data-testid="title-row" data-index="(\d+)"', by_score)
    assert order == ["3", "4", "1", "2"]  # scores 100, 95, 85, 70; the first title lacks 耐克


@pytest.fixture(scope="module")
def real_report(tmp_path_factory) -> tuple[dict, Path]:
    if not REAL.is_file():
        pytest.skip(f"{REAL} is not present (../shared/data ships with titlekit's CI)")
    if chromium() is None:
        pytest.skip(NO_CHROMIUM)
    out = subprocess.run([sys.executable, "-m", "titlekit.cli", "lint", str(REAL),
                          "--format", "json", "--exit-zero"],
                         check=True, capture_output=True).stdout
    doc = json.loads(out)
    page = tmp_path_factory.mktemp("report") / "report.html"
    page.write_text(render_report(doc), encoding="utf-8")
    return doc, page


@pytest.mark.slow
def test_real_catalog_counts_in_chromium(real_report):
    doc, page = real_report
    s = doc["summary"]
    assert s["titles"] == 6000
    assert page.stat().st_size < 4_000_000
    assert_offline(page.read_text(encoding="utf-8"))
    dom = dump_dom(page)
    for k in ("titles", "problems", "errors", "warnings", "infos"):
        assert int(value(dom, f"n-{k}")) == s[k], k
        assert number(dom, f"f-{k}") == s[k], k  # drawn by the script from the data blob
    assert float(value(dom, "mean-score")) == s["mean_score"]
    assert rule_counts(dom) == expected_rules(doc)
    rows_shown, total, rows = shown(dom)
    assert total == 6000 and rows == rows_shown and 200 <= rows_shown < 6000
    ready = re.search(r'data-ready-ms="(\d+)"', dom)
    assert ready and int(ready.group(1)) < 3000  # navigation start to the first 200 rows


@pytest.mark.slow
@pytest.mark.parametrize("fragment", ["rule=repeated-keyword", "rule=special-symbol&severity=error",
                                      "severity=info", "severity=none", "q=连衣裙",
                                      "rule=missing-brand&q=LED", "severity=warning&q=2017"])

def test_real_catalog_filters_in_chromium(real_report, fragment):
    doc, page = real_report
    f = dict(kv.split("=") for kv in fragment.split("&"))
    q = f.get("q", "").lower()

    def hit(p):
        return f.get("rule") in (None, p["rule"]) and f.get("severity") in (None, p["severity"])

    titles = [r for r in doc["results"] if q in r["title"].lower()
              and ((not r["problems"]) if f.get("severity") == "none"
                   else any(hit(p) for p in r["problems"]) or set(f) <= {"q"})]
    problems = Counter(p["severity"] for r in titles for p in r["problems"]
                       if f.get("severity") != "none" and hit(p))
    frag = "&".join(f"{k}={quote(v)}" for k, v in f.items())
    dom = dump_dom(page, "#" + frag)
    assert number(dom, "f-titles") == len(titles)
    assert number(dom, "f-problems") == sum(problems.values())
    assert number(dom, "f-errors") == problems["error"]
    rows_shown, total, rows = shown(dom)
    assert total == len(titles) and rows == rows_shown
    assert rows_shown == len(titles) if len(titles) <= 200 else rows_shown >= 200
    if "rule" in f:
        assert re.search(rf'<tr data-rule="{f["rule"]}"[^>]*class="on"', dom)


@pytest.mark.slow
def test_real_catalog_draws_more_rows_on_click_and_scroll(real_report, tmp_path):
    _doc, page = real_report
    # a copy of the page that presses "show more" once, then scrolls to the end of the list
    # (the scroll event is sent by hand: headless Chromium sends none without frames)
    driven = tmp_path / "driven.html"
    driven.write_text(page.read_text(encoding="utf-8").replace("</body>", (
        '<script>document.getElementById("more").click();'
        "setTimeout(function () { window.scrollTo(0, document.body.scrollHeight);"
        'window.dispatchEvent(new Event("scroll")); }, 300);</script></body>')),
        encoding="utf-8")
    dom = dump_dom(driven, "", "--virtual-time-budget=5000", "--window-size=1280,2000")
    assert shown(dom) == (600, 6000, 600)
    assert "600 / 6,000" in re.search(r'<button type="button" id="more">[^<]*', dom).group()


@pytest.mark.slow
def test_real_catalog_screenshot(real_report, tmp_path):

    sys.path.insert(0, str(ROOT / "scripts"))
    from render_outline_png import screenshot

    _doc, page = real_report
    png = tmp_path / "report.png"
    screenshot(page, png, width=1280, height=2000)
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 100_000


def test_lint_writes_the_html_report_with_the_json_counts(tmp_path):
    src = tmp_path / "titles.txt"
    src.write_text("【爆款】耐克 男鞋 运动鞋 运动鞋 ★包邮★\n华为 mate60 pro 手机壳 硅胶\n",
                   encoding="utf-8")
    out = tmp_path / "report.html"
    done = CliRunner().invoke(main, ["lint", "--no-config", str(src), "--format", "html",
                                     "-o", str(out)])
    assert done.exit_code == 1, done.output
    as_json = json.loads(CliRunner().invoke(main, ["lint", "--no-config", str(src),
                                                   "--format", "json"]).output)
    page = out.read_text(encoding="utf-8")
    assert value(page, "n-titles") == str(as_json["summary"]["titles"])
    assert value(page, "n-problems") == str(as_json["summary"]["problems"])
    assert value(page, "n-errors") == str(as_json["summary"]["errors"])
