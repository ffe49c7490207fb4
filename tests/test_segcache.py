"""The segmenter's dictionary cache (issue 17): a start reads the built dictionary instead of
building it, and the cuts are those of the whole dictionary whatever the cache holds, lacks or
has lost (a changed lexicon, a damaged file, an unwritable folder, two starts at once)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from titlekit.reading import lexicons as lexmod
from titlekit.reading import reader as readermod
from titlekit.reading import segcache
from titlekit.reading import segment as seg

WORDS = ("转把", "把手", "手把", "油门转把", "摩托车跑车", "耐克", "运动鞋", "加绒加厚")
TEXTS = [
    "地平线摩托车跑车油门转把手把铝合金车把胶套把套加油器",
    "耐克运动鞋男鞋冬季加绒加厚保暖跑步鞋",
    "北京大学生活动中心",
    "结婚的和尚未结婚的",
    "B超检查单",
    "《中华人民共和国》出版社，全新正版！",
    "",
    "   ",
    "小米手机壳硅胶防摔适用于红米note",
    # cut otherwise when the total is 10% off: the total is right
    "香辣口味意面三明治", "孕妇产后月子鞋女", "电信七区派对之王", "女孩子小房子小房子帐篷",
]
BACKENDS = [b for b in ("jieba", "rjieba") if b in seg.available_backends()]


def _fresh() -> None:
    segcache.forget()
    seg.get_segmenter.cache_clear()
    seg.plain_cutter.cache_clear()
    readermod.get_reader.cache_clear()
    readermod.dictionary_word.cache_clear()
    lexmod._load.cache_clear()


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """A cache folder holding the table and the layer of WORDS (built once: a few seconds)."""
    d = tmp_path_factory.mktemp("segcache")
    old = os.environ.get("TITLEKIT_CACHE_DIR")
    os.environ["TITLEKIT_CACHE_DIR"] = str(d)
    try:
        segcache.forget()
        assert segcache.load(WORDS, seg.user_freq) is not None
    finally:
        if old is None:
            del os.environ["TITLEKIT_CACHE_DIR"]
        else:
            os.environ["TITLEKIT_CACHE_DIR"] = old
        segcache.forget()
    return d


@pytest.fixture
def cache(built, tmp_path, monkeypatch) -> Path:
    """A copy of the built cache of this test's own, as TITLEKIT_CACHE_DIR."""
    d = tmp_path / "cache"
    shutil.copytree(built, d)
    monkeypatch.setenv("TITLEKIT_CACHE_DIR", str(d))
    _fresh()
    yield d
    _fresh()


def _whole(backend: str, words: tuple[str, ...]):
    return (seg.RjiebaSegmenter if backend == "rjieba" else seg.JiebaSegmenter)(words, None)


def _cached(backend: str, words: tuple[str, ...]):
    table = segcache.load(words, seg.user_freq)
    assert table is not None
    return (seg.RjiebaSegmenter if backend == "rjieba" else seg.JiebaSegmenter)(words, table)


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("words", [WORDS, ()], ids=["lexicon words", "plain"])
def test_cached_cuts_are_the_whole_dictionarys(cache, backend, words, monkeypatch):
    whole = _whole(backend, words)
    monkeypatch.setattr(seg, "SCAN_CUTS", 4)  # rjieba: the word-by-word cuts, then by bucket
    lazy = _cached(backend, words)
    for text in TEXTS * 2:
        assert lazy.cut(text) == whole.cut(text), text
    if words:  # the words make a difference: the test could fail
        assert whole.cut(TEXTS[0]) != _whole(backend, ()).cut(TEXTS[0])


def test_a_second_start_reads_the_cache_and_builds_nothing(cache, monkeypatch):
    def no_build(*a, **k):
        raise AssertionError("built again")

    monkeypatch.setattr(segcache, "_build_base", no_build)
    monkeypatch.setattr(segcache, "_build_layer", no_build)
    table = segcache.load(WORDS, seg.user_freq)
    assert table is not None and table.get("手把") == seg.user_freq("手把")
    assert table.get("北京") > 0 and table.get("北京大") == 0 and table.get("北京大学生活") is None


def test_the_cache_files_are_written_whole(cache):
    names = sorted(p.name for p in cache.iterdir())
    assert len(names) == 2 and not [n for n in names if n.endswith(".tmp")]
    assert all(p.read_bytes().startswith(segcache.MAGIC) for p in cache.iterdir())


def test_a_changed_lexicon_file_gives_new_words_and_a_new_layer(cache, tmp_path):
    extra = tmp_path / "brands-mine.txt"
    extra.write_text("# source: test\n岚翎舟\n", encoding="utf-8")
    backend = BACKENDS[-1]
    text = "岚翎舟蓝鲸鹿运动鞋"
    first = readermod.get_reader((str(extra),), backend).tokens(text)
    assert "岚翎舟" in [t.text for t in first]
    extra.write_text("# source: test\n蓝鲸鹿\n", encoding="utf-8")
    _fresh()
    second = readermod.get_reader((str(extra),), backend).tokens(text)
    words = [t.text for t in second]
    assert "蓝鲸鹿" in words and "岚翎舟" not in words
    whole = _whole(backend, readermod.get_reader((str(extra),), backend).tokenizer.user_words)
    assert "".join(words) == text and whole.cut(text) == [w for w in words]
    assert len([p for p in cache.iterdir() if p.name.startswith("segmenter-words-")]) == 3


@pytest.mark.parametrize("damage", ["garbage", "truncated", "other key", "empty"])
def test_a_damaged_cache_file_is_rebuilt(cache, damage):
    (table_file,) = cache.glob("segmenter-dict-*.bin")
    data = table_file.read_bytes()
    if damage == "garbage":
        table_file.write_bytes(b"\x00not a cache\xff" * 100)
    elif damage == "truncated":
        table_file.write_bytes(data[: len(data) // 2])
    elif damage == "other key":
        table_file.write_bytes(data.replace(b"format ", b"formaX ", 1))
    else:
        table_file.write_bytes(b"")
    assert segcache._read(table_file, segcache.table_key()) is None
    table = segcache.load(WORDS, seg.user_freq)
    assert table is not None and table.get("手把") == seg.user_freq("手把")
    assert segcache._read(table_file, segcache.table_key()) is not None  # written anew


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_bucket_damaged_inside_the_file_falls_back_to_building(cache, backend):
    (table_file,) = cache.glob("segmenter-dict-*.bin")
    data = bytearray(table_file.read_bytes())
    at = data.index("\n摩\t".encode())  # in the body (past the checked header): 摩's bucket
    data[at + len("\n摩\t".encode())] ^= 0x01  # a digit of its frequency
    table_file.write_bytes(bytes(data))
    lazy = _cached(backend, WORDS)
    whole = _whole(backend, WORDS)
    assert [lazy.cut(t) for t in TEXTS] == [whole.cut(t) for t in TEXTS]
    assert not table_file.exists()  # dropped: the next start builds it again


@pytest.mark.parametrize("backend", BACKENDS)
def test_an_unwritable_cache_folder_means_building_the_slow_way(tmp_path, monkeypatch, backend):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("TITLEKIT_CACHE_DIR", str(blocker / "cache"))
    _fresh()
    try:
        assert not segcache.writable()
        assert segcache.load(WORDS, seg.user_freq) is None
        segmenter = seg.get_segmenter(backend, WORDS)
        assert segmenter.cut(TEXTS[0]) == _whole(backend, WORDS).cut(TEXTS[0])
        assert blocker.read_text(encoding="utf-8") == "not a folder"
    finally:
        _fresh()


def test_two_processes_starting_at_once_both_build_and_leave_one_good_file(tmp_path):
    code = ("from titlekit.reading import segcache, segment as s\n"
            f"t = segcache.load({WORDS!r}, s.user_freq)\n"
            "print(s.get_segmenter('auto', %r).cut(%r))\n" % (WORDS, TEXTS[0]))
    env = {**os.environ, "TITLEKIT_CACHE_DIR": str(tmp_path)}
    procs = [subprocess.Popen([sys.executable, "-c", code], env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    assert outs[0][0] == outs[1][0] != ""
    names = sorted(p.name for p in tmp_path.iterdir())
    assert len(names) == 2 and not [n for n in names if n.endswith(".tmp")], names
    again = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                           text=True, timeout=300, check=True)
    assert again.stdout == outs[0][0]
