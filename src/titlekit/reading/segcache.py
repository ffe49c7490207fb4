"""A cache of the segmenter's dictionary, so that a start does not rebuild it.

Building a segmenter means loading jieba's whole dictionary (349,046 words; jieba's own cache
is a 9 MB marshal file, rjieba parses its embedded copy) and adding titlekit's lexicon words.
A lint of ten titles needs a few hundred of those words. The cache keeps the built dictionary
on disk grouped by first character, and a segmenter starts empty and takes in a character's
words the first time that character appears in a text it cuts (:mod:`titlekit.reading.segment`).
Every word that can start at a position of a text starts with the character there, and both
jieba and jieba-rs look words up only from the positions of the text being cut, so the cuts are
exactly those of the whole dictionary; the route scores divide by the whole dictionary's total,
which the cache stores (with rjieba, a word no text can reach carries the rest of the total).

Two files, both under :func:`cache_dir`:

* the dictionary table, keyed by jieba's ``dict.txt`` (path, size, modification time), the
  jieba and rjieba versions and :data:`FORMAT`: every word and every prefix of a word with its
  frequency (0 for a prefix only), and the totals jieba and jieba-rs compute from that file;
* the lexicon words' layer, keyed by the table and the words themselves (a changed lexicon or
  ``extra-lexicons`` file changes the words, hence the key): their frequencies, the prefixes
  they add and the change to the total.

Files are written to a temporary file in the same folder and renamed into place, so a reader
sees a whole file or none, and two processes writing at once each leave a whole file. A file is
checked (magic, checksum, key) when read; anything wrong, missing or unwritable makes the caller
build the segmenter the slow way, and nothing is ever wrong in the cuts.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
import tempfile
import zlib
from pathlib import Path

FORMAT = 2
MAGIC = b"titlekit-segcache\n"
# a word no text hands the segmenter (jieba-rs looks words up inside runs of CJK characters,
# letters and digits only); with rjieba it holds the part of the total the cache has not added
FILLER = "\ue000"


def cache_dir() -> Path:
    """``TITLEKIT_CACHE_DIR``, else the user's cache folder (``XDG_CACHE_HOME``,
    ``%LOCALAPPDATA%``, ``~/Library/Caches``, ``~/.cache``) + ``titlekit``."""
    env = os.environ.get("TITLEKIT_CACHE_DIR")
    if env:
        return Path(env)
    if os.name == "nt":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = str(Path.home() / "Library" / "Caches")
    else:
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "titlekit"


def _package_dir(name: str) -> Path:
    """An installed package's folder, found without importing it."""
    from importlib.util import find_spec

    spec = find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise OSError(f"{name} is not installed")
    return Path(next(iter(spec.submodule_search_locations)))


def dict_path() -> Path:
    """jieba's dictionary file."""
    return _package_dir("jieba") / "dict.txt"


def _stamp(path: Path) -> str:
    st = path.stat()
    return f"{path}|{st.st_size}|{st.st_mtime_ns}"


def table_key() -> str:
    """What the table depends on: jieba's dictionary file and, since the cache stands for
    rjieba's copy of it too, rjieba's compiled module (stat stamps: path, size, mtime)."""
    parts = [f"format {FORMAT}", _stamp(dict_path())]
    try:
        parts += [_stamp(p) for p in sorted(_package_dir("rjieba").glob("rjieba*"))]
    except OSError:
        parts.append("no rjieba")
    return "|".join(parts)


def words_key(table: str, words: tuple[str, ...]) -> str:
    return table + "|" + hashlib.sha256("\n".join(words).encode("utf-8")).hexdigest()


def _file_for(key: str, kind: str) -> Path:
    return cache_dir() / f"segmenter-{kind}-{hashlib.sha256(key.encode()).hexdigest()[:24]}.bin"


class CacheError(Exception):
    """A cache file turned out damaged while in use."""


def _read(path: Path, key: str) -> tuple[dict, memoryview] | None:
    """The header and the body of a cache file, or None when it is missing, damaged or made
    for another key. The header is checked whole here; the body by bucket when one is read."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    head = len(MAGIC) + 8
    if len(data) < head or not data.startswith(MAGIC):
        return None
    n = int.from_bytes(data[len(MAGIC):len(MAGIC) + 4], "little")
    meta = memoryview(data)[head:head + n]
    if len(meta) != n or int.from_bytes(data[head - 4:head], "little") != zlib.adler32(meta):
        return None
    try:
        obj = marshal.loads(meta)
    except (EOFError, ValueError, TypeError):
        return None
    if not isinstance(obj, dict) or obj.get("key") != key:
        return None
    return obj, memoryview(data)[head + n:]


def _write(path: Path, meta: dict, body: bytes = b"") -> None:
    """Write atomically: a temporary file beside ``path``, then a rename. Errors are ignored
    (an unwritable cache only means the next start builds again)."""
    head = marshal.dumps(meta)
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as fh:
            fh.write(MAGIC + len(head).to_bytes(4, "little")
                     + zlib.adler32(head).to_bytes(4, "little"))
            fh.write(head)
            fh.write(body)
        os.replace(tmp, path)
        tmp = None
    except OSError:
        pass
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


def drop(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass


def writable() -> bool:
    """Can the cache folder take a file (checked before spending time on building one)?"""
    try:
        d = cache_dir()
        d.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix="segmenter-probe.", dir=d)
        os.close(fd)
        os.unlink(tmp)
        return True
    except OSError:
        return False


class Table:
    """The cached dictionary (and, with ``layer``, the lexicon words on top), by first
    character. ``jieba_total`` and ``rjieba_total`` are the totals each backend's whole
    dictionary would have."""

    def __init__(self, base: tuple[dict, memoryview], layer: dict | None,
                 path: Path | None = None) -> None:
        meta, self._body = base
        self._index: dict[str, tuple[int, int, int]] = meta["index"]
        self._layer: dict[str, dict[str, int]] = layer["buckets"] if layer else {}
        delta = layer["delta"] if layer else 0
        self.jieba_total = meta["jieba_total"] + delta
        self.rjieba_total = meta["rjieba_total"] + delta
        self.path = path

    def entries(self, ch: str) -> dict[str, int]:
        """Every word and word prefix starting with ``ch``: frequency (0: a prefix only).
        Raises :class:`CacheError` when the file's bucket is damaged."""
        got = self._index.get(ch)
        out: dict[str, int] = {}
        if got is not None:
            off, n, check = got
            raw = self._body[off:off + n]
            if len(raw) != n or zlib.adler32(raw) != check:
                raise CacheError(f"{self.path}: damaged")
            try:
                out = marshal.loads(raw)
            except (EOFError, ValueError, TypeError) as exc:
                raise CacheError(f"{self.path}: damaged") from exc
        extra = self._layer.get(ch)
        if extra:
            out.update(extra)
        return out


def _build_base(key: str) -> tuple[dict, memoryview]:
    import jieba

    with open(dict_path(), "rb") as fh:
        freq, jieba_total = jieba.Tokenizer.gen_pfdict(fh)
    if any(freq[w] <= 0 for w in _words_of(dict_path())):
        raise ValueError("a dictionary word without a frequency")  # rjieba would keep it
    by_first: dict[str, list[tuple[str, int]]] = {}
    for w, v in freq.items():
        by_first.setdefault(w[0], []).append((w, v))
    index = {}
    body = bytearray()
    for ch, items in sorted(by_first.items()):
        raw = marshal.dumps(dict(sorted(items)))
        index[ch] = (len(body), len(raw), zlib.adler32(raw))
        body += raw
    # jieba counts a word listed twice twice; jieba-rs keeps one record per word
    meta = {"key": key, "index": index, "jieba_total": jieba_total,
            "rjieba_total": sum(freq.values())}
    return meta, memoryview(bytes(body))


def _words_of(path: Path) -> set[str]:
    with open(path, encoding="utf-8") as fh:
        return {line.split(" ", 1)[0] for line in fh if line.strip()}


def _build_layer(key: str, base: tuple[dict, memoryview], words: tuple[str, ...], freq_of) -> dict:
    table = Table(base, None)
    cache: dict[str, dict[str, int]] = {}
    layer: dict[str, dict[str, int]] = {}
    delta = 0
    for w in words:
        ch = w[0]
        if ch not in cache:
            cache[ch] = table.entries(ch)
        known = cache[ch]
        add = layer.setdefault(ch, {})
        delta += freq_of(w) - (add[w] if w in add else known.get(w, 0))
        add[w] = freq_of(w)
        for i in range(1, len(w)):
            frag = w[:i]
            if frag not in known and frag not in add:
                add[frag] = 0
    return {"key": key, "buckets": layer, "delta": delta}


def load(words: tuple[str, ...], freq_of) -> Table | None:
    """The cached table for these lexicon words, built and stored on a miss; None when the
    cache cannot be used (the caller builds the segmenter the slow way)."""
    try:
        tkey = table_key()
    except OSError:
        return None
    tpath = _file_for(tkey, "dict")
    base = _read(tpath, tkey)
    if base is None:
        if not writable():
            return None
        try:
            base = _build_base(tkey)
        except (OSError, ValueError, ImportError):
            return None
        _write(tpath, base[0], base[1])
    if not words:
        return Table(base, None, tpath)
    wkey = words_key(tkey, words)
    wpath = _file_for(wkey, "words")
    got = _read(wpath, wkey)
    layer = got[0] if got is not None else None
    if layer is None:
        try:
            layer = _build_layer(wkey, base, words, freq_of)
        except CacheError:
            drop(tpath)
            return None
        _write(wpath, layer)
    return Table(base, layer, tpath)
