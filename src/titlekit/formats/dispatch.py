"""One table from file suffix to reader, and the entry points that read a path or bytes."""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from ..i18n import t
from .columns import Columns
from .decode import decode
from .delimited import read_csv
from .document import Document
from .lines import read_jsonl, read_txt
from .listing_file import LISTING_SUFFIXES, read_listing_doc
from .parquet import read_parquet
from .writing import Snapshot
from .xlsx import read_xlsx

# file suffix -> the kind of reader; anything else is read as one title a line
READERS = {".csv": "csv", ".tsv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl",
           ".yaml": "listing", ".yml": "listing", ".json": "listing", ".txt": "txt",
           ".xlsx": "xlsx", ".parquet": "parquet"}
KNOWN_SUFFIXES = tuple(READERS)
assert set(LISTING_SUFFIXES) <= set(READERS)


def read_bytes(path: str, data: bytes, *, column: str | None = None,
               columns: dict[str, str] | None = None, kind: str | None = None,
               listings: bool = True, lazy: bool = False) -> Document:
    """A document from raw bytes; ``listings=False`` skips reading the product-data columns
    (prices, selling points …) into listings, for callers that need the titles only.
    ``lazy``: a ``.txt`` document makes its records while they are iterated, keeping none
    (a streamed lint of a big file; such a document is not written back)."""
    text, encoding, bom = decode(path, data)
    cols = Columns.of(column, columns)
    kind = kind or READERS.get(Path(path).suffix.lower(), "txt")
    if kind == "txt" and text.lstrip()[:12].lower() == "version 1.00":
        kind = "csv"  # a 淘宝助理 export saved with another extension
    if kind == "csv":
        return read_csv(path, text, encoding, bom, columns=cols, listings=listings)
    if kind == "jsonl":
        return read_jsonl(path, text, encoding, bom, columns=cols, listings=listings)
    if kind == "listing":
        return read_listing_doc(path, text, encoding, bom)
    doc = read_txt(path, text, encoding, bom, lazy=lazy)
    if not doc.records:
        raise InputError(path, None, t("in.empty_comments"))
    return doc


def read_path(path: str | Path, *, column: str | None = None,
              columns: dict[str, str] | None = None, listings: bool = True,
              sheet: str | None = None, lazy: bool = False) -> Document:
    p = Path(path)
    if not p.exists():
        raise InputError(str(path), None, t("in.not_found"))
    if p.is_dir():
        raise InputError(str(path), None, t("in.is_dir"))
    suffix = p.suffix.lower()
    if suffix == ".xls":
        raise InputError(str(path), None, t("in.xls"))
    if READERS.get(suffix) == "parquet":  # the extra titlekit[dask]: pyarrow
        try:
            data, snapshot = Snapshot.read(p)
        except OSError as exc:
            raise InputError(str(path), None, t("in.cannot_read", why=exc.strerror)) from None
        doc = read_parquet(str(path), data, columns=Columns.of(column, columns))
        doc.data, doc.source = data, snapshot
        return doc
    if READERS.get(suffix) == "xlsx":
        return read_xlsx(str(path), columns=Columns.of(column, columns), sheet=sheet,
                         listings=listings)
    try:
        data, snapshot = Snapshot.read(p)
    except OSError as exc:
        raise InputError(str(path), None, t("in.cannot_read", why=exc.strerror)) from None
    doc = read_bytes(str(path), data, column=column, columns=columns, listings=listings,
                     lazy=lazy)
    doc.data, doc.source = data, snapshot
    return doc
