"""What every command shares: the error exit, config loading, progress and input arguments.

Exit codes: 0 clean at the ``--fail-on`` level, 1 problems at or above it, 2 usage, config,
input or internal error. Every error titlekit raises on purpose is a
:class:`~titlekit.errors.TitlekitError`; :class:`Group` catches it once and exits 2 with
``file: cause``.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import NoReturn

import click

from ..errors import TitlekitError

EXIT_OK, EXIT_PROBLEMS, EXIT_ERROR = 0, 1, 2


class Group(click.Group):
    """The command group: a :class:`TitlekitError` anywhere ends the command with exit 2."""

    def invoke(self, ctx: click.Context):
        from .. import i18n

        i18n.set_language("zh")  # each command sets its own (--lang, the config's lang)
        try:
            return super().invoke(ctx)
        except TitlekitError as exc:
            fail(str(exc))
        except click.UsageError as exc:
            if i18n.language() != "zh":
                raise
            usage_error(exc)


def usage_error(exc: click.UsageError) -> NoReturn:
    """A usage error in Chinese: the usage line, where to find help, and the cause (click's own
    causes, such as an unknown option, stay as click words them)."""
    from ..i18n import t

    if exc.ctx is not None:
        usage = exc.ctx.get_usage().replace("Usage: ", "用法：", 1)
        click.echo(usage + "\n" + t("usage_help", command=exc.ctx.command_path) + "\n",
                   err=True)
    click.echo(t("error", message=exc.format_message()), err=True)
    sys.exit(EXIT_ERROR)


def fail(message: str) -> NoReturn:
    from ..i18n import t

    click.echo(t("error", message=message), err=True)
    sys.exit(EXIT_ERROR)


def warn(message: str) -> None:
    from ..i18n import t

    click.echo(t("warning", message=message), err=True)


def set_language(lang: str | None, cfg=None) -> None:
    """The language of the output: ``--lang``, else the config's ``lang``, else Chinese."""
    from .. import i18n

    i18n.set_language(lang or (cfg.lang if cfg is not None else None) or "zh")


def split(values: tuple[str, ...]) -> tuple[str, ...] | None:
    out = tuple(v.strip() for item in values for v in item.split(",") if v.strip())
    return out or None


def config(config_path: str | None, no_config: bool, **overrides):
    """The settings in force: the config file (given, or found upwards) and the flags."""
    from ..config import Config, load_config

    cfg = Config() if no_config else load_config(Path(config_path) if config_path else None)
    return cfg.override(**overrides)


def path_test(arg: str | Path, test: str) -> bool:
    """``Path(arg).is_dir()`` (or ``exists``, ``is_file``) that never raises: a title longer
    than a file name can be (255 bytes) is not a path, whatever the OS says of it."""
    text = str(arg)
    if "\x00" in text or any(len(part.encode("utf-8", "surrogatepass")) > 255
                              for part in Path(text).parts):
        return False
    try:
        return getattr(Path(text), test)()
    except (OSError, ValueError):
        return False


def looks_like_path(arg: str) -> bool:
    from ..formats.dispatch import KNOWN_SUFFIXES

    # Titles often contain "/" (a3/a4, 8gb/256gb), so only an existing path or a file suffix
    # makes an argument a file; a missing "x.csv" is then reported as a missing file.
    # A title longer than a file name can be (255 bytes) is never stat()ed: the OS would
    # refuse it with "File name too long".
    if arg.lower().endswith(KNOWN_SUFFIXES):
        return True
    if "\x00" in arg or any(len(part.encode("utf-8", "surrogatepass")) > 255
                             for part in Path(arg).parts):
        return False
    try:
        return Path(arg).is_file() or Path(arg).is_dir()
    except (OSError, ValueError):
        return False


class Progress:
    """A progress bar on standard error for long work, shown on a terminal only; its length
    can be given late (``start``), once the work is counted."""

    def __init__(self, label: str, minimum: int, length: int | None = None) -> None:
        self.label, self.minimum = label, minimum
        self._bar = None
        if length is not None:
            self.start(length)

    def start(self, length: int) -> None:
        hidden = length < self.minimum or not sys.stderr.isatty()
        self._bar = click.progressbar(length=length, label=self.label, file=sys.stderr,
                                      hidden=hidden)
        self._bar.__enter__()

    def update(self, n: int) -> None:
        if self._bar is not None:
            self._bar.update(n)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.__exit__(None, None, None)
            self._bar = None

    def __enter__(self):  # -> Self
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def competitors(path: str, column: str | None, columns: dict, verbose: bool,
                search: bool = True):
    """The competitor index of ``--competitors`` (an index file, or built from titles)."""
    import time

    from ..dedup import corpus
    from ..i18n import t

    t0 = time.perf_counter()
    with Progress("indexing competitors", 20_000) as bar:
        if corpus.is_index_file(path):
            index = corpus.competitors(path, search=search)
        else:
            index = corpus.build([path], column=column, columns=columns, progress=bar.update,
                                 on_count=bar.start)
    if verbose:
        click.echo(t("competitors_count", path=path, n=len(index),
                     secs=time.perf_counter() - t0), err=True)
    return index
