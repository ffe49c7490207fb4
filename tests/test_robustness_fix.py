"""Regression tests of issue 20's fix and long-title classes: a fix never deletes a character
of a brand, model or product slot; long titles are read (timing is measured by
bench/long_titles.py, not asserted here)."""

from __future__ import annotations

import pytest

import titlekit

CORE = ("brand", "model", "product")


@pytest.mark.parametrize("title", ["🔥🔥", "\x8eÅ", "🇨🇳定做木纹铝方管,转印木纹,合金方管,铝方通＊", "]\\",
                                   "马【桶垫】坐垫通用坐便套马桶座垫坐便器垫日式马桶座便套买一送一"])
def test_03_fix_keeps_every_slot(title):
    r = titlekit.lint(title)
    fixed = titlekit.fix(title)
    assert [s.text for s in r.slots if s.type in CORE and s.text not in fixed] == []
    assert titlekit.fix(fixed) == fixed


def test_03_fixes_still_apply_around_slots():
    assert titlekit.fix("耐克 男鞋 运动鞋 运动鞋") == "耐克 男鞋 运动鞋"  # a repeated word goes
    assert "【" not in titlekit.fix("【爆款】耐克 运动鞋")  # brackets go, their words stay


def test_long_titles_are_read():
    base = "李宁 韩版 男士 运动鞋 透气 防滑 跑步鞋 2026新款 包邮 "
    t = (base * (40_000 // len(base) + 1))[:40_000]
    r = titlekit.lint(t)
    assert all(0 <= x.start <= x.end <= len(t) for x in [*r.slots, *r.problems])
