"""The wheel carries every subpackage and the models folder."""

from __future__ import annotations

import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def test_every_subpackage_is_declared():
    declared = set(tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(REPO).parts) for p in (REPO / "pipeline").rglob("__init__.py")}
    assert found - declared == set(), "add these to [tool.setuptools] packages in pyproject.toml"
    assert "pipeline._models" in declared


def test_no_stray_prints_when_loading_every_language(capsys):
    """Loading all resources and running each language must not write to stdout (cf. spaCy #3342)."""
    from pipeline import Pipeline

    pipe = Pipeline()
    for code in pipe.resources.languages():
        pipe.resources.lang(code)
    pipe.extract("Tashkent, 12 March 2024 - A seminar took place.\n\nСеминар прошёл в Бишкеке.")
    assert capsys.readouterr().out == ""
