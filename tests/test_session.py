"""The library lints a set of inputs the way the CLI does, without click."""

from __future__ import annotations

import json
import subprocess
import sys

from titlekit.config import Config
from titlekit.formats.dispatch import read_path
from titlekit.linting.session import exit_status, lint_inputs
from titlekit.output import render_json

BAD = "【爆款】耐克 男鞋 运动鞋 运动鞋 ★包邮★"


def test_lint_inputs_fixes_files_and_reports_the_exit_status(tmp_path):
    f = tmp_path / "t.txt"
    f.write_text(BAD + "\n耐克 男鞋 运动鞋 跑步鞋 透气 减震 轻便 防滑 耐磨 2024新款\n",
                 encoding="utf-8")
    written = []
    run = lint_inputs([read_path(f)], Config(), fix=True,
                      on_written=lambda p, n: written.append((p, n)))
    assert written == run.written == [(str(f), 1)]
    assert f.read_text(encoding="utf-8").splitlines()[0] == run.results[0].fixed
    assert "【" not in run.results[0].fixed and "★" not in run.results[0].fixed
    assert run.status == exit_status(run.results, "error")


def test_lint_inputs_equals_the_cli(tmp_path):
    f = tmp_path / "t.txt"
    f.write_text(BAD + "\n华为 mate60 pro 手机壳 硅胶 防摔 全包\n", encoding="utf-8")
    run = lint_inputs([read_path(str(f)), "耐克 跑步鞋"], Config())
    done = subprocess.run([sys.executable, "-m", "titlekit", "lint", "--no-config",
                           "--format", "json", str(f), "耐克 跑步鞋"],
                          capture_output=True, text=True, check=False)
    assert done.returncode == run.status
    assert json.loads(done.stdout) == json.loads(render_json(run.results))
