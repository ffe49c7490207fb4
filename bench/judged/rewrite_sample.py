"""Sample the rows that `titlekit rewrite` changes on the real Taobao catalog, for judging.

The catalog is the 6,000 titles of ../shared/data/taobao_titles_ner_train.jsonl (field
"title", in file order, duplicates kept) as a CSV with one column ``title``: catalog row i is
line i of the jsonl. It is rewritten with the fixed keyword file bench/judged/keywords-other.csv
(mined from titles outside the catalog, see README-rewrite.md) and without any config file:

    titlekit rewrite CATALOG -o OUT --keywords bench/judged/keywords-other.csv \
        --report REPORT.json --no-config

The rows whose report status is "changed" are written as JSONL, one
{"row", "old_title", "new_title", "changes"} a line. With --sample N, N of them are picked with
random.Random(SEED).sample over the sorted list of changed row numbers (and written in row
order).

    python bench/judged/rewrite_sample.py --titlekit .venv/bin/titlekit --sample 100 --seed 18 \
        -o sample.jsonl

Standard library only; titlekit is run as an executable, never imported, so any installed
version can be sampled the same way.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
DATA = ROOT.parent / "shared" / "data" / "taobao_titles_ner_train.jsonl"
KEYWORDS = HERE / "keywords-other.csv"


def catalog_titles(path: Path) -> list[str]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line)["title"] for line in fh if line.strip()]


def changed_rows(titlekit: str, titles: list[str], keywords: Path) -> list[dict]:
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        catalog = tmpdir / "catalog.csv"
        with open(catalog, "w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh)
            w.writerow(["title"])
            for t in titles:
                w.writerow([t])
        out = tmpdir / "catalog.new.csv"
        report = tmpdir / "report.json"
        cmd = [titlekit, "rewrite", str(catalog), "-o", str(out), "--keywords", str(keywords),
               "--report", str(report), "--no-config"]
        proc = subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8", check=False)
        if proc.returncode != 0:
            sys.stderr.write(proc.stderr)
            raise SystemExit(f"titlekit rewrite failed with exit code {proc.returncode}")
        sys.stderr.write(proc.stderr)
        with open(report, encoding="utf-8") as fh:
            rep = json.load(fh)
    rows = []
    for r in rep["rows"]:
        if r.get("status") != "changed":
            continue
        n = int(r["row"])
        if r["old_title"] != titles[n - 1]:
            raise SystemExit(f"row {n}: report's old title is not catalog row {n}")
        rows.append({"row": n, "old_title": r["old_title"], "new_title": r["new_title"],
                     "changes": r.get("changes", [])})
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--titlekit", required=True, help="path of the titlekit executable to run")
    ap.add_argument("--data", default=str(DATA), help="catalog titles (jsonl with a title field)")
    ap.add_argument("--keywords", default=str(KEYWORDS), help="keyword file [bench/judged/keywords-other.csv]")
    ap.add_argument("--sample", type=int, default=0, help="pick this many changed rows (0: all)")
    ap.add_argument("--seed", type=int, default=18)
    ap.add_argument("-o", "--output", help="write the JSONL here (default: standard output)")
    args = ap.parse_args(argv)

    titles = catalog_titles(Path(args.data))
    rows = changed_rows(args.titlekit, titles, Path(args.keywords))
    by_row = {r["row"]: r for r in rows}
    if args.sample:
        picked = random.Random(args.seed).sample(sorted(by_row), min(args.sample, len(by_row)))
        rows = [by_row[n] for n in sorted(picked)]
    lines = [json.dumps(r, ensure_ascii=False) + "\n" for r in rows]
    if args.output:
        with open(args.output, "w", encoding="utf-8") as fh:
            fh.writelines(lines)
    else:
        sys.stdout.writelines(lines)
    print(f"{len(by_row)} changed rows of {len(titles)}; {len(rows)} written", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
