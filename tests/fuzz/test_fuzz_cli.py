"""Properties of the command line on generated and damaged files (one process per call)."""

from __future__ import annotations

import codecs
import csv
import io
import json
import os
import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import example, given, note, settings
from hypothesis import strategies as st
from strategies import (
    LINE_BREAKS,
    TitleFile,
    build_file,
    composed_title,
    file_titles,
    mutated_files,
    titles,
    valid_files,
)

pytestmark = pytest.mark.fuzz_cli
PROFILE = os.environ.get("TITLEKIT_FUZZ", "ci")
CLI_SETTINGS = settings(settings.get_profile(PROFILE + "-cli"))
# strict-xfail properties: only their explicit failing examples in the short profile
KNOWN = settings(settings.get_profile("ci-known" if PROFILE == "ci" else "long-cli"))

NO_XLSX = ["txt", "csv-utf8", "csv-bom", "csv-gbk", "assistant", "jsonl", "listing-yaml",
           "listing-json"]
CATALOGS = ["txt", "csv-utf8", "csv-bom", "csv-gbk", "assistant", "jsonl", "xlsx"]


def check_outcome(proc, path: Path, before: bytes, *, outputs: list[Path] = ()):
    """Exit 0, 1 or 2, never a traceback; exit 2 names the file and leaves everything as it
    was (the input byte for byte, no output file)."""
    note(f"rc={proc.returncode}\nstderr={proc.err[-2000:]}")
    assert proc.returncode in (0, 1, 2), proc.err[-2000:]
    assert "Traceback" not in proc.err, proc.err[-2000:]
    if proc.returncode == 2:
        assert path.read_bytes() == before, "input changed although the run failed"
        assert path.name in proc.err, f"message does not name the file: {proc.err[-500:]}"
        for out in outputs:
            assert not out.exists(), f"{out.name} written although the run failed"


def write(tmp: Path, f: TitleFile) -> Path:
    p = tmp / f.name
    p.write_bytes(f.data)
    return p


@CLI_SETTINGS
@given(f=mutated_files())
def test_lint_damaged_file(cli, f):
    with tempfile.TemporaryDirectory() as d:
        p = write(Path(d), f)
        note(f"{f.kind} {f.extra}")
        proc = cli("lint", p.name, "--format", "json", cwd=d)
        check_outcome(proc, p, f.data)
        if proc.returncode in (0, 1):
            json.loads(proc.out)


@CLI_SETTINGS
@given(f=mutated_files())
def test_lint_fix_damaged_file(cli, f):
    with tempfile.TemporaryDirectory() as d:
        p = write(Path(d), f)
        note(f"{f.kind} {f.extra}")
        proc = cli("lint", "--fix", p.name, cwd=d)
        check_outcome(proc, p, f.data)
        assert not [x for x in os.listdir(d) if x.endswith(".tmp")], "temp file left behind"


@CLI_SETTINGS
@given(f=mutated_files(CATALOGS))
def test_rewrite_damaged_file(cli, f):
    with tempfile.TemporaryDirectory() as d:
        p = write(Path(d), f)
        out = Path(d) / ("out" + p.suffix)
        note(f"{f.kind} {f.extra}")
        proc = cli("rewrite", p.name, "-o", out.name, "-q", cwd=d)
        check_outcome(proc, p, f.data, outputs=[out])


# --- lint --fix keeps every byte outside the title fields --------------------------------------

JSON_TITLE = re.compile(r'"title"\s*:\s*"((?:[^"\\]|\\.)*)"')


def _outside_title_txt(old: bytes, new: bytes, f: TitleFile):
    a, b = old.split(b"\n"), new.split(b"\n")
    assert len(a) == len(b), "line count changed"
    for x, y in zip(a, b):
        xs, ys = x.decode("utf-8"), y.decode("utf-8")
        if not xs.strip() or xs.lstrip().startswith("#"):
            assert x == y
        else:  # what surrounds the title on its line stays
            assert xs[: len(xs) - len(xs.lstrip())] == ys[: len(ys) - len(ys.lstrip())]
            assert xs[len(xs.rstrip()):] == ys[len(ys.rstrip()):]


def _rows(data: bytes, encoding: str, delimiter: str = ","):
    text = data.decode(encoding)
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


def _outside_title_csv(old: bytes, new: bytes, f: TitleFile):
    enc = {"csv-utf8": "utf-8", "csv-bom": "utf-8-sig", "csv-gbk": "gbk"}[f.kind]
    assert old.startswith(codecs.BOM_UTF8) == new.startswith(codecs.BOM_UTF8)
    a, b = _rows(old, enc), _rows(new, enc)
    assert len(a) == len(b) and a[0] == b[0]
    col = a[0].index(f.title_column)
    for x, y in zip(a, b):
        assert len(x) == len(y)
        assert x[:col] + x[col + 1:] == y[:col] + y[col + 1:]
    assert old.count(b"\r\n") == new.count(b"\r\n") and old.count(b"\n") == new.count(b"\n")


def _outside_title_assistant(old: bytes, new: bytes, f: TitleFile):
    assert new.startswith(codecs.BOM_UTF16_LE)
    a = _rows(old[2:], "utf-16-le", "\t")
    b = _rows(new[2:], "utf-16-le", "\t")
    assert a[:3] == b[:3] and len(a) == len(b)
    for x, y in zip(a[3:], b[3:]):
        assert x[1:] == y[1:]
    assert old.count("\r\n".encode("utf-16-le")) == new.count("\r\n".encode("utf-16-le"))


def _outside_title_jsonl(old: bytes, new: bytes, f: TitleFile):
    a, b = old.split(b"\n"), new.split(b"\n")
    assert len(a) == len(b)
    for x, y in zip(a, b):
        xs, ys = x.decode("utf-8"), y.decode("utf-8")
        mx, my = JSON_TITLE.search(xs), JSON_TITLE.search(ys)
        if mx is None:
            assert x == y
            continue
        assert my is not None
        assert xs[: mx.start(1)] == ys[: my.start(1)] and xs[mx.end(1):] == ys[my.end(1):], (xs, ys)


def _outside_title_listing(old: bytes, new: bytes, f: TitleFile):
    a, b = old.split(b"\n"), new.split(b"\n")
    assert len(a) == len(b)
    key = re.compile(rb'^\s*"?title"?\s*:')
    for x, y in zip(a, b):
        if not key.match(x):
            assert x == y


COMPARE = {"txt": _outside_title_txt, "csv-utf8": _outside_title_csv,
           "csv-bom": _outside_title_csv, "csv-gbk": _outside_title_csv,
           "assistant": _outside_title_assistant, "jsonl": _outside_title_jsonl,
           "listing-yaml": _outside_title_listing, "listing-json": _outside_title_listing}


def _fix_and_compare(cli, f: TitleFile):
    with tempfile.TemporaryDirectory() as d:
        p = write(Path(d), f)
        proc = cli("lint", "--fix", p.name, cwd=d)
        note(f"rc={proc.returncode} {proc.err[-1500:]}")
        assert proc.returncode in (0, 1) and "Traceback" not in proc.err
        new = p.read_bytes()
        note(f"old={f.data!r}\nnew={new!r}")
        COMPARE[f.kind](f.data, new, f)


def _stripped(f: TitleFile) -> bool:
    return all(t == t.strip() for t in f.titles)


@CLI_SETTINGS
@given(f=valid_files(NO_XLSX).filter(_stripped))
@example(f=build_file("jsonl", ["【爆款】耐克 男鞋 运动鞋 ★包邮★"]))
def test_fix_keeps_bytes_outside_titles(cli, f):
    _fix_and_compare(cli, f)


@CLI_SETTINGS
@given(ts=file_titles("txt"), pad=st.sampled_from([" ", "\t", "  ", "\u3000"]))
@example(ts=["【爆款】耐克 运动鞋"], pad="   ")
def test_fix_keeps_txt_line_whitespace(cli, ts, pad):
    _fix_and_compare(cli, build_file("txt", [pad + t.strip() + pad for t in ts]))


@CLI_SETTINGS
@given(f=valid_files(["txt", "csv-utf8", "csv-bom", "csv-gbk", "assistant", "jsonl"]).filter(
    _stripped))
@example(f=build_file("jsonl", ["【爆款】耐克 男鞋 运动鞋 ★包邮★"]))
def test_rewrite_keeps_bytes_outside_titles(cli, f):
    """``rewrite -o``: the output differs from the input only inside title fields."""
    with tempfile.TemporaryDirectory() as d:
        p = write(Path(d), f)
        out = Path(d) / ("out" + p.suffix)
        proc = cli("rewrite", p.name, "-o", out.name, "-q", cwd=d)
        note(f"rc={proc.returncode} {proc.err[-1500:]}")
        assert proc.returncode == 0 and "Traceback" not in proc.err
        assert p.read_bytes() == f.data
        COMPARE[f.kind](f.data, out.read_bytes(), f)


@CLI_SETTINGS
@given(f=valid_files(["csv-utf8", "jsonl", "txt"], max_titles=6), delay=st.floats(0.05, 1.5),
       sig=st.sampled_from(["SIGTERM", "SIGHUP", "SIGKILL", "SIGINT"]))
def test_kill_during_fix_leaves_old_or_new(cli, f, delay, sig):
    """A signal at any moment of ``lint --fix``: the target is the old file or the fixed one,
    never a mix; after any signal but SIGKILL no temporary file is left."""
    import signal
    import time

    with tempfile.TemporaryDirectory() as d:
        p = write(Path(d), f)
        clean = Path(d) / ("clean" + p.suffix)
        clean.write_bytes(f.data)
        done = cli("lint", "--fix", clean.name, cwd=d)
        assert done.returncode in (0, 1)
        fixed = clean.read_bytes()
        clean.unlink()
        proc = cli("lint", "--fix", p.name, cwd=d, popen=True)
        time.sleep(delay)
        proc.send_signal(getattr(signal, sig))
        proc.communicate(timeout=300)
        assert p.read_bytes() in (f.data, fixed)
        left = [x for x in os.listdir(d) if x.endswith(".tmp")]
        if sig != "SIGKILL":
            assert not left, left
        else:  # the next write removes what SIGKILL left
            cli("lint", "--fix", p.name, cwd=d)
            assert not [x for x in os.listdir(d) if x.endswith(".tmp")]


# --- rewrite of the rewrite changes nothing ---------------------------------------------------


def _xlsx_cells(path: Path):
    import openpyxl

    wb = openpyxl.load_workbook(path)
    return {ws.title: [[c.value for c in row] for row in ws.iter_rows()] for ws in wb}


@CLI_SETTINGS
@given(f=valid_files(CATALOGS))
def test_rewrite_is_idempotent(cli, f):
    with tempfile.TemporaryDirectory() as d:
        p = write(Path(d), f)
        r1, r2 = Path(d) / ("r1" + p.suffix), Path(d) / ("r2" + p.suffix)
        first = cli("rewrite", p.name, "-o", r1.name, "-q", cwd=d)
        note(first.err[-1500:])
        assert first.returncode == 0 and "Traceback" not in first.err
        second = cli("rewrite", r1.name, "-o", r2.name, "-q", cwd=d)
        note(second.err[-1500:])
        assert second.returncode == 0 and "Traceback" not in second.err
        if f.kind == "xlsx":
            assert _xlsx_cells(r1) == _xlsx_cells(r2)
        else:
            assert r1.read_bytes() == r2.read_bytes(), (r1.read_bytes(), r2.read_bytes())


# --- many titles per process: arguments and standard input -------------------------------------


def _check_json_results(out: str):
    doc = json.loads(out)
    for r in doc["results"]:
        n = len(r["title"])
        for s in r["slots"]:
            assert 0 <= s["start"] <= s["end"] <= n
        for p in r["problems"]:
            assert 0 <= p["start"] <= p["end"] <= n
            if p.get("fix"):
                assert 0 <= p["fix"]["start"] <= p["fix"]["end"] <= n
    return doc


def _argv_ok(t: str) -> bool:
    return ("\x00" not in t and t != "-" and len(t.encode("utf-8", "surrogateescape")) <= 200
            and not any(0xD800 <= ord(c) <= 0xDFFF for c in t))


@CLI_SETTINGS
@given(ts=st.lists(titles(allow_surrogates=False, long=False).filter(_argv_ok), min_size=1,
                   max_size=25))
def test_title_arguments(cli, ts):
    with tempfile.TemporaryDirectory() as d:
        proc = cli("lint", "--format", "json", "--", *ts, cwd=d)
        note(proc.err[-1500:])
        assert proc.returncode in (0, 1, 2) and "Traceback" not in proc.err
        if proc.returncode != 2:
            _check_json_results(proc.out)


@CLI_SETTINGS
@given(ts=st.lists(st.one_of(titles(allow_surrogates=False),
                             st.binary(max_size=30).map(lambda b: b.decode("latin-1"))),
                   min_size=1, max_size=40),
       raw=st.binary(max_size=20))
def test_standard_input(cli, ts, raw):
    data = "\n".join(t.replace("\x00", "") for t in ts).encode("utf-8") + raw
    with tempfile.TemporaryDirectory() as d:
        proc = cli("lint", "-", "--format", "json", cwd=d, input=data)
        note(proc.err[-1500:])
        assert proc.returncode in (0, 1, 2) and "Traceback" not in proc.err
        if proc.returncode == 2:
            assert proc.err.strip()
        else:
            _check_json_results(proc.out)


@CLI_SETTINGS
@given(ts=st.lists(composed_title(allow_surrogates=False).filter(
    lambda t: t.strip() and not any(c in t for c in LINE_BREAKS + ["\x00"])
    and not t.lstrip().startswith("#")), min_size=1, max_size=30))
@example(ts=["耐克 运动鞋"])
def test_text_output_has_no_raw_escape(cli, ts):
    """Text output never passes a control character of a title to the terminal."""
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / "t.txt"
        p.write_text("\n".join(ts + ["耐克 运动鞋 \x1b]0;x\x07 \x1b[31m红\x1b[0m"]) + "\n",
                     encoding="utf-8")
        proc = cli("lint", p.name, "--no-color", cwd=d)
        assert proc.returncode in (0, 1) and "Traceback" not in proc.err
        bad = [c for c in proc.out if (ord(c) < 0x20 and c not in "\n\t") or 0x7f <= ord(c) < 0xa0]
        assert not bad, sorted(set(bad))
