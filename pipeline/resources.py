"""The one loader of ``models/``: per-language data, the knowledge base, model files.

Stages never open files under ``models/`` themselves; they receive what this module
loaded. The folder is found, in order: the ``models_dir`` argument, the
``PRESSFACTS_MODELS`` environment variable, the ``models/`` folder of a source checkout,
and the copy shipped inside the installed wheel (``pipeline/_models``).

Parsed files, and work derived from them, are kept between processes in a cache folder
(:func:`cache_dir`), each under a stamp of everything it depends on, so that a process
starts without parsing the knowledge base again.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import re
import sys
import tempfile
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any, Iterable, Mapping, Optional

import yaml

from .errors import ResourceError

ENV_VAR = "PRESSFACTS_MODELS"
NO_CACHE_VAR = "PRESSFACTS_NO_CACHE"
BOOL_TAG = "tag:yaml.org,2002:bool"


class YamlLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """libyaml's parser when PyYAML has it (the knowledge base loads several times
    faster), with YAML 1.2 booleans: only ``true`` and ``false``. Under YAML 1.1 a word
    list's "on", "no" or "yes" silently became a boolean, and the word was lost."""


YamlLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != BOOL_TAG]
    for first, resolvers in YamlLoader.yaml_implicit_resolvers.items()
}
YamlLoader.add_implicit_resolver(BOOL_TAG, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


@lru_cache(maxsize=1)
def _yaml_reader() -> Optional[str]:
    """What parsing depends on besides the text: PyYAML and its parser, this module's
    loader (its booleans), the Python version; None, so no cache, without the source."""
    try:
        source = Path(__file__).read_text(encoding="utf-8")
    except OSError:
        return None
    return "\0".join((yaml.__version__, YamlLoader.__mro__[1].__name__, source, sys.version))


def _yaml_stamp(text: str) -> Optional[str]:
    """The stamp of a YAML file's parse kept in the cache (parsing the knowledge base was
    a tenth of a process's start-up; unpickling it takes a few milliseconds)."""
    reader = _yaml_reader()
    return hashlib.sha256((reader + "\0" + text).encode("utf-8")).hexdigest() if reader else None


def default_models_dir() -> Path:
    """Where ``models/`` is when the caller does not say."""
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env)
    package = Path(__file__).resolve().parent
    checkout = package.parent / "models"
    if (checkout / "lang").is_dir():
        return checkout
    shipped = package / "_models"
    if (shipped / "lang").is_dir():
        return shipped
    raise ResourceError(
        f"cannot find the models folder: looked for {checkout} and {shipped}; "
        f"pass models_dir= or set {ENV_VAR}"
    )


class LanguageData(Mapping[str, Any]):
    """One language's knowledge: every ``models/lang/<code>/<topic>.yaml``, by topic.

    ``lang["dates"]["months"]`` is the month table of ``dates.yaml``. A missing topic is an
    empty mapping, so a language can be added one file at a time.
    """

    def __init__(self, code: str, topics: dict[str, Any]):
        self.code = code
        self._topics = topics

    def __getitem__(self, topic: str) -> Any:
        return self._topics.get(topic, {})

    def __iter__(self):
        return iter(self._topics)

    def __len__(self) -> int:
        return len(self._topics)

    def __repr__(self) -> str:
        return f"LanguageData({self.code!r}, topics={sorted(self._topics)})"


class Resources:
    """Everything under one ``models/`` folder, read once and cached."""

    def __init__(self, models_dir: Optional[os.PathLike | str] = None):
        self.root = Path(models_dir) if models_dir is not None else default_models_dir()
        if not (self.root / "lang").is_dir():
            raise ResourceError(f"{self.root} has no lang/ folder: not a pressfacts models folder")
        self._languages: dict[str, LanguageData] = {}
        self._yaml: dict[Path, Any] = {}
        self._codes: Optional[list[str]] = None

    def path(self, *parts: str) -> Path:
        """A path under the models folder (which need not exist)."""
        return self.root.joinpath(*parts)

    def yaml(self, *parts: str) -> Any:
        """A YAML file under the models folder, parsed once."""
        path = self.path(*parts)
        if path not in self._yaml:
            if not path.is_file():
                raise ResourceError(f"missing resource file {path}")
            text = path.read_text(encoding="utf-8")
            name, stamp = "yaml-" + "-".join(parts), _yaml_stamp(text)
            parsed = read_cache(name, stamp) if stamp else None
            if parsed is None:
                try:
                    parsed = yaml.load(text, Loader=YamlLoader) or {}
                except yaml.YAMLError as err:
                    raise ResourceError(f"{path} is not valid YAML: {err}") from err
                if stamp:
                    write_cache(name, stamp, parsed)
            self._yaml[path] = parsed
        return self._yaml[path]

    def languages(self) -> list[str]:
        """Language codes that have a data folder (listed once: stages ask per document)."""
        if self._codes is None:
            self._codes = sorted(p.name for p in self.path("lang").iterdir()
                                 if p.is_dir() and not p.name.startswith("_"))
        return list(self._codes)

    def lang(self, code: str) -> LanguageData:
        """The data of one language; an unknown code gives empty data, never an error."""
        if code not in self._languages:
            folder = self.path("lang", code)
            topics: dict[str, Any] = {}
            if folder.is_dir():
                for file in sorted(folder.glob("*.yaml")):
                    topics[file.stem] = self.yaml("lang", code, file.name)
            self._languages[code] = LanguageData(code, topics)
        return self._languages[code]


@lru_cache(maxsize=4)
def shared_resources(models_dir: Optional[str] = None) -> Resources:
    """A process-wide :class:`Resources`, so workers load each file once."""
    return Resources(models_dir)


def cache_dir() -> Optional[Path]:
    """Where work derived from ``models/`` is kept between processes:
    ``$XDG_CACHE_HOME/pressfacts`` or ``~/.cache/pressfacts``; None when
    ``PRESSFACTS_NO_CACHE=1``."""
    if os.environ.get(NO_CACHE_VAR, "") not in ("", "0"):
        return None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "pressfacts"


def files_stamp(packages: Iterable[str], paths: Iterable[str]) -> Optional[str]:
    """The stamp of something built from the files ``paths`` by the installed ``packages``:
    their versions, the Python version, the files' sizes and times; None (so no cache)
    when one of them is missing."""
    try:
        versions = [metadata.version(name) for name in packages]
        files = [f"{path}:{os.stat(path).st_size}:{os.stat(path).st_mtime_ns}" for path in paths]
    except (metadata.PackageNotFoundError, OSError):
        return None
    return "\0".join([sys.version, *versions, *files])


def read_cache(name: str, stamp: str) -> Any:
    """The value :func:`write_cache` kept under ``name`` with the same ``stamp`` (a digest
    of everything the value depends on); None when there is none: no cache, another
    stamp, a file unreadable or corrupt. The caller then computes the value again."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        with open(folder / f"{name}.pickle", "rb") as stored:
            stored_stamp, value = pickle.load(stored)
    except Exception:  # whatever a missing or damaged file raises, the value is computed again
        return None
    return value if stored_stamp == stamp else None


def write_cache(name: str, stamp: str, value: Any) -> None:
    """Keep ``value`` under ``name``, replacing what another stamp left: one file per name,
    written whole or not at all (concurrent writers leave one of their files whole); an
    unwritable cache folder means no cache."""
    folder = cache_dir()
    if folder is None:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as out:
                pickle.dump((stamp, value), out, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, folder / f"{name}.pickle")
        except BaseException:
            os.unlink(temporary)
            raise
    except OSError:
        pass
