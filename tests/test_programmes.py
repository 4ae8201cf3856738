"""Programmes: (lang, text, year periods, expected [(name, kind, period)]), negatives included."""

from __future__ import annotations

import pytest

from pipeline.facts.programmes import assemble_programmes, quoted_spans
from pipeline.kb import knowledge_base

from test_events import found_for

# fmt: off
CASES = [
    ("en", 'The activity was organised in the framework of the action "HELP in Central Asia", within the '
           "Central Asia Rule of Law Programme 2020-2023, a joint initiative.", [("2020-2023", "2020", "2023")],
     [("HELP in Central Asia", "action", None), ("Central Asia Rule of Law Programme", "programme", ("2020", "2023"))]),
    ("en", 'UNICEF launched the project "Every Child in School 2023-2026" today.', [("2023-2026", "2023", "2026")],
     [("Every Child in School", "project", ("2023", "2026"))]),
    # a Latin-script name in a Cyrillic sentence stands apart as a quoted one does
    ("kk", "Семинар Jasyl Qala жобасы аясында өтті.", [], [("Jasyl Qala", "project", None)]),
    ("ru", "Тренинг прошёл в рамках программы Smart Aul при поддержке акимата.", [],
     [("Smart Aul", "programme", None)]),
    # the words that open the sentence are not the name's
    ("en", "Under the Clean Water for Batken Programme, wells were dug in 2024.", [("2024", "2024", "2024")],
     [("Clean Water for Batken Programme", "programme", None)]),
    ("ru", "Семинар проведен в рамках проекта ОБСЕ «Усиление мер по противодействию торговле людьми» на "
           "2023-2025 годы.", [("2023-2025 годы", "2023", "2025")],
     [("Усиление мер по противодействию торговле людьми", "project", ("2023", "2025"))]),
    ("uz", "Ушбу ҳужжат доирасида, уч лойиҳа амалга оширилди: “Сайлов ислоҳотлари”, “Порахўрликнинг олдини олиш”, "
           "“Янги авлод етакчиларни ўқитиш”: Сиёсий фанлар мактаби”.", [],
     [("Сайлов ислоҳотлари", "project", None), ("Порахўрликнинг олдини олиш", "project", None),
      ("Янги авлод етакчиларни ўқитиш: Сиёсий фанлар мактаби", "project", None)]),
    ("uz", "Тадбир «Марказий Осиёда қонун устуворлиги» дастури (2020-2023 йиллар) доирасида ташкил этилди.",
     [("2020-2023 йиллар", "2020", "2023")],
     [("Central Asia Rule of Law Programme", "programme", ("2020", "2023"))]),
    ("ky", "Тренинг «Борбор Азиядагы HELP» долбоорунун алкагында өттү.", [],
     [("HELP in Central Asia", "project", None)]),
    ("kk", "Іс-шаралар «Қазақстанда сот төрелігіне қолжетімділікті кеңейту» жобасы аясында ұйымдастырылды.", [],
     [("Қазақстанда сот төрелігіне қолжетімділікті кеңейту", "project", None)]),
    ("tg", "Лоиҳаи «Тавонмандсозии иқтисодии занон» барои солҳои 2022-2025 татбиқ мегардад.",
     [("солҳои 2022-2025", "2022", "2025")],
     [("Тавонмандсозии иқтисодии занон", "project", ("2022", "2025"))]),
]
# a quoted name that begins or ends with a programme word
INSIDE = [
    ("ru", "«Программа по верховенству права в Центральной Азии» на 2024-2027 гг. финансируется Европейским "
           "союзом.", [("2024-2027 гг.", "2024", "2027")],
     [("Central Asia Rule of Law Programme", "programme", ("2024", "2027"))]),
    ("en", 'Under "Women in Business Programme" 300 loans were issued.', [],
     [("Women in Business Programme", "programme", None)]),
]
NEGATIVES = [
    ("en", 'Two seminars on "Prevention of ill treatment and torture" took place in Bishkek.'),
    ("ru", "Семинар «Права человека» прошел в Бишкеке; программа семинара включала лекции."),
    ("ru", "Прошел семинар «Проект закона о медиации» для 30 судей."),      # an event's title
]

# Bilingual releases: parallel halves (the same numbers) name the same programmes in order.
RU_EN = ("Форум прошёл 25 мая 2022 года в рамках программы «Женщины в бизнесе». В нём приняли участие "
         "более 200 человек, в том числе 150 женщин; банки выдали кредиты на 40 млрд тенге.\n\n"
         "The forum was held on 25 May 2022 under the \"Women in Business\" programme. More than 200 people "
         "attended, including 150 women; the banks have lent KZT 40 billion.")
RU_EN_OTHER = ("Форум прошёл 25 мая 2022 года в рамках программы «Женщины в бизнесе». В нём приняли участие "
               "более 200 человек, в том числе 150 женщин.\n\n"
               "A separate training on 3 March 2021 was held under the \"Green Villages\" project for "
               "45 farmers from 12 districts.")
TRANSLATIONS = [
    (RU_EN, [], ["Women in Business"]),
    (RU_EN_OTHER, [], ["Женщины в бизнесе", "Green Villages"]),   # not parallel: no shared numbers
    # parallel halves whose periods differ are different programmes
    (RU_EN.replace("программы «Женщины в бизнесе»", "программы «Женщины в бизнесе» на 2020-2022 годы")
          .replace('"Women in Business" programme', '"Women in Business" programme 2023-2025'),
     [("2020-2022 годы", "2020", "2022"), ("2023-2025", "2023", "2025")],
     ["Женщины в бизнесе", "Women in Business"]),
]
# fmt: on


def dates_of(periods):
    return [(s, a, b, "year") for s, a, b in periods]


@pytest.mark.parametrize("lang,text,periods,expected", CASES)
def test_programmes(pipe, lang, text, periods, expected):
    segments, found, context = found_for(pipe, text, dates_of(periods))
    got = assemble_programmes(segments, found, context=context)
    assert [(p.name, p.kind, (p.period.start, p.period.end) if p.period else None) for p in got] == expected
    assert all(text[p.start:p.end] == p.text for p in got)


@pytest.mark.parametrize("lang,text", NEGATIVES)
def test_no_programmes(pipe, lang, text):
    segments, found, context = found_for(pipe, text)
    assert assemble_programmes(segments, found, context=context) == []


@pytest.mark.parametrize("lang,text,periods,expected", INSIDE)
def test_programme_word_inside_quotes(pipe, lang, text, periods, expected):
    test_programmes(pipe, lang, text, periods, expected)


@pytest.mark.parametrize("text,periods,expected", TRANSLATIONS)
def test_translated_programme_is_one(pipe, text, periods, expected):
    segments, found, context = found_for(pipe, text, dates_of(periods))
    assert len({s.lang for s in segments}) == 2
    got = assemble_programmes(segments, found, context=context)
    assert [p.name for p in got] == expected
    assert all(text[p.start:p.end] == p.text for p in got)


def test_capitalised_organisation_is_not_a_programme(pipe):
    text = "The United Nations Development Programme opened an office."
    segments, found, context = found_for(pipe, text, orgs=[("United Nations Development Programme",
                                                           "United Nations Development Programme", "Q5")])
    assert assemble_programmes(segments, found, context=context) == []


@pytest.mark.parametrize("lang,text,org", [
    ("uz", "dastur doirasida «Xalq banki» aksiyadorlik tijorat banki orqali yo'naltiriladi.", "Xalq banki"),
    ("uz", "Shuningdek, «Xorazm Tekstil» MChJ dastur doirasida 200 nafar ayolni ishga oladi.", "Xorazm Tekstil"),
    ("ky", "Долбоорду «Жашыл Нарын» коомдук бирикмеси ишке ашырат.", "Жашыл Нарын"),
])
def test_quoted_organisation_is_not_a_programme(pipe, lang, text, org):
    segments, found, context = found_for(pipe, text, orgs=[(org, org, None)])
    assert assemble_programmes(segments, found, context=context) == []


def test_quotes_straight_and_typographic():
    text = "the «Молодежь «за» мир» and \"HELP\""
    assert [text[a:b] for a, b in quoted_spans(text)] == ["Молодежь «за» мир", "за", "HELP"]


# A programme of the knowledge base named in any language, inflected or not, quoted or not:
# (lang, text, kb_id). Sentences written for these tests.
# fmt: off
KB_MENTIONS = [
    ("en", "Judges met under the Central Asia Rule of Law Programme last week.", "pf:prog-central-asia-rule-of-law"),
    ("en", "The course was run by the HELP in Central Asia action.", "pf:prog-help-central-asia"),
    ("en", "Customs officers were trained by BOMCA in Osh.", "pf:prog-bomca"),
    ("en", "Ten students went abroad with Erasmus+ grants.", "pf:prog-erasmus-plus"),
    ("en", "The road is a CAREC corridor financed by the bank.", "pf:prog-carec"),
    ("ru", "Семинар прошел в рамках Программы по верховенству права в Центральной Азии.",
     "pf:prog-central-asia-rule-of-law"),
    ("ru", "Эксперты Программы содействия управлению границами в Центральной Азии посетили пост.", "pf:prog-bomca"),
    ("ru", "Министр поблагодарил Многолетнюю индикативную программу за поддержку.", "pf:prog-eu-mip"),
    ("uz", "Ўрта Осиёда қонун устуворлиги дастури доирасида судьялар ўқитилди.", "pf:prog-central-asia-rule-of-law"),
    ("uz", "Markaziy Osiyo mintaqaviy iqtisodiy hamkorlik dasturi doirasida yo'l quriladi.", "pf:prog-carec"),
    ("ky", "Борбордук Азиядагы укук үстөмдүгү программасынын алкагында тренинг өттү.",
     "pf:prog-central-asia-rule-of-law"),
    ("ky", "Маданият тармагына чакан гранттык жардам аркылуу мектепке жабдуулар берилди.",
     "pf:prog-japan-cultural-grassroots"),
    ("kk", "Орталық Азиядағы құқық үстемдігі бағдарламасының сарапшылары келді.", "pf:prog-central-asia-rule-of-law"),
    ("kk", "Жол Орталық Азия өңірлік экономикалық ынтымақтастығы бағдарламасы аясында салынады.", "pf:prog-carec"),
    ("tg", "Дар доираи Барномаи волоияти қонун дар Осиёи Марказӣ семинар баргузор шуд.",
     "pf:prog-central-asia-rule-of-law"),
    ("tg", "Мактаб дар доираи Барномаи кумакҳои бебозгашт ва амнияти башарӣ сохта шуд.", "pf:prog-japan-grassroots"),
    ("en", "Five clinics were equipped under the Grant Assistance for Grass Roots Human Security Projects.",
     "pf:prog-japan-grassroots"),
]
# fmt: on


@pytest.mark.parametrize("lang,text,kb_id", KB_MENTIONS)
def test_knowledge_base_programme_in_any_language(pipe, lang, text, kb_id):
    segments, found, context = found_for(pipe, text)
    got = assemble_programmes(segments, found, context=context)
    assert [p.kb_id for p in got] == [kb_id]
    assert got[0].name == knowledge_base(context.resources).programmes[kb_id].name
    assert all(text[p.start:p.end] == p.text for p in got)


def test_one_programme_across_languages(pipe):
    text = ("Тренинг Орталық Азиядағы құқық үстемдігі бағдарламасы аясында өтті.\n\n"
            "The training was held under the Central Asia Rule of Law Programme.")
    segments, found, context = found_for(pipe, text)
    got = assemble_programmes(segments, found, context=context)
    assert [(p.name, p.kb_id) for p in got] == [("Central Asia Rule of Law Programme", "pf:prog-central-asia-rule-of-law")]

