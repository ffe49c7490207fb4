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

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from ..config import Config
from ..dedup.index import Index
from ..errors import InputError
from ..formats.document import Document
from ..problems import SEVERITY_RANK, Result, worst_rank
from .duplicates import add_duplicate_problems
from .linter import Linter


@dataclass
class LintRun:
    """What a lint run produced."""

    results: list[Result]
    status: int  # 0 clean at the fail-on level, 1 problems at or above it
    written: list[tuple[str, int]] = field(default_factory=list)  # (path, titles fixed)
    # with fix: each document whose titles a fix changes, and the new titles by record
    changes: list[tuple[Document, dict[int, str]]] = field(default_factory=list)


def lint_one(linter: Linter, title: str, ctx: dict, fix: bool, path: str | None = None,
             line: int | None = None) -> Result:
    """One title's result; with ``fix`` the result of the fixed title, with ``fixed`` and
    the original title set when a fix changed it."""
    if fix:
        new, res = linter.fix(title, ctx)  # res describes the fixed title
        if new != title:
            res.fixed = new
            res.extra["original"] = title
    else:
        res = linter.lint(title, ctx)
    res.path, res.line = path, line
    return res


def lint_document(linter: Linter, doc: Document, *, fix: bool = False,
                  context: dict | None = None,
                  progress: Callable[[int], None] | None = None) -> tuple[list[Result],
                                                                          dict[int, str]]:
    """Results of every record of ``doc`` and, with ``fix``, the new titles by record."""
    given = context or {}
    results: list[Result] = []
    changed: dict[int, str] = {}
    batched = linter.lint_many(
        (rec.title, {**rec.context, **given}) for rec in doc.records
        if not (rec.listing is not None and not rec.title))
    for i, rec in enumerate(doc.records):
        if rec.ignore:  # titlekit-ignore: this row is linted without the rules it names
            res, new = _lint_suppressed(linter, doc, rec, fix, given)
            if new is not None:
                changed[i] = new
            results.append(res)
            if not (rec.listing is not None and not rec.title):
                next(batched)  # its result in the batch is not used
        elif rec.listing is not None and not rec.title:  # no usable title field
            results.append(linter.lint_listing(rec.listing, rec.schema_errors))
        else:
            res = next(batched)
            res.path, res.line = doc.path, rec.line
            if fix and any(p.fix is not None and p.fix.safe for p in res.problems):
                res = lint_one(linter, rec.title, {**rec.context, **given}, fix, doc.path,
                               rec.line)
            if rec.listing is not None:
                linter.add_listing_problems(res, rec.listing, rec.schema_errors)
            if fix and res.fixed is not None and res.fixed != rec.title:
                changed[i] = res.fixed
            results.append(res)
        if progress is not None:
            progress(1)
    return results, changed


def _lint_suppressed(linter: Linter, doc: Document, rec, fix: bool, given: dict
                     ) -> tuple[Result, str | None]:
    from .suppress import linter_without

    own = linter_without(linter, rec.ignore, doc.path, rec.line)
    if rec.listing is not None and not rec.title:
        return own.lint_listing(rec.listing, rec.schema_errors), None
    res = lint_one(own, rec.title, {**rec.context, **given}, fix, doc.path, rec.line)
    if rec.listing is not None:
        own.add_listing_problems(res, rec.listing, rec.schema_errors)
    new = res.fixed if fix and res.fixed is not None and res.fixed != rec.title else None
    return res, new


def lint_inputs(inputs: Sequence[Document | str], config: Config | None = None, *,
                fix: bool = False, context: dict | None = None,
                competitors: Index | None = None, duplicates: bool = False,
                linter: Linter | None = None,
                progress: Callable[[int], None] | None = None,
                on_written: Callable[[str, int], None] | None = None,
                write: bool = True) -> LintRun:
    """Lint titles and documents; see the module docstring. ``context`` (brand, model,
    category) applies to every title; ``on_written(path, n)`` is called after a file is
    written back with ``n`` fixed titles; ``write=False`` (``--fix --diff``) writes nothing and
    leaves the changes in :attr:`LintRun.changes`."""
    linter = linter or Linter(config)
    given = {k: v for k, v in (context or {}).items() if v}
    results: list[Result] = []
    written: list[tuple[str, int]] = []
    changes: list[tuple[Document, dict[int, str]]] = []
    for item in inputs:
        if isinstance(item, str):
            results.append(lint_one(linter, item, given, fix))
            if progress is not None:
                progress(1)
            continue
        res, changed = lint_document(linter, item, fix=fix, context=given, progress=progress)
        results.extend(res)
        if fix and changed:
            changes.append((item, changed))
        if fix and changed and write and item.path != "<stdin>":
            try:
                item.write(changed)
            except OSError as exc:
                raise InputError(item.path, None, f"cannot write fixes: {exc.strerror}"
                                 ) from None
            written.append((item.path, len(changed)))
            if on_written is not None:
                on_written(item.path, len(changed))
    if competitors is not None or duplicates:
        add_duplicate_problems(linter, results, competitors=competitors, catalog=duplicates)
    return LintRun(results, exit_status(results, linter.config.fail_on), written, changes)


def exit_status(results: Sequence[Result], fail_on: str) -> int:
    """1 when any problem is at or above ``fail_on``, else 0."""
    worst = worst_rank(p for r in results for p in r.problems)
    return 1 if worst >= SEVERITY_RANK[fail_on] else 0
