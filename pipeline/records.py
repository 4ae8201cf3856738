"""The output contract (schema 1.1) as pydantic models.

This module is the single source of truth for ``../shared/CONTRACT.md`` in code. It imports
no pipeline stage. Grounding (``source_text[start:end] == text``) is checked here, in
:class:`Span`, whenever a record is validated with ``context={"source_text": text}``;
:func:`build_release` is the one place the pipeline does that.
"""

from __future__ import annotations

import weakref
from typing import Any, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, model_validator

SCHEMA_VERSION = "1.1"

EventType = Literal[
    "seminar", "training", "workshop", "conference", "round_table", "meeting",
    "visit", "forum", "webinar", "launch", "signing", "competition",
]
EVENT_TYPES: tuple[str, ...] = EventType.__args__  # type: ignore[attr-defined]
ProgrammeKind = Literal["programme", "project", "action", "initiative"]
FundingRole = Literal["funder", "implementer"]
EntityLabel = Literal["ORG", "LOC", "PER", "MISC"]
Granularity = Literal["day", "month", "year", "season", "quarter"]
ReferenceSource = Literal["dateline", "option", "metadata"]
SourceFormat = Literal["text", "html", "pdf", "docx"]
IatiRole = Literal[1, 4]
IATI_ROLES: dict[str, int] = {"funder": 1, "implementer": 4}  # IATI OrganisationRole codes

TIMEX_PATTERN = r"^\d{4}(-(\d{2}(-\d{2})?|Q[1-4]|SP|SU|FA|WI))?$"


class Record(BaseModel):
    """Shared base: immutable, and unknown fields are an error, not silently kept."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class GroundingError(ValueError):
    """A span whose text is not the source text at its offsets."""


class Span(Record):
    """Anything that points into the source text."""

    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)

    @model_validator(mode="after")
    def _grounded(self, info: ValidationInfo) -> "Span":
        source = (info.context or {}).get("source_text") if info else None
        if self.end < self.start:
            raise GroundingError(f"span end {self.end} before start {self.start}")
        if source is not None and source[self.start:self.end] != self.text:
            raise GroundingError(
                f"span {self.text!r} is not the source text at [{self.start}:{self.end}]"
            )
        return self


class Period(Record):
    """Normalised start and end, TIMEX3 style at their own granularity, ends inclusive."""

    start: str = Field(pattern=TIMEX_PATTERN)
    end: str = Field(pattern=TIMEX_PATTERN)


class SourceInfo(Record):
    """Where the text came from; for a non-text input, ``text_path`` names the extracted
    text (relative to the output folder) that every offset refers to."""

    path: Optional[str] = None
    sha256: str
    n_chars: int = Field(ge=0)
    format: SourceFormat = "text"
    text_path: Optional[str] = None


class Segment(Record):
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    lang: str
    script: str
    confidence: float = Field(ge=0.0, le=1.0)


class ReferenceDate(Record):
    value: str = Field(pattern=r"^\d{4}-\d{2}-\d{2}$")
    source: ReferenceSource


class Dateline(Span):
    place: Optional[str] = None
    date: Optional[Period] = None


class Entity(Span):
    label: EntityLabel
    lang: str
    name: str
    kb_id: Optional[str] = None
    org_id: Optional[str] = None


class DateMention(Span):
    lang: str
    value: Optional[Period] = None
    granularity: Granularity


class Count(Span):
    lang: str
    value: int
    of: str


class Money(Span):
    lang: str
    value: int | float
    currency: str = Field(pattern=r"^[A-Z]{3}$")


class Participant(Record):
    count: int
    group: str


class Evidence(Record):
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Event(Span):
    type: EventType
    lang: str
    title: Optional[str] = None
    date: Optional[Period] = None
    location: Optional[str] = None
    participants: list[Participant] = []
    organisers: list[str] = []
    evidence: Evidence


class Programme(Span):
    lang: str
    name: str
    kb_id: Optional[str] = None
    kind: ProgrammeKind
    period: Optional[Period] = None


class Funding(Span):
    lang: str
    name: str
    kb_id: Optional[str] = None
    org_id: Optional[str] = None
    role: FundingRole
    iati_role: IatiRole

    @model_validator(mode="before")
    @classmethod
    def _iati_role_from_role(cls, data: Any) -> Any:
        """``iati_role`` follows ``role``; callers give the role only."""
        if isinstance(data, dict) and "iati_role" not in data and data.get("role") in IATI_ROLES:
            data = {**data, "iati_role": IATI_ROLES[data["role"]]}
        return data


class PressRelease(Record):
    """One record per input document."""

    schema_version: Literal["1.1"] = SCHEMA_VERSION
    id: str
    source: SourceInfo
    language: str
    segments: list[Segment] = []
    reference_date: Optional[ReferenceDate] = None
    dateline: Optional[Dateline] = None
    entities: list[Entity] = []
    dates: list[DateMention] = []
    counts: list[Count] = []
    money: list[Money] = []
    events: list[Event] = []
    programmes: list[Programme] = []
    funding: list[Funding] = []
    warnings: list[str] = []

    def _repr_html_(self) -> str:
        """How a record shows itself in Jupyter: its text with the spans highlighted, and
        tables of the values (as displaCy shows a spaCy ``Doc``)."""
        from .output.notebook import record_html  # records.py imports no stage

        return record_html(self, _SOURCE_TEXTS.get(id(self)))


# The text each record of this process was built from, while the record lives, so that
# it can show its spans in a notebook; kept beside the record, not in it, so that records
# stay equal, picklable and their JSON unchanged.
_SOURCE_TEXTS: dict[int, str] = {}


def build_release(source_text: str, fields: dict) -> PressRelease:
    """Validate a record against its source text: every span must be grounded.

    >>> build_release("Bishkek", {"id": "x", "language": "en",
    ...     "source": {"sha256": "0", "n_chars": 7},
    ...     "entities": [{"text": "Bishkek", "start": 0, "end": 7, "label": "LOC",
    ...                   "lang": "en", "name": "Bishkek"}]}).entities[0].name
    'Bishkek'
    """
    release = _from_records(source_text, fields)
    if release is None:
        fields = {name: [_plain(r) for r in value] if name in RECORD_FIELDS and isinstance(value, list)
                  else _plain(value) if name in RECORD_FIELDS else value for name, value in fields.items()}
        release = PressRelease.model_validate(fields, context={"source_text": source_text})
    _SOURCE_TEXTS[id(release)] = source_text
    weakref.finalize(release, _SOURCE_TEXTS.pop, id(release), None)
    return release


# The fields of a release that hold the stages' records, and the record type of each.
RECORD_FIELDS: dict[str, type] = {"dateline": Dateline, "entities": Entity, "dates": DateMention, "counts": Count,
                                  "money": Money, "events": Event, "programmes": Programme, "funding": Funding}


def _plain(record):
    return record.model_dump() if isinstance(record, BaseModel) else record


def _from_records(source_text: str, fields: dict) -> Optional[PressRelease]:
    """The release of records the stages built (validated already, all but their grounding):
    their grounding checked here, the other fields validated, no dump and validation of
    every record again. None when a record is not of its field's type (a dict), or not
    grounded: the full validation then builds the release, or says what is wrong."""
    records = {}
    for name, kind in RECORD_FIELDS.items():
        value = fields.get(name)
        items = value if isinstance(value, list) else [] if value is None else [value]
        for r in items:
            if type(r) is not kind or r.end < r.start or source_text[r.start:r.end] != r.text:
                return None
        if name in fields:
            records[name] = value
    head = PressRelease.model_validate({k: v for k, v in fields.items() if k not in RECORD_FIELDS})
    return head.model_copy(update=records)


def json_schema() -> dict:
    """The JSON Schema of :class:`PressRelease`, as published with the package."""
    return PressRelease.model_json_schema()
