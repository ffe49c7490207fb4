"""The rule registry: an explicit tuple, in code order. Rule names are a public contract."""

from __future__ import annotations

from . import duplicates, form, length, listing, structure, words
from .base import Env, Fix, Hit, Rule

REGISTRY: tuple[Rule, ...] = (
    length.RULES + structure.RULES + form.RULES + words.RULES + duplicates.RULES
    + listing.RULES + listing.OUTLINE_RULES
)

# Rules that other parts of titlekit add to the lint output (listing files, page outlines). They are documented here so selection by name and code covers them too.
EXTERNAL: dict[str, tuple[str, str]] = {}

BY_NAME = {r.name: r for r in REGISTRY}
BY_CODE = {r.code: r for r in REGISTRY}

__all__ = ["BY_CODE", "BY_NAME", "REGISTRY", "Env", "Fix", "Hit", "Rule"]
