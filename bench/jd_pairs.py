"""Labelled title pairs from the JD phone titles, for judging duplicate detection.

The file is full of one phone listed several times. Pairs of titles that share the brand (first
word after any 【…】 prefix) are labelled by what differs between their space-separated words:

- duplicate: the words are the same up to order, a 【…】 prefix, or one colour word on each side
  (same phone in another colour, a promotion prefix, reordered words);
- distinct: each side has a model-like word the other lacks (a word with a digit that is not a
  storage spec or network word: ``E105``/``E106``, ``(A1864)``/``(A1863)``), the model numbers
  (digit runs other than storage, network and instalment figures) differ, and at least half of the longer title's words are shared: different models of
  one brand written alike, the hard negatives.

Other pairs (storage variants, accessory bundles, reworded titles) are left unlabelled. The labels
come from the file's own word structure, not from any similarity score.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from pathlib import Path

PREFIX_RE = re.compile(r"^\s*【[^】]*】\s*")
STORAGE_RE = re.compile(r"^\(?\d+g(b)?(\+\d+g(b)?)?\)?$|^\d+g(b)?(ram|rom)", re.IGNORECASE)
NETWORK_RE = re.compile(r"[2345]g|全网通|移动|联通|电信|双卡|volte", re.IGNORECASE)
COLOUR_END = set("黑白金银蓝红灰粉绿紫橙黄青棕色")


def words(title: str) -> tuple[str, list[str]]:
    """(prefix, words) of a title; the prefix is the leading 【…】 or ''."""
    m = PREFIX_RE.match(title)
    prefix = m.group(0).strip() if m else ""
    rest = title[m.end():] if m else title
    return prefix, rest.split()


def is_colour(word: str) -> bool:
    return 1 < len(word) <= 5 and word[-1] in COLOUR_END and not re.search(r"[0-9a-z]", word, re.IGNORECASE)


def is_model_like(word: str) -> bool:
    if not re.search(r"[0-9]", word):
        return False
    return not STORAGE_RE.match(word) and not NETWORK_RE.search(word)


SPEC_RE = re.compile(r"\d+\s*g(b)?(\s*(ram|rom))?|\d+\s*\+\s*\d+|[2345]g\+?|\d+期", re.IGNORECASE)


def model_numbers(title: str) -> list[str]:
    """The digit runs of a title once storage, network and instalment numbers are taken out."""
    return sorted(re.findall(r"\d+", SPEC_RE.sub(" ", PREFIX_RE.sub("", title))))


def label(a: str, b: str) -> str | None:
    pa, wa = words(a)
    pb, wb = words(b)
    if not wa or not wb or wa[0] != wb[0]:
        return None
    ca, cb = Counter(wa), Counter(wb)
    only_a, only_b = list((ca - cb).elements()), list((cb - ca).elements())
    if not only_a and not only_b:
        return "duplicate" if (wa != wb or pa != pb) else None
    if 0 < len(only_a) == len(only_b) <= 2 and all(map(is_colour, only_a + only_b)):
        return "duplicate"
    shared = sum((ca & cb).values())
    if (any(map(is_model_like, only_a)) and any(map(is_model_like, only_b))
            and shared * 2 >= max(len(wa), len(wb)) and model_numbers(a) != model_numbers(b)):
        return "distinct"
    return None


def labelled_pairs(titles: list[str]) -> list[tuple[int, int, str]]:
    """(i, j, label) for every labelled pair of distinct titles, i < j."""
    by_brand: dict[str, list[int]] = defaultdict(list)
    for i, t in enumerate(titles):
        ws = words(t)[1]
        if ws:
            by_brand[ws[0]].append(i)
    out = []
    for idx in by_brand.values():
        for x, i in enumerate(idx):
            for j in idx[x + 1:]:
                if titles[i] == titles[j]:
                    continue
                lab = label(titles[i], titles[j])
                if lab:
                    out.append((i, j, lab))
    return out


def read_titles(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8-sig")
    return [t.strip() for t in text.splitlines() if t.strip()]
