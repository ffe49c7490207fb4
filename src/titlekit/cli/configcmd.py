"""``titlekit config [PATH]``: the settings in force for a file or folder (default: the
current directory) and the config file they came from."""

from __future__ import annotations

import json

import click

from . import common, habits

_NOTE = {"zh": "# 配置文件：{src}", "en": "# config file: {src}"}
_NONE = {"zh": "# 没有配置文件：以下为默认设置", "en": "# no config file: the defaults"}
_SHADOW = {"zh": "# 忽略（被 .titlekit.toml 覆盖）：{src}", "en": "# ignored (.titlekit.toml wins): {src}"}


def _toml(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    if isinstance(value, (int, float)):
        return repr(value)
    return json.dumps(value, ensure_ascii=False)


def settings(cfg) -> list[str]:
    """The settings of ``cfg`` as TOML lines, every key with the value in force."""
    from ..platform import BUILTIN
    from .inputs import DEFAULT_INCLUDE

    top = {"platform": cfg.platform, "select": cfg.select, "ignore": cfg.ignore,
           "fail-on": cfg.fail_on, "unbranded": cfg.unbranded, "allow": cfg.allow,
           "extra-lexicons": cfg.extra_lexicons, "segmenter": cfg.segmenter,
           "recogniser": cfg.recogniser, "fix-passes": cfg.fix_passes,
           "lang": cfg.lang or "zh",
           "include": cfg.include if cfg.include is not None else DEFAULT_INCLUDE,
           "exclude": cfg.exclude}
    if cfg.templates:
        top["templates"] = cfg.templates
    lines = [f"{k} = {_toml(v)}" for k, v in top.items()]
    spec = cfg.spec
    lines += ["", f"# {cfg.platform}: limit {spec.limit} {spec.unit}, fill-ratio {spec.fill_ratio}"]
    for name, p in cfg.platforms.items():
        if name not in BUILTIN or BUILTIN[name] != p:
            lines += ["", f"[platforms.{name}]", f"limit = {p.limit}", f"unit = {_toml(p.unit)}",
                      f"fill-ratio = {p.fill_ratio}"]
    for name, opts in cfg.rule_options.items():
        lines += ["", f"[rules.{name}]"] + [f"{k} = {_toml(v)}" for k, v in opts.items()]
    if cfg.columns:
        lines += ["", "[columns]"] + [f"{k} = {_toml(v)}" for k, v in cfg.columns.items()]
    return lines


@click.command("config")
@click.argument("path", required=False, type=click.Path(exists=True))
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None,
              help="This config file instead of the one found from PATH.")
@habits.lang_option
@habits.output_option
def config_command(path: str | None, config_path: str | None, lang: str | None,
                   output_file: str | None) -> None:
    """Print the settings in force for PATH (a file or folder; default: the current
    directory) and the config file they come from.

    \b
    titlekit config
    titlekit config shop/catalog.csv
    """
    from pathlib import Path

    from ..config import find_config_files
    from ..i18n import language
    from .configs import Configs
    from .run import write_output

    configs = Configs(config_path, quiet=True)
    cfg = configs.get(path)
    common.set_language(lang, cfg)
    src = configs.source(path)
    lines = [_NOTE[language()].format(src=src) if src else _NONE[language()]]
    if not config_path:
        start = Path(path) if path else Path.cwd()
        _, shadowed = find_config_files(start if start.is_dir() else start.parent)
        if shadowed is not None:
            lines.append(_SHADOW[language()].format(src=shadowed))
    write_output(output_file, "\n".join(lines + settings(cfg)) + "\n", True)
