"""Lexicons are data tested like code: parseable, sorted, unique, sourced, non-contradictory."""

from __future__ import annotations

import pytest

from titlekit.reading.lexicons import KINDS, kind_of, load, read_file
from titlekit.resources import data_dir

FILES = sorted(data_dir("lexicons").glob("*.txt"))
TWO_FIELD_KINDS = {"absolute", "allow", "categories", "category-related", "ip-risk", "spam"}


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_file_is_parseable_sorted_unique_and_sourced(path):
    assert kind_of(path) in KINDS, f"{path.name} is not named after a lexicon kind"
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("# source: "), "first line must name the source"
    entries = read_file(path)
    texts = [e.text for e in entries]
    keys = [(e.text, *e.notes) for e in entries]
    assert keys == sorted(keys), "entries must be sorted"
    assert len(set(map(str.lower, texts))) == len(texts) or kind_of(path) == "category-related"
    for e in entries:
        assert e.text == e.text.strip() and e.text.lower() == e.text, f"line {e.line}: lower-case, trimmed"
        if kind_of(path) in TWO_FIELD_KINDS:
            assert e.notes and e.notes[0], f"{path.name}:{e.line}: needs a second field"


def _words(lex, kind):
    if kind == "brands":
        return set(lex.brand_groups())
    return set(lex.words(kind))


def test_kinds_do_not_contradict_each_other():
    lex = load()
    slot_kinds = ("brands", "products", "promotions", "selling-points", "styles", "attributes")
    for i, a in enumerate(slot_kinds):
        for b in slot_kinds[i + 1 :]:
            both = _words(lex, a) & _words(lex, b)
            if {a, b} <= {"attributes", "styles", "selling-points"}:
                continue  # descriptive kinds may share a word; brands/products/promotions may not
            assert not both, f"{a} and {b} share {sorted(both)[:10]}"
    for kind in ("products", "brands", "promotions", "styles", "selling-points"):
        assert not _words(lex, kind) & _words(lex, "spam"), kind
    assert not set(lex.words("absolute")) & set(lex.words("allow"))
    # an allowed phrase guards a term (or a bare 最 superlative), otherwise it is dead weight
    for phrase in lex.words("allow"):
        assert "最" in phrase or any(t in phrase for t in lex.words("absolute")), phrase


def test_brand_aliases_belong_to_one_brand():
    """A name is given one brand by every group of names it is in (a name standing alone in a
    data file takes the group's brand, see Lexicons.brand_groups)."""
    seen: dict[str, str] = {}
    for e in load().entries["brands"]:
        names = [n.strip().lower() for n in e.text.split("|")]
        if len(names) < 2:
            continue
        for n in names:
            assert seen.setdefault(n, names[0]) == names[0], f"{n} is an alias of two brands"
    groups = load().brand_groups()
    assert groups["airmate"] == groups["艾美特"]  # a data file's lone name joins its group


def test_categories_use_known_product_words_and_related_pairs_use_known_categories():
    lex = load()
    products = set(lex.words("products"))
    cats = lex.categories()
    assert set(cats) <= products, sorted(set(cats) - products)
    known = set(cats.values())
    for pair in lex.related_categories():
        assert pair <= known, pair


def test_brand_lexicon_is_generous():
    assert len(load().brand_groups()) >= 1500


def test_user_lexicon_is_added(tmp_path):
    extra = tmp_path / "brands-mine.txt"
    extra.write_text("# source: test\n小鹿家\n", encoding="utf-8")
    assert "小鹿家" in load((str(extra),)).brand_groups()
    bad = tmp_path / "mywords.txt"
    bad.write_text("x\n", encoding="utf-8")
    with pytest.raises(ValueError, match="kind"):
        load((str(bad),))
    assert "小鹿家" in load((f"brands={bad.parent / 'brands-mine.txt'}",)).brand_groups()
