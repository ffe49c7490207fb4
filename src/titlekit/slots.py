"""Reading a title: tokens and slots (brand, model, product word, attributes, style, selling
points, promotion words), each with offsets and a confidence.

The reading is done once per title and shared by every rule. Model numbers, sizes and specs are
protected by a regular expression before segmentation, multi-script brand names (``new balance``,
``欧乐b``) by a gazetteer pattern; jieba segments only what lies between them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from . import lexicons as lexmod
from .segment import Segmenter, get_segmenter, plain_cutter
from .text import PROTECTED_RE, Normalized, is_cjk, normalize

SLOT_TYPES = ("brand", "model", "product", "attribute", "style", "selling_point", "promotion")

# Kinds of lexicon that name a slot type, in priority order when a word is in several.
_KIND_SLOT = (
    ("brands", "brand"),
    ("products", "product"),
    ("promotions", "promotion"),
    ("selling-points", "selling_point"),
    ("styles", "style"),
    ("attributes", "attribute"),
)

# Last characters of Chinese product words: a word ending in one of them that no lexicon knows
# is taken as a product word with low confidence.
PRODUCT_HEADS = frozenset(
    "鞋裙裤衣衫袜帽包箱袋杯壶锅碗盘瓶罐盒架柜桌椅凳床垫枕被毯帘灯扇机器仪表笔本贴膜壳套线"
    "卡链环镯戒坠镜伞刀剪铲勺筷梳刷巾霜乳液露膏粉油水茶酒奶糖饼米面肉干果车球拍绳具件品玩偶服"
    "菇票药片鞭参酱醋蛋菜花草苗籽丸胶囊管阀泵扣钉锁模板砖漆布纸网棒杆针夹钩块罩篮桶盆缸台币证书画册"
)

_SPEC_RE = re.compile(
    r"^(?:\d+(?:\.\d+)?(?:[a-z]{1,4}|英寸|寸|厘米|毫米|公分|米|千克|公斤|克|斤|毫升|升|码|号|片|粒|个|"
    r"只|件|套|支|瓶|袋|盒|箱|条|双|张|层|度|瓦|伏|代|周岁|岁|月|年|天|人|位|门|档|挡|色|孔|头|格|"
    r"卷|包|本|台|部)|\d+(?:\.\d+)?[*x×]\d+(?:\.\d+)?(?:[*x×]\d+(?:\.\d+)?)?(?:[a-z]{1,2})?|"
    r"\d+(?:gb|g|tb|t)\+\d+(?:gb|g|tb|t)?|\d+/\d+)$"
)
_MODEL_RE = re.compile(r"^(?=.*[a-z])(?=.*\d)[a-z0-9][a-z0-9\-+./_]*$")
_EDGE = frozenset(" ,\t")  # what a recogniser span is trimmed of (commas read as spaces)
_RECOGNISED = frozenset(("brand", "product", "model"))  # the types the recogniser labels
_COMPAT_BEFORE = ("适用于", "适用", "适配", "兼容", "适合", "for", "专用于", "用于")


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


class Reader:
    """Turns titles into :class:`Reading` objects; built once per lexicon set and backend."""

    def __init__(self, lex: lexmod.Lexicons, backend: str = "auto",
                 recogniser: bool = True) -> None:
        self.lex = lex
        self.backend = backend
        self.recogniser = recogniser
        self._model = None
        self._tagger = None
        self.brand_canon = lex.brand_groups()
        self.brand_names: dict[str, set[str]] = {}  # canonical name -> every alias
        for name, canon in self.brand_canon.items():
            self.brand_names.setdefault(canon, set()).add(name)
        self.word_slot: dict[str, str] = slot_words(lex)
        # Words the segmenter cannot hold (spaces, mixed scripts: ``new balance``, ``t恤``,
        # ``polo衫``) are found by one pattern before segmentation.
        gazetteer = sorted((n for n in self.word_slot if not _simple_word(n)), key=len, reverse=True)
        alternatives = [
            (r"(?<![a-z0-9])" if n[0].isascii() and n[0].isalnum() else "") + re.escape(n)
            for n in gazetteer
        ]
        # The lookahead on the possible first characters lets the regex engine skip every
        # position where no alternative can start (about ten times faster on titles).
        first = {n[0] for n in gazetteer} | set("abcdefghijklmnopqrstuvwxyz0123456789")
        self._scan_re = re.compile(
            "(?=[" + "".join(re.escape(c) for c in sorted(first)) + "])(?:"
            + (r"(?P<gaz>" + "|".join(alternatives) + r")|" if alternatives else "")
            + r"(?P<prot>"
            + PROTECTED_RE.pattern
            + r"))"
        )
        user_words = {
            w
            for kind in (
                "brands", "products", "promotions", "selling-points", "styles", "attributes",
                "spam", "ip-risk",
            )
            for w in (lex.words(kind) if kind != "brands" else self.brand_canon)
            if w and all(is_cjk(c) for c in w)
        }
        self._user_words = tuple(sorted(user_words))
        self._segmenter: Segmenter | None = None
        self._cut = None

    @property
    def segmenter(self) -> Segmenter:
        if self._segmenter is None:
            self._segmenter = get_segmenter(self.backend, self._user_words)
        return self._segmenter

    # -- tokens ---------------------------------------------------------------------------
    def tokens(self, text: str) -> list[Token]:
        out: list[Token] = []
        pos = 0
        cut = self._cut or self._bind_cut()
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

    def _bind_cut(self):
        self._cut = self.segmenter.cut
        return self._cut

    # -- slots ----------------------------------------------------------------------------
    def read(self, title: str, context: dict | None = None) -> Reading:
        reading, taken = self._read_lexicons(title, context)
        if self.recogniser:
            self._add_model_slots(reading, taken, self.model_spans(reading))
            reading.slots.sort(key=lambda s: (s.start, s.end))
        return reading

    def read_many(self, items: list[tuple[str, dict | None]]) -> list[Reading]:
        """Readings of many titles; the recogniser scores them all in one batch."""
        done = [self._read_lexicons(t, c) for t, c in items]
        if self.recogniser and done:
            for (reading, taken), spans in zip(done, self.model_spans_many([r for r, _ in done])):
                self._add_model_slots(reading, taken, spans)
                reading.slots.sort(key=lambda s: (s.start, s.end))
        return [r for r, _ in done]

    def _read_lexicons(self, title: str, context: dict | None
                       ) -> tuple[Reading, list[tuple[int, int]]]:
        norm = normalize(title)
        tokens = self.tokens(norm.text)
        ctx = context or {}
        slots: list[Slot] = []
        text = norm.text
        raw = norm.raw
        declared_brand = (ctx.get("brand") or "").strip().lower()
        declared_model = (ctx.get("model") or "").strip().lower()
        taken: list[tuple[int, int]] = []
        if declared_brand:
            canon = self.brand_canon.get(declared_brand, declared_brand)
            names = {declared_brand} | self.brand_names.get(canon, set())
            for name in names:
                for m in re.finditer(re.escape(name), text):
                    taken.append(m.span())
                    rs, re_ = norm.raw_span(*m.span())
                    slots.append(Slot("brand", raw[rs:re_], rs, re_, 1.0, canon,
                                      source="declared"))
        if declared_model:
            for m in re.finditer(re.escape(declared_model), text):
                taken.append(m.span())
                rs, re_ = norm.raw_span(*m.span())
                slots.append(Slot("model", raw[rs:re_], rs, re_, 1.0, declared_model,
                                  source="declared"))
        compat_end = -1  # end of the last brand named after 适用/兼容 (a list of them follows)
        for tok in tokens:
            if tok.kind in ("space", "punct"):
                continue
            if taken and any(s < tok.end and tok.start < e for s, e in taken):
                continue
            slot = self._classify(tok)
            if slot is not None:
                stype, conf = slot
                key = tok.text
                compat = False
                if stype == "brand":
                    key = self.brand_canon.get(tok.text, tok.text)
                    before = text[max(0, tok.start - 4) : tok.start].rstrip()
                    gap = text[compat_end : tok.start]
                    if before.endswith(_COMPAT_BEFORE) or (
                        compat_end >= 0 and all(c in " /、,，+和及" for c in gap)
                    ):
                        compat = True
                        compat_end = tok.end
                rs, re_ = norm.raw_span(tok.start, tok.end)
                source = "lexicon" if conf == 0.9 else "pattern"
                slots.append(Slot(stype, raw[rs:re_], rs, re_, conf, key, compat, source))
        slots.sort(key=lambda s: (s.start, s.end))
        return Reading(norm, tokens, slots, ctx), taken

    # -- the trained recogniser ------------------------------------------------------------
    def _load_model(self):
        if self._model is None:
            from .recognise import LexiconTagger, load_model

            self._model = load_model()
            self._tagger = LexiconTagger(self.word_slot)
            self._plain = plain_cutter(self.backend)
        return self._model

    def model_spans(self, reading: Reading) -> list:
        """The recogniser's spans (offsets in the normalised text) for one reading."""
        return self.model_spans_many([reading])[0]

    def model_spans_many(self, readings: list[Reading]) -> list[list]:
        from .recognise import model_text, token_arrays, token_info

        model = self._load_model()
        texts = [model_text(r.text) for r in readings]
        cuts = [self._plain(t) for t in texts]
        # NumPy pays off from a few titles on; for one, plain lists are quicker
        tokens = token_arrays(cuts) if len(cuts) > 4 else [token_info(c) for c in cuts]
        return model.predict(texts, [self._tagger.tags(t) for t in texts], tokens)

    def _add_model_slots(self, reading: Reading, taken: list[tuple[int, int]],
                         spans: list) -> None:
        """Merge the recogniser's spans into the reading.

        For brand, product word and model the recogniser corrects the lexicons' extents and
        the patterns: where one of its spans overlaps a lexicon slot of the same type (a
        different extent) or a pattern slot, its span stands and the other goes. A span
        overlapping a lexicon word of another type, a declared slot or a slot of another kind
        (attribute, style, ...) is left out, and so is a span that is exactly a lexicon slot
        (that stays the lexicon's), or a one-character brand or product word.
        """
        if not spans:
            return
        text, raw, norm = reading.text, reading.raw, reading.norm
        fixed = [(s.start, s.end) for s in reading.slots if s.type not in _RECOGNISED]
        slots = reading.slots
        for sp in spans:
            start, end = sp.start, sp.end
            while start < end and text[start] in _EDGE:  # a span never starts or ends with
                start += 1                               # a space or a comma
            while end > start and text[end - 1] in _EDGE:
                end -= 1
            if end - start < 2 and sp.type != "model" or start == end:
                continue
            if taken and any(s < end and start < e for s, e in taken):
                continue
            rs, re_ = norm.raw_span(start, end)
            if any(s < re_ and rs < e for s, e in fixed):
                continue
            skip = False
            overlapping = []
            for slot in slots:
                if slot.start < re_ and rs < slot.end and slot.type in _RECOGNISED:
                    if slot.source == "lexicon" and slot.type != sp.type:
                        skip = True  # a lexicon word of another type stands
                    elif slot.type == sp.type and slot.start == rs and slot.end == re_ \
                            and slot.source != "model":
                        skip = True
                    else:
                        overlapping.append(slot)
            if skip:
                continue
            if overlapping:
                gone = {id(x) for x in overlapping}
                slots[:] = [x for x in slots if id(x) not in gone]
            word = text[start:end]
            compat = sp.type == "brand" and text[max(0, start - 4):start].rstrip().endswith(
                _COMPAT_BEFORE)
            key = self.brand_canon.get(word, word) if sp.type == "brand" else word
            slots.append(Slot(sp.type, raw[rs:re_], rs, re_, round(sp.confidence, 3),
                              key, compat, "model"))

    def _classify(self, tok: Token) -> tuple[str, float] | None:
        t = tok.text
        hit = self.word_slot.get(t)
        if hit is not None:
            return hit, 0.9
        if tok.kind == "ascii":
            if _SPEC_RE.match(t):
                return "attribute", 0.8
            if _MODEL_RE.match(t):
                return "model", 0.8 if len(t) >= 3 else 0.5
            return None
        if len(t) >= 2 and t[-1] in PRODUCT_HEADS and all(is_cjk(c) for c in t):
            return "product", 0.5
        return None


_new_token = tuple.__new__  # Token(...) without the Python-level __new__ of NamedTuple


def _cut_gap(cut, text: str, start: int, end: int, out: list[Token]) -> None:
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


def slot_words(lex: lexmod.Lexicons) -> dict[str, str]:
    """Every lexicon word mapped to the slot type it fills (brands win over other kinds)."""
    out: dict[str, str] = {}
    for kind, slot in reversed(_KIND_SLOT):
        if kind == "brands":
            continue
        for w in lex.words(kind):
            out[w] = slot
    for name in lex.brand_groups():
        out[name] = "brand"
    return out


def _simple_word(name: str) -> bool:
    """True when the segmenter or the protected-span pattern yields ``name`` as one token."""
    if all(is_cjk(c) for c in name):
        return True
    m = PROTECTED_RE.fullmatch(name)
    return m is not None


@lru_cache(maxsize=8)
def get_reader(extra: tuple[str, ...] = (), backend: str = "auto",
               recogniser: bool = True) -> Reader:
    return Reader(lexmod.load(extra), backend, recogniser)
