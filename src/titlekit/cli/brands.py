"""``titlekit brands``: the brand candidates of a catalog, as a lexicon file to keep."""

from __future__ import annotations

import click

from . import common


@click.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(dir_okay=False),
                metavar="CATALOG...")
@click.option("-o", "--output", default=None, type=click.Path(dir_okay=False),
              help="Write the candidates as a brand lexicon (e.g. brands-shop.txt) for "
                   "extra-lexicons.")
@click.option("--min-titles", default=5, show_default=True, type=click.IntRange(2),
              help="Titles a word must start to be a candidate.")
@click.option("--column", default=None, help="Title column of CSV/TSV/JSONL input.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None)
@click.option("--no-config", is_flag=True, help="Ignore config files.")
def brands(inputs: tuple[str, ...], output: str | None, min_titles: int, column: str | None,
           config_path: str | None, no_config: bool) -> None:
    """List the words that start many titles of a catalog and are no known word: almost
    certainly the shop's brands. Keep the right ones in a file named brands-*.txt and add it
    to extra-lexicons.

    \b
    titlekit brands catalog.csv
    titlekit brands catalog.csv -o brands-shop.txt
    """
    from ..formats.dispatch import read_path
    from ..formats.document import atomic_write
    from ..linting.linter import Linter
    from ..reading.discovery import candidates

    cfg = common.config(config_path, no_config)
    titles = [rec.title for arg in inputs
              for rec in read_path(arg, column=column, columns=dict(cfg.columns)).records]
    found = candidates(titles, Linter(cfg).reader, min_titles=min_titles)
    lines = [f"{word}\t{n}" for word, n in found]
    if output:
        text = ("# source: titlekit brands " + " ".join(inputs)
                + " (word<TAB>titles it starts)\n" + "".join(f"{line}\n" for line in sorted(lines)))
        atomic_write(output, text.encode("utf-8"))
        click.echo(f"{output}: {len(lines)} brand candidate(s) of {len(titles)} titles", err=True)
    else:
        click.echo("".join(f"{line}\n" for line in lines), nl=False)
