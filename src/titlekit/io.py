"""Reading titles from files and writing fixed titles back without touching anything else.

Formats: ``.txt`` (one title a line, ``#`` comments), ``.csv``/``.tsv`` (title column found by
name), 淘宝助理 exports (UTF-16LE + BOM, tab-separated, three header lines), ``.jsonl``.
Encodings: UTF-8 with or without BOM, UTF-16 (BOM), GB18030/GBK. The decoded text is kept whole
and every record remembers the span of its title, so a write-back splices new titles into the
original text and re-encodes it with the same encoding and BOM: other columns, quoting,
delimiters and line endings stay byte for byte. Writes are atomic (temp file + rename).
"""

from __future__ import annotations

import codecs
import json
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

TITLE_COLUMNS = (
    "title", "宝贝名称", "商品标题", "标题", "宝贝标题", "商品名称", "name", "product_title",
    "item_title", "product name", "产品名称",
)
CONTEXT_COLUMNS = {
    "brand": ("brand", "品牌", "品牌名称"),
    "model": ("model", "货号", "型号", "款号", "article", "article_number"),
    "category": ("category", "类目", "分类", "category_name"),
    # read by `titlekit rewrite` to fill titles from the row's own data
    "attributes": ("attributes", "属性", "关键属性", "attribute"),
    "style": ("style", "风格"),
    "selling_points": ("selling_points", "卖点词", "卖点关键词", "selling points"),
    "promotion": ("promotion", "活动", "促销活动", "活动力度"),
}
CSV_SUFFIXES = (".csv", ".tsv")
KNOWN_SUFFIXES = (".txt", ".csv", ".tsv", ".jsonl", ".json", ".ndjson", ".xlsx", ".yaml", ".yml")


class InputError(Exception):
    """Bad input: the message names the file, the line and the cause."""

    def __init__(self, path: str, line: int | None, message: str) -> None:
        self.path, self.line, self.reason = path, line, message
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {message}")


@dataclass
class Record:
    path: str
    line: int  # line in the file where the title's row starts (1-based)
    title: str
    context: dict[str, str] = field(default_factory=dict)
    span: tuple[int, int] = (0, 0)  # span of the stored field in the decoded text
    quoted: bool = False
    listing: Any = None  # a titlekit.listing.Listing when the file carries product data
    schema_errors: list = field(default_factory=list)  # (field, message) pairs
    style: str = ""  # YAML/JSON scalar style of the title ('', "'", '"')


@dataclass
class Document:
    path: str
    kind: str  # txt | csv | tsv | taobao-assistant | jsonl | stdin | args
    text: str
    encoding: str
    bom: bytes
    records: list[Record]
    delimiter: str = ","
    column: str | None = None

    def render(self, titles: dict[int, str]) -> str:
        """The document's text with record ``i``'s title replaced by ``titles[i]``."""
        parts: list[str] = []
        pos = 0
        for i in sorted(titles):
            rec = self.records[i]
            s, e = rec.span
            parts.append(self.text[pos:s])
            parts.append(self._encode_field(rec, titles[i]))
            pos = e
        parts.append(self.text[pos:])
        return "".join(parts)

    def _encode_field(self, rec: Record, title: str) -> str:
        if self.kind == "jsonl":
            obj = json.loads(self.text[rec.span[0] : rec.span[1]])
            obj[self.column] = title
            ascii_only = self.text[rec.span[0] : rec.span[1]].isascii()
            return json.dumps(obj, ensure_ascii=ascii_only)
        if self.kind == "listing":
            from .listing import encode_title

            return encode_title(title, rec.style, self.path)
        if self.kind in ("csv", "tsv", "taobao-assistant"):
            needs = any(c in title for c in (self.delimiter, '"', "\r", "\n"))
            if rec.quoted or needs:
                return '"' + title.replace('"', '""') + '"'
        return title

    def to_bytes(self, text: str) -> bytes:
        return self.bom + text.encode(self.encoding)

    def write(self, titles: dict[int, str], target: str | Path | None = None) -> None:
        atomic_write(Path(target or self.path), self.to_bytes(self.render(titles)))


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temp file in the same directory and a rename."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent or ".")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o7777)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


# -- decoding ----------------------------------------------------------------------------------
def decode(path: str, data: bytes) -> tuple[str, str, bytes]:
    """(text, encoding, bom) for raw file bytes; InputError names the line of a bad byte."""
    if not data.strip():
        raise InputError(path, None, "empty file: no titles to read")
    for bom, enc in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                     (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            body = data[len(bom):]
            try:
                return body.decode(enc), enc, bom
            except UnicodeDecodeError as exc:
                raise InputError(path, _line_at(body, exc.start, enc),
                                 f"bytes that are not valid {enc.upper()} (file starts with "
                                 f"a {enc.upper()} byte-order mark)") from None
    if b"\x00" in data[:8192]:
        sample = data[:8192]
        if sample[1::2].count(0) > len(sample) // 4 and sample[0::2].count(0) < len(sample) // 8:
            try:
                return data.decode("utf-16-le"), "utf-16-le", b""
            except UnicodeDecodeError:
                pass
        raise InputError(path, _line_at(data, data.index(b"\x00")),
                         "binary file (NUL bytes): expected text, CSV or JSONL")
    try:
        return data.decode("utf-8"), "utf-8", b""
    except UnicodeDecodeError as exc:
        utf8_error = exc
    try:
        return data.decode("gb18030"), "gb18030", b""
    except UnicodeDecodeError as exc:
        pos = max(exc.start, utf8_error.start)
        raise InputError(path, _line_at(data, pos),
                         f"byte 0x{data[pos]:02x} cannot be decoded as UTF-8 or GB18030/GBK "
                         "(save the file as UTF-8)") from None


def _line_at(data: bytes, pos: int, enc: str = "") -> int:
    if enc.startswith("utf-16"):
        nl = "\n".encode(enc)
        return data[: pos - pos % 2].count(nl) + 1
    return data.count(b"\n", 0, pos) + 1


# -- CSV scanning that keeps spans -------------------------------------------------------------
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
                    raise InputError(path, line, "unterminated quoted field (a \" is never closed)")
                fields.append((pos, m.end(), True))
                line += text.count("\n", pos, m.end())
                pos = m.end()
            else:
                m = unquoted.match(text, pos)
                fields.append((pos, m.end(), False))
                pos = m.end()
                if pos < n and text[pos] == '"':
                    raise InputError(path, line, "stray quote inside an unquoted field")
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
            raise InputError(path, line, f"unexpected character {c!r} after a quoted field")
        rows.append((row_line, fields))
    return rows


def field_value(text: str, span: tuple[int, int, bool]) -> str:
    s, e, quoted = span
    if quoted:
        return text[s + 1 : e - 1].replace('""', '"')
    return text[s:e]


def _find_column(header: list[str], wanted: tuple[str, ...]) -> int | None:
    lowered = [h.strip().lower() for h in header]
    for w in wanted:
        if w.lower() in lowered:
            return lowered.index(w.lower())
    return None


def _blank(fields: list[tuple[int, int, bool]]) -> bool:
    return len(fields) == 1 and fields[0][0] == fields[0][1]


def read_csv(path: str, text: str, encoding: str, bom: bytes, *, delimiter: str | None = None,
             column: str | None = None, columns: dict[str, str] | None = None,
             listings: bool = True) -> Document:
    columns = columns or {}
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
        raise InputError(path, None, "no header row")
    headers = [[field_value(text, f) for f in rows[i][1]] for i in range(header_rows)]
    wanted = (column,) if column else ((columns["title"],) if "title" in columns else TITLE_COLUMNS)
    col = None
    for h in headers[1:] if assistant else headers:
        col = _find_column(h, wanted)
        if col is not None:
            break
    if col is None:
        raise InputError(path, rows[header_rows - 1][0],
                         f"no title column: looked for {', '.join(wanted)} in the header "
                         f"({', '.join(headers[-1][:12])}{' ...' if len(headers[-1]) > 12 else ''}); "
                         "name it with --column")
    ctx_cols: dict[str, int] = {}
    for key, names in CONTEXT_COLUMNS.items():
        names = (columns[key],) if key in columns else names
        for h in headers[1:] if assistant else headers:
            c = _find_column(h, names)
            if c is not None:
                ctx_cols[key] = c
                break
    from .listing import COLUMN_ALIASES, from_fields

    listing_cols: dict[str, int] = {}
    for key, names in COLUMN_ALIASES.items() if listings else ():
        for h in headers[1:] if assistant else headers:
            c = _find_column(h, names)
            if c is not None:
                listing_cols[key] = c
                break
    width = len(rows[header_rows - 1][1])
    records: list[Record] = []
    for ln, fields in rows[header_rows:]:
        if len(fields) != width:
            raise InputError(path, ln, f"row has {len(fields)} fields, the header has {width} "
                             f"(check the delimiter {delimiter!r} and quoting)")
        span = fields[col]
        ctx = {k: v for k, c in ctx_cols.items() if (v := field_value(text, fields[c]).strip())}
        rec = Record(path, ln, field_value(text, span), ctx, span[:2], span[2])
        if listing_cols:
            values = {k: field_value(text, fields[c]).strip() for k, c in listing_cols.items()}
            rec.listing, rec.schema_errors = from_fields(path, ln, values)
        records.append(rec)
    kind = "taobao-assistant" if assistant else ("tsv" if delimiter == "\t" else "csv")
    return Document(path, kind, text, encoding, bom, records, delimiter,
                    headers[-1][col] if not assistant else headers[1][col])


def read_txt(path: str, text: str, encoding: str, bom: bytes, kind: str = "txt") -> Document:
    records: list[Record] = []
    pos = 0
    for lineno, line in enumerate(text.splitlines(keepends=True), 1):
        content = line.rstrip("\r\n")
        stripped = content.strip()
        if stripped and not stripped.startswith("#"):
            records.append(Record(path, lineno, stripped, {}, (pos, pos + len(content))))
        pos += len(line)
    return Document(path, kind, text, encoding, bom, records)


def read_jsonl(path: str, text: str, encoding: str, bom: bytes, *, column: str | None = None,
               columns: dict[str, str] | None = None, listings: bool = True) -> Document:
    from .listing import COLUMN_ALIASES, from_fields

    columns = columns or {}
    records: list[Record] = []
    pos = 0
    key_used = None
    for lineno, line in enumerate(text.splitlines(keepends=True), 1):
        content = line.rstrip("\r\n")
        start = pos
        pos += len(line)
        if not content.strip():
            continue
        try:
            obj = json.loads(content)
        except json.JSONDecodeError as exc:
            raise InputError(path, lineno, f"invalid JSON: {exc.msg} (column {exc.colno})") from None
        if not isinstance(obj, dict):
            raise InputError(path, lineno, "each line must be a JSON object with a title field")
        wanted = (column,) if column else ((columns["title"],) if "title" in columns else TITLE_COLUMNS)
        key = next((k for k in wanted if k in obj), None)
        if key is None or not isinstance(obj[key], str):
            raise InputError(path, lineno, f"no string title field (looked for {', '.join(wanted)})")
        key_used = key
        ctx = {}
        for ck, names in CONTEXT_COLUMNS.items():
            names = (columns[ck],) if ck in columns else names
            for n in names:
                if isinstance(obj.get(n), str) and obj[n].strip():
                    ctx[ck] = obj[n].strip()
                    break
        lead = len(content) - len(content.lstrip())
        rec = Record(path, lineno, obj[key], ctx, (start + lead, start + len(content.rstrip())))
        values = {}
        for k, names in COLUMN_ALIASES.items():
            found = next((a for a in names if a in obj), None)
            if found is not None:
                values[k] = obj[found]
        if listings and (values or "bundle" in obj or "selling_points" in obj):
            values.update({k: obj[k] for k in ("bundle", "selling_points") if k in obj})
            rec.listing, rec.schema_errors = from_fields(path, lineno, values)
        records.append(rec)
    if not records:
        raise InputError(path, None, "empty file: no titles to read")
    return Document(path, "jsonl", text, encoding, bom, records, column=key_used)


def read_bytes(path: str, data: bytes, *, column: str | None = None,
               columns: dict[str, str] | None = None, kind: str | None = None,
               listings: bool = True) -> Document:
    """A document from raw bytes; ``listings=False`` skips reading the product-data columns
    (prices, selling points …) into listings, for callers that need the titles only."""
    text, encoding, bom = decode(path, data)
    suffix = Path(path).suffix.lower()
    kind = kind or {".csv": "csv", ".tsv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl"}.get(suffix, "txt")
    if kind == "txt" and text.lstrip().lower().startswith("version 1.00"):
        kind = "csv"  # a 淘宝助理 export saved with another extension
    if kind == "csv":
        return read_csv(path, text, encoding, bom, column=column, columns=columns,
                        listings=listings)
    if kind == "jsonl":
        return read_jsonl(path, text, encoding, bom, column=column, columns=columns,
                          listings=listings)
    if kind == "listing" or suffix in (".yaml", ".yml", ".json"):
        return read_listing_doc(path, text, encoding, bom)
    doc = read_txt(path, text, encoding, bom)
    if not doc.records:
        raise InputError(path, None, "empty file: no titles to read (only blank or # lines)")
    return doc


def read_listing_doc(path: str, text: str, encoding: str, bom: bytes) -> Document:
    """A YAML/JSON listing file as a one-record document (see :mod:`titlekit.listing`)."""
    from .listing import read_listing, validate

    listing, title_span = read_listing(path, text)
    errors = validate(listing.data)
    title = listing.data.get("title")
    ok = isinstance(title, str) and title.strip() and title_span is not None
    rec = Record(path, listing.line, title if ok else "", listing.context(),
                 title_span[:2] if ok else (0, 0), listing=listing, schema_errors=errors,
                 style=title_span[2] if ok else "")
    return Document(path, "listing", text, encoding, bom, [rec])


def read_path(path: str | Path, *, column: str | None = None,
              columns: dict[str, str] | None = None, listings: bool = True) -> Document:
    p = Path(path)
    if not p.exists():
        raise InputError(str(path), None, "file not found")
    if p.is_dir():
        raise InputError(str(path), None, "is a directory, not a file")
    suffix = p.suffix.lower()
    if suffix == ".xls":
        raise InputError(str(path), None, "old Excel .xls files are not read: save the sheet "
                         "as .xlsx or CSV")
    if suffix == ".xlsx":
        return read_xlsx(str(path), column=column, columns=columns)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(str(path), None, f"cannot read: {exc.strerror}") from None
    return read_bytes(str(path), data, column=column, columns=columns, listings=listings)


# -- Excel workbooks ---------------------------------------------------------------------------
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

    def write(self, titles: dict[int, str], target: str | Path | None = None) -> None:
        import io as _io

        ws = self.workbook[self.sheet]
        for i, title in titles.items():
            r, c = self.cells[i]
            ws.cell(row=r, column=c).value = title
        buf = _io.BytesIO()
        self.workbook.save(buf)
        atomic_write(Path(target or self.path), buf.getvalue())


def read_xlsx(path: str, *, column: str | None = None, columns: dict[str, str] | None = None,
              sheet: str | None = None) -> XlsxDocument:
    """Titles of an ``.xlsx`` workbook; the header is the first row holding a title column."""
    import zipfile

    try:
        import openpyxl
    except ImportError:  # pragma: no cover - a core dependency
        raise InputError(path, None, "reading .xlsx needs openpyxl (pip install openpyxl)") from None
    columns = columns or {}
    try:
        wb = openpyxl.load_workbook(path)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise InputError(path, None, f"not a readable .xlsx workbook ({exc})") from None
    wanted = (column,) if column else ((columns["title"],) if "title" in columns else TITLE_COLUMNS)
    names = [sheet] if sheet else wb.sheetnames
    if sheet and sheet not in wb.sheetnames:
        raise InputError(path, None, f"no sheet {sheet!r} (sheets: {', '.join(wb.sheetnames)})")
    for name in names:
        ws = wb[name]
        for r, row in enumerate(ws.iter_rows(min_row=1, max_row=min(ws.max_row, 10),
                                             values_only=True), 1):
            header = ["" if v is None else str(v) for v in row]
            col = _find_column(header, wanted)
            if col is None:
                continue
            ctx_cols = {}
            for key, cnames in CONTEXT_COLUMNS.items():
                c = _find_column(header, (columns[key],) if key in columns else cnames)
                if c is not None:
                    ctx_cols[key] = c
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
                records.append(Record(path, rr, value, ctx))
                cells.append((rr, col + 1))
            doc = XlsxDocument(path, "xlsx", "", "xlsx", b"", records, column=header[col])
            doc.workbook, doc.sheet, doc.cells = wb, name, cells
            return doc
    raise InputError(path, None, f"no title column in any sheet: looked for {', '.join(wanted)} "
                     "in the first 10 rows; name it with --column")
