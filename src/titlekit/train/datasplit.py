"""The one train/held-out split of the shared labelled titles.

A title is held out when the SHA-1 of its UTF-8 text is divisible by 5 (about 20 % of the unique
titles). The split is by unique title, so a title that repeats in the file never lands on both
sides. Lexicons derived from labelled data use only the training side; every quality figure
titlekit reports is measured on the held-out side.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path

HELDOUT_MODULUS = 5


def is_heldout(title: str) -> bool:
    digest = hashlib.sha1(title.encode("utf-8")).digest()
    return int.from_bytes(digest, "big") % HELDOUT_MODULUS == 0


def read_labelled(path: str | Path, *, heldout: bool | None = None) -> Iterator[dict]:
    """Unique labelled titles from a JSONL file; ``heldout`` picks one side (None: both)."""
    seen: set[str] = set()
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            rec = json.loads(line)
            title = rec["title"]
            if title in seen:
                continue
            seen.add(title)
            if heldout is None or is_heldout(title) == heldout:
                yield rec
