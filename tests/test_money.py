"""Money per language: (lang, text, expected [(value, currency)]), negatives included."""

from __future__ import annotations

import pytest

from pipeline.context import DocumentContext
from pipeline.extract.money import extract_money
from pipeline.segmenting import Segment, normalise


def run(pipe, lang: str, text: str) -> list:
    seg = Segment(0, len(text), lang, "Cyrl", 1.0, text, normalise(text))
    seg.doc = pipe.tokenizers(seg.text, lang)
    return extract_money(seg, pipe.resources.lang(lang),
                         context=DocumentContext(source_text=text, resources=pipe.resources))


# fmt: off
CASES = [
    ("en", "a grant of EUR 2.5 million", [(2500000, "EUR")]),
    ("en", "€1.2 million and $3 million", [(1200000, "EUR"), (3000000, "USD")]),
    ("en", "KGS 50,000 and USD 750,000, KZT 40 billion", [(50000, "KGS"), (750000, "USD"), (40000000000, "KZT")]),
    ("en", "two million euros", [(2000000, "EUR")]),
    ("ru", "кредит в размере 150 млн долларов США и 10 млн евро", [(150000000, "USD"), (10000000, "EUR")]),
    ("ru", "420 млрд сумов, 750 тыс. долларов США, 1,2 миллиарда тенге", [(420000000000, "UZS"), (750000, "USD"), (1200000000, "KZT")]),
    ("ru", "15 млн сомов и 2,5 млн евро", [(15000000, "KGS"), (2500000, "EUR")]),
    ("uz", "1,2 млн евро ва 4,3 million AQSh dollari", [(1200000, "EUR"), (4300000, "USD")]),
    ("uz", "15 milliard so‘m, 750 ming AQSh dollari", [(15000000000, "UZS"), (750000, "USD")]),
    ("ky", "1,5 млн сом, 750 миң АКШ доллары", [(1500000, "KGS"), (750000, "USD")]),
    ("kk", "50 млн АҚШ доллары және 1,2 млрд теңге, 1,8 млн еуро", [(50000000, "USD"), (1200000000, "KZT"), (1800000, "EUR")]),
    ("tg", "2,8 миллион доллари ИМА ва 1,5 млн сомонӣ", [(2800000, "USD"), (1500000, "TJS")]),
    # Swiss francs and pounds sterling; a currency shared by coordinated sums
    ("ru", "грант в размере 4 млн швейцарских франков", [(4000000, "CHF")]),
    ("uz", "3,4 million Shveytsariya franki", [(3400000, "CHF")]),
    ("tg", "1,2 миллион фунт стерлингро ташкил медиҳад", [(1200000, "GBP")]),
    ("uz", "mos ravishda 15 million va 10 million so‘m", [(15000000, "UZS"), (10000000, "UZS")]),
    ("uz", "36 ta jamoa va 10 million so‘m", [(10000000, "UZS")]),   # only a scaled sum shares it
    # attached scales and trillions
    ("en", "USD 1.5bn and EUR 300k", [(1500000000, "USD"), (300000, "EUR")]),
    ("uz", "1,5 trillion so'm va 2 трлн сўм", [(1500000000000, "UZS"), (2000000000000, "UZS")]),
    # currency words with case endings; a nationality word before "franc"
    ("kk", "бюджеті 2,8 млн еуроны құрайды, 2,4 млрд теңгемен қоса", [(2800000, "EUR"), (2400000000, "KZT")]),
    ("kk", "1,5 млн швейцар франкі мөлшерінде грант", [(1500000, "CHF")]),
    ("ky", "бюджети 1,8 миллион швейцар франкын түзөт, 2 млн еврого", [(1800000, "CHF"), (2000000, "EUR")]),
    ("tg", "Буҷаи лоиҳа 4,5 миллион евроро ташкил медиҳад", [(4500000, "EUR")]),
    ("uz", "qiymati 4,2 million yevroni tashkil etadi, 3 млн еврони", [(4200000, "EUR"), (3000000, "EUR")]),
    # a sum whose currency an earlier sum stated; a sum of falling scales
    ("ru", "группа выделит 60 миллионов долларов, а еще 15 миллионов даст фонд", [(60000000, "USD"), (15000000, "USD")]),
    ("tg", "Бонк 74 миллион доллар қарз медиҳад. 40 миллион аз ин маблағ ба энергетика равона мешавад.",
     [(74000000, "USD"), (40000000, "USD")]),
    ("en", "a grant of USD 5 million for 2 million people", [(5000000, "USD")]),   # people are counted, not paid
    ("ky", "Банк 80 миллион доллар берет. Мунун 10 миллион 700 миңи грант түрүндө.", [(80000000, "USD"), (10700000, "USD")]),
    # a currency written after one number is not written before the next
    ("kk", "Қор 500 мың теңгелік 120 шағын грант береді.", [(500000, "KZT")]),
    ("ru", "Выделено 2 млн сомов 15 школам и 40 детским садам.", [(2000000, "KGS")]),
    ("en", "It gives EUR 5,000 to 30 schools and USD 2,000 12 times a year.", [(5000, "EUR"), (2000, "USD")]),
]
NEGATIVES = [
    ("en", "35 prosecutors in 2023, 45% of losses, Article 3"),
    ("ru", "более 300 километров каналов и 45 000 гектаров"),
    ("uz", "2 млн нафар аҳоли"),
    ("tg", "90 ҳазор шаҳрванд"),
    ("kk", "15 Еуропа елінен 40 маман"),                  # Europe is not the euro
    ("ky", "180 миң киловатт-саат электр энергиясы"),
    ("en", "a 12m wall and the 5k run"),

]
# fmt: on


@pytest.mark.parametrize("lang,text,expected", CASES)
def test_money(pipe, lang, text, expected):
    found = run(pipe, lang, text)
    assert [(m.value, m.currency) for m in found] == expected
    assert all(text[m.start:m.end] == m.text for m in found)
    assert all(isinstance(m.value, int) for m in found)
    assert all(m.text == m.text.strip() and not m.text[0].islower() or m.text.startswith("two") for m in found)


@pytest.mark.parametrize("lang,text", NEGATIVES)
def test_not_money(pipe, lang, text):
    assert run(pipe, lang, text) == []
