"""Reading titles from files and writing fixed titles back without touching anything else.

Formats: ``.txt`` (one title a line, ``#`` comments), ``.csv``/``.tsv`` (title column found by
name), 淘宝助理 exports (UTF-16LE + BOM, tab-separated, three header lines), ``.jsonl``,
``.xlsx``, and YAML/JSON listing files. :mod:`.dispatch` maps a file suffix to its reader.
"""
