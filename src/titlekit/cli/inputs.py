"""Inputs of ``titlekit lint``: titles, files, standard input, directories and globs.

A directory is walked for the files its config's ``include`` names (default
:data:`DEFAULT_INCLUDE`: title files and listing files by name), skipping hidden folders and files, ``.venv``, ``node_modules`` and
whatever ``exclude`` adds; a glob (``shop/**/*.csv``) is expanded when it matches files, so a
title that merely contains ``*`` (``20*30cm``) stays a title. An empty argument is an error.
"""

from __future__ import annotations

import fnmatch
import glob
import os
from dataclasses import dataclass
from pathlib import Path

import click

# YAML and JSON files are read from a directory only under the listing-file names: a folder
# also holds other YAML/JSON (docker-compose.yaml, package.json, outlines as JSON), which are
# no listings; name them in ``include`` to read them
DEFAULT_INCLUDE = ("*.listing.yaml", "*.listing.yml", "*.listing.json", "*.txt", "*.csv",
                   "*.tsv", "*.jsonl", "*.ndjson", "*.xlsx")
ALWAYS_EXCLUDE = (".*", ".venv", "venv", "node_modules", "__pycache__", "~$*")
_GLOB = set("*?[")


@dataclass(frozen=True)
class Arg:
    kind: str  # title | stdin | file
    value: str
    found: bool = False  # found in a directory or by a glob, not named


def _matches(rel: str, patterns: tuple[str, ...]) -> bool:
    name = rel.rsplit("/", 1)[-1]
    return any(fnmatch.fnmatch(name, p) or fnmatch.fnmatch(rel, p) for p in patterns)


def walk(root: str, include: tuple[str, ...], exclude: tuple[str, ...],
         skip: set[Path] = frozenset()) -> list[str]:
    """Files under ``root`` matching ``include`` and no exclusion, in sorted order."""
    excl = ALWAYS_EXCLUDE + tuple(exclude)
    out: list[str] = []
    for d, dirs, files in os.walk(root):
        rel_d = os.path.relpath(d, root).replace(os.sep, "/")
        rel_d = "" if rel_d == "." else rel_d + "/"
        dirs[:] = sorted(x for x in dirs if not _matches(rel_d + x, excl))
        for f in sorted(files):
            rel = rel_d + f
            path = os.path.join(d, f)
            if (_matches(rel, include) and not _matches(rel, excl)
                    and Path(path).resolve() not in skip):
                out.append(path)
    return out


def is_glob(arg: str) -> bool:
    return any(c in _GLOB for c in arg)


def expand(args: tuple[str, ...], configs, skip: tuple[str, ...] = ()) -> list[Arg]:
    """Every input in order; ``skip`` names files never read from a directory (the report,
    the baseline)."""
    from ..i18n import t
    from . import common

    skipped = {Path(s).resolve() for s in skip if s}
    out: list[Arg] = []
    for arg in args:
        if arg.strip() == "":
            raise click.UsageError(t("empty_argument"))
        if arg == "-":
            out.append(Arg("stdin", arg))
        elif common.path_test(arg, "is_dir"):
            cfg = configs.get(arg)
            include = cfg.include if cfg.include is not None else DEFAULT_INCLUDE
            found = walk(arg, include, cfg.exclude, skipped)
            if not found:
                common.fail(t("empty_dir", path=arg, include=", ".join(include)))
            out.extend(Arg("file", f, True) for f in found)
        elif is_glob(arg) and not common.path_test(arg, "exists") and (
                hits := _glob(arg, configs)):
            out.extend(Arg("file", f, True) for f in hits)
        elif common.looks_like_path(arg):
            out.append(Arg("file", arg))
        elif is_glob(arg) and ("/" in arg or arg.startswith("*")) and " " not in arg:
            common.fail(t("no_match", pattern=arg))
        else:
            out.append(Arg("title", arg))
    return out


def _glob(pattern: str, configs) -> list[str]:
    hits = []
    for f in sorted(glob.glob(pattern, recursive=True)):
        if not os.path.isfile(f):
            continue
        rel = f.replace(os.sep, "/")
        parts = rel.split("/")
        cfg = configs.get(f)
        if any(_matches(p, ALWAYS_EXCLUDE + cfg.exclude) for p in parts[:-1] if p not in (".", "..")):
            continue
        if _matches(rel, ALWAYS_EXCLUDE + cfg.exclude):
            continue
        hits.append(f)
    return hits
