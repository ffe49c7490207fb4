"""Reading ``.npz`` archives of plain arrays (index files, the slot model) without trusting them.

``numpy.load`` believes what a file says: a member declaring a shape of 10**12 bytes is
allocated before anything is read, and a deflated member of 5 MB may inflate to gigabytes.
:func:`read_arrays` reads the zip directory first and refuses, before inflating anything, a
member whose inflated size is out of bounds (more than :data:`MAX_RATIO` times its compressed
size, or more than the caller allows); then each member's ``.npy`` header, refusing object
arrays (never pickle), Fortran order and a header whose shape and dtype disagree with the
member's size. Every problem is an :class:`ArrayFileError` (a ``ValueError``) saying what is
wrong; callers add the file name and their own error type.
"""

from __future__ import annotations

import io
import math
import mmap
import os
import struct
import zipfile
import zlib
from collections.abc import Iterable

import numpy as np

MAX_RATIO = 50  # deflated members: titles compress 3 to 5 times, numbers rarely 20
MAX_HEADER = 10_000  # bytes of a member's .npy header


class ArrayFileError(ValueError):
    """An archive or member that cannot be used; the message says why."""


def read_arrays(path: str, names: Iterable[str], *,
                max_bytes: dict[str, int] | None = None,
                check_only: Iterable[str] = (), mapped: bool = False) -> dict[str, np.ndarray]:
    """The arrays ``names`` of the ``.npz`` at ``path``. ``max_bytes[name]`` bounds a member's
    inflated size; members in ``check_only`` must be present with a sound header and size
    but are not read (their value is a zero-strided array of the stored dtype and shape,
    which takes no memory). ``mapped=True`` maps stored (not deflated) members instead of
    copying them: their arrays are read-only views of the file's pages (their CRC is still
    checked), so a large archive costs no copy and processes reading it share its memory."""
    if os.stat(path).st_size == 0:
        raise ArrayFileError("not an array archive (empty file)")
    try:
        zf = zipfile.ZipFile(path)
    except FileNotFoundError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise ArrayFileError(f"not an array archive ({exc or type(exc).__name__})") from None
    limits = max_bytes or {}
    out: dict[str, np.ndarray] = {}
    mm = None
    if mapped:
        with open(path, "rb") as fh:
            mm = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
    with zf:
        infos = {i.filename[:-4]: i for i in zf.infolist() if i.filename.endswith(".npy")}
        skip = set(check_only)
        for name in [*names, *skip]:
            info = infos.get(name)
            if info is None:
                raise ArrayFileError(f"no array '{name}'")
            if info.compress_type != zipfile.ZIP_STORED and (
                    info.file_size > MAX_RATIO * max(info.compress_size, 1) + 65_536):
                raise ArrayFileError(
                    f"array '{name}' would inflate to {info.file_size:,} bytes from "
                    f"{info.compress_size:,} (more than {MAX_RATIO} times): refused unread")
            if name in limits and info.file_size > limits[name] + MAX_HEADER:
                raise ArrayFileError(f"array '{name}' holds {info.file_size:,} bytes, "
                                     f"more than the {limits[name]:,} its header allows")
            try:
                if mm is not None and info.compress_type == zipfile.ZIP_STORED:
                    out[name] = _map_member(mm, info, name, read=name not in skip)
                    continue
                out[name] = _read_member(zf, info, name, read=name not in skip)
            except ArrayFileError:
                raise
            except (zipfile.BadZipFile, OSError, ValueError, EOFError, TypeError,
                    SyntaxError, NotImplementedError) as exc:
                raise ArrayFileError(f"array '{name}' cannot be read "
                                     f"({exc or type(exc).__name__})") from None
    return out


def _npy_header(fh, info: zipfile.ZipInfo, name: str) -> tuple[tuple, np.dtype, int]:
    """A member's .npy header, checked: its shape, dtype and the bytes of data it announces."""
    fmt = np.lib.format
    version = fmt.read_magic(fh)
    if version == (1, 0):
        shape, fortran, dtype = fmt.read_array_header_1_0(fh, max_header_size=MAX_HEADER)
    elif version in ((2, 0), (3, 0)):
        shape, fortran, dtype = fmt.read_array_header_2_0(fh, max_header_size=MAX_HEADER)
    else:
        raise ArrayFileError(f"array '{name}' has .npy format version {version}")
    if dtype.hasobject:
        raise ArrayFileError(f"array '{name}' holds Python objects (pickle): never loaded")
    if fortran and len(shape) > 1:
        raise ArrayFileError(f"array '{name}' is in Fortran order")
    nbytes = math.prod(shape) * dtype.itemsize
    if fh.tell() + nbytes != info.file_size:
        raise ArrayFileError(f"array '{name}': its header says {nbytes:,} bytes of data, "
                             f"the member holds {info.file_size - fh.tell():,}")
    return shape, dtype, nbytes


def _map_member(mm: mmap.mmap, info: zipfile.ZipInfo, name: str, read: bool) -> np.ndarray:
    """A stored member as a read-only view of the mapped file, after checking its CRC."""
    at = info.header_offset
    local = mm[at:at + 30]
    if len(local) != 30 or local[:4] != b"PK\x03\x04":
        raise ArrayFileError(f"array '{name}' has no local file header")
    name_len, extra_len = struct.unpack("<HH", local[26:30])
    start = at + 30 + name_len + extra_len
    if start + info.file_size > len(mm):
        raise ArrayFileError(f"array '{name}' is truncated")
    head = io.BytesIO(mm[start:start + min(info.file_size, MAX_HEADER + 16)])
    shape, dtype, _ = _npy_header(head, info, name)
    if not read:
        return np.broadcast_to(np.zeros((), dtype=dtype), shape)
    if zlib.crc32(memoryview(mm)[start:start + info.file_size]) != info.CRC:
        raise ArrayFileError(f"array '{name}' is corrupt (bad CRC)")
    arr = np.frombuffer(mm, dtype=dtype, count=math.prod(shape), offset=start + head.tell())
    return arr.reshape(shape)


def _read_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, read: bool
                 ) -> np.ndarray:
    with zf.open(info) as fh:
        shape, dtype, nbytes = _npy_header(fh, info, name)
        if not read:
            return np.broadcast_to(np.zeros((), dtype=dtype), shape)
        arr = np.empty(shape, dtype=dtype)
        view = memoryview(arr.reshape(-1).view(np.uint8))
        got = 0
        while got < nbytes:  # the last read reaches the end of the member: its CRC is checked
            n = fh.readinto(view[got:])
            if not n:
                raise ArrayFileError(f"array '{name}' is truncated")
            got += n
        fh.read(1)
        return arr
