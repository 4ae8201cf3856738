"""Reading input: bytes to text, files and folders to :class:`Source` objects.

Offsets in the output are Python ``str`` indices into the text returned here (after
decoding, before any internal normalisation), so this module never rewrites the text:
no newline conversion, no Unicode normalisation, only BOM removal by the codec.
"""

from __future__ import annotations

import errno
import fnmatch
import hashlib
import os
import re
import stat
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Iterator, Optional

from charset_normalizer import from_bytes

from .errors import BinaryInputError, InputError, InputTooLargeError, OptionError, UndecodableInputError

DEFAULT_GLOB = "*.{txt,html,htm,pdf,docx}"

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
# Legacy encodings seen in the region, tried when UTF-8 fails, before a general detector.
CYRILLIC_CODEPAGES = ("cp1251", "koi8_r", "cp866", "iso8859_5")
# The most frequent Cyrillic letters of the region's languages: right decoding gives them
# about two letters in three, a wrong code page (another letter at each byte) a third or less.
FREQUENT_CYRILLIC = frozenset("оеаинтсрвл")
# Below this share the best code page is no more than a guess among wrong ones.
MIN_FREQUENT_SHARE = 0.4
# Single-byte code pages that UTF-8 text is commonly mis-read with (mojibake such as
# "РЎРѕРІРµС‚" or "Ð¡Ð¾Ð²ÐµÑ‚"): re-encoded with them, such words turn back into UTF-8.
MOJIBAKE_CODEPAGES = ("cp1251", "cp1252", "latin-1")
MOJIBAKE_SHARE = 0.3
MOJIBAKE_SAMPLE = 65536
# A multi-byte UTF-8 character. In a legacy code page, a letter is one high byte and such
# pairs are rare; when most high bytes form them, the file is UTF-8 with a foreign part.
UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
MIXED_UTF8_SHARE = 0.5
LONE_SURROGATE = re.compile("[\ud800-\udfff]")
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
    warnings: tuple[str, ...] = ()   # about the reading (an encoding that was a guess)
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


def _frequent_share(text: str) -> float:
    letters = [c for c in text.lower() if "\u0400" <= c <= "\u04ff"]
    return sum(1 for c in letters if c in FREQUENT_CYRILLIC) / len(letters) if letters else 0.0


def mojibake_share(text: str) -> float:
    """Share of non-ASCII words that are UTF-8 bytes read with a single-byte code page.

    >>> mojibake_share("Совет Европы".encode("utf-8").decode("cp1251"))
    1.0
    >>> mojibake_share("Совет Европы")
    0.0
    """
    words = [w for w in text[:MOJIBAKE_SAMPLE].split() if not w.isascii()]
    if not words:
        return 0.0

    def misread(word: str) -> bool:
        for codec in MOJIBAKE_CODEPAGES:
            try:
                if not word.encode(codec).decode("utf-8").isascii():
                    return True
            except UnicodeError:
                continue
        return False

    return sum(1 for w in words if misread(w)) / len(words)


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode a document's bytes; return ``(text, encoding)``.

    Order: BOMs (UTF-8, UTF-16, UTF-32), strict UTF-8, then legacy Cyrillic code pages when
    they yield mostly Cyrillic letters, then charset-normalizer's detection. Text that is
    UTF-8 read with the wrong code page (mojibake, or a file of two encodings) is refused.
    Anything after strict UTF-8 is a guess: :func:`decoding_warnings` says so.

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
        return _refuse_mojibake(data.decode("utf-8"), "utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    in_utf8 = sum(len(m) for m in UTF8_SEQUENCE.findall(data))
    high_bytes = sum(1 for b in data if b >= 0x80)
    if in_utf8 >= MIXED_UTF8_SHARE * high_bytes:
        raise UndecodableInputError(
            f"mojibake: {in_utf8:,} of {high_bytes:,} non-ASCII bytes are UTF-8 and the rest are not "
            "(a file of mixed encodings); save it in one encoding")
    high = bytes(b for b in data if b >= 0x80)
    candidates = []
    for codec in CYRILLIC_CODEPAGES:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if _cyrillic_letter_share(high.decode(codec, errors="ignore")) > 0.8 and _cyrillic_share(text) > 0.3:
            candidates.append((_frequent_share(text) + _lowercase_share(text), -len(candidates), text, codec))
    if candidates:
        # Several code pages map high bytes to Cyrillic; the right one gives running text
        # (mostly lower case, the frequent letters frequent), the wrong ones capitals or
        # a shuffle of rare letters.
        _, _, text, codec = max(candidates)
        if _frequent_share(text) >= MIN_FREQUENT_SHARE:
            return _refuse_mojibake(text, codec), codec
    match = from_bytes(data).best()
    if match is None:
        raise UndecodableInputError("no text encoding decodes these bytes")
    return _refuse_mojibake(str(match), match.encoding), match.encoding


def _refuse_mojibake(text: str, encoding: str) -> str:
    share = mojibake_share(text)
    if share > MOJIBAKE_SHARE:
        raise UndecodableInputError(
            f"mojibake: read as {encoding}, {share:.0%} of the non-ASCII words are UTF-8 read with a "
            "single-byte code page (a file of mixed encodings?); save it in one encoding")
    return text


def decoding_warnings(encoding: str) -> tuple[str, ...]:
    """A warning for the record when the encoding was guessed, not known from a BOM or UTF-8.

    >>> decoding_warnings("utf-8"), decoding_warnings("cp1251")
    ((), ('encoding guessed: cp1251 (not UTF-8, no byte-order mark); check the text',))
    """
    if encoding in ("utf-8", "utf-8-sig", "utf-16", "utf-32"):
        return ()
    return (f"encoding guessed: {encoding} (not UTF-8, no byte-order mark); check the text",)


def read_bytes(data: bytes, *, id: str, path: Optional[str] = None,
               max_bytes: int = DEFAULT_MAX_BYTES) -> Source:
    """Turn raw bytes into a :class:`Source`, refusing binary, undecodable or huge input."""
    if len(data) > max_bytes:
        raise InputTooLargeError(f"{len(data):,} bytes is over the limit of {max_bytes:,} (--max-bytes)")
    text, encoding = decode_bytes(data)
    return Source(id=id, text=text, sha256=sha256_of(data), path=path, encoding=encoding,
                  warnings=decoding_warnings(encoding))


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
    """A :class:`Source` for a string given by a Python caller.

    A lone surrogate (half a UTF-16 pair, from text decoded with ``surrogateescape`` or
    sliced mid-pair) is no Unicode text: it is refused, since no output could hold it.
    """
    bad = LONE_SURROGATE.search(text)
    if bad is not None:
        raise InputError(f"not valid Unicode text: lone surrogate {bad.group()!a} at position {bad.start()}")
    return Source(id=id, text=text, sha256=sha256_of(text.encode("utf-8")))


ESCAPED = re.compile("[%\udc80-\udcff]")


def escape_name(name: str) -> str:
    """A file name as UTF-8 text: bytes that are not UTF-8 (``surrogateescape``d by the
    OS layer) become ``%XX``, and ``%`` itself ``%25``, so the escape is reversible.

    >>> escape_name(os.fsdecode(b"bad\\xff 100%.txt")), escape_name("Бишкек.txt")
    ('bad%FF 100%25.txt', 'Бишкек.txt')
    >>> os.fsencode(unescape_name("bad%FF 100%25.txt"))
    b'bad\\xff 100%.txt'
    """
    if not ESCAPED.search(name):
        return name   # most names: nothing to escape
    return "".join(f"%{ord(c) - 0xDC00:02X}" if "\udc80" <= c <= "\udcff" else "%25" if c == "%" else c
                   for c in name)


def unescape_name(name: str) -> str:
    """The file name (as the OS layer gives it) that :func:`escape_name` turned into ``name``."""
    return re.sub("%([0-9A-F]{2})", lambda m: chr(int(m.group(1), 16) + (0xDC00 if int(m.group(1), 16) >= 0x80 else 0)),
                  name)


def doc_id_for(path: Path, root: Optional[Path]) -> str:
    """The record id: the path relative to the input folder, without its suffix (escaped)."""
    rel = path.relative_to(root) if root is not None else Path(path.name)
    return escape_name(rel.with_suffix("").as_posix())


@dataclass(frozen=True)
class InputFile:
    """A file found on disk, before it is read.

    ``name`` is how the manifest and the record call it (the path, escaped); ``relative``
    (escaped too) is where its output goes under ``--out``. ``problem`` is set for what
    discovery found but cannot be read (a FIFO, a dangling symlink, an unreadable folder).
    """

    path: Path
    id: str
    relative: Path
    problem: Optional[str] = None

    @property
    def name(self) -> str:
        return escape_name(self.path.as_posix())


STDIN = "-"


def check_glob(glob: str) -> list[str]:
    """The pattern's parts; a pattern that could reach outside the input folder is refused."""
    parts = [p for p in PurePosixPath(glob).parts if p != "."]
    if not parts or glob.startswith("/") or ".." in parts:
        raise OptionError(f"--glob {glob!r} must match files inside the input folders (no '..', not absolute)")
    return parts


def _matches(pattern: list[str], parts: tuple[str, ...]) -> bool:
    """Whether the last parts of a relative path match the pattern, case-insensitively
    (``*.txt`` takes ``A.TXT``), with ``**`` for any number of folders."""
    def match(i: int, j: int) -> bool:
        if i < 0:
            return True   # the pattern may start at any depth, as with rglob
        if pattern[i] == "**":
            return any(match(i - 1, k) for k in range(j, -2, -1))
        return j >= 0 and fnmatch.fnmatchcase(parts[j].lower(), pattern[i].lower()) and match(i - 1, j - 1)

    return match(len(pattern) - 1, len(parts) - 1)


def _kind(mode: int) -> str:
    return ("a FIFO" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode)
            else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "not a regular file")


def _walk(root: Path, pattern: list[str], skip: set[tuple[int, int]]) -> list[InputFile]:
    """Matching files under ``root``, and what cannot be read there, sorted by path.

    Folder symlinks are followed; one that leads back into a folder being read (a loop) is
    reported, as are dangling symlinks, unreadable folders and matching special files.
    """
    found: list[InputFile] = []

    def problem(path: Path, reason: str) -> None:
        rel = path.relative_to(root)
        found.append(InputFile(path, doc_id_for(path, root), Path(escape_name(rel.as_posix())), problem=reason))

    def visit(folder: Path, ancestors: frozenset) -> None:
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as err:
            problem(folder, f"cannot read folder: {err.strerror or err}")
            return
        for entry in entries:
            path = Path(entry.path)
            parts = path.parts[depth:]   # relative to root: the path is root's parts and these
            try:
                info = entry.stat()   # follows symlinks
            except OSError as err:
                if entry.is_symlink():
                    loop = err.errno == errno.ELOOP
                    problem(path, "symlink loop" if loop else "dangling symlink (its target does not exist)")
                elif _matches(pattern, parts):
                    problem(path, f"cannot read file: {err.strerror or err}")
                continue
            key = (info.st_dev, info.st_ino)
            if stat.S_ISDIR(info.st_mode):
                if key in skip:
                    continue   # the output folder: never read back our own records
                if key in ancestors:
                    problem(path, "symlink loop (leads back into a folder being read)")
                    continue
                visit(path, ancestors | {key})
            elif _matches(pattern, parts):
                if stat.S_ISREG(info.st_mode):
                    rel = "/".join(parts)
                    stem = rel[:len(rel) - len(path.suffix)] if path.suffix else rel
                    found.append(InputFile(path, escape_name(stem), Path(escape_name(rel))))
                else:
                    problem(path, f"{_kind(info.st_mode)}, not a text file")

    info = root.stat()
    depth = len(root.parts)
    visit(root, frozenset({(info.st_dev, info.st_ino)}))
    return sorted(found, key=lambda f: f.path.parts[depth:])


def _distinct_stems(files: list[InputFile]) -> list[InputFile]:
    """``x.txt`` keeps the id ``x``; ``x.pdf`` beside it becomes ``x_pdf`` (and so its outputs)."""
    stems = Counter(f.path.with_suffix("") for f in files if not f.problem)
    out = []
    for f in files:
        if not f.problem and stems[f.path.with_suffix("")] > 1 and f.path.suffix.lower() != ".txt":
            rel = f.relative.with_name(f.relative.name.replace(".", "_") + f.path.suffix)
            f = InputFile(f.path, rel.with_suffix("").as_posix(), rel)
        out.append(f)
    return out


def discover(inputs: list[str], *, glob: str = DEFAULT_GLOB, exclude: Optional[Path] = None) -> Iterator[InputFile]:
    """Files named on the command line and, recursively, those in folders, in sorted order.

    ``-`` stands for standard input and yields an entry with path ``-``. The folder
    ``exclude`` (the output folder) is never searched. ``glob`` may hold braces
    (``*.{txt,pdf}``). Files of one folder that differ only in suffix (``x.txt`` and
    ``x.pdf``) would share a record; all but the ``.txt`` keep their suffix in the id.
    """
    patterns = [check_glob(one) for one in expand_glob(glob)]
    skip = set()
    if exclude is not None and exclude.is_dir():
        info = exclude.stat()
        skip.add((info.st_dev, info.st_ino))
    for item in inputs:
        if item == STDIN:
            yield InputFile(Path(STDIN), "stdin", Path("stdin.txt"))
            continue
        path = Path(item)
        if path.is_dir():
            depth = len(path.parts)
            yield from _distinct_stems(sorted(
                {f for one in patterns for f in _walk(path, one, skip)}, key=lambda f: f.path.parts[depth:]))
        else:
            yield InputFile(path, doc_id_for(path, None), Path(escape_name(path.name)))


def read_input_bytes(item: InputFile, *, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of one discovered input, refusing what is not a regular file without
    blocking on it (a FIFO would wait for a writer forever); raises ``InputError`` with
    the reason, or ``OSError``."""
    if item.problem:
        raise InputError(item.problem)
    if item.path.as_posix() == STDIN:
        data = sys.stdin.buffer.read()
    else:
        try:
            fd = os.open(item.path, os.O_RDONLY | os.O_NONBLOCK)
        except FileNotFoundError:
            if item.path.is_symlink():
                raise InputError("dangling symlink (its target does not exist)") from None
            raise InputError("no such file or folder") from None
        except OSError as err:
            if err.errno == errno.ELOOP:
                raise InputError("symlink loop") from None
            raise
        with os.fdopen(fd, "rb") as handle:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                raise InputError(f"{_kind(info.st_mode)}, not a text file")
            if info.st_size > max_bytes:
                raise InputTooLargeError(f"{info.st_size:,} bytes is over the limit of {max_bytes:,} (--max-bytes)")
            data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputTooLargeError(f"{len(data):,} bytes is over the limit of {max_bytes:,} (--max-bytes)")
    return data


def read_input(item: InputFile, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Source:
    """Read one discovered input; raises :class:`~pipeline.errors.InputError` subclasses."""
    data = read_input_bytes(item, max_bytes=max_bytes)
    text_path = "stdin.txt" if item.path.as_posix() == STDIN else text_path_for(item.relative)
    return read_document(data, id=item.id, path=item.name, max_bytes=max_bytes, text_path=text_path)
