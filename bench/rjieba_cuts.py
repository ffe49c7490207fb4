"""Do rjieba and jieba cut the same way (HMM off, same user words)?

    .venv-fast/bin/python bench/rjieba_cuts.py [--freq 20000] [--examples 10]

Needs a Python with both jieba and rjieba (pip install 'titlekit[fast]'). titlekit itself is not
imported: the user words are read straight from the shipped lexicons/ files, the way titlekit
builds its segmenter word list (brands with every |-separated alias, products, promotions,
selling-points, styles, attributes, spam, ip-risk; lower-cased; only words made wholly of CJK
ideographs).

Titles: the 6,000 taobao_titles_ner_train.jsonl titles, the 501 jd_titles_ner_500.jsonl titles
and the 2,221 lines of jd_phone_titles.txt (BOM and CR removed). Each title is cut whole, and
also as its maximal CJK runs (what titlekit hands the segmenter once ASCII runs are protected).

Three jieba set-ups are compared with ``rjieba.Jieba()`` + ``add_word(w, freq, None)``:
- ``plain``: ``jieba.Tokenizer()`` + ``add_word(w, freq)`` (the call as documented);
- ``total-fixed``: the same, then ``tok.total -= old_freq`` (what titlekit's JiebaSegmenter does,
  because jieba adds to the total without removing a word's old frequency and jieba-rs does not);
- ``no-words``: neither side gets user words (the default dictionaries alone).
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
KINDS = ("brands", "products", "promotions", "selling-points", "styles", "attributes", "spam",
         "ip-risk")
CJK_RUN = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf]+")


def is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


def kind_of(stem: str) -> str | None:
    for kind in sorted(KINDS, key=len, reverse=True):
        if stem == kind or stem.startswith(kind + "-"):
            return kind
    return None


def user_words() -> list[str]:
    words: set[str] = set()
    for path in sorted((ROOT / "lexicons").glob("*.txt")):
        kind = kind_of(path.stem)
        if kind is None:
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            text = line.split("\t")[0].strip()
            names = [n.strip().lower() for n in text.split("|")] if kind == "brands" \
                else [text.lower()]
            words.update(n for n in names if n and all(is_cjk(c) for c in n))
    return sorted(words)


def titles() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for name in ("taobao_titles_ner_train.jsonl", "jd_titles_ner_500.jsonl"):
        with open(SHARED / name, encoding="utf-8") as fh:
            out[name] = [json.loads(line)["title"] for line in fh if line.strip()]
    raw = (SHARED / "jd_phone_titles.txt").read_text(encoding="utf-8-sig")
    out["jd_phone_titles.txt"] = [t.strip("\r") for t in raw.split("\n") if t.strip()]
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--freq", type=int, default=20000, help="user-word frequency (titlekit's)")
    ap.add_argument("--examples", type=int, default=8)
    args = ap.parse_args()

    from importlib.metadata import version

    import jieba
    import rjieba

    jieba.setLogLevel(logging.WARNING)
    words = user_words()
    sets = titles()
    print(f"jieba {jieba.__version__}, rjieba {version('rjieba')}; "
          f"{len(words):,} user words at freq {args.freq}; titles: "
          + ", ".join(f"{k} {len(v):,}" for k, v in sets.items()))

    def jieba_tok(with_words: bool, fix_total: bool):
        tok = jieba.Tokenizer()
        tok.initialize()
        if with_words:
            for w in words:
                old = tok.FREQ.get(w, 0)
                tok.add_word(w, args.freq)
                if fix_total:
                    tok.total -= old
        return lambda t: tok.lcut(t, HMM=False)

    def rjieba_tok(with_words: bool):
        j = rjieba.Jieba()
        if with_words:
            for w in words:
                j.add_word(w, args.freq, None)
        return lambda t: j.cut(t, False)

    t0 = time.perf_counter()
    rj_words = rjieba_tok(True)
    rj_plain = rjieba_tok(False)
    setups = {
        "plain": (jieba_tok(True, False), rj_words),
        "total-fixed": (jieba_tok(True, True), rj_words),
        "no-words": (jieba_tok(False, False), rj_plain),
    }
    print(f"(tokenizers built in {time.perf_counter() - t0:.1f} s)")
    for setup, (jcut, rcut) in setups.items():
        for unit in ("whole title", "CJK runs"):
            print(f"\n== {setup}, {unit} ==")
            total_diff = total = 0
            examples = []
            for name, ts in sets.items():
                diff = 0
                for t in ts:
                    pieces = [t] if unit == "whole title" else CJK_RUN.findall(t)
                    bad = [(p, jcut(p), rcut(p)) for p in pieces]
                    bad = [b for b in bad if b[1] != b[2]]
                    if bad:
                        diff += 1
                        if len(examples) < args.examples and all(e[1] != t for e in examples):
                            examples.append((name, t, bad[0]))
                print(f"  {name}: {diff:,} of {len(ts):,} titles cut differently")
                total_diff += diff
                total += len(ts)
            print(f"  all: {total_diff:,} of {total:,} ({100 * total_diff / total:.2f} %)")
            for name, t, (piece, a, b) in examples:
                # show only the differing stretch of the two cuts
                i = 0
                while i < min(len(a), len(b)) and a[i] == b[i]:
                    i += 1
                j = 0
                while j < min(len(a), len(b)) - i and a[-1 - j] == b[-1 - j]:
                    j += 1
                print(f"  e.g. [{name}] {piece[:60]}")
                print(f"       jieba : {'/'.join(a[i:len(a) - j])}")
                print(f"       rjieba: {'/'.join(b[i:len(b) - j])}")


if __name__ == "__main__":
    main()
