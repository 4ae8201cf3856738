"""DataFrames of records: one row per item, with document id and offsets that point into the text."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from pipeline import to_dataframe
from pipeline.batch import run_batch
from pipeline.frames import LIST_FIELDS, columns

pd = pytest.importorskip("pandas")
REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def records(pipe):
    paths = sorted((REPO / "samples").glob("*/*.txt"))[::4]
    return [(pipe.extract(p.read_text(encoding="utf-8"), id=p.stem), p.read_text(encoding="utf-8")) for p in paths]


def test_list_fields_are_all_covered():
    assert set(LIST_FIELDS) == {"segments", "entities", "dates", "counts", "money", "events", "programmes",
                                "funding", "warnings"}


@pytest.mark.parametrize("field", LIST_FIELDS)
def test_one_row_per_item_with_id_and_offsets(records, field):
    frame = to_dataframe([r for r, _ in records], field)
    assert list(frame.columns) == columns(field)
    assert len(frame) == sum(len(getattr(r, field)) for r, _ in records)
    if field == "warnings":
        return
    texts = {r.id: text for r, text in records}
    for row in frame.itertuples():
        assert isinstance(row.start, int) and row.end >= row.start
        if "text" in frame.columns:
            assert texts[row.id][row.start:row.end] == row.text


def test_nested_values_are_flattened(records):
    dates = to_dataframe([r for r, _ in records], "dates")
    assert {"value_start", "value_end"} <= set(dates.columns)
    assert dates["value_start"].dropna().str.match(r"^\d{4}").all()


def test_reads_an_output_folder_and_a_jsonl_file(records, tmp_path, pipe):
    folder = tmp_path / "in"
    folder.mkdir()
    for path in sorted((REPO / "samples").glob("*/*.txt"))[:5]:
        shutil.copyfile(path, folder / f"{path.parent.name}-{path.name}")
    stream = io.StringIO()
    run_batch([str(folder)], tmp_path / "out", pipe=pipe, jsonl=stream)
    (tmp_path / "all.jsonl").write_text(stream.getvalue(), encoding="utf-8")
    from_folder = to_dataframe(tmp_path / "out", "entities")
    from_jsonl = to_dataframe(str(tmp_path / "all.jsonl"), "entities")
    pd.testing.assert_frame_equal(from_folder, from_jsonl)
    assert from_folder["id"].nunique() == 5


def test_unknown_field_names_the_valid_ones():
    with pytest.raises(ValueError, match="events"):
        to_dataframe([], "event")
