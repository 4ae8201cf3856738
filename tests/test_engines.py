"""Engines: ordered, bounded, and the same bytes on a real Dask cluster of two worker processes."""

from __future__ import annotations

import importlib
import logging
import shutil
from pathlib import Path

import pytest

from pipeline import batch
from pipeline.batch import run_batch
from pipeline.engines.local import run_local

REPO = Path(__file__).resolve().parent.parent


def test_pool_keeps_input_order_and_bounds_work_in_flight():
    pulled = []

    def items():
        for i in range(200):
            pulled.append(i)
            yield -i

    results = run_local(abs, items(), workers=2, in_flight=5)
    assert next(results) == 0
    assert len(pulled) <= 6  # the first result is back before the rest of the stream is read
    assert list(results) == list(range(1, 200))


def _native_threads(_item) -> list[tuple[str, int]]:
    """(library kind, threads) of every BLAS / OpenMP pool loaded in this process."""
    from threadpoolctl import threadpool_info

    return sorted({(pool["user_api"], pool["num_threads"]) for pool in threadpool_info()})


@pytest.mark.parametrize("workers", [1, 2])
def test_workers_hold_blas_and_openmp_to_one_thread(workers):
    # Workers import the pipeline (numpy, OpenBLAS); each must run its pools single-threaded,
    # or two workers on two cores oversubscribe them and gain nothing over one.
    importlib.import_module("numpy")  # one worker runs here: loaded as the pipeline's setup would

    seen = list(run_local(_native_threads, range(4), workers=workers))
    pools = {pool for result in seen for pool in result}
    assert any(kind == "blas" for kind, _ in pools), pools  # numpy's BLAS is loaded there
    assert {threads for _, threads in pools} == {1}, pools


def test_one_worker_restores_the_callers_thread_limits():
    from threadpoolctl import threadpool_info

    importlib.import_module("numpy")  # its BLAS must be loaded, or there is nothing to restore
    before = _native_threads(None)
    assert list(run_local(_native_threads, range(2), workers=1))
    assert _native_threads(None) == before
    assert threadpool_info()  # numpy's BLAS is loaded in the test process


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("dask-in")
    for sample in sorted((REPO / "samples").glob("*/*.txt"))[::3]:
        target = folder / sample.parent.name / sample.name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(sample, target)
    return folder


def _outputs(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*.json")) if p.name != "_run.json"}


def _pipelines_loaded() -> int:
    return len(batch._WORKER_PIPELINES)


def test_dask_cluster_with_two_workers_gives_the_plain_run_bytes(corpus, tmp_path, pipe):
    distributed = pytest.importorskip("distributed")
    plain = tmp_path / "plain"
    run_batch([str(corpus)], plain, pipe=pipe, workers=1)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  silence_logs=logging.ERROR) as cluster:
        report = run_batch([str(corpus)], tmp_path / "dask", engine="dask",
                           scheduler=cluster.scheduler_address, workers=2)
        with distributed.Client(cluster) as client:
            loaded = client.run(_pipelines_loaded)
            worker_pids = set(client.run(lambda: __import__("os").getpid()).values())
    assert report.exit_code == 0 and report.status == "complete"
    assert _outputs(tmp_path / "dask") == _outputs(plain)
    assert len(_outputs(plain)) == len(list(corpus.rglob("*.txt")))
    assert sorted(loaded.values()) == [1, 1]  # the plugin loaded one pipeline in each worker
    assert {w["pid"] for w in report.manifest()["worker_stats"]} <= worker_pids
    assert report.manifest()["engine"] == "dask"
