"""Select the titles of the judged set (titles-v1).

Fixed seeds, spread over each whole file; exact duplicates skipped; titles whose text
(or first 12 characters) occurs in any file under tests/ are excluded (grep -rF).
Writes the candidate list to stdout as JSONL (id, source, line, title).
"""
import json
import random
import subprocess
import sys
from pathlib import Path

DATA = Path("/work/shared/data")
REPO = Path(__file__).resolve().parents[2]
TESTS = REPO / "tests"

PLAN = [  # (file, id prefix, how many, seed)
    ("taobao_titles_ner_train.jsonl", "taobao-train", 150, 15),
    ("taobao_titles_ner_extra.jsonl", "taobao-extra", 50, 15),
    ("jd_titles_ner_500.jsonl", "jd-ner", 30, 15),
    ("jd_phone_titles.txt", "jd-phone", 30, 15),
]


def read_lines(name):
    if name.endswith(".jsonl"):
        with open(DATA / name, encoding="utf-8") as f:
            return [json.loads(l)["title"] for l in f if l.strip()]
    raw = (DATA / name).read_bytes().decode("utf-8-sig")
    return [l.rstrip("\r") for l in raw.split("\n") if l.rstrip("\r")]


def in_tests(s):
    r = subprocess.run(["grep", "-rqF", "--", s, str(TESTS)], capture_output=True)
    return r.returncode == 0


def main():
    seen = set()
    out = []
    for name, prefix, n, seed in PLAN:
        titles = read_lines(name)
        order = random.Random(seed).sample(range(len(titles)), len(titles))
        got = 0
        for i in order:
            t = titles[i]
            if not t.strip() or t in seen:
                continue
            if in_tests(t) or in_tests(t[:12]):
                continue
            seen.add(t)
            out.append({"id": f"{prefix}:{i + 1}", "source": name, "line": i + 1, "title": t})
            got += 1
            if got == n:
                break
    for r in out:
        sys.stdout.write(json.dumps(r, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
