"""Every error titlekit raises on purpose, in one tree.

The command line catches :class:`TitlekitError` once and exits with status 2, printing
``file: cause`` (or ``file:line: cause``) without a traceback. Library users can catch the
same base class, or one of its kinds.
"""

from __future__ import annotations


class TitlekitError(Exception):
    """Something titlekit cannot work with; the message names the file (and line) and cause."""


class InputError(TitlekitError):
    """Bad input: the message names the file, the line and the cause."""

    def __init__(self, path: str, line: int | None, message: str) -> None:
        self.path, self.line, self.reason = path, line, message
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {message}")


class ConfigError(TitlekitError, ValueError):
    """A configuration problem; the message names the file and key."""


class LexiconError(TitlekitError, ValueError):
    """A lexicon file that cannot be used; the message names file and line."""


class ModelError(TitlekitError, ValueError):
    """The shipped or given slot model cannot be used; the message says why."""


class IndexFileError(TitlekitError, ValueError):
    """An index file that cannot be used; the message names the file and the cause."""


class OutlineError(TitlekitError, ValueError):
    """A template or input problem; the message names the template, line and cause."""


class SegmenterError(TitlekitError, ValueError):
    """An unknown or uninstalled segmentation backend."""


class ExtraError(TitlekitError, ImportError):
    """A feature of an optional extra (``titlekit[dask]``) asked for without it installed."""
