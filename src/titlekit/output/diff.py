"""``titlekit lint --fix --diff``: what ``--fix`` would change, as a unified diff per file
(old and new titles for a workbook or for titles given as arguments); nothing is written."""

from __future__ import annotations

import difflib
from collections.abc import Sequence

from ..problems import Result


def file_diff(doc, changed: dict[int, str]) -> str:
    """The unified diff of ``doc`` with its records' titles replaced by ``changed``."""
    if doc.kind == "xlsx":  # no text form: one -/+ pair per changed cell
        lines = [f"--- {doc.path}\n", f"+++ {doc.path} (fixed)\n"]
        for i in sorted(changed):
            rec = doc.records[i]
            lines += [f"@@ {doc.sheet}!row {rec.line} @@\n", f"-{rec.title}\n",
                      f"+{changed[i]}\n"]
        return "".join(lines)
    old = doc.text.splitlines(keepends=True)
    new = doc.render(changed).splitlines(keepends=True)
    out = []
    for line in difflib.unified_diff(old, new, doc.path, doc.path):
        out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)


def titles_diff(results: Sequence[Result]) -> str:
    """Old and new of the titles given as arguments (no file) that a fix changes."""
    out = []
    for r in results:
        if r.path is None and r.fixed is not None and r.extra.get("original") is not None:
            out += ["--- <title>\n", "+++ <title> (fixed)\n", "@@ -1 +1 @@\n",
                    f"-{r.extra['original']}\n", f"+{r.fixed}\n"]
    return "".join(out)


def colour(diff: str) -> str:
    import click

    out = []
    for line in diff.splitlines(keepends=True):
        if line.startswith(("+++", "---")):
            out.append(click.style(line, bold=True))
        elif line.startswith("+"):
            out.append(click.style(line, fg="green"))
        elif line.startswith("-"):
            out.append(click.style(line, fg="red"))
        elif line.startswith("@@"):
            out.append(click.style(line, fg="cyan"))
        else:
            out.append(line)
    return "".join(out)
