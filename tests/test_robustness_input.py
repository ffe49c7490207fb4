"""Regression tests of issue 20's input classes: odd titles and files are read, reported or
refused with exit 2, and a write-back changes nothing but the title (one test per class)."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

import titlekit
from titlekit.cli.main import main
from titlekit.errors import InputError
from titlekit.formats.dispatch import read_path
from titlekit.output.text import render_text


def run(*args: str, input: bytes | None = None):
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


# 01 lone surrogates: no crash, reported as a special symbol, offsets in the title
@pytest.mark.parametrize("title", ["耐克\udcff运动鞋", "I\udcff", "\ud83d", "\udcff 男鞋 \ud800"])
def test_01_lone_surrogate_title(title):
    r = titlekit.lint(title)
    assert r.title == title
    assert any(p.rule == "special-symbol" for p in r.problems)
    for x in [*r.slots, *r.problems]:
        assert 0 <= x.start <= x.end <= len(title)
    fixed = titlekit.fix(title)
    assert not any(0xD800 <= ord(c) <= 0xDFFF for c in fixed)
    out = run("lint", "--format", "json", "--", title)
    assert out.exit_code in (0, 1)
    assert json.loads(out.output)["results"][0]["title"] == title  # exact, as a \u escape


def test_01_surrogate_escapes_in_json_files(tmp_path):
    (tmp_path / "c.jsonl").write_text('{"title": "【爆款】耐克\\udcff运动鞋", "n": 1}\n')
    res = run("lint", "--fix", str(tmp_path / "c.jsonl"))
    assert res.exit_code in (0, 1)
    line = (tmp_path / "c.jsonl").read_text()
    assert json.loads(line)["n"] == 1 and "\\udcff" not in line or "\\u" in line
    p = tmp_path / "e.listing.json"
    p.write_text('{"title": "耐克\\ud83d\\ude00运动鞋", "brand": "耐克"}\n')
    assert read_path(p).records[0].title == "耐克😀运动鞋"  # a pair, read as JSON


# 02 a title argument longer than a file name
def test_02_long_title_argument():
    title = "耐克运动鞋男款" * 13  # 273 UTF-8 bytes
    res = run("lint", "--format", "json", title)
    assert res.exit_code in (0, 1)
    assert json.loads(res.output)["results"][0]["title"] == title


# 04 .jsonl: only the title's string token changes
def test_04_jsonl_splices_the_title_only(tmp_path):
    p = tmp_path / "a.jsonl"
    old = ('{"id":1,"title":"【爆款】耐克 男鞋 运动鞋 ★包邮★","price":1.50,"n":1e3,"url":"a\\/b"}\n'
           '{"title": "【新】李宁 跑步鞋", "title": "【新】李宁 跑步鞋 男"}\r\n'
           '{"title": "\\u3010\\u65b0\\u3011\\u674e\\u5b81 \\u8dd1\\u6b65\\u978b", "x": [1, 2]}\n')
    p.write_bytes(old.encode())
    assert run("lint", "--fix", str(p)).exit_code in (0, 1)
    a, b, c = p.read_bytes().decode().split("\n")[:3]
    assert a.startswith('{"id":1,"title":"') and a.endswith('","price":1.50,"n":1e3,"url":"a\\/b"}')
    assert b.startswith('{"title": "【新】李宁 跑步鞋", "title": "') and b.endswith('"}\r')
    assert "【" not in json.loads(b)["title"]
    assert c.endswith('", "x": [1, 2]}') and c.isascii()  # escaped as before


# 05 .txt: lines end only at \n, \r\n, \r; the whitespace around a title stays
def test_05_txt_line_breaks_and_whitespace(tmp_path):
    p = tmp_path / "s.txt"
    p.write_bytes("【爆款】耐克 运动鞋\u2028李宁 跑步鞋\n   【爆款】耐克 运动鞋  \n\t★李宁 跑步鞋\r\n"
                  "a\x0cb\r【新】c\r".encode())
    doc = read_path(p)
    assert len(doc.records) == 5
    assert run("lint", "--fix", str(p)).exit_code in (0, 1)
    lines = p.read_bytes().decode().replace("\r\n", "\n").replace("\r", "\n").split("\n")
    assert len(lines) == 6 and lines[1].startswith("   ") and lines[1].endswith("  ")
    assert lines[2].startswith("\t") and "\x0c" in lines[3]


# 06 YAML: block scalars keep the next key's line; an aliased title is not rewritten
def test_06_yaml_block_scalar(tmp_path):
    import yaml

    for style in ("|", ">", "|-", "|+"):
        p = tmp_path / "b.listing.yaml"
        p.write_text(f"title: {style}\n  【爆款】耐克 运动鞋\nbrand: 耐克\n", encoding="utf-8")
        assert run("lint", "--fix", str(p)).exit_code in (0, 1)
        data = yaml.safe_load(p.read_text(encoding="utf-8"))
        assert data["brand"] == "耐克" and "【" not in data["title"], p.read_text()
        assert p.read_text(encoding="utf-8").endswith("\nbrand: 耐克\n")


def test_06_yaml_alias_is_not_fixed(tmp_path):
    for text in ("brand_story: &t 【爆款】耐克 运动鞋\ntitle: *t\nbrand: 耐克\n",
                 "title: &t 【爆款】耐克 运动鞋\nbrand_story: *t\nbrand: 耐克\n"):
        p = tmp_path / "al.listing.yaml"
        p.write_text(text, encoding="utf-8")
        res = run("lint", "--fix", str(p))
        assert res.exit_code == 2 and "alias" in res.output and "al.listing.yaml" in res.output
        assert p.read_text(encoding="utf-8") == text
    p.write_text("title: &t 【爆款】耐克 运动鞋\nbrand: 耐克\n", encoding="utf-8")
    assert run("lint", "--fix", str(p)).exit_code in (0, 1)
    assert p.read_text(encoding="utf-8").startswith("title: &t ")  # the anchor stays


# 07 valid JSON accepted
def test_07_valid_json_accepted(tmp_path):
    p = tmp_path / "tab.listing.json"
    p.write_text('{\n\t"title": "【爆款】耐克 运动鞋",\n\t"brand": "耐克",\n\t"n": [1,\n\t2]\n}\n')
    doc = read_path(p)
    assert doc.records[0].title == "【爆款】耐克 运动鞋" and doc.records[0].line == 2
    assert doc.records[0].listing.lines["brand"] == 3
    assert run("lint", "--fix", str(p)).exit_code in (0, 1)
    assert p.read_text().endswith('",\n\t"brand": "耐克",\n\t"n": [1,\n\t2]\n}\n')
    q = tmp_path / "d.jsonl"
    q.write_text('{"title": "耐克 运动鞋", "desc": "a\u2028b"}\n', encoding="utf-8")
    assert len(read_path(q).records) == 1


# 08 a damaged .xlsx is an InputError naming the file
def _xlsx(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.append(["编号", "宝贝名称"])
    wb.active.append(["A1", "【爆款】耐克 运动鞋"])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_08_corrupt_xlsx(tmp_path):
    good = _xlsx(tmp_path)
    z = zipfile.ZipFile(io.BytesIO(good))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as w:
        for n in z.namelist():
            c = z.read(n)
            if n == "xl/worksheets/sheet1.xml":
                c = c.replace(b"<sheetData>", b"<sheetData><", 1)
            w.writestr(n, c)
    cases = {"badxml.xlsx": out.getvalue()}
    d = bytearray(good)
    info = z.getinfo("xl/worksheets/sheet1.xml")
    name = info.filename.encode()
    cd = d.index(b"PK\x01\x02")  # the central directory's entries
    while bytes(d[cd + 46:cd + 46 + len(name)]) != name:
        cd = d.index(b"PK\x01\x02", cd + 4)
    d[cd + 10] = 99  # an unknown compression method in the central directory
    cases["badmethod.xlsx"] = bytes(d)
    d = bytearray(good)
    d[info.header_offset + 30 + len(info.filename) + 20] ^= 0xFF
    cases["baddeflate.xlsx"] = bytes(d)
    for name, data in cases.items():
        p = tmp_path / name
        p.write_bytes(data)
        with pytest.raises(InputError, match=name):
            read_path(p)
        res = run("rewrite", str(p), "-o", str(tmp_path / "out.xlsx"))
        assert res.exit_code == 2 and name in res.output
        assert p.read_bytes() == data and not (tmp_path / "out.xlsx").exists()


def test_08_fuzzer_found_xlsx(tmp_path):
    fixture = Path(__file__).resolve().parents[2] / "shared" / "repro" / "fixtures" / "badmethod.xlsx"
    if not fixture.is_file():
        pytest.skip("../shared/repro is not present (it ships with titlekit's CI)")
    with pytest.raises(InputError, match="badmethod.xlsx"):
        read_path(fixture)


# 09 a NUL anywhere makes a file binary
def test_09_nul_after_8k(tmp_path):
    s = "id,title\n" + "".join(f"{i},李宁 跑步鞋 {i}\n" for i in range(600))
    b = s.encode()
    p = tmp_path / "nul.csv"
    p.write_bytes(b[:9000] + b"\x00" + b[9000:])
    with pytest.raises(InputError, match="二进制文件") as exc:
        read_path(p)
    assert exc.value.line == b[:9000].count(b"\n") + 1
    p.write_bytes(b"\xef\xbb\xbf" + b + b"\x00")
    with pytest.raises(InputError, match="二进制文件"):
        read_path(p)


# 18 text output shows control characters escaped; JSON keeps them exact
def test_18_terminal_escape(tmp_path):
    title = "耐克 运动鞋 \x1b]0;pwned\x07 男款 \x1b[31m红字\x1b[0m \u202e \x9b"
    text = render_text([titlekit.lint(title)], verbose=True)
    assert "\x1b" not in text and "\x07" not in text and "\u202e" not in text
    assert "\x9b" not in text and "\\x1b]0;pwned\\x07" in text and "\\u202e" in text
    p = tmp_path / "esc.txt"
    p.write_text(title + "\n", encoding="utf-8")
    res = run("lint", "--format", "json", str(p))
    assert json.loads(res.output)["results"][0]["title"] == title
