"""Statistical NER backends behind one function: the shipped spaCy models, or stanza.

:func:`statistical_entities` returns grounded :class:`~pipeline.records.Entity` mentions of
one segment with ``name`` the surface form and no ``kb_id``: knowledge-base linking is the
entities extractor's job, and its KB matches win over these.

Backends, chosen by the ``ner`` option (default ``spacy``):

- ``spacy``: the models shipped under ``models/ner/``; ``models/ner/models.yaml`` says
  which model runs on which language (a language not listed gets no statistical NER).
- ``stanza``: stanza NER models the user has in the folder given by the ``stanza_dir``
  option (a ``stanza.download`` folder, or models trained with stanza's own trainer, see
  ``models/ner/README.md``). Never downloads; a missing model is a
  :class:`~pipeline.errors.ResourceError` naming it. Needs ``pip install pressfacts[stanza]``.
- ``none``: no statistical NER.
"""

from __future__ import annotations

import bisect
import json
import pickle
from dataclasses import replace
from pathlib import Path
from typing import Any, Optional

import spacy
from spacy.attrs import SENT_START
from spacy.tokens import Doc

from .errors import OptionError, ResourceError
from .records import Entity
from .settings import NER_BACKENDS
from .text import token_table, view
from .tokenizing import make_doc

# Labels of the models we may run (KazNERD, OntoNotes, CoNLL, WikiNER) -> the contract's.
LABELS = {
    "ORG": "ORG", "ORGANISATION": "ORG", "ORGANIZATION": "ORG",
    "LOC": "LOC", "GPE": "LOC", "LOCATION": "LOC",
    "PER": "PER", "PERSON": "PER",
    "MISC": "MISC",
}


def contract_label(label: str) -> Optional[str]:
    """The contract's label for a model's label; ``None`` for classes the contract lacks.

    >>> contract_label("GPE"), contract_label("ORGANISATION"), contract_label("DATE")
    ('LOC', 'ORG', None)
    """
    return LABELS.get(label.upper())


def statistical_entities(segment, lang_code: str, *, context, backend: Optional[str] = None,
                         stretches: Optional[list[tuple[int, int]]] = None) -> list[Entity]:
    """Entity mentions a statistical model finds in one segment.

    Args:
        segment: a :class:`~pipeline.segmenting.Segment` (its ``doc`` is used by stanza).
        lang_code: the segment's language code, e.g. ``"kk"``.
        context: the :class:`~pipeline.context.DocumentContext`; its ``options`` give
            ``ner`` and ``stanza_dir``, its ``models`` cache the loaded models.
        backend: ``spacy``, ``stanza`` or ``none``; default the ``ner`` option.
        stretches: with ``spacy``, the (local) stretches of the segment the model reads,
            each on its own; default the whole segment.

    Returns:
        Grounded entities (absolute offsets), ``name`` the surface form, ``kb_id`` None.

    >>> from pipeline.api import Pipeline
    >>> pipe = Pipeline()
    >>> text = "Біріккен Ұлттар Ұйымы Астанада жаңа бағдарлама таныстырды."
    >>> from pipeline.segmenting import segment
    >>> seg = segment(text, pipe.identifier)[0]
    >>> from pipeline.context import DocumentContext
    >>> ctx = DocumentContext(source_text=text, resources=pipe.resources, models=pipe.models)
    >>> [(e.text, e.label) for e in statistical_entities(seg, "kk", context=ctx)]
    [('Біріккен Ұлттар Ұйымы', 'ORG'), ('Астанада', 'LOC')]
    """
    backend = backend or context.options.get("ner", "spacy")
    if backend == "none":
        return []
    if backend == "spacy":
        spans = _spacy_spans(segment, lang_code, context, stretches)
    elif backend == "stanza":
        spans = _stanza_spans(segment, lang_code, context)
    else:
        raise OptionError(f"unknown NER backend {backend!r}; choose one of {', '.join(NER_BACKENDS)}")
    entities = []
    for start, end, label in spans:
        text = segment.raw[start:end]
        entities.append(Entity(text=text, start=segment.start + start, end=segment.start + end,
                               label=label, lang=lang_code, name=text, kb_id=None))
    return entities


# -- long segments ----------------------------------------------------------------------

# Characters a statistical model reads at once. spaCy's parser-based NER takes memory in
# proportion to the text it is given (a 1 MB single-paragraph file took 3.4 GiB); a release
# is far shorter, so for every real segment this is one window: the segment itself.
MODEL_WINDOW = 20_000


def model_windows(doc) -> list[tuple[int, int]]:
    """``(start, end)`` character stretches of ``doc`` of at most ``MODEL_WINDOW``
    characters, cut before a sentence, else before a token. A token longer than the window
    (a base64 image pasted into a page) is left out: no name is that long, and a window
    of it alone would be longer than a window, which a caller windowing again (the entity
    extractor) would split forever.

    >>> import spacy
    >>> nlp = spacy.blank("en"); _ = nlp.add_pipe("sentencizer")
    >>> model_windows(nlp("Short text."))
    [(0, 11)]
    >>> model_windows(nlp("A seminar took place in Osh. " * 1000))   # 29,000 characters
    [(0, 19981), (19981, 29000)]
    """
    length = doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0
    if length <= MODEL_WINDOW:
        return [(0, length)]
    token_starts, _, _, sent_flags = token_table(doc)
    sentence_starts = [a for i, (a, flag) in enumerate(zip(token_starts, sent_flags[:, 0].tolist()))
                       if i == 0 or flag == 1] if doc.has_annotation("SENT_START") else []
    windows, start = [], 0
    while length - start > MODEL_WINDOW:
        limit = start + MODEL_WINDOW
        cut = _last_between(sentence_starts, start, limit) or _last_between(token_starts, start, limit)
        if cut is None:   # one token longer than the window: skip it
            i = bisect.bisect_right(token_starts, start)
            start = token_starts[i] if i < len(token_starts) else length
            continue
        windows.append((start, cut))
        start = cut
    if start < length:
        windows.append((start, length))
    return windows


def _last_between(offsets: list[int], low: int, high: int) -> Optional[int]:
    """The last offset in ``(low, high]``, or None."""
    i = bisect.bisect_right(offsets, high)
    return offsets[i - 1] if i and offsets[i - 1] > low else None


def window_segment(segment, start: int, end: int, with_doc: bool = True):
    """The part ``[start, end)`` of a segment, as a segment of its own (offsets shifted),
    with its tokens unless ``with_doc`` is false."""
    if (start, end) == (0, len(segment.text)):
        return segment
    doc = None
    if segment.doc is not None and with_doc:
        # A Doc of the stretch's tokens and sentence starts, made from the segment's token
        # table: ``Span.as_doc`` copies every attribute and looks up a vector per token,
        # five times the cost, and a Token object per word costs more than its offsets.
        starts, lengths, spaces, sent_flags = view(segment, "token table", lambda: token_table(segment.doc))
        i, j = bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)
        while j > i and starts[j - 1] + lengths[j - 1] > end:
            j -= 1
        text = segment.text
        doc = Doc(segment.doc.vocab, words=[text[a:a + n] for a, n in zip(starts[i:j], lengths[i:j])],
                  spaces=[bool(x) for x in spaces[i:j]])
        doc.from_array([SENT_START], sent_flags[i:j])
    return replace(segment, start=segment.start + start, end=segment.start + end, raw=segment.raw[start:end],
                   text=segment.text[start:end], paragraphs=[], doc=doc, views={})


# -- spaCy ------------------------------------------------------------------------------

def _spacy_spans(segment, lang_code: str, context, stretches=None) -> list[tuple[int, int, str]]:
    """Local (start, end, label) of the shipped model for this language, if it has one,
    over ``stretches`` of the segment (default: all of it)."""
    name = context.resources.yaml("ner", "models.yaml").get(lang_code)
    if name is None:
        return []
    key = f"spacy-ner:{name}"
    if key not in context.models:
        path = context.resources.path("ner", name)
        if not (path / "config.cfg").is_file():
            raise ResourceError(f"missing spaCy NER model {path} (listed for {lang_code!r} in models/ner/models.yaml)")
        context.models[key] = spacy.load(path)
    nlp = context.models[key]
    stretches = [(0, len(segment.text))] if stretches is None else stretches
    docs = nlp.pipe(make_doc(nlp, segment.text[a:b]) for a, b in stretches)
    return [(ent.start_char + a, ent.end_char + a, label) for (a, _), doc in zip(stretches, docs) for ent in doc.ents
            if (label := contract_label(ent.label_)) is not None]


# -- stanza -----------------------------------------------------------------------------

def _stanza_spans(segment, lang_code: str, context) -> list[tuple[int, int, str]]:
    """Local (start, end, label) of the user's stanza model, run on our own tokens."""
    nlp = _stanza_pipeline(lang_code, context)
    sentences = [[t for t in sent if not t.is_space] for sent in _sentences(segment.doc)]
    sentences = [s for s in sentences if s]
    if not sentences:
        return []
    result = nlp([[t.text for t in s] for s in sentences])
    spans = []
    for tokens, sentence in zip(sentences, result.sentences):
        for ent in sentence.ents:
            label = contract_label(ent.type)
            if label is None:
                continue
            first, last = tokens[ent.tokens[0].id[0] - 1], tokens[ent.tokens[-1].id[-1] - 1]
            spans.append((first.idx, last.idx + len(last.text), label))
    return spans


def _sentences(doc) -> list:
    return list(doc.sents) if doc.has_annotation("SENT_START") else [doc[:]]


def _stanza_pipeline(lang_code: str, context) -> Any:
    """A stanza pipeline (pretokenized input, NER only) from the ``stanza_dir`` option, cached."""
    try:
        import stanza
    except ImportError as err:
        raise OptionError("the stanza NER backend needs the stanza extra: pip install 'pressfacts[stanza]'") from err
    if not context.options.get("stanza_dir"):
        raise OptionError("the stanza NER backend needs the stanza_dir option: a folder of stanza models")
    root = Path(context.options["stanza_dir"])
    key = f"stanza:{root}:{lang_code}"
    if key in context.models:
        return context.models[key]
    resources_file = root / "resources.json"
    if not resources_file.is_file():
        raise ResourceError(f"{root} is not a stanza model folder: it has no resources.json")
    model_dir = root / lang_code / "ner"
    if not any(model_dir.glob("*.pt")):
        raise ResourceError(f"no stanza NER model for {lang_code!r}: {model_dir} has no .pt file "
                            "(download it where there is internet, or train one; see models/ner/README.md)")
    kwargs: dict[str, Any] = {}
    if lang_code not in json.loads(resources_file.read_text(encoding="utf-8")):
        # A model trained here, not listed by stanza: its files by the default package name.
        kwargs["ner_model_path"] = str(model_dir / "default.pt")
        pretrain = root / lang_code / "pretrain" / "default.pt"
        if pretrain.is_file():
            kwargs["ner_pretrain_path"] = str(pretrain)
    try:
        nlp = stanza.Pipeline(lang=lang_code, dir=str(root), processors="tokenize,ner",
                              tokenize_pretokenized=True, download_method=None,
                              allow_unknown_language=True, logging_level="ERROR", use_gpu=False, **kwargs)
    except (OSError, ValueError, RuntimeError, pickle.UnpicklingError,
            stanza.pipeline.core.PipelineRequirementsException) as err:
        raise ResourceError(f"cannot load the stanza NER model for {lang_code!r} from {root}: {err}") from err
    context.models[key] = nlp
    return nlp

