"""Parsed documents as flat frames: one row per statement version, one per printed signature.

Parsers return objects; everything after them works on columns. ``flatten`` turns a batch
of parsed documents into the rows of ``documents``, the quarantine rows of what could not
be read or keyed, and two frames with labels exactly as printed: statement versions and
their signatures. It decides, per statement, whether a version is kept (it has an id and
a plausible date); what its rows become is ``hemicycle.normalise``'s job.

Every version carries ``seq``, its rank in the run's reading order, so that ties between
versions are settled the same way however the run is cut into batches.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import polars as pl

from hemicycle.parse.selfcheck import declared_total_problem, judged, verdict
from hemicycle.records import DocumentMeta, ListProblem, ParsedDocument, ParsedStatement
from hemicycle.schema import DOCUMENTS, QUARANTINE
from hemicycle.vocab import assembly_first_sittings

PRIMARY_DOC_TYPES = {"written_declaration", "motion_resolution", "motion_recommendation",
                     "joint_motion", "motion"}

VERSION_SCHEMA: dict[str, pl.DataType] = {
    "seq": pl.Int64(),  # reading order of the version in the run
    "doc_seq": pl.Int64(),  # reading order of its document
    "k": pl.Int64(),  # rank of the statement in its document
    "statement_id": pl.String(),
    "kept": pl.Boolean(),  # a current version with a plausible date: it feeds the tables
    "source": pl.String(), "doc_type": pl.String(), "language": pl.String(),
    "doc_no": pl.String(), "number": pl.String(), "date": pl.Date(), "title": pl.String(),
    "declared_total": pl.Int64(), "signatories_complete": pl.Boolean(),
    "incomplete_reasons": pl.List(pl.String()),  # why the list is not whole; empty when it is
    "incomplete_detail": pl.String(),  # what the text showed, one message per reason
    "trusted": pl.Boolean(),  # the version's list passes its own checks (``trusted``)
    "signatory_count": pl.Int64(), "file_id": pl.String(), "term": pl.Int64(),
    "procedure": pl.String(), "text": pl.String(),
    # the document the version was read from
    "url": pl.String(), "raw_sha256": pl.String(), "doc_source": pl.String(),
    "fetched_at": pl.String(),
}
SIGNATURE_FIELDS = ("position", "kind", "name", "prefix", "given_name", "family_name",
                    "country_label", "group_label", "person_ref", "role")
SIGNATURE_SCHEMA: dict[str, pl.DataType] = {
    "seq": pl.Int64(), "statement_id": pl.String(),
    "i": pl.Int64(),  # rank in the printed list (0-based)
    **{name: pl.Int64() if name == "position" else pl.String() for name in SIGNATURE_FIELDS},
}
_signature_fields = operator.attrgetter(*SIGNATURE_FIELDS)
_STATEMENT_FIELDS = ("source", "doc_type", "language", "doc_no", "number", "date", "title",
                     "declared_total", "file_id", "term", "procedure", "text")



def statement_id(st: ParsedStatement, meta: DocumentMeta) -> str | None:
    """Stable id from source + document number; None when the document carries no number.

    Declarations and motions are identified by their number alone, so the EN and FR pages
    meet. Other PACE documents (amendments...) share the number of the text they amend,
    so their FileID is added.
    """
    if st.source == "pace":
        if not st.doc_no:
            return None
        if st.doc_type in PRIMARY_DOC_TYPES:
            return f"pace:{st.doc_no}"
        return f"pace:{st.doc_no}:{st.file_id or meta.raw_sha256[:12]}"
    if st.doc_no:
        return f"ep:{st.doc_no}"
    if st.doc_type == "press_summary":
        return f"ep:summary:{meta.raw_sha256[:12]}"
    return None


def statement_problem(st: ParsedStatement, today: dt.date) -> tuple[str, str] | None:
    """A blocking reason to keep the whole statement out of the clean tables, if any."""
    if st.date is None:
        return None
    first = assembly_first_sittings().get(st.source)
    if first and st.date < first:
        return "date_out_of_range", f"date {st.date} is before the assembly's first sitting ({first})"
    if st.date > today:
        return "date_in_future", f"date {st.date} is after the day of the run ({today})"
    return None


def list_verdict(st: ParsedStatement) -> tuple[bool, tuple[ListProblem, ...]]:
    """(complete, problems) of a version's list: the parser's verdict, and the total the
    document declares checked here too, for parsers that do not check it themselves."""
    complete, problems = verdict(st)
    total = declared_total_problem(st.declared_total, len(st.signatories))
    if total is not None and total not in problems:
        complete, problems = judged([*problems, total])
    return complete, problems


def trusted(st: ParsedStatement, complete: bool) -> bool:
    """The version's list passes every check the text allows on its own: a list was read and
    found whole (nothing cut, unread or missing; the declared total, if any, matched)."""
    return complete and bool(st.signatories)


def quarantine_row(meta: DocumentMeta, stage: str, rule: str, message: str, record: str = "") -> dict[str, str]:
    return {"source": meta.source, "url": meta.url, "raw_sha256": meta.raw_sha256, "stage": stage,
            "rule": rule, "record": record, "message": message, "first_seen": meta.fetched_at}


@dataclass(frozen=True, slots=True)
class Reading:
    """One raw index row as parsed: the current content of a page, or an older one (read
    for the signature timeline only)."""

    parsed: ParsedDocument
    current: bool = True


@dataclass
class Flat:
    documents: pl.DataFrame  # DOCUMENTS rows, current versions only
    quarantine: pl.DataFrame  # QUARANTINE rows of the parse and of keying statements
    versions: pl.DataFrame  # VERSION_SCHEMA
    signatures: pl.DataFrame  # SIGNATURE_SCHEMA


class _Columns:
    def __init__(self, schema: dict[str, pl.DataType]):
        self.schema = schema
        self.columns: dict[str, list[Any]] = {name: [] for name in schema}

    def frame(self) -> pl.DataFrame:
        return pl.DataFrame({name: pl.Series(name, values, dtype=self.schema[name])
                             for name, values in self.columns.items()})


def flatten(readings: Iterable[Reading | ParsedDocument], today: dt.date | None, seq: int = 0,
            doc_seq: int = 0) -> Flat:
    """Rows of a batch of parsed documents; ``seq``/``doc_seq``: ranks the batch starts at.

    ``today``: the day of the run, which the dates of current readings are checked against
    (None only for readings that are all older versions).
    """
    documents: list[dict[str, Any]] = []
    quarantine: list[dict[str, str]] = []
    versions = _Columns(VERSION_SCHEMA)
    signatures = _Columns(SIGNATURE_SCHEMA)
    v, s = versions.columns, signatures.columns
    for reading in readings:
        if isinstance(reading, ParsedDocument):
            reading = Reading(reading)
        doc, meta = reading.parsed, reading.parsed.meta
        if reading.current and today is None:
            raise ValueError(f"{meta.url}: a current reading needs the day of the run to check its dates")
        kept = 0
        if reading.current and doc.error_reason:
            quarantine.append(quarantine_row(meta, "parse", doc.error_reason, doc.error_message or ""))
        for k, st in enumerate(doc.statements):
            sid = statement_id(st, meta)
            if sid is None:
                if reading.current:
                    quarantine.append(quarantine_row(meta, "normalise", "no_document_number",
                                                     f"{st.doc_type} has no document number to key it"))
                continue
            problem = statement_problem(st, today) if reading.current and today is not None else None
            if problem and reading.current:
                quarantine.append(quarantine_row(meta, "normalise", *problem, record=sid))
            keep = reading.current and not problem
            kept += keep
            for name in _STATEMENT_FIELDS:
                v[name].append(getattr(st, name))
            complete, problems = list_verdict(st)
            reasons = list(dict.fromkeys(p.reason for p in problems))
            detail = "; ".join(f"{p.reason}: {p.message}" for p in problems) or None
            v["signatories_complete"].append(complete)
            v["incomplete_reasons"].append(reasons)
            v["incomplete_detail"].append(detail)
            v["seq"].append(seq)
            v["doc_seq"].append(doc_seq)
            v["k"].append(k)
            v["statement_id"].append(sid)
            v["kept"].append(keep)
            v["trusted"].append(trusted(st, complete))
            v["signatory_count"].append(len(st.signatories))
            v["url"].append(meta.url)
            v["raw_sha256"].append(meta.raw_sha256)
            v["doc_source"].append(meta.source)
            v["fetched_at"].append(meta.fetched_at)
            sigs = st.signatories
            n = len(sigs)
            if n:
                s["seq"].extend([seq] * n)
                s["statement_id"].extend([sid] * n)
                s["i"].extend(range(n))
                for name, values in zip(SIGNATURE_FIELDS, zip(*map(_signature_fields, sigs), strict=True), strict=True):
                    s[name].extend(values)
            seq += 1
        if reading.current:
            documents.append({
                "raw_sha256": meta.raw_sha256, "url": meta.url, "source": meta.source,
                "content_type": meta.content_type, "fetched_at": meta.fetched_at,
                "bytes": meta.bytes, "status": "parsed" if kept else "quarantined", "statements": kept,
            })
        doc_seq += 1
    return Flat(documents=DOCUMENTS.conform(documents), quarantine=QUARANTINE.conform(quarantine),
                versions=versions.frame(), signatures=signatures.frame())
