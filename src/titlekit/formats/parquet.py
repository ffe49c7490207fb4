"""Parquet files (``.parquet``, the optional extra ``titlekit[dask]``): the title column and the
context columns (brand, model, category …) found by name as in a CSV header; a row's number
(1-based) is its line. ``--fix`` writes the title column back (every other column, the schema
and the row order kept) through a temporary file and a rename. pyarrow is imported here only
when such a file is read."""

from __future__ import annotations

import io
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..extras import require
from .columns import IGNORE_COLUMNS, Columns, find_column, parse_ignore
from .document import Document, Record
from .writing import PendingWrite, prepare


@dataclass
class ParquetDocument(Document):
    """A Parquet file; writing replaces the title column's values and keeps the rest."""

    table: Any = None

    def render(self, titles: dict[int, str]) -> str:  # pragma: no cover - not text
        raise TypeError("a Parquet document has no text form")

    def prepare(self, titles: dict[int, str], target: str | Path | None = None
                ) -> PendingWrite:
        pa = require("pyarrow", "extra.write_parquet", self.path)
        pq = require("pyarrow.parquet", "extra.write_parquet", self.path)
        t = self.table
        pos = t.column_names.index(self.column)
        values = t.column(pos).to_pylist()
        for i, title in titles.items():
            values[i] = title
        table = t.set_column(pos, t.schema.field(pos), pa.array(values, type=pa.string()))
        target = Path(target or self.path)
        return prepare(target, lambda fh: pq.write_table(table, fh), expect=self.expect(target))


def text_of(value: object) -> str:
    """A cell as text: missing values (None, NaN, pandas' NA) are empty."""
    if value is None or type(value).__name__ == "NAType":
        return ""
    if isinstance(value, float) and math.isnan(value):
        return ""
    return str(value)


def read_parquet(path: str, data: bytes, *, columns: Columns | None = None) -> ParquetDocument:
    """The titles of a Parquet file's ``data`` (read with pyarrow)."""
    pq = require("pyarrow.parquet", "extra.read_parquet", path)
    try:
        table = pq.read_table(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - pyarrow raises many kinds for a damaged file
        raise InputError(path, None, f"not a readable Parquet file ({exc})") from None
    cols = columns or Columns()
    header = [str(n) for n in table.column_names]
    col = cols.title([header])
    if col is None:
        wanted = cols.wanted("title")
        raise InputError(path, None, f"no title column: looked for {', '.join(wanted)} in the "
                         f"columns ({', '.join(header[:12])}); name it with --column")
    ctx_cols = cols.context([header])
    ignore_col = find_column(header, IGNORE_COLUMNS)
    titles = table.column(col).to_pylist()
    ctx_values = {k: table.column(c).to_pylist() for k, c in ctx_cols.items()}
    ignores = table.column(ignore_col).to_pylist() if ignore_col is not None else None
    records = []
    for i, title in enumerate(titles):
        ctx = {k: v for k, vals in ctx_values.items() if (v := text_of(vals[i]).strip())}
        rec = Record(path, i + 1, text_of(title), ctx)
        if ignores is not None:
            rec.ignore = parse_ignore(ignores[i])
        records.append(rec)
    return ParquetDocument(path, "parquet", "", "binary", b"", records, column=header[col],
                           table=table)
