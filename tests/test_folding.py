"""The matching view: look-alike letters and ё folded one for one, so offsets hold."""

from __future__ import annotations

import pytest

from pipeline.folding import matching_view, segment_view


@pytest.mark.parametrize("lang,text,expected", [
    ("ru", "ПРOOН", "ПРООН"),                              # Latin O in a Cyrillic word
    ("ru", "Eвропейского сoюза", "Европейского союза"),    # Latin E, o
    ("en", "Tаshkеnt", "Tashkent"),                        # Cyrillic а, е in a Latin word
    ("kk", "Қазақстан", "Қазақстан"),                      # one script: untouched
    ("en", "KOICA and UNDP", "KOICA and UNDP"),
    ("uz", "Oʻzbekiston", "Oʻzbekiston"),
    ("ru", "IT-парк", "IT-парк"),                          # scripts apart at the hyphen
    ("ru", "Tа", "Tа"),                                    # a tie: no majority, left alone
])
def test_matching_view(lang, text, expected):
    assert matching_view(text) == expected and len(matching_view(text)) == len(text)


@pytest.mark.parametrize("lang,text,expected", [
    ("ru", "Объединённые", "Объединенные"),   # Russian ё is optional: read as е
    ("uz", "5 ёшгача", "5 ёшгача"),           # Uzbek ё is a letter of its own (ёш "age")
    ("kk", "ёлка", "ёлка"),
])
def test_segment_view_folds_yo_only_where_it_is_optional(resources, lang, text, expected):
    assert segment_view(text, resources.lang(lang)["spelling"].get("optional_letters", {})) == expected


def test_a_letter_without_a_unicode_name_is_no_letter_in_the_view():
    assert matching_view("a\U00017cd8b") == "a\ufffdb"
