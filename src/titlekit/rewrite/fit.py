"""Which of a row's words to add so that the title comes as close to its limit as they allow.

Words are offered in order of preference (the row's columns in their order, then keyword-file
synonyms). Taking each word that still fits, in that order, can stop short: a long word taken
early leaves a gap that two later ones would have filled (a title of 54 bytes where 58 were
within reach). :func:`fit` finds the selection that fills the most, and among those the one that
takes the earliest words; it stops as soon as a selection comes within ``enough`` of the
budget, so when taking words in order fills the title, that is the selection.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

MAX_NODES = 20_000  # a bound on the search (a row offers a few dozen words at most)


def fit(costs: Sequence[int], budget: int, allowed: Callable[[list[int], int], bool],
        enough: int = 1) -> list[int]:
    """Indices of ``costs`` (in order) whose sum is the largest one not over ``budget``,
    preferring earlier indices; ``allowed(chosen, i)`` says whether word ``i`` may join the
    words ``chosen`` (it is no repeat of one of them, say). The search ends at the first
    selection within ``enough`` of ``budget``."""
    n = len(costs)
    rest = [0] * (n + 1)  # what the words from i on add up to
    for i in range(n - 1, -1, -1):
        rest[i] = rest[i + 1] + costs[i]
    best: list[int] = []
    best_sum = 0
    chosen: list[int] = []
    nodes = 0

    def search(i: int, total: int) -> bool:
        nonlocal best, best_sum, nodes
        if total > best_sum:
            best, best_sum = list(chosen), total
            if best_sum >= budget - enough:
                return True
        if i == n or total + rest[i] <= best_sum:
            return False
        nodes += 1
        if nodes > MAX_NODES:
            return True
        if total + costs[i] <= budget and allowed(chosen, i):  # take the word first
            chosen.append(i)
            done = search(i + 1, total + costs[i])
            chosen.pop()
            if done:
                return True
        return search(i + 1, total)

    search(0, 0)
    return best
