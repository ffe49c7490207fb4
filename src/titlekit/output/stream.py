"""Streamed output: a run's results are encoded one by one and written as they come, in input
order, so nothing but the summary's counts is kept.

A :class:`Stream` is the frame of a format (what comes before the first result, between two,
after the last) and an encoder, a picklable function from one result to its text, so worker
processes can encode their own results (``functools.partial`` of a module-level function).
The frames are cut out of the very document the non-streamed renderer builds, around a
placeholder, so ``json`` and ``sarif`` come out byte for byte as :func:`render_json` and
:func:`render_sarif` write them, compact (the C encoder) or indented (``pretty``).

Formats: ``text``, ``json``, ``jsonl`` (one result a line, no summary), ``github``, ``sarif``,
``csv``. The HTML report and the xlsx workbook need every result at once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import IO

from ..problems import Result
from .common import Tally
from .github import github_lines
from .json_doc import JSON_VERSION, exact_json
from .sarif import sarif_document, sarif_items
from .text import summary_line, text_block

STREAMED = ("text", "json", "jsonl", "github", "sarif", "csv")
_ITEMS = "\x1e titlekit results \x1e"  # placeholders no JSON document of a run contains
_SUMMARY = "\x1e titlekit summary \x1e"


def _dump(obj: object, indent: int | None) -> str:
    return exact_json(obj, indent=indent)


def encode_json(r: Result, pad: str = "", sep: str = ", ") -> str:
    """One result as the JSON document has it; ``pad`` indents it (pretty output)."""
    if not pad:
        return exact_json(r.to_dict())
    return exact_json(r.to_dict(), indent=2).replace("\n", "\n" + pad)


def encode_jsonl(r: Result) -> str:
    return exact_json(r.to_dict()) + "\n"


def encode_sarif(r: Result, pad: str = "", sep: str = ", ") -> str:
    items = sarif_items(r)
    if not pad:
        return sep.join(exact_json(i) for i in items)
    return sep.join(exact_json(i, indent=2).replace("\n", "\n" + pad)
                    for i in items)


@dataclass
class Stream:
    """How one format is written: ``head``, then the results' texts (``sep`` between two
    non-empty ones), then ``tail(summary)``; ``empty`` replaces head and tail when no result
    wrote anything (an empty JSON list is written ``[]``)."""

    encode: Callable[[Result], str]
    head: str = ""
    sep: str = ""
    tail: Callable[[dict], str] = lambda s: ""
    empty: Callable[[dict], str] | None = None


def _framed(doc: dict, empty_doc: dict, pretty: bool, encode: Callable[..., str]) -> Stream:
    """A stream for a JSON document holding the list ``[_ITEMS]`` somewhere (and maybe the
    string ``_SUMMARY``); ``empty_doc`` is the same document without results."""
    indent = 2 if pretty else None
    head, _, rest = (_dump(doc, indent) + "\n").partition(_dump(_ITEMS, None))
    pad = head[head.rfind("\n") + 1:] if pretty else ""
    sep = ",\n" + pad if pretty else ", "
    marker = _dump(_SUMMARY, None)

    def fill(part: str, s: dict) -> str:
        if marker not in part:
            return part
        if not pretty:
            return part.replace(marker, _dump(s, None))
        line = part[part.rfind("\n", 0, part.index(marker)) + 1:]
        spad = line[: len(line) - len(line.lstrip(" "))]
        return part.replace(marker, _dump(s, indent).replace("\n", "\n" + spad))

    empty = _dump(empty_doc, indent) + "\n"
    return Stream(partial(encode, pad=pad, sep=sep), head, sep, lambda s: fill(rest, s),
                  lambda s: fill(empty, s))


def stream_for(fmt: str, *, pretty: bool = False, color: bool = False, verbose: bool = False,
               platform: str = "taobao") -> Stream:
    """The stream of ``fmt`` (one of :data:`STREAMED`)."""
    if fmt == "text":
        return Stream(partial(text_block, color=color, verbose=verbose), tail=summary_line)
    if fmt == "jsonl":
        return Stream(encode_jsonl)
    if fmt == "github":
        return Stream(github_lines)
    if fmt == "csv":
        from .sheet import csv_head, encode_csv

        head = csv_head()
        return Stream(encode_csv, head=head, empty=lambda s: head)
    if fmt == "json":
        from ..version import __version__

        doc = {"version": JSON_VERSION, "tool": "titlekit", "tool_version": __version__,
               "platform": platform, "results": [_ITEMS], "summary": _SUMMARY}
        return _framed(doc, {**doc, "results": []}, pretty, encode_json)
    if fmt == "sarif":
        return _framed(sarif_document([_ITEMS]), sarif_document([]), pretty, encode_sarif)
    raise ValueError(f"not a streamed format: {fmt}")


class Writer:
    """Writes a stream to a text sink (``write``) as results come; ``tally`` adds up the
    summary of what was written."""

    def __init__(self, stream: Stream, write: Callable[[str], object]) -> None:
        self.stream, self._write = stream, write
        self.tally = Tally()
        self._started = False  # the head is written with the first non-empty text

    def add(self, r: Result) -> None:
        self.tally.add(r)
        self.add_text(self.stream.encode(r))

    def add_text(self, text: str) -> None:
        """A result's text as ``stream.encode`` made it (maybe in another process); the
        caller adds the result to ``tally`` (or merges a tally of its own)."""
        if not text:
            return
        if not self._started:
            self._write(self.stream.head)
            self._started = True
        elif self.stream.sep:
            self._write(self.stream.sep)
        self._write(text)

    def close(self) -> None:
        s = self.tally.summary()
        if not self._started and self.stream.empty is not None:
            self._write(self.stream.empty(s))
        else:
            if not self._started:
                self._write(self.stream.head)
            self._write(self.stream.tail(s))


def text_sink(fh: IO[bytes], size: int = 1 << 16) -> tuple[Callable[[str], None],
                                                          Callable[[], None]]:
    """A buffered ``write(text)`` onto binary ``fh`` (UTF-8; surrogate escapes kept) and its
    ``flush``."""
    parts: list[str] = []
    n = 0

    def flush() -> None:
        nonlocal n
        if parts:
            fh.write("".join(parts).encode("utf-8", errors="surrogateescape"))
            parts.clear()
            n = 0
        fh.flush()

    def write(text: str) -> None:
        nonlocal n
        parts.append(text)
        n += len(text)
        if n >= size:
            flush()

    return write, flush
