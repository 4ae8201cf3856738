"""The quality gate fails when a figure drops below its committed threshold."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

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


SURFACE_GOLD = {
    "id": "x", "paragraph_langs": ["ru"], "paragraph_scripts": ["Cyrl"], "dateline": None,
    "dates": [], "counts": [], "money": [], "events": [], "programmes": [],
    "organisations": ["Consultative Council of European Judges"],
    "funding": [{"name": "Consultative Council of European Judges", "role": "funder"}],
    "surface": {"Consultative Council of European Judges": ["Консультативный совет европейских судей"]},
}


def _org_record(name: str):
    from pipeline.records import build_release
    text = "Консультативного совета европейских судей"
    span = {"text": text, "start": 0, "end": len(text), "lang": "ru", "name": name}
    return build_release(text, {"id": "x", "language": "ru", "source": {"sha256": "0", "n_chars": len(text)},
                                "entities": [dict(span, label="ORG")], "funding": [dict(span, role="funder")]}), text


@pytest.mark.parametrize("name,surface_ok,canonical_ok", [
    ("Консультативный совет европейских судей", True, False),   # a surface form: right, not canonical
    ("Consultative Council of European Judges", True, True),
    ("Консультативного совета европейских судей", False, False),  # the inflected mention is not a name
])
def test_surface_forms_count_and_the_canonical_figure_does_not(name, surface_ok, canonical_ok):
    from pipeline.evaluation import score_document
    record, text = _org_record(name)
    tallies = score_document(record, SURFACE_GOLD, text)
    assert tallies["organisations"].tp == surface_ok
    assert tallies["funding"].tp == surface_ok
    assert tallies["organisations_canonical"].tp == canonical_ok


def test_a_second_gold_set_is_scored_in_its_own_columns(tmp_path):
    from pipeline import Pipeline
    from pipeline.evaluation import Evaluation
    extra = tmp_path / "realset" / "en"
    extra.mkdir(parents=True)
    for path in sorted((REPO / "samples" / "en").glob("*.gold.json"))[:2]:
        (extra / path.name).write_bytes(path.read_bytes())
        txt = path.with_name(path.name[: -len(".gold.json")] + ".txt")
        (extra / txt.name).write_bytes(txt.read_bytes())
    evaluation = Evaluation()
    evaluate(extra.parent, Pipeline(), prefix="realset", evaluation=evaluation)
    assert set(evaluation.groups) == {"realset", "realset/en"}
    assert evaluation.groups["realset"]["dates"].gold > 0
