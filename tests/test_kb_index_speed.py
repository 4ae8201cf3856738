"""What a process does at start-up, made fast: the shortcuts (alias words split once,
their keys and the parsed YAML files kept on disk between processes, the abbreviation
test's fast path) give exactly the alias indexes and data of the plain build, and a
changed file is read afresh."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipeline import kb as kb_module
from pipeline.kb import WORD, KnowledgeBase, is_abbreviation
from pipeline.errors import ResourceError
from pipeline.resources import NO_CACHE_VAR, Resources, cache_dir
from pipeline.segmenting import normalise

REPO = Path(__file__).resolve().parent.parent
LANGS = ["en", "ru", "uz", "ky", "kk", "tg"]


def _abbreviation_by_definition(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _plain_index(kb: KnowledgeBase, code: str, programmes: bool) -> dict:
    """The trie as the build made it before any shortcut: each alias split and each of
    its words analysed where it stands."""
    morphology = kb_module.Morphology(code, kb.resources.lang(code)["entities"])
    root: dict = {}
    for entry, alias, shared in kb.aliases(programmes):
        words = WORD.findall(normalise(alias))
        if not words:
            continue
        node = root
        for word in words:
            keys = morphology.keys(word)
            written = word.lower().replace("ё", "е")
            node = node.setdefault(written if written in keys and not _abbreviation_by_definition(word) else keys[0], {})
        node.setdefault(kb_module.END, {})[entry.id] = (kb_module.Candidate(entry, shared), kb_module._capitalised(words[0]))
    return root


@pytest.fixture()
def cache(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv(NO_CACHE_VAR, raising=False)
    return tmp_path / "xdg" / "pressfacts"


@pytest.fixture()
def models(tmp_path) -> Path:
    """A copy of the knowledge base and language data that a test may change."""
    folder = tmp_path / "models"
    for part in ("kb", "lang"):
        shutil.copytree(REPO / "models" / part, folder / part)
    return folder


def test_fast_abbreviation_test_agrees_with_its_definition():
    kb = KnowledgeBase(Resources())
    words = {w for programmes in (False, True) for words, _ in kb.alias_words(programmes) for w in words}
    words |= {"ЕС", "OSCE/ODIHR", "UN-Habitat", "Sida", "OʻZ", "Oʻzbekiston", "USAIDⓐ", "EUⅰ", "ǅ", "A", "", "1"}
    assert [w for w in words if is_abbreviation(w) != _abbreviation_by_definition(w)] == []


@pytest.mark.parametrize("lang", LANGS)
def test_index_from_the_cache_is_the_plain_index(cache, lang):
    cold = KnowledgeBase(Resources())
    plain = {programmes: _plain_index(cold, lang, programmes) for programmes in (False, True)}
    assert {programmes: cold.index(lang, programmes).root for programmes in (False, True)} == plain
    warm = KnowledgeBase(Resources())
    assert {programmes: warm.index(lang, programmes).root for programmes in (False, True)} == plain
    assert (cache / f"kb-keys-{lang}.pickle").is_file()
    assert warm.index(lang).morphology._cache == {}  # every alias word's key came from the cache


def test_changed_knowledge_base_is_indexed_with_a_warm_cache(cache, models):
    KnowledgeBase(Resources(models)).index("ru")
    organisations = models / "kb" / "organisations.yaml"
    organisations.write_text(organisations.read_text(encoding="utf-8") + """
- id: pf:test-fund
  name: Test Fund of Quokkas
  type: fund
  country: null
  aliases:
    ru: [Фонд защиты квокков]
""", encoding="utf-8")
    kb = KnowledgeBase(Resources(models))
    index = kb.index("ru")
    assert index.root == _plain_index(kb, "ru", False)
    found = index.find(index.morphology.words("Фондом защиты квокков"))
    assert [c.entry.id for m in found for c in m.candidates] == ["pf:test-fund"]


def test_changed_language_data_does_not_use_the_old_keys(cache, models):
    KnowledgeBase(Resources(models)).index("kk")
    entities = models / "lang" / "kk" / "entities.yaml"
    entities.write_text(entities.read_text(encoding="utf-8") + "\nmin_stem: 9\n", encoding="utf-8")
    kb = KnowledgeBase(Resources(models))
    assert kb.index("kk").root == _plain_index(kb, "kk", False)
    assert kb.index("kk").morphology._cache != {}  # analysed afresh


def test_corrupt_cache_file_is_ignored(cache):
    KnowledgeBase(Resources()).index("en")
    (cache / "kb-keys-en.pickle").write_bytes(b"\x80\x05garbage")
    kb = KnowledgeBase(Resources())
    assert kb.index("en").root == _plain_index(kb, "en", False)


def test_no_cache_when_turned_off(cache, monkeypatch):
    monkeypatch.setenv(NO_CACHE_VAR, "1")
    assert cache_dir() is None
    kb = KnowledgeBase(Resources())
    assert kb.index("tg").root == _plain_index(kb, "tg", False)
    assert not cache.exists()


def test_unwritable_cache_folder_means_no_cache(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))  # pressfacts/ cannot be made under a file
    monkeypatch.delenv(NO_CACHE_VAR, raising=False)
    kb = KnowledgeBase(Resources())
    assert kb.index("uz").root == _plain_index(kb, "uz", False)


def test_warm_start_analyses_no_alias_word(cache):
    """What a batch worker's first document saves: no pymorphy3 analysis of the alias words."""
    KnowledgeBase(Resources()).index("ru")
    kb_module.morph_parses.cache_clear()
    KnowledgeBase(Resources()).index("ru")
    assert kb_module.morph_parses.cache_info().misses == 0


def test_yaml_from_the_cache_is_the_parse(cache, models):
    files = sorted(p.relative_to(models).parts for p in models.rglob("*.yaml"))
    cold = Resources(models)
    parsed = {parts: cold.yaml(*parts) for parts in files}
    assert (cache / "yaml-kb-organisations.yaml.pickle").is_file()
    warm = Resources(models)
    assert {parts: warm.yaml(*parts) for parts in files} == parsed
    assert warm.yaml("kb", "places.yaml") is not cold.yaml("kb", "places.yaml")  # each Resources its own


def test_changed_yaml_file_is_parsed_again(cache, models):
    numbers = models / "lang" / "en" / "numbers.yaml"
    Resources(models).yaml("lang", "en", "numbers.yaml")
    numbers.write_text(numbers.read_text(encoding="utf-8") + "\nquokka_words: [on, no]\n", encoding="utf-8")
    assert Resources(models).yaml("lang", "en", "numbers.yaml")["quokka_words"] == ["on", "no"]
    numbers.write_text("quokka_words: [on\n", encoding="utf-8")
    with pytest.raises(ResourceError):
        Resources(models).yaml("lang", "en", "numbers.yaml")
