"""Run one command and measure it: wall time and peak resident memory of the child.

Shared by bench/vs_jieba.py, bench/startup_lint.py, bench/lint_scale.py and
bench/index_scale.py. Only the standard library; titlekit is driven through its command.

Peak RSS: with /usr/bin/time present, its ``%M`` (kB, the child's own maximum resident set) is
read from a temporary file, so the number is that command's peak whatever ran before. Without
it, ``resource.getrusage(RUSAGE_CHILDREN).ru_maxrss`` is read before and after; that value is the
largest peak of any child waited for so far, so a smaller child after a bigger one reads as the
old peak (reported then as ``None`` when it did not rise).
"""

from __future__ import annotations

import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

GNU_TIME = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None
ONE_CORE = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


@dataclass
class Run:
    wall: float  # seconds
    maxrss_mib: float | None  # peak resident set of the command, MiB
    returncode: int
    stderr: str


def default_titlekit() -> str:
    """The `titlekit` installed next to the running Python."""
    return str(Path(sys.executable).with_name("titlekit"))


def run(cmd: list[str], *, stdout=None, stdin=None, env: dict | None = None,
        ok_codes: tuple[int, ...] = (0, 1)) -> Run:
    """Run ``cmd`` once; stdout goes to ``stdout`` (a path or file object, default /dev/null).

    Exit codes other than ``ok_codes`` raise (titlekit lint exits 1 when it finds problems).
    """
    full_env = {**os.environ, **ONE_CORE, **(env or {})}
    out_fh = None
    if stdout is None or isinstance(stdout, (str, Path)):
        out_fh = open(stdout or os.devnull, "wb")
        target = out_fh
    else:
        target = stdout
    in_fh = open(stdin, "rb") if isinstance(stdin, (str, Path)) else stdin
    tfile = None
    try:
        if GNU_TIME:
            fd, tfile = tempfile.mkstemp(prefix="tk-time-")
            os.close(fd)
            argv = [GNU_TIME, "-f", "%M", "-o", tfile, *cmd]
        else:
            argv = list(cmd)
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        t0 = time.perf_counter()
        proc = subprocess.run(argv, stdout=target, stdin=in_fh, stderr=subprocess.PIPE,
                              env=full_env)
        wall = time.perf_counter() - t0
        after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        rss: float | None
        if GNU_TIME:
            text = Path(tfile).read_text().strip().splitlines()
            # /usr/bin/time prints "Command exited with non-zero status N" before %M then
            rss = int(text[-1]) / 1024 if text and text[-1].isdigit() else None
        else:
            rss = after / 1024 if after > before else None
    finally:
        if out_fh is not None:
            out_fh.close()
        if in_fh is not None and isinstance(stdin, (str, Path)):
            in_fh.close()
        if tfile:
            os.unlink(tfile)
    stderr = proc.stderr.decode("utf-8", "replace")
    if proc.returncode not in ok_codes:
        raise RuntimeError(f"{' '.join(cmd)} exited {proc.returncode}:\n{stderr[-2000:]}")
    return Run(wall, rss, proc.returncode, stderr)


def alternate(cmds: dict[str, list[str]], pairs: int, **kw) -> dict[str, list[Run]]:
    """Run every command once per round, in the given order, for ``pairs`` rounds (A B A B ...)."""
    runs: dict[str, list[Run]] = {name: [] for name in cmds}
    for _ in range(pairs):
        for name, cmd in cmds.items():
            runs[name].append(run(cmd, **kw))
    return runs


def median_wall(runs: list[Run]) -> float:
    return statistics.median(r.wall for r in runs)


def max_rss(runs: list[Run]) -> float | None:
    vals = [r.maxrss_mib for r in runs if r.maxrss_mib is not None]
    return max(vals) if vals else None


def fmt_rss(mib: float | None) -> str:
    return "n/a" if mib is None else f"{mib:,.0f} MiB"


def help_text(titlekit: str, *sub: str) -> str:
    """`titlekit SUB... --help`, to see which options this version accepts."""
    proc = subprocess.run([titlekit, *sub, "--help"], capture_output=True, text=True)
    return proc.stdout + proc.stderr


def has_option(titlekit: str, sub: tuple[str, ...], option: str) -> bool:
    """Whether `titlekit SUB --help` lists OPTION (e.g. "--jobs")."""
    return re.search(rf"(^|[\s,]){re.escape(option)}($|[\s,=\[])", help_text(titlekit, *sub),
                     re.M) is not None


def format_choices(titlekit: str) -> list[str]:
    """The values `titlekit lint --format` accepts, read off its help: [text|json|...]."""
    m = re.search(r"--format\s+\[([^\]]+)\]", help_text(titlekit, "lint"))
    return m.group(1).split("|") if m else []


def free_mib() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def which(name: str) -> str | None:
    return shutil.which(name)
