"""Batch faults a hostile user finds (issue 15): nothing lost, nothing silent.

Odd file names, clashing outputs, special files, full disks, closed pipes and concurrent
runs must each end in a record, a listed failure with its reason, or one line of error,
and the manifest must always end with a final status.
"""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.batch import run_batch
from pipeline.cli import main
from pipeline.errors import InputError, OptionError, OutputError
from pipeline.output.manifest import MANIFEST_NAME

REPO = Path(__file__).resolve().parent.parent
ENV = dict(os.environ, PYTHONPATH=str(REPO))
NOTE = "The OSCE held a seminar for 20 journalists in Osh on 12 May 2023.\n"
ROOT = os.geteuid() == 0 if hasattr(os, "geteuid") else False


def manifest(out: Path) -> dict:
    return json.loads((out / MANIFEST_NAME).read_text(encoding="utf-8"))


def records_on_disk(out: Path) -> set[str]:
    return {p.relative_to(out).as_posix() for p in out.rglob("*.json") if p.name != MANIFEST_NAME}


# -- 1. names that are not UTF-8 -------------------------------------------------------------

def test_a_name_that_is_not_utf8_is_escaped_and_the_batch_goes_on(tmp_path, pipe):
    folder = tmp_path / "m"
    folder.mkdir()
    for name in (b"a.txt", b"bad\xff.txt", b"z.txt"):
        (folder / os.fsdecode(name)).write_text(NOTE, encoding="utf-8")
    out = tmp_path / "out"
    report = run_batch([str(folder)], out, pipe=pipe)
    assert report.status == "complete" and report.exit_code == 0
    written = manifest(out)["written"]
    assert [Path(w["input"]).name for w in written] == ["a.txt", "bad%FF.txt", "z.txt"]
    assert [w["output"] for w in written] == ["a.json", "bad%FF.json", "z.json"]
    record = json.loads((out / "bad%FF.json").read_text(encoding="utf-8"))
    assert record["id"] == "bad%FF" and record["source"]["path"].endswith("m/bad%FF.txt")


# -- 2. output names that collide --------------------------------------------------------------

def test_two_folders_with_the_same_file_name_are_refused_before_any_work(tmp_path, pipe):
    for sub in ("d1", "d2"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "a.txt").write_text(NOTE, encoding="utf-8")
    out = tmp_path / "co"
    with pytest.raises(OutputError, match=r"d1/a.txt and .*d2/a.txt -> a.json"):
        run_batch([str(tmp_path / "d1"), str(tmp_path / "d2")], out, pipe=pipe)
    assert not out.exists()


def test_output_inside_the_input_is_never_read_and_clashing_suffixes_stay_apart(tmp_path, pipe):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(NOTE, encoding="utf-8")
    out = folder / "out"
    first = run_batch([str(folder)], out, pipe=pipe, glob="*")
    again = run_batch([str(folder)], out, pipe=pipe, glob="*")   # out/a.json, out/_run.json are outputs
    assert first.inputs_total == again.inputs_total == 1
    (folder / "a.json").write_text("{}", encoding="utf-8")
    # a.txt keeps its name; a.json beside it keeps its suffix in its id (reading.discover)
    report = run_batch([str(folder)], out, pipe=pipe, glob="*")
    assert sorted(entry["output"] for entry in report.written) == ["a.json", "a_json.json"]


def test_stdin_twice_is_refused(tmp_path):
    result = CliRunner().invoke(main, ["run", "-", "-", "--out", str(tmp_path / "o")], input=NOTE)
    assert result.exit_code != 0 and "same output" in result.output
    assert not (tmp_path / "o").exists()


# -- 4. full disk, closed pipe ---------------------------------------------------------------

def test_a_full_disk_ends_the_run_with_a_final_manifest(tmp_path, pipe, monkeypatch):
    import pipeline.batch as batch

    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(5):
        (folder / f"{i}.txt").write_text(NOTE, encoding="utf-8")
    real, calls = batch.write_atomic, []

    def fill_up(path, text):
        calls.append(path)
        if len(calls) > 2:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real(path, text)

    monkeypatch.setattr(batch, "write_atomic", fill_up)
    out = tmp_path / "out"
    report = run_batch([str(folder)], out, pipe=pipe)
    saved = manifest(out)
    assert report.status == saved["status"] == "aborted" and report.exit_code == 1
    assert "No space left on device" in saved["error"]
    assert {w["output"] for w in saved["written"]} == records_on_disk(out) == {"0.json", "1.json"}
    assert saved["next_input"].endswith("2.txt")


def test_a_closed_jsonl_pipe_gives_one_line_and_a_final_manifest(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(40):
        (folder / f"{i:02d}.txt").write_text(NOTE * 20, encoding="utf-8")
    out = tmp_path / "out"
    process = subprocess.Popen([sys.executable, "-m", "pipeline", "run", str(folder), "--out", str(out),
                                "--jsonl", "-", "--ner", "none", "-j", "1", "-q"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ENV, cwd=tmp_path)
    process.stdout.read(100)
    process.stdout.close()
    stderr = process.stderr.read().decode()
    assert process.wait(timeout=300) == 1
    assert "Traceback" not in stderr and "broken pipe" in stderr
    assert len(stderr.strip().splitlines()) == 1, stderr
    assert manifest(out)["status"] == "aborted"


# -- 5. one line instead of a traceback -----------------------------------------------------

@pytest.mark.parametrize("args,message", [
    (["--out", "{tmp}/file/sub"], "cannot create the output folder"),
    (["--jsonl", "{tmp}/nonexistent/x.jsonl"], "cannot write"),
    (["--out", "{tmp}/o", "--engine", "dask", "--scheduler", "tcp://127.0.0.1:1"], "cannot reach the Dask scheduler"),
])
def test_bad_outputs_and_engines_are_one_line_errors(tmp_path, args, message):
    (tmp_path / "file").write_text("x")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(NOTE, encoding="utf-8")
    result = CliRunner().invoke(main, ["run", str(tmp_path / "in"), "--ner", "none", "-q",
                                       *[a.format(tmp=tmp_path) for a in args]])
    assert result.exit_code == 1
    assert message in result.output and "Traceback" not in result.output
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit)
    if "--scheduler" in args:
        assert manifest(tmp_path / "o")["status"] == "aborted"


@pytest.mark.skipif(ROOT, reason="root may write into a read-only folder")
def test_a_read_only_output_folder_is_a_one_line_error(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(NOTE, encoding="utf-8")
    (tmp_path / "ro").mkdir()
    (tmp_path / "ro").chmod(0o555)
    result = CliRunner().invoke(main, ["run", str(tmp_path / "in"), "--out", str(tmp_path / "ro"), "-q"])
    assert result.exit_code == 1 and "cannot write" in result.output
    assert not isinstance(result.exception, OSError)


# -- 7. special files, symlinks, case, matching nothing, globs --------------------------------

@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_special_files_and_broken_links_are_listed_not_skipped_or_waited_on(tmp_path):
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text(NOTE, encoding="utf-8")
    (folder / "UPPER.TXT").write_text(NOTE, encoding="utf-8")
    os.mkfifo(folder / "x.txt")
    (folder / "dangling.txt").symlink_to(folder / "gone.txt")
    (folder / "self.txt").symlink_to(folder / "self.txt")
    (folder / "sub" / "loop").symlink_to(folder)
    out = tmp_path / "out"
    done = subprocess.run([sys.executable, "-m", "pipeline", "run", str(folder), "--out", str(out),
                           "--ner", "none", "-j", "1", "-q"], env=ENV, timeout=120, capture_output=True, text=True)
    assert done.returncode == 1, done.stderr
    saved = manifest(out)
    failed = {Path(f["input"]).name: f["reason"] for f in saved["failed"]}
    assert "FIFO" in failed["x.txt"]
    assert "dangling symlink" in failed["dangling.txt"]
    assert "symlink loop" in failed["self.txt"] and "symlink loop" in failed["loop"]
    assert {Path(w["input"]).name for w in saved["written"]} == {"a.txt", "UPPER.TXT"}
    assert saved["inputs_total"] == saved["inputs_seen"] == 6


@pytest.mark.skipif(ROOT, reason="root reads any folder")
def test_an_unreadable_folder_is_listed(tmp_path, pipe):
    folder = tmp_path / "in"
    (folder / "locked").mkdir(parents=True)
    (folder / "a.txt").write_text(NOTE, encoding="utf-8")
    (folder / "locked").chmod(0)
    try:
        report = run_batch([str(folder)], tmp_path / "out", pipe=pipe)
    finally:
        (folder / "locked").chmod(0o755)
    assert [Path(f["input"]).name for f in report.failed] == ["locked"]
    assert "cannot read folder" in report.failed[0]["reason"]


def test_a_run_that_matches_nothing_fails_with_a_message(tmp_path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.md").write_text("x")
    result = CliRunner().invoke(main, ["run", str(tmp_path / "empty"), "--out", str(tmp_path / "o")])
    assert result.exit_code == 1 and "no input" in result.output
    with pytest.raises(InputError):
        run_batch([str(tmp_path / "empty")], tmp_path / "o2")


def test_a_glob_cannot_reach_outside_the_input_folder(tmp_path, pipe):
    for sub in ("in", "sibling"):
        (tmp_path / sub / "x").mkdir(parents=True)
        (tmp_path / sub / "a.txt").write_text(NOTE, encoding="utf-8")
    out = tmp_path / "top" / "out"
    with pytest.raises(OptionError, match="inside the input folders"):
        run_batch([str(tmp_path / "in")], out, pipe=pipe, glob="../sibling/*.txt")
    assert not list(tmp_path.rglob("*.json"))


# -- 8. two runs into one folder; resume after a deletion --------------------------------------

def test_a_second_run_into_the_same_folder_is_refused(tmp_path, pipe):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(40):
        (folder / f"{i:02d}.txt").write_text(NOTE * 30, encoding="utf-8")
    out = tmp_path / "out"
    first: dict = {}
    thread = threading.Thread(target=lambda: first.setdefault("report", run_batch([str(folder)], out, pipe=pipe)))
    thread.start()
    deadline = time.monotonic() + 60
    while not (out / MANIFEST_NAME).exists() and time.monotonic() < deadline:
        time.sleep(0.01)
    try:
        with pytest.raises(OutputError, match="another pressfacts run"):
            run_batch([str(folder)], out, pipe=pipe)
    finally:
        thread.join(timeout=300)
    assert first["report"].status == "complete"
    assert len(records_on_disk(out)) == manifest(out)["n_written"] == 40
    again = run_batch([str(folder)], out, pipe=pipe, resume=True)   # the lock is released at the end
    assert again.n_resumed == 40


def test_resume_removes_the_records_of_deleted_inputs(tmp_path, pipe):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("a", "b", "c"):
        (folder / f"{name}.txt").write_text(NOTE, encoding="utf-8")
    out = tmp_path / "out"
    run_batch([str(folder)], out, pipe=pipe)
    (folder / "b.txt").unlink()
    report = run_batch([str(folder)], out, pipe=pipe, resume=True)
    saved = manifest(out)
    assert records_on_disk(out) == {"a.json", "c.json"} == {w["output"] for w in saved["written"]}
    assert [(Path(r["input"]).name, r["output"]) for r in saved["removed"]] == [("b.txt", "b.json")]
    assert report.n_resumed == 2


def _mount_tmpfs(path: Path, options: str) -> bool:
    path.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(path)], capture_output=True)
    return done.returncode == 0


@pytest.mark.skipif(not ROOT or not Path("/proc/mounts").exists(), reason="needs root to mount a small tmpfs")
def test_a_real_full_disk_and_a_real_read_only_folder(tmp_path, pipe):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(60):
        (folder / f"{i:02d}.txt").write_text(NOTE * 3, encoding="utf-8")
    small, readonly = tmp_path / "small", tmp_path / "ro"
    if not _mount_tmpfs(small, "size=256k"):
        pytest.skip("cannot mount a tmpfs here")
    try:
        report = run_batch([str(folder)], small, pipe=pipe)
        saved = manifest(small)
        assert report.status == saved["status"] == "aborted" and "No space left" in saved["error"]
        assert {w["output"] for w in saved["written"]} == records_on_disk(small)
        assert 0 < saved["n_written"] < 60
    finally:
        subprocess.run(["umount", str(small)], check=False)
    if not _mount_tmpfs(readonly, "ro,size=64k"):
        pytest.skip("cannot mount a read-only tmpfs here")
    try:
        result = CliRunner().invoke(main, ["run", str(folder), "--out", str(readonly), "-q"])
        assert result.exit_code == 1 and "Read-only file system" in result.output
        assert not isinstance(result.exception, OSError)
    finally:
        subprocess.run(["umount", str(readonly)], check=False)
