"""A property over whole batches: random names (bytes that are not UTF-8 included),
random contents and a random point at which the run is stopped (Ctrl-C, a full disk, a
closed JSONL pipe). Whatever happens:

* the manifest ends with a final status, never ``running``;
* every input the run reached is written or failed with a reason, and the rest are the
  inputs after ``next_input``;
* no two inputs share an output, and every output the manifest lists is on disk, whole;
* a run refused before any work (two inputs, one output name) leaves no manifest.
"""

from __future__ import annotations

import errno
import io
import json
import os
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import pipeline.batch as batch
from pipeline.batch import run_batch
from pipeline.errors import OutputError
from pipeline.output.manifest import MANIFEST_NAME

_PIPE = []


def tiny_pipeline():
    """One pipeline without statistical models for every example (they are not the subject)."""
    if not _PIPE:
        from pipeline import Pipeline

        _PIPE.append(Pipeline(ner="none"))
    return _PIPE[0]


NAME_BYTES = st.binary(min_size=1, max_size=8).map(lambda b: b.replace(b"/", b"_").replace(b"\x00", b"_"))
NAMES = st.tuples(NAME_BYTES, st.sampled_from([b".txt", b".TXT", b".Txt"])).map(lambda t: t[0] + t[1])
CONTENTS = st.one_of(
    st.sampled_from([b"", b"Osh, 3 May 2023 - UNDP held a seminar for 20 judges.",
                     "Бишкек: ПРOOН провела семинар.".encode("utf-8"), "Совет Европы".encode("cp1251"),
                     b"\x89PNG\r\n\x1a\n\x00\x00", b"\xff\xfe" + "Ош".encode("utf-16-le")]),
    st.binary(max_size=64),
    st.text(max_size=40).map(lambda t: t.encode("utf-8", "surrogatepass")),
)
FILES = st.dictionaries(NAMES, CONTENTS, min_size=1, max_size=6)
STOPS = st.one_of(st.none(), st.tuples(st.sampled_from(["interrupt", "disk full", "broken pipe"]),
                                       st.integers(min_value=0, max_value=6)))


class _Stopper:
    """Raises the chosen fault at the k-th record written."""

    def __init__(self, kind: str, at: int):
        self.kind, self.at, self.count = kind, at, 0

    def tick(self):
        self.count += 1
        if self.count > self.at:
            if self.kind == "interrupt":
                raise KeyboardInterrupt
            if self.kind == "disk full":
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            raise BrokenPipeError(errno.EPIPE, os.strerror(errno.EPIPE))


class _Stream(io.StringIO):
    def __init__(self, stopper):
        super().__init__()
        self.stopper = stopper

    def write(self, text):
        if self.stopper is not None and self.stopper.kind == "broken pipe":
            self.stopper.tick()
        return super().write(text)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(files=FILES, stop=STOPS)
def test_every_input_is_accounted_for_on_every_exit_path(files, stop):
    tmp = Path(tempfile.mkdtemp(prefix="pressfacts-prop-"))
    real_write = batch.write_atomic
    try:
        folder, out = tmp / "in", tmp / "out"
        folder.mkdir()
        for name, data in files.items():
            (folder / os.fsdecode(name)).write_bytes(data)
        stopper = _Stopper(*stop) if stop else None

        def write(path, text):
            if stopper is not None and stopper.kind in ("interrupt", "disk full"):
                stopper.tick()
            real_write(path, text)

        batch.write_atomic = write
        outputs = [os.fsdecode(n).rsplit(".", 1)[0].lower() for n in files]
        try:
            report = run_batch([str(folder)], out, pipe=tiny_pipeline(), jsonl=_Stream(stopper))
        except OutputError as err:
            # Refused before any work: only when two names map to one output (a.txt, a.TXT).
            assert "same output" in str(err)
            assert len(set(n.rsplit(".", 1)[0] for n in map(os.fsdecode, files))) < len(files)
            assert not (out / MANIFEST_NAME).exists()
            return
        manifest = json.loads((out / MANIFEST_NAME).read_text(encoding="utf-8"))
        assert manifest["status"] == report.status in ("complete", "interrupted", "aborted")
        assert manifest["inputs_total"] == len(files)
        done = [e["input"] for e in manifest["written"] + manifest["failed"]]
        assert len(done) == len(set(done)) == manifest["inputs_seen"]
        if report.status == "complete":
            assert manifest["inputs_seen"] == len(files) and manifest["next_input"] is None
        else:
            assert manifest["error"] or manifest["status"] == "interrupted"
            assert manifest["inputs_seen"] < len(files) or manifest["next_input"] is None
        assert all(f["reason"] for f in manifest["failed"])
        written = [w["output"] for w in manifest["written"]]
        assert len(written) == len(set(written))
        for output in written:
            json.loads((out / output).read_text(encoding="utf-8"))   # on disk and whole
        on_disk = {p.relative_to(out).as_posix() for p in out.rglob("*.json") if p.name != MANIFEST_NAME}
        assert on_disk == set(written)
        assert len(outputs) == len(files)
    finally:
        batch.write_atomic = real_write
        shutil.rmtree(tmp, ignore_errors=True)
