"""The index file: one ``.npz`` of NumPy arrays plus a JSON header, never pickle.

:func:`save` writes it through :func:`titlekit.formats.document.atomic_write` (a temporary file,
fsync and a rename); :func:`load` refuses unknown, incompatible or corrupt files with
:class:`~titlekit.errors.IndexFileError`.
"""

from __future__ import annotations

import json
import os
import zipfile

import numpy as np
import scipy.sparse as sp

from ..errors import IndexFileError
from ..formats.document import atomic_write
from ..version import __version__
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


def load(path: str | os.PathLike, params: Params | None = None, *,
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
    except (zipfile.BadZipFile, ValueError, OSError):
        raise IndexFileError(
            f"{name}: not a titlekit index: build one with `titlekit index build`, or give "
            "competitors' titles as a title file (.txt, .csv, .tsv, .jsonl, .xlsx)") from None
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
    return Index(params=Params.from_dict(header["params"]), vocab=data["vocab"],
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
