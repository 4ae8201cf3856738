"""What shapes a pipeline, checked without loading any model.

A batch run's parent process only reads files and writes results: it validates the
options here and hands workers a hashable :class:`Settings`, from which each builds its
own :class:`~pipeline.api.Pipeline`. Keeping this module free of spaCy and the models
spares the parent a second copy of them (about 1.6 s of imports and 0.5 GiB).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Optional, Union

from .errors import OptionError
from .resources import Resources

if TYPE_CHECKING:
    from .api import Pipeline

DateLike = Union[str, dt.date, None]
NER_BACKENDS = ("spacy", "stanza", "none")


def parse_reference_date(value: DateLike) -> Optional[dt.date]:
    """A caller's reference date as a ``date``; ISO ``YYYY-MM-DD`` strings are accepted.

    >>> parse_reference_date("2024-03-12"), parse_reference_date(None)
    (datetime.date(2024, 3, 12), None)
    """
    if value is None or isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.datetime):
        return value.date()
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as err:
        raise OptionError(f"reference date {value!r} is not an ISO date (YYYY-MM-DD)") from err


def pipeline_options(options: Optional[dict[str, Any]] = None, *, ner: Optional[str] = None,
                     stanza_dir: Optional[str] = None) -> dict[str, Any]:
    """The options of a pipeline, checked, with the NER default written out.

    The default is written out so that ``Pipeline()`` and ``Pipeline(ner="spacy")`` have
    equal options, and so equal fingerprints for ``--resume``.

    >>> pipeline_options(), pipeline_options(ner="none")
    ({'ner': 'spacy'}, {'ner': 'none'})
    """
    options = dict(options or {})
    if ner is not None:
        options["ner"] = ner
    if stanza_dir is not None:
        options["stanza_dir"] = str(stanza_dir)
    options.setdefault("ner", "spacy")
    if options["ner"] not in NER_BACKENDS:
        raise OptionError(f"ner={options['ner']!r}: choose one of {', '.join(NER_BACKENDS)}")
    if options["ner"] == "stanza" and not options.get("stanza_dir"):
        raise OptionError("ner='stanza' needs stanza_dir: a folder of stanza models")
    return options


@dataclass(frozen=True)
class Settings:
    """What a worker needs to build the same :class:`~pipeline.api.Pipeline` as the
    caller's; hashable, so a worker keeps one pipeline per distinct settings."""

    models_dir: Optional[str] = None
    reference_date: Optional[str] = None
    merge_segments: bool = True
    options_json: str = "{}"

    @classmethod
    def checked(cls, *, models_dir: Optional[str] = None, reference_date: DateLike = None,
                ner: Optional[str] = None, stanza_dir: Optional[str] = None,
                options: Optional[dict[str, Any]] = None) -> "Settings":
        """Settings from a caller's arguments, every one validated as Pipeline would."""
        date = parse_reference_date(reference_date)
        return cls(models_dir=str(Resources(models_dir).root),
                   reference_date=date.isoformat() if date else None,
                   options_json=json.dumps(pipeline_options(options, ner=ner, stanza_dir=stanza_dir),
                                           sort_keys=True, default=str))

    @classmethod
    def of(cls, pipe: "Pipeline") -> "Settings":
        return cls(models_dir=str(pipe.resources.root),
                   reference_date=pipe.reference_date.isoformat() if pipe.reference_date else None,
                   merge_segments=pipe.merge_segments,
                   options_json=json.dumps(pipe.options, sort_keys=True, default=str))

    def build(self) -> "Pipeline":
        from .api import Pipeline

        return Pipeline(models_dir=self.models_dir, reference_date=self.reference_date,
                        merge_segments=self.merge_segments, options=json.loads(self.options_json))
