"""``python -m titlekit``: the same as the ``titlekit`` command."""

from .cli.main import main

main(prog_name="titlekit")
