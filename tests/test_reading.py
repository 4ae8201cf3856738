"""Decoding: BOMs, UTF-16, legacy Cyrillic code pages; refusal of binary and huge input."""

from __future__ import annotations

import pytest

from pipeline.errors import BinaryInputError, InputTooLargeError, UndecodableInputError
from pipeline.reading import decode_bytes, discover, read_bytes

RUSSIAN = "Совет Европы провёл семинар для 35 судей в Бишкеке."
KYRGYZ = "Европа Кеңеши Бишкекте семинар өткөрдү."


@pytest.mark.parametrize("data,text,encoding", [
    (RUSSIAN.encode("utf-8"), RUSSIAN, "utf-8"),
    (b"\xef\xbb\xbf" + RUSSIAN.encode("utf-8"), RUSSIAN, "utf-8-sig"),
    (RUSSIAN.encode("utf-16"), RUSSIAN, "utf-16"),
    (RUSSIAN.encode("utf-16-be").join([b"\xfe\xff", b""]), RUSSIAN, "utf-16"),
    (RUSSIAN.encode("cp1251"), RUSSIAN, "cp1251"),
    (RUSSIAN.encode("koi8_r"), RUSSIAN, "koi8_r"),
    (KYRGYZ.encode("utf-8"), KYRGYZ, "utf-8"),
    ("Tashkent,\u00a012 March 2024 \u2013 “HELP”".encode("utf-8"), "Tashkent,\u00a012 March 2024 \u2013 “HELP”", "utf-8"),
])
def test_decodes(data, text, encoding):
    assert decode_bytes(data) == (text, encoding)


def test_crlf_is_kept_so_offsets_match_the_file():
    assert decode_bytes(b"a\r\n\r\nb")[0] == "a\r\n\r\nb"


# -- issue 15: decoding guesses are said, mojibake is refused ----------------------------------

FRENCH = "Le Conseil de l'Europe a organisé un séminaire à Bichkek pour les juges élus; déjà très suivi."
RUSSIAN_LONG = RUSSIAN + " Участники обсудили вопросы правосудия и доступа к нему."


def test_a_guessed_encoding_is_said_on_the_source_and_the_record(pipe):
    source = read_bytes(FRENCH.encode("latin-1"), id="x")
    assert source.encoding != "utf-8" and any("encoding guessed" in w for w in source.warnings)
    assert any("encoding guessed" in w for w in pipe.extract_source(source).warnings)
    assert read_bytes(RUSSIAN.encode("utf-8"), id="y").warnings == ()


def test_iso_8859_5_is_not_read_as_koi8_r():
    assert decode_bytes(RUSSIAN_LONG.encode("iso8859_5")) == (RUSSIAN_LONG, "iso8859_5")


@pytest.mark.parametrize("data", [
    (RUSSIAN_LONG * 3).encode("utf-8") + RUSSIAN.encode("cp1251"),          # a UTF-8 file with a cp1251 tail
    RUSSIAN_LONG.encode("utf-8").decode("cp1251").encode("utf-8"),           # mojibake saved as UTF-8
])
def test_mojibake_is_refused(data):
    with pytest.raises(UndecodableInputError, match="mojibake"):
        read_bytes(data, id="x")


@pytest.mark.parametrize("data", [
    b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4,
    b"PK\x03\x04" + b"\x00\x14\x00" * 100,
    bytes(range(0, 32)) * 50,
])
def test_binary_is_refused(data):
    with pytest.raises(BinaryInputError):
        read_bytes(data, id="x")


def test_huge_is_refused():
    with pytest.raises(InputTooLargeError, match="over the limit"):
        read_bytes(b"a" * 101, id="x", max_bytes=100)


def test_discover_recurses_sorted_with_relative_ids(tmp_path):
    (tmp_path / "kg").mkdir()
    (tmp_path / "kg" / "b.txt").write_text("b")
    (tmp_path / "a.txt").write_text("a")
    (tmp_path / "notes.md").write_text("c")
    found = list(discover([str(tmp_path)]))
    assert [f.id for f in found] == ["a", "kg/b"]
    assert [f.id for f in discover([str(tmp_path)], glob="*.md")] == ["notes"]
