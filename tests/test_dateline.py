"""Datelines at the top or bottom of a release, on whole documents through the pipeline."""

from __future__ import annotations

import pytest

# (lang, text, dateline text, place, (start, end))
# fmt: off
CASES = [
    ("en", "Judges meet\n\nBishkek, 12 March 2024 – The Council of Europe opened a seminar.",
     "Bishkek, 12 March 2024", "Bishkek", ("2024-03-12", "2024-03-12")),
    ("ru", "Судьи изучают стандарты\n\nАстана, 5 апреля 2023 г. – Сегодня открылся тренинг.",
     "Астана, 5 апреля 2023 г.", "Astana", ("2023-04-05", "2023-04-05")),
    ("en", "Two seminars took place in Bishkek for 32 lawyers.\n\nBishkek, Kyrgyzstan 7-9 June 2023",
     "Bishkek, Kyrgyzstan 7-9 June 2023", "Bishkek", ("2023-06-07", "2023-06-09")),
    ("uz", "Судьялар семинари\n\nТошкент, 2023 йил 5 апрель – Тошкентда семинар бўлиб ўтди.",
     "Тошкент, 2023 йил 5 апрель", "Tashkent", ("2023-04-05", "2023-04-05")),
    ("uz", "Sudyalar seminari\n\nToshkent, 2024-yil 12-mart – Toshkentda seminar bo'lib o'tdi.",
     "Toshkent, 2024-yil 12-mart", "Tashkent", ("2024-03-12", "2024-03-12")),
    ("tg", "Иттиҳоди Аврупо\n\nДушанбе, 5 апрели соли 2023 – Дирӯз дар Душанбе мулоқот шуд.",
     "Душанбе, 5 апрели соли 2023", "Dushanbe", ("2023-04-05", "2023-04-05")),
    ("kk", "Соттар\n\nАстана, 2023 жылғы 5 сәуір – Астанада дөңгелек үстел өтті.",
     "Астана, 2023 жылғы 5 сәуір", "Astana", ("2023-04-05", "2023-04-05")),
    ("ky", "Судьялар\n\nБишкек, 2024-жылдын 12-марты – Бишкекте семинар башталды.",
     "Бишкек, 2024-жылдын 12-марты", "Bishkek", ("2024-03-12", "2024-03-12")),
    # A full stop closes a dateline that is a sentence of its own, the lead going on after it.
    ("uz", "Янги бўлим очилди\n\nНукус, 2024 йил 15 ноябрь. Бугун Нукусда янги бўлим очилди.",
     "Нукус, 2024 йил 15 ноябрь", "Nukus", ("2024-11-15", "2024-11-15")),
    ("uz", "Gidlar malaka oshirdi\n\nSamarqand, 2024-yil 3-sentabr. Universitetda kurs o'tkazildi.",
     "Samarqand, 2024-yil 3-sentabr", "Samarkand", ("2024-09-03", "2024-09-03")),
    ("tg", "Шабака кушода шуд\n\nХоруғ, 25 сентябри соли 2023. Дирӯз дар Хоруғ шабака кушода шуд.",
     "Хоруғ, 25 сентябри соли 2023", "Khorog", ("2023-09-25", "2023-09-25")),
    ("ru", "Судьи учатся\n\nБишкек, 12 марта 2024 г. Сегодня в Бишкеке открылся семинар.",
     "Бишкек, 12 марта 2024 г.", "Bishkek", ("2024-03-12", "2024-03-12")),
    # Numeric dates after a place.
    ("uz", "Сув истеъмолчилари семинари\n\nНаманган, 22.05.2024. Бугун семинар бўлиб ўтди.",
     "Наманган, 22.05.2024", "Namangan", ("2024-05-22", "2024-05-22")),
    ("en", "Judges meet\n\nBishkek, 07.06.2023 – The seminar opened.",
     "Bishkek, 07.06.2023", "Bishkek", ("2023-06-07", "2023-06-07")),
    # City words: dropped to name the place, before or after it.
    ("uz", "Янги бўлим\n\nНукус шаҳри, 2024 йил 22 май. Бугун Нукусда семинар бўлди.",
     "Нукус шаҳри, 2024 йил 22 май", "Nukus", ("2024-05-22", "2024-05-22")),
    ("uz", "Yangi bo'lim\n\nNukus shahri, 2024-yil 22-may – Bugun seminar bo'ldi.",
     "Nukus shahri, 2024-yil 22-may", "Nukus", ("2024-05-22", "2024-05-22")),
    ("ky", "Таза аба\n\nБишкек шаары, 2024-жылдын 16-январы – Бүгүн долбоор башталды.",
     "Бишкек шаары, 2024-жылдын 16-январы", "Bishkek", ("2024-01-16", "2024-01-16")),
    ("kk", "Форум\n\nАлматы қаласы, 2024 жылғы 22 мамыр. Бүгін Алматыда форум өтті.",
     "Алматы қаласы, 2024 жылғы 22 мамыр", "Almaty", ("2024-05-22", "2024-05-22")),
    ("en", "Forum\n\nAlmaty city, 22 May 2024 – A forum opened today.",
     "Almaty city, 22 May 2024", "Almaty", ("2024-05-22", "2024-05-22")),
    ("tg", "Семинар\n\nшаҳри Хоруғ, 22 майи соли 2024. Имрӯз дар Хоруғ семинар баргузор шуд.",
     "шаҳри Хоруғ, 22 майи соли 2024", "Khorog", ("2024-05-22", "2024-05-22")),
    ("ru", "Семинар\n\nг. Бишкек, 22 мая 2024 г. – Сегодня в Бишкеке прошёл семинар.",
     "г. Бишкек, 22 мая 2024 г.", "Bishkek", ("2024-05-22", "2024-05-22")),
    # A region the knowledge base knows keeps its area word; an unknown district is named as written.
    ("ky", "Малчылар\n\nОш облусу, 2024-жылдын 5-апрели – Бүгүн семинар өттү.",
     "Ош облусу, 2024-жылдын 5-апрели", "Osh Region", ("2024-04-05", "2024-04-05")),
    ("en", "Farmers\n\nSokuluk district, Chui Region, 22 May 2024 – A seminar opened.",
     "Sokuluk district, Chui Region, 22 May 2024", "Sokuluk district", ("2024-05-22", "2024-05-22")),
    ("uz", "Фермерлар\n\nДенов тумани, 2024 йил 22 май. Бугун семинар бўлди.",
     "Денов тумани, 2024 йил 22 май", "Денов тумани", ("2024-05-22", "2024-05-22")),
    ("en", "Funds for Bukhara\n\nBUKHARA, 17 October 2024 — Farmers met.",
     "BUKHARA, 17 October 2024", "Bukhara", ("2024-10-17", "2024-10-17")),
    ("en", "Judges meet\n\nBishkek, 12 March 2024–The Council of Europe opened a seminar.",
     "Bishkek, 12 March 2024", "Bishkek", ("2024-03-12", "2024-03-12")),
    ("ru", "Судьи учатся\n\nБишкек, 12 марта 2024 г. – прошёл семинар.",
     "Бишкек, 12 марта 2024 г.", "Bishkek", ("2024-03-12", "2024-03-12")),
    # A dash after the place stands for its comma.
    ("en", "Judges meet\n\nBishkek - 12 March 2024 - The seminar opened.",
     "Bishkek - 12 March 2024", "Bishkek", ("2024-03-12", "2024-03-12")),
    ("en", "Farmers\n\nSokuluk district, Chui Region - 22 May 2024 – A seminar opened.",
     "Sokuluk district, Chui Region - 22 May 2024", "Sokuluk district", ("2024-05-22", "2024-05-22")),
]

NO_DATELINE = [
    ("en", "On 12 March 2024 – the Council of Europe opened a seminar in Bishkek."),
    ("en", "The seminar took place in Bishkek on 12 March 2024.\n\nIt gathered 35 judges."),
    ("ru", "В 2019 году – год реформ.\n\nСеминар прошёл в Бишкеке."),
    # A sentence that starts with a place and a date is not a dateline without a separator.
    ("ru", "Судьи учатся\n\nБишкек, 12 марта прошёл семинар для судей.\n\nЕго открыл министр."),
    ("en", "Judges meet\n\nIn Bishkek on 12 March the ministry opened a seminar."),
    ("en", "Judges meet\n\nIn Bishkek, 12 March 2024, the ministry opened a seminar."),
    ("en", "Judges meet\n\nIn Bishkek on 12 March 2024. The ministry opened a seminar."),
    ("tg", "Семинар\n\nДар Хоруғ, 25 сентябри соли 2023 – семинар баргузор шуд."),
    # A year is not a dateline's date; "2024-yil" goes on after its hyphen.
    ("en", "Samarkand 2024: tourism forum\n\nThe forum opened."),
    ("uz", "Sayyohlar\n\nSamarqand, 2024-yil davomida 2 million sayyoh keldi."),
    ("en", "Judges meet\n\nOn 12 March 2024. The ministry opened a seminar."),
]

# (languages, text, dateline text): the first dateline at the top of any language version,
# else the last one at the bottom.
BILINGUAL = [
    ("uz+en",
     "Тошкентда семинар\n\nТошкент, 2024 йил 5 апрель – Европа Кенгаши Тошкентда судьялар учун семинар "
     "ўтказди.\n\nСеминар Европа Иттифоқи томонидан молиялаштирилди.\n\n"
     "Seminar in Tashkent\n\nTashkent, 6 April 2024 – The Council of Europe held a seminar for judges "
     "in Tashkent.\n\nThe seminar was funded by the European Union.",
     "Тошкент, 2024 йил 5 апрель"),
    ("tg+en",
     "Шабакаи телетиббӣ\n\nДирӯз дар Хоруғ шабакаи нави телетиббӣ ба истифода дода шуд.\n\n"
     "Лоиҳаро Бонки рушди KfW маблағгузорӣ мекунад.\n\n"
     "Telemedicine network launched\n\nKhorog, 25 September 2023 – A new telemedicine network was "
     "launched in Khorog yesterday.\n\nThe project is financed by KfW Development Bank.",
     "Khorog, 25 September 2023"),
    ("uz+en",
     "Тошкентда судьялар учун семинар ўтказилди\n\nЕвропа Кенгаши Тошкентда судьялар учун икки кунлик "
     "семинар ўтказди. Семинарда 35 нафар судья иштирок этди.\n\nСеминар Европа Иттифоқи томонидан "
     "молиялаштириладиган лойиҳа доирасида ташкил этилди.\n\nТошкент, 2024 йил 5 апрель\n\n"
     "Seminar for judges held in Tashkent\n\nThe Council of Europe held a two-day seminar for judges in "
     "Tashkent. It brought together 35 judges.\n\nThe seminar was organised under a project funded by "
     "the European Union.\n\nTashkent, 6 April 2024",
     "Tashkent, 6 April 2024"),
]
# fmt: on


@pytest.mark.parametrize("lang,text,surface,place,period", CASES)
def test_dateline(pipe, lang, text, surface, place, period):
    record = pipe.extract(text)
    dateline = record.dateline
    assert dateline is not None, lang
    assert (dateline.text, dateline.place, (dateline.date.start, dateline.date.end)) == (surface, place, period)
    assert text[dateline.start:dateline.end] == surface
    assert record.reference_date.value == period[0]


@pytest.mark.parametrize("lang,text", NO_DATELINE)
def test_no_dateline(pipe, lang, text):
    assert pipe.extract(text).dateline is None, lang


@pytest.mark.parametrize("langs,text,surface", BILINGUAL)
def test_bilingual_release_has_one_dateline(pipe, langs, text, surface):
    record = pipe.extract(text)
    assert len({s.lang for s in record.segments}) >= 2, langs
    assert record.dateline.text == surface


def test_unknown_place_needs_its_comma(pipe):
    dateline = pipe.extract("Title\n\nNewtown, 3 May 2022 – A seminar opened.").dateline
    assert (dateline.place, dateline.date.start) == ("Newtown", "2022-05-03")
    assert pipe.extract("Title\n\nNewtown 3 May 2022 – A seminar opened.").dateline is None


def test_yearless_dateline_sets_no_reference_date(pipe):
    record = pipe.extract("Title\n\nДушанбе, 5 апреля /АНИ «Ховар»/. Сегодня прошла встреча.")
    assert (record.dateline.place, record.dateline.date) == ("Dushanbe", None)
    assert record.reference_date is None


@pytest.mark.parametrize("lang", ["en", "ru", "uz", "ky", "kk", "tg"])
def test_place_words_are_listed(resources, lang):
    data = resources.lang(lang)["dates"]
    assert data["dateline_city_words"] and data["dateline_area_words"]


# The layouts of real pages (models/lang/*/datelines.yaml), per language: (lang, text,
# place, (start, end)). Page dates have place None; a dateline without a year takes the
# page date's year.
# fmt: off
LAYOUT_CASES = [
    # capitals, a comma before the year, a hyphen
    ("en", "Judges trained\n\nBISHKEK, 17 April, 2009 - The ministry opened a course for judges.", "Bishkek", ("2009-04-17", "2009-04-17")),
    ("ru", "Судьи учатся\n\nБИШКЕК, 17 апреля, 2009 - Министерство открыло курс для судей.", "Bishkek", ("2009-04-17", "2009-04-17")),
    ("kk", "Соттар\n\nАСТАНА, 17 сәуір, 2009 - Министрлік соттарға курс ашты.", "Astana", ("2009-04-17", "2009-04-17")),
    ("ky", "Судьялар\n\nБИШКЕК, 17-апрель, 2009 - Министрлик судьяларга курс ачты.", "Bishkek", ("2009-04-17", "2009-04-17")),
    ("tg", "Судяҳо\n\nДУШАНБЕ, 17 апрели соли 2009 - Вазорат барои судяҳо курс кушод.", "Dushanbe", ("2009-04-17", "2009-04-17")),
    ("uz", "Судьялар\n\nТОШКЕНТ, 2009 йил 17 апрель - Вазирлик судьялар учун курс очди.", "Tashkent", ("2009-04-17", "2009-04-17")),
    # a source line at the bottom: a page date, no place
    ("en", "Border guards trained\n\nThe course gathered officers from three countries.\n\nIt ended with a field exercise.\n\n///BOMCA, 9 October 2024",
     None, ("2024-10-09", "2024-10-09")),
    ("ru", "Пограничники учатся\n\nКурс собрал офицеров трёх стран.\n\nОн завершился учениями.\n\n///Кабар, 9 октября 2024",
     None, ("2024-10-09", "2024-10-09")),
    # a bare page date at the top, with or without a time
    ("en", "28.02.2023\n\nA seminar on water law opened in the capital.", None, ("2023-02-28", "2023-02-28")),
    ("en", "August 7, 2022, 22:02\n\nA seminar on water law opened in the capital.", None, ("2022-08-07", "2022-08-07")),
    ("ru", "19 мая 2023, 09:57\n\nВ столице открылся семинар по водному праву.", None, ("2023-05-19", "2023-05-19")),
    ("ru", "Дата: 11:57, 23-09-2019.\n\nВ столице открылся семинар по водному праву.", None, ("2019-09-23", "2019-09-23")),
    ("kk", "Жарияланған күні: 20.05.2024\n\nЕлордада су құқығы бойынша семинар ашылды.", None, ("2024-05-20", "2024-05-20")),
    ("en", "Water law seminar opens\nPublishing date: 20 May 2024\nA seminar on water law opened in the capital.", None,
     ("2024-05-20", "2024-05-20")),
    ("ru", "Дата публикации: 20.05.2024\n\nВ столице открылся семинар по водному праву.", None, ("2024-05-20", "2024-05-20")),
    ("ru", "Ср, 2010-02-17 15:51, Кабар\n\nВ столице открылся семинар по водному праву.", None, ("2010-02-17", "2010-02-17")),
    ("kk", "18:12, 28 Қараша 2011\n\nЕлордада су құқығы бойынша семинар ашылды.", None, ("2011-11-28", "2011-11-28")),
    ("kk", "28 Маусым, 2022\n\nЕлордада су құқығы бойынша семинар ашылды.", None, ("2022-06-28", "2022-06-28")),
    ("ky", "19 мая 2023, 09:57\n\nБорбордо суу укугу боюнча семинар ачылды.", None, ("2023-05-19", "2023-05-19")),
    ("tg", "17.08.2010 13:36\n\nДар пойтахт семинар оид ба ҳуқуқи об кушода шуд.", None, ("2010-08-17", "2010-08-17")),
    ("uz", "08.06. 2022 16:41\n\nПойтахтда сув ҳуқуқи бўйича семинар очилди.", None, ("2022-06-08", "2022-06-08")),
    ("uz", "2024-11-12 17:00:00 / Yangiliklar\n\nPoytaxtda suv huquqi bo'yicha seminar ochildi.", None, ("2024-11-12", "2024-11-12")),
    ("en", "Uzbekistan 29/08/2024\n\nA seminar on water law opened in the capital.", None, ("2024-08-29", "2024-08-29")),
    ("tg", "Хабарҳои рӯз 28.02.2019 11:44\n\nДар пойтахт семинар оид ба ҳуқуқи об кушода шуд.", None, ("2019-02-28", "2019-02-28")),
    # a page date at the bottom
    ("ru", "Семинар по водному праву\n\nВ столице открылся семинар.\n\nЕго провели юристы.\n\n19 Февраля, 2021", None, ("2021-02-19", "2021-02-19")),
    # a place line names the page date's place
    ("en", "15:40, 07 September 2015 | GMT +6\n\nRoads to be rebuilt\n\nASTANA. KAZINFORM The bank weighs a loan for a road.",
     "Astana", ("2015-09-07", "2015-09-07")),
    ("kk", "23:25, 07 Желтоқсан 2025\n\nМешіт жөнделеді\n\nАСТАНА. KAZINFORM — Қор мешітті жөндеуге қаржы бөледі.",
     "Astana", ("2025-12-07", "2025-12-07")),
    ("en", "Uzbekistan 29/08/2024\n\nSenate meets UNICEF\n\nTashkent, Uzbekistan (UzDaily.com) — The chairperson met the representative.",
     "Tashkent", ("2024-08-29", "2024-08-29")),
    # date, then place
    ("ru", "22:49, 27 марта 2024, Бишкек - 24.kg , Айгуль АСАНОВА\n\nГлава кабмина принял делегацию банка.", "Bishkek", ("2024-03-27", "2024-03-27")),
    # a dateline without a year takes the year of the page date
    ("en", "25 December 2024 13:04 (UTC +04:00)\n\nSchools to be built\n\nBISHKEK, Kyrgyzstan, December 25. The president signed the law.",
     "Bishkek", ("2024-12-25", "2024-12-25")),
    ("ru", "Август 17, 2010 13:36\n\nДушанбе, 17 августа. (НИАТ «Ховар»). — Банк выделил грант.", "Dushanbe", ("2010-08-17", "2010-08-17")),
    ("ru", "Дата: 11:57, 23-09-2019.\n\nБишкек. 23 сентября. КирТАГ – Банк выделит грант.", "Bishkek", ("2019-09-23", "2019-09-23")),
    ("ky", "20.09.2022\n\nБИШКЕК, 20-сен. — Sputnik. Кийинки аптада форум өтөт.", "Bishkek", ("2022-09-20", "2022-09-20")),
    ("kk", "19.12.2022\n\nАСТАНА, 19 желтоқсан – Sputnik. Бас хатшы жаңа қызметке кірісті.", "Astana", ("2022-12-19", "2022-12-19")),
    ("tg", "30.03.2009\n\nДушанбе. 30-юми март. ОИ «Азия-Плюс» – Дар пойтахт ҷашн баргузор шуд.", "Dushanbe", ("2009-03-30", "2009-03-30")),
    ("tg", "05.12.2009\n\nДушанбе, 5 декабр.(АМИТ «Ховар») — Ҳукумат кӯмак кард.", "Dushanbe", ("2009-12-05", "2009-12-05")),
    ("uz", "21.08.2023\n\nТошкент, 21 август /Дунё/. Вазирликда учрашув бўлди.", "Tashkent", ("2023-08-21", "2023-08-21")),
    # a two-digit year
    ("ky", "Бишкек, 21.08.23. /Кабар/. Тараптар сүйлөшүүлөрдү өткөрүштү.", "Bishkek", ("2023-08-21", "2023-08-21")),
    # the date in brackets after the place, as development banks write it
    ("en", "MANILA, PHILIPPINES (2 December 2024) — The bank approved a loan for rural roads.", "Manila",
     ("2024-12-02", "2024-12-02")),
    ("en", "Bishkek, Kyrgyz Republic (14 May 2023) – The bank signed a grant for schools.", "Bishkek",
     ("2023-05-14", "2023-05-14")),
    ("ru", "Душанбе (14 мая 2023 года) — Банк подписал соглашение о гранте.", "Dushanbe", ("2023-05-14", "2023-05-14")),
    # an agency in capitals is no place
    ("ru", "Фонд выделил грант\n\nКАБАР, 17 февраля 2010 года. Управление выделило средства.", None, ("2010-02-17", "2010-02-17")),
]
# fmt: on


@pytest.mark.parametrize("lang,text,place,period", LAYOUT_CASES)
def test_dateline_layouts(pipe, lang, text, place, period):
    record = pipe.extract(text)
    dateline = record.dateline
    assert dateline is not None, text
    assert (dateline.place, (dateline.date.start, dateline.date.end)) == (place, period)
    assert text[dateline.start:dateline.end] == dateline.text
    assert record.reference_date.value == period[0] and record.reference_date.source == "dateline"


NOT_PAGE_DATES = [
    # an event's period is no page date; nor is a place alone without a page date
    ("en", "Thursday, October 17, 2013 to Saturday, October 19, 2013\n\nA workshop on planning."),
    ("en", "Report on the projects\n\nASTANA. KAZINFORM – Over 30 years, the UN realised 400 projects."),
    ("en", "On 4 March 2024, the course was launched in Tashkent."),
]


@pytest.mark.parametrize("lang,text", NOT_PAGE_DATES)
def test_not_page_dates(pipe, lang, text):
    assert pipe.extract(text).dateline is None


def test_yearless_dateline_takes_the_callers_year(pipe):
    text = "Title\n\nДушанбе, 4 ноябр, (АМИТ «Ховар») – Имрӯз семинар баргузор шуд."
    record = pipe.extract(text, reference_date="2009-11-20")
    assert (record.dateline.place, record.dateline.date.start) == ("Dushanbe", "2009-11-04")
    assert record.reference_date.value == "2009-11-04"
    assert [(d.text, d.value.start) for d in record.dates] == [("4 ноябр", "2009-11-04"), ("Имрӯз", "2009-11-04")]
    # A December dateline read in January belongs to the year before.
    record = pipe.extract("Title\n\nБИШКЕК, 28 декабря — Sputnik. Сегодня прошла встреча.", reference_date="2024-01-03")
    assert record.dateline.date.start == "2023-12-28"


def test_yearless_dateline_takes_the_file_date(pipe):
    from pipeline.reading import read_text
    import datetime as dt

    source = read_text("Title\n\nБИШКЕК, 3 авг — Sputnik. Сегодня прошла встреча.", id="x")
    record = pipe.extract_source(source, metadata_date=dt.date(2022, 8, 4))
    assert record.dateline.date.start == "2022-08-03"


def test_yearless_dateline_without_a_year_source_warns(pipe):
    record = pipe.extract("Title\n\nБИШКЕК, 23-ноя. — Sputnik. Борбордо семинар өттү.")
    assert (record.dateline.place, record.dateline.date) == ("Bishkek", None)
    assert any("dateline without a year" in w for w in record.warnings)


@pytest.mark.parametrize("lang", ["en", "ru", "uz", "ky", "kk", "tg"])
def test_layouts_are_data(resources, lang):
    data = resources.lang(lang)["datelines"]
    assert data["layouts"] and data["labels"] and data["weekday_abbreviations"]
