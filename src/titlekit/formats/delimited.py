"""CSV, TSV and 淘宝助理 exports, scanned so that every field keeps its span in the text.

A 淘宝助理 export is recognised by its first line ``version 1.00``: tab-separated, three header
lines (version, English field names, Chinese names). The delimiter of other files is detected
from the header line (``,``, tab or ``;``).
"""

from __future__ import annotations

import re

from ..errors import InputError
from ..i18n import t
from ..listing import from_fields
from .columns import IGNORE_COLUMNS, Columns, find_column, parse_ignore
from .document import Document, Record

_QUOTED = re.compile(r'"((?:[^"]|"")*)"', re.DOTALL)


def scan_csv(path: str, text: str, delim: str) -> list[tuple[int, list[tuple[int, int, bool]]]]:
    """Rows as (line, [(start, end, quoted), ...]) with spans in ``text``."""
    unquoted = re.compile(r'[^' + re.escape(delim) + r'"\r\n]*')
    rows: list[tuple[int, list[tuple[int, int, bool]]]] = []
    pos, line, n = 0, 1, len(text)
    while pos < n:
        row_line = line
        fields: list[tuple[int, int, bool]] = []
        while True:
            if pos < n and text[pos] == '"':
                m = _QUOTED.match(text, pos)
                if m is None:
                    raise InputError(path, line, t("in.csv_unterminated"))
                fields.append((pos, m.end(), True))
                line += text.count("\n", pos, m.end())
                pos = m.end()
            else:
                m = unquoted.match(text, pos)
                fields.append((pos, m.end(), False))
                pos = m.end()
                if pos < n and text[pos] == '"':
                    raise InputError(path, line, t("in.csv_stray_quote"))
            if pos >= n:
                break
            c = text[pos]
            if c == delim:
                pos += 1
                continue
            if c == "\r" or c == "\n":
                pos += 2 if text.startswith("\r\n", pos) else 1
                line += 1
                break
            raise InputError(path, line, t("in.csv_after_quote", char=repr(c)))
        rows.append((row_line, fields))
    return rows


def field_value(text: str, span: tuple[int, int, bool]) -> str:
    s, e, quoted = span
    if quoted:
        return text[s + 1 : e - 1].replace('""', '"')
    return text[s:e]


def _blank(fields: list[tuple[int, int, bool]]) -> bool:
    return len(fields) == 1 and fields[0][0] == fields[0][1]


def _encode_field(doc: Document, rec: Record, title: str) -> str:
    """A title as a CSV field: quoted when the old field was, or when it must be."""
    needs = any(c in title for c in (doc.delimiter, '"', "\r", "\n"))
    if rec.quoted or needs:
        return '"' + title.replace('"', '""') + '"'
    return title


def read_csv(path: str, text: str, encoding: str, bom: bytes, *, delimiter: str | None = None,
             columns: Columns | None = None, listings: bool = True) -> Document:
    cols = columns or Columns()
    first_line = text.split("\n", 1)[0]
    assistant = first_line.strip().lower().startswith("version 1.00")
    if delimiter is None:
        if assistant or path.lower().endswith(".tsv"):
            delimiter = "\t"
        else:
            counts = {d: first_line.count(d) for d in (",", "\t", ";")}
            delimiter = max(counts, key=lambda d: (counts[d], d == ","))
    rows = scan_csv(path, text, delimiter)
    rows = [(ln, f) for ln, f in rows if not _blank(f)]
    header_rows = 3 if assistant else 1
    if len(rows) < header_rows:
        raise InputError(path, None, t("in.csv_no_header"))
    headers = [[field_value(text, f) for f in rows[i][1]] for i in range(header_rows)]
    named = headers[1:] if assistant else headers
    col = cols.title(named)
    if col is None:
        wanted = cols.wanted("title")
        raise InputError(path, rows[header_rows - 1][0],
                         t("in.csv_no_title", wanted=", ".join(wanted),
                           headers=", ".join(headers[-1][:12])
                           + (" ..." if len(headers[-1]) > 12 else "")))
    ctx_cols = cols.context(named)
    listing_cols = Columns.listing(named) if listings else {}
    width = len(rows[header_rows - 1][1])
    ignore_col = next((c for h in named if (c := find_column(h, IGNORE_COLUMNS)) is not None),
                      None)
    records: list[Record] = []
    for ln, fields in rows[header_rows:]:
        if len(fields) != width:
            raise InputError(path, ln, t("in.csv_width", n=len(fields), width=width,
                                               delimiter=repr(delimiter)))
        span = fields[col]
        ctx = {k: v for k, c in ctx_cols.items() if (v := field_value(text, fields[c]).strip())}
        rec = Record(path, ln, field_value(text, span), ctx, span[:2], span[2])
        if listing_cols:
            values = {k: field_value(text, fields[c]).strip() for k, c in listing_cols.items()}
            rec.listing, rec.schema_errors = from_fields(path, ln, values)
        if ignore_col is not None:
            rec.ignore = parse_ignore(field_value(text, fields[ignore_col]))
        records.append(rec)
    kind = "taobao-assistant" if assistant else ("tsv" if delimiter == "\t" else "csv")
    return Document(path, kind, text, encoding, bom, records, delimiter,
                    headers[-1][col] if not assistant else headers[1][col],
                    encode=_encode_field)
