"""Names a package exports without importing their modules until first use."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any


def lazy_exports(package: str, table: dict[str, str]) -> Callable[[str], Any]:
    """A module ``__getattr__`` for ``package``: ``table`` maps each exported name to the
    submodule (relative to ``package``) that defines it; the name is imported on first use
    and then kept in the package's namespace."""
    def __getattr__(name: str) -> Any:
        module = table.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        pkg = importlib.import_module(package)
        value = getattr(importlib.import_module(f".{module}", package), name)
        setattr(pkg, name, value)
        return value

    return __getattr__
