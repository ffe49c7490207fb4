"""``titlekit rules``, ``titlekit rule`` and ``titlekit schema``: what titlekit checks, for
people and tools."""

from __future__ import annotations

import click

from . import common, habits


@click.command()
@habits.output_option
def schema(output_file: str | None) -> None:
    """Print the listing-file schema as JSON Schema."""
    import json

    from ..listing import json_schema
    from .run import write_output

    write_output(output_file, json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n",
                 True)


@click.command()
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
@habits.lang_option
@habits.output_option
def rules(fmt: str, lang: str | None, output_file: str | None) -> None:
    """List every rule: code, name, default severity, fixable, the playbook rule it enforces."""
    import json

    from ..i18n import pad, t
    from ..i18n.playbook import source
    from ..i18n.rules import summary
    from ..rules import REGISTRY
    from .run import write_output

    common.set_language(lang, common.config(None, False))
    if fmt == "json":  # for tools: keys and values as they were, whatever the language
        data = [{"code": r.code, "name": r.name, "severity": r.severity, "fixable": r.fixable,
                 "source": r.source, "summary": r.summary, "options": r.defaults()}
                for r in REGISTRY]
        write_output(output_file, json.dumps({"version": 1, "rules": data}, ensure_ascii=False,
                                             indent=2) + "\n", True)
        return
    lines = []
    for r in REGISTRY:
        fixable = t("doc.fixable") if r.fixable else "-"
        sev = t(f"severity.{r.severity}")
        lines.append(f"{r.code}  {r.name:<23} {pad(sev, 8)} {pad(fixable, 12)} "
                     f"{source(r.source)}")
        lines.append(f"       {summary(r)}")
    write_output(output_file, "\n".join(lines) + "\n", True)


@click.command()
@click.argument("name")
@habits.lang_option
@habits.output_option
def rule(name: str, lang: str | None, output_file: str | None) -> None:
    """Explain one rule (by name or code): what it does, why, its options and examples.

    \b
    titlekit rule bracket-highlight
    titlekit rule TK301
    """
    from ..i18n import t
    from ..output.rule_doc import render_rule_doc
    from ..rules import find
    from .run import write_output

    common.set_language(lang, common.config(None, False))
    found = find(name)
    if found is None:
        common.fail(t("doc.unknown_rule", name=name))
    write_output(output_file, render_rule_doc(found), True)
