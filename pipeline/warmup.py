"""Imported by the local engine's fork server (:func:`pipeline.engines.local.start_fork_server`)
before it forks any worker. When the run described its pipeline in ``PRESSFACTS_WARM_SETTINGS``,
the pipeline is built and warmed here, once: the workers forked from this process start with
every model loaded (sharing those pages) instead of each loading them while it works.
"""

from __future__ import annotations

import json
import os

from .batch import WARM_SETTINGS_VAR, warm_worker_pipeline
from .settings import Settings


def warm_from_environment() -> None:
    described = os.environ.get(WARM_SETTINGS_VAR)
    if not described:
        return
    try:
        warm_worker_pipeline(Settings(**json.loads(described)))
    except Exception:  # noqa: BLE001 - a worker that finds no warm pipeline builds its own, and reports what fails
        return


warm_from_environment()
