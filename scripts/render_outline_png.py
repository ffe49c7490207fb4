"""Render an example outline as HTML and screenshot it with headless Chromium.

    python scripts/render_outline_png.py [--listing examples/dress.listing.yaml] [--out docs/outline-dress.png]

Needs Debian's chromium package (apt-get install chromium fonts-noto-cjk).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


def screenshot(html_path: Path, png: Path, width: int = 900, height: int = 2200) -> None:
    exe = chromium()
    if exe is None:
        raise RuntimeError("chromium is not installed (apt-get install chromium fonts-noto-cjk)")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([exe, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                        f"--user-data-dir={profile}", f"--window-size={width},{height}",
                        f"--screenshot={png}", html_path.resolve().as_uri()],
                       check=True, capture_output=True, timeout=120)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--listing", default=str(ROOT / "examples" / "dress.listing.yaml"))
    ap.add_argument("--out", default=str(ROOT / "docs" / "outline-dress.png"))
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        page = Path(d) / "outline.html"
        html = subprocess.run([sys.executable, "-m", "titlekit.cli", "outline", args.listing,
                               "--format", "html"], check=True, capture_output=True).stdout
        page.write_bytes(html)
        screenshot(page, Path(args.out))
    print(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
