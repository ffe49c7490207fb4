"""Where titlekit's shipped data lives: lexicons, templates and the slot model.

In an installed wheel the repository's ``lexicons/`` and ``templates/`` are mapped to
``titlekit/_data/``; in a checkout they are read from the repository root.
"""

from __future__ import annotations

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
