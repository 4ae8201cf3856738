"""This machine: the calling process for one worker, a pool of processes for more.

Python threads would share one interpreter lock and gain nothing on this CPU-bound work,
so parallel runs use processes. Each worker runs ``setup`` once (loading the models) and
then takes chunks; at most ``in_flight`` chunks are queued, so a folder of a million files
is streamed, not loaded.
"""

from __future__ import annotations

import multiprocessing
import signal
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from typing import Callable, Iterable, Iterator, Optional, TypeVar

from . import one_native_thread

T = TypeVar("T")
R = TypeVar("R")


def _start_worker(setup: Optional[Callable[[], None]]) -> None:
    # Ctrl-C reaches the whole process group; the parent alone decides how to stop (it
    # writes the manifest and shuts the pool down), so workers must not die mid-chunk.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if setup is not None:
        setup()
    one_native_thread()  # after setup: a limit holds only libraries loaded by then


def run_local(fn: Callable[[T], R], items: Iterable[T], *, workers: int = 1,
              setup: Optional[Callable[[], None]] = None, in_flight: Optional[int] = None) -> Iterator[R]:
    """``fn(item)`` for every item, in order, with ``workers`` processes.

    >>> list(run_local(abs, [-2, 3, -1]))
    [2, 3, 1]
    """
    if workers <= 1:
        if setup is not None:
            setup()
        with one_native_thread():
            for item in items:
                yield fn(item)
        return
    # A fork server forks workers from a clean process that has imported the pipeline and
    # its libraries once; plain fork would copy whatever threads the caller runs (Dask, a
    # notebook).
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["pipeline.batch", "pipeline.api"])
    limit = in_flight or 4 * workers
    pending: deque = deque()
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker,
                             initargs=(setup,)) as pool:
        try:
            for item in items:
                pending.append(pool.submit(fn, item))
                if len(pending) >= limit:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
