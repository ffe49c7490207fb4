"""Lint a set of inputs the way ``titlekit lint`` does, in one library call.

Inputs are titles and documents (read with :func:`titlekit.formats.dispatch.read_path`). Titles
are linted in batches (much faster on big files); with ``fix``, the titles that have a safe fix
are linted again until stable and files whose titles changed are written back (atomically,
every other byte kept). Listing fields get the listing rules, and duplicate rules run once
every title is read. The result holds every title's result, the files written and the exit
status (0: nothing at or above ``fail-on``; 1: problems at or above it).

::

    from titlekit.config import load_config
    from titlekit.formats.dispatch import read_path
    from titlekit.linting.session import lint_inputs

    run = lint_inputs([read_path("catalog.csv"), "耐克 男鞋 运动鞋"], load_config(), fix=True)
    run.status, [r.score for r in run.results], run.written
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..config import Config
from ..formats.document import Document
from ..problems import SEVERITY_RANK, Result, worst_rank
from .linter import Linter
from .stream import batches, catalog_brands, lint_piece, pieces

if TYPE_CHECKING:
    from ..dedup.index import Index
    from ..output.common import Tally
    from ..output.stream import Stream


@dataclass
class LintRun:
    """What a lint run produced."""

    results: list[Result]
    status: int  # 0 clean at the fail-on level, 1 problems at or above it
    written: list[tuple[str, int]] = field(default_factory=list)  # (path, titles fixed)
    # with fix: each document whose titles a fix changes, and the new titles by record
    changes: list[tuple[Document, dict[int, str]]] = field(default_factory=list)


def lint_document(linter: Linter, doc: Document, *, fix: bool = False,
                  context: dict | None = None,
                  progress: Callable[[int], None] | None = None) -> tuple[list[Result],
                                                                          dict[int, str]]:
    """Results of every record of ``doc`` and, with ``fix``, the new titles by record."""
    results: list[Result] = []
    changed: dict[int, str] = {}
    for piece in pieces([doc], catalog=lambda d: catalog_brands(linter, d)):
        res, new = lint_piece(linter, piece, fix, context or {})
        results += res
        changed.update(new)
        if progress is not None:
            progress(len(res))
    return results, changed


def iter_results(inputs: Iterable[Document | str], config: Config | None = None, *,
                 fix: bool = False, context: dict | None = None, linter: Linter | None = None,
                 jobs: int = 1, on_written: Callable[[str, int], None] | None = None
                 ) -> Iterator[Result]:
    """The results of :func:`lint_inputs` one by one, as they are made, in input order: the
    inputs are read a piece at a time (:data:`titlekit.linting.stream.PIECE` titles) and no
    result is kept. Without the duplicate rules, which need the whole run."""
    linter = linter or Linter(config)
    for b in batches(_lazy_list(inputs), linter, fix=fix, context=context, jobs=jobs,
                     on_written=on_written):
        yield from b.results or ()


class _lazy_list(list):
    """An iterable of inputs taken as it comes; items are kept for the write-back of fixes."""

    def __init__(self, items: Iterable) -> None:
        super().__init__()
        self._it = iter(items)

    def __iter__(self):
        for item in self._it:
            self.append(item)
            yield item


def lint_inputs(inputs: Sequence[Document | str], config: Config | None = None, *,
                fix: bool = False, context: dict | None = None,
                competitors: Index | None = None, duplicates: bool = False,
                linter: Linter | None = None,
                progress: Callable[[int], None] | None = None,
                on_written: Callable[[str, int], None] | None = None,
                jobs: int = 1, write: bool = True) -> LintRun:
    """Lint titles and documents; see the module docstring. ``context`` (brand, model,
    category) applies to every title; ``on_written(path, n)`` is called after a file is
    written back with ``n`` fixed titles; ``jobs`` worker processes (same results);
    ``write=False`` (``--fix --diff``) writes nothing and leaves the changes in
    :attr:`LintRun.changes`."""
    linter = linter or Linter(config)
    results: list[Result] = []
    written: list[tuple[str, int]] = []

    def wrote(path: str, n: int) -> None:
        written.append((path, n))
        if on_written is not None:
            on_written(path, n)

    changes: list[tuple[Document, dict[int, str]]] = []
    for b in batches(list(inputs), linter, fix=fix, context=context, jobs=jobs,
                     on_written=wrote, write=write, changes=changes):
        results += b.results or ()
        if progress is not None:
            progress(b.tally.titles)
    if competitors is not None or duplicates:
        from .duplicates import add_duplicate_problems

        add_duplicate_problems(linter, results, competitors=competitors, catalog=duplicates)
    return LintRun(results, exit_status(results, linter.config.fail_on), written, changes)


def lint_to(write: Callable[[str], object], inputs: list[Document | str], stream: Stream, *,
            linter: Linter, fix: bool = False, context: dict | None = None, jobs: int = 1,
            progress: Callable[[int], None] | None = None,
            on_written: Callable[[str, int], None] | None = None) -> Tally:
    """Lint ``inputs`` and write the results through ``write`` as ``stream`` formats them, as
    they come (a streamed run keeps no results); returns the run's tally (its summary and,
    with :func:`exit_status_of`, its exit status). No duplicate rules (see :func:`lint_inputs`)."""
    from ..output.stream import Writer

    out = Writer(stream, write)
    for b in batches(inputs, linter, fix=fix, context=context, jobs=jobs, encode=stream.encode,
                     on_written=on_written):
        for text in b.texts or ():
            out.add_text(text)
        out.tally.merge(b.tally)
        if progress is not None:
            progress(b.tally.titles)
    out.close()
    return out.tally


def exit_status_of(tally: Tally, fail_on: str) -> int:
    """1 when the worst problem counted in ``tally`` is at or above ``fail_on``, else 0."""
    return 1 if tally.worst >= SEVERITY_RANK[fail_on] else 0


def exit_status(results: Sequence[Result], fail_on: str) -> int:
    """1 when any problem is at or above ``fail_on``, else 0."""
    worst = worst_rank(p for r in results for p in r.problems)
    return 1 if worst >= SEVERITY_RANK[fail_on] else 0
