"""The models/ loader: word lists stay words, and every data file loads as data."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from pipeline.resources import YamlLoader

MODELS = Path(__file__).resolve().parent.parent / "models"


@pytest.mark.parametrize("text,expected", [
    ("[on, no, yes, off]", ["on", "no", "yes", "off"]),   # English words, not YAML 1.1 booleans
    ("[true, false, True]", [True, False, True]),
    ("head_final: true", {"head_final": True}),
    ("[ha, yo'q]", ["ha", "yo'q"]),
])
def test_only_true_and_false_are_booleans(text, expected):
    assert yaml.load(text, Loader=YamlLoader) == expected


def _lists(node):
    if isinstance(node, list):
        yield node
        for item in node:
            yield from _lists(item)
    elif isinstance(node, dict):
        for value in node.values():
            yield from _lists(value)


@pytest.mark.parametrize("path", sorted(MODELS.rglob("*.yaml")), ids=lambda p: p.relative_to(MODELS).as_posix())
def test_no_word_list_holds_a_boolean_or_an_empty_item(path):
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=YamlLoader)
    bad = [item for items in _lists(data) for item in items if isinstance(item, bool) or item is None]
    assert not bad, bad
