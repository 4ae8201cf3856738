"""This machine: the calling process for one worker, a pool of processes for more.

Python threads would share one interpreter lock and gain nothing on this CPU-bound work,
so parallel runs use processes. Each worker runs ``setup`` once (loading the models) and
then takes chunks; at most ``in_flight`` chunks are queued, so a folder of a million files
is streamed, not loaded.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import forkserver
from typing import Callable, Iterable, Iterator, Optional, TypeVar

from . import one_native_thread

PARENT_CHECK_SECONDS = 1.0
T = TypeVar("T")
R = TypeVar("R")


def _start_worker(setup: Optional[Callable[[], None]], parent: int) -> None:
    # Ctrl-C reaches the whole process group; the parent alone decides how to stop (it
    # writes the manifest and shuts the pool down), so workers must not die mid-chunk.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_without, args=(parent,), daemon=True, name="pressfacts-parent-watch").start()
    if setup is not None:
        setup()
    one_native_thread()  # after setup: a limit holds only libraries loaded by then


def _exit_without(parent: int) -> None:
    """End this worker once the run's process is gone. A run killed with SIGKILL cannot
    shut its pool down; its workers would wait for work forever, holding their models'
    memory and keeping the fork server alive (they share its liveness pipe)."""
    while _alive(parent):
        time.sleep(PARENT_CHECK_SECONDS)
    os._exit(1)


def _alive(pid: int) -> bool:
    """Whether ``pid`` runs: it exists and, where /proc says, is not a zombie nobody reaped."""
    try:
        os.kill(pid, 0)
    except OSError:
        return False
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            return stat.read().rsplit(b")", 1)[1].split()[0] != b"Z"
    except (OSError, IndexError):
        return True


def start_fork_server(environment: Optional[dict[str, str]] = None):
    """The process context the pool forks its workers in, its server started now (with
    ``environment`` added to its variables) unless it runs already.

    A fork server forks workers from a clean process that has imported the pipeline and its
    libraries once; plain fork would copy whatever threads the caller runs (Dask, a
    notebook). Started before the caller has found its inputs, its import runs meanwhile on
    another core. It also imports :mod:`pipeline.warmup`, which loads the models there
    when the caller describes its pipeline in ``environment``.
    """
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["pipeline.batch", "pipeline.api", "pipeline.warmup"])
    before = {name: os.environ.get(name) for name in environment or {}}
    os.environ.update(environment or {})
    try:
        forkserver.ensure_running()
    finally:
        for name, value in before.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    return context


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
    context = start_fork_server()
    limit = in_flight or 4 * workers
    pending: deque = deque()
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker,
                             initargs=(setup, os.getpid())) as pool:
        try:
            for item in items:
                pending.append(pool.submit(fn, item))
                if len(pending) >= limit:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
