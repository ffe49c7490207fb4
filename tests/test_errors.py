"""Every error titlekit raises on purpose ends the command with exit 2 and ``file: cause``,
never a traceback: a damaged model, a damaged index, a bad config, a bad lexicon."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from titlekit.errors import (
    ConfigError,
    IndexFileError,
    InputError,
    LexiconError,
    ModelError,
    OutlineError,
    TitlekitError,
)

TITLE = "耐克 男鞋 运动鞋 跑步鞋 透气"


def titlekit(*args: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    full = {**os.environ, **(env or {})}
    return subprocess.run([sys.executable, "-m", "titlekit", *args], cwd=cwd, env=full,
                          capture_output=True, text=True, timeout=300, check=False)


def assert_clean_error(done: subprocess.CompletedProcess, names: str) -> None:
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert names in done.stderr
    assert done.stderr.startswith("titlekit：错误：")


@pytest.mark.parametrize("damage", ["bad card", "empty weights"])
def test_damaged_model_directory(tmp_path, damage):
    model = tmp_path / "model"
    model.mkdir()
    if damage == "bad card":
        (model / "slots.json").write_text("{not json", encoding="utf-8")
    else:
        from titlekit.resources import MODEL_DIR

        (model / "slots.json").write_bytes((MODEL_DIR / "slots.json").read_bytes())
        (model / "slots.npz").write_bytes(b"")
    done = titlekit("lint", "--no-config", TITLE, cwd=tmp_path,
                    env={"TITLEKIT_MODEL_DIR": str(model)})
    assert_clean_error(done, str(model))


def test_damaged_index(tmp_path):
    idx = tmp_path / "c.tkidx"
    idx.write_bytes(b"PK\x03\x04 not really a zip")
    done = titlekit("lint", "--no-config", TITLE, "--competitors", str(idx), cwd=tmp_path)
    assert_clean_error(done, "c.tkidx")


def test_bad_config(tmp_path):
    (tmp_path / ".titlekit.toml").write_text("platform = [", encoding="utf-8")
    done = titlekit("lint", TITLE, cwd=tmp_path)
    assert_clean_error(done, ".titlekit.toml")


def test_bad_rule_option_in_config(tmp_path):
    (tmp_path / ".titlekit.toml").write_text("[rules.promo-overload]\nmax = -1\n",
                                             encoding="utf-8")
    done = titlekit("lint", TITLE, cwd=tmp_path)
    assert_clean_error(done, "rules.promo-overload.max")


def test_bad_lexicon(tmp_path):
    lex = tmp_path / "brands-shop.txt"
    lex.write_text("# source: the shop\n\tnote without an entry\n", encoding="utf-8")
    (tmp_path / ".titlekit.toml").write_text(f'extra-lexicons = ["{lex.name}"]\n',
                                             encoding="utf-8")
    done = titlekit("lint", TITLE, cwd=tmp_path)
    assert_clean_error(done, "brands-shop.txt:2")


def test_one_error_tree():
    for kind in (ConfigError, IndexFileError, InputError, LexiconError, ModelError,
                 OutlineError):
        assert issubclass(kind, TitlekitError)
