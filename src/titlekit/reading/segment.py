"""Word segmentation behind one small interface.

jieba is the reference backend: a ``jieba.Tokenizer`` of our own (never the global one), HMM
off, with every lexicon word added as a user word so brands and product words come out whole.
``rjieba`` (the Rust port jieba-rs, same dictionary) is the faster backend with the same user
words; a test proves that both give the same lint results on real titles. Both normally start
from the dictionary cache (:mod:`titlekit.reading.segcache`), taking in only the words the texts
they cut can hold, and build the whole dictionary only when the cache cannot be used. Text
handed to a segmenter never contains ASCII runs: the caller protects model numbers and specs
first (see :data:`titlekit.text.PROTECTED_RE`).
"""

from __future__ import annotations

import importlib.machinery
import importlib.util
import logging
import os
import sys
import tempfile
import threading
import zlib
from collections.abc import Iterable
from functools import lru_cache
from typing import Protocol

from ..errors import SegmenterError
from . import segcache

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

    def __init__(self, words: Iterable[str], table: segcache.Table | None = None) -> None:
        import jieba

        jieba.setLogLevel(logging.WARNING)
        self._words = tuple(words)
        self._table = table
        self._seen: set[str] = set()
        self._tok = tok = jieba.Tokenizer()
        if table is not None:  # the dictionary comes in from the cache as texts need it
            tok.FREQ = {}
            tok.total = table.jieba_total
            tok.initialized = True
            return
        tok.tmp_dir = os.environ.get("TITLEKIT_CACHE_DIR") or tempfile.gettempdir()
        tok.initialize()
        for w in self._words:
            old = tok.FREQ.get(w, 0)
            tok.add_word(w, user_freq(w))
            # jieba adds the new frequency to the total without taking the old one out; jieba-rs
            # replaces it. Replacing keeps both backends' route scores, and so their cuts, equal.
            tok.total -= old

    def cut(self, text: str) -> list[str]:
        if self._table is not None and not self._seen.issuperset(text):
            try:
                for ch in set(text) - self._seen:
                    self._tok.FREQ.update(self._table.entries(ch))
                    self._seen.add(ch)  # after its words: another thread may cut meanwhile
            except segcache.CacheError:
                _broken(self._table)
                self.__init__(self._words)
        return self._tok.lcut(text, HMM=False)


# With rjieba and the cache, each cut first adds the words its text can hold (Python steps
# per character: a cut of a title costs about 1/500 of building the whole dictionary). A lint
# of ten titles makes about 40 cuts; after this many the whole dictionary is built once, as
# without the cache, and later cuts cost nothing more (the cuts are the same either way).
SCAN_CUTS = 200


class RjiebaSegmenter:
    name = "rjieba"

    def __init__(self, words: Iterable[str], table: segcache.Table | None = None) -> None:
        self._words = tuple(words)
        self._table = table
        if table is None:
            self._jieba = rjieba_class()()
            for w in self._words:
                self._jieba.add_word(w, user_freq(w), None)
            self.cut = self._jieba_cut
            return
        # an empty jieba-rs takes in the words a text can hold before cutting it; the filler
        # word carries the rest of the whole dictionary's total (see segcache)
        self._jieba = rjieba_class().empty()
        self._known: dict[str, int | None] = {}  # looked up in the table
        self._taken: set[str] = set()  # words added
        self._added = 0
        self._cuts = 0
        self._lock = threading.Lock()

    def _jieba_cut(self, text: str) -> list[str]:
        return self._jieba.cut(text, False)

    def cut(self, text: str) -> list[str]:
        with self._lock:  # the total changes while words come in
            if self._table is not None:
                self._cuts += 1
                try:
                    if self._cuts > SCAN_CUTS:
                        self.__init__(self._words)  # callers may hold this method: no table now
                    else:
                        self._take(text)
                except segcache.CacheError:
                    _broken(self._table)
                    self.__init__(self._words)
            return self._jieba.cut(text, False)

    def _take(self, text: str) -> None:
        add = self._jieba.add_word
        known, taken, get = self._known, self._taken, self._table.get
        before = self._added
        n = len(text)
        for i in range(n):
            for j in range(i + 1, n + 1):
                w = text[i:j]
                f = known.get(w, -1)
                if f == -1:
                    f = known[w] = get(w)
                if f is None:
                    break
                if f > 0 and w not in taken:
                    add(w, f, None)
                    taken.add(w)
                    self._added += f
        if self._added != before or self._cuts == 1:
            add(segcache.FILLER, self._table.rjieba_total - self._added, None)


def _broken(table: segcache.Table | None) -> None:
    logging.getLogger(__name__).warning("segmenter cache damaged, building the dictionary")
    if table is not None and table.path is not None:
        segcache.drop(table.path)


def rjieba_class():
    """rjieba's ``Jieba`` class, or None when rjieba cannot be loaded.

    ``import rjieba`` builds a whole default instance (its module-level ``cut``), which titlekit
    never uses; the compiled module is loaded on its own instead, under the name the package
    gives it, so that a later ``import rjieba`` finds it and does not load it twice.
    """
    return _rjieba_class()


@lru_cache(maxsize=1)
def _rjieba_class():
    if "rjieba" not in sys.modules:
        try:
            pkg = importlib.util.find_spec("rjieba")
            spec = importlib.machinery.PathFinder.find_spec(
                "rjieba.rjieba", list(pkg.submodule_search_locations or ()))
            if spec is not None and spec.loader is not None:
                mod = sys.modules.get("rjieba.rjieba")
                if mod is None:
                    mod = importlib.util.module_from_spec(spec)
                    spec.loader.exec_module(mod)
                    sys.modules["rjieba.rjieba"] = mod
                return mod.Jieba
        except (ImportError, AttributeError, OSError):
            pass
    try:
        import rjieba

        return rjieba.Jieba
    except ImportError:
        return None


def available_backends() -> list[str]:
    return ["jieba", "rjieba"] if rjieba_class() is not None else ["jieba"]


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
    table = segcache.load(words, user_freq)
    if backend == "rjieba":
        return RjiebaSegmenter(words, table)
    return JiebaSegmenter(words, table)


@lru_cache(maxsize=2)
def plain_cutter(backend: str):
    """A cut function over the plain jieba dictionary (no titlekit words), HMM off."""
    return get_segmenter(backend, ()).cut
