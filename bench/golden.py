"""Golden check: this checkout's titlekit gives byte-identical results to an earlier commit.

    python bench/golden.py --base c959ae9 [--keep DIR] [--current DIR] [--data DIR]
                           [--only TEXT]

Run it from the repository root with the project's Python (``.venv/bin/python``). It makes a
temporary ``git worktree`` of BASE (removed at the end, also when something fails) and runs the
same ``titlekit`` commands on both sides, each in a fresh folder holding copies of its inputs
under the same relative paths (so the paths printed in outputs match):

* ``lint --format json --exit-zero`` on the real titles in ../shared/data (skipped with a
  message when that folder is absent). A file the base cannot read is still compared (both
  sides must reject it with the same message), and its titles are then also linted as a
  ``.txt`` of titles one a line;
* ``lint --fix --format json --exit-zero`` on a copy of every title file in examples/
  (titles.txt, catalog.csv, the listing files): standard output and every file afterwards;
* ``rewrite examples/catalog.csv --keywords examples/keywords.csv`` with ``-o out.csv`` and a
  JSON or a CSV ``--report``, and with ``--diff``;
* ``outline`` of every listing file and of catalog.csv as markdown, html and json on standard
  output, and of catalog.csv into a directory (``-o outdir``) in each format;
* ``lint`` text output on examples/titles.txt, ``rules``, ``rules --format json``, ``schema``.

For each case it compares the exit code, standard output, standard error and the bytes of every
file left in the case folder, all exactly (none of these commands prints timings). Both sides
run with the same interpreter (``sys.executable``, so they share the installed dependencies);
only ``PYTHONPATH`` differs: BASE/src or CURRENT/src, which comes before the editable install
of the repository, and the ``titlekit.__file__`` of each side is checked and printed before
anything runs. Both sides get ``PYTHONHASHSEED=0``, their own ``TITLEKIT_CACHE_DIR``, no other
``TITLEKIT_*`` variable (so no ``TITLEKIT_MODEL_DIR``), one BLAS thread, and ``--no-config``
where the command has it (``outline`` has not: its cases run in temporary folders with no
config file above them, and one found there is reported). The inputs are the current checkout's
examples/ for both sides. A side whose ``titlekit.cli.main`` cannot be imported is a setup
failure. (taobao_titles_ner_extra.jsonl is one such rejected file at c959ae9: its line 4067
holds U+0085 inside a title, which ``str.splitlines()`` takes for a line break.)

``--intended NAME`` names an output change made on purpose since BASE (see :data:`INTENDED`):
the current side's JSON is taken back to the base's form for exactly that change before the
comparison, so everything else must still be identical. Since c959ae9 (issue 14) the two are
``fix-applicability`` (fixes say ``safe`` or ``unsafe``, and the rules now offer the unsafe
deletions the rewrite used to decide by rule name) and ``platform-fill-ratio``.

Prints one line per case, ``same`` or ``DIFFERENT`` (with the first differing lines of a
unified diff and, for JSON, the first differing value and the result it belongs to), then
``golden: N cases, N same, N different``. Exit code 0 when every case is the same, 1 when one
differs, 2 when the check could not be set up. ``--keep DIR`` keeps both sides' case folders
and their stdout/stderr/exit_code files in DIR/base and DIR/current. ``--current DIR`` compares
another checkout instead of this one (e.g. a worktree with a deliberate change, to see that a
difference is caught). The two sides' commands run concurrently, one process each.
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CLI = "import sys; from titlekit.cli import main; sys.exit(main())"
WHERE = "import titlekit; from titlekit.cli import main; print(titlekit.__file__)"
SIDES = ("base", "current")
TIMEOUT = 900  # seconds for one command
MAX_LINES = 20  # differing lines shown per output
MAX_WIDTH = 160  # characters shown of one line
# shared title files: (file in ../shared/data, name of the copy in the case folder)
SHARED_FILES = (
    ("taobao_titles_ner_train.jsonl", "taobao_train.jsonl"),
    ("taobao_titles_ner_extra.jsonl", "taobao_extra.jsonl"),
    ("jd_titles_ner_500.jsonl", "jd_500.jsonl"),
    ("jd_phone_titles.txt", "jd_phone_titles.txt"),
)
NOT_TITLES = {"keywords.csv"}  # examples/ files that are not title files (no title column)
# characters that str.splitlines() takes for a line break besides "\n"
LINE_BREAKS = "\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"

_running: set[subprocess.Popen] = set()
_running_lock = threading.Lock()


class SetupError(Exception):
    """The check cannot run (exit code 2)."""


@dataclass
class Case:
    args: list[str]
    inputs: dict[str, Path | bytes] = field(default_factory=dict)  # relative path -> source
    jsonl: str | None = None  # a shared JSONL copy: lint its titles as .txt if it is rejected

    @property
    def label(self) -> str:
        return "titlekit " + " ".join(self.args)


@dataclass
class Outcome:
    code: int | None  # None: timed out
    stdout: bytes
    stderr: bytes
    files: dict[str, bytes]
    seconds: float


@dataclass
class Side:
    name: str
    root: Path  # a titlekit checkout (src/titlekit inside)
    out: Path  # case folders go here
    env: dict[str, str] = field(default_factory=dict)


# ---------------------------------------------------------------------------------------------
# running


def side_env(root: Path, cache: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("TITLEKIT_", "PYTHON"))}
    env.update({
        "PYTHONPATH": str(root / "src"),  # before the editable install's .pth entry
        "PYTHONHASHSEED": "0",
        "PYTHONNOUSERSITE": "1",
        "PYTHONUTF8": "1",
        "PYTHONIOENCODING": "utf-8",
        "TITLEKIT_CACHE_DIR": str(cache),
        "OMP_NUM_THREADS": "1",
        "OPENBLAS_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
        "TZ": "UTC",
    })
    return env


def run(argv: list[str], cwd: Path, env: dict[str, str]) -> tuple[int | None, bytes, bytes]:
    proc = subprocess.Popen(argv, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    with _running_lock:
        _running.add(proc)
    try:
        out, err = proc.communicate(timeout=TIMEOUT)
        return proc.returncode, out, err
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
        return None, out, err + f"\n[golden: killed after {TIMEOUT} s]\n".encode()
    finally:
        with _running_lock:
            _running.discard(proc)


def kill_running() -> None:
    with _running_lock:
        for proc in list(_running):
            proc.kill()


def slug(i: int, case: Case) -> str:
    words = [a.rsplit("/", 1)[-1].lstrip("-") for a in case.args
             if a not in ("--exit-zero", "--no-config")]
    return f"{i:02d}-" + re.sub(r"[^A-Za-z0-9._-]+", "_", "-".join(words)).strip("_")[:70]


def run_case(side: Side, i: int, case: Case) -> Outcome:
    folder = side.out / slug(i, case)
    work = folder / "run"
    work.mkdir(parents=True)
    for rel, src in case.inputs.items():
        dest = work / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(src, bytes):
            dest.write_bytes(src)
        else:
            shutil.copyfile(src, dest)
    t0 = time.perf_counter()
    code, out, err = run([sys.executable, "-c", CLI, *case.args], work, side.env)
    seconds = time.perf_counter() - t0
    (folder / "stdout").write_bytes(out)
    (folder / "stderr").write_bytes(err)
    (folder / "exit_code").write_text(f"{code}\n")
    files = {p.relative_to(work).as_posix(): p.read_bytes()
             for p in sorted(work.rglob("*")) if p.is_file()}
    return Outcome(code, out, err, files, seconds)


# ---------------------------------------------------------------------------------------------
# comparing


def _show(line: str) -> str:
    line = line.replace("\r", "\\r")
    return line if len(line) <= MAX_WIDTH else line[:MAX_WIDTH] + " …"


def diff_excerpt(a: bytes, b: bytes, what: str) -> list[str]:
    """The first differing lines of ``a`` (base) and ``b`` (current), unified-diff style."""
    la = a.decode("utf-8", "replace").split("\n")
    lb = b.decode("utf-8", "replace").split("\n")
    if la == lb:
        at = next((k for k, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
        return [(f"{what}: the bytes differ from offset {at} "
                 f"(base {a[at:at + 12]!r}, current {b[at:at + 12]!r})")]
    start = 0
    while start < min(len(la), len(lb)) and la[start] == lb[start]:
        start += 1
    # a window after the common start keeps difflib fast on big outputs; near the window's end
    # its two halves stop lining up, so only the first differences there are shown
    window = 400
    wa, wb = la[start:start + window], lb[start:start + window]
    cut = start + window < max(len(la), len(lb))
    out = [f"--- base/{what}", f"+++ current/{what}"]
    shown = 0
    matcher = difflib.SequenceMatcher(None, wa, wb, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if cut and shown and max(i1, j1) >= window - 100:
            break
        out.append(f"@@ base line {start + i1 + 1}, current line {start + j1 + 1} @@")
        for line in wa[i1:i2]:
            out.append("-" + _show(line))
            shown += 1
            if shown >= MAX_LINES:
                return out
        for line in wb[j1:j2]:
            out.append("+" + _show(line))
            shown += 1
            if shown >= MAX_LINES:
                return out
    return out


def first_json_difference(a, b, path: tuple = ()) -> tuple | None:
    if type(a) is not type(b):
        return path
    if isinstance(a, dict):
        for key in [*a, *(k for k in b if k not in a)]:
            if key not in a or key not in b:
                return (*path, key)
            found = first_json_difference(a[key], b[key], (*path, key))
            if found is not None:
                return found
        return None
    if isinstance(a, list):
        for k, (x, y) in enumerate(zip(a, b)):
            found = first_json_difference(x, y, (*path, k))
            if found is not None:
                return found
        return None if len(a) == len(b) else (*path, min(len(a), len(b)))
    return None if a == b else path


def _json_path(path: tuple) -> str:
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path).lstrip(".") or "$"


def _record(doc, path: tuple) -> str | None:
    """``path:line title`` of the innermost object on ``path`` that names a title."""
    found = None
    node = doc
    for p in path:
        if isinstance(node, dict):
            title = next((node[k] for k in ("title", "old_title", "name") if k in node), None)
            if isinstance(title, str):
                where = node.get("path") or node.get("file")
                line = node.get("line") or node.get("row")
                place = f"{where}:{line}" if where and line else where or (
                    f"row {line}" if line else None)
                found = f"{place}  {title}" if place else title
        try:
            node = node[p]
        except (KeyError, IndexError, TypeError):
            break
    return found


def _value(doc, path: tuple) -> str:
    node = doc
    for p in path:
        try:
            node = node[p]
        except (KeyError, IndexError, TypeError):
            return "(missing)"
    return _show(json.dumps(node, ensure_ascii=False))


def json_difference(a: bytes, b: bytes, what: str) -> list[str]:
    if a.lstrip()[:1] not in (b"{", b"[") or b.lstrip()[:1] not in (b"{", b"["):
        return []
    try:
        da, db = json.loads(a), json.loads(b)
    except ValueError:
        return []
    path = first_json_difference(da, db)
    if path is None:
        return [f"{what}: the same JSON data (the bytes differ: key order or layout)"]
    lines = [f"{what}: first difference at {_json_path(path)}"]
    record = _record(da, path) or _record(db, path)
    if record:
        lines.append(f"  in {record}")
    lines += [f"  base:    {_value(da, path)}", f"  current: {_value(db, path)}"]
    return lines


def _drop_applicability(doc):
    """Fixes as the base wrote them: no ``applicability``, and no unsafe fixes (the base had
    none: the rewrite decided deletions by rule name)."""
    if isinstance(doc, dict):
        fix = doc.get("fix")
        if isinstance(fix, dict) and "applicability" in fix:
            doc["fix"] = None if fix["applicability"] == "unsafe" else {
                k: v for k, v in fix.items() if k != "applicability"}
        for v in doc.values():
            _drop_applicability(v)
    elif isinstance(doc, list):
        for v in doc:
            _drop_applicability(v)
    return doc


def _platform_fill_ratio(doc):
    """``rules --format json``: the fill target now defaults to the platform's (0.9 for the
    built-in platforms), shown as null."""
    for rule in doc.get("rules", []) if isinstance(doc, dict) else []:
        if rule.get("options", {}).get("fill-ratio", 0.9) is None:
            rule["options"]["fill-ratio"] = 0.9
    return doc


# Output changes made on purpose since a base, by name (``--intended NAME``): each takes the
# current side's JSON document back to what the base wrote, and nothing else.
INTENDED = {
    # issue 17: JSON is compact when not on a terminal; the parsed documents must be equal
    "compact-json": lambda doc: doc,
    "fix-applicability": _drop_applicability,
    "platform-fill-ratio": _platform_fill_ratio,
}
_intended: list = []


def _same_as_intended(x: bytes, y: bytes) -> bool:
    if not _intended:
        return False
    try:
        base, current = json.loads(x), json.loads(y)
    except ValueError:
        return False
    for name in _intended:
        current = INTENDED[name](current)
    return base == current


def compare(a: Outcome, b: Outcome) -> list[str]:
    """What differs between the base's and the current's outcome (empty: the same)."""
    notes: list[str] = []
    if a.code != b.code:
        notes.append(f"exit code: base {a.code}, current {b.code}")
    parts = [("stdout", a.stdout, b.stdout), ("stderr", a.stderr, b.stderr)]
    for rel in sorted(set(a.files) | set(b.files)):
        if rel not in b.files:
            notes.append(f"{rel}: only the base wrote it")
        elif rel not in a.files:
            notes.append(f"{rel}: only the current wrote it")
        else:
            parts.append((rel, a.files[rel], b.files[rel]))
    for what, x, y in parts:
        if x != y and not _same_as_intended(x, y):
            notes += json_difference(x, y, what)
            notes += diff_excerpt(x, y, what)
    return notes


# ---------------------------------------------------------------------------------------------
# cases


def titles_txt(jsonl: Path) -> tuple[bytes, list[str]]:
    """A .txt of the titles of a JSONL file, one a line, and notes on what that changes."""
    titles, broken, notes = [], [], []
    for lineno, raw in enumerate(jsonl.read_bytes().split(b"\n"), 1):
        text = raw.decode("utf-8-sig" if lineno == 1 else "utf-8").removesuffix("\r")
        if not text.strip():
            continue
        inside = sorted({f"U+{ord(c):04X}" for c in text if c in LINE_BREAKS})
        if inside:
            broken.append(f"line {lineno} ({', '.join(inside)})")
        title = str(json.loads(text).get("title", ""))
        titles.append("".join(" " if c in LINE_BREAKS or c == "\n" else c for c in title))
    if broken:
        notes.append(f"{len(broken)} JSONL line(s) hold a character that str.splitlines() takes "
                     f"for a line break: {', '.join(broken[:5])}; in the .txt it is a space")
    hashed = sum(t.lstrip().startswith("#") for t in titles)
    if hashed:
        notes.append(f"{hashed} title(s) start with '#' and are comments in a .txt")
    return ("\n".join(titles) + "\n").encode("utf-8"), notes


def build_cases(examples: Path, data: Path) -> tuple[list[Case], list[str]]:
    cases: list[Case] = []
    notes: list[str] = []
    if not data.is_dir():
        notes.append(f"skipped: {data} not found, so no lint cases on the shared titles")
    else:
        for source, copy in SHARED_FILES:
            if not (data / source).is_file():
                notes.append(f"skipped: {data / source} not found")
                continue
            cases.append(Case(["lint", "--format", "json", "--exit-zero", "--no-config", copy],
                              {copy: data / source},
                              jsonl=str(data / source) if copy.endswith(".jsonl") else None))
    title_files = sorted(p for p in examples.iterdir()
                         if p.is_file() and p.name not in NOT_TITLES)
    listings = sorted(examples.glob("*.listing.yaml"))
    catalog, keywords = examples / "catalog.csv", examples / "keywords.csv"
    for p in title_files:
        rel = f"examples/{p.name}"
        cases.append(Case(["lint", "--fix", "--format", "json", "--exit-zero", "--no-config", rel],
                          {rel: p}))
    rewrite_in = {"examples/catalog.csv": catalog, "examples/keywords.csv": keywords}
    rewrite = ["rewrite", "examples/catalog.csv", "--keywords", "examples/keywords.csv"]
    for report in ("report.json", "report.csv"):
        cases.append(Case([*rewrite, "-o", "out.csv", "--report", report, "--no-config"],
                          rewrite_in))
    cases.append(Case([*rewrite, "--diff", "--no-config"], rewrite_in))
    for p in [*listings, catalog]:
        rel = f"examples/{p.name}"
        for fmt in ("markdown", "html", "json"):
            cases.append(Case(["outline", rel, "--format", fmt], {rel: p}))
    for fmt in ("markdown", "html", "json"):
        cases.append(Case(["outline", "examples/catalog.csv", "-o", "outdir", "--format", fmt],
                          {"examples/catalog.csv": catalog}))
    cases.append(Case(["lint", "--no-config", "examples/titles.txt"],
                      {"examples/titles.txt": examples / "titles.txt"}))
    cases += [Case(["rules", "--format", "json"]), Case(["rules"]), Case(["schema"])]
    return cases, notes


def fallback(case: Case, base: Outcome, current: Outcome) -> tuple[Case | None, list[str]]:
    """A .txt case for a shared JSONL file that a side rejects, and why."""
    if case.jsonl is None or 2 not in (base.code, current.code):
        return None, []
    who = " and ".join(n for n, o in zip(SIDES, (base, current)) if o.code == 2)
    shown = base if base.code == 2 else current
    error = shown.stderr.decode("utf-8", "replace").strip().splitlines()
    notes = [f"{who} cannot read it: {error[-1] if error else '(no message)'}"]
    copy = case.args[-1]
    txt = copy.removesuffix(".jsonl") + ".txt"
    content, why = titles_txt(Path(case.jsonl))
    notes += why
    notes.append(f"its titles are linted as {txt} (one a line) in an extra case")
    return Case([*case.args[:-1], txt], {txt: content}), notes


# ---------------------------------------------------------------------------------------------
# setup


def git(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, text=True,
                          check=False)


def where(side: Side) -> Path:
    code, out, err = run([sys.executable, "-c", WHERE], side.out, side.env)
    if code != 0:
        raise SetupError(f"{side.name}: cannot import titlekit.cli.main from "
                         f"{side.root / 'src'}:\n" + err.decode("utf-8", "replace").rstrip())
    path = Path(out.decode().strip()).resolve()
    if not path.is_relative_to((side.root / "src").resolve()):
        raise SetupError(f"{side.name}: titlekit is imported from {path}, "
                         f"not from {side.root / 'src'}")
    return path


def config_above(folder: Path) -> Path | None:
    """A config file the commands without --no-config (outline) would find above the cases."""
    for d in [folder, *folder.parents]:
        if (d / ".titlekit.toml").is_file():
            return d / ".titlekit.toml"
        if (d / "pyproject.toml").is_file() and "titlekit" in (d / "pyproject.toml").read_text(
                encoding="utf-8", errors="replace"):
            return d / "pyproject.toml"
    return None


def differing_examples(base: Path, current: Path) -> list[str]:
    names = {p.name for d in (base, current) if d.is_dir() for p in d.iterdir() if p.is_file()}
    return sorted(n for n in names if not (base / n).is_file() or not (current / n).is_file()
                  or (base / n).read_bytes() != (current / n).read_bytes())


def check(args: argparse.Namespace, work: Path, out_root: Path) -> int:
    t_start = time.perf_counter()
    current_root = args.current.resolve()
    if not (current_root / "src" / "titlekit").is_dir():
        raise SetupError(f"{current_root}: no src/titlekit here (give a titlekit checkout)")
    examples = current_root / "examples"
    if not examples.is_dir():
        raise SetupError(f"{examples}: not found")
    commit = git("rev-parse", "--verify", "--quiet", f"{args.base}^{{commit}}")
    if commit.returncode != 0:
        raise SetupError(f"--base {args.base}: not a commit of {ROOT}")
    base_root = work / "base-checkout"
    added = git("worktree", "add", "--detach", str(base_root), commit.stdout.strip())
    if added.returncode != 0:
        raise SetupError(f"git worktree add failed:\n{added.stderr}")
    try:
        return compare_sides(args, work, out_root, base_root, current_root, t_start)
    finally:
        removed = git("worktree", "remove", "--force", str(base_root))
        if removed.returncode != 0:
            print(f"golden: git worktree remove {base_root} failed: {removed.stderr.strip()}",
                  file=sys.stderr)
            shutil.rmtree(base_root, ignore_errors=True)
            git("worktree", "prune")


def compare_sides(args: argparse.Namespace, work: Path, out_root: Path, base_root: Path,
                  current_root: Path, t_start: float) -> int:
    sides = {}
    for name, root in (("base", base_root), ("current", current_root)):
        (work / f"cache-{name}").mkdir()
        (out_root / name).mkdir(parents=True)
        sides[name] = Side(name, root, out_root / name, side_env(root, work / f"cache-{name}"))
    with ThreadPoolExecutor(max_workers=2) as pool:
        places = dict(zip(SIDES, pool.map(where, sides.values())))
    print(f"base:    {args.base} ({git('rev-parse', '--short', args.base).stdout.strip()}) "
          f"-> {places['base']}")
    print(f"current: {current_root} -> {places['current']}")
    cases, notes = build_cases(examples=current_root / "examples", data=args.data.resolve())
    if args.only:
        cases = [c for c in cases if args.only in c.label]
    for note in notes:
        print(note)
    changed = differing_examples(base_root / "examples", current_root / "examples")
    if changed:
        print(f"note: examples/ differ between the sides ({', '.join(changed)}); both sides "
              "get the current's")
    found = config_above(out_root)
    if found:
        print(f"note: outline has no --no-config and will read {found}")
    if not cases:
        raise SetupError("no cases to run")
    print(f"running {len(cases)} cases on both sides (2 at a time)")
    sys.stdout.flush()

    same = different = 0
    with ThreadPoolExecutor(max_workers=2) as pool:
        def submit(i: int, case: Case) -> dict[str, Future]:
            return {n: pool.submit(run_case, sides[n], i, case) for n in SIDES}

        pending = [(i, case, submit(i, case)) for i, case in enumerate(cases, 1)]
        k = 0
        try:
            while k < len(pending):
                _, case, futures = pending[k]
                base, current = futures["base"].result(), futures["current"].result()
                k += 1
                diffs = compare(base, current)
                extra, why = fallback(case, base, current)
                if extra is not None:
                    n = len(pending) + 1
                    pending.append((n, extra, submit(n, extra)))
                if diffs:
                    different += 1
                else:
                    same += 1
                seconds = f"{base.seconds:5.1f} s {current.seconds:5.1f} s"
                print(f"{'DIFFERENT' if diffs else 'same':<9}  {seconds}  {case.label}")
                for line in [*why, *diffs]:
                    print(f"    {line}")
                sys.stdout.flush()
        except BaseException:
            for _, _, futures in pending:
                for f in futures.values():
                    f.cancel()
            kill_running()
            raise
    elapsed = time.perf_counter() - t_start
    if args.keep:
        print(f"outputs kept in {out_root}/base and {out_root}/current")
    print(f"ran in {elapsed:.0f} s (times per case: base, current)")
    print(f"golden: {same + different} cases, {same} same, {different} different")
    return 0 if different == 0 else 1


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--base", required=True, help="commit to compare against, e.g. c959ae9")
    ap.add_argument("--keep", type=Path, default=None, metavar="DIR",
                    help="keep both sides' case folders in DIR/base and DIR/current")
    ap.add_argument("--current", type=Path, default=ROOT, metavar="DIR",
                    help="checkout whose src/ is compared [default: this repository]")
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data",
                    metavar="DIR", help="the shared title files [default: ../shared/data]")
    ap.add_argument("--only", default=None, metavar="TEXT",
                    help="run only the cases whose command line contains TEXT")
    ap.add_argument("--intended", action="append", default=[], choices=sorted(INTENDED),
                    help="an output change made on purpose since BASE: the current side's JSON "
                         "is taken back to the base's form for this change before comparing "
                         "(repeatable)")
    args = ap.parse_args()
    _intended.extend(args.intended)

    def stop(signum, _frame):
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, stop)
    work = Path(tempfile.mkdtemp(prefix="titlekit-golden-"))
    try:
        out_root = work / "cases"
        if args.keep:
            out_root = args.keep.resolve()
            if out_root.exists() and any(out_root.iterdir()):
                raise SetupError(f"--keep {args.keep}: the directory is not empty")
        return check(args, work, out_root)
    except SetupError as exc:
        print(f"golden: {exc}", file=sys.stderr)
        return 2
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
