"""The language of everything titlekit says around its rule messages: Chinese by default,
English with ``--lang en`` or ``lang = "en"`` in the config.

Rule messages are written by the rules (in Chinese); this package holds the frame: output
labels and summaries, CLI error frames, schema messages, the Chinese summaries of the rules
(:mod:`.rules`) and the playbook rules they cite (:mod:`.playbook`). The language is one
process-wide setting (:func:`set_language`), chosen once by the command line before anything
is read; JSON and SARIF keys never change with it.

::

    from titlekit import i18n
    i18n.t("summary", titles=2, errors=1, warnings=0, infos=0, mean=90.0)
"""

from __future__ import annotations

from .inputs import INPUT_MESSAGES
from .messages import MESSAGES

MESSAGES = {**MESSAGES, **INPUT_MESSAGES}

LANGUAGES = ("zh", "en")
_current = ["zh"]


def set_language(lang: str | None) -> None:
    """Use ``lang`` (zh or en; None keeps the current one)."""
    if lang is None:
        return
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r} (choose from {', '.join(LANGUAGES)})")
    _current[0] = lang


def language() -> str:
    return _current[0]


def t(key: str, /, **values: object) -> str:
    """The message ``key`` in the current language, filled with ``values``."""
    entry = MESSAGES[key]
    text = entry.get(_current[0]) or entry["zh"]
    return text.format(**values) if values else text


def pad(s: str, width: int) -> str:
    """``s`` padded with spaces to ``width`` terminal columns (a 汉字 takes two)."""
    cols = sum(2 if ord(c) > 0x2E7F else 1 for c in s)
    return s + " " * max(0, width - cols)


def quoted(s: str) -> str:
    """A piece of a title quoted for people: “…” in Chinese, '…' in English."""
    return f"“{s}”" if _current[0] == "zh" else repr(s)


__all__ = ["LANGUAGES", "language", "pad", "quoted", "set_language", "t"]
