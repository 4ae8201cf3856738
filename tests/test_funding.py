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
