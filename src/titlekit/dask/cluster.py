"""A Dask client: for a scheduler's address, or a LocalCluster on this machine."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

from ..extras import require

distributed = require("distributed", "extra.dask")

LOCAL = "local"


@contextmanager
def connect(address: str | None = LOCAL, *, workers: int | None = None,
            processes: bool = True, memory_limit: str | None = None) -> Iterator:
    """A ``distributed.Client`` for ``address`` (``tcp://host:8786`` …), closed afterwards;
    ``"local"`` (or None) starts a LocalCluster of ``workers`` processes (default: one per
    core), one thread each: linting is Python code, which threads would not run in parallel."""
    if address in (None, LOCAL):
        n = workers or os.cpu_count() or 1
        kw = {"memory_limit": memory_limit} if memory_limit else {}
        with distributed.LocalCluster(n_workers=n, threads_per_worker=1, processes=processes,
                                      dashboard_address=None, **kw) as cluster, \
                distributed.Client(cluster) as client:
            yield client
        return
    with distributed.Client(address) as client:
        yield client


def current_client():
    """The client in use (the one :func:`connect` opened), or None (Dask's local scheduler)."""
    try:
        return distributed.get_client()
    except ValueError:
        return None


def worker_peak_rss() -> dict[str, int]:
    """Peak resident memory (bytes) of each worker process of the current client."""
    client = current_client()
    if client is None:
        return {}
    return client.run(_peak_rss)


def _peak_rss() -> int:
    import resource
    import sys

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024
