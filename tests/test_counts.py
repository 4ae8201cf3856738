"""Counts per language: (lang, text, expected [(value, of)]), negatives included."""

from __future__ import annotations

import pytest

from pipeline.context import DocumentContext
from pipeline.extract.counts import extract_counts
from pipeline.segmenting import Segment, normalise


def run(pipe, extractor, lang: str, text: str) -> list:
    """One segment of ``text`` in ``lang`` through an extractor, as the pipeline runs it."""
    seg = Segment(0, len(text), lang, "Cyrl", 1.0, text, normalise(text))
    seg.doc = pipe.tokenizers(seg.text, lang)
    context = DocumentContext(source_text=text, resources=pipe.resources)
    return extractor(seg, pipe.resources.lang(lang), context=context)


# fmt: off
CASES = [
    ("en", "for 35 prosecutors and investigators from the regions", [(35, "prosecutors and investigators")]),
    ("en", "More than 40 participants, including 18 women, attended.", [(40, "participants"), (18, "women")]),
    ("en", "Twenty-five judges took part in a three-day training.", [(25, "judges"), (3, "day")]),
    ("en", "about 5,000 practising advocates and 1 200 households", [(5000, "practising advocates"), (1200, "households")]),
    ("en", "Some 120 teachers in four districts", [(120, "teachers"), (4, "districts")]),
    # English noun compounds end in their head: the count runs to the people noun
    ("en", "attended by 28 border service officers and 12 civil society activists",
     [(28, "border service officers"), (12, "civil society activists")]),
    ("ru", "более 200 человек и двадцать пять судей", [(200, "человек"), (25, "судей")]),
    ("ru", "в нем приняли участие 35 прокуроров", [(35, "прокуроров")]),
    ("ru", "начался трехдневный тренинг", [(3, "трехдневный")]),
    ("uz", "йигирма беш нафар судья, шу жумладан 9 нафар аёл судья", [(25, "судья"), (9, "аёл судья")]),
    ("uz", "150 дан ортиқ иштирокчи ва уч лойиҳа", [(150, "иштирокчи"), (3, "лойиҳа")]),
    ("uz", "1 500 dan ortiq yangi ish o'rni, 17 ta sovutish ombori", [(1500, "yangi"), (17, "sovutish")]),
    ("uz", "uch kunlik trening", [(3, "kunlik")]),
    ("ky", "40тан ашык катышуучу жана жыйырма беш судья", [(40, "катышуучу"), (25, "судья")]),
    ("ky", "үч күндүк тренинг", [(3, "күндүк")]),
    ("kk", "қырықтан астам қатысушы, 12 мыңнан астам фермер", [(40, "қатысушы"), (12000, "фермер")]),
    ("kk", "35 полиция қызметкері мен прокурор, үш күндік", [(35, "полиция қызметкері мен прокурор"), (3, "күндік")]),
    ("tg", "зиёда аз 50 иштирокчӣ, аз ҷумла 32 зан", [(50, "иштирокчӣ"), (32, "зан")]),
    ("tg", "барои 25 зани соҳибкор семинари серӯза", [(25, "зани соҳибкор"), (3, "серӯза")]),
    ("tg", "бисту панҷ судя ва 90 ҳазор шаҳрванд", [(25, "судя"), (90000, "шаҳрванд")]),
    # a number of hotlines in words is still a count; service words only stop digits naming one
    ("en", "The ministry opened three hotlines and 2 helplines for 40 operators.",
     [(3, "hotlines"), (2, "helplines"), (40, "operators")]),
    ("kk", "үш байланыс орталығы, 20 маман", [(3, "байланыс"), (20, "маман")]),
    # a classifier with no noun after it, or a person classifier before a verb, is the counted noun
    ("tg", "Дар он 54 нафар, аз ҷумла 22 зан, ширкат варзиданд.", [(54, "нафар"), (22, "зан")]),
    ("kk", "Форумға 200-ден астам адам қатысты.", [(200, "адам")]),
    # after a classifier a measure word is an adjective; -ta numbers; a scale word alone
    ("uz", "140 nafar yosh dasturchi, uchta jamoa, mingdan ortiq IT mutaxassis",
     [(140, "yosh dasturchi"), (3, "jamoa"), (1000, "IT mutaxassis")]),
    ("kk", "мыңнан астам фермер", [(1000, "фермер")]),
    ("tg", "курси дуҳафтаинаи такмили ихтисос", [(2, "дуҳафтаинаи")]),
    # a partitive names the counted people after it: "31 of them women"
    ("en", "attended by 46 people, 31 of them women. Twelve of the participants were judges.",
     [(46, "people"), (31, "women"), (12, "participants")]),
    ("en", "two of the 5 regions", [(5, "regions")]),
    ("tg", "ду семинари минтақавӣ", [(2, "семинари минтақавӣ")]),
    ("kk", "4 қазандықты жаңғыртуға", [(4, "қазандықты")]),
    # head-final groups name their people last; an ablative word is where they come from
    ("kk", "48 мұғалімі және 15 мектеп директоры", [(48, "мұғалімі"), (15, "мектеп директоры")]),
    ("uz", "12 nafar maktab direktori, 12 сув хўжалиги мутахассиси", [(12, "maktab direktori"), (12, "сув хўжалиги мутахассиси")]),
    ("uz", "8 туманидан ёшлар, 14 сув насос станцияси", [(8, "туманидан"), (14, "сув")]),
    ("kk", "30 елден келген делегат", [(30, "елден")]),
    # durations in real wording
    ("en", "a three-days course for 20 mediators", [(3, "days"), (20, "mediators")]),
    ("tg", "курси ҳафтмоҳаи омӯзишӣ", [(7, "ҳафтмоҳаи")]),
    ("uz", "bir haftalik seminar", [(1, "haftalik")]),
    ("uz", "Икки кун давомида 30 нафар судья ўқиди.", [(2, "кун давомида"), (30, "судья")]),
]
NEGATIVES = [
    ("en", "In 2023, on 7 June 2023 and 8-9 June, the law changed."),           # years, dates
    ("en", "a grant of EUR 2.5 million and $3 million"),                         # money
    ("en", "losses are estimated at 45% of water"),                              # percent
    ("en", "under Article 3 of the Convention"),                                 # article numbers
    ("en", "call +996 312 66 30 33 for details"),                                # phone numbers
    ("en", "students aged 18 years old"),                                        # ages
    ("en", "the 5th session and the 2nd meeting"),                               # ordinals
    ("en", "almost 4 times higher"),                                             # multipliers
    ("en", "1. Opening\n2) Closing"),                                            # list numbering
    ("en", "restore irrigation on some 200 hectares of land"),                   # measurements
    ("en", "3 out of 10 rural households; most of them work; 4 of the seminars"),  # fractions, partitives of things
    ("en", "up to 180,000 kilowatt-hours a year"),
    ("en", "a 12m wall, the 5k run, USD 1.5bn"),
    ("ky", "жылына 180 миң киловатт-саатка чейин"),
    ("kk", "2023 жылғы 5 қазанда, 12 қазанның"),
    ("ru", "статьи 128 Уголовного кодекса, рост на 17%, в возрасте до 30 лет"),
    ("ru", "в 2 раза больше, 300 километров каналов, 10 млн евро"),
    ("uz", "6-моддасида, 2023 йил 5 апрель, 30 фоиз"),
    ("ky", "2024-жылдын 12-мартында, 3 эсе көп, 128-беренеси"),
    ("kk", "13-бабының 3-тармағында, 5 есе, 2023 жылғы 5 сәуірде"),
    ("tg", "аз 18 то 35 сола, 27 фоиз, 2 маротиба"),
    ("tg", "тақрибан 48 дарсади маҷмӯи маҳсулоти дохилӣ"),                      # percent (дарсад)
    ("uz", "18 yoshdan 30 yoshgacha, 10 ming so'm"),                             # ages; a scale after digits


    # a number inside a name; the parties of an agreement; a time zone
    ("en", "The COVID-19 pandemic slowed the CASA 1000 Power Project."),
    ("ru", "пандемия COVID-19 и строительство ГЭС-1"),
    ("en", "The two sides signed it at 1400 GMT."),
    ("kk", "Екі тарап келісімге қол қойды."),
    ("uz", "Икки томон меморандум имзолади."),
    # a number word alone stays an article
    ("uz", "bir seminar"),
    # a number inside a hotline or service is a name, not a count
    ("en", "Victims can call the 1414 hotline or the helpline 150 at any time."),
    ("ru", "Работает горячая линия 1414 и телефон доверия 150."),
    ("uz", "Ishonch telefoni 1146 va 1003 qaynoq liniyasi ishlaydi."),
    ("ky", "1227 ишеним телефону жана 112 байланыш борбору иштейт."),
    ("kk", "111 байланыс орталығының жұмысы, 150 сенім телефоны."),
    ("tg", "Хати боварӣ 1313 ва 1414 маркази тамос кор мекунанд."),
]
# fmt: on


@pytest.mark.parametrize("lang,text,expected", CASES)
def test_counts(pipe, lang, text, expected):
    found = run(pipe, extract_counts, lang, text)
    assert [(c.value, c.of) for c in found] == expected
    assert all(text[c.start:c.end] == c.text for c in found)


@pytest.mark.parametrize("lang,text", NEGATIVES)
def test_not_counts(pipe, lang, text):
    assert run(pipe, extract_counts, lang, text) == []
