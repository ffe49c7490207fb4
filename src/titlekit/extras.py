"""The optional extra ``titlekit[dask]`` (pandas, pyarrow, Dask): its packages are imported
only here, when a feature that needs them is used, so ``import titlekit`` and the core
commands never need them. A missing package is a clear error saying what to install."""

from __future__ import annotations

import importlib
from types import ModuleType

from .errors import ExtraError, InputError
from .i18n import t

EXTRA = "titlekit[dask]"


def require(module: str, what: str, path: str | None = None) -> ModuleType:
    """``module`` imported; without it an :class:`ExtraError` (an :class:`InputError` naming
    ``path`` when a file needs it) saying to install the extra. ``what``: a message key."""
    try:
        return importlib.import_module(module)
    except ImportError:
        message = t("needs_extra", what=t(what), module=module.split(".")[0])
        if path is not None:
            raise InputError(path, None, message) from None
        raise ExtraError(message) from None
