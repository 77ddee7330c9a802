"""Crawl state in SQLite: what is known, what changed, where a backfill stopped.

One transaction per fetched URL: the raw bytes are written to the store first (atomic
rename), then the URL's row, its version history and its document's row are committed
together. A crash loses at most the URL in flight, which the next run fetches again.

- ``documents``: one row per document a source addresses (PACE FileID, EP identifier):
  ``statement`` (kept and parsed), ``skipped`` (not a statement, never refetched),
  ``missing`` (no document there), ``pending`` (fetch failed or blocked; retried).
- ``urls``: the last outcome per URL with its validators (ETag, Last-Modified).
- ``versions``: every distinct content a URL has served, with when it was first and
  last seen; a new row each time the bytes change, so nothing is overwritten.
- ``progress``: cursors (backfill position, sweep frontier).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import overload

from hemicycle.fetch.http import BLOCKED, FAILED, FETCHED, MISSING, NOT_MODIFIED, FetchOutcome, Validators
from hemicycle.fetch.store import sha256_hex

STATEMENT, SKIPPED, ABSENT, PENDING = "statement", "skipped", "missing", "pending"
DOCUMENT, LISTING = "document", "listing"

NEW, CHANGED, UNCHANGED = "new", "changed", "unchanged"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    source TEXT NOT NULL, doc_key TEXT NOT NULL, kind TEXT NOT NULL,
    doc_type TEXT, doc_date TEXT, reason TEXT,
    first_seen TEXT NOT NULL, last_checked TEXT NOT NULL, frozen INTEGER NOT NULL DEFAULT 0,
    failed_runs INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (source, doc_key));
CREATE TABLE IF NOT EXISTS urls (
    url TEXT PRIMARY KEY, source TEXT NOT NULL, doc_key TEXT NOT NULL, role TEXT NOT NULL,
    status TEXT NOT NULL, reason TEXT, http_status INTEGER,
    etag TEXT, last_modified TEXT, sha256 TEXT, content_type TEXT,
    first_seen TEXT NOT NULL, last_checked TEXT NOT NULL, failed_runs INTEGER NOT NULL DEFAULT 0);
CREATE INDEX IF NOT EXISTS urls_doc ON urls (source, doc_key);
CREATE TABLE IF NOT EXISTS versions (
    id INTEGER PRIMARY KEY AUTOINCREMENT, url TEXT NOT NULL, sha256 TEXT NOT NULL,
    content_type TEXT NOT NULL, bytes INTEGER NOT NULL,
    first_seen TEXT NOT NULL, last_seen TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS versions_url ON versions (url, id);
CREATE TABLE IF NOT EXISTS progress (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


@dataclass(frozen=True, slots=True)
class Document:
    source: str
    doc_key: str
    kind: str
    doc_type: str | None
    doc_date: str | None
    reason: str | None
    first_seen: str
    last_checked: str
    frozen: bool
    failed_runs: int


@dataclass(frozen=True, slots=True)
class Version:
    url: str
    sha256: str
    content_type: str
    bytes: int
    first_seen: str
    last_seen: str
    current: bool
    number: int  # 1 for the first content the URL served, then 2, 3...


class CrawlState:
    def __init__(self, path: Path):
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        self.path = Path(path)
        self.db = sqlite3.connect(self.path, isolation_level=None)
        self.db.row_factory = sqlite3.Row
        self.db.execute("PRAGMA journal_mode = WAL")
        self.db.execute("PRAGMA synchronous = FULL")
        self.db.executescript(_SCHEMA)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> CrawlState:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------ urls and versions
    def url(self, url: str) -> sqlite3.Row | None:
        row: sqlite3.Row | None = self.db.execute("SELECT * FROM urls WHERE url = ?", (url,)).fetchone()
        return row

    def validators(self, url: str) -> Validators:
        row = self.url(url)
        if row is None or row["sha256"] is None:
            return Validators()
        return Validators(row["etag"], row["last_modified"])

    def current_sha(self, url: str) -> str | None:
        row = self.db.execute("SELECT sha256 FROM versions WHERE url = ? ORDER BY id DESC LIMIT 1",
                              (url,)).fetchone()
        return row["sha256"] if row else None

    def record(self, outcome: FetchOutcome, source: str, doc_key: str, role: str, now: str) -> str:
        """Store one URL outcome; returns new/changed/unchanged for content, else the status."""
        with self.db:  # one transaction
            self.db.execute("BEGIN IMMEDIATE")
            return self._record(outcome, source, doc_key, role, now)

    def _record(self, outcome: FetchOutcome, source: str, doc_key: str, role: str, now: str) -> str:
        previous = self.url(outcome.url)
        change = outcome.status
        sha = previous["sha256"] if previous else None
        content_type = previous["content_type"] if previous else None
        etag = previous["etag"] if previous else None
        modified = previous["last_modified"] if previous else None
        last = self.db.execute("SELECT id, sha256 FROM versions WHERE url = ? ORDER BY id DESC LIMIT 1",
                               (outcome.url,)).fetchone()
        if outcome.status == FETCHED:
            assert outcome.content is not None
            sha, content_type = sha256_hex(outcome.content), outcome.content_type or ""
            etag, modified = outcome.validators.etag, outcome.validators.last_modified
            if last and last["sha256"] == sha:
                self.db.execute("UPDATE versions SET last_seen = ? WHERE id = ?", (now, last["id"]))
                change = UNCHANGED
            else:
                self.db.execute("INSERT INTO versions (url, sha256, content_type, bytes, first_seen, "
                                "last_seen) VALUES (?, ?, ?, ?, ?, ?)",
                                (outcome.url, sha, content_type, len(outcome.content), now, now))
                change = CHANGED if last else NEW
        elif outcome.status == NOT_MODIFIED:
            if last:
                self.db.execute("UPDATE versions SET last_seen = ? WHERE id = ?", (now, last["id"]))
            etag = outcome.validators.etag or etag
            modified = outcome.validators.last_modified or modified
            change = UNCHANGED
        self.db.execute(
            "INSERT INTO urls (url, source, doc_key, role, status, reason, http_status, etag, "
            "last_modified, sha256, content_type, first_seen, last_checked, failed_runs) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (url) DO UPDATE SET "
            "status = excluded.status, reason = excluded.reason, http_status = excluded.http_status, "
            "etag = excluded.etag, last_modified = excluded.last_modified, sha256 = excluded.sha256, "
            "content_type = excluded.content_type, last_checked = excluded.last_checked, "
            "failed_runs = CASE WHEN excluded.failed_runs = 0 THEN 0 ELSE urls.failed_runs + 1 END",
            (outcome.url, source, doc_key, role, outcome.status, outcome.reason, outcome.http_status,
             etag, modified, sha, content_type, now, now,
             int(outcome.status in (FAILED, BLOCKED))))
        return change

    def versions(self, url: str) -> list[Version]:
        rows = self.db.execute("SELECT * FROM versions WHERE url = ? ORDER BY id", (url,)).fetchall()
        return [Version(r["url"], r["sha256"], r["content_type"], r["bytes"], r["first_seen"],
                        r["last_seen"], i == len(rows) - 1, i + 1) for i, r in enumerate(rows)]

    def urls_with_status(self, source: str, statuses: tuple[str, ...]) -> list[sqlite3.Row]:
        marks = ",".join("?" * len(statuses))
        return self.db.execute(f"SELECT * FROM urls WHERE source = ? AND status IN ({marks}) ORDER BY url",
                               (source, *statuses)).fetchall()

    # ------------------------------------------------------------ documents
    def document(self, source: str, doc_key: str) -> Document | None:
        row = self.db.execute("SELECT * FROM documents WHERE source = ? AND doc_key = ?",
                              (source, doc_key)).fetchone()
        return _document(row) if row else None

    def documents(self, source: str, kinds: tuple[str, ...] | None = None) -> list[Document]:
        sql, args = "SELECT * FROM documents WHERE source = ?", [source]
        if kinds:
            sql += f" AND kind IN ({','.join('?' * len(kinds))})"
            args.extend(kinds)
        return [_document(r) for r in self.db.execute(sql + " ORDER BY doc_key", args)]

    def set_document(self, source: str, doc_key: str, kind: str, now: str, doc_type: str | None = None,
                     doc_date: str | None = None, reason: str | None = None) -> str | None:
        """Record what a document is; returns what it was before (None: not known)."""
        with self.db:
            self.db.execute("BEGIN IMMEDIATE")
            known = self.document(source, doc_key)
            failed_runs = (known.failed_runs if known else 0) + 1 if kind == PENDING else 0
            self.db.execute(
                "INSERT INTO documents (source, doc_key, kind, doc_type, doc_date, reason, first_seen, "
                "last_checked, failed_runs) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (source, doc_key) DO UPDATE SET kind = excluded.kind, "
                "doc_type = COALESCE(excluded.doc_type, doc_type), "
                "doc_date = COALESCE(excluded.doc_date, doc_date), reason = excluded.reason, "
                "last_checked = excluded.last_checked, failed_runs = excluded.failed_runs",
                (source, doc_key, kind, doc_type, doc_date, reason, now, now, failed_runs))
        return known.kind if known else None

    def freeze(self, source: str, doc_key: str) -> None:
        with self.db:
            self.db.execute("UPDATE documents SET frozen = 1 WHERE source = ? AND doc_key = ?",
                            (source, doc_key))

    def highest_numeric_key(self, source: str, kinds: tuple[str, ...]) -> int | None:
        marks = ",".join("?" * len(kinds))
        row = self.db.execute(
            f"SELECT MAX(CAST(doc_key AS INTEGER)) AS top FROM documents WHERE source = ? "
            f"AND kind IN ({marks}) AND doc_key GLOB '[0-9]*'", (source, *kinds)).fetchone()
        top: int | None = row["top"]
        return top

    def statement_versions(self, source: str) -> list[Version]:
        """Every version of every URL of every statement of ``source``, oldest first per URL."""
        rows = self.db.execute(
            "SELECT u.url FROM urls u JOIN documents d ON d.source = u.source AND d.doc_key = u.doc_key "
            "WHERE u.source = ? AND u.role = ? AND d.kind = ? ORDER BY u.url",
            (source, DOCUMENT, STATEMENT)).fetchall()
        return [v for r in rows for v in self.versions(r["url"])]

    def role_versions(self, source: str, role: str) -> list[Version]:
        """The current version of every URL of ``source`` fetched in ``role`` (e.g. roster records)."""
        rows = self.db.execute("SELECT url FROM urls WHERE source = ? AND role = ? ORDER BY url",
                               (source, role)).fetchall()
        return [versions[-1] for r in rows if (versions := self.versions(r["url"]))]

    # ------------------------------------------------------------ progress
    @overload
    def progress(self, key: str) -> str | None: ...
    @overload
    def progress(self, key: str, default: str) -> str: ...
    def progress(self, key: str, default: str | None = None) -> str | None:
        row = self.db.execute("SELECT value FROM progress WHERE key = ?", (key,)).fetchone()
        value: str | None = row["value"] if row else default
        return value

    def set_progress(self, key: str, value: str) -> None:
        with self.db:
            self.db.execute("INSERT INTO progress (key, value) VALUES (?, ?) "
                            "ON CONFLICT (key) DO UPDATE SET value = excluded.value", (key, value))

    def counts(self, source: str) -> dict[str, int]:
        """Documents by kind and URLs by last status, for reports."""
        out = {f"documents_{r['kind']}": r["n"] for r in self.db.execute(
            "SELECT kind, COUNT(*) AS n FROM documents WHERE source = ? GROUP BY kind", (source,))}
        out.update({f"urls_{r['status']}": r["n"] for r in self.db.execute(
            "SELECT status, COUNT(*) AS n FROM urls WHERE source = ? AND role = ? GROUP BY status",
            (source, DOCUMENT))})
        return out


def _document(row: sqlite3.Row) -> Document:
    return Document(row["source"], row["doc_key"], row["kind"], row["doc_type"], row["doc_date"],
                    row["reason"], row["first_seen"], row["last_checked"], bool(row["frozen"]),
                    row["failed_runs"])


__all__ = ["CrawlState", "Document", "Version", "STATEMENT", "SKIPPED", "ABSENT", "PENDING",
           "DOCUMENT", "LISTING", "NEW", "CHANGED", "UNCHANGED", "BLOCKED", "FAILED", "MISSING"]
