"""Reading input: bytes to text, files and folders to :class:`Source` objects.

Offsets in the output are Python ``str`` indices into the text returned here (after
decoding, before any internal normalisation), so this module never rewrites the text:
no newline conversion, no Unicode normalisation, only BOM removal by the codec.
"""

from __future__ import annotations

import hashlib
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Optional

from charset_normalizer import from_bytes

from .errors import BinaryInputError, InputError, InputTooLargeError, UndecodableInputError

DEFAULT_GLOB = "*.{txt,html,htm,pdf,docx}"

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
# Legacy encodings seen in the region, tried when UTF-8 fails, before a general detector.
CYRILLIC_CODEPAGES = ("cp1251", "koi8_r", "cp866")
# Control characters other than tab, newline, carriage return and form feed are the mark
# of a binary file; a text file has almost none.
_CONTROL = set(range(0, 32)) - {9, 10, 12, 13}


@dataclass(frozen=True)
class Source:
    """One decoded input document."""

    id: str
    text: str
    sha256: str
    path: Optional[str] = None
    encoding: str = "utf-8"
    # What the input was (``text html pdf docx``); for the others ``text`` was extracted
    # from it, and ``text_path`` names where the batch writes that text.
    format: str = "text"
    text_path: Optional[str] = None


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if not sample:
        return False
    if b"\x00" in sample:
        # UTF-16/32 text has NULs too; those are recognised by their BOM before this check.
        return True
    controls = sum(1 for b in sample if b in _CONTROL)
    return controls / len(sample) > 0.01


def _cyrillic_share(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for c in letters if "\u0400" <= c <= "\u04ff") / len(letters)


def _cyrillic_letter_share(chars: str) -> float:
    """Share of characters that are Cyrillic letters (box-drawing and symbols count against)."""
    return sum(1 for c in chars if c.isalpha() and "\u0400" <= c <= "\u04ff") / len(chars) if chars else 0.0


def _lowercase_share(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    return sum(1 for c in letters if c.islower()) / len(letters) if letters else 0.0


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode a document's bytes; return ``(text, encoding)``.

    Order: BOMs (UTF-8, UTF-16, UTF-32), strict UTF-8, then legacy Cyrillic code pages when
    they yield mostly Cyrillic letters, then charset-normalizer's detection.

    >>> decode_bytes("Совет Европы".encode("cp1251"))
    ('Совет Европы', 'cp1251')
    """
    for bom, codec in (
        (b"\xef\xbb\xbf", "utf-8-sig"),
        (b"\xff\xfe\x00\x00", "utf-32"),
        (b"\x00\x00\xfe\xff", "utf-32"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(codec), codec
            except UnicodeDecodeError as err:
                raise UndecodableInputError(f"starts with a {codec} byte-order mark but does not decode: {err}") from err
    if _looks_binary(data):
        raise BinaryInputError("binary content (NUL or control bytes), not a text document")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    high = bytes(b for b in data if b >= 0x80)
    candidates = []
    for codec in CYRILLIC_CODEPAGES:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if _cyrillic_letter_share(high.decode(codec, errors="ignore")) > 0.8 and _cyrillic_share(text) > 0.3:
            candidates.append((_lowercase_share(text), -len(candidates), text, codec))
    if candidates:
        # Several code pages map high bytes to Cyrillic; the right one gives running text
        # (mostly lower case), the wrong ones give mostly capitals.
        _, _, text, codec = max(candidates)
        return text, codec
    match = from_bytes(data).best()
    if match is None:
        raise UndecodableInputError("no text encoding decodes these bytes")
    return str(match), match.encoding


def read_bytes(data: bytes, *, id: str, path: Optional[str] = None,
               max_bytes: int = DEFAULT_MAX_BYTES) -> Source:
    """Turn raw bytes into a :class:`Source`, refusing binary, undecodable or huge input."""
    if len(data) > max_bytes:
        raise InputTooLargeError(f"{len(data):,} bytes is over the limit of {max_bytes:,} (--max-bytes)")
    text, encoding = decode_bytes(data)
    return Source(id=id, text=text, sha256=sha256_of(data), path=path, encoding=encoding)


def read_document(data: bytes, *, id: str, path: Optional[str] = None,
                  max_bytes: int = DEFAULT_MAX_BYTES, text_path: Optional[str] = None) -> Source:
    """A :class:`Source` for any supported input: a web page, PDF or Word file has its text
    extracted (:mod:`pipeline.formats`), anything else is decoded as text."""
    from .formats import extract_text, format_of

    fmt = format_of(path, data)
    if fmt == "text":
        return read_bytes(data, id=id, path=path, max_bytes=max_bytes)
    if len(data) > max_bytes:
        raise InputTooLargeError(f"{len(data):,} bytes is over the limit of {max_bytes:,} (--max-bytes)")
    return Source(id=id, text=extract_text(data, fmt), sha256=sha256_of(data), path=path,
                  encoding="utf-8", format=fmt, text_path=text_path)


def read_file(path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Source:
    """The :class:`Source` of one file, whatever its format (text, HTML, PDF, DOCX).

    Raises :class:`~pipeline.errors.InputError` subclasses: a missing file, a scanned or
    encrypted PDF, a broken Word file, a missing ``formats`` extra.
    """
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputTooLargeError(f"{size:,} bytes is over the limit of {max_bytes:,} (--max-bytes)")
        data = path.read_bytes()
    except OSError as err:
        raise InputError(f"cannot read {path}: {err.strerror or err}") from err
    return read_document(data, id=path.stem, path=path.as_posix(), max_bytes=max_bytes)


def text_path_for(relative: Path) -> str:
    """Where the batch writes the text extracted from a non-text input, beside its record."""
    return relative.with_suffix(".txt").as_posix() if relative.suffix.lower() != ".txt" else relative.as_posix()


def expand_glob(pattern: str) -> list[str]:
    """Shell-style braces: ``*.{txt,pdf}`` is ``*.txt`` and ``*.pdf``.

    >>> expand_glob("*.{txt,pdf}")
    ['*.txt', '*.pdf']
    """
    match = re.search(r"\{([^{}]*)\}", pattern)
    if not match:
        return [pattern]
    return [p for alt in match.group(1).split(",")
            for p in expand_glob(pattern[:match.start()] + alt + pattern[match.end():])]


def read_text(text: str, *, id: str = "text") -> Source:
    """A :class:`Source` for a string given by a Python caller."""
    return Source(id=id, text=text, sha256=sha256_of(text.encode("utf-8")))


def doc_id_for(path: Path, root: Optional[Path]) -> str:
    """The record id: the path relative to the input folder, without its suffix."""
    rel = path.relative_to(root) if root is not None else Path(path.name)
    return rel.with_suffix("").as_posix()


@dataclass(frozen=True)
class InputFile:
    """A file found on disk, before it is read."""

    path: Path
    id: str
    relative: Path


def discover(inputs: list[str], *, glob: str = DEFAULT_GLOB) -> Iterator[InputFile]:
    """Files named on the command line and, recursively, those in folders, in sorted order.

    ``-`` stands for standard input and yields an entry with path ``-``. ``glob`` may hold
    braces (``*.{txt,pdf}``). Files of one folder that differ only in suffix (``x.txt``
    and ``x.pdf``) would share a record; all but the ``.txt`` keep their suffix in the id.
    """
    for item in inputs:
        if item == "-":
            yield InputFile(Path("-"), "stdin", Path("stdin.txt"))
            continue
        path = Path(item)
        if path.is_dir():
            found_files = sorted({p for pattern in expand_glob(glob) for p in path.rglob(pattern) if p.is_file()})
            stems = Counter(p.with_suffix("") for p in found_files)
            for found in found_files:
                rel = found.relative_to(path)
                if stems[found.with_suffix("")] > 1 and found.suffix.lower() != ".txt":
                    rel = rel.with_name(rel.name.replace(".", "_") + found.suffix)
                yield InputFile(found, rel.with_suffix("").as_posix(), rel)
        else:
            yield InputFile(path, doc_id_for(path, None), Path(path.name))


def read_input(item: InputFile, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Source:
    """Read one discovered input; raises :class:`~pipeline.errors.InputError` subclasses."""
    if str(item.path) == "-":
        data = sys.stdin.buffer.read()
        return read_document(data, id=item.id, path="-", max_bytes=max_bytes, text_path="stdin.txt")
    size = item.path.stat().st_size
    if size > max_bytes:
        raise InputTooLargeError(f"{size:,} bytes is over the limit of {max_bytes:,} (--max-bytes)")
    return read_document(item.path.read_bytes(), id=item.id, path=item.path.as_posix(), max_bytes=max_bytes,
                         text_path=text_path_for(item.relative))
