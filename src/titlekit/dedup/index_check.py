"""Checking an index file's header and arrays before any of them is used.

Every array must have its dtype and the length the header gives, offsets and row pointers must
start at 0, never decrease and end at the size of what they point into, column indices must be
inside the matrix (SciPy trusts them: an index past the end is a crash of the interpreter, not
an exception), weights finite, titles valid UTF-8 cut at character boundaries. A failure is a
message for :class:`~titlekit.errors.IndexFileError`.
"""

from __future__ import annotations

import numpy as np

# name -> (allowed dtypes, length: "n" titles, "v" features, "nnz" nonzeros, +1 for pointers)
_INT = ("int32", "int64")
LAYOUT = {
    "vocab": (("uint64",), "v"),
    "idf": (("float32",), "v"),
    "matrix_data": (("float32",), "nnz"),
    "matrix_indices": (_INT, "nnz"),
    "matrix_indptr": (_INT, "n+1"),
    "postings_data": (("float32",), None),
    "postings_indices": (_INT, None),
    "postings_indptr": (_INT, "v+1"),
    "titles_blob": (("uint8",), None),
    "titles_offsets": (_INT, "n+1"),
    "lines": (_INT, "n"),
    "source_ids": (("uint16",), "n"),
    "key_hashes": (("uint64",), "n"),
}
IDENTITY = ("lines", "key_hashes", "titles_offsets", "titles_blob", "source_ids")


class Corrupt(ValueError):
    """What is wrong with an index's contents."""


def counts(header: dict) -> dict[str, int]:
    """The sizes the header gives (titles, features, nonzeros), checked."""
    out = {}
    for key, short in (("titles", "n"), ("features", "v"), ("nonzeros", "nnz")):
        value = header.get(key)
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise Corrupt(f"header '{key}' is {value!r}, not a count")
        out[short] = value
    sources = header.get("sources", [])
    if not isinstance(sources, list) or not all(isinstance(s, str) for s in sources):
        raise Corrupt("header 'sources' is not a list of file names")
    return out


def _sizes(c: dict[str, int]) -> dict[str, int]:
    return {"n": c["n"], "n+1": c["n"] + 1, "v": c["v"], "v+1": c["v"] + 1, "nnz": c["nnz"]}


def max_bytes(c: dict[str, int]) -> dict[str, int]:
    """Upper bounds of each member's data from the header's counts (at most 8 bytes an
    item; postings hold at most as many entries as the matrix)."""
    size = _sizes(c)
    out = {name: 8 * size[length] for name, (_, length) in LAYOUT.items() if length}
    out["postings_data"] = out["postings_indices"] = 8 * c["nnz"]
    return out


def check(data: dict[str, np.ndarray], c: dict[str, int], sources: int,
          search: bool) -> None:
    """Raise :class:`Corrupt` unless every array is sound (see the module docstring). With
    ``search=False`` the matrix arrays are checked for dtype and length only (they are not
    read: see :func:`titlekit.npzfile.read_arrays`' ``check_only``)."""
    size = _sizes(c)
    for name, (dtypes, length) in LAYOUT.items():
        arr = data[name]
        if arr.ndim != 1 or arr.dtype.name not in dtypes:
            raise Corrupt(f"array '{name}' is {arr.dtype.name} of shape {arr.shape}, "
                          f"expected a vector of {' or '.join(dtypes)}")
        if length is not None and len(arr) != size[length]:
            raise Corrupt(f"array '{name}' has {len(arr)} items, the header says "
                          f"{size[length]}")
    blob, offsets = data["titles_blob"], data["titles_offsets"]
    _pointers("titles_offsets", offsets, len(blob))
    try:
        str(memoryview(blob), "utf-8")
    except UnicodeDecodeError as exc:
        raise Corrupt(f"titles are not valid UTF-8 (byte {exc.start})") from None
    starts = offsets[:-1][offsets[:-1] < len(blob)]
    if len(starts) and np.any((blob[starts] & 0xC0) == 0x80):
        raise Corrupt("a title offset falls inside a character")
    if len(data["source_ids"]) and int(data["source_ids"].max()) >= max(sources, 1):
        raise Corrupt("a title's source number is outside the header's sources")
    if np.any(data["lines"] < 0):
        raise Corrupt("a negative line number")
    if not search:
        return
    if len(data["vocab"]) > 1 and np.any(data["vocab"][1:] <= data["vocab"][:-1]):
        raise Corrupt("the n-gram vocabulary is not sorted")
    for name in ("idf", "matrix_data", "postings_data"):
        # a float64 sum of float32 values is finite exactly when every value is (the largest
        # float32 times any possible count stays far below the largest float64)
        if not np.isfinite(data[name].sum(dtype=np.float64)):
            raise Corrupt(f"array '{name}' holds values that are not finite numbers")
    _sparse("matrix", data, c["n"], c["v"])
    _sparse("postings", data, c["v"], c["n"])


def _pointers(name: str, ptr: np.ndarray, size: int) -> None:
    if len(ptr) == 0 or int(ptr[0]) != 0 or int(ptr[-1]) != size or np.any(np.diff(ptr) < 0):
        raise Corrupt(f"array '{name}' does not run from 0 up to {size} without going back")


def _sparse(prefix: str, data: dict[str, np.ndarray], rows: int, cols: int) -> None:
    ind, ptr = data[f"{prefix}_indices"], data[f"{prefix}_indptr"]
    if len(data[f"{prefix}_data"]) != len(ind):
        raise Corrupt(f"{prefix} data and indices differ in length")
    if len(ptr) != rows + 1:
        raise Corrupt(f"array '{prefix}_indptr' has {len(ptr)} items, expected {rows + 1}")
    _pointers(f"{prefix}_indptr", ptr, len(ind))
    if len(ind) and (int(ind.min()) < 0 or int(ind.max()) >= cols):
        raise Corrupt(f"array '{prefix}_indices' points outside the {cols} columns")
