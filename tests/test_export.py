"""pressfacts export: one table per list field, read back into pandas as to_dataframe gives it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline import to_dataframe
from pipeline.batch import run_batch
from pipeline.cli import main
from pipeline.frames import TABLES

pd = pytest.importorskip("pandas")
REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def out(tmp_path_factory, pipe):
    folder = tmp_path_factory.mktemp("export")
    for lang in ("en", "ru", "mixed", "tg"):
        shutil.copytree(REPO / "samples" / lang, folder / "in" / lang, ignore=shutil.ignore_patterns("*.json"))
    run_batch([str(folder / "in")], folder / "out", pipe=pipe)
    return folder / "out"


def test_tables_cover_every_list_field_and_the_documents():
    assert set(TABLES) >= {"documents", "entities", "dates", "counts", "money", "events", "participants",
                           "programmes", "funding"}


def test_parquet_round_trips_to_the_dataframes(out, tmp_path):
    pytest.importorskip("pyarrow")
    result = CliRunner().invoke(main, ["export", str(out), "--to", str(tmp_path), "--format", "parquet"])
    assert result.exit_code == 0, result.output
    for table in TABLES:
        expected = to_dataframe(out, table)
        back = pd.read_parquet(tmp_path / f"{table}.parquet")
        if table != "warnings":
            assert len(expected) > 0, table
        pd.testing.assert_frame_equal(back, expected, check_dtype=len(expected) > 0, obj=table)
    events = pd.read_parquet(tmp_path / "events.parquet")
    assert any(len(p) for p in events["participants"])  # lists stay lists


def test_csv_rows_point_into_the_texts(out, tmp_path):
    result = CliRunner().invoke(main, ["export", str(out), "--to", str(tmp_path), "--format", "csv"])
    assert result.exit_code == 0, result.output
    documents = pd.read_csv(tmp_path / "documents.csv")
    texts = {row.id: (REPO / "samples" / f"{row.id}.txt").read_text(encoding="utf-8") for row in documents.itertuples()}
    for table in ("entities", "dates", "counts", "money", "events", "programmes", "funding"):
        frame = pd.read_csv(tmp_path / f"{table}.csv")
        assert len(frame) and set(frame["id"]) <= set(texts), table
        for row in frame.itertuples():
            assert texts[row.id][row.start:row.end] == row.text, (table, row)
    events = pd.read_csv(tmp_path / "events.csv")
    participants = pd.read_csv(tmp_path / "participants.csv")
    assert len(participants) == sum(len(json.loads(p)) for p in events["participants"])
    first = participants.iloc[0]
    event = events[(events["id"] == first["id"]) & (events["start"] == first["event_start"])].iloc[0]
    assert {"count": int(first["count"]), "group": first["group"]} in json.loads(event["participants"])


def test_excel_has_a_sheet_per_table(out, tmp_path):
    pytest.importorskip("openpyxl")
    result = CliRunner().invoke(main, ["export", str(out), "--to", str(tmp_path), "--format", "xlsx"])
    assert result.exit_code == 0, result.output
    sheets = pd.read_excel(tmp_path / "pressfacts.xlsx", sheet_name=None)
    assert list(sheets) == list(TABLES)
    assert len(sheets["funding"]) == len(to_dataframe(out, "funding"))


def test_export_has_help():
    result = CliRunner().invoke(main, ["export", "--help"])
    assert result.exit_code == 0 and "--format" in result.output
