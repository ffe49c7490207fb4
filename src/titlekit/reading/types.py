"""What a reading is made of: tokens, slots and the reading of one title."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from .text import Normalized

SLOT_TYPES = ("brand", "line", "model", "product", "attribute", "style", "selling_point",
              "promotion", "search", "compatible")


class Token(NamedTuple):
    text: str  # normalised text
    start: int  # offsets in the normalised text
    end: int
    kind: str  # word | ascii | gazetteer | space | punct


@dataclass(slots=True)
class Slot:
    type: str
    text: str  # as the user wrote it
    start: int  # offsets in the raw title
    end: int
    confidence: float
    key: str = ""  # normalised form (canonical brand name for brands)
    compat: bool = False
    source: str = "lexicon"  # lexicon | declared | pattern | model

    def __reduce__(self):  # pickled as its fields: quicker to send to and from workers
        return (Slot, (self.type, self.text, self.start, self.end, self.confidence, self.key,
                       self.compat, self.source))

    def to_dict(self) -> dict:
        return {
            "type": self.type,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "confidence": round(self.confidence, 3),
            "source": self.source,
        }


@dataclass
class Reading:
    """Everything the rules need to know about one title."""

    norm: Normalized
    tokens: list[Token]
    slots: list[Slot]
    context: dict = field(default_factory=dict)
    plain: list[str] | None = None  # the plain-dictionary cut the recogniser read (kept)
    memo: dict = field(default_factory=dict)  # what several rules compute once per reading
    _by_type: dict[str, list[Slot]] | None = None

    @property
    def raw(self) -> str:
        return self.norm.raw

    @property
    def text(self) -> str:
        return self.norm.text

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        return self.norm.raw_span(start, end)

    def of(self, slot_type: str) -> list[Slot]:
        """Slots of one type, in title order."""
        by_type = self._by_type
        if by_type is None:
            by_type = self._by_type = {}
            for s in self.slots:
                by_type.setdefault(s.type, []).append(s)
        return by_type.get(slot_type, [])
