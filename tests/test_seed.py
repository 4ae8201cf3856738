"""The shared seed release (read from ../shared/seeds/ when present; its text is not ours to copy)."""

from __future__ import annotations

from pathlib import Path

import pytest

# ../shared/seeds beside the repository, or beside the folder of worktrees the repository is in.
SEEDS = next((sorted(p.glob("*.txt")) for p in (d / "shared" / "seeds" for d in Path(__file__).resolve().parents)
              if p.is_dir()), [])
pytestmark = pytest.mark.skipif(not SEEDS, reason="no ../shared/seeds/*.txt here")


@pytest.fixture(scope="module")
def seed(pipe):
    return pipe.extract(SEEDS[0].read_text(encoding="utf-8"), id="seed")


def test_two_seminars_with_dates_places_and_participants(seed):
    got = [(e.type, e.date.start, e.date.end, e.location, [(p.count, p.group) for p in e.participants])
           for e in seed.events]
    assert got == [
        ("seminar", "2023-06-07", "2023-06-07", "Bishkek", [(32, "lawyers")]),
        ("seminar", "2023-06-08", "2023-06-09", "Bishkek", [(35, "prosecutors and investigators")]),
    ]
    assert all(e.title == "Prevention of ill treatment and torture" for e in seed.events)


def test_programmes(seed):
    names = {p.name: p for p in seed.programmes}
    rol = names["Central Asia Rule of Law Programme"]
    assert (rol.kind, rol.period.start, rol.period.end) == ("programme", "2020", "2023")
    assert names["HELP in Central Asia"].kind == "action"
    uzbek_projects = [p for p in seed.programmes if p.lang == "uz" and p.kind == "project"]
    assert len(uzbek_projects) == 3
    joint = [p for p in seed.programmes if p.lang == "uz" and p.kind == "programme"]
    assert len(joint) == 1 and joint[0].name.startswith("Лотин Америкаси")
    assert len(seed.programmes) == 6


def test_rule_of_law_programme_is_one_across_languages(seed, pipe):
    """The Uzbek "Ўрта Осиёда қонун устуворлиги дастури" and the English "Central Asia Rule
    of Law Programme 2020-2023" are one programme with one kb_id."""
    text = SEEDS[0].read_text(encoding="utf-8")
    rule_of_law = [p for p in seed.programmes if p.kb_id == "pf:prog-central-asia-rule-of-law"]
    assert [(p.name, p.lang) for p in rule_of_law] == [("Central Asia Rule of Law Programme", "en")]
    uzbek = next(p for p in text.split("\n\n") if "Ўрта Осиёда қонун устуворлиги дастури" in p)
    assert [p.kb_id for p in pipe.extract(uzbek, id="seed-uz").programmes if p.kb_id] == \
        ["pf:prog-central-asia-rule-of-law"]


def test_funding(seed):
    assert sorted((f.name, f.role) for f in seed.funding) == [
        ("Council of Europe", "funder"), ("Council of Europe", "implementer"), ("European Union", "funder")]


def test_counts_and_money(seed):
    assert [(c.value, c.of) for c in seed.counts if c.lang == "en"] == [
        (2, "seminars"), (32, "lawyers"), (35, "prosecutors and investigators")]
    assert seed.money == []


def test_dates_from_the_dates_extractor(seed):
    values = {(d.value.start, d.value.end) for d in seed.dates if d.value}
    assert ("2015", "2019") in values
    assert ("2019-12", "2019-12") in values
