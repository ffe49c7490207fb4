"""Reading TOML config files: UTF-8 with or without a BOM, the ``[tool.titlekit]`` table of a
pyproject.toml, and the line a key stands on (for error messages)."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from .errors import ConfigError


def read_toml(path: Path) -> dict[str, Any]:
    """A TOML file (UTF-8, with or without the BOM Windows editors write)."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError as exc:
        raise ConfigError(f"{path}: config file not found") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read config: {exc}") from exc
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from exc
    except RecursionError:
        raise ConfigError(f"{path}: invalid TOML: nested too deeply") from None


def tool_section(path: Path, data: dict[str, Any]) -> dict[str, Any] | None:
    """``[tool.titlekit]`` of a pyproject.toml, None when it has none."""
    tool = data.get("tool", {})
    if not isinstance(tool, dict):
        raise ConfigError(f"{path}: 'tool' must be a table ([tool]), got {tool!r}")
    if "titlekit" not in tool:
        return None
    section = tool["titlekit"]
    if not isinstance(section, dict):
        raise ConfigError(f"{path}: 'tool.titlekit' must be a table ([tool.titlekit]), "
                          f"got {section!r}")
    return section


def line_of(text: str, dotted: str, pyproject: bool = False) -> int | None:
    """The line of key ``dotted`` (``a``, ``rules.x.k``) in TOML ``text``, under its table
    header or as a dotted key; None when it cannot be found."""
    want = (["tool", "titlekit"] if pyproject else []) + dotted.split(".")
    table: list[str] = []
    for n, line in enumerate(text.splitlines(), 1):
        m = re.match(r"\s*(\[+)\s*([^\]]+?)\s*\]|\s*([A-Za-z0-9_.\"'-]+?)\s*=", line)
        names = [p.strip().strip("\"'") for p in (m.group(2) or m.group(3)).split(".")] if m else []
        if m and m.group(1):
            table = names
        elif m and table + names == want:
            return n
    return None
