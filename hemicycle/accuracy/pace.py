"""Accuracy of the PACE parser against the hand-checked truth of data/corpus/pace.

    python -m hemicycle.accuracy.pace [--corpus DIR]

Scores (family name, ISO country, group code) per signatory: precision, recall and F1 over
documents whose list is complete; documents cut inside their list must give exactly the
entries present and be flagged as cut. Prints every miss. Exit status 0 when the targets are
met (F1 >= 0.995 on complete lists, and no list the truth says is cut published as
complete), 1 when one is missed, 2 when the corpus cannot be read (missing, empty, or
fewer records than its INDEX.md declares).
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
from hemicycle.parse.selfcheck import verdict
from hemicycle.vocab import CountryVocabulary, GroupVocabulary

TARGET_F1 = 0.995  # on complete lists


def default_corpus() -> Path:
    return default_root() / "pace"


@dataclass
class Report:
    complete: Score = field(default_factory=Score)
    truncated: Score = field(default_factory=Score)
    records: int = 0  # records of the corpus, all read (news items included)
    documents: int = 0
    truncated_documents: int = 0
    flag_errors: list[str] = field(default_factory=list)  # cut lists not flagged, or the reverse
    field_errors: list[str] = field(default_factory=list)  # doc_type, doc_no, date, number

    @property
    def silently_complete(self) -> list[str]:
        """Cut lists published as complete: the failure users cannot see."""
        return [e for e in self.flag_errors if "signatories_complete=True" in e]

    def meets_targets(self) -> bool:
        return self.documents > 0 and self.complete.f1 >= TARGET_F1 and not self.silently_complete

    def render(self) -> str:
        verdict = "met" if self.meets_targets() else "MISSED"
        lines = [f"PACE accuracy over {self.documents} documents of {self.records} records "
                 f"({self.truncated_documents} cut inside their list)",
                 f"  complete lists: {self.complete.summary()}",
                 f"  cut lists:      {self.truncated.summary()}",
                 f"  truncation flags wrong: {len(self.flag_errors)}; "
                 f"header fields wrong: {len(self.field_errors)}",
                 f"  target F1 >= {TARGET_F1} on complete lists, no cut list published as complete: {verdict}"]
        for doc, kind, key in self.complete.misses + self.truncated.misses:
            lines.append(f"  MISS {doc}: {kind} {key}")
        lines.extend(f"  FLAG {e}" for e in self.flag_errors)
        lines.extend(f"  FIELD {e}" for e in self.field_errors)
        return "\n".join(lines)


Key = tuple[str, str | None, str | None]  # (family name key, ISO country, group code)


def _keys(rows: list[tuple[str | None, str | None, str | None]], date: dt.date | None,
          groups: GroupVocabulary, countries: CountryVocabulary) -> list[Key]:
    keys: list[Key] = []
    for family, country, group in rows:
        match = groups.resolve("pace", group, date)
        keys.append((name_key(family or ""), countries.resolve(country), match.code if match else None))
    return keys


def evaluate(corpus: Path | None = None) -> Report:
    """Scores of the parser on every record of ``corpus``; raises CorpusError when the corpus
    cannot be read whole."""
    records = read_corpus(corpus or default_corpus())
    groups, countries = GroupVocabulary.load(), CountryVocabulary.load()
    report = Report(records=len(records))
    for record in records:
        truth, raw, doc = record.truth, record.raw, record.id
        if truth.get("doc_type") in (None, "news") or doc.startswith("news"):
            continue
        date = dt.date.fromisoformat(truth["date"]) if truth.get("date") else None
        try:
            (statement,) = parse_document(raw["excerpt"].encode(), url=raw["url"], source="pace")
            got_rows = [(s.family_name, s.country_label, s.group_label) for s in statement.signatories]
        except ParseError as exc:
            statement, got_rows = None, []
            if truth["signatories"]:
                report.field_errors.append(f"{doc}: parse error {exc.reason}: {exc}")
        want_rows = [(s["family_name"], s["country_as_printed"], s["group_as_printed"])
                     for s in truth["signatories"]]
        expected = _keys(want_rows, date, groups, countries)
        got = _keys(got_rows, date, groups, countries)
        report.documents += 1
        if truth["signatories_complete"]:
            report.complete.add(doc, expected, got)
        else:
            report.truncated_documents += 1
            report.truncated.add(doc, expected, got)
        if statement is None:
            continue
        complete, _ = verdict(statement)  # as the tables and `hemicycle parse` state it
        if complete != truth["signatories_complete"]:
            report.flag_errors.append(f"{doc}: signatories_complete={complete}, "
                                      f"truth {truth['signatories_complete']}")
        checks = {"doc_type": (statement.doc_type, truth["doc_type"]),
                  "doc_no": (statement.doc_no, truth.get("doc_no")),
                  "date": (statement.date.isoformat() if statement.date else None, truth.get("date")),
                  "number": (statement.number, truth.get("declaration_no")),
                  "declared_total": (statement.declared_total, truth.get("declared_total")),
                  "title": (" ".join((statement.title or "").split()),
                            " ".join((truth.get("title") or "").split()))}
        for sig, want in zip(statement.signatories, truth["signatories"], strict=False):
            got_parts = (sig.prefix or "", sig.given_name or "", sig.name)
            want_parts = (want["prefix"] or "", want["given_name"] or "", want["name_as_printed"])
            if got_parts != want_parts:
                report.field_errors.append(f"{doc}#{sig.position}: name parts {got_parts}, truth {want_parts}")
        for name, (value, want) in checks.items():
            if str(value or "") != str(want or ""):
                report.field_errors.append(f"{doc}: {name} {value!r}, truth {want!r}")
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=None, help="folder with raw/ and truth/")
    args = parser.parse_args(argv)
    try:
        report = evaluate(args.corpus)
    except CorpusError as exc:
        print(f"PACE accuracy: {exc}", file=sys.stderr)
        return CORPUS_ERROR
    if report.documents == 0:
        print(f"PACE accuracy: no scorable document among {report.records} records", file=sys.stderr)
        return CORPUS_ERROR
    print(report.render())
    return 0 if report.meets_targets() else 1


if __name__ == "__main__":
    sys.exit(main())
