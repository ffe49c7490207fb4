"""Excel workbooks (``.xlsx``): the first sheet with a title column, written back cell by cell."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..i18n import t
from ..listing import from_fields
from .columns import IGNORE_COLUMNS, Columns, find_column, parse_ignore
from .document import Document, Record
from .writing import PendingWrite, Snapshot, prepare


@dataclass
class XlsxDocument(Document):
    """An ``.xlsx`` workbook: the first sheet with a title column (or the one named). Writing
    sets only the title cells and saves the whole workbook (every other cell and sheet keeps
    its value) through a temp file and a rename."""

    workbook: Any = None
    sheet: str = ""
    cells: list[tuple[int, int]] = field(default_factory=list)  # (row, column) of each title

    def render(self, titles: dict[int, str]) -> str:  # pragma: no cover - not text
        raise TypeError("an xlsx document has no text form")

    def prepare(self, titles: dict[int, str], target: str | Path | None = None
                ) -> PendingWrite:
        ws = self.workbook[self.sheet]
        for i, title in titles.items():
            r, c = self.cells[i]
            try:
                ws.cell(row=r, column=c).value = title
            except ValueError as exc:  # openpyxl refuses control characters
                raise InputError(self.path, r, t("in.xlsx_cell", why=exc)) from None
        target = Path(target or self.path)
        return prepare(target, self.workbook.save, expect=self.expect(target))


def _cell(values: tuple, c: int, number: bool = False):
    """A cell's value: text stripped; a price may stay a number, anything else is text."""
    v = values[c] if c < len(values) else None
    if v is None or (number and isinstance(v, (int, float)) and not isinstance(v, bool)):
        return v
    return str(v).strip()


def read_xlsx(path: str, *, columns: Columns | None = None,
              sheet: str | None = None, listings: bool = True) -> XlsxDocument:
    """Titles of an ``.xlsx`` workbook; the header is the first row holding a title column.
    A workbook openpyxl cannot read, whatever the reason (a damaged zip, XML or compression,
    an unsupported feature), is an :class:`InputError` naming the file."""
    cols = columns or Columns()
    try:
        import openpyxl
    except ImportError:  # pragma: no cover - a core dependency
        raise InputError(path, None, t("in.xlsx_needs")) from None
    try:
        data, snapshot = Snapshot.read(path)
    except OSError as exc:
        raise InputError(path, None, t("in.cannot_read", why=exc.strerror)) from None
    try:
        wb = openpyxl.load_workbook(io.BytesIO(data))
    except MemoryError:
        raise InputError(path, None, t("in.xlsx_large")) from None
    except Exception as exc:  # noqa: BLE001 - openpyxl raises anything from zip, XML, zlib
        raise InputError(path, None, t("in.xlsx_bad", why=f"{type(exc).__name__}: {exc}")
                         ) from None
    wanted = cols.wanted("title")
    names = [sheet] if sheet else wb.sheetnames
    if sheet and sheet not in wb.sheetnames:
        raise InputError(path, None, t("in.xlsx_no_sheet", sheet=repr(sheet),
                                             sheets=", ".join(wb.sheetnames)))
    for name in names:
        ws = wb[name]
        for r, row in enumerate(ws.iter_rows(min_row=1, max_row=min(ws.max_row, 10),
                                             values_only=True), 1):
            header = ["" if v is None else str(v) for v in row]
            col = cols.title([header])
            if col is None:
                continue
            ctx_cols = cols.context([header])
            # the listing fields (prices, 宝贝卖点 …), as a CSV row gets them
            listing_cols = Columns.listing([header]) if listings else {}
            ignore_col = find_column(header, IGNORE_COLUMNS)
            records: list[Record] = []
            cells: list[tuple[int, int]] = []
            for rr, values in enumerate(ws.iter_rows(min_row=r + 1, values_only=True), r + 1):
                value = values[col] if col < len(values) else None
                if value is None or (isinstance(value, str) and not value.strip()):
                    continue
                if not isinstance(value, str):
                    value = str(value)
                ctx = {k: str(values[c]).strip() for k, c in ctx_cols.items()
                       if c < len(values) and values[c] is not None and str(values[c]).strip()}
                rec = Record(path, rr, value, ctx)
                if listing_cols:
                    fields = {k: _cell(values, c, k.endswith("price"))
                              for k, c in listing_cols.items()}
                    rec.listing, rec.schema_errors = from_fields(path, rr, fields)
                if ignore_col is not None:
                    rec.ignore = parse_ignore(_cell(values, ignore_col))
                records.append(rec)
                cells.append((rr, col + 1))
            doc = XlsxDocument(path, "xlsx", "", "xlsx", b"", records, column=header[col],
                               data=data, source=snapshot)
            doc.workbook, doc.sheet, doc.cells = wb, name, cells
            return doc
    raise InputError(path, None, t("in.xlsx_no_title", wanted=", ".join(wanted)))
