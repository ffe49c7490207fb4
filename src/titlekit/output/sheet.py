"""Results for Excel: one row per title, as CSV (UTF-8 with a BOM, so Excel reads the Chinese)
or as an ``.xlsx`` workbook.

Columns: file, row, title, score, bytes, errors, warnings, infos, the problems (one a line in
the cell: position, severity, message, rule and code) and the title after the safe fixes of
those problems (empty when they change nothing; after ``--fix`` the title that was written).
The fixed title is one pass of the listed fixes, keeping every brand, model and product word
(:func:`titlekit.problems.keep_slots`); ``--fix`` reads the title again and may go further.
Headers and severities are in the language of :mod:`titlekit.i18n`.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable

from ..i18n import t
from ..problems import Result, apply_fixes, keep_slots

HEADER_KEYS = ("file", "row", "title", "score", "bytes", "errors", "warnings", "infos",
               "problems", "fixed")


def header() -> list[str]:
    return [t(f"sheet.{k}") for k in HEADER_KEYS]


def fixed_title(r: Result) -> str:
    """What the safe fixes of ``r``'s problems make of its title ('' when nothing)."""
    if r.fixed is not None:
        return r.fixed
    fixes = [p.fix for p in r.problems if p.fix is not None and p.fix.safe]
    new = apply_fixes(r.title, keep_slots(r.title, r.slots, fixes)) if fixes else r.title
    return new if new != r.title else ""


def _problem(p) -> str:
    pos = t("line", n=p.line) if p.line is not None else (
        f"{p.start + 1}" if p.end <= p.start + 1 else f"{p.start + 1}-{p.end}")
    return f"{pos} {t('severity.' + p.severity)} {p.message} [{p.rule} {p.code}]"


def row(r: Result) -> list:
    sev = [p.severity for p in r.problems]
    title = r.extra.get("original", r.title) if r.fixed is not None else r.title
    return [r.path or "", r.line if r.line is not None else "", title, r.score, r.bytes,
            sev.count("error"), sev.count("warning"), sev.count("info"),
            "\n".join(_problem(p) for p in r.problems), fixed_title(r)]


def csv_text(rows: Iterable[list]) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(rows)
    return buf.getvalue()


def encode_csv(r: Result) -> str:
    """One result's CSV line (a stream's encoder)."""
    return csv_text([row(r)])


def csv_head() -> str:
    """The byte-order mark and the header line."""
    return "\ufeff" + csv_text([header()])


def render_csv(results: Iterable[Result]) -> str:
    return csv_head() + "".join(encode_csv(r) for r in results)


def xlsx_bytes(results: Iterable[Result]) -> bytes:
    """An ``.xlsx`` workbook of ``results`` (one sheet, frozen header, filters on)."""
    import openpyxl
    from openpyxl.styles import Alignment, Font

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "titlekit"
    ws.append(header())
    for r in results:
        ws.append([_cell(v) for v in row(r)])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    for column in ws.iter_cols(min_col=9, max_col=9, min_row=2):
        for cell in column:
            cell.alignment = wrap
    for letter, width in zip("ABCDEFGHIJ", (24, 6, 48, 6, 6, 6, 6, 6, 80, 48)):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


_UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")


def _cell(value):
    """A value a worksheet can hold: control characters and lone surrogates, which XML cannot
    carry, written as escapes (\\x1b, \\ud800) as the text output shows them."""
    if isinstance(value, str) and _UNWRITABLE.search(value):
        return _UNWRITABLE.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100
                               else f"\\u{ord(m.group()):04x}", value)
    return value
