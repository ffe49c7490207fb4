"""``titlekit lint``'s work once its arguments are parsed: read every input with the config in
force for it, lint each with that config's linter, then the duplicate rules across all."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field

import click

from . import common


@dataclass
class Outcome:
    results: list
    status: int
    changes: list = field(default_factory=list)  # (document, {record: new title})
    items: list = field(default_factory=list)  # (item, config) in input order


def read_all(args, configs, column: str | None, verbose: bool, lazy: bool = False
             ) -> list[tuple[object, object]]:
    """(title or document, config) of every input, in order."""
    from ..errors import InputError
    from ..formats.dispatch import read_bytes, read_path
    from ..i18n import t

    items = []
    for a in args:
        if a.kind == "title":
            items.append((a.value, configs.get(None)))
            continue
        cfg = configs.get(None if a.kind == "stdin" else a.value)
        cols = dict(cfg.columns)
        if a.kind == "stdin":
            doc = read_bytes("<stdin>", sys.stdin.buffer.read(), column=column, columns=cols)
        else:
            try:
                doc = read_path(a.value, column=column, columns=cols, lazy=lazy)
            except InputError as exc:
                # a table found in a directory without a title column (a keyword export, a
                # price list) is not a title file: said, and skipped
                if not (a.found and exc.reason.startswith("no title column")):
                    raise
                common.warn(t("skipped_not_titles", path=a.value))
                continue
        items.append((doc, cfg))
        if verbose:
            bom = t("verbose_bom") if doc.bom else ""
            line = t("verbose_doc", path=doc.path, kind=doc.kind, encoding=doc.encoding, bom=bom,
                     n=len(doc.records))
            if doc.comments:
                line += t("verbose_comments", n=doc.comments)
            click.echo(line, err=True)
            src = configs.source(None if a.kind == "stdin" else a.value)
            click.echo(t("verbose_config", path=doc.path, config=src or t("no_config")),
                       err=True)
    return items


def lint_all(items, *, fix: bool, write: bool, context: dict, competitors=None,
             duplicates: bool = False, progress=None, on_written=None, jobs: int = 1) -> Outcome:
    from ..linting.duplicates import add_duplicate_problems
    from ..linting.linter import Linter
    from ..linting.session import exit_status, lint_inputs

    linters: dict[int, Linter] = {}
    results: list = []
    changes: list = []
    status = 0
    for item, cfg in items:
        linter = linters.get(id(cfg))
        if linter is None:
            linter = linters[id(cfg)] = Linter(cfg)
        run = lint_inputs([item], linter=linter, fix=fix, context=context, progress=progress,
                          on_written=on_written, write=write, jobs=jobs)
        results.extend(run.results)
        changes.extend(run.changes)
        status = max(status, run.status)
    if items and (competitors is not None or duplicates):
        first = linters[id(items[0][1])]
        add_duplicate_problems(first, results, competitors=competitors, catalog=duplicates)
        status = max(status, exit_status(results, first.config.fail_on))
    return Outcome(results, status, changes, items)


def status_of(results, items) -> int:
    """The exit status of ``results`` after a baseline dropped some (each config's fail-on)."""
    from ..linting.session import exit_status

    fail_on = min((cfg.fail_on for _, cfg in items), default="error",
                  key=("info", "warning", "error").index)
    return exit_status(results, fail_on)


def write_output(path: str | None, text: str | bytes, quiet: bool, note: str | None = None,
                 color: bool = False) -> None:
    """``text`` (or bytes) to ``path`` (atomically; ``note`` then goes to standard error) or
    stdout."""
    from ..formats.document import atomic_write
    from ..i18n import t

    if path is None:
        click.echo(text, nl=False, color=color)
        return
    data = text if isinstance(text, bytes) else text.encode("utf-8", errors="surrogateescape")
    try:
        atomic_write(path, data)
    except OSError as exc:
        common.fail(t("cannot_write", path=path, why=exc.strerror))
    if note and not quiet:
        click.echo(note, err=True)


def stream_all(items, fmt: str, output_file: str | None, *, fix: bool, context: dict,
               jobs: int, pretty: bool, color: bool, verbose: bool, total: int,
               on_written, quiet: bool) -> int:
    """Lint inputs of one config and write the report as results come (in input order, in
    ``jobs`` processes); the exit status."""
    from ..formats.document import atomic_write
    from ..i18n import t
    from ..linting.linter import Linter
    from ..linting.session import exit_status_of, lint_to
    from ..output.stream import stream_for, text_sink

    cfg = items[0][1]
    linter = Linter(cfg)
    docs = [item for item, _ in items]
    stream = stream_for(fmt, pretty=pretty, color=color, verbose=verbose, platform=cfg.platform)
    on_tty = sys.stdout.isatty() and output_file is None
    with common.Progress("linting", 2000, 0 if on_tty else total) as bar:

        def emit(fh) -> object:
            write, flush = text_sink(fh)
            tally = lint_to(write, docs, stream, linter=linter, fix=fix, context=context,
                            jobs=jobs, progress=bar.update, on_written=on_written)
            flush()
            return tally

        if output_file is None:
            sys.stdout.flush()
            return exit_status_of(emit(sys.stdout.buffer), cfg.fail_on)
        tallies: list = []
        try:
            atomic_write(output_file, lambda fh: tallies.append(emit(fh)))
        except OSError as exc:
            common.fail(t("cannot_write", path=output_file, why=exc.strerror))
    if not quiet:
        click.echo(t("report_written", path=output_file, n=tallies[0].titles), err=True)
    return exit_status_of(tallies[0], cfg.fail_on)
