"""Documents read from files, and writing them back without touching anything else.

The decoded text is kept whole and every record remembers the span of its title, so a
write-back splices new titles into the original text and re-encodes it with the same encoding
and BOM: other columns, quoting, delimiters and line endings stay byte for byte. Writes are
atomic (temporary file, fsync, rename).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any


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
    ignore: tuple[str, ...] = ()  # rules its titlekit-ignore column/field names



@dataclass
class Document:
    path: str
    kind: str  # txt | csv | tsv | taobao-assistant | jsonl | listing | xlsx
    text: str
    encoding: str
    bom: bytes
    records: list[Record]
    delimiter: str = ","
    column: str | None = None
    # how a new title is written in place of a record's stored field (default: as it is)
    encode: Callable[[Document, Record, str], str] | None = field(default=None, repr=False)
    comments: int = 0  # comment lines skipped (.txt)

    def render(self, titles: dict[int, str]) -> str:
        """The document's text with record ``i``'s title replaced by ``titles[i]``."""
        parts: list[str] = []
        pos = 0
        for i in sorted(titles):
            rec = self.records[i]
            s, e = rec.span
            parts.append(self.text[pos:s])
            parts.append(self.encode(self, rec, titles[i]) if self.encode else titles[i])
            pos = e
        parts.append(self.text[pos:])
        return "".join(parts)

    def to_bytes(self, text: str) -> bytes:
        return self.bom + text.encode(self.encoding)

    def write(self, titles: dict[int, str], target: str | Path | None = None) -> None:
        atomic_write(Path(target or self.path), self.to_bytes(self.render(titles)))


def atomic_write(path: str | Path, data: bytes | Callable[[IO[bytes]], Any]) -> None:
    """Write ``data`` (bytes, or a function that writes to a binary file) to ``path`` through
    a temporary file in the same directory, fsync and a rename: readers see the old file or
    the new one, never half of one."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent or ".")
    try:
        with os.fdopen(fd, "wb") as fh:
            if callable(data):
                data(fh)
            else:
                fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o7777)
        else:  # a new file gets the mode any other new file would (mkstemp's is 0600)
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
