"""Does the rewrite fill a title from the row's own data? (issue 18, "fill where safe" (a))

A catalog is built from the JD titles with entity spans (../shared/data/jd_titles_ner_500.jsonl):
each title's labelled attribute spans (colour, material, style, audience, function, scene) are
moved out of the title into the row's columns (colour and material -> 属性, style -> 风格,
audience, function and scene -> 卖点), each replaced by a space. JD titles run to 94 bytes on
average, so each is first cut to a seller's full title: its space-separated segments, in order,
that fit in the 60-byte limit; the spans are moved out of that title. Rows with no moved span
are left out. The rows are rewritten without a keyword file, and
the script prints the share of rows within 4 bytes of the 60-byte limit, how many added words
came from the row's columns (all of them must), and the mean bytes before and after; also the
same share among the rows whose moved words can reach the limit at all (title + moved words,
a space before each, at least 56 bytes): where a JD title was mostly attribute words, what is
left is too short for any fill to reach the limit.

    python bench/rewrite_fill.py [--rows N]
    python bench/rewrite_fill.py --cut spans  # the second catalog below
    python bench/rewrite_fill.py --keywords   # (b): what a keyword file alone adds

How the catalog is cut decides how many rows can reach the limit at all. JD titles are long runs
written without spaces, so a run that does not fit is left out whole and the row keeps only the
short segments after it (``对开门矮柜0.7mm`` of a 96-byte title), often without its product word:
of the rows that cannot reach the limit, nearly all could with the run they lost. ``--cut spans``
builds a second catalog for comparison: the segment that does not fit is cut at the last
labelled span boundary that fits (the corpus's own word boundaries) and the title ends there, as
a seller's full title would. The default catalog and its figures are unchanged.

``--cut title`` builds the third catalog, the issue's wording taken literally: first the
seller's full title (cut to the limit as in ``--cut spans``, with no room kept back), then some
of that title's own attribute spans (those of the kinds above that lie wholly inside it) are
moved into the columns. Its rows can reach the limit whenever the seller's title did; the two
catalogs above also move spans from the part of the JD title that was cut off. ``--cut all``
prints the three side by side. ``share_without_review`` counts only the rows written without
``--apply-review``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "jd_titles_ner_500.jsonl"
COLUMNS = {"colour": "attributes", "material": "attributes", "style": "style",
           "audience": "selling_points", "function": "selling_points", "scene": "selling_points"}
LIMIT = 60


def gbk(text: str) -> int:
    return len(text.encode("gbk", errors="replace"))


def build_rows(path: Path = DATA, rows: int | None = None,
               cut: str = "segments") -> list[tuple[str, dict]]:
    """(title, context) rows of the fill catalog; ``cut="spans"``: the second catalog (a
    segment that does not fit is cut at a labelled span boundary and ends the title)."""
    out = []
    with open(path, encoding="utf-8") as fh:
        recs = [json.loads(line) for line in fh if line.strip()]
    if cut == "title":
        return [row for rec in recs[:rows] if (row := _title_first(rec)) is not None]
    for rec in recs[:rows]:
        title = rec["title"]
        chars = list(title)
        cols: dict[str, list[str]] = {}
        moved = 0
        for start, end, label, text in sorted(rec["entities"]):
            key = COLUMNS.get(label)
            if key is None or not text.strip() or any(c in " ,，/" for c in text):
                continue
            if text not in cols.get(key, []):
                cols.setdefault(key, []).append(text)
                moved += gbk(text) + 1
            for i in range(start, end):
                chars[i] = " "
        if not cols:
            continue
        # JD titles are long: keep, in order, the segments that fit in the limit less the
        # room the moved words need (at most 24 bytes)
        room = min(24, moved)
        kept: list[str] = []
        bounds = {b for e in rec["entities"] for b in e[:2]}
        for m in re.finditer(r"\S+", "".join(chars)):
            seg = m.group()
            if gbk(" ".join([*kept, seg])) <= LIMIT - room:
                kept.append(seg)
            elif cut == "spans":
                ends = [b - m.start() for b in bounds if m.start() + 2 <= b < m.end()]
                fits = [k for k in ends if gbk(" ".join([*kept, seg[:k]])) <= LIMIT - room]
                if fits:
                    kept.append(seg[:max(fits)])
                break
        if kept:
            out.append((" ".join(kept), {k: " ".join(v) for k, v in cols.items()}))
    return out


def _title_first(rec: dict) -> tuple[str, dict] | None:
    """The third catalog (``--cut title``): first the seller's full title (the JD title's
    segments, in order, that fit in the limit; a segment that does not fit is cut at the last
    labelled span boundary that fits, and the title ends there), then the attribute spans that
    lie wholly inside that title are moved out of it into the row's columns."""
    title = rec["title"]
    bounds = sorted({b for e in rec["entities"] for b in e[:2]})
    spans: list[tuple[int, int]] = []  # what the seller's title keeps, as (start, end)
    for m in re.finditer(r"\S+", title):
        joined = " ".join(title[a:b] for a, b in [*spans, (m.start(), m.end())])
        if gbk(joined) <= LIMIT:
            spans.append((m.start(), m.end()))
            continue
        ends = [b for b in bounds if m.start() + 2 <= b < m.end()
                and gbk(" ".join(title[a:c] for a, c in [*spans, (m.start(), b)])) <= LIMIT]
        if ends:
            spans.append((m.start(), max(ends)))
        break
    inside = [False] * len(title)
    for a, b in spans:
        inside[a:b] = [True] * (b - a)
    chars = [c if inside[i] else "" for i, c in enumerate(title)]
    for a, b in spans[1:]:
        chars[a - 1] = " " if a > 0 else ""  # one space between the kept segments
    cols: dict[str, list[str]] = {}
    for start, end, label, text in sorted(rec["entities"]):
        key = COLUMNS.get(label)
        if (key is None or not text.strip() or any(c in " ,，/" for c in text)
                or not all(inside[start:end])):
            continue
        if text not in cols.get(key, []):
            cols.setdefault(key, []).append(text)
        for i in range(start, end):
            chars[i] = " "
    rest = " ".join("".join(chars).split())
    if not cols or not rest:
        return None
    return rest, {k: " ".join(v) for k, v in cols.items()}


def measure(rows: list[tuple[str, dict]]) -> dict:
    from titlekit.linting.linter import Linter
    from titlekit.rewrite.rewriter import Rewriter

    rw = Rewriter(Linter())
    res = rw.rewrite(rows)
    near = added = from_columns = reachable = near_reachable = written = 0
    for (title, ctx), r in zip(rows, res):
        new = r.new if r.status in ("changed", "review") else r.old
        ok = LIMIT - 4 <= gbk(new) <= LIMIT
        near += ok
        written += ok and r.status != "review"  # written without --apply-review
        words = {w for v in ctx.values() for w in v.split()}
        # can the moved words reach the limit at all (a space before each)?
        if gbk(title) + sum(gbk(w) + 1 for w in words) >= LIMIT - 4:
            reachable += 1
            near_reachable += ok
        for c in r.changes:
            if c.what.startswith("补充 "):
                added += 1
                from_columns += c.what[3:] in words
    n = len(rows)
    return {"rows": n, "within_4_bytes": near, "share": round(near / n, 3) if n else 0.0,
            "reachable_rows": reachable, "within_4_bytes_of_reachable": near_reachable,
            "share_of_reachable": round(near_reachable / reachable, 3) if reachable else 0.0,
            "within_4_bytes_without_review": written,
            "share_without_review": round(written / n, 3) if n else 0.0,
            "added_words": added, "added_from_columns": from_columns,
            "mean_bytes_before": round(sum(gbk(t) for t, _ in rows) / n, 1),
            "mean_bytes_after": round(sum(gbk(r.new) for r in res) / n, 1),
            "status": {s: sum(r.status == s for r in res)
                       for s in ("changed", "review", "unchanged", "kept")}}


def keyword_fill(path: Path = ROOT.parent / "shared" / "data" / "taobao_titles_ner_train.jsonl",
                 keywords: Path = ROOT / "bench" / "judged" / "keywords-other.csv") -> dict:
    """(b): the Taobao training titles rewritten with only a keyword file mined from other
    titles. Every added word must be a synonym of a product word the title's reading found
    (so it states nothing new); the words are listed for a person to read, and no row may get
    shorter except by removing what the rules flag."""
    from titlekit.linting.linter import Linter
    from titlekit.rewrite.keywords import Keywords
    from titlekit.rewrite.rewriter import Rewriter
    from titlekit.rewrite.synonyms import synonyms

    with open(path, encoding="utf-8") as fh:
        titles = [json.loads(line)["title"] for line in fh if line.strip()]
    linter = Linter()
    rows = Rewriter(linter, keywords=Keywords.load(keywords)).rewrite([(t, {}) for t in titles])
    syn = synonyms()
    added: dict[str, int] = {}
    not_synonym = []
    shorter_without_removal = 0
    for r in rows:
        if r.status not in ("changed", "review"):
            continue
        words = [c.what[3:] for c in r.changes if c.what.startswith("补充 ")]
        products = {s.key for s in r.before.slots if s.type == "product"}
        for w in words:
            added[w] = added.get(w, 0) + 1
            if not any(w in syn.get(p, ()) for p in products):
                not_synonym.append((r.old, w))
        if gbk(r.new) < gbk(r.old) and not any(c.what.startswith(("删除", "去掉"))
                                              for c in r.changes):
            shorter_without_removal += 1
    return {"rows": len(rows), "rows_filled": sum(any(c.what.startswith("补充 ")
                                                     for c in r.changes) for r in rows),
            "added": dict(sorted(added.items(), key=lambda kv: -kv[1])),
            "not_a_synonym_of_the_titles_product_word": not_synonym,
            "shorter_without_removal": shorter_without_removal}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rows", type=int, default=None, help="first N JD titles only")
    ap.add_argument("--cut", choices=("segments", "spans", "title", "all"), default="segments",
                    help="how a JD title is cut to the limit (see above); all: the three "
                         "catalogs side by side [segments]")
    ap.add_argument("--keywords", action="store_true",
                    help="(b) instead: what a keyword file alone adds to the Taobao titles")
    args = ap.parse_args(argv)
    if args.keywords:
        print(json.dumps(keyword_fill(), ensure_ascii=False, indent=1))
        return 0
    if not DATA.exists():
        print(f"{DATA} not found", file=sys.stderr)
        return 1
    cuts = ("segments", "spans", "title") if args.cut == "all" else (args.cut,)
    figures = {c: measure(build_rows(DATA, args.rows, c)) for c in cuts}
    print(json.dumps(figures if len(cuts) > 1 else figures[cuts[0]], ensure_ascii=False,
                     indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
