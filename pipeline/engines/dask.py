"""A Dask distributed cluster: the same per-document function, on many machines.

Each worker loads the pipeline once: a worker plugin runs ``setup`` when the worker
joins (also on workers that join later), and the work function keeps what it loaded in a
process-wide global. Without a scheduler address a :class:`~distributed.LocalCluster` of
single-threaded worker processes is started here and closed at the end.
"""

from __future__ import annotations

import logging
from collections import deque
from typing import Callable, Iterable, Iterator, Optional, TypeVar

from distributed import Client, LocalCluster, WorkerPlugin

from ..errors import EngineError
from . import one_native_thread

CONNECT_SECONDS = 10

T = TypeVar("T")
R = TypeVar("R")


class RunSetup(WorkerPlugin):
    """Run a setup function once in every worker process, before it takes work.

    >>> RunSetup(print).idempotent
    True
    """

    idempotent = True  # registering it again (a second run on the same cluster) is a no-op

    def __init__(self, setup: Callable[[], None]):
        self.setup_function = setup

    def setup(self, worker) -> None:  # noqa: ARG002 - the plugin API passes the worker
        self.setup_function()
        one_native_thread()  # after setup: a limit holds only libraries loaded by then


def run_dask(fn: Callable[[T], R], items: Iterable[T], *, scheduler: Optional[str] = None,
             workers: int = 1, setup: Optional[Callable[[], None]] = None,
             in_flight: Optional[int] = None) -> Iterator[R]:
    """``fn(item)`` for every item, in order, on the cluster at ``scheduler`` (or a local one)."""
    cluster = None
    if scheduler:
        try:
            client = Client(scheduler, timeout=CONNECT_SECONDS)
        except (OSError, TimeoutError, ValueError) as err:
            raise EngineError(f"cannot reach the Dask scheduler at {scheduler}: {err}") from err
    else:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=logging.ERROR)
        client = Client(cluster)
    pending: deque = deque()
    try:
        if setup is not None:
            client.register_plugin(RunSetup(setup), name="pressfacts-setup")
        threads = sum(client.nthreads().values())
        limit = in_flight or 4 * max(threads, 1)
        for item in items:
            pending.append(client.submit(fn, item, pure=False))
            if len(pending) >= limit:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        client.cancel(list(pending))
        client.close()
        if cluster is not None:
            cluster.close()
