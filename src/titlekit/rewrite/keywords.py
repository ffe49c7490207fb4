"""Keyword files: search terms with a volume (a 生意参谋 export, or mined from titles), and the
words of those terms grouped under the product words they go with."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..formats.columns import KEYWORD_COLUMNS, VOLUME_COLUMNS
from ..formats.decode import decode
from ..formats.delimited import field_value, scan_csv
from ..reading.types import Reading


@dataclass
class Keywords:
    """Search terms with a volume; words of relevant terms are offered to titles by value."""

    terms: list[tuple[str, float]]
    by_product: dict[str, list[tuple[str, float]]] | None = None  # set by index()
    # volume of every product word a term holds, and of every term written as one word
    # (a file of single popular words: 连衣裙, 腕表): set by index()
    volume: dict[str, float] | None = None

    @classmethod
    def load(cls, path: str | Path, columns: dict[str, str] | None = None) -> Keywords:
        """Read a CSV/TSV keyword file (any encoding titlekit reads); a header row names the
        term column (搜索词/关键词/keyword …) and optionally a volume column (搜索人气/搜索热度/
        搜索量/volume …). Lines before the header (report titles) are skipped."""
        p = str(path)
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            raise InputError(p, None, f"cannot read keyword file: {exc.strerror}") from None
        text, _, _ = decode(p, data)
        first = text.split("\n", 1)[0]
        delim = "\t" if first.count("\t") > first.count(",") else ","
        rows = scan_csv(p, text, delim)
        columns = columns or {}
        kw_names = (columns["keyword"],) if "keyword" in columns else KEYWORD_COLUMNS
        vol_names = (columns["volume"],) if "volume" in columns else VOLUME_COLUMNS
        header_at = kcol = vcol = None
        for r, (_, fields) in enumerate(rows[:20]):
            cells = [field_value(text, f).strip().lower() for f in fields]
            kcol = next((cells.index(n.lower()) for n in kw_names if n.lower() in cells), None)
            if kcol is not None:
                header_at = r
                vcol = next((cells.index(n.lower()) for n in vol_names if n.lower() in cells),
                            None)
                break
        if header_at is None:
            raise InputError(p, 1, "no keyword column: the header needs one of "
                             f"{', '.join(kw_names[:6])} … (or set columns.keyword)")
        terms: list[tuple[str, float]] = []
        for ln, fields in rows[header_at + 1:]:
            if len(fields) <= kcol or not field_value(text, fields[kcol]).strip():
                continue
            term = field_value(text, fields[kcol]).strip()
            vol = 1.0
            if vcol is not None and vcol < len(fields):
                raw = field_value(text, fields[vcol]).strip().replace(",", "").replace("，", "")
                if raw:
                    try:
                        vol = float(raw.rstrip("%"))
                    except ValueError:
                        raise InputError(p, ln, f"volume {raw!r} of {term!r} is not a number"
                                         ) from None
            terms.append((term, vol))
        if not terms:
            raise InputError(p, None, "no keywords below the header")
        return cls(terms)

    def index(self, reader, per_key: int = 40) -> None:
        """Group the terms' words under the product words they go with."""
        prod: dict[str, dict[str, float]] = {}
        volume: dict[str, float] = {}
        for (term, vol), r in zip(self.terms, reader.read_many([(t, None) for t, _ in self.terms])):
            products = [s.key for s in r.slots if s.type == "product" and s.confidence >= 0.8]
            for w in {*products, term.strip().lower()}:
                volume[w] = volume.get(w, 0.0) + vol
            words = term_words(r) if products else ()
            for pw in products:
                bucket = prod.setdefault(pw, {})
                for w, _kind in words:
                    if w != pw:
                        bucket[w] = bucket.get(w, 0.0) + vol
        self.by_product = {k: best(v, per_key) for k, v in prod.items()}
        self.volume = volume


def best(values: dict[str, float], n: int) -> list[tuple[str, float]]:
    return sorted(values.items(), key=lambda kv: (-kv[1], kv[0]))[:n]


def term_words(r: Reading) -> list[tuple[str, str]]:
    """(word, slot type or "other") for the words of a search term worth adding to a title."""
    out: list[tuple[str, str]] = []
    typed = {(s.start, s.end): s for s in r.slots}
    for tok in r.tokens:
        if tok.kind in ("space", "punct"):
            continue
        rs, re_ = r.raw_span(tok.start, tok.end)
        s = typed.get((rs, re_))
        kind = s.type if s is not None and s.confidence >= 0.8 else "other"
        if kind in ("brand", "model"):
            continue
        w = tok.text
        if len(w) < 2 or w.isdigit():
            continue
        out.append((w, kind))
    return out
