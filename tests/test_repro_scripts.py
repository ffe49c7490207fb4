"""Every reproducer of issue 20 in ../shared/repro (except 17, the memory measurement the
performance issue owns) ends with exit 0, 1 or 2 and no traceback, run against this checkout."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
REPRO = ROOT.parent / "shared" / "repro"
SCRIPTS = sorted(REPRO.glob("[0-9][0-9]_*.sh")) if REPRO.is_dir() else []
SHOW = re.compile(r"^rc=(\d+)  tracebacks=(\d+)", re.MULTILINE)


def _script_own(traceback: str) -> bool:
    """A traceback of the script's own set-up, not of titlekit: 08 copies its fixture with
    '"$FIX"' inside a quoted heredoc, where $FIX is not expanded (the fixture is tested
    directly in tests/test_robustness_input.py)."""
    return "shutil.py" in traceback and "titlekit" not in traceback.split("Error")[0]


@pytest.mark.skipif(not SCRIPTS, reason="../shared/repro is not present (it ships with "
                    "titlekit's CI, not with a clone)")
@pytest.mark.parametrize("script", [s for s in SCRIPTS if not s.name.startswith("17_")],
                         ids=lambda s: s.name)
def test_reproducer_ends_cleanly(script):
    env = {**os.environ, "TK": f"{sys.executable} -m titlekit.cli", "PY": sys.executable}
    proc = subprocess.run(["bash", str(script)], cwd=ROOT, env=env, capture_output=True,
                          timeout=900, check=False)
    out = proc.stdout.decode("utf-8", "replace") + proc.stderr.decode("utf-8", "replace")
    assert "Segmentation fault" not in out, out[-3000:]
    assert not [t for t in out.split("Traceback (most recent call last):")[1:]
                if not _script_own(t)], out[-3000:]
    assert proc.returncode in (0, 1, 2), out[-3000:]
    for rc, tracebacks in SHOW.findall(out):
        assert int(rc) in (0, 1, 2) and int(tracebacks) == 0, out[-3000:]
