"""Date extraction per language: (lang, text, expected mentions) tables, negatives included.

Expected mentions are ``(text, start, end)`` with the reference date 2023-06-07 (a Wednesday).
"""

from __future__ import annotations

import datetime as dt
import time

import pytest

from pipeline.context import DocumentContext
from pipeline.extract.dates import NO_REFERENCE, extract_dates, find, grammar_for
from pipeline.segmenting import Segment, normalise

REFERENCE = dt.date(2023, 6, 7)


def run(pipe, lang, text, reference=REFERENCE, offset=0):
    """Dates of ``text`` as one segment of language ``lang`` starting at ``offset``."""
    source = " " * offset + text
    seg = Segment(offset, len(source), lang, "Cyrl", 1.0, text, normalise(text))
    seg.doc = pipe.tokenizers(seg.text, lang)
    context = DocumentContext(source_text=source, resources=pipe.resources, reference_date=reference)
    mentions = extract_dates(seg, pipe.resources.lang(lang), context=context)
    for m in mentions:
        assert source[m.start:m.end] == m.text
    return mentions, context


def values(mentions):
    return [(m.text, m.value.start, m.value.end) if m.value else (m.text, None) for m in mentions]


# fmt: off
CASES = [
    # a yearless date "of the same year" takes the year written last before it
    ("en", "The office opened in 2019; on 8 April of the same year it signed a grant.",
     [("2019", "2019", "2019"), ("8 April of the same year", "2019-04-08", "2019-04-08")]),
    ("ru", "Офис открылся в 2019 году, а 8 апреля того же года был подписан грант.",
     [("2019 году", "2019", "2019"), ("8 апреля того же года", "2019-04-08", "2019-04-08")]),
    ("uz", "Идора 2019 йилда очилди. Ўша йилнинг 8 апрелида грант имзоланди.",
     [("2019 йилда", "2019", "2019"), ("Ўша йилнинг 8 апрелида", "2019-04-08", "2019-04-08")]),
    ("ky", "Кеңсе 2019-жылы ачылган. Ошол эле жылдын 8-апрелинде грант кол коюлду.",
     [("2019-жылы", "2019", "2019"), ("Ошол эле жылдын 8-апрелинде", "2019-04-08", "2019-04-08")]),
    ("kk", "Кеңсе 2019 жылы ашылды. Сол жылғы 8 сәуірде грантқа қол қойылды.",
     [("2019 жылы", "2019", "2019"), ("Сол жылғы 8 сәуірде", "2019-04-08", "2019-04-08")]),
    ("tg", "Дафтар соли 2019 кушода шуд ва 8 апрели ҳамон сол грант имзо шуд.",
     [("соли 2019", "2019", "2019"), ("8 апрели ҳамон сол", "2019-04-08", "2019-04-08")]),
    # English
    ("en", "on 7 June 2023 and on 8-9 June 2023", [("7 June 2023", "2023-06-07", "2023-06-07"), ("8-9 June 2023", "2023-06-08", "2023-06-09")]),
    ("en", "from 29 September to 2 October 2022", [("29 September to 2 October 2022", "2022-09-29", "2022-10-02")]),
    ("en", "held 29 September \u2013 2 October 2022 in Osh", [("29 September \u2013 2 October 2022", "2022-09-29", "2022-10-02")]),
    ("en", "held 30 December 2022 - 2 January 2023", [("30 December 2022 - 2 January 2023", "2022-12-30", "2023-01-02")]),
    ("en", "In December 2019 the priorities ended", [("December 2019", "2019-12", "2019-12")]),
    ("en", "signed on March 12, 2024 and June 8-9, 2023", [("March 12, 2024", "2024-03-12", "2024-03-12"), ("June 8-9, 2023", "2023-06-08", "2023-06-09")]),
    ("en", "the Central Asia Rule of Law Programme 2020-2023, a joint", [("2020-2023", "2020", "2023")]),
    ("en", "between 2015 and 2019 the country", [("2015 and 2019", "2015", "2019")]),
    ("en", "from June to August 2023", [("June to August 2023", "2023-06", "2023-08")]),
    ("en", "in the first quarter of 2024 and in Q3 2023", [("first quarter of 2024", "2024-Q1", "2024-Q1"), ("Q3 2023", "2023-Q3", "2023-Q3")]),
    ("en", "in summer 2023, not last summer", [("summer 2023", "2023-SU", "2023-SU"), ("last summer", "2022-SU", "2022-SU")]),
    ("en", "on the 12th of March 2024", [("12th of March 2024", "2024-03-12", "2024-03-12")]),
    ("en", "dated 07.06.2023 and 2023-06-07", [("07.06.2023", "2023-06-07", "2023-06-07"), ("2023-06-07", "2023-06-07", "2023-06-07")]),
    ("en", "Yesterday the minister said", [("Yesterday", "2023-06-06", "2023-06-06")]),
    ("en", "met last week and will meet next month", [("last week", "2023-05-29", "2023-06-04"), ("next month", "2023-07", "2023-07")]),
    ("en", "the minister arrived on Monday", [("Monday", "2023-06-05", "2023-06-05")]),
    ("en", "On 12 March, the seminar opened", [("12 March", "2023-03-12", "2023-03-12")]),
    ("en", "In May, judges met. May it help.", [("May", "2023-05", "2023-05")]),
    # Russian
    ("ru", "Бишкек, 12 марта 2024 г. \u2013 В Бишкеке", [("12 марта 2024 г.", "2024-03-12", "2024-03-12")]),
    ("ru", "проходит с 12 по 14 марта 2024 года", [("12 по 14 марта 2024 года", "2024-03-12", "2024-03-14")]),
    ("ru", "программа на 2024-2027 гг. финансируется", [("2024-2027 гг.", "2024", "2027")]),
    ("ru", "в декабре 2019 года и в 2019 году", [("декабре 2019 года", "2019-12", "2019-12"), ("2019 году", "2019", "2019")]),
    ("ru", "29 сентября \u2013 2 октября 2022 года", [("29 сентября \u2013 2 октября 2022 года", "2022-09-29", "2022-10-02")]),
    ("ru", "между 2015 и 2019 годами", [("2015 и 2019 годами", "2015", "2019")]),
    ("ru", "в 2019 и 2020 годах", [("2019", "2019", "2019"), ("2020 годах", "2020", "2020")]),
    ("ru", "вчера, а на прошлой неделе и в прошлом году", [("вчера", "2023-06-06", "2023-06-06"), ("прошлой неделе", "2023-05-29", "2023-06-04"), ("прошлом году", "2022", "2022")]),
    ("ru", "в первом квартале 2024 г. и летом 2023 года", [("первом квартале 2024 г.", "2024-Q1", "2024-Q1"), ("летом 2023 года", "2023-SU", "2023-SU")]),
    ("ru", "в среду, заботясь об окружающую среду", [("среду", "2023-06-07", "2023-06-07")]),
    ("ru", "документ от 07.06.2023 г.", [("07.06.2023 г.", "2023-06-07", "2023-06-07")]),
    # Uzbek, Cyrillic and Latin
    ("uz", "2015-2019 йиллар давомида", [("2015-2019 йиллар", "2015", "2019")]),
    ("uz", "2019 йил декабр ойида", [("2019 йил декабр", "2019-12", "2019-12")]),
    ("uz", "Тошкент, 2023 йил 5 апрель", [("2023 йил 5 апрель", "2023-04-05", "2023-04-05")]),
    ("uz", "2024 йил 15 мартда ва кеча", [("2024 йил 15 мартда", "2024-03-15", "2024-03-15"), ("кеча", "2023-06-06", "2023-06-06")]),
    ("uz", "2015 йилдан 2019 йилгача", [("2015 йилдан 2019 йилгача", "2015", "2019")]),
    ("uz", "Toshkent, 2024-yil 12-mart", [("2024-yil 12-mart", "2024-03-12", "2024-03-12")]),
    ("uz", "2021-yil dekabr oyida", [("2021-yil dekabr", "2021-12", "2021-12")]),
    ("uz", "2024-yil 15-martda, kecha va o\u2018tgan hafta", [("2024-yil 15-martda", "2024-03-15", "2024-03-15"), ("kecha", "2023-06-06", "2023-06-06"), ("o\u2018tgan hafta", "2023-05-29", "2023-06-04")]),
    ("uz", "12-martdan 14-martgacha", [("12-martdan 14-martgacha", "2023-03-12", "2023-03-14")]),
    ("uz", "2015 ва 2019 йиллар ўртасида", [("2015 ва 2019 йиллар", "2015", "2019")]),
    ("uz", "2024 йилнинг биринчи чорагида", [("2024 йилнинг биринчи чорагида", "2024-Q1", "2024-Q1")]),
    # Kyrgyz
    ("ky", "2023-жылдын 7-июнунда", [("2023-жылдын 7-июнунда", "2023-06-07", "2023-06-07")]),
    ("ky", "2024-жылдын 12-мартында", [("2024-жылдын 12-мартында", "2024-03-12", "2024-03-12")]),
    ("ky", "семинар 7-июнда өттү", [("7-июнда", "2023-06-07", "2023-06-07")]),
    ("ky", "2023-жылдын январь-май айларында", [("2023-жылдын январь-май", "2023-01", "2023-05")]),
    ("ky", "кечээ жана өткөн аптада", [("кечээ", "2023-06-06", "2023-06-06"), ("өткөн аптада", "2023-05-29", "2023-06-04")]),
    ("ky", "2022-2025-жылдары", [("2022-2025-жылдары", "2022", "2025")]),
    ("ky", "2023-жылдын 29-сентябрынан 1-октябрына чейин", [("2023-жылдын 29-сентябрынан 1-октябрына", "2023-09-29", "2023-10-01")]),
    # Kazakh
    ("kk", "2023 жылғы 5 сәуірде", [("2023 жылғы 5 сәуірде", "2023-04-05", "2023-04-05")]),
    ("kk", "кеше және 2023 жылы", [("кеше", "2023-06-06", "2023-06-06"), ("2023 жылы", "2023", "2023")]),
    ("kk", "12-14 наурызда, 2015-2019 жылдары", [("12-14 наурызда", "2023-03-12", "2023-03-14"), ("2015-2019 жылдары", "2015", "2019")]),
    ("kk", "5 маусымнан 7 маусымға дейін", [("5 маусымнан 7 маусымға", "2023-06-05", "2023-06-07")]),
    ("kk", "желтоқсан 2022", [("желтоқсан 2022", "2022-12", "2022-12")]),
    ("kk", "2024 жылғы 15 наурыз бен 20 наурыз аралығында", [("2024 жылғы 15 наурыз бен 20 наурыз", "2024-03-15", "2024-03-20")]),
    ("kk", "2019 және 2020 жылдары", [("2019", "2019", "2019"), ("2020 жылдары", "2020", "2020")]),
    # Tajik
    ("tg", "Душанбе, 5 апрели соли 2023 \u2013 Дирӯз дар Душанбе", [("5 апрели соли 2023", "2023-04-05", "2023-04-05"), ("Дирӯз", "2023-06-06", "2023-06-06")]),
    ("tg", "аз 12-уми то 14-уми апрели соли 2024", [("12-уми то 14-уми апрели соли 2024", "2024-04-12", "2024-04-14")]),
    ("tg", "барои солҳои 2023-2026 пешбинӣ", [("солҳои 2023-2026", "2023", "2026")]),
    ("tg", "Аз соли 2016 инҷониб", [("соли 2016", "2016", "2016")]),
    ("tg", "6-7 апрели соли 2023 ба шаҳри Бохтар", [("6-7 апрели соли 2023", "2023-04-06", "2023-04-07")]),
    ("tg", "ҳафтаи гузашта ва рӯзи душанбе", [("ҳафтаи гузашта", "2023-05-29", "2023-06-04"), ("душанбе", "2023-06-05", "2023-06-05")]),
]

# Constructions news and releases use beyond plain dates (reference 2023-06-07, a Wednesday).
# fmt: off
RELATIVE_CASES = [
    ("en", "in early December 2022 and mid-2011", [("early December 2022", "2022-12", "2022-12"), ("mid-2011", "2011", "2011")]),
    ("en", "in the third quarter of this year", [("third quarter of this year", "2023-Q3", "2023-Q3")]),
    ("en", "in the first quarter of last year", [("first quarter of last year", "2022-Q1", "2022-Q1")]),
    ("en", "results for the last quarter", [("last quarter", "2023-Q1", "2023-Q1")]),
    ("en", "Our third-quarter results", [("third-quarter", "2023-Q3", "2023-Q3")]),
    ("en", "opened four years ago and a week ago", [("four years ago", "2019", "2019"), ("a week ago", "2023-05-31", "2023-05-31")]),
    ("en", "last year, this year and next year", [("last year", "2022", "2022"), ("this year", "2023", "2023"), ("next year", "2024", "2024")]),
    ("en", "this week and this month", [("this week", "2023-06-05", "2023-06-11"), ("this month", "2023-06", "2023-06")]),
    ("en", "over the past two years", [("past two years", "2021", "2023")]),
    ("en", "reforms of the 1990s and the '80s", [("1990s", "1990", "1999"), ("'80s", "1980", "1989")]),
    ("en", "in the first half of 2023", [("first half of 2023", "2023-01", "2023-06")]),
    ("en", "in the second half of this year", [("second half of this year", "2023-07", "2023-12")]),
    ("en", "by the end of 2023 and at the beginning of March", [("the end of 2023", "2023", "2023"), ("the beginning of March", "2023-03", "2023-03")]),
    ("en", "by the end of the year", [("the end of the year", "2023", "2023")]),
    ("en", "announced earlier this month", [("earlier this month", "2023-06", "2023-06")]),
    ("en", "in March of next year", [("March of next year", "2024-03", "2024-03")]),
    ("en", "Bishkek, Tuesday, 12 March 2024", [("Tuesday, 12 March 2024", "2024-03-12", "2024-03-12")]),
    ("en", "Friday's meeting", [("Friday", "2023-06-02", "2023-06-02")]),
    ("en", "the 1991 agreement and its 2011 report", [("1991", "1991", "1991"), ("2011", "2011", "2011")]),
    ("en", "In the spring, the ministry opened", [("spring", "2023-SP", "2023-SP")]),
    # Tense picks the week of a weekday and the year of a yearless date.
    ("en", "The forum will open on Monday", [("Monday", "2023-06-12", "2023-06-12")]),
    ("en", "The trial is to be held on Friday", [("Friday", "2023-06-09", "2023-06-09")]),
    ("en", "The conference will take place on 5 January", [("5 January", "2024-01-05", "2024-01-05")]),
    ("en", "The law was adopted in December", [("December", "2022-12", "2022-12")]),
    ("en", "The United Nations meets on 12 March", [("12 March", "2023-03-12", "2023-03-12")]),
    ("ru", "два года назад", [("два года назад", "2021", "2021")]),
    ("ru", "в 1990-х годах", [("1990-х годах", "1990", "1999")]),
    ("ru", "в первом полугодии 2023 года", [("первом полугодии 2023 года", "2023-01", "2023-06")]),
    ("ru", "в конце 2023 года и в конце года", [("конце 2023 года", "2023", "2023"), ("конце года", "2023", "2023")]),
    ("ru", "в марте этого года", [("марте этого года", "2023-03", "2023-03")]),
    ("ru", "в третьем квартале прошлого года и в прошлом квартале", [("третьем квартале прошлого года", "2022-Q3", "2022-Q3"), ("прошлом квартале", "2023-Q1", "2023-Q1")]),
    ("ru", "за последние два года", [("последние два года", "2021", "2023")]),
    ("ru", "семинар состоится в понедельник", [("понедельник", "2023-06-12", "2023-06-12")]),
    ("uz", "икки йил олдин ва ikki yil oldin", [("икки йил олдин", "2021", "2021"), ("ikki yil oldin", "2021", "2021")]),
    ("uz", "2023 йилнинг биринчи ярмида", [("2023 йилнинг биринчи ярмида", "2023-01", "2023-06")]),
    ("uz", "2023 йил охирида", [("2023 йил охирида", "2023", "2023")]),
    ("uz", "joriy yilning 15-martida", [("joriy yilning 15-martida", "2023-03-15", "2023-03-15")]),
    ("uz", "сўнгги икки йилда", [("сўнгги икки йилда", "2021", "2023")]),
    ("ky", "эки жыл мурун", [("эки жыл мурун", "2021", "2021")]),
    ("ky", "2023-жылдын аягында", [("2023-жылдын аягында", "2023", "2023")]),
    ("ky", "ушул жылдын 15-мартында", [("ушул жылдын 15-мартында", "2023-03-15", "2023-03-15")]),
    ("kk", "екі жыл бұрын", [("екі жыл бұрын", "2021", "2021")]),
    ("kk", "2023 жылдың соңында", [("2023 жылдың соңында", "2023", "2023")]),
    ("kk", "осы жылдың 15 наурызында", [("осы жылдың 15 наурызында", "2023-03-15", "2023-03-15")]),
    ("tg", "ду сол пеш", [("ду сол пеш", "2021", "2021")]),
    ("tg", "дар охири соли 2023", [("охири соли 2023", "2023", "2023")]),
]

# "now", "currently", "recently", "in recent weeks" have no calendar value: not emitted.
RELATIVE_NEGATIVES = [
    ("en", "now and currently, as recently as in recent weeks"),
    ("en", "the 2000 participants and the 1500 staff, its 300 employees"),
    ("en", "prices continue to fall and the summer school opened"),
    ("en", "in winter the road can be closed for two weeks"),
    ("en", "the first half of the seminar, years ago, many years ago"),
    ("en", "at the end of the week-long training"),
    ("ru", "сейчас и в настоящее время, в последние недели, много лет назад"),
    ("uz", "ҳозир ва бир неча йил олдин"),
    ("ky", "азыр жана бир нече жыл мурун"),
    ("kk", "қазір және бірнеше жыл бұрын"),
    ("tg", "ҳоло ва чанд сол пеш"),
]
# fmt: on


@pytest.mark.parametrize("lang,text,expected", RELATIVE_CASES)
def test_relative_and_partial_dates(pipe, lang, text, expected):
    mentions, context = run(pipe, lang, text)
    assert values(mentions) == expected
    assert context.warnings == []


@pytest.mark.parametrize("lang,text", RELATIVE_NEGATIVES)
def test_no_calendar_value_no_date(pipe, lang, text):
    assert run(pipe, lang, text)[0] == []


def test_new_granularities(pipe):
    mentions, _ = run(pipe, "en", "four years ago, the 1990s, the first half of 2023, the third quarter of this year, "
                                  "a week ago, in March of next year")
    assert [m.granularity for m in mentions] == ["year", "year", "month", "quarter", "day", "month"]


NEGATIVES = [
    ("en", "a three-day seminar lasting three days"),
    ("en", "a 62-year-old judge, aged 45"),
    ("en", "under Article 3 and Article 2019"),
    ("en", "call +996 312 62 45 45 or 0312 2019 45"),
    ("en", "2000 participants and 1500 jobs"),
    ("en", "EUR 2.5 million, 15% growth, 62"),
    ("en", "you may march on"),
    ("ru", "трехдневный тренинг, три дня, 62 процента"),
    ("ru", "статья 6 и 2000 участников, 2,5 млн евро"),
    ("ru", "охрана окружающую среду"),
    ("uz", "уч кун давомида 100 нафар, 2000 нафар иштирокчи"),
    ("ky", "үч күн, үч күндүк семинар, 62 пайыз"),
    ("kk", "үш күн бойы 40 қатысушы"),
    ("tg", "моддаи 19-и Конститутсия, 62 фоизи, 12 млн сомонӣ"),
    ("tg", "дар Душанбе мулоқот"),
]
# fmt: on


@pytest.mark.parametrize("lang,text,expected", CASES)
def test_dates(pipe, lang, text, expected):
    mentions, context = run(pipe, lang, text)
    assert values(mentions) == expected
    assert context.warnings == []


@pytest.mark.parametrize("lang,text", NEGATIVES)
def test_not_dates(pipe, lang, text):
    assert run(pipe, lang, text)[0] == []


def test_offsets_are_absolute(pipe):
    (mention,), _ = run(pipe, "en", "on 7 June 2023", offset=10)
    assert (mention.start, mention.end, mention.granularity) == (13, 24, "day")


def test_granularities(pipe):
    mentions, _ = run(pipe, "en", "7 June 2023, June 2023, 2023, summer 2023, Q1 2024")
    assert [m.granularity for m in mentions] == ["day", "month", "year", "season", "quarter"]


def test_without_reference_relative_dates_have_no_value(pipe):
    mentions, context = run(pipe, "ru", "вчера, 12 марта 2024 года", reference=None)
    assert values(mentions) == [("вчера", None), ("12 марта 2024 года", "2024-03-12", "2024-03-12")]
    assert context.warnings == [NO_REFERENCE]


def test_without_reference_a_yearless_day_takes_the_first_full_date_year(pipe):
    mentions, context = run(pipe, "ky", "2023-жылдын 29-сентябрында, 2019-жылы, 1-октябрда", reference=None)
    assert values(mentions)[-1] == ("1-октябрда", "2023-10-01", "2023-10-01")
    assert context.warnings == []


def test_dateline_gives_the_reference_date(pipe):
    record = pipe.extract("Бишкек, 12 марта 2024 г. – Вчера в Бишкеке открылся семинар для судей, "
                          "который продлится до пятницы и объединит представителей судов.")
    assert record.reference_date.model_dump() == {"value": "2024-03-12", "source": "dateline"}
    assert [(d.text, d.value.start) for d in record.dates] == [
        ("12 марта 2024 г.", "2024-03-12"), ("Вчера", "2024-03-11")]


def test_a_thousand_words_take_milliseconds(pipe):
    # A loose guard (best of five, 20x the usual time) so a busy machine does not fail it;
    # benchmarks/dates_speed.py measures the speed itself.
    text = "Two seminars took place in Bishkek on 7 June 2023 and on 8-9 June 2023 for 35 judges. " * 60
    times = []
    for _ in range(5):
        began = time.perf_counter()
        mentions, _ = run(pipe, "en", text)
        times.append(time.perf_counter() - began)
    assert len(mentions) == 120
    assert min(times) < 0.1

LANGS = ["en", "ru", "uz", "ky", "kk", "tg"]


@pytest.mark.parametrize("lang", LANGS)
def test_data_files_have_the_core_tables(resources, lang):
    data = resources.lang(lang)["dates"]
    assert sorted(data["months"]) == list(range(1, 13))
    assert sorted(data["weekdays"]) == list(range(1, 8))
    assert ["day", -1] in data["relative_words"].values()
    assert set(data["seasons"]) == {"SP", "SU", "FA", "WI"}
    assert data["dateline_places"]


def test_data_files_use_one_set_of_keys(resources):
    keys = {lang: set(resources.lang(lang)["dates"]) for lang in LANGS}
    assert all(k == keys["en"] for k in keys.values()), keys


# Days of the week and vague years against the dateline (here 7 June 2023, a Wednesday):
# a bare weekday is the most recent such day, "last year" the year before.
# fmt: off
FRAME_CASES = [
    ("en", "Bishkek, 7 June 2023 – The seminar began on Monday; earlier this year a forum met, and next year it returns.",
     [("7 June 2023", "2023-06-07", "2023-06-07"), ("Monday", "2023-06-05", "2023-06-05"),
      ("earlier this year", "2023", "2023"), ("next year", "2024", "2024")]),
    ("ru", "Бишкек, 7 июня 2023 г. – Семинар начался в понедельник, а в прошлом году прошёл форум.",
     [("7 июня 2023 г.", "2023-06-07", "2023-06-07"), ("понедельник", "2023-06-05", "2023-06-05"), ("прошлом году", "2022", "2022")]),
    ("kk", "Астана, 2023 жылғы 7 маусым – Семинар дүйсенбіде басталды. Келесі жылы форум өтеді. 30 жыл бұрын ұйым құрылды.",
     [("2023 жылғы 7 маусым", "2023-06-07", "2023-06-07"), ("дүйсенбіде", "2023-06-05", "2023-06-05"),
      ("Келесі жылы", "2024", "2024"), ("30 жыл бұрын", "1993", "1993")]),
    ("ky", "Бишкек, 2023-жылдын 7-июну – Семинар дүйшөмбүдө башталды. Өткөн жылы форум өттү.",
     [("2023-жылдын 7-июну", "2023-06-07", "2023-06-07"), ("дүйшөмбүдө", "2023-06-05", "2023-06-05"), ("Өткөн жылы", "2022", "2022")]),
    ("uz", "Тошкент, 2023 йил 7 июнь – Семинар душанба куни бошланди. Келаси йили яна бўлади.",
     [("2023 йил 7 июнь", "2023-06-07", "2023-06-07"), ("душанба", "2023-06-05", "2023-06-05"), ("Келаси йили", "2024", "2024")]),
    ("uz", "Toshkent, 2023-yil 7-iyun – Seminar dushanba kuni boshlandi. O'tgan yili forum bo'ldi.",
     [("2023-yil 7-iyun", "2023-06-07", "2023-06-07"), ("dushanba", "2023-06-05", "2023-06-05"), ("O'tgan yili", "2022", "2022")]),
    ("tg", "Душанбе, 7 июни соли 2023 – Семинар рӯзи душанбе оғоз шуд. Соли гузашта форум баргузор шуд.",
     [("7 июни соли 2023", "2023-06-07", "2023-06-07"), ("душанбе", "2023-06-05", "2023-06-05"), ("Соли гузашта", "2022", "2022")]),
]
# fmt: on


@pytest.mark.parametrize("lang,text,expected", FRAME_CASES)
def test_weekdays_and_vague_years_resolve_against_the_dateline(pipe, lang, text, expected):
    record = pipe.extract(text)
    assert [(d.text, d.value.start, d.value.end) for d in record.dates] == expected


def test_days_joined_by_and(pipe):
    record = pipe.extract("Trainings were held on February 19 and 26, and on 18 and 19 March.", reference_date="2021-04-04")
    assert [(d.text, d.value.start, d.value.end) for d in record.dates] == [
        ("February 19", "2021-02-19", "2021-02-19"), ("26", "2021-02-26", "2021-02-26"),
        ("18 and 19 March", "2021-03-18", "2021-03-19")]


def test_every_date_begins_where_the_opener_says(resources):
    # The dateline asks for dates that are not relative only where ``opener`` matches: every
    # language's grammar on every table's text; a part word read in the cut before a date may
    # begin inside a word.
    texts = [text for table in (CASES, RELATIVE_CASES, RELATIVE_NEGATIVES, NEGATIVES, FRAME_CASES)
             for _, text, *_ in table]
    texts += ["In the '90s and the 1990s, in Q1 2024, the first half of 2023 and on Monday, 12 March",
              "в I квартале 2023 года, в 90-х годах, 8 апреля того же года", "Xmid" + " " * 27 + "March 2024"]
    found = 0
    for lang in LANGS:
        g = grammar_for(resources.lang(lang)["dates"])
        for text in texts:
            for f in find(text, g):
                if f.relative is not None:
                    continue
                found += 1
                assert g.opener.match(text, f.start), (lang, text[f.start:f.end])
    assert found > 300
    # The opener takes a decade's two digits for a day's: no suffix may begin with a digit.
    assert not any(str(suffix)[:1].isdigit() for lang in LANGS
                   for suffix in resources.lang(lang)["dates"].get("decade_suffixes") or [])
