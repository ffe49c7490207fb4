"""The layers of the architecture hold: lint-imports keeps the contract in pyproject.toml, and
modules stay small enough to read."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "titlekit"
MAX_LINES = 300
# Modules allowed past MAX_LINES, and why (README, Development).
LONGER: dict[str, str] = {
}


def test_lint_imports_keeps_the_layers_contract():
    exe = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    if exe is None:
        pytest.skip("import-linter is not installed (pip install -e '.[test]')")
    done = subprocess.run([exe, "--no-cache"], cwd=ROOT, capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 kept, 0 broken" in done.stdout


def test_modules_fit_on_a_few_screens():
    too_long = {}
    for path in PACKAGE.rglob("*.py"):
        rel = path.relative_to(PACKAGE).as_posix()
        n = len(path.read_text(encoding="utf-8").splitlines())
        if n > MAX_LINES and rel not in LONGER:
            too_long[rel] = n
    assert too_long == {}
