"""Batch runs over files and folders: one JSON per input, a manifest, and an exit status.

A file that cannot be processed never stops the run and is never silently dropped: it is
listed in ``_run.json`` under ``failed`` with its reason, and the status is non-zero.

This process discovers and reads the inputs (it must hash them for ``--resume`` anyway,
and remote Dask workers need not see this disk), groups them into small chunks, and hands
the chunks to an engine; workers turn a chunk into JSON text with :func:`process_chunk`;
this process writes the results in input order. So the bytes written do not depend on the
engine or the number of workers.
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import json
import os
import resource
import signal
import sys
import threading
import time
from contextlib import closing, contextmanager
from dataclasses import asdict, dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Optional, TextIO

from . import __version__
from .engines import ENGINES, default_workers
from .errors import EngineError, InputError, OptionError, OutputError, PressFactsError
from .output.jsonl import JsonlWriter, compact
from .output.manifest import MANIFEST_NAME, RunLock, RunReport, read_manifest
from .output.progress import Progress
from .output.writers import record_json, write_atomic
from .reading import (DEFAULT_GLOB, DEFAULT_MAX_BYTES, STDIN, InputFile, discover, escape_name, read_document,
                      read_input_bytes, sha256_of, text_path_for, unescape_name)
from .records import SCHEMA_VERSION
from .resources import Resources
from .settings import Settings

if TYPE_CHECKING:
    from .api import Pipeline

__all__ = ["MANIFEST_NAME", "RunReport", "Settings", "run_batch", "process_chunk", "pipeline_fingerprint"]

# A chunk is what one worker takes at a time: big enough that passing it between processes
# costs little next to extracting it, small enough to keep every worker busy to the end.
CHUNK_DOCS = 16
CHUNK_BYTES = 256 * 1024
MANIFEST_SECONDS = 2.0
# The manifest grows with the run and is written whole: saves are kept this many times
# their own cost apart, so on a long run they take at most a twentieth of this process.
MANIFEST_SAVES_APART = 20
# Disk kept aside (in the lock file) for the final manifest: two copies, since it is
# written beside the old one and renamed; about half a kilobyte per input.
MANIFEST_BASE_BYTES = 16 * 1024
MANIFEST_ENTRY_BYTES = 1024
MANIFEST_RESERVE_MAX = 64 * 1024 * 1024


# One pipeline per worker process, loaded by the engine's setup before the first chunk (or
# lazily by the first chunk); the lock keeps a multi-threaded Dask worker from sharing it
# between threads, which would gain nothing under the interpreter lock anyway.
_WORKER_PIPELINES: dict[Settings, Pipeline] = {}
_WORKER_LOCK = threading.Lock()


def load_worker_pipeline(settings: Settings) -> Pipeline:
    """This process's pipeline for ``settings``, built on first use."""
    with _WORKER_LOCK:
        if settings not in _WORKER_PIPELINES:
            _WORKER_PIPELINES[settings] = settings.build()
        return _WORKER_PIPELINES[settings]


# The settings (JSON) of the pipeline a batch run's fork server warms: see pipeline.warmup.
WARM_SETTINGS_VAR = "PRESSFACTS_WARM_SETTINGS"


def warm_worker_pipeline(settings: Settings) -> None:
    """Build this process's pipeline for ``settings`` and extract one line per language
    (``models/warmup.yaml``), so that its models, tokenizers and patterns are loaded."""
    pipe = load_worker_pipeline(settings)
    for text in (pipe.resources.yaml("warmup.yaml") or {}).values():
        pipe.extract(str(text))
    settle_models(pipe)


_SETTLED: dict[int, int] = {}   # id(pipeline) -> how many models it had when last settled


def settle_models(pipe: Pipeline) -> None:
    """Once a worker has loaded models, move them out of the garbage collector's sight.

    Models load on first use, and they are millions of long-lived objects: every full
    collection walked them all, so a long document (many allocations, many collections)
    cost more per word than a short one. After a collection, ``gc.freeze`` sets what is
    alive aside for good; it runs again only when another model has loaded.
    """
    if _SETTLED.get(id(pipe)) != len(pipe.models):
        gc.collect()
        gc.freeze()
        _SETTLED[id(pipe)] = len(pipe.models)


@dataclass(frozen=True)
class Task:
    """One input as sent to a worker: its bytes, or the outcome this process already knows.

    ``outcome`` is ``None`` (extract ``data``), ``"failed"`` or ``"resumed"`` (``entry`` says
    why); known outcomes travel with the rest so results stay in input order.
    """

    index: int
    item: InputFile
    data: bytes = b""
    metadata_date: Optional[str] = None
    outcome: Optional[str] = None
    entry: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Result:
    index: int
    outcome: str  # "written", "failed" or "resumed"
    entry: dict[str, Any]
    text: Optional[str] = None
    line: Optional[str] = None
    words: int = 0
    pid: int = 0
    peak_rss_kib: int = 0
    extracted: Optional[str] = None  # the text taken out of a non-text input, written beside the record


class DocumentTimeout(BaseException):
    """A document took longer than the run's per-document limit.

    A ``BaseException``, like ``KeyboardInterrupt``, because the pipeline turns an
    ``Exception`` in a stage into a warning and goes on with the next stage.
    """


@contextmanager
def _time_limit(seconds: Optional[float]):
    """Raise :class:`DocumentTimeout` after ``seconds`` of work on one document.

    An alarm signal can only interrupt the main thread, which is where the local engine's
    workers run; on a Dask worker's task threads the limit is not enforced.
    """
    if not seconds or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum, frame):  # noqa: ARG001 - the signal API passes both
        raise DocumentTimeout(f"took longer than {seconds:g} s (--doc-timeout); not processed")

    previous = signal.signal(signal.SIGALRM, expire)
    # Then again every second: an exception raised while a garbage-collector callback runs
    # (hypothesis registers one; any library may) is printed and dropped, and the document
    # would go on unbounded.
    signal.setitimer(signal.ITIMER_REAL, seconds, 1.0)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _entry(item: InputFile) -> dict[str, Any]:
    return {"input": item.name, "id": item.id}


def process_task(pipe: Pipeline, task: Task, *, lines: bool = False,
                 timeout: Optional[float] = None) -> Result:
    """Extract one input; any error becomes a ``failed`` result with its reason, never an exception."""
    if task.outcome is not None:
        return Result(task.index, task.outcome, task.entry)
    entry = _entry(task.item)
    try:
        with _time_limit(timeout):   # taking the text out of a hostile PDF can take long too
            source = read_document(task.data, id=task.item.id, path=task.item.name, max_bytes=len(task.data),
                                   text_path="stdin.txt" if task.item.path.as_posix() == STDIN
                                   else text_path_for(task.item.relative))
        metadata_date = dt.date.fromisoformat(task.metadata_date) if task.metadata_date else None
        started, cpu = time.perf_counter(), time.process_time()
        with _time_limit(timeout):
            record = pipe.extract_source(source, metadata_date=metadata_date)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        text = record_json(record)
        line = record_json(record, indent=None) if lines else None
    except (InputError, DocumentTimeout) as err:
        entry.update(reason=str(err), error=type(err).__name__)
        return Result(task.index, "failed", entry)
    except Exception as err:  # noqa: BLE001 - one bad document must not stop the batch
        entry.update(reason=f"pipeline error: {type(err).__name__}: {err}", error=type(err).__name__)
        return Result(task.index, "failed", entry)
    entry.update(sha256=source.sha256, encoding=source.encoding, n_chars=len(source.text),
                 warnings=len(record.warnings), seconds=round(seconds, 4),
                 cpu_seconds=round(cpu, 4))
    if task.metadata_date:
        entry["file_date"] = task.metadata_date
    extracted = None
    if source.format != "text":
        entry.update(format=source.format, text_path=source.text_path)
        extracted = source.text
    return Result(task.index, "written", entry, text=text, line=line, words=len(source.text.split()),
                  extracted=extracted)


def process_chunk(chunk: list[Task], *, settings: Settings, lines: bool = False,
                  timeout: Optional[float] = None, pipe: Optional[Pipeline] = None) -> list[Result]:
    """The engines' work function: a chunk of tasks to results, in this worker's pipeline."""
    pipe = pipe or load_worker_pipeline(settings)
    with _WORKER_LOCK:
        results = [process_task(pipe, task, lines=lines, timeout=timeout) for task in chunk]
        settle_models(pipe)
    pid, rss = os.getpid(), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return [Result(r.index, r.outcome, r.entry, r.text, r.line, r.words, pid, rss, r.extracted) for r in results]


def pipeline_fingerprint(settings: Settings) -> str:
    """A digest of everything that shapes the output: code, models, options, versions.

    ``--resume`` reuses an output only when the run that wrote it had the same fingerprint;
    the package version alone would miss an edited extractor or a retrained model.
    """
    digest = hashlib.sha256()
    digest.update(json.dumps([__version__, SCHEMA_VERSION, settings.reference_date,
                              settings.merge_segments, settings.options_json]).encode())
    package = Path(__file__).resolve().parent
    models = Resources(settings.models_dir).root
    for root, pattern in ((package, "*.py"), (models, "*")):
        for path in sorted(p for p in root.rglob(pattern) if p.is_file() and "__pycache__" not in p.parts):
            digest.update(path.relative_to(root).as_posix().encode() + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def output_path(out_dir: Path, item: InputFile) -> Path:
    return out_dir / item.relative.with_suffix(".json")


def check_outputs(items: list[InputFile], out_dir: Optional[Path]) -> None:
    """Refuse, before any work, a run in which two inputs would write one output file.

    Outputs keep the layout of the inputs (``d/a.txt`` -> ``out/d/a.json``), so inputs
    from two folders with the same relative name (``d1/a.txt`` and ``d2/a.txt``), ``a.txt``
    beside ``a.json`` under ``--glob '*'``, ``a.txt`` beside ``A.TXT``, or ``-`` given twice
    would overwrite each other's record; the error names them so the user can split the run.
    """
    seen: dict[str, InputFile] = {}
    clashes = []
    for item in items:
        if item.problem:
            continue
        key = item.relative.with_suffix(".json").as_posix()
        if key in seen:
            clashes.append(f"{seen[key].name} and {item.name} -> {key}")
        else:
            seen[key] = item
    if clashes:
        more = f" (and {len(clashes) - 1} more)" if len(clashes) > 1 else ""
        where = f"in {out_dir}" if out_dir is not None else "in the JSONL stream (same id)"
        raise OutputError(f"two inputs would write the same output {where}: {clashes[0]}{more}; "
                          "run them into separate --out folders")


def _resumable(manifest: Optional[dict[str, Any]], fingerprint: str) -> dict[str, dict[str, Any]]:
    """Entries of a previous run's outputs, by input path, when that run had this fingerprint."""
    if not manifest or manifest.get("pipeline", {}).get("fingerprint") != fingerprint:
        return {}
    return {entry["input"]: entry for entry in manifest.get("written", [])}


def _tasks(items: list[InputFile], *, out_dir: Optional[Path], max_bytes: int, use_file_dates: bool,
           previous: dict[str, dict[str, Any]]) -> Iterator[Task]:
    """Read each input in turn (lazily: only the chunks in flight are in memory)."""
    for index, item in enumerate(items):
        entry = _entry(item)
        stdin = item.path.as_posix() == STDIN
        try:
            data = read_input_bytes(item, max_bytes=max_bytes)
        except InputError as err:
            yield Task(index, item, outcome="failed", entry=dict(entry, reason=str(err), error=type(err).__name__))
            continue
        except OSError as err:
            yield Task(index, item, outcome="failed",
                       entry=dict(entry, reason=f"cannot read file: {err.strerror or err}", error=type(err).__name__))
            continue
        file_date = None
        if use_file_dates and not stdin:
            try:
                file_date = dt.date.fromtimestamp(item.path.stat().st_mtime).isoformat()
            except OSError:   # deleted since it was read: its bytes are all we need
                pass
        old = previous.get(entry["input"])
        if (old is not None and out_dir is not None and old.get("sha256") == sha256_of(data)
                and old.get("file_date") == file_date and (out_dir / old.get("output", "")).is_file()):
            yield Task(index, item, outcome="resumed", entry=old)
            continue
        yield Task(index, item, data=data, metadata_date=file_date)


def _chunks(tasks: Iterable[Task], *, docs: int = CHUNK_DOCS) -> Iterator[list[Task]]:
    chunk: list[Task] = []
    size = 0
    for task in tasks:
        chunk.append(task)
        size += len(task.data)
        if len(chunk) >= docs or size >= CHUNK_BYTES:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


class _Terminated(KeyboardInterrupt):
    """SIGTERM, handled like Ctrl-C: stop taking inputs, write the manifest."""

    signum = signal.SIGTERM


@contextmanager
def _sigterm_interrupts():
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum, frame):  # noqa: ARG001 - the signal API passes both
        raise _Terminated()

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def run_batch(inputs: list[str], out_dir: Optional[Path], *, glob: str = DEFAULT_GLOB,
              pipe: Optional["Pipeline"] = None, models_dir: Optional[str] = None,
              reference_date: Optional[str] = None, ner: Optional[str] = None,
              stanza_dir: Optional[str] = None, max_bytes: int = DEFAULT_MAX_BYTES,
              use_file_dates: bool = False, options: Optional[dict[str, Any]] = None,
              workers: Optional[int] = 1, engine: str = "local", scheduler: Optional[str] = None,
              resume: bool = False, jsonl: Optional[TextIO] = None, progress: bool = False,
              doc_timeout: Optional[float] = None) -> RunReport:
    """Process every input; write ``out_dir/<relative>.json`` and ``out_dir/_run.json``.

    Records go to ``jsonl`` too when it is given (and only there when ``out_dir`` is None).
    With ``resume``, an input whose output ``out_dir`` already holds, written by a run with
    the same :func:`pipeline_fingerprint` from the same bytes, is kept, not redone.
    Without a ``pipe``, the pipeline is described by ``models_dir``, ``reference_date``,
    ``ner`` and ``stanza_dir`` (checked here) and built in each worker only, so the parent
    of a parallel run never loads the models. A ``pipe`` is used as is in this process for
    one local worker; other workers build the same pipeline from its settings.
    ``progress`` shows a live line on stderr when it is a terminal. A document still running after ``doc_timeout`` seconds is given up
    and listed as failed (local engine only).

    Refused before any work, with a typed error: no input at all (``InputError``), two
    inputs with one output name, an output folder that cannot be made or written, or one
    another run holds (``OutputError``). Once started, the run always ends with a final
    manifest status: ``complete``, ``interrupted`` or ``aborted`` (a full disk, a closed
    JSONL pipe, an unreachable cluster; ``report.error`` says why).
    """
    started = time.perf_counter()
    if out_dir is None and (jsonl is None or resume):
        raise OptionError("--resume needs --out" if resume else "give an output folder or a JSONL stream")
    if engine not in ENGINES:
        raise OptionError(f"unknown engine {engine!r}: use one of {', '.join(ENGINES)}")
    if pipe is not None:
        settings = Settings.of(pipe)
    else:
        settings = Settings.checked(models_dir=models_dir, reference_date=reference_date,
                                    ner=ner, stanza_dir=stanza_dir)
    workers = workers or default_workers()
    if engine == "local" and workers > 1:
        # the workers' pipeline loaded once, in the process they are forked from, while the inputs are found
        from .engines.local import start_fork_server

        start_fork_server({WARM_SETTINGS_VAR: json.dumps(asdict(settings))})
    items = list(discover(inputs, glob=glob, exclude=out_dir))
    if not items:
        raise InputError(f"no input: nothing in {', '.join(inputs)} matches --glob {glob!r} (case-insensitive)")
    check_outputs(items, out_dir)
    lock = None
    if out_dir is not None:
        _make_folder(out_dir)
        lock = RunLock(out_dir)
        lock.acquire()
        lock.reserve(min(2 * (MANIFEST_BASE_BYTES + MANIFEST_ENTRY_BYTES * len(items)), MANIFEST_RESERVE_MAX))
    try:
        return _run_locked(items, out_dir, lock=lock, settings=settings, pipe=pipe, glob=glob, max_bytes=max_bytes,
                           use_file_dates=use_file_dates, options=options, workers=workers, engine=engine,
                           scheduler=scheduler, resume=resume, jsonl=jsonl, progress=progress,
                           doc_timeout=doc_timeout, started=started)
    finally:
        if lock is not None:
            lock.release()


def _make_folder(out_dir: Path) -> None:
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise OutputError(f"cannot create the output folder {out_dir}: a file of that name is in the way") from None
    except OSError as err:
        raise OutputError(f"cannot create the output folder {out_dir}: {err.strerror or err}") from err


def _run_locked(items: list[InputFile], out_dir: Optional[Path], *, lock: Optional[RunLock], settings: Settings,
                pipe: Optional["Pipeline"], glob: str, max_bytes: int, use_file_dates: bool,
                options: Optional[dict[str, Any]], workers: int, engine: str, scheduler: Optional[str],
                resume: bool, jsonl: Optional[TextIO], progress: bool, doc_timeout: Optional[float],
                started: float) -> RunReport:
    """The run proper, with the output folder locked: every way out of it leaves the
    manifest with a final status (``complete``, ``interrupted`` or ``aborted``)."""
    report = RunReport(out_dir=out_dir, inputs_total=len(items), engine=engine, workers=workers,
                       fingerprint=pipeline_fingerprint(settings),
                       options=dict(options or {}, glob=glob, max_bytes=max_bytes, resume=resume))
    old_manifest = read_manifest(out_dir) if resume and out_dir else None
    previous = _resumable(old_manifest, report.fingerprint)
    report.next_input = items[0].name
    try:
        report.save()
    except OSError as err:
        raise OutputError(f"cannot write {out_dir / MANIFEST_NAME}: {err.strerror or err}") from err
    bar = Progress(len(items), enabled=None if progress else False)
    sink = JsonlWriter(jsonl) if jsonl is not None else None

    work = partial(process_chunk, settings=settings, lines=sink is not None, timeout=doc_timeout)
    setup = partial(load_worker_pipeline, settings)
    chunks = _chunks(_tasks(items, out_dir=out_dir, max_bytes=max_bytes, use_file_dates=use_file_dates,
                            previous=previous),
                     # a small run still gives every worker several chunks
                     docs=max(1, min(CHUNK_DOCS, len(items) // (4 * workers))))
    saved, save_seconds = time.perf_counter(), 0.0
    try:
        with _sigterm_interrupts():
            if old_manifest and out_dir is not None:
                _remove_stale(report, old_manifest, items, out_dir)
            if engine == "dask":
                from .engines.dask import run_dask

                results = run_dask(work, chunks, scheduler=scheduler, workers=workers, setup=setup)
            else:
                from .engines.local import run_local

                if workers <= 1 and pipe is not None:   # the caller's pipeline, already built
                    work, setup = partial(work, pipe=pipe), None
                results = run_local(work, chunks, workers=workers, setup=setup)
            with closing(results):
                for chunk in results:
                    for result in chunk:
                        _record(report, result, items[result.index], out_dir=out_dir, sink=sink)
                        report.next_input = _next_input(report, items)
                        bar.update(done=report.n_done, words=report.words, failed=len(report.failed),
                                   skipped=report.n_resumed)
                    if time.perf_counter() - saved > max(MANIFEST_SECONDS, MANIFEST_SAVES_APART * save_seconds):
                        report.seconds = time.perf_counter() - started
                        began = time.perf_counter()
                        report.save()
                        saved = time.perf_counter()
                        save_seconds = saved - began
        report.status = "complete"
    except KeyboardInterrupt as stop:
        report.status = "interrupted"
        report.signal = int(getattr(stop, "signum", signal.SIGINT))
    except BrokenPipeError:
        report.status, report.error = "aborted", "the JSONL stream was closed by its reader (broken pipe)"
    except _WriteFailed as err:
        report.status, report.error = "aborted", str(err)
    except EngineError as err:
        report.status, report.error = "aborted", str(err)
    except OSError as err:   # the manifest's own periodic save
        report.status, report.error = "aborted", f"cannot write to {out_dir}: {err.strerror or err}"
    except BaseException as err:
        report.status, report.error = "aborted", f"{type(err).__name__}: {err}"
        raise
    finally:
        bar.close()
        report.seconds = time.perf_counter() - started
        report.next_input = _next_input(report, items)
        if lock is not None:
            lock.free_reserve()   # room for the final manifest, even on a disk the records filled
        try:
            report.save()
        except OSError as err:
            note = f"the manifest could not be updated: {err.strerror or err}"
            report.error = f"{report.error}; {note}" if report.error else note
            if report.status == "complete":
                report.status = "aborted"
    return report


def _next_input(report: RunReport, items: list[InputFile]) -> Optional[str]:
    """The first input not entered yet (results are entered in input order)."""
    return items[report.inputs_seen].name if report.inputs_seen < len(items) else None


class _WriteFailed(Exception):
    """A record could not be written (full disk, read-only folder): the run cannot go on."""


def _remove_stale(report: RunReport, manifest: dict[str, Any], items: list[InputFile], out_dir: Path) -> None:
    """Delete the outputs a previous run wrote for inputs that no longer exist, so the
    folder holds no record of a deleted release; each is listed under ``removed``."""
    current = {item.name for item in items}
    root = out_dir.resolve()
    for entry in manifest.get("written", []):
        name, output = entry.get("input", ""), entry.get("output")
        if name in current or not output or name == STDIN or os.path.lexists(unescape_name(name)):
            continue
        target = (out_dir / output).resolve()
        if root not in target.parents:
            continue
        target.unlink(missing_ok=True)
        report.removed.append({"input": name, "output": output, "reason": "input no longer exists"})


def _record(report: RunReport, result: Result, item: InputFile, *, out_dir: Optional[Path], sink: Optional[JsonlWriter]) -> None:
    """Write one result (this process only, in input order) and enter it in the report.

    An input counts as seen only once it is entered, so a run stopped halfway through a
    write (a signal, a full disk) lists it neither as done nor as seen: ``next_input``.
    """
    if result.outcome == "failed":
        report.failed.append(result.entry)
        report.inputs_seen += 1
        return
    if result.outcome == "resumed":
        report.n_resumed += 1
        report.written.append(result.entry)
        report.inputs_seen += 1
        if sink is not None:
            _write_line(sink, compact((out_dir / result.entry["output"]).read_text(encoding="utf-8")))
        return
    entry = dict(result.entry)
    if out_dir is not None:
        target = output_path(out_dir, item)
        try:
            if result.extracted is not None:
                write_atomic(out_dir / entry["text_path"], result.extracted)
            write_atomic(target, result.text)
        except OSError as err:
            raise _WriteFailed(f"cannot write {escape_name(str(target))}: {err.strerror or err}") from err
        entry["output"] = target.relative_to(out_dir).as_posix()
    if sink is not None and out_dir is None:
        _write_line(sink, result.line)
    report.written.append(entry)
    report.inputs_seen += 1
    report.words += result.words
    stats = report.worker_stats.setdefault(result.pid, {"documents": 0, "peak_rss_mib": 0.0})
    stats["documents"] += 1
    stats["peak_rss_mib"] = max(stats["peak_rss_mib"], round(result.peak_rss_kib / 1024, 1))
    if sink is not None and out_dir is not None:
        _write_line(sink, result.line)   # the record is on disk and listed, whatever the pipe does


def _write_line(sink: JsonlWriter, line: str) -> None:
    try:
        sink.write(line)
    except BrokenPipeError:
        raise
    except OSError as err:
        raise _WriteFailed(f"cannot write the JSONL stream: {err.strerror or err}") from err
