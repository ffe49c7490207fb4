"""Fuzz and fault-injection tests: Hypothesis profiles, the one CLI runner, real titles.

Profiles (``TITLEKIT_FUZZ`` selects one; the default is ``ci``):

- ``ci``: few examples, derandomised (the same inputs every run), no deadline; the whole
  ``tests/fuzz`` directory runs in a few minutes.
- ``long``: many more examples with a random seed, for searching rather than guarding.

The CLI tests use the ``*-cli`` variant of the profile (each example starts a process).
These tests use only ``titlekit.lint``, ``titlekit.fix`` and the command line.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, settings
from hypothesis.database import DirectoryBasedExampleDatabase

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SHARED = ROOT.parent / "shared"
SHARED_DATA = SHARED / "data"
REPRO = SHARED / "repro"
NO_SHARED = "../shared/data is not present (it ships with titlekit's CI, not with a clone)"

# The one place that says how the command line is started.
CLI = [sys.executable, "-m", "titlekit.cli"]

_SLOW_OK = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much,
            HealthCheck.large_base_example]
_NO_EXPLAIN = (Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink)
settings.register_profile("ci", max_examples=40, deadline=None, derandomize=True,
                          database=None, suppress_health_check=_SLOW_OK, print_blob=True,
                          phases=_NO_EXPLAIN)
settings.register_profile("ci-cli", settings.get_profile("ci"), max_examples=3)
settings.register_profile("long", max_examples=2000, deadline=None,
                          suppress_health_check=_SLOW_OK, print_blob=True, phases=_NO_EXPLAIN,
                          database=DirectoryBasedExampleDatabase(HERE / ".hypothesis"))
settings.register_profile("long-cli", settings.get_profile("long"), max_examples=150)
# Properties known to fail today (strict xfail): in the short profile only their explicit
# failing examples run, so a fix turns them into XPASS at once without a costly search.
settings.register_profile("ci-known", settings.get_profile("ci"), phases=(Phase.explicit,))
settings.register_profile("long-known", settings.get_profile("long"))

PROFILE = "long" if os.environ.get("TITLEKIT_FUZZ", "").strip().lower() == "long" else "ci"
os.environ["TITLEKIT_FUZZ"] = PROFILE  # test modules read the profile name from here
settings.load_profile(PROFILE)


def pytest_configure(config):
    config.addinivalue_line("markers", "fuzz: property-based or fault-injection test of titlekit")
    config.addinivalue_line(
        "markers", "fuzz_cli: starts titlekit's command line per example (short profile by "
        "default; TITLEKIT_FUZZ=long for the long one)")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if HERE in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.fuzz)


def pytest_report_header(config):
    return f"titlekit fuzz profile: {PROFILE} (TITLEKIT_FUZZ=long for the long one)"


def cli_env(**extra: str) -> dict:
    env = dict(os.environ)
    env.pop("TITLEKIT_MODEL_DIR", None)
    env.update({"PYTHONIOENCODING": "utf-8", "NO_COLOR": "1", "LC_ALL": "C.UTF-8"})
    env.update(extra)
    return env


def run_cli(*args, cwd=None, input=None, env: dict | None = None, timeout: float = 300,
            popen: bool = False):
    """Run ``titlekit ARGS`` in a new process; return the CompletedProcess (bytes out/err,
    with ``.out``/``.err`` decoded for convenience). ``popen=True`` returns the running Popen."""
    argv = CLI + [os.fsdecode(a) if isinstance(a, Path) else a for a in args]
    full_env = cli_env(**(env or {}))
    if popen:
        return subprocess.Popen(argv, cwd=cwd, env=full_env, stdin=subprocess.DEVNULL,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if isinstance(input, str):
        input = input.encode("utf-8")
    proc = subprocess.run(argv, cwd=cwd, input=input, env=full_env, capture_output=True,
                          timeout=timeout, stdin=None if input is not None else subprocess.DEVNULL,
                          check=False)
    proc.out = proc.stdout.decode("utf-8", "backslashreplace")
    proc.err = proc.stderr.decode("utf-8", "backslashreplace")
    return proc


def cli_shell_command() -> str:
    """``run_cli``'s command for shell scripts (the reproducers' ``TK``)."""
    return " ".join(CLI)


@pytest.fixture(scope="session")
def cli():
    return run_cli


def _shared_file(name: str) -> Path:
    path = SHARED_DATA / name
    if not path.is_file():
        pytest.skip(NO_SHARED)
    return path


class TitleList(list):
    """A list whose repr stays short in Hypothesis' failure reports."""

    def __repr__(self) -> str:
        return f"<{len(self)} real titles>"


@pytest.fixture(scope="session")
def real_titles() -> list[str]:
    """Real Taobao titles from ../shared/data (skips with the reason where it is absent)."""
    path = _shared_file("taobao_titles_ner_train.jsonl")
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            t = json.loads(line)["title"]
            if t.strip() and "\n" not in t:
                out.append(t)
    return TitleList(out)


@pytest.fixture(scope="session")
def jd_phone_file() -> Path:
    return _shared_file("jd_phone_titles.txt")
