"""Decoding files: UTF-8 with or without BOM, UTF-16 (BOM, or detected), GB18030/GBK."""

from __future__ import annotations

import codecs

from ..errors import InputError


def decode(path: str, data: bytes) -> tuple[str, str, bytes]:
    """(text, encoding, bom) for raw file bytes; InputError names the line of a bad byte.
    A NUL character anywhere in the decoded text (not only near the start) makes the file
    binary."""
    text, encoding, bom = _decode(path, data)
    nul = text.find("\x00")
    if nul >= 0:
        raise InputError(path, text.count("\n", 0, nul) + 1,
                         "binary file (NUL bytes): expected text, CSV or JSONL")
    return text, encoding, bom


def _decode(path: str, data: bytes) -> tuple[str, str, bytes]:
    if not data or data.isspace():  # (not data.strip(), without copying a big file)
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
    if b"\x00" in data:
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
