"""pressfacts: structured, source-grounded facts from press releases.

>>> import pipeline
>>> record = pipeline.extract("Tashkent, 12 March 2024 - A seminar took place.")
>>> record.schema_version
'1.0'
"""

__version__ = "0.1.0"

from .errors import (  # noqa: E402
    BinaryInputError, InputError, InputTooLargeError, OptionError, PressFactsError,
    ResourceError, UndecodableInputError,
)
from .records import PressRelease, json_schema  # noqa: E402

# Loaded on first use (PEP 562): ``import pipeline.batch`` in a parallel run's parent, or
# the CLI's --help, then need not import spaCy and the models' libraries.
_LAZY = {"Pipeline": "api", "extract": "api", "to_dataframe": "frames"}


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
    "OptionError", "to_dataframe", "__version__",
]
