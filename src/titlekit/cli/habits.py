"""Options several commands share, the way ruff spells them: ``--color auto|always|never``
(``NO_COLOR`` honoured, ``always`` honoured when piped), ``--lang``, ``-q`` and
``-o/--output-file``."""

from __future__ import annotations

import os
import sys

import click


def color_options(f):
    f = click.option("--no-color", "no_color", is_flag=True,
                     help="The same as --color never.")(f)
    return click.option("--color", type=click.Choice(["auto", "always", "never"]),
                        default="auto", show_default=True, is_flag=False, flag_value="always",
                        help="Colour text output: auto (on a terminal, unless NO_COLOR is set), "
                             "always (also when piped) or never.")(f)


def lang_option(f):
    return click.option("--lang", type=click.Choice(["zh", "en"]), default=None,
                        help="Language of everything around the rule messages [default: the "
                             "config's lang, else zh].")(f)


def quiet_option(f):
    return click.option("-q", "--quiet", is_flag=True,
                        help="Print problems (or what changed) only: no summary, no notes.")(f)


def output_option(f):
    return click.option("-o", "--output-file", default=None, type=click.Path(dir_okay=False),
                        help="Write the output to this file instead of standard output.")(f)


def use_color(color: str, no_color: bool = False, stream=None) -> bool:
    """Whether to colour: never with --no-color / --color never, always with --color always,
    otherwise on a terminal unless NO_COLOR is set (https://no-color.org)."""
    if no_color or color == "never":
        return False
    if color == "always":
        return True
    if os.environ.get("NO_COLOR"):
        return False
    return (stream or sys.stdout).isatty()
