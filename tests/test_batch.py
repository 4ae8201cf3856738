"""Batch runs: parallel output identical to serial, resume, interruption, hostile inputs, CLI."""

from __future__ import annotations

import io
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.batch import run_batch
from pipeline.cli import main
from pipeline.output.manifest import MANIFEST_NAME

REPO = Path(__file__).resolve().parent.parent

SAMPLES = sorted((REPO / "samples").glob("*/*.txt"))


def make_corpus(folder: Path, n: int, seed: int = 7) -> Path:
    """``n`` documents made by repeating and shuffling the samples, in two sub-folders."""
    rng = random.Random(seed)
    picks = [SAMPLES[i % len(SAMPLES)] for i in range(n)]
    rng.shuffle(picks)
    for i, sample in enumerate(picks):
        target = folder / f"part{i % 2}" / f"{i:04d}-{sample.parent.name}.txt"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(sample, target)
    return folder


def outputs(out: Path) -> dict[str, bytes]:
    """Every record file's bytes, by relative path (the manifest has timings, so it is left out)."""
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and p.name != MANIFEST_NAME}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return make_corpus(tmp_path_factory.mktemp("corpus"), 24)


@pytest.fixture(scope="module")
def clean(corpus, tmp_path_factory, pipe):
    """A plain one-worker run of the corpus: the reference every other run must equal."""
    out = tmp_path_factory.mktemp("clean")
    jsonl = io.StringIO()
    report = run_batch([str(corpus)], out, pipe=pipe, workers=1, jsonl=jsonl)
    assert report.exit_code == 0 and report.status == "complete"
    return out, jsonl.getvalue()


def test_two_workers_write_the_same_bytes_as_one(corpus, clean, tmp_path):
    out = tmp_path / "out"
    jsonl = io.StringIO()
    report = run_batch([str(corpus)], out, workers=2, jsonl=jsonl)
    assert report.exit_code == 0
    assert len({w["pid"] for w in report.manifest()["worker_stats"]}) == 2
    assert outputs(out) == outputs(clean[0]) and len(outputs(out)) == 24
    assert jsonl.getvalue() == clean[1]
    manifest = json.loads((out / MANIFEST_NAME).read_text(encoding="utf-8"))
    assert manifest["status"] == "complete" and manifest["next_input"] is None
    assert [w["input"] for w in manifest["written"]] == sorted(w["input"] for w in manifest["written"])


def test_parallel_parent_loads_no_models_and_workers_get_its_options(corpus, tmp_path):
    # The parent of a 2-worker run only reads and writes: it must not import spaCy (1.6 s
    # and half a GiB); the workers must still build the pipeline the caller asked for.
    from pipeline.api import Pipeline

    script = ("import json, sys\nfrom pipeline.batch import run_batch\n"
              f"report = run_batch([{str(corpus)!r}], __import__('pathlib').Path({str(tmp_path / 'out')!r}), "
              "workers=2, ner='none')\n"
              "print(json.dumps({'spacy': 'spacy' in sys.modules, 'exit': report.exit_code}))")
    done = subprocess.run([sys.executable, "-c", script], env=dict(os.environ, PYTHONPATH=str(REPO)),
                          capture_output=True, text=True, timeout=300, check=True)
    assert json.loads(done.stdout.strip().splitlines()[-1]) == {"spacy": False, "exit": 0}
    reference = tmp_path / "reference"
    run_batch([str(corpus)], reference, pipe=Pipeline(ner="none"), workers=1)
    assert outputs(tmp_path / "out") == outputs(reference) and len(outputs(reference)) == 24


def test_resume_keeps_what_is_done_and_redoes_what_changed(corpus, clean, tmp_path, pipe):
    folder = tmp_path / "in"
    shutil.copytree(corpus, folder)
    out = tmp_path / "out"
    run_batch([str(folder)], out, pipe=pipe)
    first = sorted(out.rglob("*.json"))[1]
    first.unlink()
    changed = sorted(folder.rglob("*.txt"))[5]
    changed.write_text(changed.read_text(encoding="utf-8") + "\nA seminar took place in Osh.\n", encoding="utf-8")
    jsonl = io.StringIO()
    report = run_batch([str(folder)], out, pipe=pipe, resume=True, jsonl=jsonl)
    assert report.n_resumed == 22 and len(report.written) == 24 and report.exit_code == 0
    fresh = tmp_path / "fresh"
    fresh_jsonl = io.StringIO()
    run_batch([str(folder)], fresh, pipe=pipe, jsonl=fresh_jsonl)
    assert outputs(out) == outputs(fresh)
    assert jsonl.getvalue() == fresh_jsonl.getvalue()
    # Another pipeline (here: another reference date) must not reuse these outputs.
    again = run_batch([str(folder)], out, reference_date="2020-01-01", resume=True)
    assert again.n_resumed == 0


def test_sigterm_stops_cleanly_and_resume_finishes_the_run(tmp_path, pipe):
    folder = make_corpus(tmp_path / "in", 30, seed=3)
    out = tmp_path / "out"
    env = dict(os.environ, PYTHONPATH=str(REPO))
    process = subprocess.Popen([sys.executable, "-m", "pipeline", "run", str(folder), "--out", str(out),
                                "--workers", "1", "--quiet"], env=env, cwd=tmp_path)
    deadline = time.monotonic() + 120
    while len(list(out.rglob("*.json"))) < 5 and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=60) == 128 + signal.SIGTERM
    manifest = json.loads((out / MANIFEST_NAME).read_text(encoding="utf-8"))
    assert manifest["status"] == "interrupted"
    assert 0 < manifest["n_written"] < 30 and manifest["next_input"]
    assert not [p for p in out.rglob("*") if p.name.endswith(".tmp")]
    for path in out.rglob("*.json"):
        json.loads(path.read_text(encoding="utf-8"))  # never half-written
    report = run_batch([str(folder)], out, pipe=pipe, resume=True)
    assert report.status == "complete" and report.n_resumed >= manifest["n_written"]
    reference = tmp_path / "reference"
    run_batch([str(folder)], reference, pipe=pipe)
    assert outputs(out) == outputs(reference)


def _children(pid: int) -> set[int]:
    """Processes whose parent is ``pid`` (from /proc)."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.add(int(stat.parent.name))
    return found


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc to find the workers")
def test_workers_exit_when_the_run_is_killed(tmp_path):
    # SIGKILL leaves the run no chance to shut its pool down: the workers (and the fork
    # server they keep alive) must notice and exit, not wait for work forever.
    folder = make_corpus(tmp_path / "in", 200, seed=5)
    out = tmp_path / "out"
    process = subprocess.Popen([sys.executable, "-m", "pipeline", "run", str(folder), "--out", str(out),
                                "--workers", "2", "--quiet"], env=dict(os.environ, PYTHONPATH=str(REPO)),
                               cwd=tmp_path)
    deadline = time.monotonic() + 120
    while len(list(out.rglob("*.json"))) < 5 and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
    spawned = {child for server in _children(process.pid) for child in _children(server)} | _children(process.pid)
    assert len(spawned) >= 3  # the fork server and two workers
    process.kill()
    process.wait(timeout=30)
    deadline = time.monotonic() + 20
    while any(Path(f"/proc/{pid}").exists() for pid in spawned) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not [pid for pid in spawned if Path(f"/proc/{pid}").exists()]


def test_hostile_inputs_do_not_stop_the_batch(tmp_path, pipe):
    folder = tmp_path / "in"
    (folder / "tiny").mkdir(parents=True)
    with open(folder / "huge.txt", "wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # 50 MB, refused by size before it is read
    rng = random.Random(1)
    words = "The Council of Europe held a seminar in Bishkek on 12 May 2023 for 35 judges".split()
    (folder / "one_line.txt").write_text(" ".join(rng.choice(words) for _ in range(200_000))[:1_000_000])
    (folder / "random.txt").write_bytes(rng.randbytes(64 * 1024))
    # 40,000 quote marks in two runs: spaCy's tokenizer was quadratic on such a run
    (folder / "quotes.txt").write_text("«“‘\"'" * 4000 + " seminar in Osh " + "'\"’”»" * 4000, encoding="utf-8")
    for i in range(300):
        (folder / "tiny" / f"{i:03d}.txt").write_text(f"Note {i}.", encoding="utf-8")
    started = time.monotonic()
    report = run_batch([str(folder)], tmp_path / "out", pipe=pipe, doc_timeout=5)
    assert time.monotonic() - started < 120
    assert report.inputs_seen == report.inputs_total == 304 == len(report.written) + len(report.failed)
    failed = {Path(f["input"]).name: f["reason"] for f in report.failed}
    assert "over the limit" in failed["huge.txt"]
    assert "binary" in failed["random.txt"]
    assert "one_line.txt" in failed or "one_line.txt" in {Path(w["input"]).name for w in report.written}
    assert "quotes.txt" in {Path(w["input"]).name for w in report.written}, failed.get("quotes.txt")
    assert all(reason for reason in failed.values())
    assert len([w for w in report.written if "/tiny/" in w["input"]]) == 300
    assert report.exit_code == 1


def test_cli_streams_jsonl_to_stdout_and_is_quiet(corpus, clean):
    result = CliRunner().invoke(main, ["run", str(corpus), "--jsonl", "-", "--workers", "1", "--quiet"])
    assert result.exit_code == 0, result.output
    assert result.stdout == clean[1]
    assert result.stderr == ""


def test_cli_summary_without_a_terminal_has_no_progress_line(corpus, tmp_path):
    result = CliRunner().invoke(main, ["run", str(corpus / "part0"), "--out", str(tmp_path / "o"), "-j", "1"])
    assert result.exit_code == 0
    assert "\r" not in result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith("12 written, 0 failed, 12 seen")


def test_resume_needs_an_output_folder(corpus):
    result = CliRunner().invoke(main, ["run", str(corpus), "--jsonl", "-", "--resume"])
    assert result.exit_code != 0 and "--resume needs --out" in result.output


def test_the_fork_server_warms_every_model_and_language(pipe):
    # The lines the fork server extracts before forking must be read in their own language
    # (their tokenizer and patterns load) and must reach each statistical model.
    from pipeline.batch import load_worker_pipeline, warm_worker_pipeline
    from pipeline.settings import Settings

    lines = pipe.resources.yaml("warmup.yaml")
    assert set(lines) == {"en", "ru", "kk", "ky", "tg", "uz-Latn", "uz-Cyrl"}
    for lang, line in lines.items():
        code, _, script = lang.partition("-")
        segments = pipe.extract(line).segments
        assert [s.lang for s in segments] == [code] and segments[0].script == (script or segments[0].script)
    settings = Settings.checked()
    warm_worker_pipeline(settings)
    assert {"ner:en", "ner:ru", "spacy-ner:kk"} <= set(load_worker_pipeline(settings).models)
