"""Hypothesis strategies for titles and for title files in every input format titlekit reads.

Only the standard library, Hypothesis and openpyxl (a titlekit dependency, for .xlsx) are used
here: nothing of titlekit itself, so these strategies survive a reorganisation of its modules.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
from dataclasses import dataclass, field
from pathlib import Path

from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[2]
LEXICONS = ROOT / "lexicons"


def _lexicon_words(name: str) -> list[str]:
    path = LEXICONS / name
    if not path.is_file():
        return []
    words = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        words.append(line.split("\t")[0].split("|")[0])
    return [w for w in words if w]


BRANDS = _lexicon_words("brands-curated.txt") or ["耐克", "李宁", "安踏", "茵曼"]
PRODUCTS = _lexicon_words("products-curated.txt") or ["连衣裙", "运动鞋", "手机壳"]
SPAM = _lexicon_words("spam.txt") or ["便宜", "低价"]
PROMOS = _lexicon_words("promotions.txt") or ["包邮", "特价"]
PLAIN_WORDS = ["韩版", "男士", "女", "夏季", "新款", "2026", "透气", "防滑", "加厚", "纯棉", "显瘦",
               "碎花", "雪纺", "黑色", "39-44", "ln2026", "AJ1", "5G", "全网通", "官方", "正品",
               "s码", "100ml", "1.5m", "x2", "套装", "大码", "学生", "ins", "复古"]

# Characters and sequences fuzzing found or that a title can carry in practice.
LINE_BREAKS = ["\u2028", "\u2029", "\u0085", "\v", "\f", "\x1c", "\x1d", "\x1e", "\r", "\n", "\r\n"]
ZERO_WIDTH = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u180e"]
BIDI = ["\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067",
        "\u2068", "\u2069", "\u061c"]
CONTROLS = ["\x00", "\x01", "\x07", "\x08", "\x1b", "\x1b[31m", "\x1b]0;x\x07", "\x7f", "\x80",
            "\x8e", "\x9b", "\t"]
EMOJI = ["😀", "🔥", "🔥🔥", "👍🏽", "👨‍👩‍👧‍👦", "🇨🇳", "🏳️‍🌈", "1️⃣", "❤️", "✌🏿", "🧑🏻‍💻", "\U0001faf6"]
COMBINING = ["\u0301", "\u0308", "\u20dd", "\u0489", "e\u0301", "a\u030a", "\u3099", "\u309a"]
BRACKETS = ["【", "】", "[", "]", "(", ")", "（", "）", "《", "》", "「", "」", "“", "”", "〔", "〕",
            "【爆款】", "（包邮）", "[新品]"]
SYMBOLS = ["★", "☆", "♥", "❤", "!", "！", "~", "～", "#", "™", "®", "©", "●", "◆", "※", "→", "✔",
           "-", "+", ".", "*", "/", "%", "＊", "、", "，", ",", " ", "\u3000", "  "]
SURROGATES = ["\udcff", "\ud800", "\udfff", "\ud83d", "\ude00", "\ud83d\ude00"]
FULL_WIDTH = "".join(chr(c) for c in range(0xFF01, 0xFF5F))
TRADITIONAL = {"韩": "韓", "连": "連", "运": "運", "动": "動", "邮": "郵", "机": "機", "儿": "兒",
               "车": "車", "电": "電", "脑": "腦", "无": "無", "线": "線", "书": "書", "门": "門",
               "东": "東", "风": "風", "发": "發", "时": "時", "长": "長", "鱼": "魚", "龙": "龍",
               "号": "號", "礼": "禮", "红": "紅", "绿": "綠", "蓝": "藍", "黄": "黃", "丝": "絲",
               "袜": "襪", "裤": "褲", "开": "開", "关": "關", "实": "實", "质": "質", "专": "專",
               "业": "業", "乐": "樂", "万": "萬", "与": "與", "为": "為", "买": "買", "卖": "賣",
               "鞋": "鞋", "宁": "寧", "装": "裝", "纺": "紡", "显": "顯", "瘦": "瘦", "款": "款",
               "码": "碼", "适": "適", "护": "護", "伞": "傘", "锅": "鍋", "钱": "錢", "钟": "鐘"}
TRAD_TITLES = ["韓版 連衣裙 女 夏季 顯瘦 雪紡", "李寧 運動鞋 男款 透氣", "無線 藍牙耳機 運動 防水",
               "電腦 機械鍵盤 紅軸", "真絲 襪子 女 長款", "買一送一 長袖 褲子 專櫃"]

SPECIAL_PIECES = (LINE_BREAKS + ZERO_WIDTH + BIDI + CONTROLS + EMOJI + COMBINING + BRACKETS
                  + SYMBOLS)

# Every code point, lone surrogates included (Hypothesis leaves out category Cs by default).
any_char = st.characters(exclude_categories=())
no_surrogate_char = st.characters()
cjk_char = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
full_width_char = st.sampled_from(FULL_WIDTH)

word = st.one_of(
    st.sampled_from(BRANDS), st.sampled_from(PRODUCTS), st.sampled_from(PLAIN_WORDS),
    st.sampled_from(SPAM), st.sampled_from(PROMOS), st.text(cjk_char, min_size=1, max_size=4),
)


def _pieces(allow_surrogates: bool) -> st.SearchStrategy[str]:
    options = [
        word, word, word,
        st.sampled_from(SPECIAL_PIECES),
        st.sampled_from(TRAD_TITLES),
        st.text(full_width_char, min_size=1, max_size=6),
        st.text(any_char if allow_surrogates else no_surrogate_char, min_size=1, max_size=3),
    ]
    if allow_surrogates:
        options.append(st.sampled_from(SURROGATES))
    return st.one_of(options)


@st.composite
def composed_title(draw, allow_surrogates: bool = True, max_pieces: int = 14) -> str:
    """Words of a Taobao title mixed with every kind of awkward character."""
    parts = draw(st.lists(_pieces(allow_surrogates), max_size=max_pieces))
    seps = draw(st.lists(st.sampled_from(["", " ", " ", "  ", ",", "\u3000", "\t"]),
                         min_size=len(parts), max_size=len(parts)))
    return "".join(p + s for p, s in zip(parts, seps))


@st.composite
def long_title(draw, max_chars: int = 10_000) -> str:
    """Long titles (up to ``max_chars``): a short title repeated, then cut at a random place."""
    base = draw(composed_title(allow_surrogates=False, max_pieces=6).filter(bool))
    n = draw(st.integers(min_value=1, max_value=max_chars))
    return (base * (n // len(base) + 1))[:n]


whitespace_title = st.text(st.sampled_from([" ", "\t", "\u3000", "\u00a0", "\u2028", "\u200b",
                                            "\f", "\v", "\r", "\n"]), max_size=8)

unmatched_brackets = st.builds(
    lambda a, b, c: a + b + c, st.sampled_from(BRACKETS), word,
    st.sampled_from(["", " 男鞋", "】", "【", ")", "（"]))


def titles(allow_surrogates: bool = True, long: bool = True) -> st.SearchStrategy[str]:
    """Every kind of title: arbitrary Unicode, composed titles, long, blank, unmatched brackets."""
    options = [
        st.text(any_char if allow_surrogates else no_surrogate_char, max_size=40),
        composed_title(allow_surrogates=allow_surrogates),
        composed_title(allow_surrogates=allow_surrogates),
        whitespace_title,
        unmatched_brackets,
        st.sampled_from(TRAD_TITLES),
        st.just(""),
    ]
    if long:
        options.append(long_title())
    return st.one_of(options)


# --- mutations of a real title ---------------------------------------------------------------


@st.composite
def mutated(draw, base: st.SearchStrategy[str], allow_surrogates: bool = True) -> str:
    """A real title with a few edits: inserted odd characters, deletions, repeats, width and
    script changes, brackets."""
    t = draw(base)
    for _ in range(draw(st.integers(0, 4))):
        op = draw(st.sampled_from(["insert", "delete", "repeat", "bracket", "fullwidth",
                                   "traditional", "upper", "swap"]))
        i = draw(st.integers(0, len(t)))
        j = draw(st.integers(i, min(len(t), i + 8)))
        if op == "insert":
            t = t[:i] + draw(_pieces(allow_surrogates)) + t[i:]
        elif op == "delete":
            t = t[:i] + t[j:]
        elif op == "repeat":
            t = t[:j] + " " + t[i:j] + t[j:]
        elif op == "bracket":
            left, right = draw(st.sampled_from([("【", "】"), ("(", ")"), ("《", "》"), ("【", ""),
                                                ("", "】"), ("“", "”")]))
            t = t[:i] + left + t[i:j] + right + t[j:]
        elif op == "fullwidth":
            t = t[:i] + "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c
                                for c in t[i:j]) + t[j:]
        elif op == "traditional":
            t = "".join(TRADITIONAL.get(c, c) for c in t)
        elif op == "upper":
            t = t.upper()
        elif op == "swap":
            words = t.split(" ")
            if len(words) > 1:
                a, b = draw(st.permutations(range(len(words))))[:2]
                words[a], words[b] = words[b], words[a]
                t = " ".join(words)
    return t


# --- files ----------------------------------------------------------------------------------

FORMATS = ["txt", "csv-utf8", "csv-bom", "csv-gbk", "assistant", "jsonl", "listing-yaml",
           "listing-json", "xlsx"]


@dataclass
class TitleFile:
    """A generated input file: its name, its bytes and the titles it holds, in order."""

    name: str
    data: bytes
    titles: list[str]
    kind: str
    title_column: str = "title"
    extra: dict = field(default_factory=dict)


def _safe_for_file(t: str, kind: str) -> bool:
    bad = set(LINE_BREAKS) | {"\x00"}
    if any(c in t for c in bad) or any(0xD800 <= ord(c) <= 0xDFFF for c in t):
        return False
    if kind == "txt" and (t.lstrip().startswith("#") or not t.strip()):
        return False
    if kind == "txt" and t.lstrip().lower().startswith("version 1.00"):
        return False
    if kind in ("csv-gbk",):
        try:
            t.encode("gbk")
        except UnicodeEncodeError:
            return False
    if kind == "assistant" and ("\t" in t or '"' in t):
        return False
    if kind == "xlsx" and any(ord(c) < 0x20 and c not in "\t" for c in t):
        return False
    return bool(t.strip())


def file_titles(kind: str, min_size: int = 1, max_size: int = 6) -> st.SearchStrategy[list[str]]:
    """Titles that a valid file of ``kind`` can hold as they are (no line breaks, no NUL, and
    what the encoding can write)."""
    one = st.one_of(composed_title(allow_surrogates=False, max_pieces=8),
                    st.sampled_from(TRAD_TITLES), unmatched_brackets,
                    st.sampled_from(["【爆款】耐克 男鞋 运动鞋 运动鞋 ★包邮★",
                                     "李宁 韩版 男士 运动鞋 透气 防滑 跑步鞋 2026新款 包邮",
                                     "全网最低价 高仿大牌同款 女包 清仓 特价 秒杀 包邮 正品"]))
    return st.lists(one.filter(lambda t: _safe_for_file(t, kind)), min_size=min_size,
                    max_size=max_size)


def _csv_bytes(rows: list[list[str]], encoding: str, bom: bytes, newline: str) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator=newline)
    w.writerows(rows)
    return bom + buf.getvalue().encode(encoding)


def build_file(kind: str, titles: list[str], newline: str = "\n") -> TitleFile:
    """A valid file of ``kind`` holding ``titles`` (plus other columns or fields to keep)."""
    if kind == "txt":
        lines = ["# titles", ""] + titles
        data = (newline.join(lines) + newline).encode("utf-8")
        return TitleFile("titles.txt", data, titles, kind)
    if kind.startswith("csv"):
        rows = [["编号", "title", "brand", "描述"]]
        rows += [[f"A{i}", t, "", f'描述 "{i}", 第{i}行\n第二行'] for i, t in enumerate(titles)]
        encoding, bom = {"csv-utf8": ("utf-8", b""), "csv-bom": ("utf-8", codecs.BOM_UTF8),
                         "csv-gbk": ("gbk", b"")}[kind]
        return TitleFile("catalog.csv", _csv_bytes(rows, encoding, bom, "\r\n" if newline ==
                                                   "\r\n" else "\n"), titles, kind)
    if kind == "assistant":
        lines = ["version 1.00", "title\tcid\tprice\tsubtitle\tdescription",
                 "宝贝名称\t宝贝类目\t宝贝价格\t宝贝卖点\t宝贝描述"]
        lines += [f'{t}\t50012345\t{99 + i}.00\t透气\t"<p>行一\r\n行二 ""{i}""</p>"'
                  for i, t in enumerate(titles)]
        data = codecs.BOM_UTF16_LE + ("\r\n".join(lines) + "\r\n").encode("utf-16-le")
        return TitleFile("item_export.csv", data, titles, kind)
    if kind == "jsonl":
        lines = [json.dumps({"id": i, "title": t, "price": 1.50, "tags": ["a", "b"]},
                            ensure_ascii=bool(i % 2)) for i, t in enumerate(titles)]
        data = (newline.join(lines) + newline).encode("utf-8")
        return TitleFile("catalog.jsonl", data, titles, kind)
    if kind == "listing-yaml":
        t = titles[0]
        data = ("# listing\n" + f"title: {json.dumps(t, ensure_ascii=False)}\n"
                + "brand: 李宁  # brand\nprice: 299.9\nselling_points: [透气, 防滑]\n").encode()
        return TitleFile("item.listing.yaml", data, titles[:1], kind)
    if kind == "listing-json":
        t = titles[0]
        data = json.dumps({"title": t, "brand": "李宁", "price": 299.9}, ensure_ascii=False,
                          indent=2).encode() + b"\n"
        return TitleFile("item.listing.json", data, titles[:1], kind)
    if kind == "xlsx":
        import openpyxl

        wb = openpyxl.Workbook()
        ws = wb.active
        ws.append(["编号", "宝贝名称", "价格"])
        for i, t in enumerate(titles):
            ws.append([f"A{i}", t, 99.5 + i])
        wb.create_sheet("其他").append(["保留", "这一页"])
        buf = io.BytesIO()
        wb.save(buf)
        return TitleFile("catalog.xlsx", buf.getvalue(), titles, kind, title_column="宝贝名称")
    raise ValueError(kind)


@st.composite
def valid_files(draw, kinds: list[str] | None = None, max_titles: int = 6) -> TitleFile:
    kind = draw(st.sampled_from(kinds or FORMATS))
    ts = draw(file_titles(kind, max_size=max_titles))
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    return build_file(kind, ts, newline)


MUTATIONS = ["truncate", "flip", "nul", "mixed-encoding", "stray-quote", "bom-middle", "cr-only",
             "huge-field", "embedded-newline", "json-escape", "raw-separator", "yaml-block",
             "yaml-alias", "delete", "duplicate", "splice-linebreak"]


def _at(draw, data: bytes) -> int:
    return draw(st.integers(0, len(data)))


@st.composite
def mutated_files(draw, kinds: list[str] | None = None) -> TitleFile:
    """A valid file, then damaged in one to three ways."""
    f = draw(valid_files(kinds))
    data = f.data
    applied = []
    for _ in range(draw(st.integers(1, 3))):
        m = draw(st.sampled_from(MUTATIONS))
        applied.append(m)
        i = _at(draw, data)
        if m == "truncate":
            data = data[:i]
        elif m == "flip" and data:
            i = min(i, len(data) - 1)
            data = data[:i] + bytes([data[i] ^ draw(st.integers(1, 255))]) + data[i + 1:]
        elif m == "nul":
            data = data[:i] + b"\x00" + data[i:]
        elif m == "mixed-encoding":
            piece = draw(st.sampled_from(["运动鞋", "連衣裙", "耐克"])).encode(
                draw(st.sampled_from(["gbk", "utf-16-le", "big5", "utf-8", "latin-1"])),
                errors="replace")
            data = data[:i] + piece + data[i:]
        elif m == "stray-quote":
            data = data[:i] + draw(st.sampled_from([b'"', b"'", b'""', b'\\"'])) + data[i:]
        elif m == "bom-middle":
            data = data[:i] + draw(st.sampled_from([codecs.BOM_UTF8, codecs.BOM_UTF16_LE,
                                                    codecs.BOM_UTF16_BE])) + data[i:]
        elif m == "cr-only":
            data = data.replace(b"\r\n", b"\n").replace(b"\n", b"\r")
        elif m == "huge-field":
            n = draw(st.sampled_from([300, 5000, 70_000]))
            data = data[:i] + ("连衣裙" * n).encode() + data[i:]
        elif m == "embedded-newline":
            data = data[:i] + draw(st.sampled_from([b"\n", b"\r\n", b"\r", b"\n\n"])) + data[i:]
        elif m == "json-escape":
            data = data[:i] + draw(st.sampled_from(
                [b"\\u2028", b"\\udcff", b"\\ud83d\\ude00", b"\\u0000", b"\\n", b"\\\\", b"\\x"]
            )) + data[i:]
        elif m == "raw-separator":
            data = data[:i] + draw(st.sampled_from(
                ["\u2028", "\u2029", "\u0085", "\t", ",", ";", "\x1e"])).encode() + data[i:]
        elif m == "yaml-block":
            data = data + draw(st.sampled_from(
                [b"title: |\n  \xe3\x80\x90\xe7\x88\x86\xe6\xac\xbe\xe3\x80\x91 x\n",
                 b"notes: >-\n  a\n  b\n", b"title: |+\n  a\n\n"]))
        elif m == "yaml-alias":
            data = data + draw(st.sampled_from([b"x: &a 1\ny: *a\n", b"title: *missing\n",
                                                b"a: &a [*a]\n", b"<<: *a\n"]))
        elif m == "delete":
            j = draw(st.integers(i, min(len(data), i + 64)))
            data = data[:i] + data[j:]
        elif m == "duplicate":
            j = draw(st.integers(i, min(len(data), i + 64)))
            data = data[:j] + data[i:j] + data[j:]
        elif m == "splice-linebreak":
            data = data[:i] + draw(st.sampled_from(LINE_BREAKS[:8])).encode() + data[i:]
    return TitleFile(f.name, data, f.titles, f.kind, f.title_column, {"mutations": applied})
