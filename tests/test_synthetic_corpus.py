"""The benchmark corpus is only worth timing if the parsers read it as they read real pages."""

from __future__ import annotations

import datetime as dt
import itertools
import json
from pathlib import Path

from benchmarks.corpus import CorpusMaker, Document, write_corpus
from hemicycle.fetch.sample import iter_sample_documents
from hemicycle.fetch.store import sha256_hex
from hemicycle.normalise import build_tables
from hemicycle.parse.dispatch import parse_raw_document
from hemicycle.records import RawDocument

DOCUMENT_FAULTS = {"truncated_html": "truncated_html", "mojibake": "mojibake",
                   "challenge": "blocked_challenge", "empty": "empty", "binary": "binary",
                   "not_a_statement": "not_a_statement"}
ROW_FAULTS = {"missing_country": "missing_country", "duplicate_signatory": "duplicate_signatory",
              "date_out_of_range": "date_out_of_range"}


def _raw(doc: Document) -> RawDocument:
    return RawDocument(source=doc.source, url=doc.url, content=doc.content, content_type=doc.content_type,
                       fetched_at="2026-07-01T00:00:00Z", sha256=sha256_hex(doc.content))


def test_every_synthetic_document_parses_as_written_and_faults_end_in_quarantine() -> None:
    docs = list(itertools.islice(CorpusMaker(seed=7).documents(), 600))
    parsed = []
    kinds = set()
    for doc in docs:
        result = parse_raw_document(_raw(doc))
        parsed.append(result)
        kinds.add(doc.kind)
        if doc.kind in DOCUMENT_FAULTS:
            assert result.error_reason == DOCUMENT_FAULTS[doc.kind], doc.url
            continue
        assert result.error_reason is None, (doc.kind, doc.url, result.error_message)
        assert sum(len(st.signatories) for st in result.statements) == doc.signatories, doc.url
    assert {"html_modern", "html_xref", "text", "pdf_text", "ep_motion_html", "ep_joint_html",
            "ep_odp_json", "ep_summary_html"} <= kinds
    tables = build_tables(parsed, today=dt.date(2026, 11, 23))
    rules = set(tables.quarantine["rule"].to_list())
    assert {ROW_FAULTS[k] for k in kinds & ROW_FAULTS.keys()} <= rules
    # language versions of one statement agree, as the blocking check requires
    assert tables.statement_versions["agrees"].all()
    assert tables.statements.height < len(docs)  # EN and FR pages merged


def test_corpus_folder_is_deterministic_and_reads_like_the_sample(tmp_path: Path) -> None:
    first = write_corpus(tmp_path / "a", 120, seed=3)
    write_corpus(tmp_path / "b", 120, seed=3)
    manifest = (tmp_path / "a" / "manifest.json").read_bytes()
    assert manifest == (tmp_path / "b" / "manifest.json").read_bytes()
    assert json.loads(manifest)["generator"]["printed_signatories"] == first.printed_signatories
    docs = list(iter_sample_documents(tmp_path / "a"))
    assert len(docs) == 120
    assert [d.sha256 for d in docs] == [d.sha256 for d in iter_sample_documents(tmp_path / "b")]
