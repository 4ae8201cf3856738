"""pressfacts: structured, source-grounded facts from press releases.

>>> import pipeline
>>> record = pipeline.extract("Tashkent, 12 March 2024 - A seminar took place.")
>>> record.schema_version
'1.0'
"""

__version__ = "0.1.0"

from .api import Pipeline, extract  # noqa: E402
from .errors import (  # noqa: E402
    BinaryInputError, InputError, InputTooLargeError, OptionError, PressFactsError,
    ResourceError, UndecodableInputError,
)
from .frames import to_dataframe  # noqa: E402
from .records import PressRelease, json_schema  # noqa: E402

__all__ = [
    "extract", "Pipeline", "PressRelease", "json_schema", "PressFactsError", "InputError",
    "BinaryInputError", "UndecodableInputError", "InputTooLargeError", "ResourceError",
    "OptionError", "to_dataframe", "__version__",
]
