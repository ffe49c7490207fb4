"""Shared fixtures: the real titles in ../shared/data (skipped where absent) and a CLI runner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = ROOT.parent / "shared" / "data"
# The property and fault-injection tests (tests/fuzz) are part of the default run in their
# short profile; TITLEKIT_FUZZ=long runs the long one (see tests/fuzz/conftest.py).
NO_SHARED = "../shared/data is not present (it ships with titlekit's CI, not with a clone)"


def shared_file(name: str) -> Path:
    path = SHARED_DATA / name
    if not path.is_file():
        pytest.skip(NO_SHARED)
    return path


@pytest.fixture(scope="session")
def taobao_records() -> list[dict]:
    path = shared_file("taobao_titles_ner_train.jsonl")
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


@pytest.fixture(scope="session")
def jd_phone_titles() -> list[str]:
    path = shared_file("jd_phone_titles.txt")
    text = path.read_text(encoding="utf-8-sig")
    return [t.strip() for t in text.splitlines() if t.strip()]


@pytest.fixture(scope="session")
def linter():
    from titlekit.linting.linter import Linter

    return Linter()


@pytest.fixture(scope="session")
def jd_phone_path() -> Path:
    return shared_file("jd_phone_titles.txt")
