"""Select the titles of a judged set (titles-v1 … titles-v8).

Fixed seeds, spread over each whole file; exact duplicates skipped; titles whose text
(or first 12 characters) occurs in any file under tests/ are excluded (grep -rF).
For v2 and later sets, titles already in an earlier set (same text or same first 12 characters) are
excluded too, so the sets share nothing.
Writes the candidate list to stdout as JSONL (id, source, line, title).

    python bench/judged/pick_titles.py [v1|v2|v3|v4|v5|v6|v7|v8]
"""
import json
import random
import subprocess
import sys
from pathlib import Path

DATA = Path("/work/shared/data")
REPO = Path(__file__).resolve().parents[2]
TESTS = REPO / "tests"


def _plan(seed: int) -> list[tuple[str, str, int, int]]:
    """The picks of sets v2 and later: 200 titles, the same share from each file."""
    return [("taobao_titles_ner_train.jsonl", "taobao-train", 120, seed),
            ("taobao_titles_ner_extra.jsonl", "taobao-extra", 40, seed),
            ("jd_titles_ner_500.jsonl", "jd-ner", 20, seed),
            ("jd_phone_titles.txt", "jd-phone", 20, seed)]


PLANS = {  # set -> [(file, id prefix, how many, seed)]
    "v1": [
        ("taobao_titles_ner_train.jsonl", "taobao-train", 150, 15),
        ("taobao_titles_ner_extra.jsonl", "taobao-extra", 50, 15),
        ("jd_titles_ner_500.jsonl", "jd-ner", 30, 15),
        ("jd_phone_titles.txt", "jd-phone", 30, 15),
    ],
    **{f"v{n}": _plan(seed) for n, seed in ((2, 2602), (3, 3303), (4, 4404), (5, 5505),
                                             (6, 6606), (7, 7707), (8, 8808))},
}


def read_lines(name):
    if name.endswith(".jsonl"):
        with open(DATA / name, encoding="utf-8") as f:
            return [json.loads(l)["title"] for l in f if l.strip()]
    raw = (DATA / name).read_bytes().decode("utf-8-sig")
    return [l.rstrip("\r") for l in raw.split("\n") if l.rstrip("\r")]


def in_tests(s):
    r = subprocess.run(["grep", "-rqF", "--", s, str(TESTS)], capture_output=True)
    return r.returncode == 0


def earlier_sets(which):
    """Titles (and their first 12 characters) of the sets made before `which`."""
    taken = set()
    for older in sorted(PLANS):
        if older >= which:
            break
        path = REPO / "bench" / "judged" / f"titles-{older}.jsonl"
        with open(path, encoding="utf-8") as f:
            for line in f:
                t = json.loads(line)["title"]
                taken.update((t, t[:12]))
    return taken


def main():
    which = sys.argv[1] if len(sys.argv) > 1 else "v1"
    taken = earlier_sets(which)
    seen = set()
    out = []
    for name, prefix, n, seed in PLANS[which]:
        titles = read_lines(name)
        order = random.Random(seed).sample(range(len(titles)), len(titles))
        got = 0
        for i in order:
            t = titles[i]
            if not t.strip() or t in seen or t in taken or t[:12] in taken:
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
