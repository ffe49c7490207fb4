"""The ``titlekit`` command: the only part of titlekit that touches argv, stdout, exit codes and
the environment. Each command is a module of its own; this one assembles the group."""

from __future__ import annotations

import click

from ..version import __version__
from . import common
from .brands import brands
from .configcmd import config_command
from .index import index
from .info import rule, rules, schema
from .lint import lint
from .outline import outline
from .rewrite import rewrite


@click.group(cls=common.Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="titlekit")
def main() -> None:
    """Lint and fix Taobao/Tmall product titles against sellers' operations playbooks.

    \b
    titlekit lint "【爆款】耐克 男鞋 运动鞋 运动鞋 ★包邮★"
    titlekit lint examples/titles.txt --format json
    titlekit lint shop/ --statistics
    titlekit rule TK301
    titlekit config
    """



for command in (lint, outline, rewrite, index, brands, schema, rules, rule, config_command):
    main.add_command(command)
