"""The quick paths of the rules find exactly what the plain definitions find."""

from __future__ import annotations

import random
from collections import defaultdict

from titlekit.reading.reader import get_reader
from titlekit.reading.text import is_cjk
from titlekit.rules.repeats import MAX_LEN, MAX_SCAN, _spans, repeated_words

TITLES = [
    "雨衣套装 男女 雨衣套装 分体 雨衣",
    "健身杯健身杯 健身 健身 运动健身水杯健身",
    "连衣裙连衣裙连衣裙 夏季 连衣裙",
    "手机壳 苹果 iphone13 iphone13 保护套 手机壳",
    "【包邮】耐克 男鞋 运动鞋 运动鞋 ★包邮★",
    "无重复的一个标题",
]


def _repeats_by_counting_everything(r, is_word):
    """repeated_words as first written: every Chinese string of 2 to MAX_LEN characters
    counted at every position."""
    text = r.text
    n = min(len(text), MAX_SCAN)
    counts: dict[str, int] = defaultdict(int)
    for i in range(n):
        if not is_cjk(text[i]):
            continue
        for k in range(2, MAX_LEN + 1):
            j = i + k
            if j > n or not is_cjk(text[j - 1]):
                break
            counts[text[i:j]] += 1
    found, covered = [], []
    for w in sorted((w for w, c in counts.items() if c >= 2), key=lambda w: (-len(w), w)):
        spans = _spans(text, w, n)
        if len(spans) < 2 or not is_word(w):
            continue
        if all(any(a <= s and e <= b for a, b in covered) for s, e in spans):
            continue
        found.append((w, spans))
        covered.extend(spans)
    ascii_tokens = defaultdict(list)
    for t in r.tokens:
        if t.kind == "ascii" and t.start < n and len(t.text) >= 2 and not t.text.isdigit():
            ascii_tokens[t.text].append((t.start, t.end))
    found += [(w, spans) for w, spans in ascii_tokens.items() if len(spans) >= 2]
    found.sort(key=lambda f: f[1][1][0])
    return found


def test_repeated_words_are_those_of_counting_every_substring():
    reader = get_reader()
    rng = random.Random(17)
    alphabet = "雨衣套装健身杯连衣裙手机壳 a1"
    titles = TITLES + ["".join(rng.choice(alphabet) for _ in range(rng.randint(4, 50)))
                       for _ in range(300)]
    repeats = 0
    for title in titles:
        reading = reader.read(title)
        for is_word in (reader.is_word, lambda w: True):
            found = repeated_words(reading, is_word)
            assert found == _repeats_by_counting_everything(reading, is_word), title
            repeats += len(found)
    assert repeats > 100


def test_accessory_pattern_agrees_with_looking_for_each_word():
    know = get_reader().knowledge
    assert know.accessories
    texts = [*TITLES, *(w + "适用" for w in know.accessories[:50]), "苹果手机壳", ""]
    for text in texts:
        assert know.has_accessory(text) == any(w in text for w in know.accessories)
    assert any(know.has_accessory(t) for t in texts)
