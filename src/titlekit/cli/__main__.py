"""``python -m titlekit.cli``: the same as ``titlekit``."""

from .main import main

main(prog_name="titlekit")
