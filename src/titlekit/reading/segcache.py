"""A cache of the segmenter's dictionary, so that a start does not rebuild it.

Building a segmenter loads jieba's whole dictionary (349,046 words) and adds titlekit's lexicon
words; a lint of ten titles needs a few hundred of them. The cache keeps the built dictionary on
disk by first character; a segmenter (:mod:`titlekit.reading.segment`) starts empty and takes
in, before cutting a text, the words that can start in it. jieba and jieba-rs look words up only
from the positions of the text being cut, and every such word starts with the character there,
so the cuts are exactly those of the whole dictionary; the route scores divide by the whole
dictionary's total, which the cache stores (with rjieba a word no text reaches holds the rest).

Two files under :func:`titlekit.resources.cache_dir`: the dictionary table, keyed by :data:`FORMAT` and the stat
stamps of jieba's ``dict.txt`` and rjieba's compiled module (every word and word prefix with its
frequency, 0 for a prefix only, and both backends' totals); and the lexicon words' layer, keyed
by the table and the words themselves (so a changed lexicon or ``extra-lexicons`` file makes a
new one). Files are written to a temporary file beside them and renamed into place, so readers
and concurrent writers only ever see whole files. The header is checked (magic, checksum, key)
on reading and each bucket when decoded; anything missing, damaged or unwritable makes the
caller build the segmenter the slow way.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import mmap
import os
import tempfile
import zlib
from array import array
from bisect import bisect_left
from pathlib import Path

from ..resources import cache_dir

FORMAT = 4
MAGIC = b"titlekit-segcache\n"
# a word no text hands the segmenter (jieba-rs looks words up inside runs of CJK characters,
# letters and digits only); with rjieba it holds the part of the total the cache has not added
FILLER = "\ue000"


def _package_dir(name: str) -> Path:
    """An installed package's folder, found without importing it."""
    from importlib.util import find_spec

    spec = find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise OSError(f"{name} is not installed")
    return Path(next(iter(spec.submodule_search_locations)))


def dict_path() -> Path:
    return _package_dir("jieba") / "dict.txt"  # jieba's dictionary


def _stamp(path: Path) -> str:
    return f"{path}|{path.stat().st_size}|{path.stat().st_mtime_ns}"


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
    """A cache file found damaged while in use."""


def _read(path: Path, key: str) -> tuple[dict, memoryview] | None:
    """A cache file's header and body (mapped: a start touches a few pages), or None if it is
    missing, damaged or for another key; the body is checked by bucket when one is used."""
    try:
        with open(path, "rb") as fh:
            data = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):
        return None
    head = len(MAGIC) + 8
    if len(data) < head or data[:len(MAGIC)] != MAGIC:
        return None
    n = int.from_bytes(data[len(MAGIC):len(MAGIC) + 4], "little")
    meta = data[head:head + n]
    if len(meta) != n or int.from_bytes(data[head - 4:head], "little") != zlib.adler32(meta):
        return None
    try:
        obj = marshal.loads(meta)
    except (EOFError, ValueError, TypeError):
        return None
    body = memoryview(data)[head + n:]
    if not isinstance(obj, dict) or obj.get("key") != key or obj.get("body", 0) != len(body):
        return None
    return obj, body


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
            drop(Path(tmp))


def drop(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()


def writable() -> bool:  # checked before spending time on building a file
    try:
        d = cache_dir()
        d.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix="segmenter-probe.", dir=d)
        os.close(fd)
        os.unlink(tmp)
        return True
    except OSError:
        return False


# decoded buckets by the body they come from (the plain and the lexicon table share the file),
# and the files read in this process, by path and key
_DECODED: dict[int, dict[str, dict[str, int]]] = {}
_BASES: dict[tuple[Path, str], tuple[dict, memoryview]] = {}


def forget() -> None:  # what this process has read (tests change the files under it)
    _DECODED.clear()
    _BASES.clear()


class Table:
    """The cached dictionary (and, with ``layer``, the lexicon words on top), by first
    character. ``jieba_total`` and ``rjieba_total`` are the totals each backend's whole
    dictionary would have. A bucket is ``\\nword\\tfreq\\n...`` in UTF-8, so that one word is
    found with a byte search, without decoding the bucket."""

    def __init__(self, base: tuple[dict, memoryview], layer: dict | None,
                 path: Path | None = None) -> None:
        meta, self._body = base
        self._chars: str = meta["chars"]  # the first characters, sorted
        self._offsets = array("q", meta["offsets"])  # bucket i: body[offsets[i]:offsets[i+1]]
        self._checks = array("q", meta["checks"])
        self._blobs = _DECODED.setdefault(id(self._body.obj), {})  # shared by both tables
        self._layer: dict[str, dict[str, int]] = layer["buckets"] if layer else {}
        delta = layer["delta"] if layer else 0
        self.jieba_total = meta["jieba_total"] + delta
        self.rjieba_total = meta["rjieba_total"] + delta
        self.path = path

    def get(self, w: str) -> int | None:
        """The frequency of the word or prefix ``w`` (0: a prefix only), None if neither."""
        if "\t" in w or "\n" in w:  # not in the table: would confuse the byte search
            return None
        extra = self._layer.get(w[0])
        if extra is not None and w in extra:
            return extra[w]
        blob = self._blob(w[0])
        key = b"\n" + w.encode("utf-8") + b"\t"
        i = blob.find(key)
        if i < 0:
            return None
        i += len(key)
        return int(blob[i:blob.index(b"\n", i)])

    def entries(self, ch: str) -> dict[str, int]:
        """Every word and word prefix starting with ``ch``: frequency (0: a prefix only)."""
        text = str(self._blob(ch), "utf-8")
        out = {k: int(v) for k, _, v in (line.partition("\t") for line in text.split("\n")[1:-1])}
        out.update(self._layer.get(ch) or {})
        return out

    def _blob(self, ch: str) -> bytes:
        """A bucket's bytes, checked; raises :class:`CacheError` when the file is damaged."""
        blob = self._blobs.get(ch)
        if blob is None:
            i = bisect_left(self._chars, ch)
            blob = b"\n"
            if i < len(self._chars) and self._chars[i] == ch:
                blob = bytes(self._body[self._offsets[i]:self._offsets[i + 1]])
                if zlib.adler32(blob) != self._checks[i] or blob[:1] != b"\n":
                    raise CacheError(f"{self.path}: damaged")
            self._blobs[ch] = blob
        return blob


def _build_base(key: str) -> tuple[dict, memoryview]:
    import jieba

    with open(dict_path(), "rb") as fh:
        freq, jieba_total = jieba.Tokenizer.gen_pfdict(fh)
    with open(dict_path(), encoding="utf-8") as fh:  # rjieba keeps a word of frequency 0
        if any(freq[line.split(" ", 1)[0]] <= 0 for line in fh if line.strip()):
            raise ValueError("a dictionary word without a frequency")
    if any("\t" in w or "\n" in w for w in freq):
        raise ValueError("a dictionary word with a tab or a line break")
    by_first: dict[str, list[tuple[str, int]]] = {}
    for w, v in freq.items():
        by_first.setdefault(w[0], []).append((w, v))
    chars = sorted(by_first)
    offsets, checks = array("q", [0]), array("q")
    body = bytearray()
    for ch in chars:
        raw = ("\n" + "".join(f"{w}\t{v}\n" for w, v in sorted(by_first[ch]))).encode("utf-8")
        body += raw
        offsets.append(len(body))
        checks.append(zlib.adler32(raw))
    # jieba counts a word listed twice twice; jieba-rs keeps one record per word
    meta = {"key": key, "chars": "".join(chars), "offsets": offsets.tobytes(),
            "checks": checks.tobytes(), "jieba_total": jieba_total,
            "rjieba_total": sum(freq.values()), "body": len(body)}
    return meta, memoryview(bytes(body))


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
    base = _BASES.get((tpath, tkey)) or _read(tpath, tkey)
    if base is None:
        if not writable():
            return None
        try:
            base = _build_base(tkey)
        except (OSError, ValueError, ImportError):
            return None
        _write(tpath, base[0], base[1])
    _BASES[tpath, tkey] = base
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
