"""Readers and write-back: every format and encoding round-trips; bad input names file and line."""

from __future__ import annotations

import codecs

import pytest

from titlekit.errors import InputError
from titlekit.formats.dispatch import read_bytes, read_path

TITLES = ["【爆款】耐克 男鞋 运动鞋", "李宁 韩版 运动鞋 透气"]


def test_txt_skips_comments_and_blank_lines(tmp_path):
    p = tmp_path / "t.txt"
    p.write_text("# comment\n\n" + "\n".join(TITLES) + "\n", encoding="utf-8")
    doc = read_path(p)
    assert [r.title for r in doc.records] == TITLES
    assert [r.line for r in doc.records] == [3, 4]


@pytest.mark.parametrize("encoding,bom", [
    ("utf-8", b""), ("utf-8", codecs.BOM_UTF8), ("gb18030", b""), ("utf-16-le", codecs.BOM_UTF16_LE),
    ("utf-16-be", codecs.BOM_UTF16_BE),
])
@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_txt_round_trip_keeps_encoding_bom_and_newlines(tmp_path, encoding, bom, newline):
    p = tmp_path / "t.txt"
    original = bom + newline.join(TITLES + ["# end"]).encode(encoding) + newline.encode(encoding)
    p.write_bytes(original)
    doc = read_path(p)
    assert doc.encoding == encoding and doc.bom == bom
    doc.write({0: "耐克 男鞋 运动鞋"})
    expected = bom + newline.join(["耐克 男鞋 运动鞋", TITLES[1], "# end"]).encode(encoding) \
        + newline.encode(encoding)
    assert p.read_bytes() == expected


CSV = (
    'id,title,price,description\r\n'
    '1,"【爆款】耐克 男鞋, 运动鞋",99.9,"<p>第一行\r\n第二行 ""引号""</p>"\r\n'
    '2,李宁 韩版 运动鞋,"1,299",plain\r\n'
)


@pytest.mark.parametrize("encoding,bom", [("utf-8", b""), ("utf-8", codecs.BOM_UTF8), ("gb18030", b"")])
def test_csv_round_trip_changes_only_the_title_field(tmp_path, encoding, bom):
    p = tmp_path / "c.csv"
    p.write_bytes(bom + CSV.encode(encoding))
    doc = read_path(p)
    assert [r.title for r in doc.records] == ["【爆款】耐克 男鞋, 运动鞋", "李宁 韩版 运动鞋"]
    assert [r.line for r in doc.records] == [2, 4]
    doc.write({0: "耐克 男鞋, 运动鞋", 1: "李宁 运动鞋"})
    expected = CSV.replace("【爆款】耐克", "耐克").replace("李宁 韩版 运动鞋", "李宁 运动鞋")
    assert p.read_bytes() == bom + expected.encode(encoding)


def test_csv_quotes_a_new_value_only_when_needed(tmp_path):
    p = tmp_path / "c.csv"
    p.write_text("title,x\nabc,1\n", encoding="utf-8")
    doc = read_path(p)
    doc.write({0: 'a,"b"'})
    assert p.read_text(encoding="utf-8") == 'title,x\n"a,""b""",1\n'


def test_tsv_and_context_columns(tmp_path):
    p = tmp_path / "c.tsv"
    p.write_text("宝贝名称\t品牌\t货号\t类目\n耐克 运动鞋\t耐克\tAB-1\t运动鞋\n", encoding="utf-8")
    doc = read_path(p)
    assert doc.delimiter == "\t"
    rec = doc.records[0]
    assert rec.title == "耐克 运动鞋"
    assert rec.context == {"brand": "耐克", "model": "AB-1", "category": "运动鞋"}


def assistant_export() -> bytes:
    lines = [
        "version 1.00",
        "title\tcid\tprice\tsubtitle\tdescription",
        "宝贝名称\t宝贝类目\t宝贝价格\t宝贝卖点\t宝贝描述",
        '【包邮】李宁 运动鞋\t50012345\t199.00\t透气\t"<p>行一\r\n行二</p>"',
        "安踏 跑步鞋 ★新款★\t50012345\t299.00\t轻便\t<p>x</p>",
    ]
    return codecs.BOM_UTF16_LE + "\r\n".join(lines).encode("utf-16-le") + "\r\n".encode("utf-16-le")


def test_taobao_assistant_export_round_trip(tmp_path):
    p = tmp_path / "item_export.csv"
    original = assistant_export()
    p.write_bytes(original)
    doc = read_path(p)
    assert doc.kind == "taobao-assistant" and doc.encoding == "utf-16-le"
    assert [r.title for r in doc.records] == ["【包邮】李宁 运动鞋", "安踏 跑步鞋 ★新款★"]
    assert [r.line for r in doc.records] == [4, 6]
    doc.write({1: "安踏 跑步鞋 新款"})
    assert p.read_bytes() == original.replace("安踏 跑步鞋 ★新款★".encode("utf-16-le"),
                                              "安踏 跑步鞋 新款".encode("utf-16-le"))


def test_jsonl_round_trip(tmp_path):
    p = tmp_path / "t.jsonl"
    p.write_text('{"id": 1, "title": "【爆款】耐克 男鞋", "brand": "耐克"}\n{"id": 2, "title": "李宁 运动鞋"}\n',
                 encoding="utf-8")
    doc = read_path(p)
    assert doc.records[0].context == {"brand": "耐克"}
    doc.write({0: "耐克 男鞋"})
    lines = p.read_text(encoding="utf-8").splitlines()
    assert lines[0] == '{"id": 1, "title": "耐克 男鞋", "brand": "耐克"}'
    assert lines[1] == '{"id": 2, "title": "李宁 运动鞋"}'


@pytest.mark.parametrize("name,data,line,cause", [
    ("bad.txt", "耐克\n李宁\n".encode() + b"\xff\xfe\xfa\n", 3, "既不是 UTF-8"),
    ("ragged.csv", "title,price\n耐克,1\n李宁\n".encode(), 3, "个字段"),
    ("quote.csv", 'title,price\n耐克,1\n"李宁,2\n'.encode(), 3, "引号字段没有结束"),
    ("stray.csv", 'title,price\n耐克 "x",1\n'.encode(), 2, "没有引号的字段里出现了引号"),
    ("nocol.csv", "name2,price\n耐克,1\n".encode(), 1, "没有标题列"),
    ("empty.txt", b"", None, "空文件"),
    ("comments.txt", b"# only\n\n", None, "空文件"),
    ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", 3, "二进制文件"),
    ("bad.jsonl", b'{"title": "x"}\n{oops}\n', 2, "JSON 格式错误"),
])
def test_bad_input_names_file_line_and_cause(name, data, line, cause):
    with pytest.raises(InputError) as err:
        read_bytes(name, data)
    assert err.value.path == name and err.value.line == line
    assert cause in str(err.value)


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="文件不存在"):
        read_path(tmp_path / "nope.csv")


def test_interrupted_write_leaves_original(tmp_path, monkeypatch):
    p = tmp_path / "t.txt"
    p.write_text("【爆款】耐克\n", encoding="utf-8")
    doc = read_path(p)

    def boom(*a, **k):
        raise KeyboardInterrupt

    monkeypatch.setattr("titlekit.formats.writing.os.replace", boom)
    with pytest.raises(KeyboardInterrupt):
        doc.write({0: "耐克"})
    assert p.read_text(encoding="utf-8") == "【爆款】耐克\n"
    assert [f.name for f in tmp_path.iterdir()] == ["t.txt"]
