"""Integrity of the knowledge base (models/kb) and of the per-language entity data."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from pipeline.kb import KnowledgeBase, knowledge_base

REPO = Path(__file__).resolve().parent.parent

LANGS = ["en", "ru", "uz", "ky", "kk", "tg"]
ID = re.compile(r"^(Q\d+|pf:[a-z0-9-]+)$")


@pytest.fixture(scope="module")
def kb(resources) -> KnowledgeBase:
    return knowledge_base(resources)


def test_built_once_per_resources(resources, kb):
    assert knowledge_base(resources) is kb


def test_ids_unique_and_well_formed(resources, kb):
    records = [r for f in ("organisations.yaml", "places.yaml") for r in resources.yaml("kb", f)]
    ids = [str(r["id"]) for r in records]
    assert len(ids) == len(set(ids))
    assert [i for i in ids if not ID.match(i)] == []


def test_canonical_names_unique(kb):
    names = [e.name for e in kb.entries.values()]
    assert len(names) == len(set(names))


def test_size(kb):
    labels = [e.label for e in kb.entries.values()]
    assert labels.count("ORG") >= 150
    assert labels.count("LOC") >= 100


def test_every_entry_has_type_and_english_alias(resources):
    for record in resources.yaml("kb", "organisations.yaml") + resources.yaml("kb", "places.yaml"):
        assert record.get("type"), record["id"]
        assert (record.get("aliases") or {}).get("en"), record["id"]


@pytest.mark.parametrize("lang", LANGS)
def test_each_alias_names_one_entry_or_is_declared_shared(kb, lang):
    assert kb.index(lang).collisions() == []


@pytest.mark.parametrize("lang", LANGS)
def test_language_has_entity_data(resources, lang):
    data = resources.lang(lang)["entities"]
    assert data.get("org_heads") and data.get("name_order") in ("capitalised", "head_first", "head_last")
    assert all(isinstance(w, str) for key in ("org_heads", "stop_words", "connectors", "suffixes")
               for w in data.get(key) or [])


def test_every_language_folder_has_entities_file(resources):
    assert [code for code in resources.languages() if not resources.path("lang", code, "entities.yaml").is_file()] == []


# Organisations gold names in English that the KB deliberately does not hold: one-off local
# NGOs, companies, districts' akimats, branches (so the pipeline gives their surface form),
# and the Kyrgyz agriculture ministry under its 2023 name (the KB names it by the current one).
# fmt: off
NOT_IN_KB = {
    "Akimat of Kazaly District", "Move Green Public Association", "Karaganda Su LLP",
    "Luch Solomona Public Association", "Legal Initiative Public Association",
    "Department of Education of Gorno-Badakhshan Autonomous Region",
    "Norin Obod Water Consumers' Association", "Nukus City Maternity Complex No. 1",
    "Nukus Branch of the Tashkent Pediatric Medical Institute", "Vodiy Soft LLC",
    "Samarkand Hoteliers Association", "Ministry of Agriculture of Kyrgyzstan",
}
# fmt: on


def test_gold_organisations_are_canonical_names(kb):
    """Every organisation a gold file names is a KB canonical name, or (an organisation
    the KB does not know) its surface form as written in the release."""
    names = {e.name for e in kb.entries.values() if e.label == "ORG"}
    missing = []
    for gold_file in sorted((REPO / "samples").glob("*/*.gold.json")):
        text = gold_file.with_name(gold_file.name.replace(".gold.json", ".txt")).read_text(encoding="utf-8")
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        for name in gold["organisations"] + [f["name"] for f in gold["funding"]]:
            if name not in names and name not in text and name not in NOT_IN_KB:
                missing.append((gold_file.name, name))
    assert missing == []
