"""Paragraph language and script, per language; short paragraphs follow their neighbours."""

from __future__ import annotations

import pytest

from pipeline.segmenting import paragraph_spans, segment

# (expected lang, expected script, one sentence of our own in that language)
SENTENCES = [
    ("en", "Latn", "The ministry held a training for forty judges in Osh last week."),
    ("ru", "Cyrl", "Министерство юстиции провело тренинг для сорока судей в Оше."),
    ("ru", "Cyrl", "Участники обсудили доступ к правосудию."),
    # A short dateline-led sentence: CLD2 alone calls it Kyrgyz; "г." and the missing
    # ң ө ү say Russian.
    ("ru", "Cyrl", "Бишкек, 12 марта 2024 г. – Вчера в Бишкеке прошел семинар."),
    ("uz", "Cyrl", "Адлия вазирлиги Ўшда қирқ нафар судья учун тренинг ўтказди."),
    ("uz", "Cyrl", "Семинарда йигирма нафар прокурор иштирок этди."),
    ("uz", "Latn", "Adliya vazirligi Samarqandda qirq nafar sudya uchun trening o‘tkazdi."),
    ("uz", "Latn", "Seminarda yigirma nafar prokuror ishtirok etdi."),
    ("ky", "Cyrl", "Юстиция министрлиги Ош шаарында кырк судья үчүн тренинг өткөрдү."),
    ("ky", "Cyrl", "Семинарга жыйырма прокурор катышты."),
    ("kk", "Cyrl", "Әділет министрлігі Шымкентте қырық судьяға арналған тренинг өткізді."),
    ("kk", "Cyrl", "Семинарға жиырма прокурор қатысты."),
    ("tg", "Cyrl", "Вазорати адлия дар Хуҷанд барои чил судя тренинг гузаронид."),
    ("tg", "Cyrl", "Дар семинар бист нафар прокурор иштирок намуданд."),
    # A Russian paragraph that repeats a Kyrgyz term: one term is one piece of evidence.
    ("ru", "Cyrl", "Грант банка в сумме 10 млн долларов будет распределен между айыл өкмөтү (сельскими управами) "
                   "по проектам местных сообществ. Как сообщили в ассоциации, уже 40 айыл өкмөтү получили средства "
                   "на ремонт школ и дорог, а еще около ста айыл өкмөтү подадут заявки до конца года. В прошлом году "
                   "средства из бюджета были распределены между районами неравномерно."),
]


@pytest.mark.parametrize("lang,script,text", SENTENCES)
def test_sentence_language(identifier, lang, script, text):
    guess = identifier.identify(text)
    assert (guess.lang, guess.script) == (lang, script)


@pytest.mark.parametrize("text", ["", "   ", "2023 - 12 / 07", "+996 312 66 00 00", "***"])
def test_no_letters_is_und(identifier, text):
    assert identifier.identify(text).lang == "und"


def test_other_languages_are_named_not_forced(identifier):
    text = ("Der Europarat und die Europäische Union haben gemeinsam ein neues Programm "
            "zur Stärkung der Justiz in Zentralasien gestartet, das bis 2027 läuft.")
    assert identifier.identify(text).lang == "de"


def test_short_dateline_takes_neighbour_language(identifier):
    text = ("Ассоциация адвокатов провела семинар для тридцати двух юристов из регионов "
            "страны, посвящённый стандартам справедливого судебного разбирательства.\n\n"
            "Бишкек, 7 июня\n")
    segments = segment(text, identifier)
    assert [(s.lang, s.script) for s in segments] == [("ru", "Cyrl")]
    assert (segments[0].start, segments[0].end) == (0, len(text.rstrip()))


def test_mixed_document_gives_two_segments(identifier):
    uzbek = "Европа Кенгаши Тошкентда судьялар учун семинар ўтказди. Унда қирқ нафар судья қатнашди."
    english = "The Council of Europe held a seminar for judges in Tashkent. Forty judges took part."
    text = f"{uzbek}\n\n{english}\n"
    segments = segment(text, identifier)
    assert [(s.lang, s.script, s.start, s.end) for s in segments] == [
        ("uz", "Cyrl", 0, len(uzbek)), ("en", "Latn", len(uzbek) + 2, len(uzbek) + 2 + len(english))]


@pytest.mark.parametrize("text,expected", [
    ("a\n\nb", [(0, 1), (3, 4)]),
    ("a\r\n\r\nb", [(0, 1), (5, 6)]),
    ("a\n \t\nb\nc", [(0, 1), (5, 8)]),
    ("\n\n\u200b\n\nx", [(5, 6)]),
    ("\u00a0a\u00a0", [(1, 2)]),
])
def test_paragraph_spans(text, expected):
    assert paragraph_spans(text) == expected
