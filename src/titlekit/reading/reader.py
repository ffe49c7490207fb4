"""Reading a title: tokens and slots (brand, model, product word, attributes, style, selling
points, promotion words), each with offsets and a confidence.

The reading is done once per title and shared by every rule: normalise the text, cut it into
tokens, find the declared, lexicon and pattern slots, then let the trained recogniser correct
brand, product word and model (:mod:`titlekit.reading.recogniser`).
"""

from __future__ import annotations

from functools import lru_cache

from . import lexicons as lexmod
from .brands import BrandKnowledge, refine
from .segment import plain_cutter
from .slots import BrandNames, declared_slots, lexicon_slots, slot_words
from .text import is_cjk, normalize
from .tokens import Tokenizer
from .types import Reading, Token

_USER_WORD_KINDS = ("brands", "products", "promotions", "search-words", "selling-points",
                    "styles",
                    "attributes", "spam", "ip-risk")


class Reader:
    """Turns titles into :class:`Reading` objects; built once per lexicon set and backend."""

    def __init__(self, lex: lexmod.Lexicons, backend: str = "auto",
                 recogniser: bool = True) -> None:
        self.lex = lex
        self.backend = backend
        self.recogniser = recogniser
        self._model = None
        self._tagger = None
        self.brands = BrandNames(lex)
        self.brand_canon = self.brands.canon
        self.brand_names = self.brands.names
        self.word_slot: dict[str, str] = slot_words(lex)
        self.knowledge = BrandKnowledge.of(lex, self.brand_canon)
        user_words = {
            w
            for kind in _USER_WORD_KINDS
            for w in (lex.words(kind) if kind != "brands" else self.brand_canon)
            if w and all(is_cjk(c) for c in w)
        }
        self.tokenizer = Tokenizer(self.word_slot, tuple(sorted(user_words)), backend)

    @property
    def segmenter(self):
        return self.tokenizer.segmenter

    def is_word(self, w: str) -> bool:
        """Is ``w`` a word: a lexicon word, or one the plain dictionary keeps whole?"""
        return w in self.word_slot or dictionary_word(self.backend, w)

    def plain_cut(self, text: str) -> list[str]:
        """``text`` cut with the plain jieba dictionary (no titlekit words), HMM off."""
        return plain_cutter(self.backend)(text)

    def tokens(self, text: str) -> list[Token]:
        return self.tokenizer.tokens(text)

    def read(self, title: str, context: dict | None = None) -> Reading:
        reading, taken = self._read_lexicons(title, context)
        if self.recogniser:
            self._merge(reading, taken, self.model_spans(reading))
        refine(reading, self.knowledge)
        return reading

    def read_many(self, items: list[tuple[str, dict | None]]) -> list[Reading]:
        """Readings of many titles; the recogniser scores them all in one batch."""
        done = [self._read_lexicons(t, c) for t, c in items]
        if self.recogniser and done:
            for (reading, taken), spans in zip(done, self.model_spans_many([r for r, _ in done])):
                self._merge(reading, taken, spans)
        for reading, _ in done:
            refine(reading, self.knowledge)
        return [r for r, _ in done]

    def _read_lexicons(self, title: str, context: dict | None
                       ) -> tuple[Reading, list[tuple[int, int]]]:
        norm = normalize(title)
        tokens = self.tokens(norm.text)
        ctx = context or {}
        slots, taken = declared_slots(norm, ctx, self.brands)
        slots += lexicon_slots(norm, tokens, taken, self.word_slot, self.brands)
        slots.sort(key=lambda s: (s.start, s.end))
        return Reading(norm, tokens, slots, ctx), taken

    # -- the trained recogniser ------------------------------------------------------------
    def _load_model(self):
        if self._model is None:
            from .recogniser.features import LexiconTagger
            from .recogniser.model import load_model

            self._model = load_model()
            self._tagger = LexiconTagger(self.word_slot)
            self._plain = plain_cutter(self.backend)
        return self._model

    def model_spans(self, reading: Reading) -> list:
        """The recogniser's spans (offsets in the normalised text) for one reading."""
        return self.model_spans_many([reading])[0]

    def model_spans_many(self, readings: list[Reading]) -> list[list]:
        from .recogniser.features import model_text, token_arrays, token_info

        model = self._load_model()
        texts = [model_text(r.text) for r in readings]
        cuts = [self._plain(t) for t in texts]
        for r, c in zip(readings, cuts):  # the junk rules read the same cut: kept, not redone
            r.plain = c
        # NumPy pays off from a few titles on; for one, plain lists are quicker
        tokens = token_arrays(cuts) if len(cuts) > 4 else [token_info(c) for c in cuts]
        return model.predict(texts, [self._tagger.tags(t) for t in texts], tokens)

    def _merge(self, reading: Reading, taken: list[tuple[int, int]], spans: list) -> None:
        from .recogniser.merge import merge_spans

        merge_spans(reading, taken, spans, self.brand_canon)
        reading.slots.sort(key=lambda s: (s.start, s.end))


@lru_cache(maxsize=1 << 16)
def dictionary_word(backend: str, w: str) -> bool:
    """Does the plain jieba dictionary cut ``w`` as one word?"""
    return plain_cutter(backend)(w) == [w]


@lru_cache(maxsize=8)
def get_reader(extra: tuple[str, ...] = (), backend: str = "auto",
               recogniser: bool = True) -> Reader:
    return Reader(lexmod.load(extra), backend, recogniser)
