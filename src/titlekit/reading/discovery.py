"""Catalog brand discovery: a shop's brand starts many of its titles.

In a catalog, a word that starts many titles and is no common word is almost certainly the
shop's brand, even if no lexicon knows it. :func:`discover` counts the starts of titles (the
first run of Chinese characters, 2 to 6 long, or the first Latin word) and keeps a start when it
begins at least ``min_titles`` titles and ``min_share`` of them, is the longest start those
titles share that can be a brand, ends where a word ends in them, and is neither a known brand
(already found) nor a word of another kind: a lexicon word, a place, a carrier or a search word,
or (a Chinese start) a word of the plain dictionary or one made of such words. The plain dictionary says nothing about a Latin start:
it keeps every Latin word whole, ``dell`` and ``led`` alike.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from .reader import Reader
from .text import normalize

MIN_TITLES = 3
MIN_SHARE = 0.02
DEFAULT_MIN_CATALOG = 50  # catalogs from this many titles on are searched for brands
_SEPARATORS = " ,，、/[]【】()（）"
_KEPT = 26  # characters after the separators a start is judged by: 20 (the longest) + 6
_LEAD = re.compile(r"[\s,，、/\[\]【】()（）]*(?:(?P<cjk>[\u4e00-\u9fff]{2,6})|(?P<latin>[a-z][a-z0-9&'\-]{1,19}))")


def _starts(text: str) -> list[str]:
    m = _LEAD.match(text)
    if m is None:
        return []
    if m.group("latin"):
        return [m.group("latin")]
    run = m.group("cjk")
    return [run[:k] for k in range(2, len(run) + 1)]


def candidates(titles: Iterable[str], reader: Reader, *, min_titles: int = MIN_TITLES,
               min_share: float = MIN_SHARE) -> list[tuple[str, int]]:
    """(word, titles it starts) of the brand candidates of a catalog, most frequent first."""
    counts, texts = _count(titles)
    need = max(min_titles, int(min_share * len(texts)))
    memo: dict[str, str | None] = {}
    out = [(w, n) for w, n in counts.items()
           if n >= need and _rejection(w, counts, texts, reader, memo) is None]
    out.sort(key=lambda wn: (-wn[1], wn[0]))
    return out


def rejection(word: str, titles: Iterable[str], reader: Reader, *,
              min_titles: int = MIN_TITLES, min_share: float = MIN_SHARE) -> str | None:
    """Why :func:`candidates` does not take ``word`` for a brand of the catalog ``titles``
    (None: it does)."""
    counts, texts = _count(titles)
    if counts[word] < max(min_titles, int(min_share * len(texts))):
        return "starts too few titles"
    return _rejection(word, counts, texts, reader, {})


def _count(titles: Iterable[str]) -> tuple[Counter[str], list[str]]:
    """How many titles each start begins, and each title's start: all that the checks read
    (a big catalog's worth)."""
    counts: Counter[str] = Counter()
    texts = []
    starts: list[str] = []  # counted a few thousand titles at a time (one update each)
    for t in titles:
        text = normalize(t).text
        starts += _starts(text)
        texts.append(text[:len(text) - len(text.lstrip(_SEPARATORS)) + _KEPT])
        if len(starts) >= 1 << 14:
            counts.update(starts)
            starts.clear()
    counts.update(starts)
    return counts, texts


def _rejection(word: str, counts: Counter[str], texts: list[str], reader: Reader,
               memo: dict[str, str | None]) -> str | None:
    if word not in memo:
        memo[word] = _judge(word, counts, texts, reader, memo)
    return memo[word]


def _judge(word: str, counts: Counter[str], texts: list[str], reader: Reader,
           memo: dict[str, str | None]) -> str | None:
    n = counts[word]
    longer = max(_following(counts, word), key=lambda c: (counts[word + c], c), default=None)
    # a longer start shared by (nearly) the same titles is the brand instead, if it can be one
    # (栗子家珠宝首饰…: the longer starts hold 珠宝, so the brand is the shorter 栗子家)
    if longer is not None and counts[word + longer] >= 0.8 * n and _rejection(
            word + longer, counts, texts, reader, memo) is None:
        return "a longer start"
    if word in reader.brand_canon or word in reader.word_slot:
        return "a lexicon word"
    if word in reader.knowledge.not_brands:
        return "not a brand"
    if not word.isascii():  # the dictionary keeps every Latin word whole: it judges Chinese only
        if reader.is_word(word):
            return "a dictionary word"
        if _made_of_words(word, reader):
            return "made of words"
    if not _ends_a_word(word, texts, reader):
        return "ends inside a word"
    return None


def _made_of_words(word: str, reader: Reader) -> bool:
    """Does ``word`` hold a word of another kind (日本代购, 专柜正品, 正版图书), or is it
    ordinary words written together (the plain dictionary cuts it into words only)?"""
    inner = [word[i:j] for i in range(len(word)) for j in range(i + 2, len(word) + 1)
             if (i, j) != (0, len(word))]
    if any(w in reader.word_slot or w in reader.knowledge.not_brands for w in inner):
        return True
    pieces = reader.plain_cut(word)
    return len(pieces) > 1 and all(len(p) > 1 for p in pieces)


def _ends_a_word(word: str, texts: list[str], reader: Reader) -> bool:
    """Does ``word`` end where a word ends in most of the titles it starts (全新正|品 does
    not: the start cuts 正品 in two)?"""
    ends = total = 0
    for text in texts:
        lead = len(text) - len(text.lstrip(_SEPARATORS))
        if not text.startswith(word, lead):
            continue
        total += 1
        pos = 0
        for piece in reader.plain_cut(text[lead:lead + len(word) + 6]):
            pos += len(piece)
            if pos >= len(word):
                ends += pos == len(word)
                break
    return total > 0 and ends >= 0.6 * total


def _following(counts: Counter[str], word: str) -> set[str]:
    return {k[len(word)] for k in counts if len(k) == len(word) + 1 and k.startswith(word)}


def discover(titles: Iterable[str], reader: Reader, **kw) -> frozenset[str]:
    """The brands a catalog's titles show (see the module docstring)."""
    return frozenset(w for w, _ in candidates(titles, reader, **kw))
