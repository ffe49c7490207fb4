"""Documents read from files, and writing them back without touching anything else.

The decoded text is kept whole and every record remembers the span of its title, so a
write-back splices new titles into the original text and re-encodes it with the same encoding
and BOM: other columns, quoting, delimiters and line endings stay byte for byte. Writes go
through :mod:`.writing` (temporary file, fsync, rename; symlinks, hard links, owner and mode
kept; a file that changed since it was read, or is read-only, is refused).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .writing import PendingWrite, Snapshot, atomic_write, prepare

__all__ = ["Document", "Record", "atomic_write", "prepare"]


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
    # the bytes read from the file and their snapshot (None for standard input): a write-back
    # to the same file is refused if it changed since, and a .bak is made of these bytes
    data: bytes | None = field(default=None, repr=False)
    source: Snapshot | None = field(default=None, repr=False)

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

    def expect(self, target: str | Path) -> Snapshot | None:
        """The snapshot a write to ``target`` must find unchanged (``target`` is this file)."""
        if self.source is None:
            return None
        try:
            same = Path(target).resolve() == Path(self.source.path).resolve()
        except OSError:
            same = False
        return self.source if same else None

    def prepare(self, titles: dict[int, str], target: str | Path | None = None
                ) -> PendingWrite:
        """The new document written beside ``target`` (default: this file), not yet in place."""
        target = Path(target or self.path)
        return prepare(target, self.to_bytes(self.render(titles)), expect=self.expect(target))

    def write(self, titles: dict[int, str], target: str | Path | None = None) -> None:
        self.prepare(titles, target).commit()
