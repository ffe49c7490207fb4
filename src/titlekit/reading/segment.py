"""Word segmentation behind one small interface.

jieba is the reference backend: one lazily built ``jieba.Tokenizer`` of our own (never the
global one), HMM off, with every lexicon word added as a user word so brands and product words
come out whole. ``rjieba`` (the Rust port jieba-rs, same dictionary) is an optional faster
backend with the same user words; a test proves that both give the same lint results on real
titles. Text handed to a segmenter never contains ASCII runs: the caller protects model
numbers and specs first (see :data:`titlekit.text.PROTECTED_RE`).
"""

from __future__ import annotations

import logging
import os
import tempfile
import zlib
from collections.abc import Iterable
from functools import lru_cache
from typing import Protocol

from ..errors import SegmenterError

BACKENDS = ("jieba", "rjieba")

# Frequency given to lexicon words: high enough that jieba keeps them whole against the
# general dictionary, low enough not to swallow a longer dictionary word around them.
USER_WORD_FREQ = 20000


def user_freq(word: str) -> int:
    """A lexicon word's frequency: :data:`USER_WORD_FREQ` plus a small fixed amount of its
    own, so that two lexicon words never tie for a cut (转把手把: 把手 or 手把); jieba and
    jieba-rs break ties differently, and the tie-free score gives both the same cut."""
    return USER_WORD_FREQ + zlib.crc32(word.encode("utf-8")) % 997


class Segmenter(Protocol):
    name: str

    def cut(self, text: str) -> list[str]: ...


class JiebaSegmenter:
    name = "jieba"

    def __init__(self, words: Iterable[str]) -> None:
        import jieba

        jieba.setLogLevel(logging.WARNING)
        tok = jieba.Tokenizer()
        cache_dir = os.environ.get("TITLEKIT_CACHE_DIR") or tempfile.gettempdir()
        tok.tmp_dir = cache_dir
        tok.initialize()
        for w in words:
            old = tok.FREQ.get(w, 0)
            tok.add_word(w, user_freq(w))
            # jieba adds the new frequency to the total without taking the old one out; jieba-rs
            # replaces it. Replacing keeps both backends' route scores, and so their cuts, equal.
            tok.total -= old
        self._tok = tok

    def cut(self, text: str) -> list[str]:
        return self._tok.lcut(text, HMM=False)


class RjiebaSegmenter:
    name = "rjieba"

    def __init__(self, words: Iterable[str]) -> None:
        import rjieba

        self._jieba = rjieba.Jieba()
        for w in words:
            self._jieba.add_word(w, user_freq(w), None)

    def cut(self, text: str) -> list[str]:
        return self._jieba.cut(text, False)


def available_backends() -> list[str]:
    names = ["jieba"]
    try:
        import rjieba  # noqa: F401

        names.append("rjieba")
    except ImportError:
        pass
    return names


def resolve_backend(name: str) -> str:
    if name == "auto":
        return "rjieba" if "rjieba" in available_backends() else "jieba"
    if name not in BACKENDS:
        raise SegmenterError(f"unknown segmenter '{name}' (choose from auto, {', '.join(BACKENDS)})")
    if name not in available_backends():
        raise SegmenterError(f"segmenter '{name}' is not installed (pip install 'titlekit[fast]')")
    return name


@lru_cache(maxsize=4)
def get_segmenter(backend: str, words: tuple[str, ...]) -> Segmenter:
    backend = resolve_backend(backend)
    if backend == "rjieba":
        return RjiebaSegmenter(words)
    return JiebaSegmenter(words)


@lru_cache(maxsize=2)
def plain_cutter(backend: str):
    """A cut function over the plain jieba dictionary (no titlekit words), HMM off.

    With rjieba this is the module's own default instance (already built by ``import rjieba``),
    so it costs nothing extra; with jieba it is a second ``Tokenizer`` of our own.
    """
    backend = resolve_backend(backend)
    if backend == "rjieba":
        import rjieba

        return lambda text: rjieba.cut(text, False)
    seg = JiebaSegmenter(())
    return seg.cut
