"""pressfacts: structured, source-grounded facts from press releases.

>>> import pipeline
>>> record = pipeline.extract("Tashkent, 12 March 2024 - A seminar took place.")
>>> record.schema_version
'1.1'
"""

import sys
import types

__version__ = "0.1.0"

from .errors import (  # noqa: E402
    BinaryInputError, BrokenDocumentError, EncryptedDocumentError, InputError, InputTooLargeError,
    MissingExtraError, NoTextLayerError, OptionError, PressFactsError, ResourceError,
    UndecodableInputError, UnreadableDocumentError,
)
from .records import PressRelease, json_schema  # noqa: E402

# Loaded on first use (PEP 562): ``import pipeline.batch`` in a parallel run's parent, or
# the CLI's --help, then need not import spaCy and the models' libraries.
_LAZY = {"Pipeline": "api", "to_dataframe": "frames", "read_file": "reading"}


class _Package(types.ModuleType):
    """This package, whose ``extract`` is always the function: importing the extractors'
    subpackage (also ``extract``) binds its name on the package, which is ignored here."""

    @property
    def extract(self):
        from .api import extract

        return extract

    @extract.setter
    def extract(self, _subpackage) -> None:
        pass


sys.modules[__name__].__class__ = _Package


def __getattr__(name: str):
    if name in _LAZY:
        from importlib import import_module

        value = getattr(import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

__all__ = [
    "extract", "Pipeline", "PressRelease", "json_schema", "PressFactsError", "InputError",
    "BinaryInputError", "UndecodableInputError", "InputTooLargeError", "ResourceError",
    "OptionError", "to_dataframe", "read_file", "UnreadableDocumentError", "NoTextLayerError",
    "EncryptedDocumentError", "BrokenDocumentError", "MissingExtraError", "__version__",
]
