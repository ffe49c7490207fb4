"""Near-duplicate titles: TF-IDF over character n-grams, cosine similarity, a saved index.

Titles are compared on a *key*: NFKC (full-width to half-width), lower case, whitespace and
punctuation removed. Equal keys are identical titles. Otherwise similarity is the cosine of the
keys' TF-IDF vectors over character 2- and 3-grams, in which n-grams inside model numbers
(``e105``, ``a1864``, ``红米5``'s ``5``) weigh more and n-grams touching a 【…】 promotion prefix
or a colour word weigh less: a phone in another colour or with a 【分期用】 prefix is the same
listing, another model of the brand is not (``bench/dedup_features.py`` measures the choice on
real JD titles).

An :class:`Index` holds the fitted vocabulary (sorted 64-bit n-gram codes: the code points of a
2- or 3-gram packed into one integer, so no hashing collisions), the idf weights
(scikit-learn's ``TfidfTransformer``), the L2-normalised corpus matrix, an inverted index of the
corpus's rare n-grams, the titles and hashes of their keys. Nearest neighbours come from the rare
n-grams first (a sparse product that skips every n-gram found in more than ``max_df_ratio`` of the
corpus), then the best candidates are scored exactly; queries with too little rare mass, and small
corpora, are scored exactly against the whole matrix. The index is saved as one ``.npz`` file
(NumPy arrays plus a JSON header; loaded with ``allow_pickle=False``) and refused with a clear
message when its format is unknown, its parameters differ, or it is corrupt.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
import unicodedata
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
import scipy.sparse as sp

from . import __version__

FORMAT = "titlekit-index"
FORMAT_VERSION = 1
SUFFIX = ".tkidx"

NORMAL, MODEL, VARIANT = 0, 1, 2
_BITS = 21  # every Unicode code point fits in 21 bits; a 3-gram packs into 63

_KEEP_RE = re.compile(r"[^\W_]+")
# A run of letters and digits with at least one digit, e.g. e105, a1864, v10, 5x.
_MODEL_RE = re.compile(r"[a-z0-9]*[0-9][a-z0-9]*")
# ...that is a spec or a year rather than a model number.
_SPEC_RE = re.compile(
    r"(?:\d+(?:\.\d+)?(?:gb|g|tb|t|mb|m|mah|ma|w|kw|v|hz|ml|l|kg|mm|cm|k|p|ram|rom)"
    r"|(?:19|20)\d\d)$"
)
_UNIT_AFTER_RE = re.compile(
    r"(?:英寸|寸|厘米|毫米|公分|米|千克|公斤|克|斤|毫升|升|码|号|片|粒|个|只|件|套|支|瓶|袋|盒|箱|条|"
    r"双|张|层|度|瓦|伏|代|周岁|岁|月|年|天|人|位|期|核|色|款|寸|台|部|匹|斤|g|倍)"
)
# Words that make another model of a product line (P10 / P10 Plus, 荣耀9 / 荣耀9青春版).
_MODEL_WORD_RE = re.compile(r"(?<![a-z])(?:plus|pro|max|mini|lite|ultra|se|青春版)(?![a-z])")
_BRACKET_RE = re.compile(r"【[^】]*】|〖[^〗]*〗|\[[^\]]*\]")
_COLOUR_CHARS = "黑白金银蓝红灰粉绿紫橙黄青棕"
# A colour word standing on its own: 1-4 Chinese characters ending in a colour character
# (optionally 色), bounded by a space, punctuation or an end of the title.
_COLOUR_RE = re.compile(
    r"(?:(?<=^)|(?<=[\s,，/、;；+()（）]))[\u4e00-\u9fff]{0,3}[" + _COLOUR_CHARS + r"]色?"
    r"(?=$|[\s,，/、;；+()（）])"
)


class IndexFileError(ValueError):
    """An index file that cannot be used; the message names the file and the cause."""


@dataclass(frozen=True)
class Params:
    """How titles become vectors; recorded in the index and checked on load."""

    ngrams: tuple[int, ...] = (2, 3)
    model_weight: float = 3.0
    variant_weight: float = 0.3
    max_df_ratio: float = 0.002
    key_version: int = 1

    def to_dict(self) -> dict:
        d = asdict(self)
        d["ngrams"] = list(self.ngrams)
        return d

    @classmethod
    def from_dict(cls, d: dict) -> Params:
        return cls(ngrams=tuple(d["ngrams"]), model_weight=float(d["model_weight"]),
                   variant_weight=float(d["variant_weight"]),
                   max_df_ratio=float(d["max_df_ratio"]), key_version=int(d["key_version"]))


# -- keys ----------------------------------------------------------------------------------

def key(title: str) -> str:
    """The comparison key: NFKC, lower case, only letters, digits and CJK characters."""
    return "".join(_KEEP_RE.findall(unicodedata.normalize("NFKC", title).lower()))


def prepare(title: str) -> tuple[str, bytes]:
    """The n-gram text of ``title`` and one class byte per character (normal, model, variant).

    The n-gram text is the key's pieces (runs of letters, digits, CJK between spaces and
    punctuation), each padded with a space on both sides and joined by NUL: n-grams never span
    two pieces, so reordering space-separated words changes nothing, and the padding marks where
    a piece starts and ends (``iphone 8`` and ``iphone 7`` differ in `` 8 ``/`` 7 ``).
    """
    t = unicodedata.normalize("NFKC", title).lower()
    cls = bytearray(len(t))
    for m in _MODEL_RE.finditer(t):
        s, e = m.span()
        if _SPEC_RE.match(m.group()) or _UNIT_AFTER_RE.match(t, e):
            continue
        cls[s:e] = b"\x01" * (e - s)
    for m in _MODEL_WORD_RE.finditer(t):
        s, e = m.span()
        cls[s:e] = b"\x01" * (e - s)
    for rx in (_BRACKET_RE, _COLOUR_RE):
        for m in rx.finditer(t):
            s, e = m.span()
            cls[s:e] = b"\x02" * (e - s)
    texts, classes = [], []
    for m in _KEEP_RE.finditer(t):
        s, e = m.span()
        texts.append(" " + m.group() + " ")
        classes.append(cls[s:s + 1] + cls[s:e] + cls[e - 1:e])
    return "\x00".join(texts), b"\x00".join(classes)


def _key_of(ngram_text: str) -> str:
    """The key of a title from its :func:`prepare` text (drop the padding and joins)."""
    return ngram_text.replace(" ", "").replace("\x00", "")


def key_hash(k: str) -> int:
    return int.from_bytes(hashlib.blake2b(k.encode("utf-8"), digest_size=8).digest(), "little")


# -- vectorising ---------------------------------------------------------------------------

def ngram_codes(prepared: Sequence[tuple[str, bytes]], params: Params
                ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(doc, code, weight) for every n-gram occurrence of every prepared title."""
    keys = [p[0] for p in prepared]
    lens = np.fromiter((len(k) for k in keys), dtype=np.int64, count=len(keys))
    cp = np.frombuffer(("\x00".join(keys) + "\x00").encode("utf-32-le"), dtype="<u4")
    cp = cp.astype(np.uint64)
    cl = np.frombuffer(b"\x00".join(p[1] for p in prepared) + b"\x00", dtype=np.uint8)
    doc = np.repeat(np.arange(len(keys), dtype=np.int64), lens + 1)
    sep = cp == 0
    docs, codes, weights = [], [], []
    for n in params.ngrams:
        size = len(cp) - n + 1
        if size <= 0:
            continue
        bad = sep[:size].copy()
        code = cp[:size].copy()
        var = cl[:size] == VARIANT
        mod = cl[:size] == MODEL
        for k in range(1, n):
            bad |= sep[k:k + size]
            code = (code << np.uint64(_BITS)) | cp[k:k + size]
            var |= cl[k:k + size] == VARIANT
            mod |= cl[k:k + size] == MODEL
        if n == 2:
            code |= np.uint64(1 << 63)
        w = np.where(var, params.variant_weight, np.where(mod, params.model_weight, 1.0))
        keep = ~bad
        docs.append(doc[:size][keep])
        codes.append(code[keep])
        weights.append(w[keep].astype(np.float32))
    if not docs:
        return (np.zeros(0, np.int64), np.zeros(0, np.uint64), np.zeros(0, np.float32))
    return np.concatenate(docs), np.concatenate(codes), np.concatenate(weights)


def idf_unknown(n_docs: int) -> float:
    """The idf scikit-learn's smooth formula gives an n-gram no corpus title has."""
    return float(np.log((1 + n_docs) / 1.0) + 1.0)


# -- the index -----------------------------------------------------------------------------

@dataclass
class Neighbours:
    """Top-k neighbours per query: ``index[i, j]`` (-1 for none) and cosine ``similarity``."""

    index: np.ndarray
    similarity: np.ndarray


class Index:
    """A fitted vocabulary, the corpus matrix and the corpus titles; see the module docs."""

    def __init__(self, *, params: Params, vocab: np.ndarray, idf: np.ndarray,
                 matrix: sp.csr_matrix, postings: sp.csr_matrix, titles: list[str] | None,
                 lines: np.ndarray, key_hashes: np.ndarray, meta: dict | None = None,
                 source_ids: np.ndarray | None = None,
                 titles_blob: np.ndarray | None = None,
                 titles_offsets: np.ndarray | None = None) -> None:
        self.params = params
        self.vocab = vocab
        self.idf = idf
        self.matrix = matrix
        self.postings = postings
        self._titles = titles
        self._blob = titles_blob
        self._offsets = titles_offsets
        self.lines = lines
        self.source_ids = source_ids if source_ids is not None else np.zeros(0, np.uint16)
        self.key_hashes = key_hashes
        self._hash_order = np.argsort(key_hashes, kind="stable")
        self._hash_sorted = key_hashes[self._hash_order]
        self.meta = meta or {}
        self._rare_cols: np.ndarray | None = None  # 1.0 where an n-gram has postings

    # -- building ------------------------------------------------------------------------
    @classmethod
    def build(cls, titles: Sequence[str], *, lines: Sequence[int] | None = None,
              sources: Sequence[str] = (), source_ids: Sequence[int] | None = None,
              params: Params | None = None,
              progress: Callable[[int], None] | None = None) -> Index:
        """Fit the vocabulary and idf on ``titles`` and vectorise them.

        ``lines[i]`` and ``sources[source_ids[i]]`` say where title ``i`` came from (file and
        line), for messages. ``progress(n)`` is called as titles are prepared (the per-title
        part of the work).
        """
        from sklearn.feature_extraction.text import TfidfTransformer

        params = params or Params()
        titles = list(titles)
        n = len(titles)
        step = 50_000
        chunks: list[list[tuple[str, bytes]]] = []
        for start in range(0, n, step):
            chunks.append([prepare(t) for t in titles[start:start + step]])
            if progress:
                progress(len(chunks[-1]))
        hashes = np.fromiter((key_hash(_key_of(p[0])) for c in chunks for p in c),
                             dtype=np.uint64, count=n)
        # Pass 1: the vocabulary. Pass 2: weighted counts per chunk in that vocabulary (two
        # passes over cheap vectorised code keep the peak memory at about one chunk's worth).
        vocab = np.unique(np.concatenate(
            [np.unique(ngram_codes(c, params)[1]) for c in chunks] or [np.zeros(0, np.uint64)]))
        parts = []
        for c in chunks:
            docs, codes, weights = ngram_codes(c, params)
            cols = np.searchsorted(vocab, codes).astype(np.int32)
            part = sp.csr_matrix((weights, (docs.astype(np.int32), cols)),
                                 shape=(len(c), len(vocab)), dtype=np.float32)
            part.sum_duplicates()
            parts.append(part)
        del chunks
        matrix = (sp.vstack(parts, format="csr", dtype=np.float32) if parts
                  else sp.csr_matrix((0, len(vocab)), dtype=np.float32))
        del parts
        tfidf = TfidfTransformer(norm="l2", smooth_idf=True, sublinear_tf=False).fit(matrix)
        matrix = tfidf.transform(matrix, copy=False).tocsr()
        if matrix.dtype != np.float32:
            matrix = matrix.astype(np.float32)
        matrix.sort_indices()
        idf = tfidf.idf_.astype(np.float32)
        postings = _rare_postings(matrix, params.max_df_ratio)
        meta = {"sources": list(sources), "created_with": __version__}
        line_arr = np.asarray(lines if lines is not None else range(1, n + 1), dtype=np.int64)
        sid = np.asarray(source_ids if source_ids is not None else np.zeros(n), dtype=np.uint16)
        return cls(params=params, vocab=vocab, idf=idf, matrix=matrix, postings=postings,
                   titles=titles, lines=line_arr, key_hashes=hashes, meta=meta, source_ids=sid)

    # -- basic facts -----------------------------------------------------------------------
    weak_mass = 0.1  # queries with less of their weight on rare n-grams are scored exactly

    def __len__(self) -> int:
        return self.matrix.shape[0]

    def title(self, i: int) -> str:
        if self._titles is not None:
            return self._titles[i]
        assert self._blob is not None and self._offsets is not None
        return bytes(self._blob[self._offsets[i]:self._offsets[i + 1]]).decode("utf-8")

    def where(self, i: int) -> dict:
        """Where corpus title ``i`` came from: ``competitor_line`` and ``competitor_source``."""
        sources = self.meta.get("sources") or []
        sid = int(self.source_ids[i]) if len(self.source_ids) else 0
        return {"competitor_line": int(self.lines[i]),
                "competitor_source": sources[sid] if sid < len(sources) else None}

    def identical(self, title: str) -> int:
        """Row of a corpus title identical to ``title`` after normalisation, or -1."""
        h = np.uint64(key_hash(key(title)))
        pos = int(np.searchsorted(self._hash_sorted, h))
        if pos < len(self._hash_sorted) and self._hash_sorted[pos] == h:
            return int(self._hash_order[pos])
        return -1

    # -- vectorising queries ---------------------------------------------------------------
    def vectorise(self, titles: Sequence[str]) -> sp.csr_matrix:
        """TF-IDF rows for ``titles`` in this index's vocabulary.

        N-grams the corpus never had count towards a row's length (with the largest idf) but
        cannot match anything, so a title with a new phrase is less similar, as it should be.
        """
        n = len(titles)
        docs, codes, weights = ngram_codes([prepare(t) for t in titles], self.params)
        pos = np.searchsorted(self.vocab, codes)
        pos_c = np.minimum(pos, len(self.vocab) - 1)
        known = self.vocab[pos_c] == codes if len(self.vocab) else np.zeros(len(codes), bool)
        # unknown n-grams: sum their weights per (doc, code) to get their tf, then their norm
        unk_norm2 = np.zeros(n)
        if (~known).any():
            ud, uc, uw = docs[~known], codes[~known], weights[~known]
            order = np.lexsort((uc, ud))
            ud, uc, uw = ud[order], uc[order], uw[order]
            first = np.ones(len(ud), bool)
            first[1:] = (ud[1:] != ud[:-1]) | (uc[1:] != uc[:-1])
            grp = np.cumsum(first) - 1
            tf_u = np.bincount(grp, weights=uw)
            doc_u = ud[first]
            unk_norm2 = np.bincount(doc_u, weights=(tf_u * idf_unknown(len(self))) ** 2,
                                    minlength=n)
        tf = sp.csr_matrix((weights[known], (docs[known], pos_c[known])),
                           shape=(n, len(self.vocab)), dtype=np.float64)
        tf.sum_duplicates()
        tf = tf.multiply(self.idf.astype(np.float64)).tocsr()
        norm2 = np.asarray(tf.multiply(tf).sum(axis=1)).ravel() + unk_norm2
        scale = np.zeros(n)
        np.divide(1.0, np.sqrt(norm2), out=scale, where=norm2 > 0)
        return sp.csr_matrix(sp.diags(scale) @ tf, dtype=np.float32)

    # -- searching -------------------------------------------------------------------------
    def nearest(self, titles: Sequence[str] | None = None, *, k: int = 1,
                vectors: sp.csr_matrix | None = None, exclude: np.ndarray | None = None,
                exact: bool | None = None, exact_limit: int = 50_000, chunk: int = 512,
                candidates: int = 8, progress: Callable[[int], None] | None = None
                ) -> Neighbours:
        """The ``k`` most similar corpus titles for each query title.

        ``exclude[i]`` is a corpus row query ``i`` must not return (itself, in a catalog).
        ``exact`` forces (True) or forbids (False) scoring against the whole matrix; by default
        corpora up to ``exact_limit`` titles are scored exactly and larger ones through the
        rare-n-gram candidates.
        """
        if self.matrix.shape[1] == 0 and len(self):
            raise ValueError("this index was loaded with search=False: it finds identical "
                             "titles only")
        q = self.vectorise(titles) if vectors is None else vectors
        b = q.shape[0]
        out_i = np.full((b, k), -1, dtype=np.int64)
        out_s = np.zeros((b, k), dtype=np.float32)
        if exact is None:
            exact = len(self) <= exact_limit
        for start in range(0, b, chunk):
            stop = min(b, start + chunk)
            qc = q[start:stop]
            ex = exclude[start:stop] if exclude is not None else None
            if exact:
                self._exact(qc, k, ex, out_i[start:stop], out_s[start:stop])
            else:
                self._via_candidates(qc, k, ex, candidates, out_i[start:stop],
                                     out_s[start:stop])
            if progress:
                progress(stop - start)
        return Neighbours(out_i, out_s)

    def _exact(self, q: sp.csr_matrix, k: int, exclude, out_i, out_s) -> None:
        # the score block is corpus x queries and can be dense: keep it near 2**25 entries
        step = max(1, 2**25 // max(1, len(self)))
        for s in range(0, q.shape[0], step):
            e = min(q.shape[0], s + step)
            scores = (self.matrix @ q[s:e].T).T.tocsr()  # rows: queries
            ex = exclude[s:e] if exclude is not None else None
            _top_k_rows(scores, k, ex, out_i[s:e], out_s[s:e])

    def _via_candidates(self, q: sp.csr_matrix, k: int, exclude, n_cand: int, out_i,
                        out_s) -> None:
        partial = (q @ self.postings).tocsr()
        cand_i = np.full((q.shape[0], n_cand + 1), -1, dtype=np.int64)
        cand_s = np.zeros((q.shape[0], n_cand + 1), dtype=np.float32)
        _top_k_rows(partial, n_cand + 1, exclude, cand_i, cand_s)
        rows, slots = np.nonzero(cand_i >= 0)
        docs = cand_i[rows, slots]
        exact = np.zeros(cand_i.shape, dtype=np.float32)
        if len(rows):
            sims = np.asarray(self.matrix[docs].multiply(q[rows]).sum(axis=1)).ravel()
            exact[rows, slots] = sims
        exact[cand_i < 0] = -1.0
        # rare mass: the share of each query's squared norm on rare n-grams
        if self._rare_cols is None:
            self._rare_cols = (np.diff(self.postings.indptr) > 0).astype(np.float32)
        rare_mass = np.asarray(q.multiply(q) @ self._rare_cols).ravel()
        weak = np.nonzero((rare_mass < self.weak_mass) | (cand_i[:, 0] < 0))[0]
        order = np.argsort(-exact, axis=1, kind="stable")[:, :k]
        take_i = np.take_along_axis(cand_i, order, axis=1)
        take_s = np.take_along_axis(exact, order, axis=1)
        take_i[take_s < 0] = -1
        take_s[take_s < 0] = 0
        out_i[:, : take_i.shape[1]] = take_i
        out_s[:, : take_s.shape[1]] = take_s
        if len(weak):
            ex = exclude[weak] if exclude is not None else None
            wi = np.full((len(weak), k), -1, dtype=np.int64)
            ws = np.zeros((len(weak), k), dtype=np.float32)
            self._exact(q[weak], k, ex, wi, ws)
            out_i[weak] = wi
            out_s[weak] = ws

    # -- saving and loading ----------------------------------------------------------------
    def header(self) -> dict:
        return {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "titlekit_version": __version__,
            "params": self.params.to_dict(),
            "titles": len(self),
            "features": len(self.vocab),
            "nonzeros": int(self.matrix.nnz),
            "sources": self.meta.get("sources", []),
        }

    def save(self, path: str | os.PathLike) -> None:
        """Write the index to ``path`` atomically (a temporary file renamed into place)."""
        path = Path(path)
        if self._titles is not None:
            encoded = [t.encode("utf-8") for t in self._titles]
            blob = np.frombuffer(b"".join(encoded), dtype=np.uint8)
            offsets = np.zeros(len(encoded) + 1, dtype=np.int64)
            np.cumsum([len(e) for e in encoded], out=offsets[1:])
        else:
            blob, offsets = self._blob, self._offsets
        arrays = {
            "header": np.frombuffer(json.dumps(self.header(), ensure_ascii=False).encode(),
                                    dtype=np.uint8),
            "vocab": self.vocab,
            "idf": self.idf,
            "matrix_data": self.matrix.data,
            "matrix_indices": self.matrix.indices,
            "matrix_indptr": self.matrix.indptr,
            "postings_data": self.postings.data,
            "postings_indices": self.postings.indices,
            "postings_indptr": self.postings.indptr,
            "titles_blob": blob,
            "titles_offsets": offsets,
            "lines": self.lines,
            "source_ids": self.source_ids,
            "key_hashes": self.key_hashes,
        }
        fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent or ".")
        try:
            with os.fdopen(fd, "wb") as fh:
                np.savez(fh, **arrays)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    @classmethod
    def load(cls, path: str | os.PathLike, params: Params | None = None, *,
             search: bool = True) -> Index:
        """Read an index written by :meth:`save`; refuse unknown, incompatible or corrupt files.

        ``search=False`` reads only what :meth:`identical`, :meth:`title` and :meth:`where`
        need (keys, titles, lines), which is several times faster on a large index; such an
        index cannot search for near-duplicates.
        """
        name = str(path)
        try:
            npz = np.load(path, allow_pickle=False)
        except FileNotFoundError:
            raise IndexFileError(f"{name}: index file not found") from None
        except (zipfile.BadZipFile, ValueError, OSError) as exc:
            raise IndexFileError(f"{name}: not a titlekit index ({exc})") from None
        try:
            with npz:
                if not isinstance(npz, np.lib.npyio.NpzFile) or "header" not in npz.files:
                    raise IndexFileError(f"{name}: not a titlekit index (no header)")
                header = json.loads(bytes(npz["header"]).decode("utf-8"))
                _check_header(name, header, params)
                keep = None if search else {"lines", "key_hashes", "titles_offsets",
                                            "titles_blob", "source_ids"}
                data = {k: npz[k] for k in npz.files
                        if k != "header" and (keep is None or k in keep)}
        except IndexFileError:
            raise
        except (zipfile.BadZipFile, KeyError, ValueError, OSError, EOFError) as exc:
            raise IndexFileError(f"{name}: corrupt titlekit index ({exc}); build it again "
                                 "with `titlekit index build`") from None
        try:
            n, v = int(header["titles"]), int(header["features"])
            if not search:
                v = 0
                data.update(vocab=np.zeros(0, np.uint64), idf=np.zeros(0, np.float32))
                matrix = sp.csr_matrix((n, 0), dtype=np.float32)
                postings = sp.csr_matrix((0, n), dtype=np.float32)
            else:
                matrix = sp.csr_matrix((data["matrix_data"], data["matrix_indices"],
                                        data["matrix_indptr"]), shape=(n, v))
                postings = sp.csr_matrix((data["postings_data"], data["postings_indices"],
                                          data["postings_indptr"]), shape=(v, n))
            ok = (len(data["vocab"]) == v == len(data["idf"]) and len(data["lines"]) == n
                  and len(data["key_hashes"]) == n and len(data["titles_offsets"]) == n + 1
                  and len(data["source_ids"]) == n
                  and int(data["titles_offsets"][-1]) == len(data["titles_blob"])
                  and (not search or matrix.nnz == int(header["nonzeros"])))
        except (KeyError, ValueError, TypeError) as exc:
            raise IndexFileError(f"{name}: corrupt titlekit index ({exc})") from None
        if not ok:
            raise IndexFileError(f"{name}: corrupt titlekit index (array sizes disagree)")
        return cls(params=Params.from_dict(header["params"]), vocab=data["vocab"],
                   idf=data["idf"], matrix=matrix, postings=postings, titles=None,
                   lines=data["lines"], key_hashes=data["key_hashes"],
                   meta={"sources": header.get("sources", []), "created_with":
                         header.get("titlekit_version")},
                   source_ids=data["source_ids"],
                   titles_blob=data["titles_blob"], titles_offsets=data["titles_offsets"])


def _check_header(name: str, header: dict, params: Params | None) -> None:
    if header.get("format") != FORMAT:
        raise IndexFileError(f"{name}: not a titlekit index")
    version = header.get("format_version")
    if version != FORMAT_VERSION:
        raise IndexFileError(
            f"{name}: index format {version} (built by titlekit "
            f"{header.get('titlekit_version')}); this titlekit reads format {FORMAT_VERSION}: "
            "build the index again with `titlekit index build`")
    try:
        stored = Params.from_dict(header["params"])
    except (KeyError, TypeError, ValueError):
        raise IndexFileError(f"{name}: corrupt titlekit index (bad parameters)") from None
    if stored.key_version != Params().key_version:
        raise IndexFileError(f"{name}: index built with title key version "
                             f"{stored.key_version}; build it again with `titlekit index build`")
    if params is not None and stored != params:
        raise IndexFileError(f"{name}: index built with other parameters ({stored}) than "
                             f"requested ({params})")


def _rare_postings(matrix: sp.csr_matrix, max_df_ratio: float) -> sp.csr_matrix:
    """The transpose of ``matrix`` keeping only n-grams in at most ``max_df_ratio`` of rows."""
    n, v = matrix.shape
    df = np.bincount(matrix.indices, minlength=v)
    rare = df <= max(1, int(max_df_ratio * n))
    keep = rare[matrix.indices]
    kept_before = np.zeros(len(keep) + 1, dtype=np.int64)
    np.cumsum(keep, out=kept_before[1:])
    indptr = kept_before[matrix.indptr]
    rare_part = sp.csr_matrix((matrix.data[keep], matrix.indices[keep], indptr), shape=(n, v))
    del keep
    out = rare_part.T.tocsr()
    out.sort_indices()
    return out


def _top_k_rows(scores: sp.csr_matrix, k: int, exclude, out_i: np.ndarray,
                out_s: np.ndarray) -> None:
    """Per row of ``scores`` the ``k`` largest entries (ties: lower column first)."""
    indptr, indices, data = scores.indptr, scores.indices, scores.data
    for r in range(scores.shape[0]):
        s, e = indptr[r], indptr[r + 1]
        if s == e:
            continue
        cols = indices[s:e]
        vals = data[s:e]
        if exclude is not None and exclude[r] >= 0:
            mask = cols != exclude[r]
            cols, vals = cols[mask], vals[mask]
            if not len(cols):
                continue
        if len(cols) > k:
            part = np.argpartition(-vals, k - 1)[:k]
            cols, vals = cols[part], vals[part]
        order = np.lexsort((cols, -vals))[:k]
        out_i[r, : len(order)] = cols[order]
        out_s[r, : len(order)] = vals[order]
