"""Configuration: ``[tool.titlekit]`` in pyproject.toml or a ``.titlekit.toml``, validated.

Keys (all optional)::

    platform = "taobao"            # taobao | tmall | a name defined under [platforms]
    select = ["ALL"]               # rule codes, names or code prefixes
    ignore = []
    fail-on = "error"              # error | warning | info
    unbranded = false              # the shop sells unbranded goods: no missing-brand
    allow = ["最佳拍档"]            # phrases never reported as absolute terms or spam
    extra-lexicons = ["my-brands.txt", "products=words.txt"]
    segmenter = "auto"             # auto (rjieba when installed, else jieba) | jieba | rjieba
    recogniser = true              # the trained brand/product/model recogniser (false: lexicons only)
    templates = "my-templates"     # outline templates overriding the shipped ones by name
    fix-passes = 5

    [platforms.jd]                 # user-defined platforms
    limit = 90
    unit = "chars"                 # gbk (bytes) | chars

    [rules.promo-overload]         # per rule: severity and options
    severity = "error"
    max = 3

    [columns]                      # CSV column names
    title = "宝贝名称"
    brand = "品牌"

CLI flags override the file. Unknown keys are errors that name the key.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from .errors import ConfigError
from .platform import BUILTIN, UNITS, Platform
from .problems import SEVERITIES
from .rules import REGISTRY, find, rule_matches

COLUMN_KEYS = ("title", "brand", "model", "category", "attributes", "style", "selling_points",
               "promotion", "keyword", "volume")
SEGMENTERS = ("auto", "jieba", "rjieba")
_TOP_KEYS = {
    "platform", "select", "ignore", "fail-on", "unbranded", "allow", "extra-lexicons",
    "segmenter", "fix-passes", "platforms", "rules", "columns", "recogniser", "templates",
}


@dataclass(frozen=True)
class Config:
    platform: str = "taobao"
    select: tuple[str, ...] = ("ALL",)
    ignore: tuple[str, ...] = ()
    fail_on: str = "error"
    unbranded: bool = False
    allow: tuple[str, ...] = ()
    extra_lexicons: tuple[str, ...] = ()
    segmenter: str = "auto"
    recogniser: bool = True
    templates: str | None = None
    fix_passes: int = 5
    platforms: dict[str, Platform] = field(default_factory=lambda: dict(BUILTIN))
    rule_options: dict[str, dict[str, Any]] = field(default_factory=dict)
    columns: dict[str, str] = field(default_factory=dict)
    source: str | None = None

    @property
    def spec(self) -> Platform:
        """The platform in force: its limit, unit, fill target and wording."""
        return self.platforms[self.platform]

    @property
    def limit(self) -> int:
        return self.spec.limit

    @property
    def unit(self) -> str:
        return self.spec.unit

    def with_platform(self, name: str) -> Config:
        if name not in self.platforms:
            raise ConfigError(
                f"unknown platform '{name}' (known: {', '.join(sorted(self.platforms))}; "
                "define others under [tool.titlekit.platforms])"
            )
        return replace(self, platform=name)

    def override(self, **changes: Any) -> Config:
        changes = {k: v for k, v in changes.items() if v is not None}
        cfg = replace(self, **{k: v for k, v in changes.items() if k != "platform"})
        if "platform" in changes:
            cfg = cfg.with_platform(changes["platform"])
        validate_selection(cfg)
        return cfg


def validate_selection(cfg: Config) -> None:
    names = [(r.name, r.code) for r in REGISTRY]
    for sel in cfg.select + cfg.ignore:
        if not any(rule_matches(sel, n, c) for n, c in names):
            raise ConfigError(f"unknown rule '{sel}' in select/ignore (see `titlekit rules`)")


def find_config(start: Path) -> Path | None:
    """Nearest .titlekit.toml, or pyproject.toml with [tool.titlekit], from ``start`` upwards.

    A pyproject.toml on the way that cannot be read (not TOML, not UTF-8, ``tool`` not a
    table) is an error naming it, not a file silently passed over.
    """
    start = start.resolve()
    for d in [start, *start.parents]:
        own = d / ".titlekit.toml"
        if own.is_file():
            return own
        py = d / "pyproject.toml"
        if py.is_file() and _tool_section(py, _read_toml(py)) is not None:
            return py
    return None


def _read_toml(path: Path) -> dict[str, Any]:
    """A TOML file (UTF-8, with or without the BOM Windows editors write)."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError as exc:
        raise ConfigError(f"{path}: config file not found") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read config: {exc}") from exc
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from exc
    except RecursionError:
        raise ConfigError(f"{path}: invalid TOML: nested too deeply") from None


def _tool_section(path: Path, data: dict[str, Any]) -> dict[str, Any] | None:
    """``[tool.titlekit]`` of a pyproject.toml, None when it has none."""
    tool = data.get("tool", {})
    if not isinstance(tool, dict):
        raise ConfigError(f"{path}: 'tool' must be a table ([tool]), got {tool!r}")
    if "titlekit" not in tool:
        return None
    section = tool["titlekit"]
    if not isinstance(section, dict):
        raise ConfigError(f"{path}: 'tool.titlekit' must be a table ([tool.titlekit]), "
                          f"got {section!r}")
    return section


def load_config(path: Path | None = None, *, search_from: Path | None = None) -> Config:
    if path is None:
        path = find_config(search_from or Path.cwd())
        if path is None:
            return Config()
    data = _read_toml(Path(path))
    if Path(path).name == "pyproject.toml":
        data = _tool_section(Path(path), data) or {}
    return from_dict(data, str(path))


def _typed(src: str, key: str, value: Any, kind: type | tuple[type, ...]) -> Any:
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        want = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
        raise ConfigError(f"{src}: key '{key}' must be {want}, got {value!r}")
    return value


def _str_list(src: str, key: str, value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    _typed(src, key, value, list)
    for v in value:
        _typed(src, key, v, str)
    return tuple(value)


def _relative(src: str, spec: str) -> str:
    """An extra-lexicon spec (``path`` or ``kind=path``) with the path taken from the config's
    directory."""
    kind, sep, name = spec.rpartition("=") if "=" in spec else ("", "", spec)
    if src != "config" and not Path(name).expanduser().is_absolute():
        name = str(Path(src).parent / name)
    return f"{kind}={name}" if sep else name


def from_dict(data: dict[str, Any], src: str = "config") -> Config:
    for key in data:
        if key not in _TOP_KEYS:
            raise ConfigError(f"{src}: unknown key '{key}' (known: {', '.join(sorted(_TOP_KEYS))})")
    platforms = dict(BUILTIN)
    for name, p in _typed(src, "platforms", data.get("platforms", {}), dict).items():
        _typed(src, f"platforms.{name}", p, dict)
        for k in p:
            if k not in ("limit", "unit", "fill-ratio"):
                raise ConfigError(f"{src}: unknown key 'platforms.{name}.{k}' "
                                  "(known: limit, unit, fill-ratio)")
        limit = _typed(src, f"platforms.{name}.limit", p.get("limit", 60), int)
        unit = _typed(src, f"platforms.{name}.unit", p.get("unit", "gbk"), str)
        ratio = _typed(src, f"platforms.{name}.fill-ratio", p.get("fill-ratio", 0.9),
                       (int, float))
        if unit not in UNITS or limit <= 0:
            raise ConfigError(f"{src}: platforms.{name}: unit must be gbk or chars, limit > 0")
        if not 0 <= ratio <= 1:
            raise ConfigError(f"{src}: platforms.{name}.fill-ratio must be between 0 and 1")
        platforms[name] = Platform(name, limit, unit, float(ratio))
    rule_options: dict[str, dict[str, Any]] = {}
    for name, opts in _typed(src, "rules", data.get("rules", {}), dict).items():
        rule = find(name)
        if rule is None:
            raise ConfigError(f"{src}: unknown rule 'rules.{name}' (see `titlekit rules`)")
        _typed(src, f"rules.{name}", opts, dict)
        for k, v in opts.items():
            if k == "severity":
                if v not in SEVERITIES:
                    raise ConfigError(f"{src}: rules.{name}.severity must be one of {SEVERITIES}")
            elif k not in rule.options:
                known = ", ".join(["severity", *rule.options]) or "severity"
                raise ConfigError(f"{src}: unknown key 'rules.{name}.{k}' (known: {known})")
            else:
                why = rule.options[k].check(v)
                if why:
                    raise ConfigError(f"{src}: rules.{name}.{k} {why}")
        rule_options[rule.name] = dict(opts)
    columns = _typed(src, "columns", data.get("columns", {}), dict)
    for k, v in columns.items():
        if k not in COLUMN_KEYS:
            raise ConfigError(f"{src}: unknown key 'columns.{k}' (known: {', '.join(COLUMN_KEYS)})")
        _typed(src, f"columns.{k}", v, str)
    segmenter = _typed(src, "segmenter", data.get("segmenter", "auto"), str)
    if segmenter not in SEGMENTERS:
        raise ConfigError(f"{src}: segmenter must be one of {', '.join(SEGMENTERS)}, "
                          f"got {segmenter!r}")
    fail_on = _typed(src, "fail-on", data.get("fail-on", "error"), str)
    if fail_on not in SEVERITIES:
        raise ConfigError(f"{src}: fail-on must be one of {', '.join(SEVERITIES)}")
    cfg = Config(
        select=_str_list(src, "select", data.get("select", ["ALL"])),
        ignore=_str_list(src, "ignore", data.get("ignore", [])),
        fail_on=fail_on,
        unbranded=_typed(src, "unbranded", data.get("unbranded", False), bool),
        allow=_str_list(src, "allow", data.get("allow", [])),
        extra_lexicons=tuple(
            _relative(src, p) for p in _str_list(src, "extra-lexicons", data.get("extra-lexicons", []))
        ),
        segmenter=segmenter,
        recogniser=_typed(src, "recogniser", data.get("recogniser", True), bool),
        templates=(_relative(src, _typed(src, "templates", data["templates"], str))
                   if "templates" in data else None),
        fix_passes=_typed(src, "fix-passes", data.get("fix-passes", 5), int),
        platforms=platforms,
        rule_options=rule_options,
        columns=dict(columns),
        source=src,
    )
    cfg = cfg.with_platform(_typed(src, "platform", data.get("platform", "taobao"), str))
    validate_selection(cfg)
    return cfg
