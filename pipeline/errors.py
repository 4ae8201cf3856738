"""Typed exceptions a Python user can catch, and the messages they carry.

Every failure the pipeline reports to a caller is one of these, never a traceback from
deep inside spaCy or a decoder.
"""

from __future__ import annotations


class PressFactsError(Exception):
    """Base class of every error the pipeline raises on purpose."""


class InputError(PressFactsError):
    """Input that cannot be read as a text document."""


class BinaryInputError(InputError):
    """The bytes look like a binary file (image, archive, executable), not text."""


class UndecodableInputError(InputError):
    """No known text encoding decodes the bytes."""


class InputTooLargeError(InputError):
    """The document is larger than the configured limit."""


class OutputError(PressFactsError):
    """The output cannot be written: a folder that is a file or read-only, a full disk,
    another run writing to the same folder, two inputs with one output name."""


class EngineError(PressFactsError):
    """The engine cannot run the work (say, no Dask scheduler at the given address)."""


class ExtractionError(PressFactsError):
    """A document could not be processed for a reason inside the pipeline (a library
    failure the stages could not absorb); the message names the cause."""


class ResourceError(PressFactsError):
    """A file under models/ is missing or malformed."""


class OptionError(PressFactsError):
    """An option given by the caller is not valid (a date, a language, a backend)."""


class UnreadableDocumentError(InputError):
    """A web page, PDF or Word file whose text cannot be taken out."""


class NoTextLayerError(UnreadableDocumentError):
    """The document holds no text: a scanned PDF without a text layer, an empty page."""


class EncryptedDocumentError(UnreadableDocumentError):
    """The PDF is encrypted and needs a password."""


class BrokenDocumentError(UnreadableDocumentError):
    """The file is damaged or not what its name says (a truncated PDF, a broken .docx)."""


class MissingExtraError(InputError):
    """Reading this format needs the optional extra ``formats``, which is not installed."""
