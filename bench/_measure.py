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
import signal
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
    killed: bool = False  # stopped by the rss_limit_mib watchdog
    tree_peak_mib: float | None = None  # with the watchdog: largest sampled RSS sum of the tree
    cpu: float | None = None  # user + system CPU seconds of the command (and its waited children)


def default_titlekit() -> str:
    """The `titlekit` installed next to the running Python."""
    return str(Path(sys.executable).with_name("titlekit"))


def run(cmd: list[str], *, stdout=None, stdin=None, env: dict | None = None,
        ok_codes: tuple[int, ...] = (0, 1), rss_limit_mib: float | None = None) -> Run:
    """Run ``cmd`` once; stdout goes to ``stdout`` (a path or file object, default /dev/null).

    Exit codes other than ``ok_codes`` raise (titlekit lint exits 1 when it finds problems).
    With ``rss_limit_mib`` the command runs in its own process group, which is killed when the
    resident memory of its process tree passes the limit (the Run then has ``killed=True``).
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
            argv = [GNU_TIME, "-f", "%M %U %S", "-o", tfile, *cmd]
        else:
            argv = list(cmd)
        ru0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        before = ru0.ru_maxrss
        errf = tempfile.TemporaryFile()
        t0 = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=target, stdin=in_fh, stderr=errf, env=full_env,
                                preexec_fn=os.setpgrp if rss_limit_mib is not None else None)
        killed = False
        tree_peak = None
        if rss_limit_mib is None:
            proc.wait()
        else:
            # watchdog: stop the command (its own process group) once its tree passes the limit
            while True:
                try:
                    proc.wait(timeout=0.5)
                    break
                except subprocess.TimeoutExpired:
                    now = tree_rss_mib(proc.pid)
                    tree_peak = max(tree_peak or 0.0, now)
                    if now > rss_limit_mib:
                        killed = True
                        os.killpg(proc.pid, signal.SIGKILL)
                        proc.wait()
                        break
        wall = time.perf_counter() - t0
        errf.seek(0)
        proc.stderr = errf.read()
        errf.close()
        ru1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        after = ru1.ru_maxrss
        cpu = (ru1.ru_utime + ru1.ru_stime) - (ru0.ru_utime + ru0.ru_stime)
        rss: float | None
        if GNU_TIME:
            text = Path(tfile).read_text().strip().splitlines()
            # /usr/bin/time prints "Command exited with non-zero status N" before the numbers
            fields = text[-1].split() if text else []
            rss = int(fields[0]) / 1024 if fields and fields[0].isdigit() else None
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
    if killed:
        return Run(wall, rss, proc.returncode, stderr, killed=True, tree_peak_mib=tree_peak,
                   cpu=cpu)
    if proc.returncode not in ok_codes:
        raise RuntimeError(f"{' '.join(cmd)} exited {proc.returncode}:\n{stderr[-2000:]}")
    return Run(wall, rss, proc.returncode, stderr, tree_peak_mib=tree_peak, cpu=cpu)


def tree_rss_mib(pid: int) -> float:
    """Resident memory of ``pid`` and all its descendants now (Linux /proc), MiB."""
    total = 0
    todo = [pid]
    while todo:
        p = todo.pop()
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
                    break
            for task in Path(f"/proc/{p}/task").iterdir():
                kids = (task / "children").read_text().split()
                todo.extend(int(k) for k in kids)
        except (OSError, ValueError):
            continue
    return total / 1024


def alternate(cmds: dict[str, list[str]], pairs: int, **kw) -> dict[str, list[Run]]:
    """Run every command once per round, in the given order, for ``pairs`` rounds (A B A B ...)."""
    runs: dict[str, list[Run]] = {name: [] for name in cmds}
    for _ in range(pairs):
        for name, cmd in cmds.items():
            runs[name].append(run(cmd, **kw))
    return runs


def median_wall(runs: list[Run]) -> float:
    return statistics.median(r.wall for r in runs)


def median_cpu(runs: list[Run]) -> float:
    return statistics.median(r.cpu for r in runs if r.cpu is not None)


def load_note() -> str:
    """The machine's load average and core count: other work on the machine skews wall times."""
    try:
        la = Path("/proc/loadavg").read_text().split()[:3]
    except OSError:
        return "load average: n/a"
    return f"load average {' '.join(la)} on {os.cpu_count()} cores"


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
