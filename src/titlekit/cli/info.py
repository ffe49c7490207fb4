"""``titlekit rules`` and ``titlekit schema``: what titlekit checks, for people and tools."""

from __future__ import annotations

import click


@click.command()
def schema() -> None:
    """Print the listing-file schema as JSON Schema."""
    import json

    from ..listing import json_schema

    click.echo(json.dumps(json_schema(), ensure_ascii=False, indent=2))


@click.command()
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
def rules(fmt: str) -> None:
    """List every rule: code, name, default severity, fixable, source."""
    import json

    from ..rules import REGISTRY

    if fmt == "json":
        data = [{"code": r.code, "name": r.name, "severity": r.severity, "fixable": r.fixable,
                 "source": r.source, "summary": r.summary, "options": r.defaults()} for r in REGISTRY]
        click.echo(json.dumps({"version": 1, "rules": data}, ensure_ascii=False, indent=2))
        return
    for r in REGISTRY:
        fixable = "fixable" if r.fixable else "-"
        click.echo(f"{r.code}  {r.name:<22} {r.severity:<8} {fixable:<8} {r.source}")
        click.echo(f"       {r.summary}")
