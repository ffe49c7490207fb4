"""Regression tests of issue 20's write classes: symlinks, hard links, owner and mode kept,
read-only and changed files refused with nothing written, temp files never left behind, the
.bak made from the bytes read, and rewrite's outputs committed together."""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import time

import pytest
from click.testing import CliRunner

from titlekit.cli.main import main
from titlekit.errors import InputError
from titlekit.formats.dispatch import read_path
from titlekit.formats.writing import atomic_write

CSV = "id,title,brand\n1,【爆款】耐克 运动鞋 ★,耐克\n2,李宁 跑步鞋,李宁\n"


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def mk(p):
    p.write_text(CSV, encoding="utf-8")
    return p


def temps(d):
    return [n for n in os.listdir(d) if n.endswith(".tmp")]


def test_15_symlink_written_through(tmp_path):
    (tmp_path / "real").mkdir()
    real = mk(tmp_path / "real" / "c.csv")
    link = tmp_path / "link.csv"
    link.symlink_to("real/c.csv")
    assert run("lint", "--fix", str(link)).exit_code in (0, 1)
    assert link.is_symlink() and "【爆款】" not in real.read_text(encoding="utf-8")


def test_15_hard_link_kept(tmp_path):
    a = mk(tmp_path / "a.csv")
    b = tmp_path / "b.csv"
    os.link(a, b)
    assert run("lint", "--fix", str(a)).exit_code in (0, 1)
    assert os.path.samefile(a, b) and "【爆款】" not in b.read_text(encoding="utf-8")
    assert not temps(tmp_path)


def test_15_mode_and_owner_kept(tmp_path):
    p = mk(tmp_path / "own.csv")
    os.chmod(p, 0o640)
    if os.geteuid() == 0:
        os.chown(p, 65534, 65534)
    assert run("lint", "--fix", str(p)).exit_code in (0, 1)
    st = os.stat(p)
    assert st.st_mode & 0o777 == 0o640
    if os.geteuid() == 0:
        assert (st.st_uid, st.st_gid) == (65534, 65534)


def test_15_read_only_refused(tmp_path):
    p = mk(tmp_path / "ro.csv")
    os.chmod(p, 0o444)
    res = run("lint", "--fix", str(p))
    assert res.exit_code == 2 and "ro.csv" in res.output and "只读" in res.output
    assert p.read_text(encoding="utf-8") == CSV and not temps(tmp_path)


def test_15_changed_since_read_refused(tmp_path, monkeypatch):
    p = mk(tmp_path / "cc.csv")
    doc = read_path(p)
    with p.open("a", encoding="utf-8") as fh:
        fh.write("3,并发追加的一行 手机壳,\n")
    with pytest.raises(InputError, match="在读取之后被改动了"):
        doc.write({0: "耐克 运动鞋"})
    assert "并发追加" in p.read_text(encoding="utf-8") and not temps(tmp_path)

    # rewrite --in-place --backup: the file emptied during the run; nothing written, no .bak
    from titlekit.rewrite import rewriter

    real = rewriter.Rewriter.rewrite

    def rewrite_and_truncate(self, *a, **k):
        out = real(self, *a, **k)
        p.write_text("", encoding="utf-8")
        return out

    mk(p)
    monkeypatch.setattr(rewriter.Rewriter, "rewrite", rewrite_and_truncate)
    res = run("rewrite", str(p), "--in-place", "--backup", "-q")
    assert res.exit_code == 2 and "在读取之后被改动了" in res.output
    assert p.read_text(encoding="utf-8") == "" and not (tmp_path / "cc.csv.bak").exists()


def test_15_backup_from_the_bytes_read(tmp_path):
    p = mk(tmp_path / "c.csv")
    os.chmod(p, 0o600)
    assert run("rewrite", str(p), "--in-place", "--backup", "-q").exit_code == 0
    bak = tmp_path / "c.csv.bak"
    assert bak.read_text(encoding="utf-8") == CSV and os.stat(bak).st_mode & 0o777 == 0o600


def test_rewrite_report_unwritable_writes_nothing(tmp_path):
    p = mk(tmp_path / "c.csv")
    out = tmp_path / "out.csv"
    res = run("rewrite", str(p), "-o", str(out), "--report", str(tmp_path / "no" / "r.csv"))
    assert res.exit_code == 2 and "r.csv" in res.output
    assert not out.exists() and not temps(tmp_path)


_KILL_SELF = """
import os, signal, sys
from titlekit.formats.writing import atomic_write
def data(fh):
    fh.write(b"x" * 100000)
    fh.flush()
    os.kill(os.getpid(), signal.SIG{sig})
    fh.write(b"never")
atomic_write(sys.argv[1], data)
"""


@pytest.mark.parametrize("sig", ["TERM", "HUP"])
def test_16_signal_during_write_removes_the_temp(tmp_path, sig):
    p = mk(tmp_path / "t.csv")
    proc = subprocess.run([sys.executable, "-c", _KILL_SELF.format(sig=sig), str(p)],
                          capture_output=True, check=False)
    assert proc.returncode == -getattr(signal, f"SIG{sig}"), proc.stderr
    assert p.read_text(encoding="utf-8") == CSV and not temps(tmp_path)


def test_16_stale_temps_removed_on_the_next_write(tmp_path):
    p = mk(tmp_path / "t.csv")
    stale = tmp_path / ".t.csv.abcd_123.tmp"
    other = tmp_path / ".u.csv.abcd_123.tmp"
    mine = tmp_path / ".t.csv.notours.tmp"
    for f in (stale, other, mine):
        f.write_bytes(b"partial")
        os.utime(f, (time.time() - 3600, time.time() - 3600))
    atomic_write(p, b"new\n")
    assert not stale.exists() and other.exists() and mine.exists()


def _limit_file_size(limit: int):
    def pre():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return pre


def test_full_disk_exit_2_nothing_written(tmp_path):
    p = tmp_path / "big.csv"
    rows = "".join(f"{i},【爆款】耐克 运动鞋 {i} ★,耐克\n" for i in range(3000))
    p.write_text("id,title,brand\n" + rows, encoding="utf-8")
    before = p.read_bytes()
    proc = subprocess.run([sys.executable, "-m", "titlekit.cli", "lint", "--fix", str(p)],
                          capture_output=True, preexec_fn=_limit_file_size(len(before) // 2),
                          check=False)
    err = proc.stderr.decode()
    assert proc.returncode == 2 and "big.csv" in err and "Traceback" not in err
    assert p.read_bytes() == before and not temps(tmp_path)


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_read_only_folder_exit_2(tmp_path):
    d = tmp_path / "ro"
    d.mkdir()
    p = mk(d / "c.csv")
    os.chmod(d, 0o555)
    try:
        res = run("lint", "--fix", str(p))
        assert res.exit_code == 2 and "c.csv" in res.output
        assert p.read_text(encoding="utf-8") == CSV
    finally:
        os.chmod(d, 0o755)
