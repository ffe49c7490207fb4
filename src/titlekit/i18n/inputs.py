"""Messages about input titlekit cannot read or write: the cause after ``file:line:``.

Keys start with ``in.`` (reading and writing files), ``cfg.`` (configuration) and ``use.``
(command-line usage). Chinese first; every key has both languages.
"""

from __future__ import annotations

INPUT_MESSAGES: dict[str, dict[str, str]] = {
    # -- opening files --------------------------------------------------------------------
    "in.not_found": {"zh": "文件不存在", "en": "file not found"},
    "in.is_dir": {"zh": "这是目录，不是文件", "en": "is a directory, not a file"},
    "in.xls": {"zh": "不读旧版 Excel .xls 文件：请另存为 .xlsx 或 CSV",
               "en": "old Excel .xls files are not read: save the sheet as .xlsx or CSV"},
    "in.cannot_read": {"zh": "无法读取：{why}", "en": "cannot read: {why}"},
    "in.empty": {"zh": "空文件：没有可读的标题", "en": "empty file: no titles to read"},
    "in.empty_comments": {"zh": "空文件：没有可读的标题（只有空行或 # 行）",
                          "en": "empty file: no titles to read (only blank or # lines)"},
    "in.empty_listing": {"zh": "空文件：没有可读的商品资料", "en": "empty file: no listing to read"},
    # -- decoding -------------------------------------------------------------------------
    "in.binary": {"zh": "二进制文件（含 NUL 字节）：应为文本、CSV 或 JSONL",
                  "en": "binary file (NUL bytes): expected text, CSV or JSONL"},
    "in.bad_bom_text": {"zh": "有不是合法 {enc} 的字节（文件以 {enc} 字节序标记开头）",
                        "en": "bytes that are not valid {enc} (file starts with a {enc} "
                              "byte-order mark)"},
    "in.undecodable": {"zh": "字节 0x{byte:02x} 既不是 UTF-8 也不是 GB18030/GBK（请把文件存为 UTF-8）",
                       "en": "byte 0x{byte:02x} cannot be decoded as UTF-8 or GB18030/GBK "
                             "(save the file as UTF-8)"},
    # -- CSV ------------------------------------------------------------------------------
    "in.csv_unterminated": {"zh": "引号字段没有结束（有一个 \" 没有配对）",
                            "en": "unterminated quoted field (a \" is never closed)"},
    "in.csv_stray_quote": {"zh": "没有引号的字段里出现了引号",
                           "en": "stray quote inside an unquoted field"},
    "in.csv_after_quote": {"zh": "引号字段后出现了意外的字符 {char}",
                           "en": "unexpected character {char} after a quoted field"},
    "in.csv_no_header": {"zh": "没有表头行", "en": "no header row"},
    "in.csv_no_title": {"zh": "没有标题列：在表头（{headers}）中找过 {wanted}；用 --column 指定",
                        "en": "no title column: looked for {wanted} in the header ({headers}); "
                              "name it with --column"},
    "in.csv_width": {"zh": "这一行有 {n} 个字段，表头有 {width} 个（检查分隔符 {delimiter} 和引号）",
                     "en": "row has {n} fields, the header has {width} (check the delimiter "
                           "{delimiter} and quoting)"},
    # -- JSON, JSONL, YAML ----------------------------------------------------------------
    "in.json": {"zh": "JSON 格式错误：{what}（第 {col} 列）", "en": "invalid JSON: {what} (column {col})"},
    "in.json_deep": {"zh": "JSON 格式错误：嵌套太深", "en": "invalid JSON: nested too deeply"},
    "in.jsonl_object": {"zh": "每一行都应是带标题字段的 JSON 对象",
                        "en": "each line must be a JSON object with a title field"},
    "in.jsonl_no_title": {"zh": "没有文字型的标题字段（找过 {wanted}）",
                          "en": "no string title field (looked for {wanted})"},
    "in.yaml": {"zh": "YAML 格式错误：{what}", "en": "invalid YAML: {what}"},
    "in.yaml_deep": {"zh": "YAML 格式错误：嵌套太深", "en": "invalid YAML: nested too deeply"},
    "in.yaml_alias": {"zh": "标题是 YAML 别名或带别名（&/*）：修复会改动共用它的其他字段，"
                            "未修复（请把标题完整写出）",
                      "en": "the title is a YAML alias or has aliases (&/*): a fix would change "
                            "the other fields that share it; not fixed (write the title out in "
                            "full)"},
    # -- xlsx -----------------------------------------------------------------------------
    "in.xlsx_needs": {"zh": "读取 .xlsx 需要 openpyxl（pip install openpyxl）",
                      "en": "reading .xlsx needs openpyxl (pip install openpyxl)"},
    "in.xlsx_large": {"zh": "无法读取的 .xlsx 工作簿（太大，打不开）",
                      "en": "not a readable .xlsx workbook (too large to open)"},
    "in.xlsx_bad": {"zh": "无法读取的 .xlsx 工作簿（{why}）", "en": "not a readable .xlsx workbook ({why})"},
    "in.xlsx_no_sheet": {"zh": "没有工作表 {sheet}（现有：{sheets}）",
                         "en": "no sheet {sheet} (sheets: {sheets})"},
    "in.xlsx_no_title": {"zh": "所有工作表都没有标题列：在前 10 行中找过 {wanted}；用 --column 指定",
                         "en": "no title column in any sheet: looked for {wanted} in the first "
                               "10 rows; name it with --column"},
    "in.xlsx_cell": {"zh": "这个标题无法写入单元格（{why}）",
                     "en": "cannot write this title to a cell ({why})"},
    # -- writing --------------------------------------------------------------------------
    "in.removed": {"zh": "文件在读取之后被删除了：什么也没有写",
                   "en": "the file was removed since it was read: nothing written"},
    "in.read_only": {"zh": "文件是只读的：没有覆盖，什么也没有写（允许写入后再运行）",
                     "en": "the file is read-only: not overwritten, nothing written (make it "
                           "writable to allow this)"},
    "in.changed": {"zh": "文件在读取之后被改动了（别的程序写过它）：没有覆盖，什么也没有写；请重新运行",
                   "en": "the file changed since it was read (another program wrote to it): "
                         "not overwritten, nothing written; run again"},
    "in.cannot_write_fixes": {"zh": "无法写入修复：{why}", "en": "cannot write fixes: {why}"},
    # -- baselines and suppressions -------------------------------------------------------
    "in.baseline_missing": {"zh": "基线文件不存在（用 --write-baseline 生成）",
                            "en": "baseline file not found (write one with --write-baseline)"},
    "in.baseline_bad": {"zh": "不是 titlekit 基线文件（{why}）", "en": "not a titlekit baseline ({why})"},
    "in.baseline_shape": {"zh": "不是 titlekit 基线文件（应为 version 1，带 'problems' 列表）",
                          "en": "not a titlekit baseline (version 1 with a 'problems' list)"},
    "in.baseline_entry": {"zh": "不是 titlekit 基线条目：{entry}",
                          "en": "not a titlekit baseline entry: {entry}"},
    "in.ignore_rule": {"zh": "titlekit-ignore 中的 '{bad}' 不是规则（见 `titlekit rules`）",
                       "en": "titlekit-ignore names no rule: '{bad}' (see `titlekit rules`)"},
    # -- configuration (the key names stay as written in the file) ------------------------
    "cfg.unknown_platform": {"zh": "未知平台 '{name}'（已知：{known}；其他平台在 "
                                   "[tool.titlekit.platforms] 下定义）",
                             "en": "unknown platform '{name}' (known: {known}; define others "
                                   "under [tool.titlekit.platforms])"},
    "cfg.unknown_selection": {"zh": "select/ignore 中的 '{sel}' 不是规则（见 `titlekit rules`）",
                              "en": "unknown rule '{sel}' in select/ignore (see `titlekit rules`)"},
    "cfg.unknown_key": {"zh": "未知的键 '{key}'（可用：{known}）",
                        "en": "unknown key '{key}' (known: {known})"},
    "cfg.unknown_rule": {"zh": "'rules.{name}' 不是规则（见 `titlekit rules`）",
                         "en": "unknown rule 'rules.{name}' (see `titlekit rules`)"},
    "cfg.platform": {"zh": "platforms.{name}：unit 应为 gbk 或 chars，limit 应大于 0",
                     "en": "platforms.{name}: unit must be gbk or chars, limit > 0"},
    "cfg.ratio": {"zh": "platforms.{name}.fill-ratio 应在 0 到 1 之间",
                  "en": "platforms.{name}.fill-ratio must be between 0 and 1"},
    "cfg.one_of": {"zh": "{key} 应为 {choices} 之一，实际是 {value}",
                   "en": "{key} must be one of {choices}, got {value}"},
    "cfg.value": {"zh": "{key} {why}", "en": "{key} {why}"},
    # why an option's value is not allowed (after the key)
    "opt.type": {"zh": "应为 {want}，实际是 {value}", "en": "must be {want}, got {value}"},
    "opt.finite": {"zh": "应为有限的数，实际是 {value}", "en": "must be a finite number, got {value}"},
    "opt.min": {"zh": "应不小于 {bound}，实际是 {value}", "en": "must be at least {bound}, got {value}"},
    "opt.max": {"zh": "应不大于 {bound}，实际是 {value}", "en": "must be at most {bound}, got {value}"},
    # -- command-line usage -----------------------------------------------------------------
    "use.outline_input": {"zh": "请给出商品资料文件或商品表（或 --check PAGE）",
                          "en": "give a listing file or a catalog (or --check PAGE)"},
    "use.outline_format": {"zh": "大纲只输出 markdown、html 或 json",
                           "en": "outlines are written as markdown, html or json"},
    "use.outline_date": {"zh": "--date {date} 不是 2026-11-08 这样的日期",
                         "en": "--date {date} is not a date like 2026-11-08"},
    "use.check_format": {"zh": "--check 的报告格式只有 text、json、github 或 sarif",
                         "en": "--check reports as text, json, github or sarif"},
    "use.outline_category": {"zh": "未知类目 '{category}'（可选：{choices}）",
                             "en": "unknown category '{category}' (choose from {choices})"},
    "use.rw_input": {"zh": "缺少 CATALOG（或用 - 从标准输入读标题）",
                     "en": "missing CATALOG (or - for titles on standard input)"},
    "use.rw_stdin_in_place": {"zh": "--in-place 需要文件：标准输入的结果写到标准输出（或 -o FILE）",
                              "en": "--in-place needs a file: standard input is written to "
                                    "standard output (or -o FILE)"},
    "use.rw_target": {"zh": "请说明结果写到哪里：-o FILE、--in-place 或 --diff（只选一个）",
                      "en": "say where the result goes: -o FILE, --in-place, or --diff "
                            "(exactly one)"},
    "use.rw_backup": {"zh": "--in-place 需要 --backup（保留 CATALOG.bak）或 --no-backup",
                      "en": "--in-place needs --backup (keep CATALOG.bak) or --no-backup"},
    "use.rw_same_format": {"zh": "输出与输入格式相同：.xlsx 输入请用 .xlsx 输出（文本输入用文本输出）",
                           "en": "the output has the input's format: use an .xlsx output for "
                                 "an .xlsx input (and a text output for a text input)"},
    "use.rw_same_file": {"zh": "-o 指向输入文件本身：要替换它请用 --in-place 加 --backup 或 --no-backup",
                         "en": "-o names the input file: use --in-place with --backup or "
                               "--no-backup to replace it"},
    "use.rw_listing": {"zh": "{path}：商品资料文件只有一个商品；请用 `titlekit lint --fix`",
                       "en": "{path}: a listing file holds one product; use `titlekit lint --fix`"},
    "use.cannot_write_report": {"zh": "{path}：无法写入报告：{why}",
                                "en": "{path}: cannot write the report: {why}"},
    "use.cannot_write_index": {"zh": "{path}：无法写入索引：{why}",
                               "en": "{path}: cannot write the index: {why}"},
    "outline.written": {"zh": "{path}：{n} 份大纲和 {index}", "en": "{path}: {n} outline(s) and {index}"},
    "usage_help": {"zh": "用 '{command} -h' 查看帮助。", "en": "Try '{command} -h' for help."},
}
