"""The config of each input: found from the input file's folder upwards (titles given as
arguments and standard input: from the current directory), with a warning when two config
files compete in one folder, and the command-line flags on top."""

from __future__ import annotations

from pathlib import Path

from . import common


class Configs:
    """Configs by folder, each loaded once; ``--config`` or ``--no-config`` give one for all."""

    def __init__(self, config_path: str | None = None, no_config: bool = False,
                 quiet: bool = False, **overrides) -> None:
        self.config_path, self.no_config, self.quiet = config_path, no_config, quiet
        self.overrides = overrides
        self._by_file: dict[str | None, object] = {}
        self._by_dir: dict[Path, str | None] = {}
        self._warned: set[Path] = set()
        self._pending: list[str] = []

    def _file_for(self, folder: Path) -> str | None:
        from ..config import find_config_files

        folder = folder.resolve()
        if folder not in self._by_dir:
            found, shadowed = find_config_files(folder)
            if shadowed is not None and shadowed.parent not in self._warned:
                self._warned.add(shadowed.parent)
                if not self.quiet:
                    self._pending.append(str(shadowed.parent))
            self._by_dir[folder] = str(found) if found else None
        return self._by_dir[folder]

    def flush_warnings(self) -> None:
        """Print the warnings so far (after the language is known)."""
        from ..i18n import t

        for d in self._pending:
            common.warn(t("config_compete", dir=d))
        self._pending.clear()

    def source(self, path: str | Path | None = None) -> str | None:
        """The config file in force for ``path`` (None: the current directory)."""
        if self.no_config:
            return None
        if self.config_path:
            return self.config_path
        if path is None:
            return self._file_for(Path.cwd())
        p = Path(path)
        if not common.path_test(p, "exists"):  # a title, or a file not there: the cwd's
            return self._file_for(Path.cwd())
        return self._file_for(p if p.is_dir() else (p.parent if str(p.parent) else Path(".")))

    def get(self, path: str | Path | None = None):
        """The settings in force for ``path``: its config file and the flags."""
        from ..config import Config, load_config

        src = self.source(path)
        if src not in self._by_file:
            cfg = Config() if src is None else load_config(Path(src))
            self._by_file[src] = cfg.override(**self.overrides)
        return self._by_file[src]
