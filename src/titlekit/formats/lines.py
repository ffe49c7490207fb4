"""Line formats: ``.txt`` (one title a line, ``#`` comments) and ``.jsonl`` (one object a line)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from ..errors import InputError
from ..i18n import t
from ..listing import from_fields
from .columns import CONTEXT_COLUMNS, IGNORE_COLUMNS, LISTING_COLUMNS, Columns, parse_ignore
from .document import Document, Record
from .json_text import json_string, top_level_strings

_BREAK = re.compile(r"\r\n|\r|\n")
_NEWLINE = re.compile(r"\n")


def split_lines(text: str, breaks: re.Pattern = _BREAK) -> Iterator[tuple[int, int, int]]:
    """(line number, start, end) of every line, without its line break. Lines end only at
    ``breaks`` (\\n, \\r\\n or \\r): not at the other characters ``str.splitlines`` takes
    for line breaks (U+2028, U+0085, \\f, \\v, \\x1c ...), which stay part of the line."""
    pos, lineno = 0, 1
    for m in breaks.finditer(text):
        yield lineno, pos, m.start()
        pos, lineno = m.end(), lineno + 1
    if pos < len(text):
        yield lineno, pos, len(text)


def _lines(text: str) -> list[str]:
    """The lines :func:`split_lines` gives, as strings (and an empty last one after a final
    line break)."""
    return _BREAK.split(text) if "\r" in text else text.split("\n")


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
    doc.comments = sum(1 for line in _lines(text) if "#" in line and is_comment(line.strip()))
    return doc


def _title_lines(text: str) -> Iterator[tuple[int, str, int, int]]:
    """(line number, title, start, end) of each title line: the title is the line without its
    surrounding whitespace, and only that part is replaced on write-back (the whitespace
    around it stays). Lines end only at \\n, \\r\\n or \\r (:func:`split_lines`)."""
    for lineno, start, end in split_lines(text):
        content = text[start:end]
        stripped = content.strip()
        if stripped and not is_comment(stripped):
            lead = start + len(content) - len(content.lstrip())
            yield lineno, stripped, lead, lead + len(stripped)


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

    def titles_and_lines(self) -> tuple[list[str], list[int]]:
        """The title and line number of every record, without making the records."""
        titles, lines = [], []
        for lineno, line in enumerate(_lines(self.text), 1):
            title = line.strip()
            if title and (title[0] != "#" or not is_comment(title)):
                titles.append(title)
                lines.append(lineno)
        return titles, lines

    def __len__(self) -> int:
        if self._len is None:
            self._len = sum(1 for _ in _title_lines(self.text))
        return self._len

    def __bool__(self) -> bool:
        return next(_title_lines(self.text), None) is not None


def _encode_field(doc: Document, rec: Record, title: str) -> str:
    """The new title as a JSON string in place of the old one's token, escaped as it was."""
    return json_string(title, doc.text[rec.span[0] : rec.span[1]])


def read_jsonl(path: str, text: str, encoding: str, bom: bytes, *,
               columns: Columns | None = None, listings: bool = True) -> Document:
    cols = columns or Columns()
    wanted = cols.wanted("title")
    records: list[Record] = []
    key_used = None
    # JSON Lines end at a newline only: a raw U+2028 inside a string is valid JSON
    for lineno, start, end in split_lines(text, _NEWLINE):
        content = text[start:end].rstrip("\r")
        if not content.strip():
            continue
        try:
            obj = json.loads(content)
        except json.JSONDecodeError as exc:
            raise InputError(path, lineno, t("in.json", what=exc.msg, col=exc.colno)) from None
        except RecursionError:
            raise InputError(path, lineno, t("in.json_deep")) from None
        if not isinstance(obj, dict):
            raise InputError(path, lineno, t("in.jsonl_object"))
        key = next((k for k in wanted if k in obj), None)
        if key is None or not isinstance(obj[key], str):
            raise InputError(path, lineno, t("in.jsonl_no_title", wanted=", ".join(wanted)))
        key_used = key
        ctx = {}
        for ck in CONTEXT_COLUMNS:
            for n in cols.wanted(ck):
                if isinstance(obj.get(n), str) and obj[n].strip():
                    ctx[ck] = obj[n].strip()
                    break
        s, e = top_level_strings(content)[key]  # the title's string token, quotes included
        rec = Record(path, lineno, obj[key], ctx, (start + s, start + e))
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
        raise InputError(path, None, t("in.empty"))
    return Document(path, "jsonl", text, encoding, bom, records, column=key_used,
                    encode=_encode_field)
