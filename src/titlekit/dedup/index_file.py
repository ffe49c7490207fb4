"""The index file: one ``.npz`` of NumPy arrays plus a JSON header, never pickle.

:func:`save` writes it through :func:`titlekit.formats.document.atomic_write` (a temporary file,
fsync and a rename); :func:`load` refuses unknown, incompatible or corrupt files with
:class:`~titlekit.errors.IndexFileError`.
"""

from __future__ import annotations

import json
import math
import os

import numpy as np
import scipy.sparse as sp

from ..errors import IndexFileError
from ..formats.document import atomic_write
from ..npzfile import ArrayFileError, read_arrays
from ..version import __version__
from . import index_check
from .index import Index
from .vectors import Params

FORMAT = "titlekit-index"
FORMAT_VERSION = 1
SUFFIX = ".tkidx"


def header(index: Index) -> dict:
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "titlekit_version": __version__,
        "params": index.params.to_dict(),
        "titles": len(index),
        "features": len(index.vocab),
        "nonzeros": int(index.matrix.nnz),
        "sources": index.meta.get("sources", []),
        **({"corpus_titles": index.corpus_size} if index.corpus_size != len(index) else {}),
    }


def save(index: Index, path: str | os.PathLike) -> None:
    """Write the index to ``path`` atomically (a temporary file renamed into place)."""
    blob, offsets = index.titles_blob()
    arrays = {
        "header": np.frombuffer(json.dumps(header(index), ensure_ascii=False).encode(),
                                dtype=np.uint8),
        "vocab": index.vocab,
        "idf": index.idf,
        "matrix_data": index.matrix.data,
        "matrix_indices": index.matrix.indices,
        "matrix_indptr": index.matrix.indptr,
        "postings_data": index.postings.data,
        "postings_indices": index.postings.indices,
        "postings_indptr": index.postings.indptr,
        "titles_blob": blob,
        "titles_offsets": offsets,
        "lines": index.lines,
        "source_ids": index.source_ids,
        "key_hashes": index.key_hashes,
    }
    atomic_write(path, lambda fh: np.savez(fh, **arrays))


MAX_HEADER = 1 << 20  # bytes of the JSON header


def load(path: str | os.PathLike, params: Params | None = None, *,
         search: bool = True) -> Index:
    """Read an index written by :meth:`save`; refuse unknown, incompatible or corrupt files.

    Nothing is used before it is checked (:mod:`.index_check`): the header first, then every
    member's size from the zip directory (a member that would inflate past what the header
    allows is refused unread), then each array's dtype, length and values.

    ``search=False`` reads only what :meth:`identical`, :meth:`title` and :meth:`where`
    need (keys, titles, lines), which is several times faster on a large index; the matrix
    arrays are then checked for presence, dtype and length only, and such an index cannot
    search for near-duplicates.
    """
    name = str(path)
    again = "; build it again with `titlekit index build`"
    try:
        raw = read_arrays(name, ["header"], max_bytes={"header": MAX_HEADER})["header"]
    except FileNotFoundError:
        raise IndexFileError(f"{name}: index file not found") from None
    except IsADirectoryError:
        raise IndexFileError(f"{name}: is a directory, not an index file") from None
    except OSError as exc:
        raise IndexFileError(f"{name}: cannot read: {exc.strerror}") from None
    except ArrayFileError as exc:
        if "no array 'header'" in str(exc):
            raise IndexFileError(f"{name}: not a titlekit index (no header)") from None
        if "not an array archive" in str(exc):
            raise IndexFileError(
                f"{name}: not a titlekit index ({exc}): build one with `titlekit index "
                "build`, or give competitors' titles as a title file (.txt, .csv, .tsv, "
                ".jsonl, .xlsx)") from None
        raise IndexFileError(f"{name}: corrupt titlekit index ({exc}){again}") from None
    try:
        header = json.loads(raw.tobytes().decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise IndexFileError(f"{name}: corrupt titlekit index (the header is not JSON)"
                             f"{again}") from None
    if not isinstance(header, dict):
        raise IndexFileError(f"{name}: not a titlekit index (the header is not an object)")
    _check_header(name, header, params)
    try:
        c = index_check.counts(header)
        names = [k for k in index_check.LAYOUT if search or k in index_check.IDENTITY]
        data = read_arrays(name, names, max_bytes=index_check.max_bytes(c),
                           check_only=[k for k in index_check.LAYOUT if k not in names],
                           mapped=True)
        index_check.check(data, c, len(header.get("sources", [])), search)
    except (ArrayFileError, index_check.Corrupt) as exc:
        raise IndexFileError(f"{name}: corrupt titlekit index ({exc}){again}") from None
    except OSError as exc:
        raise IndexFileError(f"{name}: cannot read: {exc.strerror}") from None
    n, v = c["n"], c["v"]
    if not search:
        data.update(vocab=np.zeros(0, np.uint64), idf=np.zeros(0, np.float32))
        matrix = sp.csr_matrix((n, 0), dtype=np.float32)
        postings = sp.csr_matrix((0, n), dtype=np.float32)
    else:
        matrix = sp.csr_matrix((data["matrix_data"], data["matrix_indices"],
                                data["matrix_indptr"]), shape=(n, v))
        postings = sp.csr_matrix((data["postings_data"], data["postings_indices"],
                                  data["postings_indptr"]), shape=(v, n))
    return Index(params=Params.from_dict(header["params"]), vocab=data["vocab"],
                 idf=data["idf"], matrix=matrix, postings=postings, titles=None,
                 lines=data["lines"], key_hashes=data["key_hashes"],
                 meta={"sources": header.get("sources", []), "created_with":
                       header.get("titlekit_version"), **_corpus_titles(name, header, n)},
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
    p = header.get("params")
    ok = (isinstance(p, dict) and isinstance(p.get("ngrams"), list) and p["ngrams"]
          and all(isinstance(g, int) and not isinstance(g, bool) and 1 <= g <= 3
                  for g in p["ngrams"])
          and all(isinstance(p.get(k), (int, float)) and not isinstance(p.get(k), bool)
                  and math.isfinite(p[k]) for k in ("model_weight", "variant_weight",
                                                    "max_df_ratio"))
          and isinstance(p.get("key_version"), int))
    if not ok:
        raise IndexFileError(f"{name}: corrupt titlekit index (bad parameters)")
    stored = Params.from_dict(p)
    if stored.key_version != Params().key_version:
        raise IndexFileError(f"{name}: index built with title key version "
                             f"{stored.key_version}; build it again with `titlekit index build`")
    if params is not None and stored != params:
        raise IndexFileError(f"{name}: index built with other parameters ({stored}) than "
                             f"requested ({params})")


def _corpus_titles(name: str, header: dict, n: int) -> dict:
    """A shard's ``corpus_titles``: the size of the whole corpus its idf was fitted on."""
    c = header.get("corpus_titles")
    if c is None:
        return {}
    if not isinstance(c, int) or isinstance(c, bool) or c < n:
        raise IndexFileError(f"{name}: corrupt titlekit index (bad corpus_titles)")
    return {"corpus_titles": c}
