"""Finding repeated words (playbook T9, T10): every word of two or more characters that a title
holds more than once, whether or not a lexicon knows it and whatever the segmenter did to it.

A repeat is a string of two or more Chinese characters (or one Latin/digit token) that occurs at
least twice without overlapping itself and that is a word: a lexicon word or a word of the plain
dictionary (not merely a token of this title: tokens differ between segmenter backends). Repeats inside longer repeats are dropped when
every occurrence lies inside the longer one (``雨衣套装 … 雨衣套装`` is one repeat, not also
``雨衣``), kept when they also occur elsewhere (``健身杯`` twice and ``健身`` four times).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from ..problems import Fix
from ..reading.text import CJK_CLASS, is_cjk
from ..reading.types import Reading

MAX_LEN = 8  # longest repeated Chinese word looked for
MAX_SCAN = 400  # characters of a title scanned (titles are 30-60 characters; keeps it linear)
_CJK_RUN = re.compile(CJK_CLASS + "{2,}")


def _spans(text: str, word: str, limit: int) -> list[tuple[int, int]]:
    out = []
    i = text.find(word)
    while i != -1 and i < limit:
        out.append((i, i + len(word)))
        i = text.find(word, i + len(word))
    return out


def repeated_words(r: Reading, is_word) -> list[tuple[str, list[tuple[int, int]]]]:
    """(word, occurrences in the normalised text) of every repeated word, longest first.
    ``is_word(w)`` says whether a Chinese string is a word."""
    text = r.text
    n = min(len(text), MAX_SCAN)
    head = text[:n]
    # a string occurs twice only if its first k-1 characters do: the strings of length k are
    # looked at only where those of length k-1 repeat, within a run of Chinese characters
    level = [(i, e) for m in _CJK_RUN.finditer(head) for e in (m.end(),)
             for i in range(m.start(), e - 1)]
    words = [head[i:i + 2] for i, _ in level]
    candidates: list[str] = []
    k = 2
    while len(set(words)) < len(words):  # some string of length k occurs twice
        twice = {w for w, c in Counter(words).items() if c >= 2}
        candidates.extend(twice)
        if k == MAX_LEN:
            break
        level = [(i, e) for (i, e), w in zip(level, words) if i + k < e and w in twice]
        k += 1
        words = [head[i:i + k] for i, _ in level]
    ascii_tokens = defaultdict(list)
    for t in r.tokens:
        if t.kind == "ascii" and t.start < n and len(t.text) >= 2 and not t.text.isdigit():
            ascii_tokens[t.text].append((t.start, t.end))
    found: list[tuple[str, list[tuple[int, int]]]] = []
    covered: list[tuple[int, int]] = []
    for w in sorted(candidates, key=lambda w: (-len(w), w)):
        spans = _spans(text, w, n)
        if len(spans) < 2:
            continue
        if not is_word(w):  # not the title's tokens: they depend on the segmenter backend
            continue
        if all(any(a <= s and e <= b for a, b in covered) for s, e in spans):
            continue  # inside a longer repeat every time
        found.append((w, spans))
        covered.extend(spans)
    for w, spans in ascii_tokens.items():
        if len(spans) >= 2:
            found.append((w, spans))
    found.sort(key=lambda f: f[1][1][0])
    return found


def own_brand(r: Reading, brand_canon: dict[str, str]) -> str | None:
    """The canonical name of the brand declared for the item (None: none declared)."""
    declared = (r.context.get("brand") or "").strip().lower()
    if not declared:
        return None
    return brand_canon.get(declared, declared)


def brand_slots(r: Reading, brand_canon: dict[str, str]) -> list:
    """The brand slots brand-overuse reads: the item's brands found with confidence (the
    declared brand's only, when one is declared: other owners' brands are ip-risk's)."""
    own = own_brand(r, brand_canon)
    brands = [s for s in r.slots if s.type == "brand" and not s.compat and s.confidence >= 0.8]
    return [s for s in brands if s.key == own] if own is not None else brands


def names_model(r: Reading, brand) -> bool:
    """Is the Chinese brand slot ``brand`` written onto its model (小米6X: the reading's model
    slot starts where the brand ends)?"""
    return not brand.text.isascii() and any(
        s.type == "model" and s.start == brand.end for s in r.slots)


def in_products_name(r: Reading, slots: list, start: int, end: int) -> bool:
    """Is the brand repeat at ``start:end`` the product's name (小米（MI） 小米6X), which
    brand-overuse does not report? Not where an earlier mention named a model already
    (小霸王Q900 … 小霸王Q900 writes the whole name twice)."""
    this = next((s for s in slots if (s.start, s.end) == (start, end)), None)
    if this is None or not names_model(r, this):
        return False
    return not any(s.key == this.key and s.end <= start and names_model(r, s) for s in slots)


def brand_repeats(r: Reading, brand_canon: dict[str, str]) -> list[tuple[int, int]]:
    """Raw spans of a brand written again as before (耐克 … 耐克; not Nike/耐克): brand-overuse
    reports them (T11), so repeated-keyword does not report them a second time."""
    found = r.memo.get("brand_repeats")
    if found is None:
        found, seen = [], set()
        for s in brand_slots(r, brand_canon):
            written = (s.key, s.text.lower().replace(" ", ""))
            if written in seen:
                found.append((s.start, s.end))
            seen.add(written)
        r.memo["brand_repeats"] = found
    return found


# what stands between two words of a title: a space or a comma (the Taobao exports write the
# seller's spaces as commas), a Chinese comma or an enumeration comma
WORD_GAP = " ,，、"


def repeat_removal(text: str, start: int, end: int, prev_end: int) -> Fix | None:
    """The fix that deletes a repeat at ``start:end`` of ``text`` with one separator next to
    it, or None where the repeat is not a word of its own (deleting it would leave a
    fragment)."""
    if not whole_word(text, start, end, prev_end):
        return None
    s, e = separated(text, start, end)
    return Fix(s, e, "", note=f"删除重复的 {text[s:e].strip(WORD_GAP + '-/')}")


def separated(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of a word to delete with one separator next to it: a space or comma before
    it, else one after it, else a hyphen or slash joining it to the Chinese word before or
    after (古玩杂项-古画: no dangling 古玩杂项-)."""
    if start > 0 and text[start - 1] in WORD_GAP:
        return start - 1, end
    if end < len(text) and text[end] in WORD_GAP:
        return start, end + 1
    cjk = is_cjk(text[start])
    if cjk and start > 1 and text[start - 1] in "-/" and is_cjk(text[start - 2]):
        return start - 1, end
    if cjk and end + 1 < len(text) and text[end] in "-/" and is_cjk(text[end + 1]):
        return start, end + 1
    return start, end


def whole_word(text: str, start: int, end: int, prev_end: int) -> bool:
    """Is the occurrence a word of its own (bounded by spaces or punctuation, or right after
    the previous occurrence), so that deleting it leaves no fragment?"""
    left_ok = start == 0 or not text[start - 1].isalnum()
    right_ok = end == len(text) or not text[end].isalnum()
    if start != prev_end and in_latin_name(text, start, end):
        return False
    return start == prev_end or (left_ok and right_ok)


def in_latin_name(text: str, start: int, end: int) -> bool:
    """Is a Latin repeat the next word of a Latin name or model written before it with one
    space or comma (isamu noguchi, x3950 x5)? Deleting it would split that name."""
    if not text[start:end].isascii() or start < 2 or text[start - 1] not in WORD_GAP:
        return False
    i = start - 1
    while i > 0 and text[i - 1].isascii() and text[i - 1].isalnum():
        i -= 1
    before = text[i:start - 1]
    return bool(before) and before.lower() != text[start:end].lower()  # blah,blah: a repeat
