"""The quality gate fails when a figure drops below its committed threshold."""

from __future__ import annotations

import json
from pathlib import Path

from pipeline.evaluation import check_thresholds, evaluate
from pipeline.langid import Guess

REPO = Path(__file__).resolve().parent.parent
THRESHOLDS = json.loads((REPO / "benchmarks" / "thresholds.json").read_text(encoding="utf-8"))


def test_thresholds_cover_every_group_and_the_core_figures():
    assert {"overall", "en", "ru", "uz-Cyrl", "uz-Latn", "ky", "kk", "tg", "mixed"} <= set(THRESHOLDS)
    assert THRESHOLDS["overall"]["grounding.accuracy"] == 1.0


def test_check_thresholds_names_each_drop():
    figures = {"overall": {"dates.f1": 0.9, "counts.f1": 0.95}}
    limits = {"overall": {"dates.f1": 0.95, "counts.f1": 0.9, "money.f1": 0.5}}
    assert check_thresholds(figures, limits) == [
        "overall dates.f1: 0.9000 is below the threshold 0.95",
        "overall money.f1: no figure (threshold 0.5)",
    ]


def test_a_broken_build_fails_the_gate(monkeypatch):
    """Sabotage language ID (every paragraph 'und') and run the real evaluation."""
    from pipeline import Pipeline

    pipe = Pipeline()
    monkeypatch.setattr(pipe.identifier, "identify", lambda text: Guess("und", "Zyyy", 0.0, 0))
    figures = evaluate(REPO / "samples", pipe).figures()
    failures = check_thresholds(figures, THRESHOLDS)
    assert any(f.startswith("overall paragraph_lang.accuracy") for f in failures)
