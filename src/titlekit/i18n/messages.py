"""The message catalogue: key -> {language: text}. Chinese first; every key has both."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # -- text output ----------------------------------------------------------------------
    "score": {"zh": "分数 {score}/100", "en": "score {score}/100"},
    "unit.gbk": {"zh": "字节", "en": "bytes"},
    "unit.chars": {"zh": "字", "en": "chars"},
    "slots": {"zh": "槽位", "en": "slots"},
    "line": {"zh": "第 {n} 行", "en": "line {n}"},
    "fix": {"zh": "修复：将 {old} 替换为 {new}", "en": "fix: replace {old} with {new}"},
    "fixed_was": {"zh": "已修复；原标题：{title}", "en": "fixed; was: {title}"},
    "summary": {"zh": "{titles} 个标题，{errors} 个错误，{warnings} 个警告，{infos} 个提示；平均分 {mean}",
                "en": "{titles} title(s), {errors} error(s), {warnings} warning(s), {infos} info; "
                      "mean score {mean}"},
    "severity.error": {"zh": "错误", "en": "error"},
    "severity.warning": {"zh": "警告", "en": "warning"},
    "severity.info": {"zh": "提示", "en": "info"},
    "no_title": {"zh": "<标题>", "en": "<title>"},
    # -- statistics -----------------------------------------------------------------------
    "stats.total": {"zh": "共 {n} 个问题，{titles} 个标题", "en": "{n} problem(s) in {titles} title(s)"},
    "stats.none": {"zh": "没有问题（{titles} 个标题）", "en": "no problems ({titles} title(s))"},
    # -- command line ---------------------------------------------------------------------
    "error": {"zh": "titlekit：错误：{message}", "en": "titlekit: error: {message}"},
    "warning": {"zh": "titlekit：警告：{message}", "en": "titlekit: warning: {message}"},
    "written_fixes": {"zh": "{path}：已修复 {n} 个标题", "en": "{path}: fixed {n} title(s)"},
    "report_written": {"zh": "{path}：{n} 个标题", "en": "{path}: {n} title(s)"},
    "cannot_write": {"zh": "{path}：无法写入：{why}", "en": "{path}: cannot write: {why}"},
    "empty_argument": {"zh": "空参数：请给出标题、文件、目录或 -（标准输入）",
                       "en": "empty argument: give a title, a file, a directory or - (standard input)"},
    "no_inputs": {"zh": "至少给出一个标题、文件、目录或 -（标准输入）",
                  "en": "give at least one title, file, directory or - (standard input)"},
    "skipped_not_titles": {"zh": "{path}：没有标题列，不是标题文件，已跳过",
                           "en": "{path}: no title column, not a title file: skipped"},
    "no_match": {"zh": "{pattern}：没有匹配的文件", "en": "{pattern}: no file matches"},
    "empty_dir": {"zh": "{path}：目录中没有可读的标题文件（include：{include}）",
                  "en": "{path}: no title files in the directory (include: {include})"},
    "config_compete": {"zh": "{dir} 中 .titlekit.toml 与 pyproject.toml [tool.titlekit] 同时存在："
                             "使用 .titlekit.toml，忽略 pyproject.toml",
                       "en": "{dir} has both .titlekit.toml and pyproject.toml [tool.titlekit]: "
                             ".titlekit.toml wins, pyproject.toml is ignored"},
    "verbose_doc": {"zh": "{path}：{kind}，编码 {encoding}{bom}，{n} 个标题",
                    "en": "{path}: {kind}, encoding {encoding}{bom}, {n} title(s)"},
    "verbose_bom": {"zh": "（带 BOM）", "en": " with BOM"},
    "verbose_comments": {"zh": "，跳过 {n} 行注释", "en": ", {n} comment line(s) skipped"},
    "verbose_config": {"zh": "{path}：配置 {config}", "en": "{path}: config {config}"},
    "no_config": {"zh": "（无配置文件，使用默认设置）", "en": "(no config file: defaults)"},
    "baseline_written": {"zh": "{path}：基线记录了 {n} 个问题", "en": "{path}: baseline of {n} problem(s)"},
    "baseline_hidden": {"zh": "基线中已有的 {n} 个问题未列出", "en": "{n} problem(s) in the baseline not shown"},
    "competitors_not_index": {
        "zh": "{path}：不是 titlekit 索引文件（用 `titlekit index build` 生成 .tkidx），"
              "也不是标题文件（.txt/.csv/.tsv/.jsonl/.xlsx）",
        "en": "{path}: not a titlekit index (make one with `titlekit index build`) nor a title "
              "file (.txt/.csv/.tsv/.jsonl/.xlsx)"},
    "competitors_count": {"zh": "{path}：{n} 个竞品标题（{secs:.2f} 秒）",
                          "en": "{path}: {n} competitor title(s) ({secs:.2f} s)"},
    # -- rewrite --------------------------------------------------------------------------
    "rw.summary": {"zh": "{rows} 行：改写 {changed} 行，无需改动 {unchanged} 行，保留原样 {kept} 行；"
                         "平均分 {s0} → {s1}，平均字节 {b0} → {b1}；有错误的行 {e0} → {e1}",
                   "en": "{rows} rows: {changed} changed, {unchanged} unchanged, {kept} left as "
                         "they were; mean score {s0} → {s1}, mean bytes {b0} → {b1}; rows with "
                         "an error {e0} → {e1}"},
    "rw.written": {"zh": "；已写入 {path}", "en": "; written to {path}"},
    "rw.kept": {"zh": "  保留原样（{n}）：{reason}", "en": "  left as is ({n}): {reason}"},
    "rw.identical": {"zh": "  {n} 个标题仍与前面某行相同（见报告的 note 列）",
                     "en": "  {n} title(s) still identical to an earlier row's (see the report's "
                           "note column)"},
    "rw.diff_head": {"zh": "{where}  分数 {s0} → {s1}，{b0} → {b1} 字节",
                     "en": "{where}  score {s0} → {s1}, {b0} → {b1} bytes"},
    # -- rule documentation ---------------------------------------------------------------
    "doc.summary": {"zh": "说明", "en": "What it does"},
    "doc.why": {"zh": "原因", "en": "Why"},
    "doc.source": {"zh": "来源", "en": "Source"},
    "doc.options": {"zh": "选项", "en": "Options"},
    "doc.fails": {"zh": "不通过的例子", "en": "Fails"},
    "doc.passes": {"zh": "通过的例子", "en": "Passes"},
    "doc.fixable": {"zh": "可自动修复", "en": "fixable"},
    "doc.unknown_rule": {"zh": "没有规则 {name!r}（见 `titlekit rules`）",
                         "en": "no rule {name!r} (see `titlekit rules`)"},
    # -- listing schema -------------------------------------------------------------------
    "schema.must_be": {"zh": "必须是{kinds}，而不是{what}", "en": "must be {kinds}, not {what}"},
    "schema.or": {"zh": "或", "en": " or "},
    "schema.not_empty": {"zh": "不能为空", "en": "must not be empty"},
    "schema.greater": {"zh": "必须大于 {minimum}，而不是 {value}",
                       "en": "must be greater than {minimum}, not {value}"},
    "schema.required": {"zh": "缺少必填字段 '{name}'", "en": "lacks the required field '{name}'"},
    "schema.unknown": {"zh": "未知字段 '{name}'（可用字段：{known}）",
                       "en": "unknown field '{name}' (known: {known})"},
    "kind.string": {"zh": "文本", "en": "a string"},
    "kind.array": {"zh": "列表", "en": "a list"},
    "kind.object": {"zh": "映射", "en": "a mapping"},
    "kind.number": {"zh": "数字", "en": "a number"},
    "kind.valid": {"zh": "有效值", "en": "valid"},
    "what.empty": {"zh": "空值", "en": "empty"},
    "what.bool": {"zh": "布尔值 {v}", "en": "{v} (a boolean)"},
    "what.text": {"zh": "文本 {v}", "en": "the text {v}"},
    "what.mapping": {"zh": "映射", "en": "a mapping"},
    "what.list": {"zh": "列表", "en": "a list"},
    # -- csv and xlsx reports (column headers) --------------------------------------------
    "sheet.file": {"zh": "文件", "en": "file"},
    "sheet.row": {"zh": "行", "en": "row"},
    "sheet.title": {"zh": "标题", "en": "title"},
    "sheet.score": {"zh": "分数", "en": "score"},
    "sheet.bytes": {"zh": "字节", "en": "bytes"},
    "sheet.errors": {"zh": "错误", "en": "errors"},
    "sheet.warnings": {"zh": "警告", "en": "warnings"},
    "sheet.infos": {"zh": "提示", "en": "infos"},
    "sheet.problems": {"zh": "问题", "en": "problems"},
    "sheet.fixed": {"zh": "安全修复后的标题", "en": "title after safe fixes"},
    "xlsx_needs_output": {"zh": "--format xlsx 需要 -o 文件名（工作簿不能写到终端）",
                          "en": "--format xlsx needs -o FILE (a workbook is not written to a "
                                "terminal)"},
    # -- the optional extra titlekit[dask] ------------------------------------------------
    "needs_extra": {"zh": "{what}需要可选依赖 {module}，但它没有安装：请运行 pip install 'titlekit[dask]'",
                    "en": "{what} needs the optional package {module}, which is not installed: "
                          "pip install 'titlekit[dask]'"},
    "extra.read_parquet": {"zh": "读取 Parquet 文件", "en": "reading a Parquet file"},
    "extra.write_parquet": {"zh": "写出 Parquet 文件", "en": "writing a Parquet file"},
    "extra.frame": {"zh": "titlekit.frame（数据框接口）", "en": "titlekit.frame (the dataframe API)"},
    "extra.dask": {"zh": "在 Dask 集群上运行（--dask）", "en": "running on a Dask cluster (--dask)"},
    "dask_needs_parquet": {"zh": "--dask 需要 Parquet 输入和 --format parquet -o 输出目录：{why}",
                           "en": "--dask needs Parquet input and --format parquet -o DIR: {why}"},
    "parquet_needs_output": {"zh": "--format parquet 需要 -o 输出文件（Parquet 是二进制格式，不写到终端）",
                             "en": "--format parquet needs -o FILE (Parquet is binary; it is not "
                                   "written to the terminal)"},
}
