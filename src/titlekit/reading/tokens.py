"""Tokens of a normalised title: protected spans first, then the segmenter for the gaps.

Model numbers, sizes and specs are protected by a regular expression, multi-script words
(``new balance``, ``t恤``, ``polo衫``) by a gazetteer pattern, before segmentation; jieba
(or rjieba) segments only what lies between them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from .segment import Segmenter, get_segmenter
from .text import PROTECTED_RE, is_cjk
from .types import Token

_new_token = tuple.__new__  # Token(...) without the Python-level __new__ of NamedTuple


class Tokenizer:
    """Cuts normalised titles into tokens; built once per lexicon set and backend."""

    def __init__(self, words: Iterable[str], user_words: tuple[str, ...], backend: str) -> None:
        # Words the segmenter cannot hold (spaces, mixed scripts) are found by one pattern.
        gazetteer = sorted((n for n in words if not simple_word(n)), key=len, reverse=True)
        # One alternative per first character (the names after it longest first, as before):
        # the regex engine tries a handful of them at a position instead of every name.
        by_first: dict[str, list[str]] = {}
        for n in gazetteer:
            by_first.setdefault(n[0], []).append(n[1:])
        alternatives = [
            (r"(?<![a-z0-9])" if c.isascii() and c.isalnum() else "") + re.escape(c)
            + ("(?:" + "|".join(re.escape(rest) for rest in rests) + ")" if rests != [""] else "")
            for c, rests in by_first.items()
        ]
        # The lookahead on the possible first characters lets the regex engine skip every
        # position where no alternative can start (about ten times faster on titles).
        first = set(by_first) | set("abcdefghijklmnopqrstuvwxyz0123456789")
        self._scan_re = re.compile(
            "(?=[" + "".join(re.escape(c) for c in sorted(first)) + "])(?:"
            + (r"(?P<gaz>" + "|".join(alternatives) + r")|" if alternatives else "")
            + r"(?P<prot>"
            + PROTECTED_RE.pattern
            + r"))"
        )
        self.backend = backend
        self.user_words = user_words
        self._segmenter: Segmenter | None = None
        self._cut: Callable[[str], list[str]] | None = None

    @property
    def segmenter(self) -> Segmenter:
        if self._segmenter is None:
            self._segmenter = get_segmenter(self.backend, self.user_words)
        return self._segmenter

    def tokens(self, text: str) -> list[Token]:
        out: list[Token] = []
        pos = 0
        cut = self._cut
        if cut is None:
            cut = self._cut = self.segmenter.cut
        for m in self._scan_re.finditer(text):
            s, e = m.span()
            if s == e:
                continue
            if s > pos:
                _cut_gap(cut, text, pos, s, out)
            out.append(_new_token(Token, (m.group(), s, e,
                                          "gazetteer" if m.lastgroup == "gaz" else "ascii")))
            pos = e
        if pos < len(text):
            _cut_gap(cut, text, pos, len(text), out)
        return out


def _cut_gap(cut: Callable[[str], list[str]], text: str, start: int, end: int,
             out: list[Token]) -> None:
    """Segment ``text[start:end]`` and append its tokens (offsets in ``text``) to ``out``."""
    pos = start
    for piece in cut(text[start:end]):
        n = len(piece)
        if n == 1 and not piece.isalnum():
            kind = "space" if piece.isspace() else ("word" if is_cjk(piece) else "punct")
        elif piece.isspace():
            kind = "space"
        else:
            kind = "word"
        out.append(_new_token(Token, (piece, pos, pos + n, kind)))
        pos += n


def simple_word(name: str) -> bool:
    """True when the segmenter or the protected-span pattern yields ``name`` as one token."""
    if all(is_cjk(c) for c in name):
        return True
    return PROTECTED_RE.fullmatch(name) is not None
