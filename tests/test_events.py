"""Events from hand-built dates, entities and counts (so this tests assembly alone).

Each case: (lang, text, dates, places, expected [(type, start date, location, participants)]).
Dates are (surface, start, end, granularity); places are (surface, canonical name).
"""

from __future__ import annotations

import pytest

from pipeline.context import DocumentContext
from pipeline.extract.counts import extract_counts
from pipeline.extract.money import extract_money
from pipeline.facts.events import assemble_events
from pipeline.records import DateMention, Entity
from pipeline.segmenting import segment


def found_for(pipe, text, dates=(), places=(), orgs=()):
    """Segments and ``found`` records for ``text``: counts and money extracted, the rest hand-built."""
    segments = segment(text, pipe.identifier)
    context = DocumentContext(source_text=text, resources=pipe.resources)
    counts, money = [], []
    for seg in segments:
        seg.doc = pipe.tokenizers(seg.text, seg.lang)
        counts += extract_counts(seg, pipe.resources.lang(seg.lang), context=context)
        money += extract_money(seg, pipe.resources.lang(seg.lang), context=context)
    lang = segments[0].lang

    def at(surface):
        start = text.index(surface)
        return {"text": surface, "start": start, "end": start + len(surface), "lang": lang}

    found = {
        "dates": [DateMention(**at(s), value={"start": a, "end": b}, granularity=g) for s, a, b, g in dates],
        "entities": sorted([Entity(**at(s), label="LOC", name=n) for s, n in places]
                           + [Entity(**at(s), label="ORG", name=n, kb_id=k) for s, n, k in orgs],
                           key=lambda e: e.start),
        "counts": counts, "money": money, "programmes": [],
    }
    return segments, found, context


SEED_EN = ('Two seminars on "Prevention of ill treatment and torture" took place in Bishkek respectively '
           'for 32 lawyers of the Training centre for lawyers on 7 June 2023 and for 35 prosecutors and '
           'investigators from the regions on 8-9 June 2023.\n\nThe seminars aimed at enhancing knowledge. '
           'All interlocutors agreed that the seminar allowed them to learn.')

# fmt: off
CASES = [
    ("en", SEED_EN,
     [("7 June 2023", "2023-06-07", "2023-06-07", "day"), ("8-9 June 2023", "2023-06-08", "2023-06-09", "day")],
     [("Bishkek", "Bishkek")],
     [("seminar", "2023-06-07", "Bishkek", [32]), ("seminar", "2023-06-08", "Bishkek", [35])]),
    ("en", "Osh, 20 June 2023 - A workshop on mediation was held yesterday in Osh. More than 40 participants, "
           "including 18 women, attended the workshop.",
     [("20 June 2023", "2023-06-20", "2023-06-20", "day"), ("yesterday", "2023-06-19", "2023-06-19", "day")],
     [("Osh", "Osh")],
     [("workshop", "2023-06-19", "Osh", [40, 18])]),
    ("ru", "На прошлой неделе, с 14 по 16 мая, в Алматы прошел семинар по расследованию. "
           "В нем приняли участие 35 прокуроров из всех областей.",
     [("прошлой неделе", "2024-05-06", "2024-05-12", "day"), ("14 по 16 мая", "2024-05-14", "2024-05-16", "day")],
     [("Алматы", "Almaty")],
     [("seminar", "2024-05-14", "Almaty", [35])]),
    ("uz", "Тошкент, 2023 йил 5 апрель – Европа Кенгаши 2023 йил 3-4 апрель кунлари Тошкентда судьялар учун "
           "икки кунлик семинар ўтказди.\n\nСеминарда йигирма беш нафар судья, шу жумладан 9 нафар аёл судья "
           "иштирок этди. Машғулотларни икки нафар халқаро эксперт олиб борди.",
     [("2023 йил 5 апрель", "2023-04-05", "2023-04-05", "day"), ("2023 йил 3-4 апрель", "2023-04-03", "2023-04-04", "day")],
     [("Тошкент", "Tashkent"), ("Тошкентда", "Tashkent")],
     [("seminar", "2023-04-03", "Tashkent", [25, 9])]),
    ("ky", "2023-жылдын 29-сентябрынан 1-октябрына чейин Бишкекте республикалык форум өттү. Форумга 300дөн ашык "
           "жигит-кыз катышты.\n\n1-октябрда форумдун алкагында бизнес-идеялардын сынагы өттү. Ага 12 команда катышты.",
     [("2023-жылдын 29-сентябрынан 1-октябрына", "2023-09-29", "2023-10-01", "day"), ("1-октябрда", "2023-10-01", "2023-10-01", "day")],
     [("Бишкекте", "Bishkek")],
     [("forum", "2023-09-29", "Bishkek", [300]), ("competition", "2023-10-01", "Bishkek", [12])]),
    ("kk", "Кеше Астанада дөңгелек үстел өтті. Дөңгелек үстелге қырықтан астам қатысушы қатысты.",
     [("Кеше", "2023-04-04", "2023-04-04", "day")], [("Астанада", "Astana")],
     [("round_table", "2023-04-04", "Astana", [40])]),
    ("tg", "Дирӯз дар шаҳри Хуҷанд мизи мудаввар баргузор гардид. Дар он зиёда аз 50 иштирокчӣ, аз ҷумла 32 зан "
           "ширкат варзиданд. Соли 2023 ба 140 зани соҳибкор грантҳо дода шуд.",
     [("Дирӯз", "2024-10-17", "2024-10-17", "day"), ("Соли 2023", "2023", "2023", "year")],
     [("Хуҷанд", "Khujand")],
     [("round_table", "2024-10-17", "Khujand", [50, 32])]),
    # two events in one period: the later mentions date each one
    ("kk", "Өткен аптада екі семинар өтті. 10–11 қазанда өткен семинарға 28 фермер қатысты. "
           "13 қазанда ұйымдастырылған семинарға 35 адам қатысты.",
     [("Өткен аптада", "2023-10-09", "2023-10-15", "day"), ("10–11 қазанда", "2023-10-10", "2023-10-11", "day"),
      ("13 қазанда", "2023-10-13", "2023-10-13", "day")], [],
     [("seminar", "2023-10-10", None, [28]), ("seminar", "2023-10-13", None, [35])]),
    # "the next course" is another event, even without a date
    ("uz", "2024-yil 26-avgustda kurs boshlandi va 48 nafar gid ishtirok etdi. Keyingi guruh uchun kurs Buxoroda "
           "o'tkaziladi.",
     [("2024-yil 26-avgustda", "2024-08-26", "2024-08-26", "day")], [("Buxoroda", "Bukhara")],
     [("training", "2024-08-26", None, [48]), ("training", None, "Bukhara", [])]),
    # a later mention with no event verb refers back; a hackathon is a competition
    ("uz", "8–9-fevral kunlari hakaton bo'lib o'tdi. Tanlovga arizalar 15-dekabrdan qabul qilingan.",
     [("8–9-fevral", "2025-02-08", "2025-02-09", "day"), ("15-dekabrdan", "2024-12-15", "2024-12-15", "day")], [],
     [("competition", "2025-02-08", None, [])]),
    # a participant sentence whose period spans the event's day widens its date
    ("ru", "Вчера завершился трехдневный тренинг. Обучение, проходившее с 19 по 21 мая, прошли 32 сотрудника.",
     [("Вчера", "2024-05-21", "2024-05-21", "day"), ("с 19 по 21 мая", "2024-05-19", "2024-05-21", "day")], [],
     [("training", "2024-05-19", None, [32])]),
    # a person count classifier with no noun after it is a participant count (нафар)
    ("tg", "Аз 3 то 14 июли дар шаҳри Хоруғ курси такмили ихтисос баргузор гардид. Дар он 54 нафар ширкат варзиданд.",
     [("3 то 14 июли", "2023-07-03", "2023-07-14", "day")], [("Хоруғ", "Khorog")],
     [("training", "2023-07-03", "Khorog", [54])]),
    # a partitive subgroup ("31 of them women") in the sentence after the event
    ("en", "A round table took place in Astana on 5 March 2024. The discussion was attended by 46 people, "
           "31 of them women.",
     [("5 March 2024", "2024-03-05", "2024-03-05", "day")], [("Astana", "Astana")],
     [("round_table", "2024-03-05", "Astana", [46, 31])]),
    # a participant sentence belongs to the event mentioned last, not to the one found last
    ("en", "A conference took place in Bishkek on 5 November 2024. A training for 18 hydrologists will follow "
           "on 3-4 December 2024.\n\nThe conference discussed water management. It brought together "
           "70 experts, 23 of them women.",
     [("5 November 2024", "2024-11-05", "2024-11-05", "day"), ("3-4 December 2024", "2024-12-03", "2024-12-04", "day")],
     [("Bishkek", "Bishkek")],
     [("conference", "2024-11-05", "Bishkek", [70, 23]), ("training", "2024-12-03", "Bishkek", [18])]),
    # an ordinal makes another instance even two days later; "человека" counts people
    ("ru", "Первый семинар состоялся 7 ноября 2023 года в Бишкеке. В нём приняли участие 26 сотрудников. "
           "Второй семинар прошёл 9–10 ноября в Оше. Его участниками стали тридцать три человека, в том числе "
           "19 женщин.",
     [("7 ноября 2023 года", "2023-11-07", "2023-11-07", "day"), ("9–10 ноября", "2023-11-09", "2023-11-10", "day")],
     [("Бишкеке", "Bishkek"), ("Оше", "Osh")],
     [("seminar", "2023-11-07", "Bishkek", [26]), ("seminar", "2023-11-09", "Osh", [33, 19])]),
    # "a similar training" later is another event
    ("uz", "2024-yil 19-fevralda Farg'onada trening bo'lib o'tdi. Shu kabi trening 2024-yil mart oyida Namanganda "
           "ham o'tkaziladi.",
     [("2024-yil 19-fevralda", "2024-02-19", "2024-02-19", "day"), ("2024-yil mart", "2024-03", "2024-03", "month")],
     [("Farg'onada", "Fergana"), ("Namanganda", "Namangan")],
     [("training", "2024-02-19", "Fergana", []), ("training", "2024-03", "Namangan", [])]),
    # what a launch presents is no event of its own; joined by "and" it is
    ("ru", "Вчера в Бишкеке состоялась презентация учебного курса по пробации.",
     [("Вчера", "2023-11-13", "2023-11-13", "day")], [("Бишкеке", "Bishkek")],
     [("launch", "2023-11-13", "Bishkek", [])]),
    # participants and a subgroup in the sentence after the event
    ("en", "A seminar on mediation was held in Osh on 5 May 2024. Participants included 20 judges and "
           "15 prosecutors, 12 of whom were women.",
     [("5 May 2024", "2024-05-05", "2024-05-05", "day")], [("Osh", "Osh")],
     [("seminar", "2024-05-05", "Osh", [20, 15, 12])]),
    ("tg", "5 майи соли 2024 дар Хуҷанд семинар баргузор шуд. Дар он 20 судя ва 15 прокурор, аз ҷумла 12 зан "
           "иштирок доштанд.",
     [("5 майи соли 2024", "2024-05-05", "2024-05-05", "day")], [("Хуҷанд", "Khujand")],
     [("seminar", "2024-05-05", "Khujand", [20, 15, 12])]),
    # mixed groups with head-final nouns: "15 мектеп директоры", "12 nafar maktab direktori"
    ("kk", "2024 жылғы 14 мамырда Шымкентте тренинг өтті. Тренингке 48 мұғалімі және 15 мектеп директоры қатысты.",
     [("2024 жылғы 14 мамырда", "2024-05-14", "2024-05-14", "day")], [("Шымкентте", "Shymkent")],
     [("training", "2024-05-14", "Shymkent", [48, 15])]),
    ("uz", "2024-yil 19-fevralda Farg'onada trening o'tkazildi. Unda 15 ta tumandan kelgan 30 nafar "
           "o'qituvchi va 12 nafar maktab direktori ishtirok etdi.",
     [("2024-yil 19-fevralda", "2024-02-19", "2024-02-19", "day")], [("Farg'onada", "Fergana")],
     [("training", "2024-02-19", "Fergana", [30, 12])]),
]
# fmt: on
NO_EVENTS = [
    ("en", "The Asian Development Bank approved a $3 million grant. The project will rehabilitate 38 kilometres "
           "of canals and train 60 farmers in 2024."),
    ("ru", "Банк выделил кредит на модернизацию 14 насосных станций в 2024 году."),
    ("en", "She studied at the Training centre for lawyers."),
    # a year alone and the trigger as its own verb: a statistic, not an event
    ("uz", "2023-yilda Samarqandga 2,1 million nafar xorijiy sayyoh tashrif buyurgan."),
    ("tg", "Курби асъор дар соли 2024 устувор монд."),
]


@pytest.mark.parametrize("lang,text,dates,places,expected", CASES)
def test_events(pipe, lang, text, dates, places, expected):
    segments, found, context = found_for(pipe, text, dates, places)
    events = assemble_events(segments, found, context=context)
    got = [(e.type, e.date.start if e.date else None, e.location, [p.count for p in e.participants]) for e in events]
    assert got == expected
    assert all(text[e.start:e.end] == e.text for e in events)
    assert all(e.evidence.start <= e.start < e.end <= e.evidence.end for e in events)


def test_seminar_title_and_evidence(pipe):
    segments, found, context = found_for(pipe, SEED_EN, CASES[0][2], CASES[0][3])
    first = assemble_events(segments, found, context=context)[0]
    assert first.title == "Prevention of ill treatment and torture"
    assert SEED_EN[first.evidence.start:first.evidence.end].startswith("Two seminars")


@pytest.mark.parametrize("lang,text", NO_EVENTS)
def test_no_events(pipe, lang, text):
    segments, found, context = found_for(pipe, text)
    assert assemble_events(segments, found, context=context) == []


# Real releases state the participants in a later sentence that refers back to the event
# ("During the training, …", "Участники", "Іс-шараға", "Тадбирда"): one event, not two.
# fmt: off
LATER_PARTICIPANTS = [
    ("en", "A five-day training on financial investigation opened in Almaty on 2 September 2024. During the "
           "training, 28 investigators from six countries discussed real cases.",
     [("2 September 2024", "2024-09-02", "2024-09-02", "day")], [("Almaty", "Almaty")],
     [("training", "2024-09-02", "Almaty", [28])]),
    ("en", "On 2 September 2024 the Office delivered a training course for 20 female border officers in Osh.",
     [("2 September 2024", "2024-09-02", "2024-09-02", "day")], [("Osh", "Osh")],
     [("training", "2024-09-02", "Osh", [20])]),
    ("en", "A course on mutual legal assistance was launched in Osh on 2 September 2024. Held at the city court, "
           "the event was attended by 28 law enforcement officers.",
     [("2 September 2024", "2024-09-02", "2024-09-02", "day")], [("Osh", "Osh")],
     [("launch", "2024-09-02", "Osh", [28])]),
    ("ru", "2 сентября 2024 года в Алматы открылся тренинг по финансовым расследованиям. Участники, "
           "28 следователей из шести стран, разобрали реальные дела.",
     [("2 сентября 2024 года", "2024-09-02", "2024-09-02", "day")], [("Алматы", "Almaty")],
     [("training", "2024-09-02", "Almaty", [28])]),
    ("kk", "2024 жылғы 2 қыркүйекте Алматыда семинар өтті. Іс-шараға барлық өңірлерден 28 тергеуші қатысты.",
     [("2024 жылғы 2 қыркүйекте", "2024-09-02", "2024-09-02", "day")], [("Алматыда", "Almaty")],
     [("seminar", "2024-09-02", "Almaty", [28])]),
    ("ky", "2024-жылдын 2-сентябрында Ошто семинар өттү. Иш-чарага 28 тергөөчү катышты.",
     [("2024-жылдын 2-сентябрында", "2024-09-02", "2024-09-02", "day")], [("Ошто", "Osh")],
     [("seminar", "2024-09-02", "Osh", [28])]),
    ("uz", "2024 йил 2 сентябрда Самарқандда семинар ўтказилди. Тадбирда 28 нафар терговчи иштирок этди.",
     [("2024 йил 2 сентябрда", "2024-09-02", "2024-09-02", "day")], [("Самарқандда", "Samarkand")],
     [("seminar", "2024-09-02", "Samarkand", [28])]),
    ("tg", "2 сентябри соли 2024 дар Хуҷанд семинар баргузор шуд. Дар чорабинӣ 28 нафар муфаттиш ширкат варзид.",
     [("2 сентябри соли 2024", "2024-09-02", "2024-09-02", "day")], [("Хуҷанд", "Khujand")],
     [("seminar", "2024-09-02", "Khujand", [28])]),
]

# Those a project helps are no participants of the event it held (``beneficiary_words``),
# nor is a number of the countries whose representatives came (a possessor the number counts).
BENEFICIARIES = [
    ("ky", "2024-жылдын 4-июнунда Ошто семинар өттү. Ага эки өлкөнүн өкмөт өкүлдөрү жана 25 мугалим катышты.",
     [("2024-жылдын 4-июнунда", "2024-06-04", "2024-06-04", "day")], [("Ошто", "Osh")],
     [("seminar", "2024-06-04", "Osh", [25])]),
    ("kk", "2024 жылғы 4 маусымда Шымкентте семинар өтті. Оған үш елдің үкімет өкілдері және 25 мұғалім қатысты.",
     [("2024 жылғы 4 маусымда", "2024-06-04", "2024-06-04", "day")], [("Шымкентте", "Shymkent")],
     [("seminar", "2024-06-04", "Shymkent", [25])]),
    ("uz", "2024 йил 4 июнда Наманганда семинар ўтказилди. Унда икки давлатнинг вакиллари ва 25 нафар ўқитувчи "
           "иштирок этди.",
     [("2024 йил 4 июнда", "2024-06-04", "2024-06-04", "day")], [("Наманганда", "Namangan")],
     [("seminar", "2024-06-04", "Namangan", [25])]),
    ("en", "A workshop for 25 teachers took place in Osh on 4 June 2024. The project will benefit 3,000 pupils.",
     [("4 June 2024", "2024-06-04", "2024-06-04", "day")], [("Osh", "Osh")],
     [("workshop", "2024-06-04", "Osh", [25])]),
    ("ru", "4 июня 2024 года в Оше прошёл семинар для 25 учителей. Благодаря проекту помощь получат 3000 школьников.",
     [("4 июня 2024 года", "2024-06-04", "2024-06-04", "day")], [("Оше", "Osh")],
     [("seminar", "2024-06-04", "Osh", [25])]),
    ("kk", "2024 жылғы 4 маусымда Шымкентте семинар өтті, оған 25 мұғалім қатысты. Жоба аясында 3000 оқушы "
           "көмек алады.",
     [("2024 жылғы 4 маусымда", "2024-06-04", "2024-06-04", "day")], [("Шымкентте", "Shymkent")],
     [("seminar", "2024-06-04", "Shymkent", [25])]),
    ("ky", "2024-жылдын 4-июнунда Ошто семинар өттү, ага 25 мугалим катышты. Долбоордун алкагында 3000 окуучу "
           "жардам алышат.",
     [("2024-жылдын 4-июнунда", "2024-06-04", "2024-06-04", "day")], [("Ошто", "Osh")],
     [("seminar", "2024-06-04", "Osh", [25])]),
    ("uz", "2024 йил 4 июнда Наманганда семинар ўтказилди, унда 25 нафар ўқитувчи иштирок этди. Лойиҳа доирасида "
           "3000 нафар ўқувчи ёрдам олади.",
     [("2024 йил 4 июнда", "2024-06-04", "2024-06-04", "day")], [("Наманганда", "Namangan")],
     [("seminar", "2024-06-04", "Namangan", [25])]),
    ("tg", "4 июни соли 2024 дар Хуҷанд семинар баргузор шуд, ки дар он 25 омӯзгор ширкат варзид. Дар доираи лоиҳа "
           "3000 хонанда кӯмак мегиранд.",
     [("4 июни соли 2024", "2024-06-04", "2024-06-04", "day")], [("Хуҷанд", "Khujand")],
     [("seminar", "2024-06-04", "Khujand", [25])]),
    # "with the help of" and "the use of" are no benefit: those trained are participants
    ("uz", "ЮНИСЕФ ёрдамида янги ускуналардан фойдаланиш учун 2024 йил 11 ноябрда Нукусда 24 нафар ҳамшира учун "
           "ўқув курси ташкил этилди.",
     [("2024 йил 11 ноябрда", "2024-11-11", "2024-11-11", "day")], [("Нукусда", "Nukus")],
     [("training", "2024-11-11", "Nukus", [24])]),
    # firms that offer young people jobs are no participants: the people noun is in the dative
    ("uz", "2024 йил 18 апрелда Тошкентда форум бўлиб ўтди, унда 230 нафар иштирокчи қатнашди. Форумда 35 та "
           "корхона ёшларга иш ўрни таклиф қилди.",
     [("2024 йил 18 апрелда", "2024-04-18", "2024-04-18", "day")], [("Тошкентда", "Tashkent")],
     [("forum", "2024-04-18", "Tashkent", [230])]),
]

# Events a verb states with its date: "concluded on", "visited … on", "met with", "signed".
VERB_STATED = [
    # a span of days heading the paragraph is the event's, not the release's date
    ("en", "March 11-15, 2024 – Judges of the Supreme Court are visiting Tallinn to study its courts.",
     [("March 11-15, 2024", "2024-03-11", "2024-03-15", "day")], [("Tallinn", "Tallinn")],
     [("visit", "2024-03-11", "Tallinn", [])]),
    # a study tour is a visit
    ("uz", "2024 йил 12-16 май кунлари судьялар Тбилиси шаҳрида стади-турда бўлишди.",
     [("2024 йил 12-16 май", "2024-05-12", "2024-05-16", "day")], [("Тбилиси", "Tbilisi")],
     [("visit", "2024-05-12", "Tbilisi", [])]),
    ("ru", "С 12 по 16 мая 2024 года судьи находились в Тбилиси на стади-туре.",
     [("С 12 по 16 мая 2024 года", "2024-05-12", "2024-05-16", "day")], [("Тбилиси", "Tbilisi")],
     [("visit", "2024-05-12", "Tbilisi", [])]),
    ("en", "The training for border officers concluded on 9 August 2024 in Dushanbe.",
     [("9 August 2024", "2024-08-09", "2024-08-09", "day")], [("Dushanbe", "Dushanbe")],
     [("training", "2024-08-09", "Dushanbe", [])]),
    ("en", "On 7 February 2024 the Ambassador visited the new water station in Naryn.",
     [("7 February 2024", "2024-02-07", "2024-02-07", "day")], [("Naryn", "Naryn")],
     [("visit", "2024-02-07", "Naryn", [])]),
    ("en", "On 12 March 2024 the Minister met with the mayors of three cities in Osh.",
     [("12 March 2024", "2024-03-12", "2024-03-12", "day")], [("Osh", "Osh")],
     [("meeting", "2024-03-12", "Osh", [])]),
    ("en", "On 18 July 2019 the two sides officially opened a joint regional project in Naryn.",
     [("18 July 2019", "2019-07-18", "2019-07-18", "day")], [("Naryn", "Naryn")],
     [("launch", "2019-07-18", "Naryn", [])]),
    ("ru", "7 февраля 2024 года посол посетил новую насосную станцию в Нарыне.",
     [("7 февраля 2024 года", "2024-02-07", "2024-02-07", "day")], [("Нарыне", "Naryn")],
     [("visit", "2024-02-07", "Naryn", [])]),
    ("kk", "2024 жылғы 12 наурызда министр Оралда әкімдермен кездесті.",
     [("2024 жылғы 12 наурызда", "2024-03-12", "2024-03-12", "day")], [("Оралда", "Oral")],
     [("meeting", "2024-03-12", "Oral", [])]),
    ("ky", "2024-жылдын 12-мартында министр Ошто шаар башчылары менен жолугушту.",
     [("2024-жылдын 12-мартында", "2024-03-12", "2024-03-12", "day")], [("Ошто", "Osh")],
     [("meeting", "2024-03-12", "Osh", [])]),
    ("uz", "2024 йил 7 февралда элчи Наманганга ташриф буюрди.",
     [("2024 йил 7 февралда", "2024-02-07", "2024-02-07", "day")], [("Наманганга", "Namangan")],
     [("visit", "2024-02-07", "Namangan", [])]),
    # "began" after the event is its verb, not a launch of its own
    ("tg", "12 марти соли 2024 дар Душанбе омӯзиш барои судяҳо оғоз гардид.",
     [("12 марти соли 2024", "2024-03-12", "2024-03-12", "day")], [("Душанбе", "Dushanbe")],
     [("training", "2024-03-12", "Dushanbe", [])]),
]

# A date in the other conjunct of a coordination dates the other event.
OWN_CLAUSE = [
    ("ru", "Стороны обсудили встречи министров, которые пройдут в апреле 2025 года, и форум, который состоится "
           "в Бишкеке в июне 2025 года.",
     [("апреле 2025 года", "2025-04", "2025-04", "month"), ("июне 2025 года", "2025-06", "2025-06", "month")],
     [("Бишкеке", "Bishkek")],
     [("meeting", "2025-04", "Bishkek", []), ("forum", "2025-06", "Bishkek", [])]),
    ("en", "The sides discussed the ministers' meeting planned for April 2025, and the forum that will take "
           "place in Bishkek in June 2025.",
     [("April 2025", "2025-04", "2025-04", "month"), ("June 2025", "2025-06", "2025-06", "month")],
     [("Bishkek", "Bishkek")],
     [("meeting", "2025-04", "Bishkek", []), ("forum", "2025-06", "Bishkek", [])]),
]

# A word inside a title or a name, or an event with no date nor anyone taking part, is no event.
NOT_STATED = [
    ("en", "The Human Rights Training Programme published its annual report."),
    ("kk", "Кездесу барысында тараптар ынтымақтастықты талқылады."),
    ("en", "The OSCE-supported training seminars series on human rights is described on page 4."),
]
# fmt: on


@pytest.mark.parametrize("lang,text,dates,places,expected",
                         LATER_PARTICIPANTS + BENEFICIARIES + VERB_STATED + OWN_CLAUSE)
def test_real_release_phrasing(pipe, lang, text, dates, places, expected):
    test_events(pipe, lang, text, dates, places, expected)


@pytest.mark.parametrize("lang,text", NOT_STATED)
def test_no_event_unless_stated(pipe, lang, text):
    test_no_events(pipe, lang, text)


@pytest.mark.parametrize("lang,text", [
    ("en", "Over three years the project will support the ministry in two regions of Kyrgyzstan in training "
           "250 district finance officers."),
])
def test_future_trainees_of_a_project_are_no_event(pipe, lang, text):
    """Those a project will train are its beneficiaries: with a place but no date, no event."""
    record = pipe.extract(text)
    assert record.segments[0].lang == lang and record.events == []


def test_explanations_name_rule_and_sentence(pipe):
    """Each event keeps the rules and sentences that made it, outside the record."""
    lang, text, dates, places, _ = LATER_PARTICIPANTS[0]
    segments, found, context = found_for(pipe, text, dates, places)
    context.explanations = []
    events = assemble_events(segments, found, context=context)
    rules = [(r.index, r.rule.split(":")[0], text[r.start:r.end][:9]) for r in context.explanations]
    assert len(events) == 1
    assert rules == [(0, "new event", "A five-da"),
                     (0, "participants from a later sentence that refers back to the event", "During th")]


def test_explain_command_prints_rule_and_sentence(tmp_path):
    """``pressfacts explain FILE``: each fact, then the rule and the sentence that made it."""
    from click.testing import CliRunner

    from pipeline.cli import main

    release = tmp_path / "release.txt"
    release.write_text("Osh, 5 May 2024 - A seminar on mediation was held in Osh on 3 May 2024. "
                       "Participants included 20 judges.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["explain", str(release)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("event seminar 2024-05-03")
    assert any(line.strip().startswith("new event: trigger 'seminar'") for line in lines)
    assert any("Participants included 20 judges." in line for line in lines)
