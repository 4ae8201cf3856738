"""Segment tokens: the run cache must give exactly the tokens spaCy gives the whole text."""

from __future__ import annotations

import pytest

from pipeline.tokenizing import Tokenizers, make_doc

# Sentences written for these tests: special cases ("г.", "don't", "т.е."), blanks of every
# kind, line breaks, brackets and quotes around words, a run longer than 255 characters.
# fmt: off
CASES = [
    ("en", "The EU didn't fund it (Dr. Smith, U.S.) in 2023.\nNew line  with two blanks."),
    ("en", "  Leading blanks, a tab\there and a trailing blank "),
    ("ru", "Семинар прошёл 5 мая 2023 г. в Бишкеке, т.е. в столице.\n\nУчастники (30 чел.) — судьи."),
    ("ru", "Фонд выделил средства, в т.ч. на обучение судей."),   # a special case across a blank
    ("ky", "Бишкек ш. 2023-ж. 5-майда «Адилет» борборунда семинар өттү."),
    ("kk", "Астана қ., 2023 ж. 5 мамыр — «Әділет» орталығында семинар өтті."),
    ("uz-Latn", "Toshkent sh., 2023-yil 5-may — \"Adliya\" markazida seminar bo‘ldi."),
    ("tg", "Душанбе, 5 майи 2023 — дар маркази «Адлия» семинар баргузор шуд."),
    ("en", "A link " + "x" * 300 + " and (" + "y" * 260 + ") after it."),
]
# fmt: on


def tokens(doc):
    return [(t.text, t.idx, t.whitespace_, t.is_sent_start) for t in doc]


@pytest.mark.parametrize("lang,text", CASES)
def test_segment_tokens_are_spacys_own(lang, text):
    tokenizers = Tokenizers()
    nlp = tokenizers.nlp(lang)
    expected = tokens(nlp(make_doc(nlp, text)))
    assert tokens(tokenizers(text, lang)) == expected
    assert tokens(tokenizers(text, lang)) == expected   # again, every run from the cache


def test_a_run_seen_once_is_not_split_again():
    tokenizers = Tokenizers()
    tokenizers("Судьи из Оша (Кыргызстан) учились.", "ru")
    calls = []
    tokenizer = tokenizers.nlp("ru").tokenizer
    tokenizers.nlp("ru").tokenizer = lambda text: calls.append(text) or tokenizer(text)
    try:
        doc = tokenizers("Кыргызстан: Судьи из Оша учились.", "ru")
    finally:
        tokenizers.nlp("ru").tokenizer = tokenizer
    assert calls == ["Кыргызстан:"]   # the one run not seen before
    assert [t.text for t in doc] == ["Кыргызстан", ":", "Судьи", "из", "Оша", "учились", "."]
