"""Every gold file under samples/ is valid: shape, verbatim texts, TIMEX values, contract vocab,
surface forms that the release really uses."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from pipeline.records import EVENT_TYPES
from pipeline.segmenting import paragraph_spans

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
GOLD = sorted(SAMPLES.rglob("*.gold.json"))
TIMEX = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$|^\d{4}-(Q[1-4]|SP|SU|FA|WI)$")
KEYS = {"id", "paragraph_langs", "paragraph_scripts", "dateline", "dates", "counts", "money",
        "organisations", "funding", "events", "programmes", "surface"}
CURRENCIES = {"EUR", "USD", "KGS", "KZT", "UZS", "TJS", "RUB", "GBP", "CHF", "JPY", "CNY"}
PLACE_LANGS = {"en", "ru", "uz", "ky", "kk", "tg"}
APOSTROPHES = re.compile("[ʻʼ'’‘`]")
WORD = re.compile(r"[\w'-]+")


def _words(text: str) -> list[str]:
    return WORD.findall(APOSTROPHES.sub("'", text).casefold())


def form_occurs(form: str, text: str, max_gap: int = 3) -> bool:
    """The words of a dictionary form occur in the text in their order, each up to its ending.

    A word matches a word of the text that begins with it once its last three letters go
    (a stem keeps at least four letters), so an inflected mention keeps its stem:
    "Верховный суд" is in "Верховным судом", "министрлиги" in "министрлигинин". Up to
    ``max_gap`` words may come between two words of the form, for names stated together
    ("правительств Японии и Норвегии" names "правительство Норвегии").
    """
    stems = [word[:max(4, len(word) - 3)] for word in _words(form)]
    words = _words(text)

    def match(stem_at: int, word_at: int) -> bool:
        if stem_at == len(stems):
            return True
        window = range(word_at, min(len(words), word_at + max_gap + 1))
        return any(words[i].startswith(stems[stem_at]) and match(stem_at + 1, i + 1) for i in window)

    return bool(stems) and any(word.startswith(stems[0]) and match(1, i + 1) for i, word in enumerate(words))


@pytest.mark.parametrize("text, form, expected", [
    ("Семинар провёл Верховным судом Кыргызской Республики.", "Верховный суд Кыргызской Республики", True),
    ("Семинар провёл Верховным судом Кыргызской Республики.", "Конституционный суд Кыргызской Республики", False),
    ("Агартуу министрлигинин өкүлдөрү катышты.", "Агартуу министрлиги", True),
    ("Агартуу министрлигинин өкүлдөрү катышты.", "Саламаттык сактоо министрлиги", False),
    ("Жобаны Қазақстан Республикасы Әділет министрлігімен бірлесіп өткізді.",
     "Қазақстан Республикасы Әділет министрлігі", True),
    ("Loyiha O‘zbekiston Respublikasi Adliya vazirligi bilan amalga oshirildi.",
     "O'zbekiston Respublikasi Adliya vazirligi", True),
    ("The grant comes from the Asian Development Bank (ADB).", "ADB", True),
    ("The grant comes from the Asian Development Bank (ADB).", "EBRD", False),
    ("The grant comes from the Asian Development Bank.", "Asian Infrastructure Investment Bank", False),
    ("Проект финансируется Министерством экологии.", "Министерство финансов", False),
    ("Проект финансируется правительствами Японии и Норвегии.", "правительство Норвегии", True),
    ("Семинар провёл Верховным судом Кыргызской Республики.", "Кыргызской Республики суд", False),
])
def test_form_occurs(text, form, expected):
    assert form_occurs(form, text) is expected


def test_corpus_size_per_folder():
    counts = {d.name: len(list(d.glob("*.gold.json"))) for d in SAMPLES.iterdir() if d.is_dir()}
    minimum = {"en": 9, "ru": 7, "uz-Cyrl": 4, "uz-Latn": 4, "ky": 4, "kk": 3, "tg": 2, "mixed": 3}
    short = {k: (counts.get(k, 0), v) for k, v in minimum.items() if counts.get(k, 0) < v}
    assert not short, f"folders below their size (have, need): {short}"


@pytest.mark.parametrize("gold_path", GOLD, ids=[p.relative_to(SAMPLES).as_posix() for p in GOLD])
def test_gold_file_is_valid(gold_path):
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    text_path = gold_path.with_name(gold_path.name.replace(".gold.json", ".txt"))
    text = text_path.read_text(encoding="utf-8")
    assert set(gold) == KEYS
    assert gold["id"] == text_path.relative_to(SAMPLES).with_suffix("").as_posix()
    words = len(text.split())
    assert 120 <= words <= 520, f"{words} words"

    n_paragraphs = len(paragraph_spans(text))
    assert len(gold["paragraph_langs"]) == n_paragraphs
    assert len(gold["paragraph_scripts"]) == n_paragraphs
    assert set(gold["paragraph_langs"]) <= PLACE_LANGS
    assert set(gold["paragraph_scripts"]) <= {"Cyrl", "Latn"}

    def timex(value):
        return value is None or bool(TIMEX.match(value))

    if gold["dateline"] is not None:
        assert gold["dateline"]["place"] and timex(gold["dateline"]["start"]) and timex(gold["dateline"]["end"])
    position = 0
    for date in gold["dates"]:
        assert date["text"] in text, date
        assert timex(date["start"]) and timex(date["end"]) and date["start"] <= date["end"], date
    for kind in ("dates", "counts", "money"):
        position = 0
        for item in gold[kind]:
            found = text.find(item["text"], position)
            assert found >= 0, f"{kind} {item['text']!r} not found in text order"
            position = found
    for count in gold["counts"]:
        assert isinstance(count["value"], int) and count["value"] > 0 and count["of"], count
        assert count["of"] in count["text"], count
    for money in gold["money"]:
        assert money["currency"] in CURRENCIES and money["value"] > 0, money
    assert len(set(gold["organisations"])) == len(gold["organisations"])
    for fund in gold["funding"]:
        assert fund["role"] in {"funder", "implementer"}
        assert fund["name"] in gold["organisations"], f"funding name {fund['name']!r} not in organisations"
    for event in gold["events"]:
        assert event["type"] in EVENT_TYPES, event
        assert timex(event.get("start")) and timex(event.get("end")), event
        assert all(isinstance(n, int) for n in event["participants"]), event
    for programme in gold["programmes"]:
        assert programme["name"] and timex(programme.get("start")) and timex(programme.get("end"))
    names = gold["organisations"] + [programme["name"] for programme in gold["programmes"]]
    assert set(gold["surface"]) == set(names), "surface keys must be the organisations and programme names"
    for name, forms in gold["surface"].items():
        assert isinstance(forms, list) and forms, f"no surface form for {name!r}"
        assert len(set(forms)) == len(forms), f"repeated surface form for {name!r}"
        for form in forms:
            assert isinstance(form, str) and form.strip() == form and form, (name, form)
            assert form_occurs(form, text), f"surface form {form!r} of {name!r} is not in the text"
