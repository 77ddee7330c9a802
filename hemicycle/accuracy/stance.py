"""Accuracy of the stance rules against the hand-checked labels of data/corpus/stance.

    python -m hemicycle.accuracy.stance [--corpus DIR] [--holdout K]

Each label file ``<source>/<id>.json`` gives the targets of the record of the same name in
``../<source>/raw`` (``seeds``: the ``.txt`` of ``../seeds``), with a stance and a confidence.
The record is read as the pipeline reads it (``parse_document``; a document the parsers
refuse is read as plain text, and counted), and every (target, stance) is scored: per class
precision and recall, macro-F1 over the classes the high-confidence labels use. A stance
found for a state the labels do not hold is a false positive of its class; a labelled
target not found is a false negative. Targets: macro-F1 >= 0.85 on high-confidence labels,
and precision >= 0.9 for praise over every label (a false praise accuses the signatories).
Exit status 0 when met, 1 when missed, 2 when the corpus cannot be read whole (missing,
empty, a label without its record, or fewer labelled records than README.md declares).

``--holdout K`` also prints the scores per fold of K folds of records (by document, language
versions together), to show how evenly the rules do on parts of the corpus.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from hemicycle.accuracy.corpus import CORPUS_ERROR, CorpusError, default_root
from hemicycle.errors import ParseError
from hemicycle.parse.dispatch import document_text, parse_document
from hemicycle.stance import STANCES, TargetStance, read_stances

TARGET_MACRO_F1 = 0.85  # on high-confidence labels
TARGET_PRAISE_PRECISION = 0.9
SOURCES = ("pace", "ep", "seeds")
_DECLARED = re.compile(r"^\s*(\d+)\s+records\s+labelled", re.MULTILINE)  # README.md: "161 records labelled"


def default_corpus() -> Path:
    return default_root() / "stance"


@dataclass(frozen=True)
class Labelled:
    id: str  # "pace/004"
    language: str | None
    targets: dict[str, tuple[str, str]]  # code -> (stance, confidence)
    url: str | None
    content: bytes
    source: str  # parse hint: pace, ep or auto


def read_labels(folder: Path) -> list[Labelled]:
    """Every labelled record with its raw text; raises CorpusError when the corpus is not whole."""
    hint = "point --corpus at the stance folder (e.g. data/corpus/stance)"
    if not folder.is_dir():
        raise CorpusError(f"stance corpus folder {folder} does not exist ({hint})")
    files = sorted(p for s in SOURCES for p in (folder / s).glob("*.json"))
    if not files:
        raise CorpusError(f"{folder} holds no label file under {'/, '.join(SOURCES)}/ ({hint})")
    readme = folder / "README.md"
    declared = _DECLARED.search(readme.read_text(encoding="utf-8")) if readme.is_file() else None
    if declared and int(declared.group(1)) != len(files):
        raise CorpusError(f"{readme} declares {declared.group(1)} labelled records, {len(files)} found "
                          f"in {folder}: the copy is incomplete or the README is out of date")
    records = []
    for path in files:
        source = path.parent.name
        try:
            label = json.loads(path.read_text(encoding="utf-8"))
            if source == "seeds":
                raw_path = folder.parent / "seeds" / f"{path.stem}.txt"
                url, content, hint_source = None, raw_path.read_bytes(), "auto"
            else:
                raw_path = folder.parent / source / "raw" / path.name
                raw = json.loads(raw_path.read_text(encoding="utf-8"))
                url, content, hint_source = raw.get("url"), raw["excerpt"].encode(), source
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise CorpusError(f"label {source}/{path.stem} has no readable record beside it: {exc}") from exc
        targets = {t["target"]: (t["stance"], t["confidence"]) for t in label.get("targets", [])}
        records.append(Labelled(f"{source}/{path.stem}", label.get("language"), targets, url, content,
                                hint_source))
    return records


def predict(record: Labelled) -> tuple[list[TargetStance], bool]:
    """Stances of the record's statements (union over statements: a page may carry several),
    and whether the parsers read it (False: read as plain text)."""
    try:
        statements = parse_document(record.content, url=record.url, source=record.source)
        parsed = True
        parts: list[tuple[str | None, str | None, str | None]] = [(s.language, s.title, s.text) for s in statements]
    except ParseError:
        parsed = False
        try:
            text = document_text(record.content)
        except ParseError:
            text = record.content.decode("utf-8", "replace")
        parts = [(record.language, None, text)]
    found: dict[str, TargetStance] = {}
    for language, title, body in parts:
        for stance in read_stances(language, title, body):
            found.setdefault(stance.country_code, stance)
    return list(found.values()), parsed


@dataclass
class ClassScore:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Scores:
    """Per-class counts over (record, target) pairs, for labels of some confidences."""

    confidences: tuple[str, ...]
    classes: dict[str, ClassScore] = field(default_factory=lambda: {s: ClassScore() for s in STANCES})
    labelled: Counter[str] = field(default_factory=Counter)  # labels per class in scope
    misses: list[str] = field(default_factory=list)

    def add(self, record: str, truth: dict[str, tuple[str, str]], got: dict[str, TargetStance]) -> None:
        for code, (stance, confidence) in truth.items():
            if confidence not in self.confidences:
                continue
            self.labelled[stance] += 1
            found = got.get(code)
            if found and found.stance == stance:
                self.classes[stance].tp += 1
                continue
            self.classes[stance].fn += 1
            if found:
                self.classes[found.stance].fp += 1
            self.misses.append(f"{record} {code}: {stance} [{confidence}] read as "
                               f"{found.stance + ' (' + found.evidence + ')' if found else 'no target'}")
        for code, found in got.items():
            if code not in truth:
                self.classes[found.stance].fp += 1
                self.misses.append(f"{record} {code}: not a target, read as {found.stance} ({found.evidence})")

    @property
    def scored_classes(self) -> list[str]:
        return [s for s in STANCES if self.labelled[s]]

    @property
    def macro_f1(self) -> float:
        classes = self.scored_classes
        return sum(self.classes[s].f1 for s in classes) / len(classes) if classes else 0.0

    def table(self) -> list[str]:
        lines = [f"    {'stance':<11}{'labels':>7}{'tp':>5}{'fp':>5}{'fn':>5}{'precision':>11}{'recall':>8}{'F1':>7}"]
        for s in STANCES:
            c = self.classes[s]
            lines.append(f"    {s:<11}{self.labelled[s]:>7}{c.tp:>5}{c.fp:>5}{c.fn:>5}"
                         f"{c.precision:>11.3f}{c.recall:>8.3f}{c.f1:>7.3f}")
        lines.append(f"    macro-F1 over {', '.join(self.scored_classes)}: {self.macro_f1:.3f}")
        return lines


@dataclass
class Report:
    records: int = 0
    read_as_text: list[str] = field(default_factory=list)
    high: Scores = field(default_factory=lambda: Scores(("high",)))
    every: Scores = field(default_factory=lambda: Scores(("high", "medium", "low")))
    folds: list[tuple[int, Scores]] = field(default_factory=list)

    @property
    def praise_precision(self) -> float:
        return self.every.classes["praise"].precision

    def meets_targets(self) -> bool:
        return (self.records > 0 and self.high.macro_f1 >= TARGET_MACRO_F1
                and self.praise_precision >= TARGET_PRAISE_PRECISION)

    def render(self) -> str:
        verdict = "met" if self.meets_targets() else "MISSED"
        lines = [(f"Stance accuracy over {self.records} labelled records "
                  f"({len(self.read_as_text)} refused by the parsers, read as plain text)"),
                 "  high-confidence labels:", *self.high.table(),
                 "  every label (high, medium, low):", *self.every.table(),
                 (f"  target macro-F1 >= {TARGET_MACRO_F1} on high-confidence labels, praise precision "
                  f">= {TARGET_PRAISE_PRECISION} over every label: {verdict}")]
        for k, scores in self.folds:
            praise = scores.classes["praise"]
            lines.append(f"  fold {k}: high macro-F1 {scores.macro_f1:.3f}, praise precision "
                         f"{praise.precision:.3f} (tp {praise.tp}, fp {praise.fp})")
        lines.extend(f"  MISS {m}" for m in self.every.misses)
        return "\n".join(lines)


def _document_key(record: Labelled) -> str:
    """Language versions of one document fall in the same fold."""
    text = record.content.decode("utf-8", "replace")
    number = re.search(r"\b(?:Doc\.\s*|B\d-|RC-B\d-)(\d{4,5})", text)
    return number.group(1) if number else record.id


def evaluate(corpus: Path | None = None, holdout: int = 0) -> Report:
    records = read_labels(corpus or default_corpus())
    report = Report(records=len(records))
    predictions: list[tuple[Labelled, dict[str, TargetStance]]] = []
    for record in records:
        got, parsed = predict(record)
        if not parsed:
            report.read_as_text.append(record.id)
        found = {t.country_code: t for t in got}
        predictions.append((record, found))
        report.high.add(record.id, record.targets, found)
        report.every.add(record.id, record.targets, found)
    if holdout > 1:
        keys = sorted({_document_key(r) for r, _ in predictions})
        fold_of = {key: i % holdout for i, key in enumerate(keys)}
        for k in range(holdout):
            scores = Scores(("high",))
            _add_all(scores, ((r, f) for r, f in predictions if fold_of[_document_key(r)] == k))
            report.folds.append((k, scores))
    return report


def _add_all(scores: Scores, pairs: Iterable[tuple[Labelled, dict[str, TargetStance]]]) -> None:
    for record, found in pairs:
        scores.add(record.id, record.targets, found)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=None,
                        help="the stance folder (pace/, ep/, seeds/ of labels beside ../pace/raw, ../ep/raw, ../seeds)")
    parser.add_argument("--holdout", type=int, default=0, help="also score K folds of documents")
    args = parser.parse_args(argv)
    try:
        report = evaluate(args.corpus, args.holdout)
    except CorpusError as exc:
        print(f"Stance accuracy: {exc}", file=sys.stderr)
        return CORPUS_ERROR
    print(report.render())
    return 0 if report.meets_targets() else 1


if __name__ == "__main__":
    sys.exit(main())
