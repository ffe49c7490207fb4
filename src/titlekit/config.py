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
    discover-brands = true         # catalogs of 50+ titles: recurring leading words are brands
    templates = "my-templates"     # outline templates overriding the shipped ones by name
    fix-passes = 5
    lang = "zh"                    # zh | en: the language of everything around rule messages
    include = ["*.csv", "*.txt"]   # files read from a directory given as input (see the README)
    exclude = ["drafts"]           # more names or paths skipped there (hidden, .venv, node_modules
                                   # always are)

    [platforms.jd]                 # user-defined platforms
    limit = 90
    unit = "chars"                 # gbk (bytes) | chars

    [rules.promo-overload]         # per rule: severity and options
    severity = "error"
    max = 3

    [columns]                      # CSV column names
    title = "宝贝名称"
    brand = "品牌"

CLI flags override the file. Unknown keys are errors that name the key and its line. The
config of an input file is the nearest one from the file's folder upwards (titles given as
arguments: from the current directory); where a folder holds both a .titlekit.toml and a
pyproject.toml with [tool.titlekit], .titlekit.toml wins and :func:`find_config_files` says
which one it shadows.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    pass
else:  # pragma: no cover
    pass

from .errors import ConfigError
from .i18n import t
from .platform import BUILTIN, UNITS, Platform
from .problems import SEVERITIES
from .rules import REGISTRY, find, rule_matches
from .tomlfile import line_of, read_toml, tool_section

COLUMN_KEYS = ("title", "brand", "model", "category", "attributes", "style", "selling_points",
               "promotion", "keyword", "volume")
SEGMENTERS = ("auto", "jieba", "rjieba")
_TOP_KEYS = {
    "platform", "select", "ignore", "fail-on", "unbranded", "allow", "extra-lexicons",
    "segmenter", "fix-passes", "platforms", "rules", "columns", "recogniser", "templates",
    "discover-brands", "lang", "include", "exclude",
}
LANGS = ("zh", "en")


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
    discover_brands: bool = True  # a catalog's recurring leading words become its brands
    templates: str | None = None
    fix_passes: int = 5
    platforms: dict[str, Platform] = field(default_factory=lambda: dict(BUILTIN))
    rule_options: dict[str, dict[str, Any]] = field(default_factory=dict)
    columns: dict[str, str] = field(default_factory=dict)
    source: str | None = None
    lang: str | None = None  # None: the default (Chinese)
    include: tuple[str, ...] | None = None  # None: the default file patterns of a directory
    exclude: tuple[str, ...] = ()

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
            raise ConfigError(t("cfg.unknown_platform", name=name,
                                known=", ".join(sorted(self.platforms))))
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
            raise ConfigError(t("cfg.unknown_selection", sel=sel))


def find_config(start: Path) -> Path | None:
    """Nearest .titlekit.toml, or pyproject.toml with [tool.titlekit], from ``start`` upwards.

    A pyproject.toml on the way that cannot be read (not TOML, not UTF-8, ``tool`` not a
    table) is an error naming it, not a file silently passed over.
    """
    return find_config_files(start)[0]


def _has_titlekit_table(py: Path) -> bool:
    return tool_section(py, read_toml(py)) is not None


def find_config_files(start: Path) -> tuple[Path | None, Path | None]:
    """The config in force from ``start`` (a folder) upwards, and the pyproject.toml with
    [tool.titlekit] it shadows in the same folder (None when there is no such competitor)."""
    start = start.resolve()
    for d in [start, *start.parents]:
        own = d / ".titlekit.toml"
        py = d / "pyproject.toml"
        py_has = py.is_file() and _has_titlekit_table(py)
        if own.is_file():
            return own, (py if py_has else None)
        if py_has:
            return py, None
    return None, None


def load_config(path: Path | None = None, *, search_from: Path | None = None) -> Config:
    if path is None:
        path = find_config(search_from or Path.cwd())
        if path is None:
            return Config()
    data = read_toml(Path(path))
    pyproject = Path(path).name == "pyproject.toml"
    if pyproject:
        data = tool_section(Path(path), data) or {}
    try:
        return from_dict(data, str(path))
    except ConfigError as exc:
        key = getattr(exc, "key", None)
        line = (line_of(Path(path).read_text(encoding="utf-8-sig"), key, pyproject)
                if key else None)
        prefix = f"{path}: "
        if line is None or not str(exc).startswith(prefix):
            raise
        raise ConfigError(f"{path}:{line}: {str(exc)[len(prefix):]}") from None


def _unknown(src: str, key: str, known: str) -> ConfigError:
    exc = ConfigError(f"{src}: " + t("cfg.unknown_key", key=key, known=known))
    exc.key = key  # type: ignore[attr-defined]  # load_config adds its line
    return exc


def _typed(src: str, key: str, value: Any, kind: type | tuple[type, ...]) -> Any:
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        want = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
        raise ConfigError(f"{src}: " + t("cfg.value", key=key,
                                         why=t("opt.type", want=want, value=repr(value))))
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
            raise _unknown(src, key, ", ".join(sorted(_TOP_KEYS)))
    platforms = dict(BUILTIN)
    for name, p in _typed(src, "platforms", data.get("platforms", {}), dict).items():
        _typed(src, f"platforms.{name}", p, dict)
        for k in p:
            if k not in ("limit", "unit", "fill-ratio"):
                raise _unknown(src, f"platforms.{name}.{k}", "limit, unit, fill-ratio")
        limit = _typed(src, f"platforms.{name}.limit", p.get("limit", 60), int)
        unit = _typed(src, f"platforms.{name}.unit", p.get("unit", "gbk"), str)
        ratio = _typed(src, f"platforms.{name}.fill-ratio", p.get("fill-ratio", 0.9),
                       (int, float))
        if unit not in UNITS or limit <= 0:
            raise ConfigError(f"{src}: " + t("cfg.platform", name=name))
        if not 0 <= ratio <= 1:
            raise ConfigError(f"{src}: " + t("cfg.ratio", name=name))
        platforms[name] = Platform(name, limit, unit, float(ratio))
    rule_options: dict[str, dict[str, Any]] = {}
    for name, opts in _typed(src, "rules", data.get("rules", {}), dict).items():
        rule = find(name)
        if rule is None:
            raise ConfigError(f"{src}: " + t("cfg.unknown_rule", name=name))
        _typed(src, f"rules.{name}", opts, dict)
        for k, v in opts.items():
            if k == "severity":
                if v not in SEVERITIES:
                    raise ConfigError(f"{src}: " + t("cfg.one_of", key=f"rules.{name}.severity",
                                                     choices=", ".join(SEVERITIES),
                                                     value=repr(v)))
            elif k not in rule.options:
                known = ", ".join(["severity", *rule.options]) or "severity"
                raise _unknown(src, f"rules.{name}.{k}", known)
            else:
                why = rule.options[k].check(v)
                if why:
                    raise ConfigError(f"{src}: " + t("cfg.value", key=f"rules.{name}.{k}", why=why))
        rule_options[rule.name] = dict(opts)
    columns = _typed(src, "columns", data.get("columns", {}), dict)
    for k, v in columns.items():
        if k not in COLUMN_KEYS:
            raise _unknown(src, f"columns.{k}", ", ".join(COLUMN_KEYS))
        _typed(src, f"columns.{k}", v, str)
    segmenter = _typed(src, "segmenter", data.get("segmenter", "auto"), str)
    if segmenter not in SEGMENTERS:
        raise ConfigError(f"{src}: " + t("cfg.one_of", key="segmenter",
                                         choices=", ".join(SEGMENTERS), value=repr(segmenter)))
    fail_on = _typed(src, "fail-on", data.get("fail-on", "error"), str)
    if fail_on not in SEVERITIES:
        raise ConfigError(f"{src}: " + t("cfg.one_of", key="fail-on",
                                         choices=", ".join(SEVERITIES), value=repr(fail_on)))
    lang = _typed(src, "lang", data.get("lang", "zh"), str)
    if lang not in LANGS:
        raise ConfigError(f"{src}: " + t("cfg.one_of", key="lang", choices=", ".join(LANGS),
                                         value=repr(lang)))
    cfg = Config(
        lang=lang if "lang" in data else None,
        include=_str_list(src, "include", data["include"]) if "include" in data else None,
        exclude=_str_list(src, "exclude", data.get("exclude", [])),
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
        discover_brands=_typed(src, "discover-brands", data.get("discover-brands", True), bool),
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
