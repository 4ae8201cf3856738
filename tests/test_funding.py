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

# fmt: off
CASES = [
    ("en", "a joint initiative co-funded by the European Union and the Council of Europe and implemented by "
           "the Council of Europe.",
     [("European Union", *EU), ("Council of Europe", *COE), ("Council of Europe.", *COE)],
     [("European Union", "funder"), ("Council of Europe", "funder"), ("Council of Europe", "implementer")]),
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
]
NEGATIVES = [
    ("en", "The seminar was organised with the support of the European Union.", [("European Union", *EU)]),
    ("ru", "Семинар прошел при поддержке Совета Европы.", [("Совета Европы", *COE)]),
    ("en", "The event was organised by the Council of Europe in cooperation with the European Union.",
     [("Council of Europe", *COE), ("European Union", *EU)]),
]
# fmt: on



@pytest.mark.parametrize("lang,text,orgs,expected", CASES)
def test_funding(pipe, lang, text, orgs, expected):
    segments, found, context = found_for(pipe, text)
    found["entities"] = _entities(text, orgs, lang)
    got = assemble_funding(segments, found, context=context)
    assert sorted((f.name, f.role) for f in got) == sorted(expected)
    assert all(text[f.start:f.end] == f.text for f in got)


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
