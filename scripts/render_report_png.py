"""Build the HTML audit report of a catalog and screenshot it with headless Chromium.

    python scripts/render_report_png.py [--titles ../shared/data/taobao_titles_ner_train.jsonl]
        [--out docs/report.png] [--html report.html] [--lang zh]

Needs Debian's chromium package (apt-get install chromium fonts-noto-cjk).
"""

from __future__ import annotations

import argparse
import json
import os

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from render_outline_png import screenshot  # noqa: E402

from titlekit.output.report_html import render_report  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--titles", default=str(ROOT.parent / "shared" / "data"
                                            / "taobao_titles_ner_train.jsonl"))
    ap.add_argument("--out", default=str(ROOT / "docs" / "report.png"))
    ap.add_argument("--html", help="also keep the HTML report here")
    ap.add_argument("--lang", default="zh", choices=("zh", "en"))
    args = ap.parse_args()
    # a path relative to the checkout, so the report does not show this machine's folders
    titles = os.path.relpath(Path(args.titles).resolve(), ROOT)
    lint = subprocess.run([sys.executable, "-m", "titlekit.cli", "lint", titles,
                           "--format", "json", "--exit-zero"],
                          check=True, capture_output=True, cwd=ROOT).stdout
    page = render_report(json.loads(lint), lang=args.lang)
    with tempfile.TemporaryDirectory() as d:
        path = Path(args.html) if args.html else Path(d) / "report.html"
        path.write_text(page, encoding="utf-8")
        screenshot(path, Path(args.out), width=1280, height=2000)
    print(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
