"""Baselines: the problems a catalog already has, recorded once, so that a run reports (and
fails on) new problems only (``titlekit lint --write-baseline FILE``, then ``--baseline FILE``).

A problem is recorded by file path, title and rule, and counted: moving rows, adding or
removing other rows and editing other titles do not make it new; editing its title does (the
problem is then reported again, as a new one). The file is JSON::

    {"version": 1, "tool": "titlekit", "problems": [
        {"path": "shop/catalog.csv", "title": "…", "rule": "bracket-highlight", "count": 1}]}
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from ..errors import InputError
from ..i18n import t
from ..problems import Result

VERSION = 1


def _path(p: str | None) -> str:
    if p is None:
        return ""
    if p == "<stdin>":
        return p
    q = os.path.normpath(p)
    if os.path.isabs(q):
        try:
            q = os.path.relpath(q)
        except ValueError:  # another drive on Windows
            pass
    return q.replace(os.sep, "/")


def _key(r: Result, rule: str) -> tuple[str, str, str]:
    return (_path(r.path), r.extra.get("original") or r.title, rule)


def record(results: Sequence[Result]) -> dict:
    """The baseline document of ``results``."""
    counts: Counter = Counter(_key(r, p.rule) for r in results for p in r.problems)
    return {"version": VERSION, "tool": "titlekit", "problems": [
        {"path": k[0], "title": k[1], "rule": k[2], "count": n}
        for k, n in sorted(counts.items())]}


def dumps(results: Sequence[Result]) -> str:
    return json.dumps(record(results), ensure_ascii=False, indent=1) + "\n"


def load(path: str | Path) -> Counter:
    """The recorded problems of a baseline file, counted by (path, title, rule)."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(str(path), None, t("in.baseline_missing")) from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(str(path), None, t("in.baseline_bad", why=exc)) from None
    if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(
            data.get("problems"), list):
        raise InputError(str(path), None, t("in.baseline_shape"))
    out: Counter = Counter()
    for e in data["problems"]:
        try:
            out[(e["path"], e["title"], e["rule"])] += int(e.get("count", 1))
        except (KeyError, TypeError, ValueError):
            raise InputError(str(path), None, t("in.baseline_entry", entry=repr(e))) from None
    return out


def apply(results: Sequence[Result], baseline: Counter) -> int:
    """Drop from ``results`` the problems the baseline records (each recorded one once) and
    rescore what is left; returns how many were dropped."""
    left = Counter(baseline)
    dropped = 0
    for r in results:
        keep = []
        for p in r.problems:
            k = _key(r, p.rule)
            if left[k] > 0:
                left[k] -= 1
                dropped += 1
            else:
                keep.append(p)
        if len(keep) != len(r.problems):
            r.problems = keep
            r.rescore()
    return dropped
