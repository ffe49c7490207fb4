"""Catalog brand discovery, measured by a fold-honest simulation on the training side.

    python bench/discovery_sim.py [--data ../shared/data] [--folds 5] [--min-titles 3]
                                  [--size 100] [--mix 4] [--jobs 1] [--verbose]
                                  [--compare REV]

Titles: the training side of titlekit's split of taobao_titles_ner_train.jsonl (never the
held-out side) and the titles of taobao_titles_ner_extra.jsonl that are not in the training
file at all. A labelled brand is keyed by its canonical name in the shipped brand lexicons
(耐克 and nike are one brand), else by its lower-cased text.

Folds: the brand keys are cut into --folds folds (SHA-1 of ``"brand-fold:" + key``). For fold
k, titlekit is made not to know fold k's brands:
- lexicons: every brand lexicon (brands-*.txt, device-brands.txt, and the brand-lines.txt lines
  of those brands) loses the entries of fold k's brands; brands-data.txt and
  products-data.txt are rebuilt by scripts/build_lexicons.py's own ``derive`` from the
  training titles the model of fold k is trained on, and lose fold k's brands too;
- model: the slot model is trained by titlekit.train's own code (same features, settings and
  fold-honest lexicon tags) on the training-side titles that carry none of fold k's brands,
  leaving out also the unbranded ones whose title fold (SHA-1 of ``"title-fold:" + title``) is
  k. A fold model costs about 100 s of CPU (5 folds: 15 minutes with --jobs 2 on a busy
  2-core machine); it is kept under
  bench/out/discovery-sim/ keyed by its inputs, so a rerun (after changing discovery) reuses
  it.
Fold k's test titles are those the fold-k model never saw: the titles carrying a fold-k brand,
the unbranded training titles of title fold k and the extra-file titles of title fold k (or
carrying a fold-k brand).

Shops: a fold-k brand that labels at least --min-titles test titles is a shop; its titles are
put among --size other test titles of the fold that carry no shop's brand (a small shop's
catalog). Mixed catalogs put --mix shops together among --size such titles; catalogs without a
shop are the other titles of the fold cut into catalogs of --size titles; category catalogs (a
shop of one kind of item, the likeliest place for a false brand) put the titles whose first
labelled product word is the same (at least --min-category of them) among --size other
titles. Discovery (titlekit.reading.discovery.discover, as titlekit lint runs it on a file)
looks at each catalog, and the shop titles are read again with its brands (``catalog_brands``).

Printed, over all folds:
- the shop titles whose labelled brand titlekit finds (a brand slot overlapping the labelled
  span) without discovery and with it, in one-shop and in mixed catalogs; how many of them
  start with their brand (all that discovery can help) and how many shops are discovered;
- the words discovery takes for brands, by kind: a word is a real brand when in most titles
  it starts, a labelled brand span overlaps it; any other word is a false brand. Counted in
  the catalogs without a shop, the category catalogs and the shop catalogs (beyond the shops'
  own brands).
--compare REV first prints the same figures with discovery.py of git revision REV (before and
after in one run). --verbose lists the shops discovery misses although one word starts 3 or
more of their titles, with the check that rejects it (discovery.rejection).

What the figures do not say: the labelled brands that repeat are mostly famous ones (华为,
伊利, 腾讯), and the plain jieba dictionary knows many of them as words, which discovery must
reject (it is its guard against ordinary words such as 家用 or 转卖). A small shop's own brand
is rarely in that dictionary, so for such shops the simulation understates discovery. Random
catalogs also rarely hold 3 titles that start with the same ordinary word; the category
catalogs are the harder test of false brands, and still a mild one.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import shutil
import sys
import tempfile
from collections import Counter, defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

import build_lexicons

from titlekit.reading import lexicons as lexmod
from titlekit.reading.discovery import DEFAULT_MIN_CATALOG, discover, rejection
from titlekit.reading.reader import Reader
from titlekit.reading.recogniser.model import load_model
from titlekit.train import train as T
from titlekit.train.datasplit import read_labelled

CACHE = ROOT / "bench" / "out" / "discovery-sim"
SEPARATORS = " ,，、/[]【】()（）"
WHERE = ("no shop", "category", "shop")
DISCOVER = [discover]  # the discovery measured (--compare swaps in another revision's)
CANON = lexmod.load().brand_groups()


def key_of(text: str) -> str:
    t = text.strip().lower()
    return CANON.get(t, t)


def keys(rec: dict) -> set[str]:
    return {key_of(t) for _s, _e, lab, t in rec["entities"] if lab == "brand" and t.strip()}


def fold(salt: str, text: str, folds: int) -> int:
    return int.from_bytes(hashlib.sha1((salt + text).encode("utf-8")).digest(), "big") % folds


def load(data: Path) -> tuple[list[dict], list[dict]]:
    """(training-side records, extra-file records not in the training file)."""
    train = list(read_labelled(data / "taobao_titles_ner_train.jsonl", heldout=False))
    everything = {r["title"] for r in read_labelled(data / "taobao_titles_ner_train.jsonl")}
    extra = [r for r in read_labelled(data / "taobao_titles_ner_extra.jsonl")
             if r["title"] not in everything]
    return train, extra


def split(train: list[dict], extra: list[dict], k: int, folds: int):
    """(fold k's brand keys, the model's training records, the test records) of fold k."""
    brands = {b for r in train + extra for b in keys(r) if fold("brand-fold:", b, folds) == k}

    def tfold(r: dict) -> bool:
        return fold("title-fold:", r["title"], folds) == k

    fit_on = [r for r in train if not keys(r) & brands and not (not keys(r) and tfold(r))]
    test = [r for r in train if keys(r) & brands or (not keys(r) and tfold(r))]
    test += [r for r in extra if keys(r) & brands or tfold(r)]
    return brands, fit_on, test


def fold_lexicons(lexdir: Path, brands: set[str], fit_on: list[dict], jd: list[dict]) -> None:
    """The shipped lexicons in ``lexdir`` without ``brands``, data lexicons from ``fit_on``."""
    shutil.copytree(ROOT / "lexicons", lexdir)
    for path in lexdir.glob("*.txt"):
        kind = lexmod.kind_of(path)
        if kind not in ("brands", "device-brands", "brand-lines"):
            continue
        kept = []
        for line in path.read_text(encoding="utf-8").splitlines():
            fields = line.split("\t")
            names = fields[0].split("|") + (fields[1:2] if kind == "brand-lines" else [])
            if line.startswith("#") or not any(key_of(n) in brands for n in names if n.strip()):
                kept.append(line)
        path.write_text("".join(x + "\n" for x in kept), encoding="utf-8")
    words, products = build_lexicons.derive(fit_on, jd, lexdir)
    build_lexicons.write(lexdir / "brands-data.txt",
                         sorted(w for w in words if key_of(w) not in brands), "fold")
    build_lexicons.write(lexdir / "products-data.txt", sorted(products), "fold")


def train_model(lexdir: Path, fit_on: list[dict]) -> Path:
    """The fold model's directory (trained now unless kept from an earlier run)."""
    base = T.curated_word_slot(lexdir)
    h = hashlib.sha256(Path(T.__file__).read_bytes())
    h.update(json.dumps([sorted(r["title"] for r in fit_on), sorted(base.items())],
                        ensure_ascii=False).encode("utf-8"))
    out = CACHE / h.hexdigest()[:16]
    if not (out / "slots.npz").is_file():
        ids, weights, trans = T.fit(*T.training_sequences(fit_on, base))
        T.save(out, ids, weights, trans, training_titles=len(fit_on), inputs={})
    return out


def reader_of(lexdir: Path, model: Path) -> Reader:
    lex = lexmod.Lexicons()
    for path in sorted(lexdir.glob("*.txt")):
        kind = lexmod.kind_of(path)
        if kind is not None:
            lex.entries.setdefault(kind, []).extend(lexmod.read_file(path))
    reader = Reader(lex)
    os.environ["TITLEKIT_MODEL_DIR"] = str(model)
    load_model.cache_clear()  # load_model() is cached: without this every fold reads the first
    reader._load_model()
    return reader


def spans_of(rec: dict, brand: str) -> list[tuple[int, int]]:
    return [(s, e) for s, e, lab, t in rec["entities"] if lab == "brand" and key_of(t) == brand]


def found(reading, spans: list[tuple[int, int]]) -> bool:
    return any(s.type == "brand" and s.start < e and b < s.end
               for s in reading.slots for b, e in spans)


def lead(title: str) -> int:
    return len(title) - len(title.lstrip(SEPARATORS))


def kind_of_word(word: str, recs: list[dict]) -> str:
    """"real" when a labelled brand overlaps ``word`` in most titles it starts, else "false"."""
    starts = [r for r in recs if r["title"].startswith(word, lead(r["title"]))]
    real = sum(any(lab == "brand" and s < lead(r["title"]) + len(word) and lead(r["title"]) < e
                   for s, e, lab, _t in r["entities"]) for r in starts)
    return "real" if real * 2 > len(starts) else "false"


def run_fold(args, k: int, train: list[dict], extra: list[dict], jd: list[dict]) -> dict:
    brands, fit_on, test = split(train, extra, k, args.folds)
    tmp = Path(tempfile.mkdtemp(prefix="discovery-sim-"))
    try:
        fold_lexicons(tmp / "lexicons", brands, fit_on, jd)
        reader = reader_of(tmp / "lexicons", train_model(tmp / "lexicons", fit_on))
    finally:
        shutil.rmtree(tmp)
    by_brand: dict[str, list[int]] = defaultdict(list)
    for i, r in enumerate(test):
        for b in keys(r) & brands:
            by_brand[b].append(i)
    shops = {b: ix for b, ix in sorted(by_brand.items()) if len(ix) >= args.min_titles}
    in_shop = {i for ix in shops.values() for i in ix}
    rng = random.Random(f"{k}:{args.seed}")
    background = [i for i in range(len(test)) if i not in in_shop]
    rng.shuffle(background)
    titles = [r["title"] for r in test]
    plain = reader.read_many([(t, None) for t in titles])
    res: Counter = Counter()
    words: dict[str, Counter] = {w: Counter() for w in WHERE}
    missed: list[str] = []

    def look(cat: list[int], own: set[str], where: str) -> frozenset[str]:
        found_words = DISCOVER[0]([titles[i] for i in cat], reader)
        for w in found_words:
            if where == "shop" and any(key_of(w) == b or w in b or b in w for b in own):
                continue
            words[where][(kind_of_word(w, [test[i] for i in cat]), w)] += 1
        return found_words

    def score(shop: list[tuple[str, list[int]]], cat: list[int], tag: str) -> None:
        got = look(cat, {b for b, _ in shop}, "shop")
        for b, ix in shop:
            after = reader.read_many([(titles[i], {"catalog_brands": got}) for i in ix])
            hit = [found(rd, spans_of(test[i], b)) for rd, i in zip(after, ix)]
            res[tag + " titles"] += len(ix)
            res[tag + " before"] += sum(found(plain[i], spans_of(test[i], b)) for i in ix)
            res[tag + " after"] += sum(hit)
            res[tag + " shops"] += 1
            res[tag + " discovered"] += any(key_of(w) == b or w in b or b in w for w in got)
            if tag == "one":
                lead_ix = [j for j, i in enumerate(ix)
                           if any(s == lead(titles[i]) for s, _ in spans_of(test[i], b))]
                res["starting before"] += sum(found(plain[ix[j]], spans_of(test[ix[j]], b))
                                              for j in lead_ix)
                res["starting after"] += sum(hit[j] for j in lead_ix)
                starts = Counter(titles[i][s:e].lower() for i in ix
                                 for s, e in spans_of(test[i], b) if s == lead(titles[i]))
                res["starting"] += sum(starts.values())
                word, n = max(starts.items(), key=lambda x: x[1], default=("", 0))
                if n >= 3 and not any(key_of(w) == b for w in got):
                    why = rejection(word, [titles[i] for i in cat], reader)
                    missed.append(f"{word} ({n}/{len(ix)} titles start with it: {why})")

    for b, ix in shops.items():
        score([(b, ix)], ix + background[:args.size], "one")
    order = list(shops.items())
    rng.shuffle(order)
    for g in range(0, len(order), args.mix):
        group = order[g:g + args.mix]
        start = (g // args.mix * args.size) % max(1, len(background) - args.size)
        score(group, [i for _, ix in group for i in ix] + background[start:start + args.size],
              "mixed")
    catalogs = [background[c:c + args.size] for c in range(0, len(background), args.size)]
    catalogs = [c for c in catalogs if len(c) >= max(DEFAULT_MIN_CATALOG, args.size // 2)]
    for cat in catalogs:
        look(cat, set(), "no shop")
    res["no-shop catalogs"] = len(catalogs)
    by_product: dict[str, list[int]] = defaultdict(list)
    for i in background:
        first = next((t.strip().lower() for _s, _e, lab, t in sorted(test[i]["entities"])
                      if lab == "product"), None)
        if first:
            by_product[first].append(i)
    for p, ix in sorted(by_product.items()):
        if len(ix) >= args.min_category:
            rest = [i for i in background if i not in set(ix)][:args.size]
            look(ix + rest, set(), "category")
            res["category catalogs"] += 1
            res["category titles"] += len(ix)
    res["test titles"] = len(test)
    res["fit titles"] = len(fit_on)
    return {"counts": res, "words": words, "missed": missed}


def _fold_job(a):
    return run_fold(*a)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--only-fold", type=int, default=None, help="run this fold only")
    ap.add_argument("--min-titles", type=int, default=3,
                    help="test titles of one labelled brand that make a shop")
    ap.add_argument("--size", type=int, default=100, help="other titles per catalog")
    ap.add_argument("--mix", type=int, default=4, help="shops per mixed catalog")
    ap.add_argument("--min-category", type=int, default=5,
                    help="titles of one labelled product word that make a category catalog")
    ap.add_argument("--seed", type=int, default=19)
    ap.add_argument("--jobs", type=int, default=1, help="folds run at once")
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--compare", metavar="REV", default=None,
                    help="first measure the discovery of git revision REV the same way")
    args = ap.parse_args()
    data = Path(args.data)
    train, extra = load(data)
    jd = [json.loads(x) for x in
          (data / "jd_titles_ner_500.jsonl").read_text(encoding="utf-8").splitlines()]
    ks = [args.only_fold] if args.only_fold is not None else list(range(args.folds))
    variants = [("this checkout's discovery", discover)]
    if args.compare:
        variants.insert(0, (f"the discovery of {args.compare}", _discovery_of(args.compare)))
    results: list = []
    for name, fn in variants:
        DISCOVER[0] = fn
        if len(variants) > 1:
            print(f"== {name}")
        results = _run(args, ks, train, extra, jd)
        report(args, ks, results, len(train), len(extra))
    if args.verbose:
        print("shops missed although their brand starts 3 or more of their titles:")
        for r in results:
            for m in r["missed"]:
                print("  " + m)
    return 0


def _run(args, ks: list[int], train: list[dict], extra: list[dict], jd: list[dict]) -> list:
    jobs = [(args, k, train, extra, jd) for k in ks]
    if args.jobs > 1:
        with ProcessPoolExecutor(args.jobs) as pool:  # forked: the workers see DISCOVER
            return list(pool.map(_fold_job, jobs))
    return [_fold_job(j) for j in jobs]


def _discovery_of(rev: str):
    """``discover`` of titlekit.reading.discovery as it is in git revision ``rev``."""
    import importlib.util
    import subprocess

    source = subprocess.run(["git", "show", f"{rev}:src/titlekit/reading/discovery.py"],
                            cwd=ROOT, check=True, capture_output=True).stdout
    path = Path(tempfile.mkdtemp(prefix="discovery-sim-")) / "discovery.py"
    path.write_bytes(source)
    spec = importlib.util.spec_from_file_location("titlekit.reading._discovery_then", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module.discover


def report(args, ks: list[int], results: list, n_train: int, n_extra: int) -> None:
    c: Counter = Counter()
    words: dict[str, Counter] = {w: Counter() for w in WHERE}
    for r in results:
        c.update(r["counts"])
        for where, counter in words.items():
            counter.update(r["words"][where])
    print(f"{n_train} training-side titles + {n_extra} extra titles; folds {ks} of "
          f"{args.folds}; fold models fitted on {c['fit titles']} titles in all, tested on "
          f"{c['test titles']}")
    n = c["one titles"]
    print(f"{c['one shops']} shops of at least {args.min_titles} titles ({n} titles, "
          f"{c['starting']} of them start with their brand: of these, the brand is found "
          f"without discovery in {c['starting before']}, with it in {c['starting after']})")
    for tag, what in (("one", f"one shop among {args.size} other titles"),
                      ("mixed", f"{args.mix} shops among {args.size} other titles")):
        t = c[tag + " titles"]
        print(f"  {what}: brand found without discovery {c[tag + ' before']}/{t} "
              f"({c[tag + ' before'] / max(t, 1):.1%}), with discovery {c[tag + ' after']}/{t} "
              f"({c[tag + ' after'] / max(t, 1):.1%}); shops discovered "
              f"{c[tag + ' discovered']}/{c[tag + ' shops']}")
    for where, what in (("no shop", f"{c['no-shop catalogs']} catalogs without a shop"),
                        ("category", (f"{c['category catalogs']} catalogs of one product word "
                                      f"({c['category titles']} titles, each among {args.size} "
                                      "other titles)")),
                        ("shop", "the shop catalogs, beyond the shops' brands")):
        w = words[where]
        false = sorted(x for kind, x in w if kind == "false")
        print(f"  discovered in {what}: {sum(v for (kd, _), v in w.items() if kd == 'false')} "
              f"false brands ({', '.join(false) or '-'}), "
              f"{sum(v for (kd, _), v in w.items() if kd == 'real')} real brands")


if __name__ == "__main__":
    sys.exit(main())
