"""Funding: (lang, text, organisations, expected [(name, role)]), negatives included.

Organisations are hand-built entity records (surface, canonical name, kb_id), so this
tests the role phrases and coordination alone.
"""

from __future__ import annotations

import pytest

from pipeline.facts.funding import assemble_funding

from test_events import found_for

EU = ("European Union", "Q458")
COE = ("Council of Europe", "Q8908")
ADB = ("Asian Development Bank", "Q188950")
WB = ("World Bank", "Q7164")
GOV = ("Government", "Q9")
UNDP = ("United Nations Development Programme", "Q4")

# fmt: off
CASES = [
    ("en", "a joint initiative co-funded by the European Union and the Council of Europe and implemented by "
           "the Council of Europe.",
     [("European Union", *EU), ("Council of Europe", *COE), ("Council of Europe.", *COE)],
     [("European Union", "funder"), ("Council of Europe", "funder"), ("Council of Europe", "implementer")]),
    # a parenthesised abbreviation is part of the name: no second organisation, no obstacle
    ("en", "co-funded by the European Union and carried out by the International Trade Centre (ITC).",
     [("European Union", *EU), ("International Trade Centre", "International Trade Centre", "Q3"), ("ITC", "ITC", None)],
     [("European Union", "funder"), ("International Trade Centre", "implementer")]),
    ("ky", "Долбоор Корея эл аралык кызматташтык агенттигинин (KOICA) гранты менен каржыланат.",
     [("Корея эл аралык кызматташтык агенттигинин", "KOICA", "Q5")], [("KOICA", "funder")]),
    # partners coordinated with a partner are skipped too
    ("ky", "Долбоорду БУУӨП мэриясы жана Гидромет (Кыргызгидромет) менен кызматташтыкта ишке ашырат.",
     [("БУУӨП", *UNDP), ("мэриясы", "City Hall", "Q6"), ("Гидромет", "Hydromet", "Q8")],
     [("United Nations Development Programme", "implementer")]),
    ("kk", "Жобаны БҰҰДБ Экология министрлігімен серіктестікте іске асырады. Іс-шара Еуропалық Одақ "
           "қаржыландыратын жоба аясында өтті.",
     [("БҰҰДБ", *UNDP), ("Экология министрлігімен", "Ministry", "Q7"), ("Еуропалық Одақ", *EU)],
     [("United Nations Development Programme", "implementer"), ("European Union", "funder")]),
    ("uz", "Тадбир Жаҳон банки томонидан ажратилган қарз маблағлари ҳисобидан ўтказилди.",
     [("Жаҳон банки", *WB)], [("World Bank", "funder")]),
    ("ru", "Реализацию проекта осуществляет УНП ООН.", [("УНП ООН", "UNODC", "Q9")], [("UNODC", "implementer")]),
    ("en", "implemented by the OSCE with a grant of €1.2 million from the Swedish Agency.",
     [("OSCE", "OSCE", "Q1"), ("Swedish Agency", "Sida", "Q2")],
     [("OSCE", "implementer"), ("Sida", "funder")]),
    ("ru", "проект, который осуществляется при финансовой поддержке Агентства США по международному развитию.",
     [("Агентства США по международному развитию", "USAID", "Q3")], [("USAID", "funder")]),
    ("uz", "Дастур Европа Иттифоқи ва Европа Кенгаши томонидан биргаликда молиялаштирилади ва Европа Кенгаши "
           "томонидан амалга оширилади.",
     [("Европа Иттифоқи", *EU), ("Европа Кенгаши", *COE), ("Европа Кенгаши томонидан амалга", *COE)],
     [("European Union", "funder"), ("Council of Europe", "funder"), ("Council of Europe", "implementer")]),
    ("ky", "Долбоор Европа Биримдиги тарабынан каржыланат жана Европа Кеңеши тарабынан ишке ашырылат.",
     [("Европа Биримдиги", *EU), ("Европа Кеңеши", *COE)],
     [("European Union", "funder"), ("Council of Europe", "implementer")]),
    ("kk", "Жобаны Еуропалық Одақтың қаржылай қолдауымен БҰҰДБ іске асырады.",
     [("Еуропалық Одақтың", *EU), ("БҰҰДБ", "United Nations Development Programme", "Q4")],
     [("European Union", "funder"), ("United Nations Development Programme", "implementer")]),
    ("tg", "Лоиҳа бо маблағгузории Sida аз ҷониби СММ-Занон татбиқ мегардад.",
     [("Sida", "Sida", "Q2"), ("СММ-Занон", "UN Women", "Q5")],
     [("Sida", "funder"), ("UN Women", "implementer")]),
    # "at the expense of" a loan and also of the funds of another funder
    ("ru", "Проект осуществлялся за счёт займа Всемирного банка в размере 500 млн долларов США, а также средств "
           "Правительства.", [("Всемирного банка", *WB), ("Правительства", *GOV)],
     [("World Bank", "funder"), ("Government", "funder")]),
    # a legal-form word after a quoted name ("коомдук бирикмеси") is no obstacle; the partner is skipped
    ("ky", "Долбоорду «Жашыл Нарын» коомдук бирикмеси Билим берүү министрлиги менен кызматташтыкта ишке ашырат.",
     [("Жашыл Нарын", "Jashyl Naryn", None), ("Билим берүү министрлиги", "Ministry", "Q7")],
     [("Jashyl Naryn", "implementer")]),
    # "at the expense of", "from the budget of", money allocated by, "mablag'lari hisobidan"
    ("en", "The centres are financed at the expense of the Akimat of Almaty.",
     [("Akimat of Almaty", "Akimat of Almaty", "Q14")], [("Akimat of Almaty", "funder")]),
    ("en", "The project is co-financed from the budget of the Government.", [("Government", *GOV)], [("Government", "funder")]),
    ("ru", "Проект софинансируется из бюджета Правительства.", [("Правительства", *GOV)], [("Government", "funder")]),
    ("ru", "Средства выделены Всемирным банком.", [("Всемирным банком", *WB)], [("World Bank", "funder")]),
    ("uz", "Loyiha Jahon banki mablag'lari hisobidan moliyalashtiriladi.", [("Jahon banki", *WB)], [("World Bank", "funder")]),
    # "allocated by X" (a passive participle of allocating money)
    ("uz", "Осиё тараққиёт банки (ОТБ) томонидан ажратилган 2,5 миллион АҚШ доллари миқдоридаги грант ҳисобидан "
           "станциялар таъмирланади.", [("Осиё тараққиёт банки", *ADB), ("ОТБ", *ADB)], [("Asian Development Bank", "funder")]),
    # a coordinated organisation that begins a clause of its own takes no role from the list
    ("en", "The programme is implemented by GIZ, and BMZ has committed EUR 12 million to it.",
     [("GIZ", "GIZ", "Q12"), ("BMZ", "BMZ", "Q13")], [("GIZ", "implementer"), ("BMZ", "funder")]),
]
# An organisation as the subject of a financial verb phrase, however far before it.
SUBJECTS = [
    # a relative clause makes an oblique organisation the subject of its verb
    ("en", "The project works closely with the Akimat of Almaty, which allocated KZT 95 million from the city budget.",
     [("Akimat of Almaty", "Akimat of Almaty", "Q14")], [("Akimat of Almaty", "funder")]),
    # co-financing; a subject far from its sum (Tajik window)
    ("tg", "Ҳукумат лоиҳаро ба маблағи 40 миллион сомонӣ ҳаммаблағгузорӣ мекунад.", [("Ҳукумат", *GOV)],
     [("Government", "funder")]),
    ("tg", "Мақомоти иҷроияи шаҳр низ аз ҳисоби буҷаи маҳаллӣ 1,2 миллион сомонӣ барои тоза кардани маҷрои "
           "селгузар ҷудо намуд.", [("Мақомоти иҷроияи шаҳр", "City executive body", "Q15")],
     [("City executive body", "funder")]),
    # the full name before a bracketed abbreviation does not break a coordinated subject
    ("uz", "Jahon banki va Xalqaro moliya korporatsiyasi (IFC) 12 million AQSh dollari miqdorida kredit ajratdi.",
     [("Jahon banki", *WB), ("IFC", "International Finance Corporation", "Q16")],
     [("World Bank", "funder"), ("International Finance Corporation", "funder")]),
    ("ky", "BMZ программага 12 миллион евро бөлгөн.", [("BMZ", "BMZ", "Q13")], [("BMZ", "funder")]),
    ("en", "The Asian Development Bank last week approved a USD 50 million loan for irrigation.",
     [("Asian Development Bank", *ADB)], [("Asian Development Bank", "funder")]),
    ("en", "The World Bank and the Government have co-financed the new canals since 2019.",
     [("World Bank", *WB), ("Government", *GOV)], [("World Bank", "funder"), ("Government", "funder")]),
    ("en", "In cooperation with UNDP, the Government allocated EUR 2 million to the regions.",
     [("UNDP", *UNDP), ("Government", *GOV)], [("Government", "funder")]),
    ("ru", "Всемирный банк в прошлом месяце выделил грант на модернизацию школ.",
     [("Всемирный банк", *WB)], [("World Bank", "funder")]),
    ("ru", "Правительство Республики Казахстан в рамках софинансирования выделило 1,2 миллиарда тенге.",
     [("Правительство Республики Казахстан", *GOV)], [("Government", "funder")]),
    ("uz", "Osiyo taraqqiyot banki viloyatdagi sug'orish tizimlarini yangilash uchun 50 million dollar kredit ajratdi.",
     [("Osiyo taraqqiyot banki", *ADB)], [("Asian Development Bank", "funder")]),
    ("ky", "Азия өнүктүрүү банкы Ош облусундагы сугат тармактарын калыбына келтирүү үчүн насыя берди.",
     [("Азия өнүктүрүү банкы", *ADB)], [("Asian Development Bank", "funder")]),
    # a participle: "the loan provided by the ADB"
    ("ky", "Долбоор Азия өнүктүрүү банкы тарабынан берилүүчү 20 млн АКШ доллары өлчөмүндөгү насыянын эсебинен ишке ашат.",
     [("Азия өнүктүрүү банкы", *ADB)], [("Asian Development Bank", "funder")]),
    ("kk", "Азия даму банкі (АДБ) өткен аптада облыстағы инфрақұрылымды жаңғыртуға 50 млн АҚШ доллары "
           "көлемінде қарыз беруді мақұлдады.",
     [("Азия даму банкі", *ADB), ("АДБ", *ADB)], [("Asian Development Bank", "funder")]),
    ("kk", "Жобаны Министрлік іске асырады, ал Қазақстан Республикасының Үкіметі жобаға қосымша "
           "қаржыландыру ретінде 1,2 млрд теңге бөледі.",
     [("Министрлік", "Ministry", "Q7"), ("Қазақстан Республикасының Үкіметі", *GOV)],
     [("Ministry", "implementer"), ("Government", "funder")]),
    ("kk", "Азия даму банкі Қазақстан Үкіметіне 50 млн доллар қарыз берді.",   # the dative is the borrower
     [("Азия даму банкі", *ADB), ("Қазақстан Үкіметіне", *GOV)], [("Asian Development Bank", "funder")]),
    ("tg", "Бонки Осиёии Рушд барои барқарор кардани шабакаҳои обёрӣ 30 миллион доллар қарз ҷудо кард.",
     [("Бонки Осиёии Рушд", *ADB)], [("Asian Development Bank", "funder")]),
    # a funding phrase inside a participle: the funder, not the implementer of the project
    ("uz", "AQSh Xalqaro taraqqiyot agentligi (USAID) grant mablag\u02bblari hisobidan amalga oshirilayotgan "
           "loyiha tanlov e'lon qiladi.",
     [("AQSh Xalqaro taraqqiyot agentligi", "USAID", "Q6"), ("USAID", "USAID", "Q6")], [("USAID", "funder")]),
    # a cooperation partner between the agent and the verb gets no role
    ("uz", "Loyiha BMT Taraqqiyot dasturi (BMTTD) tomonidan Vazirlar Kengashi bilan hamkorlikda amalga "
           "oshirilmoqda.",
     [("BMT Taraqqiyot dasturi", *UNDP), ("BMTTD", *UNDP), ("Vazirlar Kengashi", "Council of Ministers", "Q8")],
     [("United Nations Development Programme", "implementer")]),
    ("ru", "Проект реализуется ПРООН в сотрудничестве с Министерством сельского хозяйства.",
     [("ПРООН", *UNDP), ("Министерством сельского хозяйства", "Ministry", "Q7")],
     [("United Nations Development Programme", "implementer")]),
]
NEGATIVES = [
    ("en", "The seminar was organised with the support of the European Union.", [("European Union", *EU)]),
    ("ru", "Семинар прошел при поддержке Совета Европы.", [("Совета Европы", *COE)]),
    ("en", "The event was organised by the Council of Europe in cooperation with the European Union.",
     [("Council of Europe", *COE), ("European Union", *EU)]),
    # financial verbs without a financial object
    ("en", "The Asian Development Bank approved a new country strategy for Kazakhstan.", [("Asian Development Bank", *ADB)]),
    ("en", "The World Bank provided support to the ministry and provided training for 40 officials.",
     [("World Bank", *WB)]),
    ("ru", "Всемирный банк выделил три приоритета и оказал поддержку министерству.", [("Всемирный банк", *WB)]),
    ("kk", "Азия даму банкі жаңа стратегияны мақұлдады.", [("Азия даму банкі", *ADB)]),
    ("tg", "Бонки Осиёии Рушд стратегияи навро тасдиқ кард.", [("Бонки Осиёии Рушд", *ADB)]),
    ("ky", "Азия өнүктүрүү банкы жаңы стратегияны жактырды.", [("Азия өнүктүрүү банкы", *ADB)]),
    ("ky", "Азия өнүктүрүү банкы тарабынан берилген тренинг жакшы өттү.", [("Азия өнүктүрүү банкы", *ADB)]),
    ("uz", "Osiyo taraqqiyot banki yangi strategiyani ma'qulladi.", [("Osiyo taraqqiyot banki", *ADB)]),
    # a passive: the organisation before "financed by" is not the funder
    ("en", "The project of the Ministry was financed by a loan.", [("Ministry", "Ministry", "Q7")]),
    # the organisation after a preposition is not the subject
    ("en", "With the support of UNDP, 300 women received grants.", [("UNDP", *UNDP)]),
    # "according to X" marks no subject of the financial verb
    ("tg", "Тибқи маълумоти Бонки миллӣ, ҳаҷми интиқол 4,6 миллиард доллари ИМА-ро ташкил дод.",
     [("Бонки миллӣ", "National Bank", "Q10")]),
    ("kk", "«Даму» қорының мәліметінше, қор 3,5 млрд теңге кепілдік берген.", [("Даму» қорының", "Damu", "Q11")]),
    ("en", "Grants went to the farmers of the region, the Ministry said, and the projects approved a plan.",
     [("Ministry", "Ministry", "Q7")]),
    # a relative clause without a financial object; "with X, which" on a non-financial verb
    ("en", "The project works with the Akimat of Almaty, which hosted the seminar for 20 officials.",
     [("Akimat of Almaty", "Akimat of Almaty", "Q14")]),
    ("ru", "Семинар прошёл за счёт усилий волонтёров Совета Европы.", [("Совета Европы", *COE)]),
    ("ru", "На семинаре были выделены приоритеты Всемирным банком и участниками.", [("Всемирным банком", *WB)]),
    ("en", "Officials from the budget committee of the Government attended.", [("Government", *GOV)]),
    # a preposition before an izafet chain governs the name at its end: the UN receives, it does not give
    ("tg", "Ҳукумат барои Барномаи ҷаҳонии озуқаи СММ 50 ҳазор доллар кӯмак пешниҳод кард.",
     [("СММ", "United Nations", "Q1065")]),
]
# fmt: on



@pytest.mark.parametrize("lang,text,orgs,expected", CASES)
def test_funding(pipe, lang, text, orgs, expected):
    segments, found, context = found_for(pipe, text)
    found["entities"] = _entities(text, orgs, lang)
    got = assemble_funding(segments, found, context=context)
    assert sorted((f.name, f.role) for f in got) == sorted(expected)
    assert all(text[f.start:f.end] == f.text for f in got)


@pytest.mark.parametrize("lang,text,orgs,expected", SUBJECTS)
def test_funding_subjects(pipe, lang, text, orgs, expected):
    test_funding(pipe, lang, text, orgs, expected)


@pytest.mark.parametrize("lang,text,orgs", NEGATIVES)
def test_no_funding(pipe, lang, text, orgs):
    segments, found, context = found_for(pipe, text)
    found["entities"] = _entities(text, orgs, lang)
    assert assemble_funding(segments, found, context=context) == []


def _entities(text, orgs, lang):
    """ORG records for each surface; a surface given with trailing words marks its later occurrence."""
    from pipeline.records import Entity

    records, position = [], 0
    for surface, name, kb in orgs:
        anchor = text.index(surface, position)
        core = surface.split(" томонидан")[0].rstrip(".")
        records.append(Entity(text=core, start=anchor, end=anchor + len(core), lang=lang, label="ORG",
                              name=name, kb_id=kb))
        position = anchor + len(core)
    return records


JAPAN = ("Government of Japan", "Q17")
# Donors' own ways of stating a grant: the subject of a financial verb is the funder.
# fmt: off
DONOR_VERBS = [
    ("en", "The Government of Japan provided USD 500,000 for the new clinic.",
     [("Government of Japan", *JAPAN)], [("Government of Japan", "funder")]),
    ("en", "Another USD 30 million will be allocated by the World Bank.", [("World Bank", *WB)], [("World Bank", "funder")]),
    ("ru", "Правительство Японии выделило грант в размере 500 тысяч долларов на новую клинику.",
     [("Правительство Японии", *JAPAN)], [("Government of Japan", "funder")]),
    ("kk", "Жапония үкіметі жаңа клиникаға 500 мың доллар грант бөлді.",
     [("Жапония үкіметі", *JAPAN)], [("Government of Japan", "funder")]),
    ("ky", "Жапония өкмөтү жаңы клиникага 500 миң доллар грант бөлдү.",
     [("Жапония өкмөтү", *JAPAN)], [("Government of Japan", "funder")]),
    ("uz", "Япония ҳукумати янги клиника учун 500 минг доллар грант ажратди.",
     [("Япония ҳукумати", *JAPAN)], [("Government of Japan", "funder")]),
    ("uz", "Yaponiya hukumati yangi klinika uchun 500 ming dollar grant ajratdi.",
     [("Yaponiya hukumati", *JAPAN)], [("Government of Japan", "funder")]),
    ("tg", "Ҳукумати Япония барои клиникаи нав 500 ҳазор доллар грант ҷудо кард.",
     [("Ҳукумати Япония", *JAPAN)], [("Government of Japan", "funder")]),
    # the lender is the party a loan agreement is signed with
    ("en", "Tajikistan signed a loan agreement with the Asian Development Bank for a new road.",
     [("Asian Development Bank", *ADB)], [("Asian Development Bank", "funder")]),
    ("kk", "Жапония үкіметі жаңа емханаға қаржы бөлді.", [("Жапония үкіметі", *JAPAN)], [("Government of Japan", "funder")]),
]

# The body that held the seminar "with the financial support of" a donor is not a funder.
ORGANISER_NOT_FUNDER = [
    ("en", "UNDP, with the financial support of the European Union, held a seminar for 30 judges on 4 March 2024.",
     [("UNDP", *UNDP), ("European Union", *EU)], [("European Union", "funder")]),
    ("ru", "ПРООН при финансовой поддержке Европейского союза провела 4 марта 2024 года семинар для 30 судей.",
     [("ПРООН", *UNDP), ("Европейского союза", *EU)], [("European Union", "funder")]),
    ("ky", "БУУнун Өнүктүрүү программасы Европа Биримдигинин каржылык колдоосу менен 2024-жылдын 4-мартында "
           "30 сот үчүн семинар өткөрдү.",
     [("БУУнун Өнүктүрүү программасы", *UNDP), ("Европа Биримдигинин", *EU)], [("European Union", "funder")]),
    ("kk", "БҰҰДБ Еуропалық Одақтың қаржылай қолдауымен 2024 жылғы 4 наурызда 30 судьяға семинар өткізді.",
     [("БҰҰДБ", *UNDP), ("Еуропалық Одақтың", *EU)], [("European Union", "funder")]),
    ("uz", "БМТТД Европа Иттифоқининг молиявий кўмагида 2024 йил 4 мартда 30 нафар судья учун семинар ўтказди.",
     [("БМТТД", *UNDP), ("Европа Иттифоқининг", *EU)], [("European Union", "funder")]),
    ("uz", "BMTTD Yevropa Ittifoqining moliyaviy ko'magida 2024-yil 4-martda 30 nafar sudya uchun seminar o'tkazdi.",
     [("BMTTD", *UNDP), ("Yevropa Ittifoqining", *EU)], [("European Union", "funder")]),
    ("tg", "БРСММ бо дастгирии молиявии Иттиҳоди Аврупо 4 марти соли 2024 барои 30 судя семинар гузаронд.",
     [("БРСММ", *UNDP), ("Иттиҳоди Аврупо", *EU)], [("European Union", "funder")]),
    # a bracketed period between the project and "который реализуется" hides no implementer
    ("ru", "Семинар прошёл в рамках проекта «Доступ к правосудию» (2022–2024 годы), который реализуется ПРООН.",
     [("ПРООН", *UNDP)], [("United Nations Development Programme", "implementer")]),
]
# fmt: on


@pytest.mark.parametrize("lang,text,orgs,expected", DONOR_VERBS + ORGANISER_NOT_FUNDER)
def test_real_release_funding(pipe, lang, text, orgs, expected):
    test_funding(pipe, lang, text, orgs, expected)


def test_country_with_government_word_is_a_funder(pipe):
    """A country beside a government word ("правительств Японии") funds as its government, named
    as the knowledge base names it."""
    from pipeline.records import Entity

    text = "Проект реализует ОБСЕ при финансовой поддержке правительств Японии и Швейцарии."
    segments, found, context = found_for(pipe, text)
    at, other = text.index("Японии"), text.index("Швейцарии")
    found["entities"] = [Entity(text="ОБСЕ", start=17, end=21, lang="ru", label="ORG", name="OSCE", kb_id="Q1"),
                         Entity(text="Японии", start=at, end=at + 6, lang="ru", label="LOC", name="Japan", kb_id="Q17"),
                         Entity(text="Швейцарии", start=other, end=other + 9, lang="ru", label="LOC", name="Switzerland",
                                kb_id="Q39")]
    context.explanations = []
    got = assemble_funding(segments, found, context=context)
    assert [(f.name, f.kb_id, f.role, f.text) for f in got] == [
        ("OSCE", "Q1", "implementer", "ОБСЕ"), ("Government of Japan", "pf:gov-japan", "funder", "правительств Японии"),
        ("Government of Switzerland", "pf:gov-switzerland", "funder", "Швейцарии")]
    assert [r.index for r in context.explanations] == [0, 1, 2]
    assert all("при финансовой поддержке" in r.rule or "реализует" in r.rule for r in context.explanations)


# A loan or grant agreement between a country and an organisation: the organisation lends or gives.
# fmt: off
LENDERS = [
    ("en", "The Asian Development Bank and Tajikistan signed two loan agreements worth USD 80 million.",
     "Asian Development Bank", "Tajikistan", "Q863"),
    ("en", "Parliament ratified the grant agreement between Kyrgyzstan and the Asian Development Bank.",
     "Asian Development Bank", "Kyrgyzstan", "Q813"),
    ("ru", "Кыргызстан и Азиатский банк развития подписали кредитное соглашение на 50 млн долларов.",
     "Азиатский банк развития", "Кыргызстан", "Q813"),
    ("uz", "Ўзбекистон ва Осиё тараққиёт банки 100 млн долларлик қарз битимини имзолади.",
     "Осиё тараққиёт банки", "Ўзбекистон", "Q265"),
]
# fmt: on


@pytest.mark.parametrize("lang,text,org,country,kb", LENDERS)
def test_lender_of_a_loan_agreement(pipe, lang, text, org, country, kb):
    from pipeline.records import Entity

    segments, found, context = found_for(pipe, text)
    o, c = text.index(org), text.index(country)
    found["entities"] = sorted([Entity(text=org, start=o, end=o + len(org), lang=lang, label="ORG", name=ADB[0], kb_id=ADB[1]),
                                Entity(text=country, start=c, end=c + len(country), lang=lang, label="LOC", name=country,
                                       kb_id=kb)], key=lambda e: e.start)
    got = assemble_funding(segments, found, context=context)
    assert [(f.name, f.role) for f in got] == [(ADB[0], "funder")]


IDB = ("Islamic Development Bank", "Q6")
GCF = ("Green Climate Fund", "Q7")
EBRD = ("European Bank for Reconstruction and Development", "Q8")
# More ways donors state a grant, one or more per language; the money's abbreviated "млн."
# ends no sentence between the giver and the verb.
# fmt: off
DONOR_PHRASES = [
    ("ru", "В этом году Кыргызстан получит от Исламского банка развития 60 миллионов долларов.",
     [("Исламского банка развития", *IDB)], [("Islamic Development Bank", "funder")]),
    ("kk", "Азия даму банкі бөлген грант ауылдық мектептерді жөндеуге жұмсалады.",
     [("Азия даму банкі", *ADB)], [("Asian Development Bank", "funder")]),
    ("kk", "Жобаның қаражаты Еуропалық Одақ тарапынан бөлінген.",
     [("Еуропалық Одақ", *EU)], [("European Union", "funder")]),
    ("ky", "Дүйнөлүк банк бөлгөн грант айыл мектептерин оңдоого жумшалат.",
     [("Дүйнөлүк банк", *WB)], [("World Bank", "funder")]),
    ("ky", "Долбоордун каражаты Европа Биримдиги тарабынан бөлүнгөн.",
     [("Европа Биримдиги", *EU)], [("European Union", "funder")]),
    ("tg", "Барои таъмири роҳ аз ҷониби Бонки осиёии рушд маблағ ҷудо карда шуд.",
     [("Бонки осиёии рушд", *ADB)], [("Asian Development Bank", "funder")]),
    ("uz", "Бу маблағлар Яшил иқлим фонди томонидан грант тариқасида тақдим этилади.",
     [("Яшил иқлим фонди", *GCF)], [("Green Climate Fund", "funder")]),
    ("uz", "Bu mablag'lar Yashil iqlim fondi tomonidan grant sifatida beriladi.",
     [("Yashil iqlim fondi", *GCF)], [("Green Climate Fund", "funder")]),
    ("uz", "Бунинг учун Европа тикланиш ва тараққиёт банки томонидан 5 млн. АҚШ доллари маблағ ажратилади.",
     [("Европа тикланиш ва тараққиёт банки", *EBRD)], [("European Bank for Reconstruction and Development", "funder")]),
]
# fmt: on


@pytest.mark.parametrize("lang,text,orgs,expected", DONOR_PHRASES)
def test_donor_phrases(pipe, lang, text, orgs, expected):
    test_funding(pipe, lang, text, orgs, expected)


@pytest.mark.parametrize("lang,text,expected", [
    ("uz", "Toshkent, 2024-yil 12-aprel\n\nYaponiya Tojikistonga 3 mln yevro ajratdi.", "Government of Japan"),
    ("uz", "Тошкент, 2024 йил 12 апрель\n\nГермания Қирғизистонга 3 млн евро ажратди.",
     "Government of Germany"),
])
def test_country_before_another_name_gives(pipe, lang, text, expected):
    """A country followed by another name (the recipient) is no part of a longer name."""
    record = pipe.extract(text)
    assert (expected, "funder") in {(f.name, f.role) for f in record.funding}


BOARD = ("Board of Directors of the Asian Development Bank", None)
# A board approves what its organisation lends: the organisation is the funder, not the board.
# fmt: off
BOARDS = [
    ("en", "The ADB Board of Directors approved a USD 40 million loan for rural roads.",
     [("ADB Board of Directors", *BOARD)], [("Asian Development Bank", "funder")]),
    ("ru", "Совет директоров АБР одобрил кредит в размере 40 млн долларов на сельские дороги.",
     [("Совет директоров АБР", *BOARD)], [("Asian Development Bank", "funder")]),
    ("kk", "АДБ Директорлар кеңесі ауыл жолдарына 40 млн доллар қарыз беруді мақұлдады.",
     [("АДБ Директорлар кеңесі", *BOARD)], [("Asian Development Bank", "funder")]),
    ("ky", "АӨБ Директорлор кеңеши айыл жолдоруна 40 млн доллар кредит бөлдү.",
     [("АӨБ Директорлор кеңеши", *BOARD)], [("Asian Development Bank", "funder")]),
    ("uz", "ОТБ Директорлар кенгаши қишлоқ йўллари учун 40 млн доллар кредит ажратди.",
     [("ОТБ Директорлар кенгаши", *BOARD)], [("Asian Development Bank", "funder")]),
    ("tg", "Шӯрои директорони БОР барои роҳҳои деҳот 40 миллион доллар қарз ҷудо кард.",
     [("Шӯрои директорони БОР", *BOARD)], [("Asian Development Bank", "funder")]),
]

# A headline in capitals runs the bank's name into the rest of the title: the bank is named.
HEADLINES = [
    ("en", "ASIAN DEVELOPMENT BANK TO LEND KYRGYZSTAN USD 30 MILLION",
     "ASIAN DEVELOPMENT BANK TO LEND KYRGYZSTAN", "ASIAN DEVELOPMENT BANK"),
    ("ru", "АЗИАТСКИЙ БАНК РАЗВИТИЯ КЫРГЫЗСТАНУ ВЫДЕЛИТ 30 МЛН ДОЛЛАРОВ",
     "АЗИАТСКИЙ БАНК РАЗВИТИЯ КЫРГЫЗСТАНУ", "АЗИАТСКИЙ БАНК РАЗВИТИЯ"),
    ("tg", "БОНКИ ОСИЁИИ РУШД БА ҚИРҒИЗИСТОН 30 МИЛЛИОН ДОЛЛАР ҚАРЗ МЕДИҲАД",
     "БОНКИ ОСИЁИИ РУШД БА ҚИРҒИЗИСТОН", "БОНКИ ОСИЁИИ РУШД"),
]
# fmt: on


@pytest.mark.parametrize("lang,text,orgs,expected", BOARDS)
def test_board_names_its_organisation(pipe, lang, text, orgs, expected):
    test_funding(pipe, lang, text, orgs, expected)


@pytest.mark.parametrize("lang,text,mention,bank", HEADLINES)
def test_headline_in_capitals_names_the_bank(pipe, lang, text, mention, bank):
    segments, found, context = found_for(pipe, text)
    found["entities"] = _entities(text, [(mention, mention, None)], lang)
    got = assemble_funding(segments, found, context=context)
    assert [(f.name, f.kb_id, f.text) for f in got] == [("Asian Development Bank", "pf:adb", bank)]


COMMITTEE = ("Committee for Environmental Protection", "Q20")
# The subject of an implementing verb with a project or study as its object implements, however
# far before the verb; a donor named in between ("with the support of") does not.
# fmt: off
IMPLEMENTING_SUBJECTS = [
    ("en", "The Committee, with the support of the European Union and in line with its mandate, implements "
           "three projects on clean water.",
     [("Committee", *COMMITTEE), ("European Union", *EU)], [("Committee for Environmental Protection", "implementer")]),
    ("ru", "Комитет при поддержке Европейского союза в соответствии со своим мандатом реализует три проекта "
           "по чистой воде.",
     [("Комитет", *COMMITTEE), ("Европейского союза", *EU)], [("Committee for Environmental Protection", "implementer")]),
    ("tg", "Кумита бо дастгирии Иттиҳоди Аврупо барои беҳтар намудани обтаъминоти деҳот се лоиҳаро дар амал "
           "татбиқ менамояд.",
     [("Кумита", *COMMITTEE), ("Иттиҳоди Аврупо", *EU)], [("Committee for Environmental Protection", "implementer")]),
    ("kk", "Комитет Еуропалық Одақтың қолдауымен ауылдарды таза сумен қамтамасыз ету үшін үш жобаны жүзеге асыруда.",
     [("Комитет", *COMMITTEE), ("Еуропалық Одақтың", *EU)], [("Committee for Environmental Protection", "implementer")]),
    ("ky", "Комитет Европа Биримдигинин колдоосу менен айылдарды таза суу менен камсыз кылуу үчүн үч долбоорду "
           "ишке ашырууда.",
     [("Комитет", *COMMITTEE), ("Европа Биримдигинин", *EU)], [("Committee for Environmental Protection", "implementer")]),
    ("uz", "Экология вазирлиги Европа Иттифоқи кўмагида қишлоқларни тоза сув билан таъминлаш учун учта лойиҳани "
           "амалга оширмоқда.",
     [("Экология вазирлиги", *COMMITTEE), ("Европа Иттифоқи", *EU)], [("Committee for Environmental Protection", "implementer")]),
    # a bare country in the sentence carries out no project
    ("tg", "Бонки ҷаҳонӣ барои рушди иқтисоди Тоҷикистон 12 барнома иҷро мекунад.",
     [("Бонки ҷаҳонӣ", *WB)], [("World Bank", "implementer")]),
]

# An organisation described as a country's main donor or financier is a funder.
MAIN_DONORS = [
    ("en", "The World Bank, one of the largest donors of the country, opened a new office.",
     [("World Bank", *WB)], [("World Bank", "funder")]),
    ("ru", "Всемирный банк является одним из крупнейших доноров страны.", [("Всемирный банк", *WB)],
     [("World Bank", "funder")]),
    ("tg", "Бонки ҷаҳонӣ, ки яке аз маблағгузорони асосии кишвар аст, дафтари нав кушод.",
     [("Бонки ҷаҳонӣ", *WB)], [("World Bank", "funder")]),
    ("kk", "Дүниежүзілік банк елдің ірі донорларының бірі болып табылады.", [("Дүниежүзілік банк", *WB)],
     [("World Bank", "funder")]),
    ("ky", "Дүйнөлүк банк өлкөнүн эң ири донорлорунун бири болуп саналат.", [("Дүйнөлүк банк", *WB)],
     [("World Bank", "funder")]),
    ("uz", "Жаҳон банки мамлакатнинг энг йирик донорларидан бири ҳисобланади.", [("Жаҳон банки", *WB)],
     [("World Bank", "funder")]),
]

# Money received from an organisation: the organisation is the funder, the recipient is not.
RECEIVED_FROM = [
    ("en", "Next year Tajikistan will receive USD 20 million from the Islamic Development Bank.",
     [("Islamic Development Bank", *IDB)], [("Islamic Development Bank", "funder")]),
    ("ru", "По итогам переговоров от Исламского банка развития республика вправе получить 40 миллионов долларов.",
     [("Исламского банка развития", *IDB)], [("Islamic Development Bank", "funder")]),
    ("tg", "Тоҷикистон аз Бонки исломии рушд 20 миллион доллар мегирад.",
     [("Бонки исломии рушд", *IDB)], [("Islamic Development Bank", "funder")]),
    ("kk", "Келесі жылы Қазақстан Ислам даму банкінен 20 млн доллар алады.",
     [("Ислам даму банкінен", *IDB)], [("Islamic Development Bank", "funder")]),
    ("ky", "Кийинки жылы Кыргызстан Ислам өнүктүрүү банкынан 20 млн доллар алат.",
     [("Ислам өнүктүрүү банкынан", *IDB)], [("Islamic Development Bank", "funder")]),
    ("uz", "Келгуси йили Ўзбекистон Ислом тараққиёт банкидан 20 млн доллар олади.",
     [("Ислом тараққиёт банкидан", *IDB)], [("Islamic Development Bank", "funder")]),
]
# fmt: on


@pytest.mark.parametrize("lang,text,orgs,expected", IMPLEMENTING_SUBJECTS + MAIN_DONORS + RECEIVED_FROM)
def test_implementers_donors_and_sources(pipe, lang, text, orgs, expected):
    test_funding(pipe, lang, text, orgs, expected)


@pytest.mark.parametrize("lang,text", [
    ("en", "The Asian Development Bank received an award from UNDP for its reports."),
    ("kk", "Делегация Азия даму банкінен форумға шақыру алды."),
    ("en", "The World Bank carries out regular reviews of its staff."),
])
def test_no_source_without_money_nor_implementer_without_project(pipe, lang, text):
    orgs = [(n, n, "Q1") for n in ("Asian Development Bank", "UNDP", "Азия даму банкінен", "World Bank") if n in text]
    segments, found, context = found_for(pipe, text)
    found["entities"] = _entities(text, orgs, lang)
    assert assemble_funding(segments, found, context=context) == []


KAZAKHSTAN = ("Kazakhstan", "Q232")
# The state's own money stands for the government of the country the release is about; budget
# support given to the budget (an accusative or dative form) is no gift of the government.
# fmt: off
STATE_FUNDS = [
    ("en", "In Kazakhstan the road is co-financed by the EBRD and by the state budget, which will contribute "
           "USD 50 million.", [("EBRD", *EBRD)],
     [("European Bank for Reconstruction and Development", "funder"), ("Government of Kazakhstan", "funder")]),
    ("ru", "В Казахстане государственный бюджет выделит на дорогу ещё 50 млн долларов.", [],
     [("Government of Kazakhstan", "funder")]),
    ("kk", "Қазақстанда жолды мемлекеттік бюджет қаржыландырады.", [], [("Government of Kazakhstan", "funder")]),
    ("ky", "Казакстанда жолду республикалык бюджет каржылайт.", [], [("Government of Kazakhstan", "funder")]),
    ("uz", "Қозоғистонда йўлни давлат бюджети молиялаштиради.", [], [("Government of Kazakhstan", "funder")]),
    ("tg", "Дар Қазоқистон буҷети давлатӣ барои роҳ 50 миллион доллар ҷудо мекунад.", [],
     [("Government of Kazakhstan", "funder")]),
    ("ky", "Казакстанда Азия өнүктүрүү банкы республикалык бюджетти колдоого 50 млн доллар берет.",
     [("Азия өнүктүрүү банкы", *ADB)], [("Asian Development Bank", "funder")]),
]
# fmt: on


@pytest.mark.parametrize("lang,text,orgs,expected", STATE_FUNDS)
def test_state_budget_is_the_government(pipe, lang, text, orgs, expected):
    from pipeline.records import Entity

    segments, found, context = found_for(pipe, text)
    country = next(w for w in text.replace(",", " ").split() if w.startswith(("Казах", "Казак", "Қазақ", "Қозоғ", "Қазоқ", "Kazakh")))
    at = text.index(country)
    found["entities"] = sorted(_entities(text, orgs, lang) + [
        Entity(text=country, start=at, end=at + len(country), lang=lang, label="LOC", name=KAZAKHSTAN[0],
               kb_id=KAZAKHSTAN[1])], key=lambda e: e.start)
    got = assemble_funding(segments, found, context=context)
    assert sorted((f.name, f.role) for f in got) == sorted(expected)
    assert all(text[f.start:f.end] == f.text for f in got)


BARKI = ("Barki Tojik", "pf:barki-tojik")
TJ_GOV = ("Government of Tajikistan", "pf:tj-government")
# fmt: off
CO_FUNDERS = [
    # a government and a state company that must find or contribute the rest of the cost
    ("ru", "Правительство Таджикистана и компания «Барки Точик» должны изыскать ещё 5 млн долларов.",
     [("Правительство Таджикистана", *TJ_GOV), ("Барки Точик", *BARKI)],
     [("Government of Tajikistan", "funder"), ("Barki Tojik", "funder")]),
    ("en", "The Government of Tajikistan and the company Barki Tojik will contribute USD 5 million.",
     [("Government of Tajikistan", *TJ_GOV), ("Barki Tojik", *BARKI)],
     [("Government of Tajikistan", "funder"), ("Barki Tojik", "funder")]),
    # the organisation whose decision on financing is awaited
    ("ru", "Фонд ожидает решения Правительства Японии о финансировании второго этапа.",
     [("Правительства Японии", *JAPAN)], [("Government of Japan", "funder")]),
    # "EU funding of EUR X", "вклад ЕС": the organisation beside the financial noun
    ("en", "EU funding of EUR 4 million will cover the new schools.", [("EU", *EU)], [("European Union", "funder")]),
    ("en", "The EU contribution of EUR 4 million covers the new schools.", [("EU", *EU)], [("European Union", "funder")]),
    ("ru", "Бюджет проекта 5 млн евро, из них вклад ЕС – 4 млн евро.", [("ЕС", *EU)], [("European Union", "funder")]),
    # a subject pronoun names the organisation named just before it
    ("en", "UNDP opened its office in Osh in 1995; it implements projects in health and education.",
     [("UNDP", *UNDP)], [("United Nations Development Programme", "implementer")]),
    ("ru", "ПРООН открыла офис в Оше в 1995 году; она реализует проекты в здравоохранении.",
     [("ПРООН", *UNDP)], [("United Nations Development Programme", "implementer")]),
    # an opening quote left at a sentence's end belongs to the next sentence's name
    ("kk", "Агенттік 1 млн еуро грант бөлді. «Самұрық» қоры өз кезегінде 5 млн доллар бөледі.",
     [("«Самұрық» қоры", "Samruk Fund", "Q30")], [("Samruk Fund", "funder")]),
]
# fmt: on


@pytest.mark.parametrize("lang,text,orgs,expected", CO_FUNDERS)
def test_co_funders(pipe, lang, text, orgs, expected):
    test_funding(pipe, lang, text, orgs, expected)


MIP = ("MIP", "Multiannual Indicative Programme", "pf:prog-eu-mip")


@pytest.mark.parametrize("lang,text,programme", [
    ("en", "Of this, EUR 10 million was allocated under the MIP for water management.", "MIP"),
    ("ru", "В рамках Многолетней индикативной программы на водное хозяйство выделено 10 млн евро.",
     "Многолетней индикативной программы"),
    ("kk", "Көпжылдық индикативтік бағдарлама аясында су шаруашылығына 10 млн еуро бөлінді.",
     "Көпжылдық индикативтік бағдарлама"),
    ("tg", "Дар доираи Барномаи бисёрсолаи индикативӣ барои хоҷагии об 10 миллион евро ҷудо шуд.",
     "Барномаи бисёрсолаи индикативӣ"),
])
def test_programme_owner_gives_the_money_under_it(pipe, lang, text, programme):
    """The owner of a knowledge-base programme a sum is given under is its funder, grounded on
    the programme's mention when the owner is not named."""
    from pipeline.records import Programme

    segments, found, context = found_for(pipe, text)
    at = text.index(programme)
    found["programmes"] = [Programme(text=programme, start=at, end=at + len(programme), lang=lang, name=MIP[1],
                                     kb_id=MIP[2], kind="programme")]
    context.explanations = []
    got = assemble_funding(segments, found, context=context)
    assert [(f.name, f.role, f.text) for f in got] == [("European Union", "funder", programme)]
    assert "owner of the programme" in context.explanations[0].rule


HYDROMET = ("Hydrometeorological Service", "Q40")
# fmt: off
WORD_ORDER = [
    # a fronted object: the givers stand between it and the verb, a company's legal form joins the list
    ("uz", "Mukofot uchun mablag'ni “Vodiy Soft” MChJ va Kapitalbank ajratdi.",
     [("Vodiy Soft", "Vodiy Soft", "Q41"), ("Kapitalbank", "Kapitalbank", "Q42")],
     [("Vodiy Soft", "funder"), ("Kapitalbank", "funder")]),
    ("kk", "Сыйлық қорына қаражатты «Самұрық» қоры бөлді.", [("«Самұрық» қоры", "Samruk Fund", "Q30")],
     [("Samruk Fund", "funder")]),
    # a recipient between the object and the verb gives nothing
    ("ru", "Грант в размере 5 млн долларов Кыргызстану Всемирный банк выделит в мае.", [("Всемирный банк", *WB)],
     [("World Bank", "funder")]),
    # a partner written with its abbreviation in brackets is one partner; the implementer before it stays
    ("ky", "Долбоорду Бириккен Улуттар Уюмунун Өнүктүрүү программасы (БУУӨП) шаардын мэриясы жана Гидромет "
           "кызматы (Кыргызгидромет) менен кызматташтыкта ишке ашырат.",
     [("Бириккен Улуттар Уюмунун Өнүктүрүү программасы", *UNDP), ("БУУӨП", *UNDP), ("шаардын мэриясы", "City Hall", "Q6"),
      ("Гидромет кызматы", *HYDROMET), ("Кыргызгидромет", *HYDROMET)],
     [("United Nations Development Programme", "implementer")]),
    ("en", "The project is implemented by the United Nations Children's Fund (UNICEF) in partnership with the "
           "Ministry of Justice.",
     [("United Nations Children's Fund", "UNICEF", "Q43"), ("UNICEF", "UNICEF", "Q43"),
      ("Ministry of Justice", "Ministry of Justice", "Q44")],
     [("UNICEF", "implementer")]),
]
# fmt: on


@pytest.mark.parametrize("lang,text,orgs,expected", WORD_ORDER)
def test_word_order_and_bracketed_partners(pipe, lang, text, orgs, expected):
    test_funding(pipe, lang, text, orgs, expected)


@pytest.mark.parametrize("lang,text,orgs,rule", [
    ("en", "The ADB Board of Directors approved a USD 40 million loan.", [("ADB Board of Directors", *BOARD)],
     "a Board of Directors acts for its organisation"),
    ("tg", "Кумита бо дастгирии Иттиҳоди Аврупо се лоиҳаро татбиқ менамояд.",
     [("Кумита", *COMMITTEE), ("Иттиҳоди Аврупо", *EU)], "subject of the implementing phrase"),
    ("ru", "Делегации сообщили, что от Исламского банка развития страна получит 40 млн долларов.",
     [("Исламского банка развития", *IDB)], "source of the money received"),
])
def test_new_rules_explain_themselves(pipe, lang, text, orgs, rule):
    """``pressfacts explain`` says which rule made each new kind of funding fact."""
    segments, found, context = found_for(pipe, text)
    found["entities"] = _entities(text, orgs, lang)
    context.explanations = []
    got = assemble_funding(segments, found, context=context)
    assert len(got) == 1 and len(context.explanations) == 1
    assert rule in context.explanations[0].rule


KZ_GOV = ("Government of Kazakhstan", "pf:kz-government")
# A government that co-finances a project or guarantees a loan is a funder.
# fmt: off
GUARANTORS = [
    ("en", "The bank lends the money under a sovereign guarantee of the Government of Kazakhstan.",
     [("Government of Kazakhstan", *KZ_GOV)]),
    ("en", "The new school is built with co-financing of the Government of Kazakhstan.",
     [("Government of Kazakhstan", *KZ_GOV)]),
    ("ru", "Кредит выдан под гарантию Правительства Казахстана.", [("Правительства Казахстана", *KZ_GOV)]),
    ("ru", "Школа строится при софинансировании Правительства Казахстана.", [("Правительства Казахстана", *KZ_GOV)]),
    ("kk", "Банк ақшаны Қазақстан Үкіметінің кепілдігімен береді.", [("Қазақстан Үкіметінің", *KZ_GOV)]),
    ("ky", "Банк акчаны Казакстан Өкмөтүнүн кепилдиги менен берет.", [("Казакстан Өкмөтүнүн", *KZ_GOV)]),
    ("uz", "Банк маблағни Қозоғистон ҳукумати кафолати остида беради.", [("Қозоғистон ҳукумати", *KZ_GOV)]),
    ("tg", "Мактаб бо ҳаммаблағгузории Ҳукумати Қазоқистон сохта мешавад.", [("Ҳукумати Қазоқистон", *KZ_GOV)]),
]
# fmt: on


@pytest.mark.parametrize("lang,text,orgs", GUARANTORS)
def test_co_financing_government_or_guarantor_is_a_funder(pipe, lang, text, orgs):
    test_funding(pipe, lang, text, orgs, [("Government of Kazakhstan", "funder")])


@pytest.mark.parametrize("lang,text", [
    ("tg", "Лоиҳа бо маблағгузории Иттиҳоди Аврупо татбиқ мегардад."),
    ("tg", "Лоиҳа бо маблағгузории Иттиҳоди Аврупо амалӣ карда мешавад."),
])
def test_organisation_a_funding_phrase_governs_implements_nothing(pipe, lang, text):
    """"бо маблағгузории X татбиқ мегардад": X is the funder, not the doer of the passive verb."""
    test_funding(pipe, lang, text, [("Иттиҳоди Аврупо", *EU)], [("European Union", "funder")])


def test_programme_before_an_english_verb_is_no_object(pipe):
    """"The EU programme … runs until 2026": in English the implemented object follows the verb."""
    text = "The European Union programme, which started in 2023, runs until 2026."
    segments, found, context = found_for(pipe, text)
    found["entities"] = _entities(text, [("European Union", *EU)], "en")
    assert assemble_funding(segments, found, context=context) == []


@pytest.mark.parametrize("lang,text,expected", [
    ("en", "Dushanbe, 4 March 2024\n\nThe grant is financed by Japan's poverty reduction fund.",
     "Japan Fund for Poverty Reduction"),
    ("kk", "Алматы, 2024 жылғы 4 наурыз\n\n«Қазақмыс» корпорациясы көлді сақтауға 3 млн доллар бөледі.",
     "Kazakhmys Corporation"),
    ("ru", "Бишкек, 4 марта 2024 года\n\nКоординационная группа арабских фондов выделит на школы 60 млн долларов.",
     "Arab Coordination Group"),
    ("ru", "Бишкек, 4 марта 2024 года\n\nЕвразийский фонд стабилизации и развития выделил на дороги 50 млн долларов.",
     "Eurasian Fund for Stabilization and Development"),
])
def test_funds_the_knowledge_base_names(pipe, lang, text, expected):
    """Funds written in lower case, in the possessive or by another name are known funders."""
    record = pipe.extract(text)
    assert (expected, "funder") in {(f.name, f.role) for f in record.funding}


TJ = ("Tajikistan", "Q863")
# A country in the possessive or genitive before a donor noun is the recipient, not the giver;
# "previously approved grants" holds no verb.
# fmt: off
RECIPIENT_MODIFIERS = [
    ("en", "ADB is Tajikistan's largest financial donor.", "ADB", "Tajikistan"),
    ("kk", "Азия даму банкі Тәжікстанның ірі донорларының бірі.", "Азия даму банкі", "Тәжікстанның"),
    ("ky", "Азия өнүктүрүү банкы Тажикстандын эң ири донорлорунун бири.", "Азия өнүктүрүү банкы", "Тажикстандын"),
    ("uz", "Осиё тараққиёт банки Тожикистоннинг энг йирик донорларидан бири.", "Осиё тараққиёт банки", "Тожикистоннинг"),
]
# fmt: on


@pytest.mark.parametrize("lang,text,bank,country", RECIPIENT_MODIFIERS)
def test_possessive_country_is_no_giver(pipe, lang, text, bank, country):
    from pipeline.records import Entity

    segments, found, context = found_for(pipe, text)
    b, c = text.index(bank), text.index(country)
    found["entities"] = [Entity(text=bank, start=b, end=b + len(bank), lang=lang, label="ORG", name=ADB[0], kb_id=ADB[1]),
                         Entity(text=country, start=c, end=c + len(country), lang=lang, label="LOC", name=TJ[0],
                                kb_id=TJ[1])]
    got = assemble_funding(segments, found, context=context)
    assert [(f.name, f.role) for f in got] == [(ADB[0], "funder")]


def test_participle_before_its_noun_is_no_verb(pipe):
    text = "The Government of Tajikistan and UNICEF discussed two previously approved grants."
    segments, found, context = found_for(pipe, text)
    found["entities"] = _entities(text, [("Government of Tajikistan", *TJ_GOV), ("UNICEF", "UNICEF", "Q43")], "en")
    assert assemble_funding(segments, found, context=context) == []


@pytest.mark.parametrize("lang,text,orgs", [
    ("uz", "Осиё тараққиёт банки эса ўз маблағларидан 3 миллиард доллар йўналтиради.", [("Осиё тараққиёт банки", *ADB)]),
    ("kk", "Азия даму банкі өз қаражатынан 3 млрд доллар бағыттайды.", [("Азия даму банкі", *ADB)]),
    ("ky", "Азия өнүктүрүү банкы өз каражатынан 3 млрд доллар багыттайт.", [("Азия өнүктүрүү банкы", *ADB)]),
    ("tg", "Бонки осиёии рушд аз маблағҳои худ 3 миллиард доллар равона мекунад.", [("Бонки осиёии рушд", *ADB)]),
])
def test_directing_money_is_giving_it(pipe, lang, text, orgs):
    test_funding(pipe, lang, text, orgs, [("Asian Development Bank", "funder")])


RUSSIA = ("Russian Federation", "Q159")


@pytest.mark.parametrize("lang,text,country,expected", [
    # a grant received from a country: its government gives it
    ("ru", "Министерство и ВПП ООН получили грант от Российской Федерации в объеме 5 млн долларов.",
     "Российской Федерации", [("Government of the Russian Federation", "funder")]),
    ("en", "The ministry received a grant of USD 5 million from Russia.", "Russia",
     [("Government of the Russian Federation", "funder")]),
    # "Қазақстан" ends like an ablative but is the recipient's own name
    ("kk", "Қазақстан 200 млн доллар қарызды Азия даму банкінен алды.", "Қазақстан",
     [("Asian Development Bank", "funder")]),
])
def test_source_of_money_received(pipe, lang, text, country, expected):
    from pipeline.records import Entity

    segments, found, context = found_for(pipe, text)
    c = text.index(country)
    entities = [Entity(text=country, start=c, end=c + len(country), lang=lang, label="LOC", name=country,
                       kb_id="Q232" if lang == "kk" else RUSSIA[1])]
    if "банкінен" in text:
        b = text.index("Азия даму банкінен")
        entities.append(Entity(text="Азия даму банкінен", start=b, end=b + 18, lang=lang, label="ORG", name=ADB[0],
                               kb_id=ADB[1]))
    found["entities"] = sorted(entities, key=lambda e: e.start)
    got = assemble_funding(segments, found, context=context)
    assert sorted((f.name, f.role) for f in got) == expected


def test_planning_to_implement_projects(pipe):
    text = "ПРООН планирует реализовать в этом году 40 крупных проектов."
    test_funding(pipe, "ru", text, [("ПРООН", *UNDP)], [("United Nations Development Programme", "implementer")])


# A donor that finances a study and carries it out itself is both funder and implementer.
# fmt: off
FUNDS_AND_CARRIES_OUT = [
    ("en", "The World Bank will finance and carry out the assessment of the new dam.", [("World Bank", *WB)]),
    ("ru", "Всемирный банк профинансирует и сам проведёт оценку новой плотины.", [("Всемирный банк", *WB)]),
    ("tg", "Бонки ҷаҳонӣ арзёбии сарбандро маблағгузорӣ мекунад ва худ иҷро мекунад.", [("Бонки ҷаҳонӣ", *WB)]),
    ("kk", "Дүниежүзілік банк бөгетті бағалауды қаржыландырады және өзі жүргізеді.", [("Дүниежүзілік банк", *WB)]),
    ("ky", "Дүйнөлүк банк дамбаны баалоону каржылайт жана өзү жүргүзөт.", [("Дүйнөлүк банк", *WB)]),
    ("uz", "Жаҳон банки тўғонни баҳолашни молиялаштиради ва ўзи амалга оширади.", [("Жаҳон банки", *WB)]),
]
# fmt: on


@pytest.mark.parametrize("lang,text,orgs", FUNDS_AND_CARRIES_OUT)
def test_funder_of_a_study_it_carries_out(pipe, lang, text, orgs):
    test_funding(pipe, lang, text, orgs, [("World Bank", "funder"), ("World Bank", "implementer")])


# A singular subject pronoun before an implementing verb names the organisation named just before it.
# fmt: off
PRONOUN_SUBJECTS = [
    ("kk", "БҰҰДБ Ош қаласында 1995 жылы кеңсе ашты. Ол денсаулық сақтау саласында үш жобаны іске асырады.",
     [("БҰҰДБ", *UNDP)]),
    ("ky", "БУУӨП Ош шаарында 1995-жылы кеңсе ачкан. Ал саламаттыкты сактоо тармагында үч долбоорду ишке ашырат.",
     [("БУУӨП", *UNDP)]),
    ("uz", "БМТТД Ўшда 1995 йилда ваколатхона очган. У соғлиқни сақлаш соҳасида учта лойиҳани амалга оширади.",
     [("БМТТД", *UNDP)]),
    ("tg", "БРСММ соли 1995 дар Ош дафтар кушод. Он дар соҳаи тандурустӣ се лоиҳаро татбиқ мекунад.",
     [("БРСММ", *UNDP)]),
]
# fmt: on


@pytest.mark.parametrize("lang,text,orgs", PRONOUN_SUBJECTS)
def test_pronoun_subject_names_the_organisation_before_it(pipe, lang, text, orgs):
    test_funding(pipe, lang, text, orgs, [("United Nations Development Programme", "implementer")])


@pytest.mark.parametrize("lang,text,expected", [
    # the receiver in the dative, after the giver's verb, gives nothing
    ("ru", "В ближайшие месяцы Всемирный банк выделит Кыргызстану 30 миллионов долларов на закупку лекарств, "
           "одобренных министерством.", [("World Bank", "funder")]),
    ("ru", "Азиатский банк развития предоставит Таджикистану грант в размере 40 млн долларов.",
     [("Asian Development Bank", "funder")]),
])
def test_receiver_in_the_dative_is_no_funder(pipe, lang, text, expected):
    assert [(f.name, f.role) for f in pipe.extract(text).funding] == expected
