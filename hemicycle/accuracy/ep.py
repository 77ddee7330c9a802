"""Accuracy of the EP parsers against the hand-checked truth of data/corpus/ep.

    python -m hemicycle.accuracy.ep [--corpus DIR]

Scores (name, group code) for the kinds pv_authors, joint_motion and motion over complete
documents; debate-speaker pages must give no statement. Prints every miss. Exit status 0 when
the targets are met (F1 >= 0.99 on complete lists and on the tabling groups of press
summaries, no statement from a debate-speaker page), 1 when one is missed, 2 when the corpus
cannot be read (missing, empty, or fewer records than its INDEX.md declares).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from dataclasses import dataclass, field
from pathlib import Path

from hemicycle.accuracy.corpus import CORPUS_ERROR, CorpusError, default_root, read_corpus
from hemicycle.accuracy.scoring import Score
from hemicycle.errors import ParseError
from hemicycle.names import name_key
from hemicycle.parse.dispatch import parse_document
from hemicycle.vocab import GroupVocabulary

SCORED_KINDS = ("pv_authors", "joint_motion", "motion", "written_declaration")
TARGET_F1 = 0.99  # on complete lists, and on the tabling groups of press summaries


def default_corpus() -> Path:
    return default_root() / "ep"


@dataclass
class Report:
    complete: Score = field(default_factory=Score)
    records: int = 0  # records of the corpus, all read
    documents: int = 0
    summaries: Score = field(default_factory=Score)  # tabling groups of press summaries
    summary_documents: int = 0
    speaker_pages: int = 0
    speaker_pages_with_statements: list[str] = field(default_factory=list)

    def meets_targets(self) -> bool:
        return (self.documents > 0 and self.complete.f1 >= TARGET_F1 and self.summaries.f1 >= TARGET_F1
                and not self.speaker_pages_with_statements)

    def render(self) -> str:
        verdict = "met" if self.meets_targets() else "MISSED"
        lines = [f"EP accuracy over {self.documents} complete documents of {self.records} records "
                 f"({', '.join(SCORED_KINDS)})",
                 f"  {self.complete.summary()}",
                 f"  debate-speaker pages: {self.speaker_pages}, giving statements: "
                 f"{len(self.speaker_pages_with_statements)} {self.speaker_pages_with_statements}",
                 f"  press summaries ({self.summary_documents} complete, tabling group codes): "
                 f"{self.summaries.summary()}",
                 f"  target F1 >= {TARGET_F1} on complete lists and press summaries, no statement from "
                 f"a debate-speaker page: {verdict}"]
        lines.extend(f"  MISS {doc}: {kind} {key}"
                     for doc, kind, key in self.complete.misses + self.summaries.misses)
        return "\n".join(lines)


def evaluate(corpus: Path | None = None) -> Report:
    """Scores of the parsers on every record of ``corpus``; raises CorpusError when the corpus
    cannot be read whole."""
    records = read_corpus(corpus or default_corpus())
    groups = GroupVocabulary.load()
    report = Report(records=len(records))

    def key(name: str, label: str | None, date: dt.date | None) -> tuple[str, str | None]:
        match = groups.resolve("ep", label, date)
        return name_key(name), match.code if match else None

    for record in records:
        truth, raw, doc = record.truth, record.raw, record.id
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
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=None, help="folder with raw/ and truth/")
    args = parser.parse_args(argv)
    try:
        report = evaluate(args.corpus)
    except CorpusError as exc:
        print(f"EP accuracy: {exc}", file=sys.stderr)
        return CORPUS_ERROR
    if report.documents == 0:
        print(f"EP accuracy: no scorable document among {report.records} records", file=sys.stderr)
        return CORPUS_ERROR
    print(report.render())
    return 0 if report.meets_targets() else 1


if __name__ == "__main__":
    sys.exit(main())
