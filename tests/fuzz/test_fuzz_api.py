"""Properties of the public API: ``titlekit.lint`` and ``titlekit.fix`` on any title."""

from __future__ import annotations

import os

from hypothesis import example, given, settings
from hypothesis import strategies as st
from strategies import BRANDS, mutated, titles

import titlekit

PROFILE = os.environ.get("TITLEKIT_FUZZ", "ci")
KNOWN = settings(settings.get_profile(PROFILE + "-known"))  # strict-xfail properties
CORE = ("brand", "model", "product")
CONTEXTS = st.one_of(
    st.just({}),
    st.fixed_dictionaries({}, optional={"brand": st.sampled_from(BRANDS[:40] + ["耐克", "李宁"]),
                                        "model": st.sampled_from(["ln2026", "AJ1", "K70"]),
                                        "category": st.sampled_from(["女装", "运动鞋", "手机"])}),
)


def has_surrogate(t: str) -> bool:
    return any(0xD800 <= ord(c) <= 0xDFFF for c in t)


def gbk_bytes(t: str) -> int:
    return len(t.encode("gb18030", errors="replace"))


def _plain(t: str) -> bool:
    """Only CJK ideographs, ASCII letters and digits, and spaces: nothing a fix removes."""
    return all((c.isascii() and c.isalnum()) or 0x4E00 <= ord(c) <= 0x9FFF or c == " "
               for c in t)


def _guarded(call, title: str, context: dict):
    """Call lint/fix: no exception may escape, lone surrogates included (issue 20, class 01:
    they are read as U+FFFD and reported as special symbols)."""
    return call(title, **context)


# Every input, lone surrogates included: nothing may escape.


@given(titles(), CONTEXTS)
@example("耐克\udcff运动鞋", {})
@example("I\udcff", {})
def test_only_value_errors_escape(title, context):
    _guarded(titlekit.lint, title, context)
    _guarded(titlekit.fix, title, context)


@given(title=titles(), context=CONTEXTS)
@example(title="", context={})
@example(title="【爆款】耐克 男鞋 运动鞋 运动鞋 ★包邮★", context={"brand": "耐克"})
@example(title="耐克\udcff运动鞋", context={})
def test_offsets_inside_the_title(title, context):
    r = titlekit.lint(title, **context)
    n = len(title)
    assert r.title == title
    for s in r.slots:
        assert 0 <= s.start <= s.end <= n, ("slot", s.type, s.start, s.end, n)
    for p in r.problems:
        assert 0 <= p.start <= p.end <= n, ("problem", p.rule, p.start, p.end, n)
        if p.fix is not None:
            assert 0 <= p.fix.start <= p.fix.end <= n, ("fix", p.rule, p.fix.start, p.fix.end, n)
            assert isinstance(p.fix.replacement, str)
    assert 0 <= r.score <= 100 and r.bytes >= 0


def _long_unspaced_run(t: str) -> bool:
    """Six or more copies of one word written together: the known class below (each fix pass
    drops one copy and fix() stops after five passes)."""
    for n in range(1, 6):
        for i in range(len(t) - 6 * n + 1):
            w = t[i:i + n]
            if w.strip() and t[i:i + 6 * n] == w * 6:
                return True
    return False


@given(title=titles(allow_surrogates=False), context=CONTEXTS)
@example(title="【爆款】耐克 男鞋 运动鞋 运动鞋 ★包邮★", context={})
def test_fix_is_idempotent(title, context):
    once = titlekit.fix(title, **context)
    assert titlekit.fix(once, **context) == once


@KNOWN
@given(title=st.just("t恤$t恤t恤t恤t恤t恤"))
@example(title="t恤$t恤t恤t恤t恤t恤")
def test_fix_is_idempotent_repeat_run_with_a_symbol(title):
    once = titlekit.fix(title)
    assert titlekit.fix(once) == once


@KNOWN
@given(word=st.sampled_from(["T恤", "连衣裙", "耐克", "ab"]), n=st.integers(7, 20))
@example(word="T恤", n=7)
def test_fix_is_idempotent_long_repeat_runs(word, n):
    once = titlekit.fix(word * n)
    assert titlekit.fix(once) == once


@given(title=titles(allow_surrogates=False), context=CONTEXTS)
def test_fix_never_adds_gbk_bytes(title, context):
    assert gbk_bytes(titlekit.fix(title, **context)) <= gbk_bytes(title)


@given(title=titles(allow_surrogates=False), context=CONTEXTS)
def test_deterministic(title, context):
    def snapshot():
        r = titlekit.lint(title, **context)
        return (r.title, r.score, r.bytes,
                [(s.type, s.text, s.start, s.end) for s in r.slots],
                [(p.rule, p.code, p.severity, p.start, p.end, p.message,
                  p.fix and (p.fix.start, p.fix.end, p.fix.replacement)) for p in r.problems],
                titlekit.fix(title, **context))

    assert snapshot() == snapshot()


def kept_slots_missing(title: str, context: dict) -> list:
    """Brand/model/product slots (confidence >= 0.8, found in the title) that fix() removed."""
    r = titlekit.lint(title, **context)
    fixed = titlekit.fix(title, **context)
    core = [s for s in r.slots if s.type in CORE and getattr(s, "confidence", 1.0) >= 0.8
            and getattr(s, "source", None) != "declared"]
    return [(s.type, s.text, getattr(s, "source", None), round(s.confidence, 2))
            for s in core if s.text not in fixed]


# fix() used to delete a slot when the recogniser's span took in characters a fix removes:
# non-GBK characters (emoji, C1 controls) read as a brand, or a bracket or symbol at the edge
# of a brand (issue 20, class 03). Linter.fix now leaves such fixes out; the property holds
# for titles of plain characters and for any title.


@given(title=titles(allow_surrogates=False), context=CONTEXTS)
def test_fix_keeps_core_slots_plain_titles(title, context):
    title = "".join(c for c in title if _plain(c))
    assert kept_slots_missing(title, context) == []


@given(title=titles(), context=CONTEXTS)
@example(title="\x8eÅ", context={})
@example(title="🔥🔥", context={})
@example(title="]\\", context={})
@example(title="马【桶垫】坐垫通用坐便套马桶座垫坐便器垫日式马桶座便套买一送一", context={})
def test_fix_keeps_core_slots_any_title(title, context):
    assert kept_slots_missing(title, context) == []


# The same properties over real titles with mutations.


@given(data=st.data())
def test_real_titles_mutated(real_titles, data):
    title = data.draw(mutated(st.sampled_from(real_titles), allow_surrogates=False))
    context = data.draw(CONTEXTS)
    r = titlekit.lint(title, **context)
    n = len(title)
    for item in list(r.slots) + list(r.problems):
        assert 0 <= item.start <= item.end <= n
    once = titlekit.fix(title, **context)
    if not _long_unspaced_run(title):
        assert titlekit.fix(once, **context) == once
    assert gbk_bytes(once) <= gbk_bytes(title)
    assert kept_slots_missing(title, context) == []


@given(data=st.data())
def test_lint_many_equals_lint(real_titles, data):
    """Batched reading (one recogniser pass for many titles) gives each title's own result."""
    from titlekit.linting.linter import Linter

    ts = data.draw(st.lists(st.one_of(mutated(st.sampled_from(real_titles)), titles()),
                            min_size=1, max_size=12))
    linter = _linter()
    many = list(linter.lint_many([(t, None) for t in ts], batch=5))
    for t, r in zip(ts, many):
        one = linter.lint(t)
        assert (r.score, [(s.type, s.start, s.end) for s in r.slots],
                [(p.rule, p.start, p.end) for p in r.problems]) == (
            one.score, [(s.type, s.start, s.end) for s in one.slots],
            [(p.rule, p.start, p.end) for p in one.problems])
    assert isinstance(linter, Linter)


_LINTER = []


def _linter():
    from titlekit.linting.linter import Linter

    if not _LINTER:
        _LINTER.append(Linter())
    return _LINTER[0]


@given(data=st.data())
def test_real_titles_mutated_with_surrogates(real_titles, data):
    title = data.draw(mutated(st.sampled_from(real_titles), allow_surrogates=True))
    _guarded(titlekit.lint, title, {})
    _guarded(titlekit.fix, title, {})
