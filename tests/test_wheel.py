"""The built wheel carries lexicons and templates: install it in a fresh venv and lint a title."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_wheel_installs_in_a_fresh_venv_and_lints(tmp_path):
    pytest.importorskip("build", reason="the 'build' package is needed to build the wheel")
    if os.environ.get("TITLEKIT_SKIP_WHEEL_TEST"):
        pytest.skip("TITLEKIT_SKIP_WHEEL_TEST is set")
    src = tmp_path / "src"
    shutil.copytree(ROOT, src, ignore=shutil.ignore_patterns(".venv", ".git", "dist", "build",
                                                              "__pycache__", "*.egg-info"))
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--outdir", str(tmp_path / "dist"),
                    str(src)], check=True, capture_output=True)
    wheel, = (tmp_path / "dist").glob("titlekit-*.whl")
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    py = env_dir / "bin" / "python"
    subprocess.run([str(py), "-m", "pip", "install", "-q", str(wheel)], check=True,
                   capture_output=True)
    out = subprocess.run([str(env_dir / "bin" / "titlekit"), "lint", "-f", "json",
                          "【爆款】耐克 男鞋 运动鞋 运动鞋 ★包邮★"],
                         capture_output=True, text=True, cwd=tmp_path, check=False)
    assert out.returncode == 1, out.stderr
    doc = json.loads(out.stdout)
    rules = {p["rule"] for p in doc["results"][0]["problems"]}
    assert {"bracket-highlight", "special-symbol", "repeated-keyword"} <= rules
    assert any(s["type"] == "brand" for s in doc["results"][0]["slots"])  # lexicons are inside
    code = ("import titlekit.resources as r; print(r.data_dir('lexicons')); "
            "print(r.data_dir('templates'))")
    listing = subprocess.run([str(py), "-c", code],
                             capture_output=True, text=True, cwd=tmp_path, check=True)
    assert all("site-packages" in line for line in listing.stdout.splitlines())
