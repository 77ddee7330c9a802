"""Accuracy of the EP parsers against the hand-checked truth of ../shared/corpus/ep.

    python -m hemicycle.accuracy.ep [--corpus DIR]

Scores (name, group code) for the kinds pv_authors, joint_motion and motion over complete
documents; debate-speaker pages must give no statement. Prints every miss.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

from hemicycle.accuracy.scoring import Score
from hemicycle.errors import ParseError
from hemicycle.names import name_key
from hemicycle.parse.dispatch import parse_document
from hemicycle.vocab import GroupVocabulary

PROJECT_ROOT = Path(__file__).resolve().parents[2]
SCORED_KINDS = ("pv_authors", "joint_motion", "motion", "written_declaration")


def default_corpus() -> Path:
    root = os.environ.get("HEMICYCLE_CORPUS")
    return (Path(root) if root else PROJECT_ROOT.parent / "shared" / "corpus") / "ep"


@dataclass
class Report:
    complete: Score = field(default_factory=Score)
    documents: int = 0
    summaries: Score = field(default_factory=Score)  # tabling groups of press summaries
    summary_documents: int = 0
    speaker_pages: int = 0
    speaker_pages_with_statements: list[str] = field(default_factory=list)

    def render(self) -> str:
        lines = [f"EP accuracy over {self.documents} complete documents "
                 f"({', '.join(SCORED_KINDS)})",
                 f"  {self.complete.summary()}",
                 f"  debate-speaker pages: {self.speaker_pages}, giving statements: "
                 f"{len(self.speaker_pages_with_statements)} {self.speaker_pages_with_statements}",
                 f"  press summaries ({self.summary_documents} complete, tabling group codes): "
                 f"{self.summaries.summary()}"]
        lines.extend(f"  MISS {doc}: {kind} {key}"
                     for doc, kind, key in self.complete.misses + self.summaries.misses)
        return "\n".join(lines)


def evaluate(corpus: Path | None = None) -> Report:
    corpus = corpus or default_corpus()
    groups = GroupVocabulary.load()
    report = Report()

    def key(name: str, label: str | None, date: dt.date | None):
        match = groups.resolve("ep", label, date)
        return name_key(name), match.code if match else None

    for truth_path in sorted((corpus / "truth").glob("*.json")):
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        doc = truth_path.stem
        raw = json.loads((corpus / "raw" / f"{doc}.json").read_text(encoding="utf-8"))
        try:
            statements = parse_document(raw["excerpt"].encode(), url=raw["url"], source="ep")
        except ParseError:
            statements = []
        if truth["kind"] == "pv_debate_speakers":
            report.speaker_pages += 1
            if any(st.signatories for st in statements):
                report.speaker_pages_with_statements.append(doc)
            continue
        if not truth.get("complete"):
            continue
        date = dt.date.fromisoformat(truth["date"]) if truth.get("date") else None
        if truth["kind"] == "press_summary":
            report.summary_documents += 1
            report.summaries.add(doc, [key("", g.get("group_as_printed"), date)[1] for g in truth["groups"]],
                                 [key("", s.group_label, date)[1] for st in statements
                                  for s in st.signatories if s.kind == "group"])
            continue
        if truth["kind"] not in SCORED_KINDS:
            continue
        expected = [key(name, g.get("group_as_printed"), date)
                    for g in truth["groups"] for name in g["members_as_printed"]]
        got = [key(s.name, s.group_label, date) for st in statements for s in st.signatories]
        report.documents += 1
        report.complete.add(doc, expected, got)
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=None, help="folder with raw/ and truth/")
    args = parser.parse_args(argv)
    report = evaluate(args.corpus)
    print(report.render())
    return 0 if report.complete.f1 >= 0.98 and not report.speaker_pages_with_statements else 1


if __name__ == "__main__":
    sys.exit(main())
