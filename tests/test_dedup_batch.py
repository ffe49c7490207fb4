"""The array paths of an index build give what the title-by-title paths give (issue 17)."""

from __future__ import annotations

import random

import numpy as np
import pytest

from titlekit.dedup.batch import from_prepared, prepare_all, sorted_unique
from titlekit.dedup.index import Index
from titlekit.dedup.keys import prepare
from titlekit.dedup.vectors import Params, ngram_codes, smooth_idf, unique_codes, weigh_rows
from titlekit.formats.lines import TxtRecords, is_comment, iter_txt, read_txt, split_lines

TRICKY = [
    "", " ", "---", "【】", "【分期用】 荣耀9 全网通", "〖限时〗a1864【黑色", "[pro] 红米5 plus 金色",
    "黑色", "黑色 ", " 玫瑰金", "iphone 8 64gb 深空灰色", "1.5kg 500ml 2024 新款 a1b2",
    "e105青春版 se", "ＡＢＣ１２３ ｇｂ", "ΣΑΣ σ", "İstanbul ﬁ ① ²", "e\u0301 \u0301x",
    "tab\there\x0bvt\x0cff\x1c\x85nel\u2028ls\u3000ideo", "x\ry", "多行\n标题 红色", "#标签 手机",
    "5寸 3英寸 10kg 7g倍 2020年 1999", "plusmax proxy xpro", "(白色)/蓝色、绿色；灰色",
]


def same_batch(titles: list[str]) -> None:
    got, want = prepare_all(titles), from_prepared([prepare(t) for t in titles])
    for name in ("cp", "cl", "doc"):
        a, b = getattr(got, name), getattr(want, name)
        assert a.dtype == b.dtype and np.array_equal(a, b), name
    assert got.keys == want.keys
    assert np.array_equal(got.hashes(), want.hashes())


@pytest.mark.parametrize("titles", [TRICKY, TRICKY[:3], [], [""], ["a"]])
def test_titles_prepared_together_are_the_titles_prepared_one_by_one(titles):
    same_batch(titles)


def test_real_and_random_titles_prepared_together(jd_phone_titles, taobao_records):
    same_batch(jd_phone_titles)
    same_batch([r["title"] for r in taobao_records])
    rng = random.Random(5)
    alphabet = [*"abz019 ,，/、;；+()（）【】〖〗[]-_.\tＡ１ｇ", "红色", "黑", "金色", "青春版", "plus",
                "pro", "mini", "gb", "mah", "寸", "kg", "1.5", "2024", "\u0301", "Σ", "İ", "ﬁ"]
    same_batch(["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 25)))
                for _ in range(3000)])


def test_distinct_codes_by_one_sort_are_numpys(jd_phone_titles):
    rng = random.Random(7)
    wide = ["".join(chr(rng.choice([rng.randint(0x20, 0xD7FF), rng.randint(0xE000, 0x10FFFF)]))
                    for _ in range(rng.randint(0, 20))) for _ in range(3000)]
    for titles, params in ((jd_phone_titles, Params()), (jd_phone_titles, Params(ngrams=(1, 2, 3))),
                           (wide, Params()), ([], Params()), (["a"], Params())):
        batch = prepare_all(titles)
        _, codes, _ = ngram_codes(batch, params)
        want, inverse = np.unique(codes, return_inverse=True)
        got, cols = unique_codes(codes, batch.cp)
        assert got.dtype == want.dtype and np.array_equal(got, want)
        assert np.array_equal(cols, inverse.ravel())
        assert np.array_equal(sorted_unique(codes), want)


def test_idf_and_rows_are_scikit_learns(jd_phone_titles):
    from sklearn.feature_extraction.text import TfidfTransformer

    counts = Index.build(jd_phone_titles).matrix.copy()  # any float32 CSR matrix will do
    counts.data = np.round(counts.data * 7).astype(np.float32) + np.float32(0.3)
    tfidf = TfidfTransformer(norm="l2", smooth_idf=True).fit(counts)
    want = tfidf.transform(counts.copy(), copy=False)
    df = np.bincount(counts.indices, minlength=counts.shape[1])
    idf = smooth_idf(df, counts.shape[0])
    assert idf.dtype == np.float32 and np.array_equal(idf, tfidf.idf_)
    got = weigh_rows(counts, idf)
    assert got.dtype == np.float32 and np.array_equal(got.data, want.data)
    assert np.array_equal(got.indices, want.indices) and np.array_equal(got.indptr, want.indptr)


TEXTS = ["a\nb\n", "# c\n#d\n  x  \r\ny\rz", "", "\n\n", "#\n# \n#\t#\n \u3000#\u3000t\n",
         "t\u2028u\x85v\x0cw\n", "last line without break"]


@pytest.mark.parametrize("text", TEXTS)
def test_txt_titles_without_records_are_the_records_titles(text):
    titles, lines = TxtRecords("f.txt", text).titles_and_lines()
    records = list(iter_txt("f.txt", text))
    assert titles == [r.title for r in records] and lines == [r.line for r in records]
    comments = sum(1 for _, a, b in split_lines(text)
                   if text[a:b].strip() and is_comment(text[a:b].strip()))
    assert read_txt("f.txt", text, "utf-8", b"").comments == comments
