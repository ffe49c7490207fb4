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

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from ..version import __version__
from .batch import prepare_all, sorted_unique
from .keys import key, key_hash
from .parts import stack_parts, vectorise_parts
from .sparse import rare_ngrams, rare_postings, top_k_rows
from .vectors import Params, idf_unknown, ngram_codes, smooth_idf, weigh_rows

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
              progress: Callable[[int], None] | None = None, jobs: int = 1) -> Index:
        """Fit the vocabulary and idf on ``titles`` and vectorise them.

        ``lines[i]`` and ``sources[source_ids[i]]`` say where title ``i`` came from (file and
        line), for messages. ``progress(n)`` is called as titles are prepared (the per-title
        part of the work). ``jobs`` worker processes vectorise chunks of titles (the same index
        whatever the number).
        """
        params = params or Params()
        titles = list(titles)
        n = len(titles)
        parts = vectorise_parts(titles, params, jobs, progress)
        hashes = (np.concatenate([p.hashes for p in parts]) if parts
                  else np.zeros(0, np.uint64))
        # the vocabulary is every chunk's codes; each chunk's columns map into it in order
        vocab = (sorted_unique(np.concatenate([p.codes for p in parts])) if parts
                 else np.zeros(0, np.uint64))
        matrix = stack_parts(parts, vocab)
        del parts
        # scikit-learn's TfidfTransformer (smooth idf, L2 rows) fitted on the counts
        df = np.bincount(matrix.indices, minlength=len(vocab))
        idf = smooth_idf(df, n)
        matrix = weigh_rows(matrix, idf)
        matrix.sort_indices()
        postings = rare_postings(matrix, params.max_df_ratio,
                                 rare_ngrams(df, n, params.max_df_ratio))
        meta = {"sources": list(sources), "created_with": __version__}
        line_arr = np.asarray(lines if lines is not None else range(1, n + 1), dtype=np.int64)
        sid = np.asarray(source_ids if source_ids is not None else np.zeros(n), dtype=np.uint16)
        return cls(params=params, vocab=vocab, idf=idf, matrix=matrix, postings=postings,
                   titles=titles, lines=line_arr, key_hashes=hashes, meta=meta, source_ids=sid)

    # -- basic facts -----------------------------------------------------------------------
    weak_mass = 0.1  # queries with less of their weight on rare n-grams are scored exactly

    def __len__(self) -> int:
        return self.matrix.shape[0]

    @property
    def corpus_size(self) -> int:
        """Titles the idf was fitted on: this index's, or the whole corpus of a shard."""
        return int(self.meta.get("corpus_titles", len(self)))

    def title(self, i: int) -> str:
        if self._titles is not None:
            return self._titles[i]
        assert self._blob is not None and self._offsets is not None
        return bytes(self._blob[self._offsets[i]:self._offsets[i + 1]]).decode("utf-8")

    def titles_blob(self) -> tuple[np.ndarray, np.ndarray]:
        """The titles as one UTF-8 byte array and the offsets of each title in it."""
        if self._titles is None:
            assert self._blob is not None and self._offsets is not None
            return self._blob, self._offsets
        encoded = [t.encode("utf-8") for t in self._titles]
        blob = np.frombuffer(b"".join(encoded), dtype=np.uint8)
        offsets = np.zeros(len(encoded) + 1, dtype=np.int64)
        np.cumsum([len(e) for e in encoded], out=offsets[1:])
        return blob, offsets

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
        docs, codes, weights = ngram_codes(prepare_all(titles), self.params)
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
            unk_norm2 = np.bincount(doc_u, weights=(tf_u * idf_unknown(self.corpus_size)) ** 2,
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
        weak: list[np.ndarray] = []  # queries the candidates cannot answer, scored together
        for start in range(0, b, chunk):
            stop = min(b, start + chunk)
            qc = q[start:stop]
            ex = exclude[start:stop] if exclude is not None else None
            if exact:
                self._exact(qc, k, ex, out_i[start:stop], out_s[start:stop])
            else:
                weak.append(start + self._via_candidates(qc, k, ex, candidates,
                                                         out_i[start:stop], out_s[start:stop]))
            if progress:
                progress(stop - start)
        rows = np.concatenate(weak) if weak else np.zeros(0, np.int64)
        if len(rows):
            # one pass over the whole matrix per block of weak queries, not per chunk
            ex = exclude[rows] if exclude is not None else None
            wi = np.full((len(rows), k), -1, dtype=np.int64)
            ws = np.zeros((len(rows), k), dtype=np.float32)
            self._exact(q[rows], k, ex, wi, ws)
            out_i[rows] = wi
            out_s[rows] = ws
        return Neighbours(out_i, out_s)

    def _exact(self, q: sp.csr_matrix, k: int, exclude, out_i, out_s) -> None:
        # the score block is corpus x queries and can be dense: keep it near 2**25 entries
        step = max(1, 2**25 // max(1, len(self)))
        for s in range(0, q.shape[0], step):
            e = min(q.shape[0], s + step)
            scores = (self.matrix @ q[s:e].T).T.tocsr()  # rows: queries
            ex = exclude[s:e] if exclude is not None else None
            top_k_rows(scores, k, ex, out_i[s:e], out_s[s:e])

    def _via_candidates(self, q: sp.csr_matrix, k: int, exclude, n_cand: int, out_i,
                        out_s) -> np.ndarray:
        """Neighbours from the rare n-grams' candidates; returns the rows (of ``q``) with too
        little rare mass or no candidate, which must be scored exactly."""
        partial = (q @ self.postings).tocsr()
        cand_i = np.full((q.shape[0], n_cand + 1), -1, dtype=np.int64)
        cand_s = np.zeros((q.shape[0], n_cand + 1), dtype=np.float32)
        top_k_rows(partial, n_cand + 1, exclude, cand_i, cand_s)
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
        return weak
