"""The contract in code: schema kept in sync, grounding enforced, records frozen."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import ValidationError

from pipeline.records import PressRelease, build_release, json_schema

SCHEMA_FILE = Path(__file__).resolve().parent.parent / "pipeline" / "press_release.schema.json"

BASE = {"id": "d", "language": "en", "source": {"sha256": "0", "n_chars": 20}}


def test_committed_schema_matches_models():
    assert json.loads(SCHEMA_FILE.read_text(encoding="utf-8")) == json_schema(), \
        "run `pressfacts schema > pipeline/press_release.schema.json`"


def test_schema_lists_every_contract_field():
    fields = set(json_schema()["properties"])
    assert fields == {"schema_version", "id", "source", "language", "segments", "reference_date",
                      "dateline", "entities", "dates", "counts", "money", "events", "programmes",
                      "funding", "warnings"}


# Every field a schema 1.0 record had, per object: 1.1 only adds (CONTRACT.md, field notes).
SCHEMA_1_0_FIELDS = {
    "SourceInfo": {"path", "sha256", "n_chars"},
    "Entity": {"text", "start", "end", "label", "lang", "name", "kb_id"},
    "Programme": {"text", "start", "end", "lang", "name", "kind", "period"},
    "Funding": {"text", "start", "end", "lang", "name", "kb_id", "role"},
    "Event": {"text", "start", "end", "type", "lang", "title", "date", "location",
              "participants", "organisers", "evidence"},
    "Dateline": {"text", "start", "end", "place", "date"},
}
SCHEMA_1_1_ADDED = {"SourceInfo": {"format", "text_path"}, "Entity": {"org_id"},
                    "Programme": {"kb_id"}, "Funding": {"org_id", "iati_role"}}


@pytest.mark.parametrize("model", sorted(SCHEMA_1_0_FIELDS))
def test_schema_1_1_keeps_every_1_0_field_and_adds_its_own(model):
    properties = set(json_schema()["$defs"][model]["properties"])
    assert SCHEMA_1_0_FIELDS[model] <= properties
    assert properties - SCHEMA_1_0_FIELDS[model] == SCHEMA_1_1_ADDED.get(model, set())


@pytest.mark.parametrize("role,iati_role", [("funder", 1), ("implementer", 4)])
def test_funding_iati_role_follows_role(role, iati_role):
    source = "European Union"
    record = build_release(source, dict(BASE, funding=[
        {"text": source, "start": 0, "end": 14, "lang": "en", "name": source, "role": role}]))
    assert record.funding[0].iati_role == iati_role
    assert record.model_dump()["schema_version"] == "1.1"


def test_source_format_defaults_to_text():
    record = build_release("x", BASE)
    assert (record.source.format, record.source.text_path) == ("text", None)


@pytest.mark.parametrize("span,ok", [
    ({"text": "Bishkek", "start": 0, "end": 7}, True),
    ({"text": "Bishkek", "start": 1, "end": 8}, False),
    ({"text": "", "start": 3, "end": 2}, False),
])
def test_grounding_is_enforced(span, ok):
    source = "Bishkek hosted talks"
    fields = dict(BASE, entities=[dict(span, label="LOC", lang="en", name="Bishkek")])
    if ok:
        assert build_release(source, fields).entities[0].text == "Bishkek"
    else:
        with pytest.raises(ValidationError):
            build_release(source, fields)


def test_records_are_frozen_and_strict():
    record = build_release("x", BASE)
    with pytest.raises(ValidationError):
        record.id = "other"
    with pytest.raises(ValidationError):
        PressRelease.model_validate(dict(BASE, surprise=1))


@pytest.mark.parametrize("value,ok", [("2023-06-08", True), ("2019-12", True), ("2015", True),
                                      ("2023-Q2", True), ("2023-SU", True), ("08.06.2023", False),
                                      ("2023-6-8", False)])
def test_periods_are_timex(value, ok):
    fields = dict(BASE, dates=[{"text": "x", "start": 0, "end": 1, "lang": "en",
                                "value": {"start": value, "end": value}, "granularity": "day"}])
    if ok:
        build_release("x", fields)
    else:
        with pytest.raises(ValidationError):
            build_release("x", fields)


@pytest.mark.parametrize("start,end,ok", [(0, 7, True), (1, 8, False), (8, 15, False)])
def test_grounding_is_enforced_on_records_the_stages_built(start, end, ok):
    # the pipeline hands build_release its records as models, not dicts: still checked
    from pipeline.records import Entity

    source = "Bishkek hosted talks"
    entity = Entity(text="Bishkek", start=start, end=end, label="LOC", lang="en", name="Bishkek")
    fields = dict(BASE, entities=[entity])
    if ok:
        record = build_release(source, fields)
        assert record.entities == [entity] and record == build_release(source, dict(BASE, entities=[entity.model_dump()]))
    else:
        with pytest.raises(ValidationError):
            build_release(source, fields)
