"""Writing users' files: atomically where possible, never over a change titlekit did not see.

:func:`atomic_write` (and :func:`prepare`, for several files committed together):

- the data goes to a temporary file beside the target (``.NAME.XXXXXXXX.tmp``), is flushed
  and fsynced, then renamed over the target: readers see the old file or the new one;
- a symlink stays a symlink: the file it points to is written;
- the target's mode and owner are kept; a hard-linked target (more than one link), or one whose
  owner cannot be given to the new file, is written in place instead (the data is complete in
  the temporary file first, then copied into the target's inode and the rest truncated, with
  SIGINT/SIGTERM/SIGHUP held back during the copy), so every link sees the new content;
- a read-only target (no write bit, or not writable by this user) is refused, nothing written;
- with ``expect`` (a :class:`Snapshot` of the bytes that were read), a target that changed
  since (size or content) is refused, nothing written;
- SIGTERM and SIGHUP during a write remove the temporary file before the signal takes its
  course; temporary files of titlekit's naming older than the current run (left by SIGKILL
  or a power cut) are removed beside the target on the next write.

Refusals are :class:`~titlekit.errors.InputError` naming the file; operating-system failures
stay ``OSError``.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import signal
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from ..errors import InputError
from ..i18n import t

_RUN_START_NS = time.time_ns()  # temp files older than this are not this run's
_HANDLED = (signal.SIGTERM, signal.SIGHUP) if hasattr(signal, "SIGHUP") else (signal.SIGTERM,)
_HELD = (signal.SIGINT, *_HANDLED)
_temps: set[str] = set()
_previous: dict[int, Any] = {}
_lock = threading.Lock()


@dataclass(frozen=True)
class Snapshot:
    """What a file was when it was read: its size, modification time and a digest of the
    bytes read."""

    path: str
    size: int
    mtime_ns: int
    digest: bytes

    @classmethod
    def read(cls, path: str | Path) -> tuple[bytes, Snapshot]:
        """The file's bytes and their snapshot (stat of the open file, so they agree)."""
        with open(path, "rb") as fh:
            st = os.fstat(fh.fileno())
            data = fh.read()
        return data, cls(str(path), st.st_size, st.st_mtime_ns, hashlib.sha256(data).digest())

    def changed(self, target: str | Path) -> bool:
        """Whether ``target`` no longer holds the bytes that were read."""
        try:
            st = os.stat(target)
        except FileNotFoundError:
            return True
        if st.st_size != self.size:
            return True
        if st.st_mtime_ns == self.mtime_ns:
            return False
        with open(target, "rb") as fh:
            return hashlib.sha256(fh.read()).digest() != self.digest


def _target(path: Path) -> Path:
    """The file to write: the end of a chain of symlinks, else ``path`` itself."""
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def _refuse(path: Path, target: Path, expect: Snapshot | None) -> os.stat_result | None:
    try:
        st = os.stat(target)
    except FileNotFoundError:
        if expect is not None:
            raise InputError(str(path), None, t("in.removed")) from None
        return None
    if not st.st_mode & 0o222 or not os.access(target, os.W_OK):
        raise InputError(str(path), None, t("in.read_only"))
    if expect is not None and expect.changed(target):
        raise InputError(str(path), None, t("in.changed"))
    return st


_STALE = re.compile(r"\.(?P<name>.+)\.[a-z0-9_]{8}\.tmp")


def remove_stale_temps(target: Path) -> None:
    """Remove temporary files of titlekit's naming for ``target`` that predate this run."""
    folder = target.parent
    try:
        names = os.listdir(folder or ".")
    except OSError:
        return
    for n in names:
        m = _STALE.fullmatch(n)
        if m is None or m["name"] != target.name or str(folder / n) in _temps:
            continue
        try:
            if os.lstat(folder / n).st_mtime_ns < _RUN_START_NS:
                os.unlink(folder / n)
        except OSError:
            pass


def _on_signal(signum: int, frame: Any) -> None:
    for tmp in list(_temps):
        try:
            os.unlink(tmp)
        except OSError:
            pass
        _temps.discard(tmp)
    previous = _previous.pop(signum, signal.SIG_DFL)
    signal.signal(signum, previous)
    if callable(previous):
        previous(signum, frame)
    elif previous != signal.SIG_IGN:
        os.kill(os.getpid(), signum)  # the signal's own course (end the process)


def _register(tmp: str) -> None:
    with _lock:
        if not _temps and threading.current_thread() is threading.main_thread():
            for sig in _HANDLED:
                try:
                    _previous[sig] = signal.signal(sig, _on_signal)
                except (ValueError, OSError):  # pragma: no cover - no signals here
                    pass
        _temps.add(tmp)


def _unregister(tmp: str) -> None:
    with _lock:
        _temps.discard(tmp)
        if not _temps and threading.current_thread() is threading.main_thread():
            for sig, previous in list(_previous.items()):
                if signal.getsignal(sig) is _on_signal:
                    signal.signal(sig, previous)
                del _previous[sig]


class PendingWrite:
    """A file written to its temporary twin, not yet in place: :meth:`commit` puts it there,
    :meth:`abort` removes it. Nothing of the target changes before :meth:`commit`."""

    def __init__(self, path: str | Path, data: bytes | Callable[[IO[bytes]], Any], *,
                 expect: Snapshot | None = None, mode: int | None = None) -> None:
        self.path = Path(path)
        self.mode = mode
        self.target = _target(self.path)
        self.expect = expect
        _refuse(self.path, self.target, expect)
        remove_stale_temps(self.target)
        fd, self.tmp = tempfile.mkstemp(prefix=f".{self.target.name}.", suffix=".tmp",
                                        dir=self.target.parent or ".")
        _register(self.tmp)
        try:
            with os.fdopen(fd, "wb") as fh:
                if callable(data):
                    data(fh)
                else:
                    fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
        except BaseException:
            self.abort()
            raise

    def commit(self) -> None:
        try:
            st = _refuse(self.path, self.target, self.expect)
            if st is None:  # a new file gets the mode asked for, or any new file's
                if self.mode is None:
                    umask = os.umask(0)
                    os.umask(umask)
                os.chmod(self.tmp, self.mode if self.mode is not None else 0o666 & ~umask)
            elif st.st_nlink > 1 or not _same_owner(self.tmp, st):
                self._copy_in_place()
                return
            else:
                os.chmod(self.tmp, st.st_mode & 0o7777)
            os.replace(self.tmp, self.target)
        finally:
            self.abort()

    def _copy_in_place(self) -> None:
        """Write the temporary file's bytes into the target's own inode (hard links, owner)."""
        held = hasattr(signal, "pthread_sigmask")
        if held:
            old = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD)
        try:
            with open(self.tmp, "rb") as src, open(self.target, "r+b") as dst:
                shutil.copyfileobj(src, dst, 1 << 20)
                dst.truncate()
                dst.flush()
                os.fsync(dst.fileno())
        finally:
            if held:
                signal.pthread_sigmask(signal.SIG_SETMASK, old)

    def abort(self) -> None:
        try:
            os.unlink(self.tmp)
        except OSError:
            pass
        _unregister(self.tmp)


def _same_owner(tmp: str, st: os.stat_result) -> bool:
    """Give ``tmp`` the owner of ``st``; False when that is not allowed."""
    mine = os.stat(tmp)
    if (mine.st_uid, mine.st_gid) == (st.st_uid, st.st_gid):
        return True
    try:
        os.chown(tmp, st.st_uid, st.st_gid)
        return True
    except OSError:
        return False


def prepare(path: str | Path, data: bytes | Callable[[IO[bytes]], Any], *,
            expect: Snapshot | None = None, mode: int | None = None) -> PendingWrite:
    """Write ``data`` beside ``path``, ready to :meth:`~PendingWrite.commit`; ``mode`` is the
    mode of the file if it is new (default: what the umask gives)."""
    return PendingWrite(path, data, expect=expect, mode=mode)


def atomic_write(path: str | Path, data: bytes | Callable[[IO[bytes]], Any], *,
                 expect: Snapshot | None = None) -> None:
    """Write ``data`` (bytes, or a function that writes to a binary file) to ``path``; see the
    module docstring for what is kept and what is refused."""
    prepare(path, data, expect=expect).commit()


def commit_all(pending: list[PendingWrite]) -> None:
    """Commit prepared writes in order; if one fails, the rest are removed unwritten."""
    try:
        for p in pending:
            p.commit()
    finally:
        for p in pending:
            p.abort()
