"""The quick paths of the reading and the rules find exactly what the plain definitions find."""

from __future__ import annotations

import random
import re
from collections import defaultdict

from titlekit.platform import cut_point, measure
from titlekit.reading.reader import get_reader
from titlekit.reading.recogniser.merge import SMALL, _Intervals
from titlekit.reading.text import PROTECTED_RE, is_cjk
from titlekit.reading.tokens import simple_word
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


def _cut_point_by_characters(raw, limit, unit):
    """cut_point as first written: each character measured in turn."""
    used = 0
    for i, ch in enumerate(raw):
        used += measure(ch, unit)
        if used > limit:
            return i
    return len(raw)


def test_cut_point_is_where_counting_each_character_stops():
    rng = random.Random(18)
    alphabet = "ab1 中文，★😀™\ud800"
    cases = 0
    for _ in range(3000):
        raw = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 45)))
        limit = rng.randint(-2, 70)
        for unit in ("gbk", "chars"):
            got = cut_point(raw, limit, unit)
            assert got == _cut_point_by_characters(raw, limit, unit), (raw, limit, unit)
            cases += 0 < got < len(raw)
    assert cases > 1000  # most cuts fall inside the title


def test_gazetteer_scan_finds_what_one_alternative_per_name_finds():
    """The tokenizer's scan (one alternative per first character) matches the same spans as
    the pattern with every gazetteer name as its own alternative, longest first."""
    reader = get_reader()
    names = sorted((n for n in reader.word_slot if not simple_word(n)), key=len, reverse=True)
    assert len(names) > 20
    plain = re.compile("(?:(?P<gaz>" + "|".join(
        (r"(?<![a-z0-9])" if n[0].isascii() and n[0].isalnum() else "") + re.escape(n)
        for n in names) + r")|(?P<prot>" + PROTECTED_RE.pattern + "))")
    rng = random.Random(19)
    texts = [*TITLES, *(f"{rng.choice(names)}{rng.choice(' x中')}{rng.choice(names)[:-1]}"
                        for _ in range(400)), "new balance574 t恤 polo衫 xnew balance"]
    found = 0
    for text in texts:
        want = [(m.span(), m.lastgroup) for m in plain.finditer(text) if m.start() < m.end()]
        got = [(m.span(), m.lastgroup) for m in reader.tokenizer._scan_re.finditer(text)
               if m.start() < m.end()]
        assert got == want, text
        found += sum(g == "gaz" for _, g in got)
    assert found > 300


def test_few_intervals_overlap_as_many_do():
    rng = random.Random(20)
    for _ in range(300):
        items = [(a, a + rng.randint(0, 6)) for a in (rng.randint(0, 40) for _ in range(30))]
        many = _Intervals(items)
        assert many.few is None
        for n in (0, 1, 5, SMALL):
            few = _Intervals(items[:n])
            assert few.few is not None
            for _ in range(20):
                s = rng.randint(0, 45)
                e = s + rng.randint(0, 8)
                want = sorted(x for x in items[:n] if x[0] < e and s < x[1])
                assert sorted(few.overlapping(s, e)) == want
                assert sorted(many.overlapping(s, e)) == sorted(
                    x for x in items if x[0] < e and s < x[1])
