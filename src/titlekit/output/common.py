"""What every formatter shares: the run's summary and where a result came from."""

from __future__ import annotations

from collections.abc import Sequence

from ..problems import Result


def summary(results: Sequence[Result]) -> dict:
    probs = [p for r in results for p in r.problems]
    return {
        "titles": len(results),
        "problems": len(probs),
        "errors": sum(p.severity == "error" for p in probs),
        "warnings": sum(p.severity == "warning" for p in probs),
        "infos": sum(p.severity == "info" for p in probs),
        "mean_score": round(sum(r.score for r in results) / len(results), 1) if results else None,
    }


def where(r: Result) -> str:
    if r.path is None:
        return "<title>"
    return f"{r.path}:{r.line}" if r.line is not None else r.path
