"""The accuracy harness over the whole PACE corpus: the targets users rely on."""

from __future__ import annotations

from pathlib import Path

from hemicycle.accuracy.pace import evaluate


def test_pace_parser_meets_accuracy_targets(corpus_dir: Path) -> None:
    report = evaluate(corpus_dir / "pace")
    print(report.render())
    assert report.documents >= 50
    assert report.complete.f1 >= 0.995, report.render()
    # cut lists: exactly the entries present, and flagged as cut
    assert report.truncated.false_positives == 0 and report.truncated.false_negatives == 0
    assert report.flag_errors == []
    assert report.field_errors == [], report.render()
