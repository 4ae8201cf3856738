"""The library entry point: a :class:`Pipeline` loads resources once and runs the stages.

``reading -> segmenting -> tokenizing -> dateline -> extractors -> facts -> records``.
"""

from __future__ import annotations

import datetime as dt
import time
from typing import Any, Iterable, Iterator, Optional, Union

from . import __version__
from .context import DocumentContext
from .errors import ExtractionError, InputError, PressFactsError
from .extract import EXTRACTORS
from .extract.dateline import find_dateline
from .facts import ASSEMBLERS
from .folding import matching_view, segment_view
from .langid import LanguageIdentifier
from .reading import Source, read_text
from .records import PressRelease, build_release
from .resources import Resources
from .segmenting import document_language, segment
from .settings import DateLike, parse_reference_date, pipeline_options
from .tokenizing import Tokenizers


class Pipeline:
    """Resources, language identifier and tokenizers, loaded once for many documents.

    >>> pipe = Pipeline()
    >>> pipe.extract("Bishkek hosted a seminar for judges.").language
    'en'
    """

    def __init__(self, *, models_dir: Optional[str] = None, reference_date: DateLike = None,
                 merge_segments: bool = True, ner: Optional[str] = None,
                 stanza_dir: Optional[str] = None, options: Optional[dict[str, Any]] = None):
        """``ner`` picks the statistical NER backend: ``spacy`` (the default: the shipped
        models), ``stanza`` (models in ``stanza_dir``) or ``none`` (knowledge base and rules
        only)."""
        options = pipeline_options(options, ner=ner, stanza_dir=stanza_dir)
        self.resources = Resources(models_dir)
        self.identifier = LanguageIdentifier.from_resources(self.resources)
        self.tokenizers = Tokenizers()
        self.reference_date = parse_reference_date(reference_date)
        self.merge_segments = merge_segments
        self.options = options
        self.models: dict[str, Any] = {}
        # A dict here collects the CPU seconds of each stage over the documents extracted
        # (benchmarks/scaling.py reads it); None, the default, times nothing.
        self.stage_cpu: Optional[dict[str, float]] = None

    # -- public API -------------------------------------------------------------------

    def extract(self, text: str, *, id: str = "text", reference_date: DateLike = None) -> PressRelease:
        """The record of one document given as a string."""
        if not isinstance(text, str):
            raise InputError(f"extract() takes a str, not {type(text).__name__}; decode bytes first "
                             "or use pipeline.reading.read_bytes")
        return self.extract_source(read_text(text, id=id), reference_date=reference_date)

    def extract_many(self, texts: Iterable[Union[str, tuple[str, str]]], *,
                     reference_date: DateLike = None) -> Iterator[PressRelease]:
        """Records for many strings, or ``(id, text)`` pairs, in order."""
        for i, item in enumerate(texts):
            doc_id, text = item if isinstance(item, tuple) else (f"text-{i}", item)
            yield self.extract(text, id=doc_id, reference_date=reference_date)

    def extract_source(self, source: Source, *, reference_date: DateLike = None,
                       metadata_date: Optional[dt.date] = None,
                       explanations: Optional[list] = None) -> PressRelease:
        """The record of one decoded :class:`~pipeline.reading.Source`; given a list as
        ``explanations``, the facts stage adds a :class:`~pipeline.facts.reasons.Reason` per
        rule that made an event or a funding record (outside the record).

        A failure no stage could absorb (a library's own error) is an
        :class:`~pipeline.errors.ExtractionError`, never a bare library exception.
        """
        try:
            return self._extract_source(source, reference_date=reference_date,
                                        metadata_date=metadata_date, explanations=explanations)
        except PressFactsError:
            raise
        except Exception as err:  # noqa: BLE001 - typed for the caller, cause chained
            raise ExtractionError(f"{type(err).__name__}: {err}") from err

    def _extract_source(self, source: Source, *, reference_date: DateLike = None,
                        metadata_date: Optional[dt.date] = None,
                        explanations: Optional[list] = None) -> PressRelease:
        text = source.text
        option_date = parse_reference_date(reference_date) or self.reference_date
        context = DocumentContext(source_text=text, resources=self.resources,
                                  options=self.options, models=self.models, explanations=explanations)
        for warning in source.warnings:
            context.warn(warning)
        # Stages match in the folded view (homoglyphs, ё); spans are read from the source.
        started = time.process_time()
        segments = segment(matching_view(text), self.identifier, merge=self.merge_segments)
        started = self._clock("segmenting", started)
        if not segments:
            context.warn("empty document: no text to extract from")
        for seg in segments:
            seg.raw = text[seg.start:seg.end]
            seg.text = segment_view(seg.text, self.resources.lang(seg.lang)["spelling"].get("optional_letters", {}))
            seg.doc = self.tokenizers(seg.text, seg.lang)
        self._clock("tokenizing", started)
        all_segments, segments = segments, [s for s in segments if self._supported(s, context)]

        # The caller's date (option, else the file's date) gives a yearless dateline its year.
        context.reference_date = option_date or metadata_date
        dateline = self._run("dateline", find_dateline, segments, context=context)
        context.reference_date = None
        reference = None
        if dateline is not None and dateline.date is not None and len(dateline.date.start) == 10:
            reference = {"value": dateline.date.start, "source": "dateline"}
        elif option_date is not None:
            reference = {"value": option_date.isoformat(), "source": "option"}
        elif metadata_date is not None:
            reference = {"value": metadata_date.isoformat(), "source": "metadata"}
        if reference is not None:
            context.reference_date = dt.date.fromisoformat(reference["value"])

        found: dict[str, list] = {name: [] for name in EXTRACTORS}
        for seg in segments:
            lang = self.resources.lang(seg.lang)
            for name, extractor in EXTRACTORS.items():
                found[name].extend(self._run(name, extractor, seg, lang, context=context) or [])
        for name in found:
            found[name].sort(key=lambda r: (r.start, r.end))
        facts: dict[str, list] = {}
        for name, assembler in ASSEMBLERS.items():
            facts[name] = self._run(name, assembler, segments,
                                    {**found, **facts, "dateline": [dateline] if dateline else []}, context=context) or []

        fields = {
            "id": source.id,
            "source": {"path": source.path, "sha256": source.sha256, "n_chars": len(text),
                       "format": source.format, "text_path": source.text_path},
            "language": document_language(all_segments),
            "segments": [{"start": s.start, "end": s.end, "lang": s.lang, "script": s.script,
                          "confidence": s.confidence} for s in all_segments],
            "reference_date": reference,
            "dateline": dateline,
            **found,
            **facts,
            "warnings": context.warnings,
        }
        started = time.process_time()
        release = build_release(text, fields)
        self._clock("records", started)
        return release

    # -- internals --------------------------------------------------------------------

    def _supported(self, seg, context: DocumentContext) -> bool:
        """Whether the stages have data for the segment's script; a script its language
        file lists as recognised only (Kazakh in Latin letters) is flagged, not misread."""
        if seg.script not in self.resources.lang(seg.lang)["langid"].get("unsupported_scripts", ()):
            return True
        context.warn(f"characters {seg.start}-{seg.end}: {seg.lang} in {seg.script} script is not "
                     "supported yet; nothing extracted from them")
        return False

    def _run(self, name: str, stage, *args, context: DocumentContext, **kwargs):
        """Run one stage; a failure becomes a warning on the record, not a lost document."""
        started = time.process_time()
        try:
            return stage(*args, context=context, **kwargs)
        except Exception as err:  # noqa: BLE001 - reported on the record, see docstring
            context.warn(f"{name} stage failed: {type(err).__name__}: {err}")
            return None
        finally:
            self._clock(name, started)

    def _clock(self, name: str, started: float) -> float:
        """Add the CPU time since ``started`` to stage ``name`` when timing; the time now."""
        now = time.process_time()
        if self.stage_cpu is not None:
            self.stage_cpu[name] = self.stage_cpu.get(name, 0.0) + now - started
        return now


_DEFAULT: Optional[Pipeline] = None


def default_pipeline() -> Pipeline:
    """The process-wide pipeline behind :func:`extract`."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Pipeline()
    return _DEFAULT


def extract(text: str, *, reference_date: DateLike = None, id: str = "text") -> PressRelease:
    """Extract the record of one press release given as a string.

    >>> extract("").warnings
    ['empty document: no text to extract from']
    """
    return default_pipeline().extract(text, id=id, reference_date=reference_date)


__all__ = ["Pipeline", "extract", "default_pipeline", "parse_reference_date", "__version__"]
