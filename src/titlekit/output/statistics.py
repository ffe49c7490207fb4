"""``titlekit lint --statistics``: problems counted per rule, most frequent first (the way
``ruff --statistics`` counts them), as text or JSON."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence

from ..i18n import language, t
from ..problems import Result


def statistics(results: Sequence[Result]) -> list[dict]:
    """One entry per rule that fired: code, name, severity, count, how many have a safe fix,
    and how many titles it fired on; most frequent first, then by code."""
    from ..rules import find

    count: Counter = Counter()
    fixable: Counter = Counter()
    titles: Counter = Counter()
    severity: dict[str, str] = {}
    codes: dict[str, str] = {}
    for r in results:
        seen = set()
        for p in r.problems:
            count[p.rule] += 1
            fixable[p.rule] += p.fix is not None and p.fix.safe
            codes[p.rule] = p.code
            if p.rule not in seen:
                titles[p.rule] += 1
                seen.add(p.rule)
            if severity.get(p.rule) != "error":
                severity[p.rule] = p.severity
    out = []
    for name in sorted(count, key=lambda n: (-count[n], codes[n])):
        rule = find(name)
        out.append({"code": codes[name], "rule": name, "severity": severity[name],
                    "count": count[name], "fixable": fixable[name], "titles": titles[name],
                    "label": rule.label if rule is not None else "",
                    "summary": rule.summary if rule is not None else ""})
    return out


def render_statistics(results: Sequence[Result], fmt: str = "text") -> str:
    rows = statistics(results)
    if fmt == "json":
        return json.dumps({"version": 1, "titles": len(results), "statistics": rows},
                          ensure_ascii=False, indent=2) + "\n"
    if not rows:
        return t("stats.none", titles=len(results)) + "\n"
    width = max(len(str(r["count"])) for r in rows)
    name_w = max(len(r["rule"]) for r in rows)
    lines = []
    for r in rows:
        mark = "[*]" if r["fixable"] else "   "
        what = r["label"] if language() == "zh" and r["label"] else r["summary"]
        lines.append(f"{r['count']:>{width}}  {r['code']}  {r['rule']:<{name_w}}  {mark} "
                     f"{t('severity.' + r['severity'])}  {what}")
    lines.append(t("stats.total", n=sum(r["count"] for r in rows), titles=len(results)))
    return "\n".join(lines) + "\n"
