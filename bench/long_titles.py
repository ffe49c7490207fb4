"""Lint time of long titles (issue 20): 10k, 20k, 40k, 80k characters and a 1 MB line.

Time should grow about in proportion to the length (it was quadratic: 0.8, 1.3, 4.1, 15 s and
over 5 minutes for the 1 MB line). Prints a table; asserts nothing.

    .venv/bin/python bench/long_titles.py [--no-mb]
"""

from __future__ import annotations

import sys
import time

import titlekit

BASE = "李宁 韩版 男士 运动鞋 透气 防滑 跑步鞋 2026新款 包邮 "


def title(n: int) -> str:
    return (BASE * (n // len(BASE) + 1))[:n]


def main() -> None:
    titlekit.lint("耐克 运动鞋")  # load lexicons and the model first
    sizes = [10_000, 20_000, 40_000, 80_000]
    if "--no-mb" not in sys.argv:
        sizes.append(1_000_000)  # a line of about 2.8 MB
    print(f"{'characters':>12} {'lint s':>8} {'fix s':>8} {'µs/char':>8}")
    for n in sizes:
        t = title(n)
        t0 = time.perf_counter()
        titlekit.lint(t)
        t1 = time.perf_counter()
        titlekit.fix(t)
        t2 = time.perf_counter()
        print(f"{n:>12,} {t1 - t0:>8.2f} {t2 - t1:>8.2f} {1e6 * (t1 - t0) / n:>8.1f}",
              flush=True)


if __name__ == "__main__":
    main()
