"""Scoring the pipeline against gold annotations (``samples/*/NAME.gold.json``).

The gold format is documented in ``samples/GOLD.md``. Lists are compared as multisets of
keys (one object per mention), so a date found twice where gold has it once costs
precision. Scores are micro-averaged, overall and per group (the sample's folder, which is
its language: ``en``, ``ru``, ``uz-Cyrl``, …, ``mixed``).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Optional

from .records import PressRelease
from .segmenting import paragraph_spans

PRF_FIELDS = ("dates", "counts", "money", "organisations", "funding", "events", "programmes",
              "organisations_canonical", "programmes_canonical")
ACCURACY_FIELDS = ("paragraph_lang", "uzbek_script", "dateline", "participants", "grounding")


@dataclass
class Tally:
    """Counts behind one figure: true positives, predicted, gold (or correct and total)."""

    tp: int = 0
    predicted: int = 0
    gold: int = 0

    def add(self, other: "Tally") -> None:
        self.tp += other.tp
        self.predicted += other.predicted
        self.gold += other.gold

    @property
    def precision(self) -> Optional[float]:
        return self.tp / self.predicted if self.predicted else (None if not self.gold else 0.0)

    @property
    def recall(self) -> Optional[float]:
        return self.tp / self.gold if self.gold else None

    @property
    def f1(self) -> Optional[float]:
        if not self.gold and not self.predicted:
            return None
        if not self.gold or not self.predicted:
            return 0.0
        p, r = self.tp / self.predicted, self.tp / self.gold
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def accuracy(self) -> Optional[float]:
        return self.tp / self.gold if self.gold else None


def multiset_tally(predicted: Iterable, gold: Iterable) -> Tally:
    p, g = Counter(predicted), Counter(gold)
    return Tally(tp=sum((p & g).values()), predicted=sum(p.values()), gold=sum(g.values()))


def name_key(name: Optional[str]) -> str:
    """Names compare without case, quotes, or spacing differences."""
    return re.sub(r"\s+", " ", re.sub(r"[\"'«»“”„‘’`]", "", name or "")).strip().casefold()


def surface_names(gold: dict[str, Any]) -> dict[str, str]:
    """Gold's ``surface`` forms, each mapped to its canonical name (both as name keys).

    A predicted name that is one of the forms the text uses for an organisation or a
    programme is that organisation or programme; the ``*_canonical`` figures ignore this.
    """
    mapping: dict[str, str] = {}
    for canonical, forms in (gold.get("surface") or {}).items():
        for form in forms:
            mapping.setdefault(name_key(form), name_key(canonical))
    return mapping


def _period(obj: Optional[dict]) -> tuple[Optional[str], Optional[str]]:
    if not obj:
        return (None, None)
    return (obj.get("start"), obj.get("end"))


def score_document(record: PressRelease, gold: dict[str, Any], text: str) -> dict[str, Tally]:
    """Tallies for one document."""
    tallies: dict[str, Tally] = {}
    # Paragraph language and Uzbek script: each gold paragraph against its segment.
    paragraphs = paragraph_spans(text)
    lang_t, script_t = Tally(), Tally()
    for i, (start, _end) in enumerate(paragraphs):
        if i >= len(gold["paragraph_langs"]):
            break
        seg = next((s for s in record.segments if s.start <= start < s.end), None)
        lang, script = (seg.lang, seg.script) if seg else ("und", "Zyyy")
        lang_t.gold += 1
        lang_t.tp += lang == gold["paragraph_langs"][i]
        if gold["paragraph_langs"][i] == "uz":
            script_t.gold += 1
            script_t.tp += lang == "uz" and script == gold["paragraph_scripts"][i]
    tallies["paragraph_lang"], tallies["uzbek_script"] = lang_t, script_t

    # Grounding, measured on the serialised record rather than trusted.
    grounded = Tally()
    def walk(obj: Any) -> None:
        if isinstance(obj, dict):
            if {"text", "start", "end"} <= obj.keys():
                grounded.gold += 1
                grounded.tp += text[obj["start"]:obj["end"]] == obj["text"]
            for value in obj.values():
                walk(value)
        elif isinstance(obj, list):
            for value in obj:
                walk(value)
    walk(record.model_dump(mode="json"))
    tallies["grounding"] = grounded

    tallies["dates"] = multiset_tally(
        [(d.value.start, d.value.end) for d in record.dates if d.value],
        [(d["start"], d["end"]) for d in gold["dates"]])
    tallies["counts"] = multiset_tally([c.value for c in record.counts], [c["value"] for c in gold["counts"]])
    tallies["money"] = multiset_tally([(float(m.value), m.currency) for m in record.money],
                                      [(float(m["value"]), m["currency"]) for m in gold["money"]])
    surface = surface_names(gold)
    def canonical(name: Optional[str]) -> str:
        key = name_key(name)
        return surface.get(key, key)

    predicted_orgs = {e.name for e in record.entities if e.label == "ORG"}
    gold_orgs = {name_key(n) for n in gold["organisations"]}
    tallies["organisations"] = multiset_tally({canonical(n) for n in predicted_orgs}, gold_orgs)
    tallies["organisations_canonical"] = multiset_tally({name_key(n) for n in predicted_orgs}, gold_orgs)
    tallies["funding"] = multiset_tally({(canonical(f.name), f.role) for f in record.funding},
                                        {(name_key(f["name"]), f["role"]) for f in gold["funding"]})
    tallies["events"] = multiset_tally([(e.type, e.date.start if e.date else None) for e in record.events],
                                       [(e["type"], e.get("start")) for e in gold["events"]])
    gold_programmes = {name_key(p["name"]) for p in gold["programmes"]}
    tallies["programmes"] = multiset_tally({canonical(p.name) for p in record.programmes}, gold_programmes)
    tallies["programmes_canonical"] = multiset_tally({name_key(p.name) for p in record.programmes},
                                                     gold_programmes)

    # Participants: a gold event with participants is right when a predicted event of the
    # same type and start date states the same participant counts.
    part = Tally()
    predicted = [(e.type, e.date.start if e.date else None, sorted(p.count for p in e.participants))
                 for e in record.events]
    for event in gold["events"]:
        if not event.get("participants"):
            continue
        part.gold += 1
        key = (event["type"], event.get("start"), sorted(event["participants"]))
        if key in predicted:
            predicted.remove(key)
            part.tp += 1
    tallies["participants"] = part

    # Dateline: right when place and dates agree; a dateline where gold has none is wrong.
    dl = Tally()
    gold_dl = gold.get("dateline")
    if gold_dl is not None:
        dl.gold = 1
        pred = record.dateline
        dl.tp = int(pred is not None and name_key(pred.place) == name_key(gold_dl["place"])
                    and _period(pred.date.model_dump() if pred.date else None) == (gold_dl["start"], gold_dl["end"]))
    tallies["dateline"] = dl
    tallies["false_dateline"] = Tally(tp=int(gold_dl is None and record.dateline is not None),
                                      gold=int(gold_dl is None))
    return tallies


@dataclass
class Evaluation:
    groups: dict[str, dict[str, Tally]] = field(default_factory=dict)
    documents: int = 0
    failures: list[str] = field(default_factory=list)

    def add(self, group: str, tallies: dict[str, Tally]) -> None:
        """Count a document in its group and in that group's total.

        Top-level folders (``en``, ``ru``, …) add up to ``overall``; a nested folder such as
        ``heldout/en`` adds up to its parent, ``heldout``, so a held-out set is scored
        apart from the releases the rules were tuned on.
        """
        total = group.split("/")[0] if "/" in group else "overall"
        for name in (group, total):
            bucket = self.groups.setdefault(name, {})
            for key, tally in tallies.items():
                bucket.setdefault(key, Tally()).add(tally)

    def figures(self) -> dict[str, dict[str, Optional[float]]]:
        """``{group: {metric: value}}`` with metric names like ``dates.f1``."""
        out: dict[str, dict[str, Optional[float]]] = {}
        for group, tallies in sorted(self.groups.items(), key=lambda kv: (kv[0] != "overall", "/" in kv[0], kv[0])):
            row: dict[str, Optional[float]] = {}
            for key in ACCURACY_FIELDS:
                if key in tallies:
                    row[f"{key}.accuracy"] = _round(tallies[key].accuracy)
            for key in PRF_FIELDS:
                if key in tallies:
                    t = tallies[key]
                    row[f"{key}.precision"] = _round(t.precision)
                    row[f"{key}.recall"] = _round(t.recall)
                    row[f"{key}.f1"] = _round(t.f1)
            if "organisations" in tallies and tallies["organisations"].predicted:
                # Junk: predicted organisation names that are no gold organisation.
                t = tallies["organisations"]
                row["organisations.junk_rate"] = _round(1 - t.tp / t.predicted)
            row["false_dateline.rate"] = _round(tallies["false_dateline"].accuracy) if "false_dateline" in tallies else None
            out[group] = row
        return out


def _round(value: Optional[float]) -> Optional[float]:
    return None if value is None else round(value, 4)


def gold_files(gold_dir: Path) -> list[Path]:
    return sorted(gold_dir.rglob("*.gold.json"))


def evaluate(gold_dir: Path, pipe, *, prefix: str = "",
             evaluation: Optional[Evaluation] = None) -> Evaluation:
    """Run ``pipe`` over every ``NAME.txt`` that has a ``NAME.gold.json`` under ``gold_dir``.

    With ``prefix`` (say ``restated_releases``) the groups are ``prefix/<folder>`` and add
    up to ``prefix``, so a second gold set is scored in columns of its own beside the first.
    """
    from .reading import read_bytes

    evaluation = evaluation if evaluation is not None else Evaluation()
    for gold_path in gold_files(gold_dir):
        text_path = gold_path.with_name(gold_path.name[: -len(".gold.json")] + ".txt")
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        if not text_path.exists():
            evaluation.failures.append(f"{gold_path}: no {text_path.name}")
            continue
        source = read_bytes(text_path.read_bytes(), id=gold["id"], path=text_path.as_posix())
        record = pipe.extract_source(source)
        group = text_path.parent.relative_to(gold_dir).as_posix() if text_path.parent != gold_dir else "."
        if prefix:
            group = f"{prefix}/{group.split('/')[0]}"
        evaluation.add(group, score_document(record, gold, source.text))
        evaluation.documents += 1
    return evaluation


def format_table(figures: dict[str, dict[str, Optional[float]]]) -> str:
    """A plain-text table: one row per metric, one column per group."""
    groups = list(figures)
    metrics = list(next(iter(figures.values())).keys()) if figures else []
    width = max([len(m) for m in metrics] + [10])
    widths = [max(8, len(g)) for g in groups]
    lines = [" ".join([f"{'metric':<{width}}"] + [f"{g:>{w}}" for g, w in zip(groups, widths)])]
    for metric in metrics:
        cells = []
        for g, w in zip(groups, widths):
            value = figures[g].get(metric)
            cells.append(f"{'-' if value is None else f'{value:.3f}':>{w}}")
        lines.append(" ".join([f"{metric:<{width}}"] + cells))
    return "\n".join(lines)


def check_thresholds(figures: dict[str, dict[str, Optional[float]]],
                     thresholds: dict[str, dict[str, float]]) -> list[str]:
    """Every figure below its committed threshold, as a message; empty when all hold."""
    failures = []
    for group, limits in thresholds.items():
        for metric, minimum in limits.items():
            value = figures.get(group, {}).get(metric)
            if value is None:
                failures.append(f"{group} {metric}: no figure (threshold {minimum})")
            elif value + 1e-9 < minimum:
                failures.append(f"{group} {metric}: {value:.4f} is below the threshold {minimum}")
    return failures
