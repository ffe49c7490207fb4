"""titlekit: lint and fix Taobao/Tmall product titles against sellers' operations playbooks.

Library use::

    import titlekit
    result = titlekit.lint("【爆款】耐克 男鞋 运动鞋 运动鞋 ★包邮★")
    result.score, [p.rule for p in result.problems]
    titlekit.fix("【爆款】耐克 男鞋 运动鞋 运动鞋 ★包邮★")

Names are imported lazily so that ``import titlekit`` stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .lazy import lazy_exports
from .version import __version__

__all__ = ["Config", "Fix", "Linter", "Problem", "Result", "TitlekitError", "__version__", "fix",
           "lint", "lint_inputs", "load_config"]

if TYPE_CHECKING:  # pragma: no cover
    from .config import Config, load_config
    from .errors import TitlekitError
    from .linting.linter import Linter, fix, lint
    from .linting.session import lint_inputs
    from .problems import Fix, Problem, Result

_LAZY = {
    "Config": "config",
    "load_config": "config",
    "Linter": "linting.linter",
    "lint": "linting.linter",
    "fix": "linting.linter",
    "lint_inputs": "linting.session",
    "Result": "problems",
    "Problem": "problems",
    "Fix": "problems",
    "TitlekitError": "errors",
}


__getattr__ = lazy_exports(__name__, _LAZY)
