"""The ``titlekit`` command: the only module that touches argv, stdout, exit codes and env.

Exit codes: 0 clean at the ``--fail-on`` level, 1 problems at or above it, 2 usage, config or
input error.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__

EXIT_OK, EXIT_PROBLEMS, EXIT_ERROR = 0, 1, 2


def _split(values: tuple[str, ...]) -> tuple[str, ...] | None:
    out = tuple(v.strip() for item in values for v in item.split(",") if v.strip())
    return out or None


def _fail(message: str) -> None:
    click.echo(f"titlekit: error: {message}", err=True)
    sys.exit(EXIT_ERROR)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="titlekit")
def main() -> None:
    """Lint and fix Taobao/Tmall product titles against sellers' operations playbooks.

    \b
    titlekit lint "【爆款】耐克 男鞋 运动鞋 运动鞋 ★包邮★"
    titlekit lint examples/titles.txt --format json
    titlekit rules
    """


def _looks_like_path(arg: str) -> bool:
    from .io import KNOWN_SUFFIXES

    # Titles often contain "/" (a3/a4, 8gb/256gb), so only an existing path or a file suffix
    # makes an argument a file; a missing "x.csv" is then reported as a missing file.
    return Path(arg).is_file() or Path(arg).is_dir() or arg.lower().endswith(KNOWN_SUFFIXES)


@main.command()
@click.argument("inputs", nargs=-1, metavar="[TITLE|FILE|-]...")
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json", "github", "sarif"]),
              default="text", show_default=True, help="Output format.")
@click.option("--fix", is_flag=True, help="Apply safe fixes and write changed files in place.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default=None,
              help="Lowest severity that makes the exit code 1 [default: error].")
@click.option("--select", multiple=True, help="Rules to run: codes, names or code prefixes.")
@click.option("--ignore", multiple=True, help="Rules to skip: codes, names or code prefixes.")
@click.option("--platform", default=None, help="taobao, tmall or one defined in the config.")
@click.option("--column", default=None, help="Title column of CSV/TSV/JSONL input.")
@click.option("--brand", default=None, help="The item's brand (for every title given).")
@click.option("--model", default=None, help="The item's model / 货号.")
@click.option("--category", default=None, help="The item's category (e.g. apparel, 女装/连衣裙).")
@click.option("--unbranded", is_flag=True, default=None, help="The shop sells unbranded goods.")
@click.option("--segmenter", type=click.Choice(["jieba", "rjieba", "auto"]), default=None,
              help="Segmentation backend [default: auto: rjieba when installed, else jieba].")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None,
              help="Config file (default: nearest .titlekit.toml or pyproject.toml).")
@click.option("--no-config", is_flag=True, help="Ignore config files.")
@click.option("--color/--no-color", default=None, help="Colour text output [default: on a tty].")
@click.option("-v", "--verbose", is_flag=True, help="Show slots and the encoding of each file.")
def lint(inputs: tuple[str, ...], fmt: str, fix: bool, fail_on: str | None,
         select: tuple[str, ...], ignore: tuple[str, ...], platform: str | None,
         column: str | None, brand: str | None, model: str | None, category: str | None,
         unbranded: bool | None, segmenter: str | None, config_path: str | None,
         no_config: bool, color: bool | None, verbose: bool) -> None:
    """Score titles against the playbook rules.

    Each INPUT is a title, a file (.txt one title a line; .csv/.tsv with a title column;
    淘宝助理 exports; .jsonl) or - for titles on standard input.
    """
    from .config import Config, ConfigError, load_config
    from .io import InputError, read_bytes, read_path
    from .lexicons import LexiconError

    if not inputs:
        raise click.UsageError("give at least one title, file or - (standard input)")
    try:
        cfg = Config() if no_config else load_config(Path(config_path) if config_path else None)
        cfg = cfg.override(platform=platform, select=_split(select), ignore=_split(ignore),
                           fail_on=fail_on, segmenter=segmenter,
                           unbranded=True if unbranded else None)
    except (ConfigError, ValueError) as exc:
        _fail(str(exc))
    columns = dict(cfg.columns)
    docs = []
    try:
        for arg in inputs:
            if arg == "-":
                data = sys.stdin.buffer.read()
                docs.append(read_bytes("<stdin>", data, column=column, columns=columns))
            elif _looks_like_path(arg):
                docs.append(read_path(arg, column=column, columns=columns))
            else:
                docs.append(None)
    except InputError as exc:
        _fail(str(exc))
    if verbose:
        for d in docs:
            if d is not None:
                click.echo(f"{d.path}: {d.kind}, encoding {d.encoding}"
                           f"{' with BOM' if d.bom else ''}, {len(d.records)} title(s)", err=True)
    try:
        from .linter import Linter

        linter = Linter(cfg)
    except (LexiconError, ValueError) as exc:
        _fail(str(exc))
    given = {k: v for k, v in (("brand", brand), ("model", model), ("category", category)) if v}
    results = []
    total = sum(len(d.records) if d else 1 for d in docs)
    show_progress = total >= 2000 and sys.stderr.isatty()
    with click.progressbar(length=total, label="linting", file=sys.stderr,
                           hidden=not show_progress) as bar:
        for arg, doc in zip(inputs, docs):
            if doc is None:
                results.append(_lint_one(linter, arg, given, fix, None, None))
                bar.update(1)
                continue
            changed: dict[int, str] = {}
            for i, rec in enumerate(doc.records):
                ctx = {**rec.context, **given}
                res = _lint_one(linter, rec.title, ctx, fix, doc.path, rec.line)
                if fix and res.fixed is not None and res.fixed != rec.title:
                    changed[i] = res.fixed
                results.append(res)
                bar.update(1)
            if fix and changed and doc.path != "<stdin>":
                try:
                    doc.write(changed)
                except OSError as exc:
                    _fail(f"{doc.path}: cannot write fixes: {exc.strerror}")
                click.echo(f"{doc.path}: fixed {len(changed)} title(s)", err=True)
    use_color = sys.stdout.isatty() if color is None else color
    click.echo(_render(fmt, results, use_color, verbose, cfg.platform), nl=False)
    rank = {"info": 0, "warning": 1, "error": 2}
    worst = max((rank[p.severity] for r in results for p in r.problems), default=-1)
    sys.exit(EXIT_PROBLEMS if worst >= rank[cfg.fail_on] else EXIT_OK)


def _lint_one(linter, title: str, ctx: dict, fix: bool, path: str | None, line: int | None):
    if fix:
        new, res = linter.fix(title, ctx)  # res describes the fixed title
        if new != title:
            res.fixed = new
            res.extra["original"] = title
    else:
        res = linter.lint(title, ctx)
    res.path, res.line = path, line
    return res


def _render(fmt: str, results, color: bool, verbose: bool, platform: str) -> str:
    from .output import render

    return render(fmt, results, color=color, verbose=verbose, platform=platform)


@main.command()
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
def rules(fmt: str) -> None:
    """List every rule: code, name, default severity, fixable, source."""
    import json

    from .rules import REGISTRY

    if fmt == "json":
        data = [{"code": r.code, "name": r.name, "severity": r.severity, "fixable": r.fixable,
                 "source": r.source, "summary": r.summary, "options": r.options} for r in REGISTRY]
        click.echo(json.dumps({"version": 1, "rules": data}, ensure_ascii=False, indent=2))
        return
    for r in REGISTRY:
        fixable = "fixable" if r.fixable else "-"
        click.echo(f"{r.code}  {r.name:<22} {r.severity:<8} {fixable:<8} {r.source}")
        click.echo(f"       {r.summary}")


if __name__ == "__main__":  # pragma: no cover
    main()
