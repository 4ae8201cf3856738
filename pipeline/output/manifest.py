"""The run manifest ``_run.json``: what a batch saw, wrote, refused, and where it stopped.

It is written when a run starts, every few seconds while it runs, when it is interrupted
(Ctrl-C, SIGTERM) and at the end, always atomically, so after any stop the folder holds a
manifest that says how far the run got; ``--resume`` reads it back.
"""

from __future__ import annotations

import datetime as dt
import json
import platform
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any, Optional

from .. import __version__
from ..records import SCHEMA_VERSION
from .writers import write_atomic

MANIFEST_NAME = "_run.json"
VERSIONED = ("spacy", "pydantic", "dateparser", "langdetect", "pycld2", "charset-normalizer",
             "pymorphy3", "natasha")


def library_versions() -> dict[str, str]:
    versions = {"python": platform.python_version(), "pressfacts": __version__}
    for name in VERSIONED:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions


@dataclass
class RunReport:
    """What the manifest records.

    ``status`` is ``running``, ``interrupted`` or ``complete``; ``exit_code`` is 128 plus
    the signal for an interrupted run (130 for Ctrl-C), else 1 when any input failed.

    >>> report = RunReport(out_dir=None, options={}, inputs_total=2)
    >>> report.failed.append({"input": "a.txt", "reason": "binary content"})
    >>> report.exit_code, report.manifest()["n_failed"]
    (1, 1)
    """

    out_dir: Optional[Path]
    options: dict[str, Any]
    fingerprint: str = ""
    engine: str = "local"
    workers: int = 1
    inputs_total: int = 0
    inputs_seen: int = 0
    status: str = "running"
    written: list[dict[str, Any]] = field(default_factory=list)
    failed: list[dict[str, Any]] = field(default_factory=list)
    n_resumed: int = 0
    words: int = 0
    worker_stats: dict[int, dict[str, Any]] = field(default_factory=dict)
    next_input: Optional[str] = None
    signal: int = 0
    started: str = field(default_factory=lambda: dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"))
    seconds: float = 0.0

    @property
    def exit_code(self) -> int:
        if self.status == "interrupted":
            return 128 + self.signal
        return 1 if self.failed else 0

    @property
    def n_done(self) -> int:
        return len(self.written) + len(self.failed)

    def manifest(self) -> dict[str, Any]:
        return {
            "pressfacts_version": __version__,
            "schema_version": SCHEMA_VERSION,
            "pipeline": {"version": __version__, "fingerprint": self.fingerprint},
            "status": self.status,
            "started": self.started,
            "seconds": round(self.seconds, 3),
            "options": self.options,
            "engine": self.engine,
            "workers": self.workers,
            "versions": library_versions(),
            "inputs_total": self.inputs_total,
            "inputs_seen": self.inputs_seen,
            "next_input": self.next_input,
            "n_written": len(self.written),
            "n_resumed": self.n_resumed,
            "n_failed": len(self.failed),
            "words": self.words,
            "worker_stats": [dict(pid=pid, **stats) for pid, stats in sorted(self.worker_stats.items())],
            "written": self.written,
            "failed": self.failed,
        }

    def save(self) -> None:
        if self.out_dir is not None:
            write_atomic(self.out_dir / MANIFEST_NAME,
                         json.dumps(self.manifest(), ensure_ascii=False, indent=2) + "\n")


def read_manifest(out_dir: Path) -> Optional[dict[str, Any]]:
    """The manifest a previous run left in ``out_dir``, or None when there is none (or it is unreadable)."""
    try:
        return json.loads((out_dir / MANIFEST_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
