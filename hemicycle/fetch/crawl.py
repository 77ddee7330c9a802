"""What every source's crawler shares: fetch one URL into the store and the state.

A source module (``hemicycle.fetch.sources.*``) only decides which URLs to ask for and
what the answers mean; ``Crawl.fetch`` does the rest the same way for all of them:
conditional request when the bytes are on disk, bytes stored by SHA-256 with their
provenance, outcome and version recorded, counters kept.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Protocol

from hemicycle.fetch.http import (
    BLOCKED,
    FAILED,
    FETCHED,
    MISSING,
    NOT_MODIFIED,
    FetchOutcome,
    PoliteClient,
    Validators,
    same_resource,
)
from hemicycle.fetch.state import (
    ABSENT,
    CHANGED,
    DOCUMENT,
    NEW,
    PENDING,
    SKIPPED,
    STATEMENT,
    CrawlState,
    Document,
)
from hemicycle.fetch.store import RawStore, sha256_hex, utc_now
from hemicycle.progress import Progress
from hemicycle.records import ParsedDocument, RawDocument


class DocumentParser(Protocol):
    """What a crawl needs of the parser (``hemicycle.parse.cache.ParseCache``): a page is kept
    or skipped by what it turns out to be, and the clean stage later finds it parsed."""

    misses: int  # documents actually parsed (not found in the cache)

    def parse(self, raw: RawDocument) -> ParsedDocument: ...

    def flush(self) -> None: ...


@dataclass
class CrawlStats:
    """What one crawl of one source did; ``requests`` counts what reached the network."""

    discovered: int = 0  # documents unknown before this run
    fetched: int = 0  # responses with new bytes (a new document or a new version)
    unchanged: int = 0  # 304, or the same bytes again
    missing: int = 0
    blocked: int = 0
    failed: int = 0
    skipped: int = 0  # pages that are not statements, recorded once and never refetched
    frozen: int = 0  # documents that stopped changing this run
    parsed: int = 0  # pages parsed to classify them (parse-cache misses)
    requests: int = 0
    conditional_requests: int = 0
    responses: int = 0  # requests the host answered (any HTTP status): none means unreachable

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


@dataclass
class Fetched:
    """One URL's outcome, with the bytes now current for it (fresh or from the store)."""

    outcome: FetchOutcome
    change: str  # new | changed | unchanged, or the outcome status
    content: bytes | None = None
    content_type: str | None = None
    fetched_at: str | None = None

    @property
    def ok(self) -> bool:
        return self.content is not None


@dataclass
class Crawl:
    client: PoliteClient
    state: CrawlState
    store: RawStore
    parser: DocumentParser
    today: dt.date = field(default_factory=dt.date.today)
    stats: CrawlStats = field(default_factory=CrawlStats)
    now: Callable[[], str] = utc_now
    progress: Progress = field(default_factory=lambda: Progress("fetch", enabled=False))

    def fetch(self, url: str, source: str, doc_key: str, role: str,
              same_document: Callable[[str, str], bool] = same_resource,
              accept: str | None = None) -> Fetched:
        validators = self.state.validators(url)
        stored = self.state.current_sha(url)
        if validators and not (stored and self.store.object_path(stored).exists()):
            validators = Validators()  # the bytes a 304 would point at are gone: ask afresh
        outcome = self.client.get(url, validators, same_document=same_document, accept=accept)
        now = self.now()
        if outcome.status == FETCHED:
            assert outcome.content is not None
            content_type = outcome.content_type or "application/octet-stream"
            self.store.put(RawDocument(source=source, url=url, content=outcome.content,
                                       content_type=content_type, fetched_at=now,
                                       sha256=sha256_hex(outcome.content)))
        change = self.state.record(outcome, source, doc_key, role, now)
        self._count(outcome, change)
        self.progress.advance()
        if outcome.status in (FETCHED, NOT_MODIFIED):
            version = self.state.versions(url)[-1]
            return Fetched(outcome, change, self.store.get(version.sha256), version.content_type,
                           version.first_seen)
        return Fetched(outcome, change)

    def _count(self, outcome: FetchOutcome, change: str) -> None:
        if outcome.status == FETCHED and change in (NEW, CHANGED):
            self.stats.fetched += 1
        elif outcome.status in (FETCHED, NOT_MODIFIED):
            self.stats.unchanged += 1
        elif outcome.status == MISSING:
            self.stats.missing += 1
        elif outcome.status == BLOCKED:
            self.stats.blocked += 1
        elif outcome.status == FAILED:
            self.stats.failed += 1

    def parse(self, fetched: Fetched, source: str, url: str) -> ParsedDocument:
        """Parse current bytes through the shared cache, so the clean stage finds them parsed."""
        assert fetched.content is not None
        raw = RawDocument(source=source, url=url, content=fetched.content,
                          content_type=fetched.content_type or "application/octet-stream",
                          fetched_at=fetched.fetched_at or self.now(), sha256=sha256_hex(fetched.content))
        return self.parser.parse(raw)

    def finish(self) -> CrawlStats:
        self.parser.flush()
        self.stats.requests = self.client.stats["requests"]
        self.stats.conditional_requests = self.client.stats["conditional_requests"]
        self.stats.responses = self.client.stats["responses"]
        self.stats.parsed = self.parser.misses
        return self.stats


def days_since(iso: str | None, today: dt.date) -> int | None:
    if not iso:
        return None
    return (today - dt.date.fromisoformat(iso[:10])).days


def parse_cache_dir(out_dir: Path) -> Path:
    return out_dir / "cache" / "parsed"


Classification = tuple[str, str | None, str | None, str | None]  # kind, doc_type, date, reason


class DocumentCrawler:
    """Shared life cycle of a source's documents: settle what a page is, refresh, retry."""

    source: str = ""

    def __init__(self, crawl: Crawl, grace_days: int = 14, retry_runs: int = 10):
        self.crawl = crawl
        self.grace_days = grace_days  # any statement is refetched this long after it was found
        self.retry_runs = retry_runs  # a failed or blocked page is retried in this many runs

    def visit(self, doc_key: str) -> str:
        raise NotImplementedError

    def same_document(self, original: str, target: str) -> bool:
        return same_resource(original, target)

    def still_open(self, doc: Document) -> bool:
        """Whether a statement may still change; by default only in its first days."""
        return (days_since(doc.first_seen, self.crawl.today) or 0) <= self.grace_days

    def settle(self, doc_key: str, fetched: Fetched,
               classify: Callable[[Fetched], Classification]) -> str:
        """Record what the document behind a fetched main URL is; returns its kind."""
        state, now = self.crawl.state, self.crawl.now()
        if not fetched.ok:
            known = state.document(self.source, doc_key)
            if known and known.kind in (STATEMENT, SKIPPED):
                return known.kind  # read before: the URL's row records today's failure
            status = fetched.outcome.status
            kind = ABSENT if status == MISSING else PENDING
            state.set_document(self.source, doc_key, kind, now, reason=f"{status}: {fetched.outcome.reason}")
            return kind
        kind, doc_type, date, reason = classify(fetched)
        before = state.set_document(self.source, doc_key, kind, now, doc_type=doc_type, doc_date=date,
                                    reason=reason)
        if kind != before and kind == STATEMENT:  # new, or read at last after failing
            self.crawl.stats.discovered += 1
        elif kind != before and kind == SKIPPED:
            self.crawl.stats.skipped += 1
        return kind

    def refresh(self) -> None:
        """Refetch statements that may still change, retry what failed, freeze the rest."""
        state, visited = self.crawl.state, set()
        for doc in state.documents(self.source, (STATEMENT,)):
            if doc.frozen:
                continue
            if not self.still_open(doc):
                state.freeze(self.source, doc.doc_key)
                self.crawl.stats.frozen += 1
                continue
            self.visit(doc.doc_key)
            visited.add(doc.doc_key)
        for doc in state.documents(self.source, (PENDING,)):
            if doc.failed_runs < self.retry_runs:
                self.visit(doc.doc_key)
                visited.add(doc.doc_key)
        for row in state.urls_with_status(self.source, (FAILED, BLOCKED)):  # e.g. one language of many
            owner = state.document(self.source, row["doc_key"])
            if row["role"] == DOCUMENT and row["doc_key"] not in visited and owner is not None \
                    and owner.kind == STATEMENT and row["failed_runs"] < self.retry_runs:
                self.crawl.fetch(row["url"], self.source, row["doc_key"], DOCUMENT,
                                 same_document=self.same_document)
