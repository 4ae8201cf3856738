"""The run manifest ``_run.json``: what a batch saw, wrote, refused, and where it stopped.

It is written when a run starts, every few seconds while it runs, when it is interrupted
(Ctrl-C, SIGTERM) and at the end, always atomically, so after any stop the folder holds a
manifest that says how far the run got; ``--resume`` reads it back.
"""

from __future__ import annotations

import datetime as dt
import errno
import fcntl
import json
import os
import platform
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any, Optional

from .. import __version__
from ..records import SCHEMA_VERSION
from .writers import write_atomic

MANIFEST_NAME = "_run.json"
LOCK_NAME = "_run.lock"
VERSIONED = ("spacy", "pydantic", "dateparser", "langdetect", "pycld2", "charset-normalizer",
             "pymorphy3", "natasha")


@lru_cache(maxsize=1)   # read from package metadata once: the manifest is saved every few seconds
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

    ``status`` is ``running``, then ``complete``, ``interrupted`` (a signal) or ``aborted``
    (the run could not go on: a full disk, a closed JSONL pipe, an unreachable cluster;
    ``error`` says why). ``exit_code`` is 128 plus the signal for an interrupted run (130
    for Ctrl-C), else 1 when the run was aborted or any input failed. ``removed`` lists
    the outputs ``--resume`` deleted because their input no longer exists.

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
    error: Optional[str] = None
    removed: list[dict[str, Any]] = field(default_factory=list)
    started: str = field(default_factory=lambda: dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"))
    seconds: float = 0.0

    @property
    def exit_code(self) -> int:
        if self.status == "interrupted":
            return 128 + self.signal
        return 1 if self.failed or self.status == "aborted" else 0

    @property
    def n_done(self) -> int:
        return len(self.written) + len(self.failed)

    def manifest(self) -> dict[str, Any]:
        return {
            "pressfacts_version": __version__,
            "schema_version": SCHEMA_VERSION,
            "pipeline": {"version": __version__, "fingerprint": self.fingerprint},
            "status": self.status,
            "error": self.error,
            "started": self.started,
            "seconds": round(self.seconds, 3),
            "options": self.options,
            "engine": self.engine,
            "workers": self.workers,
            "versions": dict(library_versions()),
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
            "removed": self.removed,
        }

    def save(self) -> None:
        if self.out_dir is not None:
            text = json.dumps(self.manifest(), ensure_ascii=False, indent=2) + "\n"
            # A reason quoting an OS message may hold a name that is not UTF-8; the manifest
            # must still be written (input names are escaped before they get here).
            text = text.encode("utf-8", "backslashreplace").decode("utf-8")
            path = self.out_dir / MANIFEST_NAME
            try:
                write_atomic(path, text)
            except OSError as err:
                if err.errno != errno.ENOSPC or not path.exists():
                    raise
                # A full disk has no room for a second copy beside the old one; rewritten in
                # place, the old one's blocks are freed first. Better a final manifest than
                # one that says "running" forever.
                with open(path, "w", encoding="utf-8", newline="\n") as handle:
                    handle.write(text)


def read_manifest(out_dir: Path) -> Optional[dict[str, Any]]:
    """The manifest a previous run left in ``out_dir``, or None when there is none (or it is unreadable)."""
    try:
        return json.loads((out_dir / MANIFEST_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


class RunLock:
    """An exclusive lock on an output folder for the length of a run: a second run into the
    same folder is refused rather than mixing its records and manifest with the first's.

    The lock is ``flock`` on ``_run.lock``, so the kernel releases it when the run ends in
    any way (SIGKILL included) and a stale file never blocks the next run; a run that ends
    normally deletes the file.
    """

    def __init__(self, out_dir: Path):
        self.path = out_dir / LOCK_NAME
        self._fd: Optional[int] = None

    def acquire(self) -> None:
        from ..errors import OutputError

        while True:
            try:
                fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            except OSError as err:
                raise OutputError(f"cannot write to the output folder {self.path.parent}: {err.strerror or err}") from err
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                holder = os.read(fd, 64).split(b"\n")[0].decode("ascii", "replace").strip() or "?"
                os.close(fd)
                raise OutputError(f"another pressfacts run (pid {holder}) is writing to {self.path.parent}; "
                                  "wait for it to end or choose another --out") from None
            try:
                if os.stat(self.path).st_ino == os.fstat(fd).st_ino:
                    break
            except FileNotFoundError:
                pass
            os.close(fd)   # the run before us deleted the file we locked: lock the new one
        self._fd = fd
        try:   # who holds it, for the message of a refused run; the lock does not need it
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()}\n".encode())
        except OSError:
            pass

    def reserve(self, size: int) -> None:
        """Hold ``size`` bytes of disk in the lock file (as far as the disk allows), to be
        given back by :meth:`free_reserve` when the final manifest must be written on a
        disk the records have filled."""
        if self._fd is None:
            return
        try:
            os.posix_fallocate(self._fd, 0, size)
        except (OSError, AttributeError):
            pass   # no room even now, or no fallocate: the in-place rewrite is the fallback

    def free_reserve(self) -> None:
        if self._fd is not None:
            try:
                os.ftruncate(self._fd, 0)
            except OSError:
                pass

    def release(self) -> None:
        if self._fd is not None:
            try:
                self.path.unlink(missing_ok=True)   # before closing, while still ours
            except OSError:
                pass
            os.close(self._fd)   # closing drops the flock
            self._fd = None
