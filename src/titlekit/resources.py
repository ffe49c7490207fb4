"""Where titlekit's shipped data lives (lexicons, templates, the slot model) and where it
keeps its cache.

In an installed wheel the repository's ``lexicons/`` and ``templates/`` are mapped to
``titlekit/_data/``; in a checkout they are read from the repository root.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from .errors import TitlekitError

PACKAGE_DIR = Path(__file__).resolve().parent
MODEL_DIR = PACKAGE_DIR / "models"


def data_dir(name: str) -> Path:
    """Directory of shipped data (``lexicons`` or ``templates``), installed or in a checkout."""
    installed = PACKAGE_DIR / "_data" / name
    if installed.is_dir():
        return installed
    checkout = PACKAGE_DIR.parents[1] / name
    if checkout.is_dir():
        return checkout
    raise TitlekitError(f"titlekit data directory '{name}' not found (looked in {installed})")


def cache_dir() -> Path:
    """``TITLEKIT_CACHE_DIR``, else the user's cache folder (``XDG_CACHE_HOME``,
    ``%LOCALAPPDATA%``, ``~/Library/Caches``, ``~/.cache``) + ``titlekit``."""
    env = os.environ.get("TITLEKIT_CACHE_DIR")
    if env:
        return Path(env)
    if os.name == "nt":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = str(Path.home() / "Library" / "Caches")
    else:
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "titlekit"
