from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import duckdb
import polars as pl
import pyarrow.parquet as pq
import pytest
from published import publish_frame

from hemicycle.fetch.store import RawStore, sha256_hex
from hemicycle.publish.duck import build_database, connect
from hemicycle.records import RawDocument
from hemicycle.schema import CATALOGUE, METRICS, SIGNATORIES, STATEMENTS, TABLES


def test_raw_store_keeps_bytes_once_and_logs_every_fetch(tmp_path: Path) -> None:
    store = RawStore(tmp_path)
    content = b"Doc. 1"
    doc = RawDocument("pace", "https://x/1", content, "text/plain", "2026-01-01T00:00:00Z",
                      sha256_hex(content))
    assert store.put(doc) is True
    assert store.put(doc) is False
    assert store.get(doc.sha256) == content
    assert [p["url"] for p in store.provenance()] == ["https://x/1", "https://x/1"]


def test_bulk_reads_are_stored_once_and_logged_once_per_fetch(tmp_path: Path) -> None:
    def doc(url: str, text: str, when: str = "2026-01-01T00:00:00Z") -> RawDocument:
        return RawDocument("pace", url, text.encode(), "text/plain", when, sha256_hex(text.encode()))

    batch = [doc("https://x/1", "Doc. 1"), doc("https://x/2", "Doc. 2"), doc("https://x/3", "Doc. 1")]
    assert RawStore(tmp_path).put_many(batch) == [True, True, False]
    assert RawStore(tmp_path).get(batch[1].sha256) == b"Doc. 2"
    assert not list(tmp_path.rglob("*.tmp"))
    # reading the same folder again is no new fetch; a later fetch of the same bytes is one
    store = RawStore(tmp_path)
    assert store.put_many(batch) == [False, False, False]
    assert store.put_many([doc("https://x/1", "Doc. 1", "2026-02-01T00:00:00Z")]) == [False]
    assert [(p["url"], p["fetched_at"][:7]) for p in store.provenance()] == [
        ("https://x/1", "2026-01"), ("https://x/2", "2026-01"), ("https://x/3", "2026-01"),
        ("https://x/1", "2026-02")]


def _statements() -> pl.DataFrame:
    return STATEMENTS.conform([
        {"statement_id": f"pace:{n}", "source": "pace", "year": year, "doc_type": "motion_resolution",
         "doc_no": str(n), "date": dt.date(year, 1, 2) if year else None, "languages": ["en"], "source_urls": ["u"],
         "signatory_count": 0, "signatories_complete": True, "url": "u", "raw_sha256": "s"}
        for n, year in ((2, 2020), (1, 2019), (3, None))
    ])


def test_publish_writes_hive_partitions_and_swaps_atomically(tmp_path: Path) -> None:
    df = _statements()
    version, written = publish_frame(df, STATEMENTS, tmp_path)
    assert written and (tmp_path / "statements").is_symlink()
    parts = sorted(p.relative_to(version).parts[:2] for p in version.rglob("*.parquet"))
    assert ("source=pace", "year=2019") in parts and ("source=pace", "year=2020") in parts
    meta = pq.read_metadata(next(version.rglob("*.parquet"))).metadata
    assert meta is not None and meta[b"dataset"] == b"hemicycle" and meta[b"table_name"] == b"statements"
    # same content: nothing rewritten; new content: new version, old one removed
    assert publish_frame(df, STATEMENTS, tmp_path) == (version, False)
    newer, written = publish_frame(df.head(2), STATEMENTS, tmp_path)
    assert written and newer != version and not version.exists()


def test_publish_is_byte_identical_for_identical_input(tmp_path: Path) -> None:
    a, _ = publish_frame(_statements(), STATEMENTS, tmp_path / "a")
    b, _ = publish_frame(_statements().reverse().sort("statement_id"), STATEMENTS, tmp_path / "b")
    files_a = {p.relative_to(a): p.read_bytes() for p in a.rglob("*.parquet")}
    files_b = {p.relative_to(b): p.read_bytes() for p in b.rglob("*.parquet")}
    assert files_a == files_b


def test_database_holds_its_tables_and_opens_from_anywhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    publish_frame(_statements(), STATEMENTS, tmp_path / "tables")
    db = build_database(tmp_path)
    # the file alone, in another folder, opened by its path from elsewhere: the Parquet is gone
    lone = tmp_path.parent / (tmp_path.name + "-elsewhere") / "copy.duckdb"
    lone.parent.mkdir()
    os.rename(db, lone)
    shutil.rmtree(tmp_path)
    monkeypatch.chdir("/")
    con = connect(lone)
    assert con.execute("select count(*), count(year) from statements").fetchall() == [(3, 2)]
    assert con.execute("select statement_id from statements").fetchall() == [("pace:1",), ("pace:2",), ("pace:3",)]
    # a table with no files yet is an empty table with the right columns and types
    assert [r[0] for r in con.execute("describe signatories").fetchall()] == SIGNATORIES.column_names
    assert con.execute("select count(*) from signatories_by_group").fetchall() == [(0,)]
    assert con.execute("from hemicycle_check() where not ok").fetchall() == []
    con.close()
    tables = {r[0] for r in duckdb.connect(str(lone), read_only=True)
              .execute("select table_name from duckdb_tables()").fetchall()}
    assert set(TABLES) | set(METRICS) | set(CATALOGUE) == tables
