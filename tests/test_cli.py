"""The command line: help for every command, a batch with bad files, schema, eval gate."""

from __future__ import annotations

import json
import os

import pytest
from click.testing import CliRunner

from pipeline.cli import main

GOOD_EN = "Tashkent, 12 March 2024 - The OSCE held a workshop for 20 journalists.\n"
RU_1251 = "Астана, 5 апреля 2023 г. – ПРООН провела круглый стол для 40 участников.\n"
KY_UTF16 = "Бишкек шаарында Европа Кеңеши 30 судья үчүн семинар өткөрдү.\n"


@pytest.mark.parametrize("command", ["run", "schema", "eval"])
def test_every_command_has_help(command):
    result = CliRunner().invoke(main, [command, "--help"])
    assert result.exit_code == 0 and "Usage:" in result.output


def test_batch_reports_bad_files_and_goes_on(tmp_path):
    folder = tmp_path / "in"
    (folder / "kz").mkdir(parents=True)
    (folder / "good.txt").write_text(GOOD_EN, encoding="utf-8")
    (folder / "kz" / "legacy.txt").write_bytes(RU_1251.encode("cp1251"))
    (folder / "utf16.txt").write_bytes(KY_UTF16.encode("utf-16"))
    (folder / "empty.txt").write_bytes(b"")
    (folder / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + os.urandom(512))
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["run", str(folder), "--out", str(out)])
    assert result.exit_code == 1
    manifest = json.loads((out / "_run.json").read_text(encoding="utf-8"))
    assert manifest["inputs_seen"] == 5
    assert [f["input"].split("/")[-1] for f in manifest["failed"]] == ["photo.txt"]
    assert "binary" in manifest["failed"][0]["reason"]
    legacy = json.loads((out / "kz" / "legacy.json").read_text(encoding="utf-8"))
    assert legacy["segments"][0]["lang"] == "ru"
    assert legacy["source"]["n_chars"] == len(RU_1251)
    utf16 = json.loads((out / "utf16.json").read_text(encoding="utf-8"))
    assert utf16["segments"][0]["lang"] == "ky"
    empty = json.loads((out / "empty.json").read_text(encoding="utf-8"))
    assert empty["warnings"] and empty["segments"] == []
    assert not (out / "photo.json").exists()


def test_missing_input_is_reported(tmp_path):
    result = CliRunner().invoke(main, ["run", str(tmp_path / "nope.txt"), "--out", str(tmp_path / "o")])
    assert result.exit_code == 1
    manifest = json.loads((tmp_path / "o" / "_run.json").read_text(encoding="utf-8"))
    assert manifest["failed"][0]["reason"] == "no such file or folder"


def test_schema_command_prints_json_schema():
    result = CliRunner().invoke(main, ["schema"])
    assert json.loads(result.output)["title"] == "PressRelease"


def test_bad_reference_date_is_a_clear_error(tmp_path):
    (tmp_path / "a.txt").write_text("x")
    result = CliRunner().invoke(main, ["run", str(tmp_path), "--out", str(tmp_path / "o"),
                                       "--reference-date", "March"])
    assert result.exit_code != 0 and "not an ISO date" in result.output


def test_ner_none_runs_without_statistical_models(tmp_path):
    (tmp_path / "a.txt").write_text("Совет Европы провёл семинар в Бишкеке.", encoding="utf-8")
    result = CliRunner().invoke(main, ["run", str(tmp_path), "--out", str(tmp_path / "o"), "--ner", "none", "-q"])
    assert result.exit_code == 0, result.output
    record = json.loads((tmp_path / "o" / "a.json").read_text(encoding="utf-8"))
    assert "Council of Europe" in {e["name"] for e in record["entities"]}
    manifest = json.loads((tmp_path / "o" / "_run.json").read_text(encoding="utf-8"))
    assert manifest["options"]["ner"] == "none"


def test_stanza_without_folder_is_a_clear_error(tmp_path):
    (tmp_path / "a.txt").write_text("x")
    result = CliRunner().invoke(main, ["run", str(tmp_path), "--out", str(tmp_path / "o"), "--ner", "stanza"])
    assert result.exit_code != 0 and "stanza_dir" in result.output
