"""Datelines at the top or bottom of a release, on whole documents through the pipeline."""

from __future__ import annotations

import pytest

# fmt: off
CASES = [
    ("Judges meet\n\nBishkek, 12 March 2024 – The Council of Europe opened a seminar.",
     "Bishkek, 12 March 2024", "Bishkek", ("2024-03-12", "2024-03-12")),
    ("Судьи изучают стандарты\n\nАстана, 5 апреля 2023 г. – Сегодня открылся тренинг.",
     "Астана, 5 апреля 2023 г.", "Astana", ("2023-04-05", "2023-04-05")),
    ("Two seminars took place in Bishkek for 32 lawyers.\n\nBishkek, Kyrgyzstan 7-9 June 2023",
     "Bishkek, Kyrgyzstan 7-9 June 2023", "Bishkek", ("2023-06-07", "2023-06-09")),
    ("Судьялар семинари\n\nТошкент, 2023 йил 5 апрель – Тошкентда семинар бўлиб ўтди.",
     "Тошкент, 2023 йил 5 апрель", "Tashkent", ("2023-04-05", "2023-04-05")),
    ("Sudyalar seminari\n\nToshkent, 2024-yil 12-mart – Toshkentda seminar bo'lib o'tdi.",
     "Toshkent, 2024-yil 12-mart", "Tashkent", ("2024-03-12", "2024-03-12")),
    ("Иттиҳоди Аврупо\n\nДушанбе, 5 апрели соли 2023 – Дирӯз дар Душанбе мулоқот шуд.",
     "Душанбе, 5 апрели соли 2023", "Dushanbe", ("2023-04-05", "2023-04-05")),
    ("Соттар\n\nАстана, 2023 жылғы 5 сәуір – Астанада дөңгелек үстел өтті.",
     "Астана, 2023 жылғы 5 сәуір", "Astana", ("2023-04-05", "2023-04-05")),
    ("Судьялар\n\nБишкек, 2024-жылдын 12-марты – Бишкекте семинар башталды.",
     "Бишкек, 2024-жылдын 12-марты", "Bishkek", ("2024-03-12", "2024-03-12")),
]

NO_DATELINE = [
    "On 12 March 2024 – the Council of Europe opened a seminar in Bishkek.",
    "The seminar took place in Bishkek on 12 March 2024.\n\nIt gathered 35 judges.",
    "В 2019 году – год реформ.\n\nСеминар прошёл в Бишкеке.",
]
# fmt: on


@pytest.mark.parametrize("text,surface,place,period", CASES)
def test_dateline(pipe, text, surface, place, period):
    record = pipe.extract(text)
    dateline = record.dateline
    assert (dateline.text, dateline.place, (dateline.date.start, dateline.date.end)) == (surface, place, period)
    assert text[dateline.start:dateline.end] == surface
    assert record.reference_date.value == period[0]


@pytest.mark.parametrize("text", NO_DATELINE)
def test_no_dateline(pipe, text):
    assert pipe.extract(text).dateline is None


def test_unknown_place_needs_its_comma(pipe):
    dateline = pipe.extract("Title\n\nNewtown, 3 May 2022 – A seminar opened.").dateline
    assert (dateline.place, dateline.date.start) == ("Newtown", "2022-05-03")
