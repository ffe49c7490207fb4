"""``titlekit rule NAME|CODE``: one rule's documentation for people, its frame (labels,
source) in the current language; the rule's own summary, reasons and examples as written."""

from __future__ import annotations

from ..i18n import language, t
from ..i18n.playbook import source
from ..i18n.rules import summary


def render_rule_doc(rule) -> str:
    zh = language() == "zh"
    head = f"{rule.code} {rule.name}"
    if zh and rule.label:
        head += f"（{rule.label}）"
    sev = t(f"severity.{rule.severity}")
    head += f"  [{sev}{'，' if zh else ', '}{t('doc.fixable')}]" if rule.fixable else f"  [{sev}]"
    colon = "：" if zh else ":"
    parts = [head, "", f"{t('doc.summary')}{colon}{summary(rule)}"]
    if zh and summary(rule) != rule.summary:
        parts.append(f"  {rule.summary}")
    if rule.why:
        parts += ["", f"{t('doc.why')}{colon}", f"  {rule.why}"]
    parts += ["", f"{t('doc.source')}{colon}{source(rule.source)}"]
    if rule.options:
        parts += ["", f"{t('doc.options')}{colon}"] + [
            f"  {k} = {o.default!r}  {o.doc}".rstrip() for k, o in rule.options.items()]
    for key, examples in (("doc.fails", rule.fails), ("doc.passes", rule.passes)):
        if examples:
            parts += ["", f"{t(key)}{colon}"]
            for e in examples:
                ctx = ", ".join(f"{k}={v}" for k, v in e.context.items())
                text = e.text.rstrip("\n").replace("\n", "\n    ")
                parts.append(f"  {text}" + (f"   ({ctx})" if ctx else ""))
    return "\n".join(parts) + "\n"
