"""Every rule documents itself: a failing and a passing example, and they fail and pass as
documented (the proselint / ruff meta-test). Examples are titles, listing files, batches of
titles (the first against the others) or detail pages, by the rule's kind."""

from __future__ import annotations

import re

import pytest

from titlekit.config import Config
from titlekit.dedup.index import Index
from titlekit.formats.dispatch import read_bytes
from titlekit.linting.linter import Linter
from titlekit.linting.session import lint_inputs
from titlekit.outline.check import check
from titlekit.rules import REGISTRY, Rule, find

LINTER = Linter(Config())


def fires(rule: Rule, text: str, context: dict) -> bool:
    if rule.kind == "title":
        return any(p.rule == rule.name for p in LINTER.lint(text, context).problems)
    if rule.kind == "listing":
        doc = read_bytes("example.listing.yaml", text.encode("utf-8"))
        run = lint_inputs([doc], linter=LINTER)
        return any(p.rule == rule.name for p in run.results[0].problems)
    if rule.kind == "batch":
        first, *others = text.split("\n")
        if rule.name == "duplicate-competitor":
            run = lint_inputs([first], linter=LINTER, competitors=Index.build(others))
        else:
            run = lint_inputs([first, *others], linter=LINTER, duplicates=True)
        return any(p.rule == rule.name for p in run.results[0].problems)
    assert rule.kind == "page", rule.kind
    return any(p.rule == rule.name for p in check(text, "md", "default"))


@pytest.mark.parametrize("rule", REGISTRY, ids=lambda r: r.name)
def test_every_rule_has_a_failing_and_a_passing_example(rule):
    assert rule.fails and rule.passes
    assert rule.summary and rule.why and rule.label and rule.source
    doc = rule.doc()
    assert rule.code in doc and rule.fails[0].text.split("\n")[0] in doc


@pytest.mark.parametrize("rule", REGISTRY, ids=lambda r: r.name)
def test_examples_fail_and_pass_as_documented(rule):
    for ex in rule.fails:
        assert fires(rule, ex.text, ex.context), f"{rule.name} should fire on {ex.text!r}"
    for ex in rule.passes:
        assert not fires(rule, ex.text, ex.context), f"{rule.name} fired on {ex.text!r}"


def test_rules_are_found_by_name_and_code():
    for rule in REGISTRY:
        assert find(rule.name) is rule and find(rule.code.lower()) is rule
    assert len({r.name for r in REGISTRY}) == len({r.code for r in REGISTRY}) == len(REGISTRY)


def test_problems_are_made_by_their_rule():
    rule = find("bracket-highlight")
    p = rule.problem(0, 4, "m", severity="warning")
    assert (p.rule, p.code, p.severity) == ("bracket-highlight", "TK301", "warning")


_CITE = re.compile(r"运营规则 ([^（）]*)）")
_NAMED = re.compile(r"[TP]\d+「[^」]+」(、[TP]\d+「[^」]+」)*(：[^）]+)?")


def test_every_message_cites_the_playbook_rule_by_number_and_short_name():
    """A user who reads 运营规则 T2 gets its short name too, whichever rule wrote it; seen on
    the failing examples of every title and listing rule, and on titles of the shared set."""
    messages = []
    for rule in REGISTRY:
        for ex in rule.fails:
            if rule.kind == "title":
                messages += [p.message for p in LINTER.lint(ex.text, ex.context).problems]
            elif rule.kind == "listing":
                doc = read_bytes("example.listing.yaml", ex.text.encode("utf-8"))
                messages += [p.message for p in
                             lint_inputs([doc], linter=LINTER).results[0].problems]
    cites = [m for msg in messages for m in _CITE.findall(msg)]
    assert len(cites) > 20
    bad = [c for c in cites if not _NAMED.fullmatch(c)]
    assert bad == []
