"""Decoding files: UTF-8 with or without BOM, UTF-16 (BOM, or detected), GB18030/GBK."""

from __future__ import annotations

import codecs

from ..errors import InputError
from ..i18n import t


def decode(path: str, data: bytes) -> tuple[str, str, bytes]:
    """(text, encoding, bom) for raw file bytes; InputError names the line of a bad byte.
    A NUL character anywhere in the decoded text (not only near the start) makes the file
    binary."""
    text, encoding, bom = _decode(path, data)
    nul = text.find("\x00")
    if nul >= 0:
        raise InputError(path, text.count("\n", 0, nul) + 1,
                         t("in.binary"))
    return text, encoding, bom


def _decode(path: str, data: bytes) -> tuple[str, str, bytes]:
    if not data or data.isspace():  # (not data.strip(), without copying a big file)
        raise InputError(path, None, t("in.empty"))
    for bom, enc in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                     (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            body = data[len(bom):]
            try:
                return body.decode(enc), enc, bom
            except UnicodeDecodeError as exc:
                raise InputError(path, _line_at(body, exc.start, enc),
                                 t("in.bad_bom_text", enc=enc.upper())) from None
    if b"\x00" in data:
        sample = data[:8192]
        if sample[1::2].count(0) > len(sample) // 4 and sample[0::2].count(0) < len(sample) // 8:
            try:
                return data.decode("utf-16-le"), "utf-16-le", b""
            except UnicodeDecodeError:
                pass
        raise InputError(path, _line_at(data, data.index(b"\x00")),
                         t("in.binary"))
    try:
        return data.decode("utf-8"), "utf-8", b""
    except UnicodeDecodeError as exc:
        utf8_error = exc
    try:
        return data.decode("gb18030"), "gb18030", b""
    except UnicodeDecodeError as exc:
        pos = max(exc.start, utf8_error.start)
        raise InputError(path, _line_at(data, pos),
                         t("in.undecodable", byte=data[pos])) from None


def _line_at(data: bytes, pos: int, enc: str = "") -> int:
    if enc.startswith("utf-16"):
        nl = "\n".encode(enc)
        return data[: pos - pos % 2].count(nl) + 1
    return data.count(b"\n", 0, pos) + 1
