"""Catalog brand discovery (titlekit.reading.discovery) and the fold split of its simulation
(bench/discovery_sim.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from titlekit.reading.discovery import candidates, discover, rejection
from titlekit.reading.reader import get_reader

ROOT = Path(__file__).resolve().parents[1]
ITEMS = ("纯棉T恤 男 短袖 夏季", "连帽卫衣 女 宽松", "运动裤 男 束脚", "帆布鞋 女 低帮",
         "双肩包 学生 大容量")
BACKGROUND = [f"{w} {item}" for w in ("新款", "爆款", "韩版", "欧美", "简约", "百搭", "复古", "休闲")
              for item in ITEMS]  # 40 titles that start with ordinary words, 5 each


def catalog(start: str, n: int = 12) -> list[str]:
    return [f"{start} {ITEMS[i % len(ITEMS)]} {i}" for i in range(n)] + BACKGROUND


@pytest.fixture(scope="module")
def reader():
    return get_reader()


def test_an_unknown_latin_word_that_starts_many_titles_is_discovered(reader):
    # the plain dictionary keeps every Latin word whole, so it cannot tell a Latin brand from
    # an ordinary word: discovery used to reject every Latin start as "a dictionary word"
    assert "zorvik" not in reader.brand_canon and reader.is_word("zorvik")
    assert ("zorvik", 12) in candidates(catalog("zorvik"), reader)
    assert rejection("zorvik", catalog("zorvik"), reader) is None


def test_ordinary_words_that_start_titles_are_no_brands(reader):
    assert discover(BACKGROUND, reader) == frozenset()


def test_an_unknown_chinese_brand_is_still_discovered(reader):
    assert "栗子家" in discover(catalog("栗子家"), reader)


@pytest.mark.parametrize(("start", "why"), [
    ("usb", "not a brand"),  # not-brands.txt: an interface
    ("ins", "a lexicon word"),  # styles.txt
    ("转卖", "a dictionary word"),  # a Chinese word the plain dictionary keeps whole
])
def test_latin_and_chinese_words_of_another_kind_are_no_brands(reader, start, why):
    titles = catalog(start)
    assert start not in discover(titles, reader)
    assert rejection(start, titles, reader) == why


def test_a_start_of_too_few_titles_is_no_brand(reader):
    titles = catalog("zorvik", n=2)
    assert "zorvik" not in discover(titles, reader)
    assert rejection("zorvik", titles, reader) == "starts too few titles"


def _sim():
    sys.path.insert(0, str(ROOT / "bench"))
    import discovery_sim

    return discovery_sim


def test_the_simulation_never_trains_on_a_title_of_the_fold_it_tests():
    sim = _sim()
    recs = [{"title": f"标题{i}", "entities": [[0, 2, "brand", b]] if b else []}
            for i, b in enumerate(["甲乙", "丙丁", "nike", "耐克", None, None, "戊己", None] * 3)]
    train, extra = recs[:16], recs[16:]
    seen_test: list[str] = []
    for k in range(3):
        brands, fit_on, test = sim.split(train, extra, k, 3)
        fit_titles = {r["title"] for r in fit_on}
        assert not fit_titles & {r["title"] for r in test}
        assert not any(sim.keys(r) & brands for r in fit_on)
        assert all(r["title"] not in fit_titles for r in extra)
        seen_test += [r["title"] for r in test]
    # one brand, one key: nike and 耐克 (aliases in the brand lexicons) land in the same fold
    assert sim.key_of("nike") == sim.key_of("耐克")
    # every title is tested in some fold
    assert set(seen_test) == {r["title"] for r in recs}


def test_a_fold_lexicon_knows_no_name_of_the_fold_brands(tmp_path):
    from titlekit.reading import lexicons as lexmod

    sim = _sim()
    shipped = lexmod.load()
    hw = sim.key_of("huawei")
    names = {n for n, canon in shipped.brand_groups().items() if canon == hw}
    assert {"华为", "huawei"} <= names
    fit_on = [{"title": "华为手机 小米手机", "entities": [[0, 2, "brand", "华为"]]}]
    sim.fold_lexicons(tmp_path / "lex", {hw}, fit_on, [])
    lex = lexmod.Lexicons()
    for path in (tmp_path / "lex").glob("*.txt"):
        lex.entries.setdefault(lexmod.kind_of(path), []).extend(lexmod.read_file(path))
    groups = lex.brand_groups()
    assert not names & set(groups)
    assert not names & lex.names("device-brands")
    assert not {b for b in lex.brand_lines().values() if b in names}
    assert "小米" in groups  # other brands stay known


def test_a_brand_written_together_with_the_product_word_is_discovered(reader):
    # every title starts 栗子家珠宝首饰: the longest shared starts (栗子家珠宝首, 栗子家珠宝)
    # hold a product word and cannot be the brand, so the shorter 栗子家 is judged on its own
    # instead of giving way to them
    titles = [f"栗子家珠宝首饰{item} f{i}" for i, item in
              enumerate(["戒指", "手镯", "吊坠", "项链", "耳钉"] * 3)] + BACKGROUND
    assert "栗子家" in discover(titles, reader)
    assert rejection("栗子家珠宝", titles, reader) == "made of words"
    assert rejection("栗子家珠", titles, reader) is not None
