"""Line formats: ``.txt`` (one title a line, ``#`` comments) and ``.jsonl`` (one object a line)."""

from __future__ import annotations

import json
from collections.abc import Iterator

from ..errors import InputError
from ..listing import from_fields
from .columns import CONTEXT_COLUMNS, IGNORE_COLUMNS, LISTING_COLUMNS, Columns, parse_ignore
from .document import Document, Record


def is_comment(stripped: str) -> bool:
    """A comment line of a title file: ``#`` alone or followed by a space (``# 春季新品``).
    Titles may start with ``#`` (``#连衣裙#法式碎花…``, ``#便携 …`` are read as titles)."""
    return stripped == "#" or stripped.startswith(("# ", "#\t", "#\u3000"))


def read_txt(path: str, text: str, encoding: str, bom: bytes, kind: str = "txt", *,
             lazy: bool = False) -> Document:
    """``lazy``: the records are made while they are iterated and not kept (:class:`TxtRecords`),
    for a lint that streams; a lazy document cannot be written back."""
    records = TxtRecords(path, text) if lazy else list(iter_txt(path, text))
    doc = Document(path, kind, text, encoding, bom, records)  # type: ignore[arg-type]
    doc.comments = sum(1 for line in text.splitlines() if line.strip() and is_comment(line.strip()))
    return doc


def _title_lines(text: str, chunk: int = 1 << 20) -> Iterator[tuple[int, str, int, int]]:
    """(line number, title, start, end) of each title line, the lines as ``str.splitlines``
    cuts them; the text is split a piece at a time (each piece ends after a newline, so no
    line break is cut in two), never all at once."""
    pos, lineno, start, n = 0, 0, 0, len(text)
    while start < n:
        end = text.find("\n", start + chunk)
        end = n if end < 0 else end + 1
        for line in text[start:end].splitlines(keepends=True):
            lineno += 1
            content = line.rstrip("\r\n")
            stripped = content.strip()
            if stripped and not is_comment(stripped):
                yield lineno, stripped, pos, pos + len(content)
            pos += len(line)
        start = end


def iter_txt(path: str, text: str) -> Iterator[Record]:
    for lineno, title, s, e in _title_lines(text):
        yield Record(path, lineno, title, {}, (s, e))


class TxtRecords:
    """The records of a ``.txt`` document, made one by one each time they are iterated."""

    def __init__(self, path: str, text: str) -> None:
        self.path, self.text = path, text
        self._len: int | None = None

    def __iter__(self) -> Iterator[Record]:
        return iter_txt(self.path, self.text)

    def __len__(self) -> int:
        if self._len is None:
            self._len = sum(1 for _ in _title_lines(self.text))
        return self._len

    def __bool__(self) -> bool:
        return next(_title_lines(self.text), None) is not None


def _encode_field(doc: Document, rec: Record, title: str) -> str:
    obj = json.loads(doc.text[rec.span[0] : rec.span[1]])
    obj[doc.column] = title
    ascii_only = doc.text[rec.span[0] : rec.span[1]].isascii()
    return json.dumps(obj, ensure_ascii=ascii_only)


def read_jsonl(path: str, text: str, encoding: str, bom: bytes, *,
               columns: Columns | None = None, listings: bool = True) -> Document:
    cols = columns or Columns()
    wanted = cols.wanted("title")
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
        key = next((k for k in wanted if k in obj), None)
        if key is None or not isinstance(obj[key], str):
            raise InputError(path, lineno, f"no string title field (looked for {', '.join(wanted)})")
        key_used = key
        ctx = {}
        for ck in CONTEXT_COLUMNS:
            for n in cols.wanted(ck):
                if isinstance(obj.get(n), str) and obj[n].strip():
                    ctx[ck] = obj[n].strip()
                    break
        lead = len(content) - len(content.lstrip())
        rec = Record(path, lineno, obj[key], ctx, (start + lead, start + len(content.rstrip())))
        values = {}
        for k, names in LISTING_COLUMNS.items():
            found = next((a for a in names if a in obj), None)
            if found is not None:
                values[k] = obj[found]
        if listings and (values or "bundle" in obj or "selling_points" in obj):
            values.update({k: obj[k] for k in ("bundle", "selling_points") if k in obj})
            rec.listing, rec.schema_errors = from_fields(path, lineno, values)
        ignore_key = next((k for k in IGNORE_COLUMNS if k in obj), None)
        if ignore_key is not None:
            rec.ignore = parse_ignore(obj[ignore_key])
        records.append(rec)
    if not records:
        raise InputError(path, None, "empty file: no titles to read")
    return Document(path, "jsonl", text, encoding, bom, records, column=key_used,
                    encode=_encode_field)
