"""What every formatter shares: the run's summary and where a result came from."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..problems import SEVERITY_RANK, Result


@dataclass
class Tally:
    """The counts a run's summary and exit status need, added up result by result, so a
    streamed run keeps no results; tallies of parts of a run add up (``merge``)."""

    titles: int = 0
    problems: int = 0
    errors: int = 0
    warnings: int = 0
    infos: int = 0
    score_sum: int = 0
    worst: int = -1  # rank of the most severe problem (-1: none)

    def add(self, r: Result) -> None:
        self.titles += 1
        self.score_sum += r.score
        for p in r.problems:
            self.problems += 1
            sev = p.severity
            if sev == "error":
                self.errors += 1
            elif sev == "warning":
                self.warnings += 1
            elif sev == "info":
                self.infos += 1
            self.worst = max(self.worst, SEVERITY_RANK[sev])

    def add_all(self, results: Iterable[Result]) -> Tally:
        for r in results:
            self.add(r)
        return self

    def merge(self, other: Tally) -> None:
        self.titles += other.titles
        self.problems += other.problems
        self.errors += other.errors
        self.warnings += other.warnings
        self.infos += other.infos
        self.score_sum += other.score_sum
        self.worst = max(self.worst, other.worst)

    def summary(self) -> dict:
        return {
            "titles": self.titles,
            "problems": self.problems,
            "errors": self.errors,
            "warnings": self.warnings,
            "infos": self.infos,
            "mean_score": round(self.score_sum / self.titles, 1) if self.titles else None,
        }


def summary(results: Sequence[Result]) -> dict:
    return Tally().add_all(results).summary()


def where(r: Result) -> str:
    if r.path is None:
        return "<title>"
    return f"{r.path}:{r.line}" if r.line is not None else r.path
