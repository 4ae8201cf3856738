"""Batch runs over files and folders: one JSON per input, a manifest, and an exit status.

A file that cannot be processed never stops the run and is never silently dropped: it is
listed in ``_run.json`` under ``failed`` with its reason, and the status is non-zero.
"""

from __future__ import annotations

import datetime as dt
import json
import platform
import time
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any, Optional

from . import __version__
from .api import Pipeline
from .errors import InputError
from .output.writers import record_json, write_atomic
from .reading import DEFAULT_MAX_BYTES, InputFile, discover, read_input
from .records import SCHEMA_VERSION

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
    """What the manifest records; ``exit_code`` is 1 when any input failed."""

    out_dir: Path
    options: dict[str, Any]
    inputs_seen: int = 0
    written: list[dict[str, Any]] = field(default_factory=list)
    failed: list[dict[str, Any]] = field(default_factory=list)
    started: str = field(default_factory=lambda: dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"))
    seconds: float = 0.0

    @property
    def exit_code(self) -> int:
        return 1 if self.failed else 0

    def manifest(self) -> dict[str, Any]:
        return {
            "pressfacts_version": __version__,
            "schema_version": SCHEMA_VERSION,
            "started": self.started,
            "seconds": round(self.seconds, 3),
            "options": self.options,
            "versions": library_versions(),
            "inputs_seen": self.inputs_seen,
            "n_written": len(self.written),
            "n_failed": len(self.failed),
            "written": self.written,
            "failed": self.failed,
        }


def output_path(out_dir: Path, item: InputFile) -> Path:
    return out_dir / item.relative.with_suffix(".json")


def process_one(pipe: Pipeline, item: InputFile, *, max_bytes: int,
                use_file_dates: bool = False) -> tuple[Optional[str], dict[str, Any]]:
    """``(json_text or None, manifest entry)`` for one input; never raises for bad input."""
    entry: dict[str, Any] = {"input": item.path.as_posix(), "id": item.id}
    try:
        source = read_input(item, max_bytes=max_bytes)
    except InputError as err:
        entry.update(reason=str(err), error=type(err).__name__)
        return None, entry
    except OSError as err:
        entry.update(reason=f"cannot read file: {err.strerror or err}", error=type(err).__name__)
        return None, entry
    metadata_date = None
    if use_file_dates and item.path.as_posix() != "-":
        metadata_date = dt.date.fromtimestamp(item.path.stat().st_mtime)
    record = pipe.extract_source(source, metadata_date=metadata_date)
    entry.update(sha256=source.sha256, encoding=source.encoding, n_chars=len(source.text),
                 warnings=len(record.warnings))
    return record_json(record), entry


def run_batch(inputs: list[str], out_dir: Path, *, glob: str = "*.txt", pipe: Optional[Pipeline] = None,
              max_bytes: int = DEFAULT_MAX_BYTES, use_file_dates: bool = False,
              options: Optional[dict[str, Any]] = None) -> RunReport:
    """Process every input, write ``out_dir/<relative>.json`` and ``out_dir/_run.json``."""
    started = time.perf_counter()
    pipe = pipe or Pipeline()
    report = RunReport(out_dir=out_dir, options=dict(options or {}, glob=glob, max_bytes=max_bytes))
    out_dir.mkdir(parents=True, exist_ok=True)
    for item in discover(inputs, glob=glob):
        report.inputs_seen += 1
        if not item.path.exists() and item.path.as_posix() != "-":
            report.failed.append({"input": item.path.as_posix(), "id": item.id,
                                  "reason": "no such file or folder", "error": "FileNotFoundError"})
            continue
        text, entry = process_one(pipe, item, max_bytes=max_bytes, use_file_dates=use_file_dates)
        if text is None:
            report.failed.append(entry)
            continue
        target = output_path(out_dir, item)
        write_atomic(target, text)
        entry["output"] = target.relative_to(out_dir).as_posix()
        report.written.append(entry)
    report.seconds = time.perf_counter() - started
    write_atomic(out_dir / MANIFEST_NAME, json.dumps(report.manifest(), ensure_ascii=False, indent=2) + "\n")
    return report
