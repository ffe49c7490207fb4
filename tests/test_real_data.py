"""Guarantees checked on real Taobao and JD titles from ../shared/data (skipped where absent)."""

from __future__ import annotations

import html
import re

import pytest

from titlekit.config import Config
from titlekit.linting.linter import Linter
from titlekit.reading.segment import available_backends
from titlekit.train.datasplit import is_heldout

FIXABLE = {"bracket-highlight", "special-symbol"}


def _squeeze(text: str) -> str:
    """Text without spaces, brackets and symbols: what a fix may remove around a word."""
    from titlekit.rules.form import BRACKETS, CLOSERS, _symbol

    return "".join(c for c in text if not c.isspace() and c not in BRACKETS and c not in CLOSERS
                   and _symbol(c) is None)


def test_offsets_are_inside_the_title_as_written(linter, jd_phone_titles, taobao_records):
    titles = jd_phone_titles + [r["title"] for r in taobao_records[:2000]]
    for title in titles:
        res = linter.lint(title)
        for p in res.problems:
            assert 0 <= p.start <= p.end <= len(title), (title, p)
        for s in res.slots:
            assert title[s.start:s.end] == s.text, (title, s)


def _left(fixed, res) -> list:
    """Fixable problems still there whose fix was not withheld to keep a slot (issue 20: a fix
    never deletes a character of a brand, model or product word the reading found)."""
    from titlekit.linting.linter import keep_slots

    fixes = [p.fix for p in res.problems if p.rule in FIXABLE and p.fix and p.fix.safe]
    return keep_slots(fixed, res.slots, fixes)


def test_fixes_remove_what_they_fix_keep_labelled_words_and_are_idempotent(linter, taobao_records,
                                                                              jd_phone_titles):
    checked = 0
    for rec in taobao_records[:3000]:
        title = rec["title"]
        fixed, res = linter.fix(title)
        assert not _left(fixed, res), (title, fixed)
        assert linter.fix(fixed)[0] == fixed
        squeezed = _squeeze(fixed)
        for _s, _e, label, text in rec["entities"]:
            if label in ("brand", "product", "model"):
                # an HTML entity in a labelled name (a6000,&alpha) may be fixed to its letter,
                # or kept when the fix would cut the name's slot
                letter = re.sub(r"&([a-z]+);?", lambda m: html.unescape(f"&{m.group(1)};"), text)
                assert (_squeeze(text) in squeezed or _squeeze(letter) in squeezed
                        or title.count(text) > 1), (title, fixed, text)
        checked += fixed != title
    for title in jd_phone_titles:
        fixed, res = linter.fix(title)
        assert not _left(fixed, res), (title, fixed)
        checked += fixed != title
    assert checked > 100  # the fixes really ran on many titles


def test_jd_promo_prefix_is_a_bracket_problem_with_a_fix(linter, jd_phone_titles):
    prefixed = [t for t in jd_phone_titles if t.startswith("【")]
    assert prefixed
    for title in prefixed:
        res = linter.lint(title)
        p = next(p for p in res.problems if p.rule == "bracket-highlight")
        assert p.start == 0 and title[p.end - 1] == "】" and p.fix is not None


def test_missing_product_word_rarely_fires_on_held_out_titles_with_a_product(linter, taobao_records):
    held = [r for r in taobao_records if is_heldout(r["title"])
            and any(e[2] == "product" for e in r["entities"])]
    assert len(held) > 500
    wrong = sum(any(p.rule == "missing-product-word" for p in linter.lint(r["title"]).problems)
                for r in held)
    # measured 93 / 1193 = 7.8 % when this guard was written; issue 7 (a trained recogniser)
    # is where this figure is to come down
    assert wrong / len(held) < 0.10


@pytest.mark.skipif("rjieba" not in available_backends(), reason="rjieba is not installed")
def test_jieba_and_rjieba_give_the_same_lint_results(taobao_records, jd_phone_titles):
    a = Linter(Config(segmenter="jieba"))
    b = Linter(Config(segmenter="rjieba"))
    titles = [r["title"] for r in taobao_records] + jd_phone_titles
    differ = []
    for t in titles:
        ra, rb = a.lint(t), b.lint(t)
        if ra.to_dict() != rb.to_dict():
            differ.append(t)
    assert differ == []
