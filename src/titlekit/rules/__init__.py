"""The rule registry: an explicit tuple, in code order. Rule names are a public contract.

Families: length (TK1xx), structure (TK2xx), form (TK3xx), words (TK4xx), duplicates (TK5xx),
listing fields (TK6xx), detail pages (TK7xx).
"""

from __future__ import annotations

from . import duplicates, form, junk, length, listing, page, structure, words
from .base import Env, Example, Hit, Option, Rule

REGISTRY: tuple[Rule, ...] = (
    length.RULES + junk.RULES + structure.RULES + form.RULES + words.RULES + duplicates.RULES
    + listing.RULES + page.RULES
)

BY_NAME = {r.name: r for r in REGISTRY}
BY_CODE = {r.code: r for r in REGISTRY}


def rule_matches(selector: str, name: str, code: str) -> bool:
    """Does a selector (ALL, a rule name, a code or a code prefix) pick this rule?"""
    s = selector.strip()
    return s == "ALL" or s == name or code.startswith(s.upper())


def find(name_or_code: str) -> Rule | None:
    """The rule with this name or code."""
    return BY_NAME.get(name_or_code) or BY_CODE.get(name_or_code.strip().upper())


__all__ = ["BY_CODE", "BY_NAME", "REGISTRY", "Env", "Example", "Hit", "Option", "Rule", "find",
           "rule_matches"]
