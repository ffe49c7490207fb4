"""Catalog audit report: one offline HTML page from the JSON document of ``titlekit lint``.

    from titlekit.report_html import render_report
    html = render_report(json.loads(lint_json), lang="zh")   # or lang="en"

``doc`` is the document ``titlekit lint --format json`` prints (schema in ``output.py``).
This module is self-contained on purpose: standard library only, nothing from titlekit.

The page has inline CSS and JavaScript and no external resources. The summary, charts, rule
table and the 20 lowest-scoring titles are plain HTML; the full title list is drawn by the
script from a compact JSON blob in chunks of 200 rows as the reader scrolls, so a catalog of
several thousand titles stays small and quick to open.

Hooks for tests and automation:

* totals: ``#n-titles #n-problems #n-errors #n-warnings #n-infos #mean-score #share-errors``
  (each with a ``data-value`` holding the plain number);
* the counts under the current filter, kept up to date by the script:
  ``#f-titles #f-problems #f-errors #f-warnings #f-infos``;
* one ``<tr data-rule="RULE" data-count="N">`` per rule in the rule table (N problems);
* ``data-testid="title-row"`` on every row of the full list (``#title-list`` has
  ``data-shown`` and ``data-total``), ``data-testid="worst-row"`` on the 20 lowest scores;
* the filter is read from and written to the URL hash:
  ``#rule=repeated-keyword&severity=error&q=连衣裙&sort=score`` (severity ``none``: titles
  without problems; sort ``score`` / ``-score``; absent: input order). A title passes a rule
  and severity filter when one of its problems has both; ``q`` is a case-insensitive
  substring of the title;
* ``<html data-ready-ms="…">``: milliseconds from navigation start until the script drew the
  first rows.

The totals are counted from ``results`` (``summary`` in the document is not read). Problems
with ``start == end == 0`` or a ``line`` key are whole-title (or listing field) problems and
are listed, not marked; ``start == end > 0`` is a caret at that offset (e.g. where a missing
selling point would go). Offsets count code points as Python does, also in the script.
"""


from __future__ import annotations

import json
from collections import Counter

from ..resources import data_dir
from .report_parts import (
    DEFAULT_TITLE,
    LABELS,
    SEVERITIES,
    bars_html,
    clamp,
    fix_text,
    histogram_svg,
    invisible_re,
    num,
    plain,
    row_html,
    severity_of,
    span_kind,
    surrogate_re,
    title_html,
    vis,
)

__all__ = ["DEFAULT_TITLE", "render_report"]

CHUNK = 200
WORST = 20
EXAMPLES = 3
# fill = bytes / limit: (label key, upper bound inclusive); the last band is "over the limit"
FILL_BANDS = (("lt50", 0.5), ("50-80", 0.8), ("80-90", 0.9), ("90-100", 1.0), ("over", None))


def _summary(results: list[dict]) -> dict:
    probs = [p for r in results for p in (r.get("problems") or [])]
    sev = Counter(severity_of(p) for p in probs)
    scores = [r.get("score") or 0 for r in results]
    with_error = sum(any(severity_of(p) == "error" for p in (r.get("problems") or [])) for r in results)
    return {
        "titles": len(results), "problems": len(probs), "errors": sev["error"],
        "warnings": sev["warning"], "infos": sev["info"],
        "mean_score": round(sum(scores) / len(scores), 1) if scores else None,
        "with_error": with_error,
    }


def _score_bins(results: list[dict]) -> list[int]:
    bins = [0] * 10
    for r in results:
        s = clamp(r.get("score"), 100)
        bins[min(s // 10, 9)] += 1
    return bins


def _fill_bands(results: list[dict]) -> tuple[list[int], int]:
    counts, no_limit = [0] * len(FILL_BANDS), 0
    for r in results:
        limit = r.get("limit")
        if not limit:
            no_limit += 1
            continue
        fill = (r.get("bytes") or 0) / limit
        for i, (_key, upper) in enumerate(FILL_BANDS):  # 90-100 % includes a full title
            if upper is None or fill < upper or (upper == 1.0 and fill <= upper):
                counts[i] += 1
                break
    return counts, no_limit


def _sev_mix_html(s: dict, lb: dict) -> str:
    total = s["problems"] or 1
    seg = "".join(f'<i class="sev-{k}" style="width:{100 * s[k + "s"] / total:.2f}%"></i>'
                  for k in SEVERITIES)
    legend = "".join(
        f'<button type="button" class="lg sev-{k}" data-sev="{k}"><b></b>{vis(lb[k])} '
        f'<span>{num(s[k + "s"])}</span> <small>{100 * s[k + "s"] / total:.1f} %</small>'
        f'</button>' for k in SEVERITIES)
    return f'<div class="stack">{seg}</div><div class="legend">{legend}</div>'


# ---------------------------------------------------------------------------------------------
# embedded data for the script

def _blob(results: list[dict], rules: list[tuple[str, str]], lb: dict) -> str:
    rule_ix = {name: i for i, (name, code) in enumerate(rules)}
    msgs: dict[str, int] = {}
    paths: dict[str, int] = {}
    units: dict[str, int] = {}
    rows = []
    for r in results:
        title = str(r.get("title", ""))
        n = len(title)
        probs = []
        for p in r.get("problems") or []:
            kind, s, e = span_kind(p, n)
            msg = str(p.get("message", ""))
            entry: list = [rule_ix[str(p.get("rule", ""))], SEVERITIES.index(severity_of(p)),
                           s, e, msgs.setdefault(msg, len(msgs)), "wsp".index(kind[0])]
            fix = fix_text(p, title, lb)
            line = p.get("line")
            if fix or line is not None:
                entry += [fix, line]
            probs.append(entry)
        path = r.get("path")
        # titles with surrogate code points go as one string per code point so the script
        # counts characters as Python does (JSON.parse would pair \ud83d\ude00 into one)
        t: str | list[str] = list(title) if surrogate_re.search(title) else title
        row = [t, r.get("score"), r.get("bytes"), r.get("limit") or 0,
               units.setdefault(str(r.get("unit", "")), len(units)),
               -1 if path is None else paths.setdefault(str(path), len(paths)),
               r.get("line"), probs]
        if r.get("fixed") is not None:
            row.append(r.get("fixed"))
        rows.append(row)
    data = {
        "rules": [list(x) for x in rules], "msgs": list(msgs), "paths": list(paths),
        "units": list(units), "rows": rows, "chunk": CHUNK,
        "labels": {k: lb[k] for k in (
            "error", "warning", "info", "more", "shown", "nothing", "whole", "at", "line",
            "chars", "bytes", "fixed", "no_problems")},
    }
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # invisible characters (lone surrogates, C1 controls, bidi controls) occur only inside
    # JSON strings too: written as \uXXXX escapes they never reach the file raw
    text = invisible_re.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    # < > & occur only inside JSON strings: escaping them keeps </script> out of the blob
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


# ---------------------------------------------------------------------------------------------

def render_report(doc: dict, *, title: str = DEFAULT_TITLE, lang: str = "zh") -> str:
    """One self-contained HTML page auditing the titles in a ``titlekit lint`` JSON document."""
    if lang not in LABELS:
        raise ValueError(f"lang must be one of {', '.join(LABELS)}, not {lang!r}")
    lb = LABELS[lang]
    if title == DEFAULT_TITLE:
        title = lb["default_title"]
    results = [r for r in (doc.get("results") or []) if isinstance(r, dict)]
    s = _summary(results)

    # rules: problems, titles, severity and examples per rule, most problems first
    n_probs: Counter = Counter()
    n_titles: Counter = Counter()
    codes: dict[str, str] = {}
    sevs: dict[str, Counter] = {}
    examples: dict[str, list[dict]] = {}
    for r in results:
        seen = set()
        for p in r.get("problems") or []:
            name = str(p.get("rule", ""))
            n_probs[name] += 1
            codes.setdefault(name, str(p.get("code", "")))
            sevs.setdefault(name, Counter())[severity_of(p)] += 1
            if name not in seen:
                seen.add(name)
                n_titles[name] += 1
                ex = examples.setdefault(name, [])
                if len(ex) < EXAMPLES:
                    ex.append(r)
    order = sorted(n_probs, key=lambda k: (-n_probs[k], SEVERITIES.index(
        sevs[k].most_common(1)[0][0]), k))
    rules = [(name, codes[name]) for name in order]

    rule_rows = []
    for name in order:
        main_sev = sevs[name].most_common(1)[0][0]
        sev_cell = " ".join(f'<span class="badge sev-{k}">{vis(lb[k])}</span>'
                            for k in SEVERITIES if sevs[name][k])
        ex_html = ""
        for r in examples[name]:  # each example marks this rule's problems only
            own = [p for p in r.get("problems") or [] if str(p.get("rule", "")) == name]
            ex_html += f'<div class="ex">{title_html(str(r.get("title", "")), own)}</div>'
        rule_rows.append(
            f'<tr data-rule="{plain(name)}" data-count="{n_probs[name]}" '
            f'data-titles="{n_titles[name]}" data-severity="{main_sev}" tabindex="0">'
            f'<td class="rn">{vis(name)}</td><td><code>{vis(codes[name])}</code></td>'
            f'<td>{sev_cell}</td><td class="num">{num(n_probs[name])}</td>'
            f'<td class="num">{num(n_titles[name])}</td>'
            f'<td class="num rf">{num(n_probs[name])}</td><td class="exs">{ex_html}</td></tr>')

    worst = sorted(range(len(results)), key=lambda i: (clamp(results[i].get("score"), 100), i))
    worst_html = "".join(row_html(results[i], lb, "worst-row", rank=k + 1)
                         for k, i in enumerate(worst[:WORST]))

    bins = _score_bins(results)
    fills, no_limit = _fill_bands(results)
    fill_rows = [(lb[key], c) for (key, _u), c in zip(FILL_BANDS, fills)]
    fill_total = sum(fills)
    fill_extra = (f'<p class="note">{vis(lb["no_limit"])}: {num(no_limit)}</p>'
                  if no_limit else "")
    share = 100 * s["with_error"] / s["titles"] if s["titles"] else 0.0
    paths = list(dict.fromkeys(str(r.get("path")) for r in results if r.get("path") is not None))
    paths_text = ", ".join(paths[:3]) + (f" (+{len(paths) - 3})" if len(paths) > 3 else "")
    meta = lb["generated"].format(tool=doc.get("tool", "titlekit"),
                                  ver=doc.get("tool_version", "?"),
                                  platform=doc.get("platform", "?"), paths=paths_text or "—")

    def kpi(id_: str, label: str, value: object, shown: str, cls: str = "") -> str:
        return (f'<div class="kpi {cls}"><div class="v" id="{id_}" data-value="{plain(value)}">'
                f'{vis(shown)}</div><div class="k">{vis(label)}</div></div>')

    kpis = "".join([
        kpi("n-titles", lb["titles"], s["titles"], num(s["titles"])),
        kpi("mean-score", lb["mean"], "" if s["mean_score"] is None else s["mean_score"],
            num(s["mean_score"])),
        kpi("share-errors", lb["share_err"], f"{share:.1f}", f"{share:.1f} %"),
        kpi("n-problems", lb["problems"], s["problems"], num(s["problems"])),
        kpi("n-errors", lb["errors"], s["errors"], num(s["errors"]), "sev-error"),
        kpi("n-warnings", lb["warnings"], s["warnings"], num(s["warnings"]), "sev-warning"),
        kpi("n-infos", lb["infos"], s["infos"], num(s["infos"]), "sev-info"),
    ])
    rule_opts = "".join(f'<option value="{plain(n)}">{vis(c)} {vis(n)} ({n_probs[n]:,})'
                        f'</option>' for n, c in rules)
    sev_opts = "".join(f'<option value="{k}">{vis(lb[k])}</option>' for k in SEVERITIES)
    legend = "".join(f'<mark class="hl sev-{k}">{vis(lb[k])}</mark> ' for k in SEVERITIES)

    body = f"""<div class="wrap">
<header><h1>{vis(title)}</h1><p class="meta">{vis(meta)}</p></header>
<section class="kpis">{kpis}</section>
<section class="charts">
<div class="card"><h3>{vis(lb["score_hist"])}</h3>{histogram_svg(bins)}</div>
<div class="card"><h3>{vis(lb["fill"])}</h3>{bars_html(fill_rows, fill_total, fill_extra)}</div>
<div class="card"><h3>{vis(lb["sev_mix"])}</h3>{_sev_mix_html(s, lb)}
<p class="note">{vis(lb["legend"])} {legend}</p></div>
</section>
<section><h2>{vis(lb["rules"])}</h2><p class="hint">{vis(lb["rules_hint"])}</p>
<table class="rules"><thead><tr><th>{vis(lb["rule"])}</th><th>{vis(lb["code"])}</th>
<th>{vis(lb["severity"])}</th><th class="num">{vis(lb["n_problems"])}</th>
<th class="num">{vis(lb["n_titles"])}</th><th class="num">{vis(lb["in_filter"])}</th>
<th>{vis(lb["examples"])}</th></tr></thead><tbody>{"".join(rule_rows)}</tbody></table></section>
<section><h2>{vis(lb["worst"].format(n=min(WORST, len(results))))}</h2>
<div class="list">{worst_html}</div></section>
<section id="all"><h2>{vis(lb["all"])}</h2>
<div class="toolbar" id="toolbar">
<label>{vis(lb["filter_rule"])} <select id="f-rule"><option value="">{vis(lb["any_rule"])}</option>{rule_opts}</select></label>
<label>{vis(lb["filter_sev"])} <select id="f-sev"><option value="">{vis(lb["any_sev"])}</option>{sev_opts}<option value="none">{vis(lb["none_sev"])}</option></select></label>
<input id="f-q" type="search" placeholder="{plain(lb["search"])}" autocomplete="off">
<label>{vis(lb["sort"])} <select id="f-sort"><option value="">{vis(lb["sort_input"])}</option><option value="score">{vis(lb["sort_up"])}</option><option value="-score">{vis(lb["sort_down"])}</option></select></label>
<button type="button" id="f-reset">{vis(lb["reset"])}</button>
<div class="counts">{vis(lb["showing"])} <b id="f-titles">{num(s["titles"])}</b> {vis(lb["of"])} {num(s["titles"])} {vis(lb["titles_unit"])} ·
<b id="f-problems">{num(s["problems"])}</b> {vis(lb["problems_unit"])}
(<span class="sev-error">{vis(lb["error"])} <b id="f-errors">{num(s["errors"])}</b></span> ·
<span class="sev-warning">{vis(lb["warning"])} <b id="f-warnings">{num(s["warnings"])}</b></span> ·
<span class="sev-info">{vis(lb["info"])} <b id="f-infos">{num(s["infos"])}</b></span>)</div>
</div>
<noscript><p class="hint">{vis(lb["noscript"])}</p></noscript>
<div class="list" id="title-list" data-shown="0" data-total="{s["titles"]}"></div>
<div id="sentinel"></div><button type="button" id="more" hidden></button>
</section></div>"""
    return (f'<!doctype html>\n<html lang="{lb["lang"]}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<title>{plain(title)}</title><style>{_asset("report.css")}</style></head><body>\n{body}\n'
            f'<script type="application/json" id="tk-data">{_blob(results, rules, lb)}</script>\n'
            f'<script>{_asset("report.js")}</script></body></html>\n')




def _asset(name: str) -> str:
    return (data_dir("templates") / "report" / name).read_text(encoding="utf-8")
