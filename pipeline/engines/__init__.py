"""Engines: run one picklable function over a stream of work items, results in input order.

An engine knows nothing about documents. :mod:`pipeline.batch` hands it a function that
turns a chunk of inputs into results, and a ``setup`` function each worker runs once
(to load the pipeline) before its first chunk. Engines keep a bounded number of chunks in
flight, so memory does not grow with the size of the corpus, and yield results in the
order of the inputs, so output does not depend on which worker was faster.

* :func:`pipeline.engines.local.run_local`: this process (one worker) or a process pool.
* :func:`pipeline.engines.dask.run_dask`: a Dask distributed cluster, local or remote.
"""

from __future__ import annotations

import os

from threadpoolctl import threadpool_limits

ENGINES = ("local", "dask")


def one_native_thread():
    """Hold BLAS and OpenMP pools (numpy's OpenBLAS under natasha, torch) to one thread.

    A worker is one process per core. Left alone, OpenBLAS starts a thread per core in
    every worker, and on small matrices those threads spin more than they compute: one
    worker ran 9% slower and burnt a third more CPU, and two workers were no faster
    than one (benchmarks/throughput.py). It holds the libraries loaded when it is called,
    so engines call it after loading the pipeline. Returns a limiter whose
    ``restore_original_limits()`` undoes it, or use it as a context manager.
    """
    return threadpool_limits(limits=1)


def default_workers() -> int:
    """All cores this process may use.

    >>> default_workers() >= 1
    True
    """
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1
