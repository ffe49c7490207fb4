"""Word lists: the one loader for everything under ``lexicons/``.

A lexicon file holds one kind of entry, one entry a line, sorted and unique. Lines starting with
``#`` are comments; the first of them names the source (``# source: ...``). Fields inside a line
are separated by a TAB; the first field is the entry, the others are notes (for legal terms the
legal basis). In brand files the first field may list aliases of one brand separated by ``|``
(``耐克|nike``).

Files are grouped into kinds by the start of their name (``brands-curated.txt`` and
``brands-data.txt`` are both ``brands``). Users add files of their own through the
``extra-lexicons`` setting.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..errors import LexiconError
from ..resources import data_dir

KINDS = (
    "absolute",
    "accessory-words",  # accessories, parts and services made for a device (手机壳, 刀头, 刷机)
    "allow",
    "attributes",
    "brand-lines",  # product lines and sub-brands: line<TAB>brand (iphone apple, 红米 小米)
    "brands",
    "categories",
    "celebrities",  # public figures and drama characters: "<name>同款" is ip-risk (杨幂同款)
    "category-related",
    "device-brands",  # brands of the devices accessories fit (苹果|apple, 华为, 宝马)
    "ip-risk",
    "licensed-works",  # characters and works that are another owner's rights (小猪佩奇, 漫威)
    "model-categories",  # product words bought by model number (空调, 轴承, 显卡)
    "not-brands",  # words that look like brands and are not (联通, 安卓, 广州, 宝贝蓝)
    "origins",  # where an item comes from or its state, fine before the brand (代购, 全新)
    "products",
    "promotions",
    "search-words",  # what buyers search for that is no promotion: 正品, 现货, 正版 (T12)
    "selling-points",
    "spam",
    "styles",
    "unbranded-categories",  # words of items that have no brand or model (代充, 图书, 二手)
)


def kind_of(path: Path) -> str | None:
    stem = path.stem
    for kind in sorted(KINDS, key=len, reverse=True):
        if stem == kind or stem.startswith(kind + "-"):
            return kind
    return None


@dataclass(frozen=True)
class Entry:
    text: str
    notes: tuple[str, ...]
    path: str
    line: int


def read_file(path: Path) -> list[Entry]:
    entries: list[Entry] = []
    try:
        content = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise LexiconError(f"{path}: cannot read lexicon: {exc}") from exc
    for lineno, line in enumerate(content.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        text = fields[0].strip()
        if not text:
            raise LexiconError(f"{path}:{lineno}: empty entry")
        entries.append(Entry(text, tuple(f.strip() for f in fields[1:]), str(path), lineno))
    return entries


@dataclass
class Lexicons:
    """All word lists, merged by kind, lower-cased for matching."""

    entries: dict[str, list[Entry]] = field(default_factory=dict)

    def words(self, kind: str) -> list[str]:
        return [e.text.lower() for e in self.entries.get(kind, [])]

    def notes(self, kind: str) -> dict[str, tuple[str, ...]]:
        return {e.text.lower(): e.notes for e in self.entries.get(kind, [])}

    def brand_groups(self) -> dict[str, str]:
        """Every brand name and alias mapped to its canonical (first) name."""
        groups: dict[str, str] = {}
        for e in self.entries.get("brands", []):
            names = [n.strip().lower() for n in e.text.split("|") if n.strip()]
            for n in names:
                groups.setdefault(n, names[0])
        return groups

    def brand_lines(self) -> dict[str, str]:
        """Every product line mapped to its brand's canonical name."""
        canon = self.brand_groups()
        return {e.text.lower(): canon.get(e.notes[0].lower(), e.notes[0].lower())
                for e in self.entries.get("brand-lines", []) if e.notes}

    def names(self, kind: str) -> set[str]:
        """Every name of a kind whose entries may list aliases joined by ``|``."""
        return {n.strip().lower() for e in self.entries.get(kind, [])
                for n in e.text.split("|") if n.strip()}

    def categories(self) -> dict[str, str]:
        return {e.text.lower(): e.notes[0] for e in self.entries.get("categories", []) if e.notes}

    def related_categories(self) -> set[frozenset[str]]:
        return {
            frozenset((e.text, e.notes[0]))
            for e in self.entries.get("category-related", [])
            if e.notes
        }


def load(extra: tuple[str, ...] = ()) -> Lexicons:
    """Shipped lexicons plus ``extra`` files (kind from the file name, or ``kind=path``)."""
    return _load(tuple(extra))


@lru_cache(maxsize=8)
def _load(extra: tuple[str, ...]) -> Lexicons:
    lex = Lexicons()
    root = data_dir("lexicons")
    for path in sorted(root.glob("*.txt")):
        kind = kind_of(path)
        if kind is not None:
            lex.entries.setdefault(kind, []).extend(read_file(path))
    for spec in extra:
        kind, sep, name = spec.partition("=")
        path = Path(os.path.expanduser(name if sep else spec))
        if not sep:
            kind = kind_of(path) or ""
        if kind not in KINDS:
            raise LexiconError(
                f"{path}: cannot tell the lexicon kind; name the file after a kind "
                f"({', '.join(KINDS)}) or write kind=path"
            )
        if not path.is_file():
            raise LexiconError(f"{path}: lexicon file not found")
        lex.entries.setdefault(kind, []).extend(read_file(path))
    return lex
